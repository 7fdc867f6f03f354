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
	"text": func(w io.Writer) reportWriter { return &textWriter{w: bufio.NewWriter(w)} },
	"json": func(w io.Writer) reportWriter { return &jsonWriter{w: w} },
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

// jsonWriter writes the JSON report of CONTRACT.md at the end.
type jsonWriter struct {
	w     io.Writer
	files []validate.FileReport
}

func (j *jsonWriter) File(f validate.FileReport) { j.files = append(j.files, f) }

func (j *jsonWriter) Close() error {
	enc := json.NewEncoder(j.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(validate.NewReport(j.files))
}
