package hmrcvalidator

import (
	"testing"
	"unicode/utf8"

	"github.com/customslint/customslint/validate"
)

// FuzzXMLErrors: any message bytes and any place and message of a finding
// are worded without failing, at a place inside the message or libxml2's
// own.
func FuzzXMLErrors(f *testing.F) {
	f.Add([]byte(arrival), 8, 5, "Element 'CustomsOfficeOfDestinationActual': Missing child element(s). Expected is ( referenceNumber ).")
	f.Add([]byte(arrival), 5, 9, "Element 'MRN': [facet 'length'] The value has a length of '17'; this differs from the allowed length of '18'.")
	f.Add([]byte("<a><!--<b>--><![CDATA[<c>]]><?p <d>?><e x='>'/></a>"), 1, 1, "Element 'a': Missing child element(s). Expected is ( z ).")
	f.Add([]byte("<é>é</é>\n<é/>"), 2, 1, "Element 'é': [facet 'pattern'] The value 'é' is not accepted by the pattern 'x'.")
	f.Fuzz(func(t *testing.T, data []byte, line, col int, msg string) {
		got := XMLErrors(nil, data, []validate.Finding{finding(line, col, "/a", msg), finding(line, col+1, "/a/b", msg)})
		if len(got) < 2 {
			t.Fatalf("%d errors for 2 findings", len(got))
		}
		// Lines as XML counts them: a line ends at LF, CR LF or a lone CR
		// (XML 1.0 section 2.11), as libxml2 and Xerces count.
		lines := 1
		for i, c := range data {
			if c == '\n' || (c == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
				lines++
			}
		}
		for _, e := range got {
			if (e.LineNumber != line || (e.ColumnNumber != col && e.ColumnNumber != col+1)) &&
				(e.LineNumber < 1 || e.LineNumber > lines || e.ColumnNumber < 1 || e.ColumnNumber > utf8.RuneCount(data)+1) {
				t.Fatalf("error at %d:%d, outside the message", e.LineNumber, e.ColumnNumber)
			}
		}
	})
}
