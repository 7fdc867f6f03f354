// Package report writes customslint's reports: text (like a compiler's
// messages), JSON (CONTRACT.md, docs/report.schema.json), SARIF 2.1.0,
// JUnit XML and GitHub Actions workflow commands. Every writer takes the
// files' reports one by one, as a run produces them, and ends the report
// with Close; the formats whose every part can be written in order (text,
// github, json, sarif) hold nothing of the files already written.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Writer writes a report file by file, as results arrive.
type Writer interface {
	// File adds one file's report.
	File(validate.FileReport)
	// Close writes what comes after the files (the inputs not checked,
	// the summary) and flushes; it returns the first write error.
	Close(End) error
}

// End is how a run ended, for the end of its reports.
type End struct {
	// Unchecked are the inputs not checked, in input order.
	Unchecked []validate.Unchecked
	// Interrupted says that SIGINT, SIGTERM or a cancelled context
	// stopped the run.
	Interrupted bool
	// ExitCode is the run's exit code (SARIF records it).
	ExitCode int
}

// Incomplete reports whether the report leaves inputs out.
func (e End) Incomplete() bool { return e.Interrupted || len(e.Unchecked) > 0 }

// formats are the writers by format name, in the order FormatNames gives.
var formats = []struct {
	name string
	new  func(io.Writer) Writer
}{
	{"text", NewText},
	{"json", NewJSON},
	{"sarif", NewSARIF},
	{"junit", NewJUnit},
	{"github", NewGitHub},
}

// FormatNames lists the formats, for messages.
const FormatNames = "text, json, sarif, junit or github"

// Formats returns the names of the formats New knows.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// IsFormat reports whether New knows the format name.
func IsFormat(name string) bool { return slices.Contains(Formats(), name) }

// New returns the writer of the format name (one of Formats) that writes
// to w.
func New(format string, w io.Writer) (Writer, error) {
	for _, f := range formats {
		if f.name == format {
			return f.new(w), nil
		}
	}
	return nil, fmt.Errorf("unknown report format %q (want %s)", format, FormatNames)
}

// Multi sends every file report to several writers.
type Multi []Writer

// File adds f to every writer.
func (m Multi) File(f validate.FileReport) {
	for _, w := range m {
		w.File(f)
	}
}

// Close closes every writer and returns the first error.
func (m Multi) Close(end End) error {
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
func (t tally) line(end End, withErrors bool) string {
	s := fmt.Sprintf("%s checked: %s, %s", Plural(t.files, "file"), Plural(t.errors, "error"), Plural(t.warnings, "warning"))
	if withErrors && t.withErrors > 0 {
		s += fmt.Sprintf(" (%s with errors)", Plural(t.withErrors, "file"))
	}
	if n := len(end.Unchecked); n > 0 {
		s += fmt.Sprintf("; %s not checked", Plural(n, "file"))
	}
	if end.Interrupted {
		s += "; INCOMPLETE: the run was interrupted"
	}
	return s
}

// Plural is n and word, with an s unless n is 1: "1 file", "2 errors".
func Plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// DisplayPath is a file name as the text formats show it: as it is,
// unless it holds what would garble a line (a colon, which separates the
// position, a line break or another control character, a leading quote):
// then quoted as Go quotes strings.
func DisplayPath(p string) string {
	if strings.HasPrefix(p, `"`) || strings.ContainsFunc(p, func(r rune) bool { return r == ':' || !unicode.IsPrint(r) && r != ' ' }) {
		return strconv.Quote(p)
	}
	return p
}

// FindingLine is a finding of the file path as the text format prints it:
// path:line:col: severity: message [rule CODE].
func FindingLine(path string, x validate.Finding) string {
	path = DisplayPath(path)
	if x.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", path, x.Line, x.Column, x.Severity, x.Message, ruleAndCode(x))
	}
	return fmt.Sprintf("%s:%d: %s: %s [%s]", path, x.Line, x.Severity, x.Message, ruleAndCode(x))
}

// ruleAndCode names a finding's rule, then its authority's code when it
// has one: "ctc-r0028 R0028", "xsd".
func ruleAndCode(x validate.Finding) string {
	if x.Code == "" {
		return x.Rule
	}
	return x.Rule + " " + x.Code
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
