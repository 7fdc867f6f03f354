package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/customslint/customslint/validate"
)

// textWriter prints findings like a compiler: path:line:col: severity:
// message [rule], then a summary line. The findings of a CDS declaration
// whose category is known come after a line that names it beside the
// profile: path (cds, category H1).
type textWriter struct {
	w *bufio.Writer
	n tally
}

// NewText returns the text writer: one line per finding, like a
// compiler's messages (after a line naming the category of a CDS
// declaration), then a summary line.
func NewText(w io.Writer) Writer { return &textWriter{w: bufio.NewWriter(w)} }

func (t *textWriter) File(f validate.FileReport) {
	if f.Category != "" && len(f.Findings) > 0 {
		fmt.Fprintf(t.w, "%s (%s, category %s)\n", DisplayPath(f.Path), f.Profile, f.Category)
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
