package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// formatsFixture adds, to the usual fixture folder, a UTF-16 message (a
// warning) and returns the folder and the mini phase 4 bundle.
func formatsFixture(t *testing.T) (string, string) {
	t.Helper()
	dir := fixtureDir(t)
	var wide []byte
	wide = append(wide, 0xFF, 0xFE)
	for _, u := range utf16.Encode([]rune(validP4)) {
		wide = append(wide, byte(u), byte(u>>8))
	}
	if err := os.WriteFile(filepath.Join(dir, "wide.xml"), wide, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
}

// TestAllFormatsInOneRun writes github to the terminal and sarif, junit and
// json to files in the same run, and reads each back with a real consumer.
func TestAllFormatsInOneRun(t *testing.T) {
	dir, schemas := formatsFixture(t)
	r := cli(t, dir, "", "check", "--schemas", schemas, "--format", "github",
		"--report", "sarif=out.sarif", "--report", "junit=out.xml", "--report", "json=out.json", ".")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep validate.Report
	readJSON(t, filepath.Join(dir, "out.json"), &rep)
	if rep.Summary.Errors != 4 || rep.Summary.Warnings != 1 || rep.Summary.Files != 5 {
		t.Fatalf("summary %+v", rep.Summary)
	}
	findings := 0
	for _, f := range rep.Files {
		findings += len(f.Findings)
	}

	t.Run("github", func(t *testing.T) {
		line := regexp.MustCompile(`^::(error|warning|notice) file=([^,:]+),line=(\d+)(,col=(\d+))?,title=customslint [a-z-]+::(.+)$`)
		n := 0
		for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if m := line.FindStringSubmatch(l); m != nil {
				n++
				if strings.HasPrefix(m[2], "/") {
					t.Errorf("absolute file in %q", l)
				}
				continue
			}
			if !strings.HasPrefix(l, "5 files checked") {
				t.Errorf("not a workflow command: %q", l)
			}
		}
		if n != findings {
			t.Errorf("%d workflow commands for %d findings:\n%s", n, findings, r.stdout)
		}
		if !strings.Contains(r.stdout, "::error file=b-invalid.xml,line=2,col=3,title=customslint xsd::Element 'SynIdeMES1'") {
			t.Errorf("missing the expected annotation:\n%s", r.stdout)
		}
	})

	t.Run("junit", func(t *testing.T) {
		var doc struct {
			XMLName xml.Name `xml:"testsuites"`
			Suites  []struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Cases    []struct {
					Name     string `xml:"name,attr"`
					Failures []struct {
						Type    string `xml:"type,attr"`
						Message string `xml:"message,attr"`
					} `xml:"failure"`
					SystemOut string `xml:"system-out"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "out.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Suites) != 1 || doc.Suites[0].Tests != 5 || doc.Suites[0].Failures != 2 || len(doc.Suites[0].Cases) != 5 {
			t.Fatalf("suite: %+v", doc.Suites)
		}
		for i, c := range doc.Suites[0].Cases {
			f := rep.Files[i]
			// one failure per file with errors (Jenkins and GitLab read one)
			if c.Name != f.Path || len(c.Failures) != min(1, f.Count("error")) {
				t.Errorf("testcase %s: %d failures, report has %d errors", c.Name, len(c.Failures), f.Count("error"))
			}
			if f.Count("warning") > 0 && !strings.Contains(c.SystemOut, "warning:") {
				t.Errorf("testcase %s: warning not in system-out", c.Name)
			}
		}
	})

	t.Run("sarif", func(t *testing.T) {
		off := oracle.OfficialDir(t)
		c := jsonschema.NewCompiler()
		schema, err := c.Compile(filepath.Join(off, "sarif", "sarif-schema-2.1.0.json"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(filepath.Join(dir, "out.sarif"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		inst, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Fatalf("SARIF does not validate against the OASIS schema: %v", err)
		}
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID      string `json:"id"`
							HelpURI string `json:"helpUri"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID    string `json:"ruleId"`
					RuleIndex int    `json:"ruleIndex"`
					Level     string `json:"level"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }                 `json:"artifactLocation"`
							Region           struct{ StartLine, StartColumn int } `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		readJSON(t, filepath.Join(dir, "out.sarif"), &log)
		run := log.Runs[0]
		if len(run.Results) != findings {
			t.Fatalf("%d results for %d findings", len(run.Results), findings)
		}
		for _, res := range run.Results {
			rule := run.Tool.Driver.Rules[res.RuleIndex]
			if rule.ID != res.RuleID || !strings.HasSuffix(rule.HelpURI, "#"+rule.ID) {
				t.Errorf("result %s points at rule %+v", res.RuleID, rule)
			}
			loc := res.Locations[0].PhysicalLocation
			if strings.HasPrefix(loc.ArtifactLocation.URI, "/") || loc.Region.StartLine < 1 {
				t.Errorf("location %+v", loc)
			}
		}
		first := run.Results[0]
		if first.Level != "error" || first.Locations[0].PhysicalLocation.ArtifactLocation.URI != "b-invalid.xml" || first.Locations[0].PhysicalLocation.Region.StartLine != 2 || first.Locations[0].PhysicalLocation.Region.StartColumn != 3 {
			t.Errorf("first result %+v", first)
		}
	})
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestBadReportFlag(t *testing.T) {
	for _, arg := range []string{"sarif", "xlsx=out.x", "json="} {
		r := cli(t, t.TempDir(), "", "check", "--report", arg, "x.xml")
		if r.code != 2 || !strings.Contains(r.stderr, "want FORMAT=FILE") {
			t.Errorf("--report %s: exit %d %q", arg, r.code, r.stderr)
		}
	}
}
