package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// reportWriter writes a report file by file, as results arrive; formats
// whose every part can be written in order (text, github, json, sarif)
// hold nothing of the files already written.
type reportWriter interface {
	File(validate.FileReport)
	// Close writes what comes after the files (the inputs not checked,
	// the summary) and flushes.
	Close(runEnd) error
}

// runEnd is how a run ended, for the end of its reports.
type runEnd struct {
	unchecked   []validate.Unchecked // inputs not checked, in input order
	interrupted bool                 // SIGINT or SIGTERM stopped the run
	exitCode    int
}

// incomplete reports whether the report leaves inputs out.
func (e runEnd) incomplete() bool { return e.interrupted || len(e.unchecked) > 0 }

var writers = map[string]func(io.Writer) reportWriter{
	"text":   func(w io.Writer) reportWriter { return &textWriter{w: bufio.NewWriter(w)} },
	"json":   func(w io.Writer) reportWriter { return &jsonWriter{w: bufio.NewWriter(w)} },
	"sarif":  func(w io.Writer) reportWriter { return &sarifWriter{w: bufio.NewWriter(w)} },
	"junit":  func(w io.Writer) reportWriter { return &junitWriter{w: w} },
	"github": func(w io.Writer) reportWriter { return &githubWriter{w: bufio.NewWriter(w)} },
}

// formatNames lists the formats for messages.
const formatNames = "text, json, sarif, junit or github"

// multiWriter sends every file report to several writers.
type multiWriter []reportWriter

func (m multiWriter) File(f validate.FileReport) {
	for _, w := range m {
		w.File(f)
	}
}

