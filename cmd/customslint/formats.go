package main

import (
	"encoding/json"
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

// collectWriter gathers the file reports and writes them all at Close.
type collectWriter struct {
	w     io.Writer
	files []validate.FileReport
	write func(io.Writer, validate.Report) error
}

func (c *collectWriter) File(f validate.FileReport) { c.files = append(c.files, f) }
func (c *collectWriter) Close() error               { return c.write(c.w, validate.NewReport(c.files)) }

func collecting(write func(io.Writer, validate.Report) error) func(io.Writer) reportWriter {
	return func(w io.Writer) reportWriter { return &collectWriter{w: w, write: write} }
}

// SARIF 2.1.0, the parts customslint writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
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
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations"`
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

func writeSARIF(w io.Writer, rep validate.Report) error {
	all := rules.All()
	index := map[string]int{}
	driver := sarifDriver{Name: "customslint", Version: buildVersion(), InformationURI: "https://github.com/customslint/customslint"}
	for i, r := range all {
		index[r.ID] = i
		sr := sarifRule{ID: r.ID, Name: ruleName(r.ID), ShortDescription: sarifMessage{r.Summary}, FullDescription: sarifMessage{strings.TrimSpace(r.Doc)}, HelpURI: helpBase + r.ID}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		driver.Rules = append(driver.Rules, sr)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, f := range rep.Files {
		for _, x := range f.Findings {
			res := sarifResult{RuleID: x.Rule, RuleIndex: index[x.Rule], Level: sarifLevel(x.Severity), Message: sarifMessage{x.Message}}
			loc := sarifLocation{}
			loc.PhysicalLocation.ArtifactLocation.URI = artifactURI(f.Path)
			if x.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.Line, StartColumn: x.Column}
			}
			if x.Path != "" {
				loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: x.Path, Kind: "element"}}
			}
			res.Locations = []sarifLocation{loc}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// JUnit XML: one testsuite, one testcase per file, a failure per error
// finding; warnings and infos go to system-out.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string         `xml:"name,attr"`
		ClassName string         `xml:"classname,attr"`
		Failures  []junitFailure `xml:"failure"`
		SystemOut string         `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

func findingLine(path string, x validate.Finding) string {
	if x.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", path, x.Line, x.Column, x.Severity, x.Message, x.Rule)
	}
	return fmt.Sprintf("%s:%d: %s: %s [%s]", path, x.Line, x.Severity, x.Message, x.Rule)
}

func writeJUnit(w io.Writer, rep validate.Report) error {
	suite := junitSuite{Name: "customslint", Tests: len(rep.Files)}
	for _, f := range rep.Files {
		c := junitCase{Name: f.Path, ClassName: "customslint." + f.MessageType}
		var out []string
		for _, x := range f.Findings {
			if x.Severity == rules.Error {
				c.Failures = append(c.Failures, junitFailure{Message: x.Message, Type: x.Rule, Text: findingLine(f.Path, x)})
			} else {
				out = append(out, findingLine(f.Path, x))
			}
		}
		c.SystemOut = strings.Join(out, "\n")
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{Name: "customslint", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// githubWriter prints GitHub Actions workflow commands, one per finding,
// as results arrive: ::error file=F,line=L,col=C,title=customslint RULE::message.
type githubWriter struct {
	w     io.Writer
	files []validate.FileReport
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
		props += ",title=" + ghProperty.Replace("customslint "+x.Rule)
		fmt.Fprintf(g.w, "::%s %s::%s\n", cmd, props, ghData.Replace(x.Message))
	}
	g.files = append(g.files, validate.FileReport{Findings: f.Findings})
}

func (g *githubWriter) Close() error {
	s := validate.NewReport(g.files).Summary
	_, err := fmt.Fprintf(g.w, "%s checked: %s, %s\n", plural(s.Files, "file"), plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	return err
}
