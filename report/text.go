package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/customslint/customslint/validate"
)

// textWriter prints findings like a compiler: path:line:col: severity:
// message [rule], then a summary line. The findings of a file come after
// a line naming the profile and message type it was checked as, and the
// category of a CDS declaration: "path: checked as cds CDS-DEC, category
// H1".
type textWriter struct {
	w *bufio.Writer
	n tally
}

// NewText returns the text writer: one line per finding, like a
// compiler's messages (after a line naming the profile, message type and
// CDS category the file was checked as), then a summary line.
func NewText(w io.Writer) Writer { return &textWriter{w: bufio.NewWriter(w)} }

func (t *textWriter) File(f validate.FileReport) {
	if len(f.Findings) > 0 && f.Profile != "" {
		fmt.Fprintf(t.w, "%s: %s\n", DisplayPath(f.Path), checkedAs(f))
	}
	for _, x := range f.Findings {
		t.w.WriteString(FindingLine(f.Path, x))
		t.w.WriteByte('\n')
	}
	t.n.add(f)
	t.w.Flush()
}

func (t *textWriter) Close(end End) error {
	for _, u := range end.Unchecked {
		fmt.Fprintf(t.w, "%s: not checked: %s\n", DisplayPath(u.Path), u.Reason)
	}
	fmt.Fprintln(t.w, t.n.line(end, true))
	return t.w.Flush()
}

// checkedAs names what a file was checked as: "checked as ctc-p5 CC043C",
// "checked as cds CDS-DEC, category H1".
func checkedAs(f validate.FileReport) string {
	s := "checked as " + string(f.Profile)
	if f.MessageType != "" {
		s += " " + f.MessageType
	}
	if f.Category != "" {
		s += ", category " + f.Category
	}
	return s
}
