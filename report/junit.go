package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// JUnit XML: one testsuite, one testcase per file (name and file: the
// path; classname: customslint.MESSAGE-TYPE), at most one failure per
// testcase holding every error finding, warnings and infos in system-out.
//
// One failure per testcase because Jenkins' JUnit plugin and GitLab's
// test report each read only the first failure element of a testcase: a
// file with three errors written as three failures showed one. The
// failure's message counts the errors and quotes the first; its text
// lists every error line. GitLab links a testcase to its file through the
// file attribute, which Jenkins ignores.
type (
	junitCase struct {
		XMLName   xml.Name       `xml:"testcase"`
		Name      string         `xml:"name,attr"`
		ClassName string         `xml:"classname,attr"`
		File      string         `xml:"file,attr,omitempty"`
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
	c := junitCase{Name: f.Path, ClassName: "customslint." + f.MessageType, File: junitFile(f.Path)}
	var out, errs []string
	var first *validate.Finding
	for i, x := range f.Findings {
		if x.Severity == rules.Error {
			if first == nil {
				first = &f.Findings[i]
			}
			errs = append(errs, FindingLine(f.Path, x))
		} else {
			out = append(out, FindingLine(f.Path, x))
		}
	}
	if first != nil {
		msg := junitMessage(*first)
		if len(errs) > 1 {
			msg = fmt.Sprintf("%d errors; the first: %s", len(errs), msg)
		}
		c.Failures = []junitFailure{{Message: msg, Type: first.Rule, Text: strings.Join(errs, "\n")}}
		j.failures++
	}
	c.SystemOut = strings.Join(out, "\n")
	j.add(c)
}

// junitFile is a testcase's file attribute: the path with forward
// slashes; none for standard input.
func junitFile(p string) string {
	if p == "<stdin>" || p == "" {
		return ""
	}
	return filepath.ToSlash(p)
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
