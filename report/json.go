package report

import (
	"bufio"
	"io"

	"github.com/customslint/customslint/validate"
)

// jsonWriter streams the JSON report of CONTRACT.md: each file entry is
// written as it arrives, the summary (and the inputs not checked) at the
// end.
type jsonWriter struct {
	w   *bufio.Writer
	n   tally
	err error
}

// NewJSON returns the writer of the JSON report (docs/report.md,
// docs/report.schema.json).
func NewJSON(w io.Writer) Writer { return &jsonWriter{w: bufio.NewWriter(w)} }

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

func (j *jsonWriter) Close(end End) error {
	if j.n.files == 0 {
		j.w.WriteString("{\n  \"version\": 1,\n  \"files\": [],\n  \"summary\": ")
	} else {
		j.w.WriteString("\n  ],\n  \"summary\": ")
	}
	tail := validate.Report{Summary: j.n.summary(), Incomplete: end.Incomplete(), Interrupted: end.Interrupted, Unchecked: end.Unchecked}
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
