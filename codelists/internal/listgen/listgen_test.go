package listgen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExcluded(t *testing.T) {
	for _, c := range []struct {
		id, name string
		want     bool
	}{
		{"CL141", "CustomsOffices", true}, {"CL171", "CustomsOfficeDeparture", true}, {"CL294", "CustomsOfficeExitDeclared", true},
		{"CL244", "UnLocodeExtended", true}, {"CL016", "CUSCode", false}, {"CL070", "CountryCodesCustomsOfficeLists", false},
	} {
		if got := Excluded(c.id, c.name); got != c.want {
			t.Errorf("Excluded(%s %s) = %v", c.id, c.name, got)
		}
	}
}

func TestLanguages(t *testing.T) {
	l := languages()
	if len(l) < 180 || len(l) > 190 || !slices.IsSorted(l) {
		t.Fatalf("%d languages, sorted %v", len(l), slices.IsSorted(l))
	}
	for _, c := range []string{"EN", "GA", "TL"} {
		if !slices.Contains(l, c) {
			t.Errorf("no %s", c)
		}
	}
	for _, c := range []string{"IW", "IN", "JI", "JW", "MO", "SH", "GB", "en"} {
		if slices.Contains(l, c) {
			t.Errorf("%s is no current ISO 639-1 code", c)
		}
	}
}

func TestManifestSource(t *testing.T) {
	f := filepath.Join(t.TempDir(), "MANIFEST.md")
	text := "# x\n## 1. hmrc/some-repo @ 0123456789abcdef0123456789abcdef01234567 (HEAD 2026-05-14; more)\n## 2. hmrc/other @ 89abcdef0123456789abcdef0123456789abcdef (2025-01-01)\n"
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := manifestSource(f, "other")
	if err != nil || got != "hmrc/other@89abcdef0123456789abcdef0123456789abcdef (2025-01-01)" {
		t.Errorf("%q %v", got, err)
	}
	if got, _ := manifestSource(f, "some-repo"); !strings.HasSuffix(got, "(HEAD 2026-05-14)") {
		t.Errorf("%q", got)
	}
	if _, err := manifestSource(f, "missing"); err == nil {
		t.Error("a missing repository found")
	}
}

// TestText: the rendering parseData reads: a header of comments, then per
// list its source, a list line and one code a line.
func TestText(t *testing.T) {
	got := string(Text(&Result{Header: []string{"h"}, Lists: []List{{ID: "CL1", Name: "One", Source: "s", Codes: []string{"A", "B"}}}}))
	if want := "# h\n\n# s (2 codes)\nlist CL1 One\nA\nB\n"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
