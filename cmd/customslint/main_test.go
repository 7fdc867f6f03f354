package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/validate"
)

// The test binary doubles as the customslint binary: with this variable set
// it runs the command line program, so tests exercise the real process
// (arguments, stdin, exit codes) without a separate build.
const mainEnv = "CUSTOMSLINT_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(mainCode())
	}
	os.Exit(m.Run())
}

type cliResult struct {
	code           int
	stdout, stderr string
}

// cli runs customslint as a subprocess in dir with the given stdin.
func cli(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cliResult{code, out.String(), errb.String()}
}

// Fixtures written for these tests; schemas from testdata/schemas.
var repoRoot = filepath.Join("..", "..")

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

const (
	validP4   = "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA></CC015B>\n"
	invalidP4 = "<CC015B>\n  <SynIdeMES1>unoc</SynIdeMES1>\n  <MesRecMES6>NCTS</MesRecMES6>\n  <MesTypMES20>GB015B</MesTypMES20>\n  <HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA>\n  <Extra/>\n</CC015B>\n"
)

// fixtureDir writes a folder of messages:
//
//	a-valid.xml, b-invalid.xml, notes.txt, sub/c-malformed.xml,
//	sub/deeper/d-valid.XML, .hidden/e-invalid.xml
func fixtureDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a-valid.xml":            validP4,
		"b-invalid.xml":          invalidP4,
		"notes.txt":              "not a message",
		"sub/c-malformed.xml":    "<CC015B>\n<HEAHEA>\n</CC015B>\n",
		"sub/deeper/d-valid.XML": validP4,
		".hidden/e-invalid.xml":  invalidP4,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTextReport(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, "", "check", "--schemas", schemas, ".")
	want := `b-invalid.xml: checked as ctc-p4 CC015B
b-invalid.xml:2:3: error: Element 'SynIdeMES1': [facet 'pattern'] The value 'unoc' is not accepted by the pattern '[A-Z]{4}'. [xsd]
b-invalid.xml:6:3: error: Element 'Extra': This element is not expected. [xsd]
sub/c-malformed.xml:3:10: error: Opening and ending tag mismatch: HEAHEA line 2 and CC015B [xml]
sub/c-malformed.xml:4:1: error: Premature end of data in tag CC015B line 1 [xml]
4 files checked: 4 errors, 0 warnings (2 files with errors)
`
	if diff := cmp.Diff(want, r.stdout); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestJSONReportShape(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, "", "check", "--format", "json", "--schemas", schemas, "b-invalid.xml", "a-valid.xml")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// Exactly the keys of CONTRACT.md, nothing missing, nothing extra.
	var raw map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	if got := keys(raw); !cmp.Equal(got, []string{"files", "summary", "version"}) {
		t.Errorf("top-level keys %v", got)
	}
	file := raw["files"].([]any)[0].(map[string]any)
	if got := keys(file); !cmp.Equal(got, []string{"findings", "messageType", "path", "profile"}) {
		t.Errorf("file keys %v", got)
	}
	finding := file["findings"].([]any)[0].(map[string]any)
	if got := keys(finding); !cmp.Equal(got, []string{"column", "line", "message", "path", "rule", "severity"}) {
		t.Errorf("finding keys %v", got)
	}
	var rep validate.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	want := validate.Report{Version: 1, Files: []validate.FileReport{
		{Path: "b-invalid.xml", Profile: "ctc-p4", MessageType: "CC015B", Findings: []validate.Finding{
			{Rule: "xsd", Severity: "error", Message: "Element 'SynIdeMES1': [facet 'pattern'] The value 'unoc' is not accepted by the pattern '[A-Z]{4}'.", Line: 2, Column: 3, Path: "/CC015B/SynIdeMES1"},
			{Rule: "xsd", Severity: "error", Message: "Element 'Extra': This element is not expected.", Line: 6, Column: 3, Path: "/CC015B/Extra"},
		}},
		{Path: "a-valid.xml", Profile: "ctc-p4", MessageType: "CC015B", Findings: []validate.Finding{}},
	}, Summary: validate.Summary{Files: 2, Errors: 2}}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestExitCodes(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	cases := []struct {
		name string
		args []string
		code int
		err  string // in stderr
	}{
		{"valid", []string{"check", "--schemas", schemas, "a-valid.xml"}, 0, ""},
		{"invalid", []string{"check", "--schemas", schemas, "b-invalid.xml"}, 1, ""},
		{"flags after paths", []string{"check", "b-invalid.xml", "--schemas", schemas, "--disable", "xsd"}, 0, ""},
		{"select", []string{"check", "--select", "xml", "--schemas", schemas, "b-invalid.xml"}, 0, ""},
		{"no paths", []string{"check"}, 2, "needs at least one PATH"},
		{"missing file", []string{"check", "--schemas", schemas, "nope.xml"}, 2, "nope.xml: no such file"},
		{"unknown flag", []string{"check", "--nope", "a-valid.xml"}, 2, "flag provided but not defined: -nope"},
		{"bad format", []string{"check", "--format", "xlsx", "a-valid.xml"}, 2, `unknown --format "xlsx"`},
		{"bad profile", []string{"check", "--profile", "ctc-p9", "a-valid.xml"}, 2, `unknown profile "ctc-p9"`},
		{"unknown rule", []string{"check", "--select", "cds-nope", "a-valid.xml"}, 2, "--select: unknown rule 'cds-nope'"},
		{"rule misspelt", []string{"check", "--disable", "cds-lnr", "a-valid.xml"}, 2, "--disable: unknown rule 'cds-lnr' (did you mean 'cds-lrn'?)"},
		{"bad max size", []string{"check", "--max-size", "lots", "a-valid.xml"}, 2, `invalid size "lots"`},
		{"not a bundle", []string{"check", "--schemas", dir, "a-valid.xml"}, 2, "not an HMRC schema bundle"},
		{"bad jobs", []string{"check", "--jobs", "0", "a-valid.xml"}, 2, "--jobs must be at least 1"},
		{"max size", []string{"check", "--schemas", schemas, "--max-size", "64", "a-valid.xml"}, 1, ""},
		{"help", []string{"check", "-h"}, 0, "Usage: customslint check"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"no command", nil, 2, "Usage:"},
		{"version", []string{"version"}, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, dir, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.err) {
				t.Errorf("exit %d, want %d; stderr %q, want it to contain %q; stdout %q", r.code, c.code, r.stderr, c.err, r.stdout)
			}
		})
	}
}

