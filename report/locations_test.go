package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestSARIFArtifactLocations: relative paths are percent-encoded URI
// references against %SRCROOT%, which the run maps to the working
// directory; paths outside it are file URIs; stdin stays stdin.
func TestSARIFArtifactLocations(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(wd), "other dir", "x#1.xml")
	for in, want := range map[string]sarifArtifact{
		"sp ace.xml":                    {URI: "sp%20ace.xml", URIBaseID: srcRoot},
		"a/b.xml":                       {URI: "a/b.xml", URIBaseID: srcRoot},
		"a:b.xml":                       {URI: "./a:b.xml", URIBaseID: srcRoot},
		"100%.xml":                      {URI: "100%25.xml", URIBaseID: srcRoot},
		"é.xml":                         {URI: "%C3%A9.xml", URIBaseID: srcRoot},
		filepath.Join(wd, "in dir.xml"): {URI: "in%20dir.xml", URIBaseID: srcRoot},
		outside:                         {URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(outside)}).String()},
		"<stdin>":                       {URI: "stdin"},
	} {
		got := artifactLocation(in)
		if got != want {
			t.Errorf("artifactLocation(%q) = %+v, want %+v", in, got, want)
		}
		if u, err := url.Parse(got.URI); err != nil || (got.URIBaseID != "" && u.IsAbs()) {
			t.Errorf("artifactLocation(%q) = %q: not a relative URI reference (%v)", in, got.URI, err)
		}
	}
	if !strings.Contains(artifactLocation(outside).URI, "other%20dir/x%231.xml") {
		t.Errorf("outside path not percent-encoded: %s", artifactLocation(outside).URI)
	}

	var buf bytes.Buffer
	w := NewSARIF(&buf)
	w.File(validate.FileReport{Path: "sp ace.xml", Findings: []validate.Finding{{Rule: "xsd", Severity: rules.Error, Message: "m", Line: 1, Column: 1}}})
	if err := w.Close(End{ExitCode: 1}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation sarifArtifact `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	root := log.Runs[0].OriginalURIBaseIDs[srcRoot].URI
	if u, err := url.Parse(root); err != nil || u.Scheme != "file" || !strings.HasSuffix(root, "/") || u.Path != filepath.ToSlash(wd)+"/" {
		t.Errorf("originalUriBaseIds %%SRCROOT%% = %q, want the file URI of %s with a trailing slash", root, wd)
	}
	if got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation; got != (sarifArtifact{URI: "sp%20ace.xml", URIBaseID: srcRoot}) {
		t.Errorf("result artifact %+v", got)
	}
}

// TestJUnitOneFailurePerFile: Jenkins and GitLab read one failure per
// testcase, so a file's errors are one failure (all error lines in its
// text), and the testcase names its file.
func TestJUnitOneFailurePerFile(t *testing.T) {
	var buf bytes.Buffer
	w := NewJUnit(&buf)
	w.File(validate.FileReport{Path: "dir/a.xml", MessageType: "CC015C", Findings: []validate.Finding{
		{Rule: "xsd", Severity: rules.Error, Message: "first", Line: 2, Column: 3},
		{Rule: "ctc-lrn", Severity: rules.Warning, Message: "warn", Line: 3},
		{Rule: "cds-lrn", Severity: rules.Error, Message: "second", Code: "CDS10010", Line: 4, Column: 1},
	}})
	w.File(validate.FileReport{Path: "dir/b.xml", MessageType: "CC015C", Findings: []validate.Finding{}})
	w.File(validate.FileReport{Path: "<stdin>", MessageType: "CC015C", Findings: []validate.Finding{{Rule: "xsd", Severity: rules.Error, Message: "only", Code: "CDS12056"}}})
	if err := w.Close(End{ExitCode: 1}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name     string `xml:"name,attr"`
				File     string `xml:"file,attr"`
				Failures []struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if s.Tests != 3 || s.Failures != 2 || len(s.Cases) != 3 {
		t.Fatalf("suite %+v", s)
	}
	a := s.Cases[0]
	if a.File != "dir/a.xml" || len(a.Failures) != 1 || a.Failures[0].Type != "xsd" || a.Failures[0].Message != "2 errors; the first: first" ||
		!strings.Contains(a.Failures[0].Text, "dir/a.xml:2:3: error: first [xsd]") || !strings.Contains(a.Failures[0].Text, "dir/a.xml:4:1: error: second [cds-lrn CDS10010]") ||
		strings.Contains(a.Failures[0].Text, "warn") || !strings.Contains(a.SystemOut, "warning: warn") {
		t.Errorf("testcase a: %+v", a)
	}
	if b := s.Cases[1]; b.File != "dir/b.xml" || len(b.Failures) != 0 {
		t.Errorf("testcase b: %+v", b)
	}
	if c := s.Cases[2]; c.File != "" || len(c.Failures) != 1 || c.Failures[0].Message != "only [CDS12056]" {
		t.Errorf("testcase stdin: %+v", c)
	}
}
