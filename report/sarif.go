package report

import (
	"bufio"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
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
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	// sarifArtifact is a file: a relative URI reference (percent-encoded,
	// forward slashes) against %SRCROOT%, the working directory of the
	// run, or an absolute file URI for a file outside it.
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
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

// srcRoot is the uriBaseId of paths relative to the working directory,
// the name GitHub code scanning and SARIF 2.1.0's examples use for the
// root of the sources.
const srcRoot = "%SRCROOT%"

// artifactLocation locates a report path as SARIF 2.1.0 asks (3.4.3,
// 3.10): a path inside the working directory as a relative URI reference
// with forward slashes, percent-encoded ("sp ace.xml" -> "sp%20ace.xml"),
// against %SRCROOT%; another absolute path as a file URI; standard input
// as "stdin".
func artifactLocation(p string) sarifArtifact {
	if p == "<stdin>" {
		return sarifArtifact{URI: "stdin"}
	}
	p = workspacePath(p)
	if path.IsAbs(p) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// url.URL writes "./a:b.xml" for a first segment with a colon, which
	// would otherwise read as a scheme.
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}

// srcRootURI is the absolute file URI of the working directory, with the
// trailing slash SARIF requires of a base URI; "" when it is unknown.
func srcRootURI() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	p := filepath.ToSlash(wd)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/dir/ -> /C:/dir/
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
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

// NewSARIF returns the writer of a SARIF 2.1.0 log (GitHub code scanning):
// every rule in the tool's driver, one result per finding, the run's end
// in its invocation.
func NewSARIF(w io.Writer) Writer { return &sarifWriter{w: bufio.NewWriter(w)} }

// toolVersion is the module version the program was built from.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func (s *sarifWriter) keep(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

func (s *sarifWriter) head() {
	all := rules.All()
	s.index = map[string]int{}
	driver := sarifDriver{Name: "customslint", Version: toolVersion(), InformationURI: "https://github.com/customslint/customslint"}
	for i, r := range all {
		s.index[r.ID] = i
		sr := sarifRule{ID: r.ID, Name: ruleName(r.ID), ShortDescription: sarifMessage{r.Summary}, FullDescription: sarifMessage{strings.TrimSpace(r.Documentation())}, HelpURI: helpBase + r.ID}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		driver.Rules = append(driver.Rules, sr)
	}
	s.w.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	s.keep(writeIndented(s.w, sarifTool{Driver: driver}, "      "))
	if root := srcRootURI(); root != "" {
		s.w.WriteString(",\n      \"originalUriBaseIds\": ")
		s.keep(writeIndented(s.w, map[string]sarifArtifact{srcRoot: {URI: root}}, "      "))
	}
	s.w.WriteString(",\n      \"results\": [")
}

func (s *sarifWriter) File(f validate.FileReport) {
	if s.index == nil {
		s.head()
	}
	art := artifactLocation(f.Path)
	for _, x := range f.Findings {
		res := sarifResult{RuleID: x.Rule, RuleIndex: s.index[x.Rule], Level: sarifLevel(x.Severity), Message: sarifMessage{x.Message}}
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation = art
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

func (s *sarifWriter) Close(end End) error {
	if s.index == nil {
		s.head()
	}
	if s.results > 0 {
		s.w.WriteString("\n      ")
	}
	inv := sarifInvocation{ExecutionSuccessful: !end.Incomplete(), ExitCode: end.ExitCode}
	if end.Interrupted {
		inv.ExitCodeDescription = "interrupted: the inputs listed as not checked were not checked"
	}
	for _, u := range end.Unchecked {
		n := sarifNotification{Level: "error", Message: sarifMessage{"not checked: " + u.Reason}}
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation = artifactLocation(u.Path)
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
