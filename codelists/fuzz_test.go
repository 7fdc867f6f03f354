package codelists

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: any bytes as a --codelists file load as lists or are skipped
// with a warning that names the file and shows none of Go's words; Load
// never fails on the content of a readable file, and never panics.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		`[{"code":"GB","description":"United Kingdom"}]`,
		`[{"ID":"AD000001","NAME":"x"}]`,
		`{"lists":{"a":{"listName":"CountryCodesFullList","listEntries":[{"state":"valid","code":"GB"}]}}}`,
		`[{"parentCode":"AE","childCodes":["UAE"]}]`,
		`[{"id":"GB000060","roles":[{"role":"DEP"}]}]`,
		`["GB"]`, `{"x":1}`, `[{"code":3}]`, `[`, "\xef\xbb\xbf[]", `null`,
	} {
		f.Add([]byte(seed), false)
	}
	f.Add([]byte("\x1f\x8b\x08\x00"), true)
	f.Fuzz(func(t *testing.T, data []byte, gz bool) {
		dir := t.TempDir()
		name := "CountryCodesFullList.json"
		if gz {
			name += ".gz"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, warnings, err := Load(dir)
		if err != nil {
			t.Fatalf("a readable file failed the load: %v", err)
		}
		if len(warnings) > 1 || (len(warnings) == 1) == (len(s.Lists()) > 0) && len(s.Lists()) > 0 {
			t.Fatalf("%d warnings and %d lists", len(warnings), len(s.Lists()))
		}
		for _, w := range warnings {
			if !strings.Contains(w, name+": skipped") {
				t.Errorf("warning names no file: %q", w)
			}
			for _, goWord := range []string{"codelists.entry", "interface {}", "map[string]", "Go value", "Go struct", " json: "} {
				if strings.Contains(w, goWord) {
					t.Errorf("warning shows Go's words: %q", w)
				}
			}
		}
	})
}
