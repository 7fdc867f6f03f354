package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/validate"
	"go.yaml.in/yaml/v3"
)

func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks", len(hooks))
	}
	h := hooks[0]
	if h["id"] != "customslint" || h["entry"] != "customslint check" || h["language"] != "golang" {
		t.Errorf("hook %v", h)
	}
	// XML and JSON messages, and nothing narrower (types: [xml] sent no
	// JSON message); users narrow it with files: or exclude:.
	types, _ := h["types_or"].([]any)
	if len(types) != 2 || types[0] != "xml" || types[1] != "json" || h["types"] != nil {
		t.Errorf("types_or %v, types %v", h["types_or"], h["types"])
	}
}

func TestSummaryFlag(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, "", "check", "--summary", "--format", "json", "--schemas", schemas, ".")
	want := []string{"RULE", "xml", "xsd"}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	for _, l := range strings.Split(r.stderr, "\n") {
		f := strings.Fields(l)
		if len(f) == 5 && f[0] == "xsd" && (f[1] != "2" || f[4] != "1") {
			t.Errorf("xsd row %q, want 2 errors in 1 file", l)
		}
	}
	if !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("the JSON report on stdout is disturbed: %.80q", r.stdout)
	}
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, 3)
	p.step()
	if b.Len() != 0 {
		t.Fatalf("progress on a non-terminal: %q", b.String())
	}
	p.active = true
	p.start = time.Now().Add(-2 * time.Second)
	p.last = p.start
	p.step()
	p.finish()
	if got := b.String(); got != "\rcustomslint: checked 2/3 files\r\033[K" {
		t.Fatalf("progress %q", got)
	}
}

func TestConvertCommand(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata/messages/ctc-p5/cc015c.xml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "m.xml"), string(src))
	r := cli(t, dir, "", "convert", "--to", "json", "--profile", "ctc-p5", "--output", "m.json", "m.xml")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("to json: exit %d %q", r.code, r.stderr)
	}
	js, err := os.ReadFile(filepath.Join(dir, "m.json"))
	if err != nil || !strings.HasPrefix(string(js), "{\n  \"n1:CC015C\": {") {
		t.Fatalf("json %.60q %v", js, err)
	}
	back := cli(t, dir, string(js), "convert", "--to", "xml", "--profile", "ctc-p5", "-")
	if back.code != 0 || !strings.Contains(back.stdout, `<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec"`) {
		t.Fatalf("to xml: exit %d %q %.200q", back.code, back.stderr, back.stdout)
	}
	// Both forms of the message check clean in one folder run.
	chk := cli(t, dir, "", "check", "--profile", "ctc-p5", ".")
	if chk.code != 0 || !strings.Contains(chk.stdout, "2 files checked: 0 errors") {
		t.Fatalf("check both forms: exit %d %q %q", chk.code, chk.stdout, chk.stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"convert", "--to", "xml", "m.xml"}, 1, "is XML already"},
		{[]string{"convert", "--to", "json", "m.json"}, 1, "is JSON already"},
		{[]string{"convert", "--to", "yaml", "m.xml"}, 2, "convert needs --to json or --to xml"},
		{[]string{"convert", "--bogus", "m.xml"}, 2, "flag provided but not defined: -bogus\nRun 'customslint convert -h' for the flags.\n"},
		{[]string{"convert", "--to", "json", "missing.xml"}, 2, "no such file"},
	} {
		// a bad flag or value is one line and a pointer to -h, not the usage
		if r := cli(t, dir, "", c.args...); r.code != c.code || !strings.Contains(r.stderr, c.err) || strings.Contains(r.stderr, "Usage") {
			t.Errorf("%v: exit %d %q", c.args, r.code, r.stderr)
		}
	}
	writeFile(t, filepath.Join(dir, "odd.xml"), "<CC015B><Nope/></CC015B>")
	if r := cli(t, dir, "", "convert", "--to", "json", "odd.xml"); r.code != 1 || !strings.Contains(r.stderr, "element not in the model") {
		t.Errorf("lossy conversion: exit %d %q", r.code, r.stderr)
	}
}

// TestReadFile reads whole files and stops one byte past the limit.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 100000} {
		p := filepath.Join(dir, fmt.Sprint(n))
		data := bytes.Repeat([]byte("x"), n)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p, 1<<20)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size %d: got %d bytes, %v", n, len(got), err)
		}
		got, err = readFile(p, 100)
		if want := min(n, 101); err != nil || len(got) != want {
			t.Errorf("size %d, limit 100: got %d bytes, want %d (%v)", n, len(got), want, err)
		}
	}
	if _, err := readFile(filepath.Join(dir, "missing"), 10); err == nil {
		t.Error("missing file read")
	}
}

// TestLargeFileStreamedLikeStdin checks a message over validate.StreamFrom
// from its file (streamed) and from stdin (read whole): the same report.
func TestLargeFileStreamedLikeStdin(t *testing.T) {
	base, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "messages", "cds", "declaration-invalid.xml"))
	if err != nil {
		t.Fatal(err)
	}
	pad := []byte("<!--" + strings.Repeat("padding <é ", validate.StreamFrom/10) + "-->\n")
	i := bytes.Index(base, []byte("<md:MetaData"))
	big := append(append(append([]byte{}, base[:i]...), pad...), base[i:]...)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.xml"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	file := cli(t, dir, "", "check", "--format", "json", "big.xml")
	stdin := cli(t, dir, string(big), "check", "--format", "json", "-")
	if file.code != 1 || stdin.code != 1 {
		t.Fatalf("exit codes %d %d, want 1 (the message has errors): %s", file.code, stdin.code, file.stderr)
	}
	findings := func(out string) string {
		var rep struct {
			Files []struct{ Findings json.RawMessage }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 1 {
			t.Fatalf("report %q: %v", out, err)
		}
		return string(rep.Files[0].Findings)
	}
	a, b := findings(file.stdout), findings(stdin.stdout)
	if a != b {
		t.Errorf("file and stdin reports differ:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, `"rule": "xsd"`) {
		t.Errorf("the schema errors of the message are not all reported: %s", a)
	}
}