func TestMessageTypeWithoutEmbeddedSchema(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x.xml"), `<n:CC999C xmlns:n="http://ncts.dgtaxud.ec"/>`)
	r := cli(t, dir, "", "check", "x.xml")
	if r.code != 1 || !strings.Contains(r.stdout, "x.xml:1:1: error: no embedded schema covers CC999C (profile ctc-p6) yet") {
		t.Fatalf("exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestFolderWalkOrderAndJobs(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	one := cli(t, dir, "", "check", "--format", "json", "--jobs", "1", "--schemas", schemas, dir)
	many := cli(t, dir, "", "check", "--format", "json", "--jobs", "8", "--schemas", schemas, dir)
	if one.stdout != many.stdout || one.code != 1 || many.code != 1 {
		t.Fatalf("output depends on --jobs:\n%s\n---\n%s", one.stdout, many.stdout)
	}
	var rep validate.Report
	if err := json.Unmarshal([]byte(one.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range rep.Files {
		paths = append(paths, strings.TrimPrefix(f.Path, dir+"/"))
	}
	want := []string{"a-valid.xml", "b-invalid.xml", "sub/c-malformed.xml", "sub/deeper/d-valid.XML"}
	if !cmp.Equal(paths, want) {
		t.Errorf("files %v, want %v (lexical, recursive, *.xml any case, hidden folders skipped)", paths, want)
	}
}

func TestUnreadableEntriesDoNotLoseOutput(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	if err := os.Symlink(filepath.Join(dir, "gone.xml"), filepath.Join(dir, "broken.xml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "locked"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "locked", "z.xml"), []byte(validP4), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, dir, "", "check", "--schemas", schemas, ".")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 (I/O problems)", r.code)
	}
	for _, s := range []string{"broken.xml: no such file or directory", "pipe.xml: not a regular file, skipped"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr %q lacks %q", r.stderr, s)
		}
	}
	for _, s := range []string{"b-invalid.xml:2:3: error:", "5 files checked: 4 errors"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("stdout lost the readable files' results: %q lacks %q", r.stdout, s)
		}
	}
}

func TestStdinAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, invalidP4, "check", "--schemas", schemas, "--format", "json", "--output", "report.json", "-")
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep validate.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 1 || rep.Files[0].Path != "<stdin>" || rep.Summary.Errors != 2 {
		t.Fatalf("report %+v", rep)
	}
	if r := cli(t, dir, validP4, "check", "--schemas", schemas, "-", "-"); r.code != 2 || !strings.Contains(r.stderr, "more than once") {
		t.Errorf("stdin twice: exit %d %q", r.code, r.stderr)
	}
}

func TestRulesAndExplain(t *testing.T) {
	r := cli(t, ".", "", "rules")
	if r.code != 0 || !strings.Contains(r.stdout, "RULE") || !strings.Contains(r.stdout, "xsd ") || !strings.Contains(r.stdout, "message-type ") {
		t.Errorf("rules: %d %q", r.code, r.stdout)
	}
	r = cli(t, ".", "", "explain", "xml")
	if r.code != 0 || !strings.Contains(r.stdout, "xml: ") || !strings.Contains(r.stdout, "Failing") || !strings.Contains(r.stdout, "Passing") {
		t.Errorf("explain: %d %q", r.code, r.stdout)
	}
	if r := cli(t, ".", "", "explain", "nope"); r.code != 2 {
		t.Errorf("explain nope: exit %d", r.code)
	}
}

// TestReadmeMainJob runs the README's first command, from the repository
// root with its .customslint.yaml: every example message is clean except
// the two written to fail and the two the example IE056 messages reject
// (same LRN, same folder: rule rejection reads their errors back onto them).
func TestReadmeMainJob(t *testing.T) {
	r := cli(t, repoRoot, "", "check", "--format", "json", "testdata/messages")
	if r.code != 1 {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	var rep validate.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, f := range rep.Files {
		if f.HasErrors() {
			failing = append(failing, f.Path)
		}
	}
	want := []string{"testdata/messages/cds/declaration-invalid.xml", "testdata/messages/ctc-p5/cc015c.xml",
		"testdata/messages/ctc-p6/cc013c.xml", "testdata/messages/ctc-p6/cc015c-invalid.xml"}
	if diff := cmp.Diff(want, failing); diff != "" || rep.Summary.Files < 80 {
		t.Errorf("files with errors (-want +got):\n%s\n%d files", diff, rep.Summary.Files)
	}
}
