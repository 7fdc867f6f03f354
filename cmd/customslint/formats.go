package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Machine-readable formats beyond text and json: SARIF 2.1.0 (GitHub code
// scanning), JUnit XML (CI test reports) and GitHub Actions workflow
// commands (annotations on pull requests).

// helpBase is where each rule's documentation lives (docs/rules.md, made
// from the rule registry).
const helpBase = "https://github.com/customslint/customslint/blob/main/docs/rules.md#"

// SARIF 2.1.0, the parts customslint writes.
type (
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ExitCode                   int                 `json:"exitCode"`
		ExitCodeDescription        string              `json:"exitCodeDescription,omitempty"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		FullDescription      sarifMessage `json:"fullDescription"`
		HelpURI              string       `json:"helpUri"`
		DefaultConfiguration struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifMessage    `json:"message"`
		Locations  []sarifLocation `json:"locations"`
		Properties *sarifProps     `json:"properties,omitempty"`
	}
	// sarifProps is a result's property bag: the authority's code of the
	// finding, the category of the CDS declaration it is in.
	sarifProps struct {
		Code     string `json:"code,omitempty"`
		Category string `json:"category,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical  `json:"physicalLocation"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *sarifRegion `json:"region,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
)

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// ruleName turns a rule ID into the PascalCase name SARIF viewers show:
// cds-amendment-pointer -> CdsAmendmentPointer.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '-' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// artifactURI makes a report path relative to the working directory, with
// forward slashes, as code scanning expects.
func artifactURI(p string) string {
	if p == "<stdin>" {
		return "stdin"
	}
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(filepath.Clean(p))
	if filepath.IsAbs(p) {
		return "file://" + p
	}
	return p
}

// sarifWriter streams a SARIF 2.1.0 log with one run: the tool and its
// rules first, each result as its file arrives, then the invocation, which
// says whether the run checked every input and its exit code.
type sarifWriter struct {
	w       *bufio.Writer
	index   map[string]int
	results int
	err     error
}

func (s *sarifWriter) keep(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

func (s *sarifWriter) head() {
	all := rules.All()
	s.index = map[string]int{}
	driver := sarifDriver{Name: "customslint", Version: buildVersion(), InformationURI: "https://github.com/customslint/customslint"}
	for i, r := range all {
		s.index[r.ID] = i
		sr := sarifRule{ID: r.ID, Name: ruleName(r.ID), ShortDescription: sarifMessage{r.Summary}, FullDescription: sarifMessage{strings.TrimSpace(r.Doc)}, HelpURI: helpBase + r.ID}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		driver.Rules = append(driver.Rules, sr)
	}
	s.w.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	s.keep(writeIndented(s.w, sarifTool{Driver: driver}, "      "))
	s.w.WriteString(",\n      \"results\": [")
}

func (s *sarifWriter) File(f validate.FileReport) {
	if s.index == nil {
		s.head()
	}
	uri := artifactURI(f.Path)
	for _, x := range f.Findings {
		res := sarifResult{RuleID: x.Rule, RuleIndex: s.index[x.Rule], Level: sarifLevel(x.Severity), Message: sarifMessage{x.Message}}
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation.URI = uri
		if x.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.Line, StartColumn: x.Column}
		}
		if x.Path != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: x.Path, Kind: "element"}}
		}
		res.Locations = []sarifLocation{loc}
		if x.Code != "" || f.Category != "" {
			res.Properties = &sarifProps{Code: x.Code, Category: f.Category}
		}
		if s.results > 0 {
			s.w.WriteString(",")
		}
		s.w.WriteString("\n        ")
		s.keep(writeIndented(s.w, res, "        "))
		s.results++
	}
	if s.w.Buffered() > 32<<10 {
		s.w.Flush()
	}
}

func (s *sarifWriter) Close(end runEnd) error {
	if s.index == nil {
		s.head()
	}
	if s.results > 0 {
		s.w.WriteString("\n      ")
	}
	inv := sarifInvocation{ExecutionSuccessful: !end.incomplete(), ExitCode: end.exitCode}
	if end.interrupted {
		inv.ExitCodeDescription = "interrupted: the inputs listed as not checked were not checked"
	}
	for _, u := range end.unchecked {
		n := sarifNotification{Level: "error", Message: sarifMessage{"not checked: " + u.Reason}}
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation.URI = artifactURI(u.Path)
		n.Locations = []sarifLocation{loc}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	s.w.WriteString("],\n      \"invocations\": ")
	s.keep(writeIndented(s.w, []sarifInvocation{inv}, "      "))
	s.w.WriteString("\n    }\n  ]\n}\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

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

// findingLine is a finding as the text format prints it.
func findingLine(path string, x validate.Finding) string {
	path = displayPath(path)
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
			c.Failures = append(c.Failures, junitFailure{Message: junitMessage(x), Type: x.Rule, Text: findingLine(f.Path, x)})
		} else {
			out = append(out, findingLine(f.Path, x))
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
func (j *junitWriter) Close(end runEnd) error {
	for _, u := range end.unchecked {
		j.add(junitCase{Name: u.Path, ClassName: "customslint.unchecked", Errors: []junitFailure{{Message: "not checked: " + u.Reason, Type: "not-checked", Text: displayPath(u.Path) + ": not checked: " + u.Reason}}})
	}
	if j.err != nil {
		return j.err
	}
	errs := len(end.unchecked)
	w := bufio.NewWriter(j.w)
	w.WriteString(xml.Header)
	fmt.Fprintf(w, "<testsuites name=\"customslint\" tests=\"%d\" failures=\"%d\" errors=\"%d\">\n", j.tests, j.failures, errs)
	fmt.Fprintf(w, "  <testsuite name=\"customslint\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">", j.tests, j.failures, errs)
	w.Write(j.cases.Bytes())
	w.WriteString("\n  </testsuite>\n</testsuites>\n")
	return w.Flush()
}

// githubWriter prints GitHub Actions workflow commands, one per finding,
// as results arrive: ::error file=F,line=L,col=C,title=customslint RULE::message.
type githubWriter struct {
	w *bufio.Writer
	n tally
}

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (g *githubWriter) File(f validate.FileReport) {
	for _, x := range f.Findings {
		cmd := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "notice"}[x.Severity]
		props := "file=" + ghProperty.Replace(artifactURI(f.Path))
		if x.Line > 0 {
			props += fmt.Sprintf(",line=%d", x.Line)
			if x.Column > 0 {
				props += fmt.Sprintf(",col=%d", x.Column)
			}
		}
		props += ",title=" + ghProperty.Replace("customslint "+ruleAndCode(x))
		fmt.Fprintf(g.w, "::%s %s::%s\n", cmd, props, ghData.Replace(x.Message))
	}
	g.n.add(f)
	g.w.Flush()
}

// Close annotates each input not checked as an error, then prints the
// summary line.
func (g *githubWriter) Close(end runEnd) error {
	for _, u := range end.unchecked {
		fmt.Fprintf(g.w, "::error file=%s,title=%s::%s\n", ghProperty.Replace(artifactURI(u.Path)), ghProperty.Replace("customslint not checked"), ghData.Replace("not checked: "+u.Reason))
	}
	fmt.Fprintln(g.w, g.n.line(end, false))
	return g.w.Flush()
}
