package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// reportSchemaPath is the JSON Schema of the JSON report, in docs/.
var reportSchemaPath = filepath.Join(repoRoot, "docs", "report.schema.json")

// reportSchema compiles docs/report.schema.json.
func reportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(abs(t, reportSchemaPath))
	if err != nil {
		t.Fatalf("compile %s: %v", reportSchemaPath, err)
	}
	return s
}

// validateReport checks a JSON report file against the report schema and
// returns it decoded. It also checks what the schema cannot say: the
// summary counts what the files hold.
func validateReport(t *testing.T, schema *jsonschema.Schema, path string) validate.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("%s does not validate against %s: %v", path, reportSchemaPath, err)
	}
	var rep validate.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	errs, warns := 0, 0
	for _, f := range rep.Files {
		errs += f.Count("error")
		warns += f.Count("warning")
	}
	if rep.Summary.Files != len(rep.Files) || rep.Summary.Errors != errs || rep.Summary.Warnings != warns {
		t.Errorf("summary %+v for %d files, %d errors, %d warnings", rep.Summary, len(rep.Files), errs, warns)
	}
	return rep
}

// messageFiles counts the files a folder check reads (*.xml, *.json).
func messageFiles(t *testing.T, root string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".xml" || ext == ".json") {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// codes counts the findings of each code in a report.
func codes(rep validate.Report) map[string]int {
	m := map[string]int{}
	for _, f := range rep.Files {
		for _, x := range f.Findings {
			if x.Code != "" {
				m[x.Code]++
			}
		}
	}
	return m
}

// TestReportSchemaTestdata: the report of every message in
// testdata/messages validates, and carries the authority's codes (cds-lrn's
// DMS10010 read as CDS10010, ctc-r0901's R0901).
func TestReportSchemaTestdata(t *testing.T) {
	schema := reportSchema(t)
	msgs := abs(t, filepath.Join(repoRoot, "testdata", "messages"))
	dir := t.TempDir()
	r := cli(t, dir, "", "check", "--format", "json", "--output", "r.json", msgs)
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rep := validateReport(t, schema, filepath.Join(dir, "r.json"))
	if want := messageFiles(t, msgs); len(rep.Files) != want {
		t.Errorf("%d files in the report, %d in %s", len(rep.Files), want, msgs)
	}
	got := codes(rep)
	if got["CDS10010"] == 0 || got["R0901"] == 0 {
		t.Errorf("codes %v: want CDS10010 (cds-lrn) and R0901 (ctc-r0901)", got)
	}
	for c := range got {
		if strings.HasPrefix(c, "DMS") {
			t.Errorf("code %s not read as its CDS number", c)
		}
	}
}

// TestReportSchemaOfficial: the reports of HMRC's published samples
// validate, in JSON against the report schema and in SARIF against the
// OASIS schema, and the SARIF results carry the same codes.
func TestReportSchemaOfficial(t *testing.T) {
	off := oracle.OfficialDir(t)
	schema := reportSchema(t)
	dir := t.TempDir()
	r := cli(t, dir, "", "check", "--format", "json", "--output", "r.json", "--report", "sarif=r.sarif", off)
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rep := validateReport(t, schema, filepath.Join(dir, "r.json"))
	if want := messageFiles(t, off); len(rep.Files) != want || want < 1000 {
		t.Errorf("%d files in the report, %d in %s", len(rep.Files), want, off)
	}
	want := codes(rep)
	prefixes := map[byte]bool{}
	for c := range want {
		prefixes[c[0]] = true
	}
	if !prefixes['C'] || !prefixes['R'] {
		t.Errorf("codes %v: want CDS, R and C codes", want)
	}
	cats := map[string]bool{}
	for _, f := range rep.Files {
		if f.Category != "" {
			cats[f.Category] = true
			if f.MessageType != validate.TypeCDSDeclaration {
				t.Errorf("%s: category %s on a %s", f.Path, f.Category, f.MessageType)
			}
		}
	}
	if len(cats) < 15 {
		t.Errorf("categories %v: want most of the closed set among HMRC's samples", cats)
	}
	validateSARIF(t, filepath.Join(dir, "r.sarif"))
	var log struct {
		Runs []struct {
			Results []struct {
				Properties struct {
					Code string `json:"code"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	readJSON(t, filepath.Join(dir, "r.sarif"), &log)
	got := map[string]int{}
	for _, res := range log.Runs[0].Results {
		if res.Properties.Code != "" {
			got[res.Properties.Code]++
		}
	}
	if len(got) != len(want) {
		t.Fatalf("SARIF has %d codes, JSON %d", len(got), len(want))
	}
	for c, n := range want {
		if got[c] != n {
			t.Errorf("code %s: %d SARIF results, %d JSON findings", c, got[c], n)
		}
	}
}

// TestReportSchemaIncomplete: an interrupted run's report, one with an
// input that could not be read and a capped one validate.
func TestReportSchemaIncomplete(t *testing.T) {
	schema := reportSchema(t)
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	out := t.TempDir()
	o := func(name string) string { return filepath.Join(out, name) }

	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"check", "--schemas", schemas, "--jobs", "1", "--format", "json", "--output", o("i.json"),
			filepath.Join(dir, "b-invalid.xml"), "-", filepath.Join(dir, "a-valid.xml")}, cancelOnRead{cancel}, &stdout, &stderr)
		if code != exitUsage {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		rep := validateReport(t, schema, o("i.json"))
		if !rep.Incomplete || !rep.Interrupted || len(rep.Unchecked) != 2 {
			t.Errorf("report %+v", rep)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"check", "--schemas", schemas, "--format", "json", "--output", o("u.json"),
			filepath.Join(dir, "a-valid.xml"), "-"}, iotest.ErrReader(errors.New("disk on fire")), &stdout, &stderr)
		if code != exitUsage {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		rep := validateReport(t, schema, o("u.json"))
		if !rep.Incomplete || rep.Interrupted || len(rep.Unchecked) != 1 || len(rep.Files) != 1 || !strings.Contains(rep.Unchecked[0].Reason, "disk on fire") {
			t.Errorf("report %+v", rep)
		}
	})
	t.Run("capped", func(t *testing.T) {
		r := cli(t, dir, "", "check", "--schemas", schemas, "--max-findings", "1", "--format", "json", "--output", o("c.json"), "b-invalid.xml")
		if r.code != exitFindings {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rep := validateReport(t, schema, o("c.json"))
		if f := rep.Files[0].Findings; len(f) != 2 || f[1].Rule != "max-findings" {
			t.Errorf("findings %+v", f)
		}
	})
}

// TestReportSchemaIsClosed: the schema refuses what the writer never
// writes, so that a writer that drifts from it fails the tests above.
func TestReportSchemaIsClosed(t *testing.T) {
	schema := reportSchema(t)
	const valid = `{"version": 1, "files": [{"path": "a.xml", "profile": "cds", "messageType": "CDS-DEC", "category": "H1",
		"findings": [{"rule": "cds-lrn", "severity": "error", "message": "m", "line": 3, "column": 5, "path": "/MetaData", "code": "CDS10010", "detail": "d"}]}],
		"summary": {"files": 1, "errors": 1, "warnings": 0}, "incomplete": true, "interrupted": true, "unchecked": [{"path": "-", "reason": "r"}]}`
	check := func(doc string) error {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("bad test document %s: %v", doc, err)
		}
		return schema.Validate(inst)
	}
	if err := check(valid); err != nil {
		t.Fatalf("the valid report is refused: %v", err)
	}
	for _, c := range []struct{ name, from, to string }{
		{"unknown top member", `"version": 1,`, `"version": 1, "extra": 0,`},
		{"unknown file member", `"path": "a.xml",`, `"path": "a.xml", "size": 3,`},
		{"unknown finding member", `"detail": "d"`, `"detail": "d", "hint": "h"`},
		{"unknown summary member", `"warnings": 0`, `"warnings": 0, "infos": 0`},
		{"DMS code", `"CDS10010"`, `"DMS10010"`},
		{"code not letters then digits", `"CDS10010"`, `"cds-10010"`},
		{"unknown category", `"H1"`, `"H9"`},
		{"unknown severity", `"severity": "error"`, `"severity": "fatal"`},
		{"line 0", `"line": 3`, `"line": 0`},
		{"negative column", `"column": 5`, `"column": -1`},
		{"unknown profile", `"profile": "cds"`, `"profile": "auto"`},
		{"unknown message type", `"CDS-DEC"`, `"DEC"`},
		{"interrupted, not incomplete", `"incomplete": true, `, ``},
		{"incomplete without unchecked", `, "unchecked": [{"path": "-", "reason": "r"}]`, ``},
		{"incomplete false", `"incomplete": true`, `"incomplete": false`},
		{"version 2", `"version": 1`, `"version": 2`},
		{"no findings", `"findings": [`, `"notes": [`},
	} {
		doc := strings.Replace(valid, c.from, c.to, 1)
		if doc == valid {
			t.Fatalf("%s: %q not in the document", c.name, c.from)
		}
		if check(doc) == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

// TestCodeInEveryFormat: a finding's code shows in every format: text
// [rule CODE], JSON code, SARIF properties.code, JUnit failure message,
// GitHub title.
func TestCodeInEveryFormat(t *testing.T) {
	dir := t.TempDir()
	msg := abs(t, filepath.Join(repoRoot, "testdata", "messages", "cds", "declaration-invalid.xml"))
	r := cli(t, dir, "", "check", "--select", "cds-lrn", "--report", "json=r.json", "--report", "sarif=r.sarif",
		"--report", "junit=r.xml", "--report", "github=r.gh", msg)
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `has 40 characters: CDS takes at most 22 and rejects a longer one with DMS10010 (the schema's limit of 35 is not CDS's) [cds-lrn CDS10010]`+"\n") {
		t.Errorf("text lacks [cds-lrn CDS10010]:\n%s", r.stdout)
	}
	rep := validateReport(t, reportSchema(t), filepath.Join(dir, "r.json"))
	if f := rep.Files[0].Findings; len(f) == 0 || f[0].Code != "CDS10010" || rep.Files[0].Category != "H1" {
		t.Errorf("JSON file %+v", rep.Files[0])
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string `json:"ruleId"`
				Properties struct {
					Code     string `json:"code"`
					Category string `json:"category"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	readJSON(t, filepath.Join(dir, "r.sarif"), &log)
	if res := log.Runs[0].Results; len(res) == 0 || res[0].RuleID != "cds-lrn" || res[0].Properties.Code != "CDS10010" || res[0].Properties.Category != "H1" {
		t.Errorf("SARIF results %+v", res)
	}
	var doc struct {
		Suites []struct {
			Cases []struct {
				Failures []struct {
					Type    string `xml:"type,attr"`
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "r.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if f := doc.Suites[0].Cases[0].Failures; len(f) == 0 || f[0].Type != "cds-lrn" || !strings.HasSuffix(f[0].Message, "[CDS10010]") {
		t.Errorf("JUnit failures %+v", f)
	}
	gh, err := os.ReadFile(filepath.Join(dir, "r.gh"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gh), ",title=customslint cds-lrn CDS10010::") {
		t.Errorf("GitHub output lacks the code in the title:\n%s", gh)
	}
}

// TestReportSchemaCategories: the schema's categories are category's
// closed set, in its order.
func TestReportSchemaCategories(t *testing.T) {
	var doc struct {
		Defs struct {
			Category struct {
				Enum []string `json:"enum"`
			} `json:"category"`
		} `json:"$defs"`
	}
	readJSON(t, reportSchemaPath, &doc)
	var want []string
	for _, c := range category.All() {
		want = append(want, string(c))
	}
	if !slices.Equal(doc.Defs.Category.Enum, want) {
		t.Errorf("schema categories %q, category.All() %q", doc.Defs.Category.Enum, want)
	}
}
