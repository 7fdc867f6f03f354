package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/customslint/customslint/validate"
)

// reportWriter writes a report file by file.
type reportWriter interface {
	File(validate.FileReport)
	Close() error // writes what remains (summary) and flushes
}

var writers = map[string]func(io.Writer) reportWriter{
	"text":   func(w io.Writer) reportWriter { return &textWriter{w: bufio.NewWriter(w)} },
	"json":   collecting(writeJSON),
	"sarif":  collecting(writeSARIF),
	"junit":  collecting(writeJUnit),
	"github": func(w io.Writer) reportWriter { return &githubWriter{w: w} },
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

func (m multiWriter) Close() error {
	var first error
	for _, w := range m {
		if err := w.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// textWriter prints findings like a compiler: path:line:col: severity:
// message [rule], then a summary line.
type textWriter struct {
	w     *bufio.Writer
	files []validate.FileReport
}

func (t *textWriter) File(f validate.FileReport) {
	for _, x := range f.Findings {
		switch {
		case x.Column > 0:
			fmt.Fprintf(t.w, "%s:%d:%d: %s: %s [%s]\n", f.Path, x.Line, x.Column, x.Severity, x.Message, x.Rule)
		default:
			fmt.Fprintf(t.w, "%s:%d: %s: %s [%s]\n", f.Path, x.Line, x.Severity, x.Message, x.Rule)
		}
	}
	// Keep only the counts; findings are already written.
	t.files = append(t.files, validate.FileReport{Findings: f.Findings})
	t.w.Flush()
}

func (t *textWriter) Close() error {
	s := validate.NewReport(t.files).Summary
	withErrors := 0
	for _, f := range t.files {
		if f.HasErrors() {
			withErrors++
		}
	}
	fmt.Fprintf(t.w, "%s checked: %s, %s", plural(s.Files, "file"), plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	if withErrors > 0 {
		fmt.Fprintf(t.w, " (%s with errors)", plural(withErrors, "file"))
	}
	fmt.Fprintln(t.w)
	return t.w.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeJSON writes the JSON report of CONTRACT.md.
func writeJSON(w io.Writer, rep validate.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