func (m multiWriter) Close(end runEnd) error {
	var first error
	for _, w := range m {
		if err := w.Close(end); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// tally counts what the files of a report hold.
type tally struct {
	files, errors, warnings, withErrors int
}

func (t *tally) add(f validate.FileReport) {
	t.files++
	e := f.Count(rules.Error)
	t.errors += e
	t.warnings += f.Count(rules.Warning)
	if e > 0 {
		t.withErrors++
	}
}

func (t tally) summary() validate.Summary {
	return validate.Summary{Files: t.files, Errors: t.errors, Warnings: t.warnings}
}

// line is the summary line of the text and github formats (the files with
// errors only in text).
func (t tally) line(end runEnd, withErrors bool) string {
	s := fmt.Sprintf("%s checked: %s, %s", plural(t.files, "file"), plural(t.errors, "error"), plural(t.warnings, "warning"))
	if withErrors && t.withErrors > 0 {
		s += fmt.Sprintf(" (%s with errors)", plural(t.withErrors, "file"))
	}
	if n := len(end.unchecked); n > 0 {
		s += fmt.Sprintf("; %s not checked", plural(n, "file"))
	}
	if end.interrupted {
		s += "; INCOMPLETE: the run was interrupted"
	}
	return s
}

// displayPath is a file name as the text formats show it: as it is,
// unless it holds what would garble a line (a colon, which separates the
// position, a line break or another control character, a leading quote):
// then quoted as Go quotes strings.
func displayPath(p string) string {
	if strings.HasPrefix(p, `"`) || strings.ContainsFunc(p, func(r rune) bool { return r == ':' || !unicode.IsPrint(r) && r != ' ' }) {
		return strconv.Quote(p)
	}
	return p
}

// textWriter prints findings like a compiler: path:line:col: severity:
// message [rule], then a summary line.
type textWriter struct {
	w *bufio.Writer
	n tally
}

func (t *textWriter) File(f validate.FileReport) {
	if len(f.Findings) > 0 && f.Profile != "" {
		fmt.Fprintf(t.w, "%s: checked as %s %s\n", displayPath(f.Path), f.Profile, f.MessageType)
	}
	for _, x := range f.Findings {
		t.w.WriteString(findingLine(f.Path, x))
		t.w.WriteByte('\n')
	}
	t.n.add(f)
	t.w.Flush()
}

func (t *textWriter) Close(end runEnd) error {
	for _, u := range end.unchecked {
		fmt.Fprintf(t.w, "%s: not checked: %s\n", displayPath(u.Path), u.Reason)
	}
	fmt.Fprintln(t.w, t.n.line(end, true))
	return t.w.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeIndented writes v as indented JSON whose lines start with prefix,
// without the final newline.
func writeIndented(w io.Writer, v any, prefix string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	return err
}

// jsonWriter streams the JSON report of CONTRACT.md: each file entry is
// written as it arrives, the summary (and the inputs not checked) at the
// end.
type jsonWriter struct {
	w   *bufio.Writer
	n   tally
	err error
}

func (j *jsonWriter) File(f validate.FileReport) {
	if j.n.files == 0 {
		j.w.WriteString("{\n  \"version\": 1,\n  \"files\": [\n    ")
	} else {
		j.w.WriteString(",\n    ")
	}
	if f.Findings == nil {
		f.Findings = []validate.Finding{}
	}
	if err := writeIndented(j.w, f, "    "); err != nil && j.err == nil {
		j.err = err
	}
	j.n.add(f)
	if j.w.Buffered() > 32<<10 {
		j.w.Flush()
	}
}

func (j *jsonWriter) Close(end runEnd) error {
	if j.n.files == 0 {
		j.w.WriteString("{\n  \"version\": 1,\n  \"files\": [],\n  \"summary\": ")
	} else {
		j.w.WriteString("\n  ],\n  \"summary\": ")
	}
	tail := validate.Report{Summary: j.n.summary(), Incomplete: end.incomplete(), Interrupted: end.interrupted, Unchecked: end.unchecked}
	writeIndented(j.w, tail.Summary, "  ")
	if tail.Incomplete {
		j.w.WriteString(",\n  \"incomplete\": true")
		if tail.Interrupted {
			j.w.WriteString(",\n  \"interrupted\": true")
		}
		j.w.WriteString(",\n  \"unchecked\": ")
		unchecked := tail.Unchecked
		if unchecked == nil {
			unchecked = []validate.Unchecked{}
		}
		writeIndented(j.w, unchecked, "  ")
	}
	j.w.WriteString("\n}\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// reportFile is a report written to a temporary file beside its
// destination and moved into place only when complete, so that a run that
// fails or is killed leaves the previous report as it was (at worst with
// a stray .NAME.*.tmp beside it). A destination that exists and is not a
// regular file (/dev/null, a pipe) is written directly.
type reportFile struct {
	f    *os.File
	dest string // the destination, symbolic links resolved
	tmp  string // "" when writing directly
}

// createReport opens the temporary file for the report destined for dest.
func createReport(dest string) (*reportFile, error) {
	if resolved, err := filepath.EvalSymlinks(dest); err == nil {
		dest = resolved
	}
	mode := os.FileMode(0o666) &^ umask()
	if st, err := os.Stat(dest); err == nil {
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				return nil, err
			}
			return &reportFile{f: f, dest: dest}, nil
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", dest, err)
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("report %s: %w", dest, err)
	}
	return &reportFile{f: f, dest: dest, tmp: f.Name()}, nil
}

// Write writes to the temporary file.
func (r *reportFile) Write(p []byte) (int, error) { return r.f.Write(p) }

// errKept says that an interrupted run left the previous report in place.
var errKept = errors.New("the run was interrupted: the previous report was kept")

// commit moves the complete report into place. With replace false (an
// interrupted run) it never replaces a report already there: it returns
// errKept and removes its own; where there was none, the report, marked
// incomplete, takes its place.
func (r *reportFile) commit(replace bool) error {
	if r.tmp == "" {
		return r.f.Close()
	}
	err := r.f.Sync()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(r.tmp)
		return fmt.Errorf("report %s: %w", r.dest, err)
	}
	if replace {
		err = os.Rename(r.tmp, r.dest)
	} else {
		// A hard link does not replace an existing file: no window in
		// which another run's report could be overwritten.
		err = os.Link(r.tmp, r.dest)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// No hard links here: rename when nothing is there.
			switch _, serr := os.Lstat(r.dest); {
			case errors.Is(serr, fs.ErrNotExist):
				err = os.Rename(r.tmp, r.dest)
			case serr == nil:
				err = errKept
			}
		}
		if errors.Is(err, fs.ErrExist) {
			err = errKept
		}
		os.Remove(r.tmp)
	}
	if err != nil && err != errKept {
		os.Remove(r.tmp)
		return fmt.Errorf("report %s: %w", r.dest, err)
	}
	return err
}

// abort drops the temporary file; the previous report stays.
func (r *reportFile) abort() {
	r.f.Close()
	if r.tmp != "" {
		os.Remove(r.tmp)
	}
}

// umask is the process's file mode creation mask (Linux reports it in
// /proc/self/status), 022 where it cannot be read.
func umask() os.FileMode {
	data, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return os.FileMode(n) & 0o777
				}
			}
		}
	}
	return 0o022
}
