package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	types, _ := h["types"].([]any)
	if len(types) != 1 || types[0] != "xml" {
		t.Errorf("types %v", h["types"])
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
