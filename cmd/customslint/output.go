package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/customslint/customslint/report"
	"github.com/customslint/customslint/validate"
)

// checkOutput is where a check run's reports go. Report files are written
// beside their destination and moved into place at the end (reportFile);
// until then the previous ones stay.
type checkOutput struct {
	w     report.Multi
	files []*reportFile   // not committed yet
	skip  map[string]bool // the report files: not messages to check
}

// open opens each report: on stdout or in its file.
func (o *checkOutput) open(specs []reportSpec, stdout io.Writer) error {
	for _, sp := range specs {
		var w io.Writer = stdout
		if sp.file != "" {
			f, err := o.create(sp.file)
			if err != nil {
				return err
			}
			w = f
		}
		rw, err := report.New(sp.format, w)
		if err != nil {
			return err
		}
		o.w = append(o.w, rw)
	}
	return nil
}

// create creates the report file name; a report written into a checked
// folder is not a message to check.
func (o *checkOutput) create(name string) (*reportFile, error) {
	f, err := createReport(name)
	if err != nil {
		return nil, err
	}
	o.files = append(o.files, f)
	o.skip[absPath(name)] = true
	return f, nil
}

// abort drops the report files not committed, keeping the previous ones.
func (o *checkOutput) abort() {
	for _, f := range o.files {
		f.abort()
	}
}

// finish ends the reports and moves the files into place (unless the run
// was interrupted); it returns check's exit code.
func (o *checkOutput) finish(t *checkTally, stderr io.Writer) int {
	code := t.exitCode()
	if err := o.w.Close(report.End{Unchecked: t.unchecked, Interrupted: t.interrupted, ExitCode: code}); err != nil {
		fmt.Fprintf(stderr, "customslint: write report: %v\n", err)
		return exitUsage // the deferred abort keeps the previous reports
	}
	for len(o.files) > 0 {
		f := o.files[0]
		o.files = o.files[1:]
		switch err := f.commit(!t.interrupted); {
		case errors.Is(err, errKept):
			fmt.Fprintf(stderr, "customslint: %s: %v\n", f.dest, err)
		case err != nil:
			fmt.Fprintf(stderr, "customslint: %v\n", err)
			code = exitUsage
		}
	}
	if t.interrupted {
		fmt.Fprintf(stderr, "customslint: interrupted: %s not checked\n", report.Plural(len(t.unchecked), "file"))
	}
	return code
}

// checkTally gathers what a run's results say for its exit code and the
// end of its reports.
type checkTally struct {
	stderr      io.Writer
	failed      bool // an input or the schemas failed
	hasErrors   bool // a report has an error finding
	interrupted bool // an interruption left inputs unchecked
	schemaErrs  map[string]bool
	unchecked   []validate.Unchecked
}

// record takes in's result and says whether its report is to be written.
func (t *checkTally) record(ctx context.Context, in input, r result) bool {
	if r.err != nil {
		t.failed = true
		if !errors.Is(r.err, validate.ErrSchema) {
			// Interrupted, or unreadable: whatever the report holds
			// is not a check of the file, so it is listed as not
			// checked rather than with its (no) findings.
			reason := r.err.Error()
			if ctx.Err() != nil {
				reason, t.interrupted = "the run was interrupted", true
			} else {
				fmt.Fprintf(t.stderr, "customslint: %v\n", r.err)
			}
			t.unchecked = append(t.unchecked, validate.Unchecked{Path: in.path, Reason: reason})
			return false
		}
		// Report a broken bundle once, not once per file; the file's
		// report says it was not validated.
		if msg := r.err.Error(); !t.schemaErrs[msg] {
			t.schemaErrs[msg] = true
			fmt.Fprintf(t.stderr, "customslint: %v\n", r.err)
		}
	}
	t.hasErrors = t.hasErrors || r.report.HasErrors()
	return true
}

// exitCode is the run's: an interruption after the last check leaves a
// complete report.
func (t *checkTally) exitCode() int {
	switch {
	case t.failed || t.interrupted:
		return exitUsage
	case t.hasErrors:
		return exitFindings
	}
	return exitOK
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
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
