package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: any bytes as a configuration file load or give an error that
// names the file, never a panic; a loaded file's overrides apply.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"profile: cds\nseverity:\n  xsd: warning\n",
		"overrides:\n  - paths: [\"a/**\"]\n    disable: [xsd]\n    severity: {cds-lrn: info}\n",
		"now: 2022-08-26T11:11:02Z\nmaxSize: 10MB\nmaxFindings: 0\n",
		"a: &a [x, x]\nb: [*a, *a]\n",
		"severty: x\n",
		"- 1\n",
		"{",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, FileName)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p)
		if err != nil {
			if !strings.HasPrefix(err.Error(), p) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		c.ForFile(Settings{Profile: "auto"}, filepath.Join(dir, "a", "b.xml"))
		c.Each(Settings{})
	})
}
