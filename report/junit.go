package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// JUnit XML: one testsuite, one testcase per file, a failure per error
// finding; warnings and infos go to system-out.
type (
	junitCase struct {
		XMLName   xml.Name       `xml:"testcase"`
		Name      string         `xml:"name,attr"`
		ClassName string         `xml:"classname,attr"`
		Failures  []junitFailure `xml:"failure"`
		Errors    []junitFailure `xml:"error"`
		SystemOut string         `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// junitMessage is a failure's message: the finding's, then its
// authority's code in brackets when it has one.
func junitMessage(x validate.Finding) string {
	if x.Code == "" {
		return x.Message
	}
	return x.Message + " [" + x.Code + "]"
}

// junitWriter writes JUnit XML. The counts come first in the document,
// so the test cases are encoded as their files arrive (the findings are
// not kept) and written after the counts at Close.
type junitWriter struct {
	w        io.Writer
	cases    bytes.Buffer
	tests    int
	failures int
	err      error
}

// NewJUnit returns the writer of JUnit XML (CI test reports): a test case
// per file, a failure per error finding, the other findings in system-out,
// an error per input not checked.
func NewJUnit(w io.Writer) Writer { return &junitWriter{w: w} }

func (j *junitWriter) add(c junitCase) {
	enc := xml.NewEncoder(&j.cases)
	enc.Indent("    ", "  ")
	j.cases.WriteString("\n")
	if err := enc.Encode(c); err != nil && j.err == nil {
		j.err = err
	}
	j.tests++
}

func (j *junitWriter) File(f validate.FileReport) {
	c := junitCase{Name: f.Path, ClassName: "customslint." + f.MessageType}
	var out []string
	for _, x := range f.Findings {
		if x.Severity == rules.Error {
			c.Failures = append(c.Failures, junitFailure{Message: junitMessage(x), Type: x.Rule, Text: FindingLine(f.Path, x)})
		} else {
			out = append(out, FindingLine(f.Path, x))
		}
	}
	c.SystemOut = strings.Join(out, "\n")
	if len(c.Failures) > 0 {
		j.failures++
	}
	j.add(c)
}

// Close writes the document: an input not checked is a test case with an
// error, so a run that was interrupted never passes.
func (j *junitWriter) Close(end End) error {
	for _, u := range end.Unchecked {
		j.add(junitCase{Name: u.Path, ClassName: "customslint.unchecked", Errors: []junitFailure{{Message: "not checked: " + u.Reason, Type: "not-checked", Text: DisplayPath(u.Path) + ": not checked: " + u.Reason}}})
	}
	if j.err != nil {
		return j.err
	}
	errs := len(end.Unchecked)
	w := bufio.NewWriter(j.w)
	w.WriteString(xml.Header)
	fmt.Fprintf(w, "<testsuites name=\"customslint\" tests=\"%d\" failures=\"%d\" errors=\"%d\">\n", j.tests, j.failures, errs)
	fmt.Fprintf(w, "  <testsuite name=\"customslint\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">", j.tests, j.failures, errs)
	w.Write(j.cases.Bytes())
	w.WriteString("\n  </testsuite>\n</testsuites>\n")
	return w.Flush()
}
