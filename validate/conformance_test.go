package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// TestOfficialCorpusMatchesXmllint checks every official sample with the
// matching official bundle (--schemas) and requires customslint's schema
// verdict and error lines to equal xmllint's.
func TestOfficialCorpusMatchesXmllint(t *testing.T) {
	off := oracle.OfficialDir(t)
	oracle.Xmllint(t)
	for _, g := range oracle.Groups {
		t.Run(g.Name, func(t *testing.T) {
			eng, err := validate.New(validate.Options{Schemas: g.BundleDirs(off)})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			got := map[string]oracle.Ours{}
			skipped := map[string]int{}
			for _, dir := range g.Dirs {
				for _, f := range oracle.XMLFiles(t, off, dir) {
					data, err := os.ReadFile(filepath.Join(off, f))
					if err != nil {
						t.Fatal(err)
					}
					rep, err := eng.Check(context.Background(), f, data)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					o := oracle.OursFromReport(rep)
					got[f] = o
					if !o.Comparable {
						skipped[firstWords(o.Why)]++
					}
				}
			}
			n := oracle.CompareWithXmllint(t, off, g, got)
			t.Logf("%s: %d files compared with xmllint; not schema-checked by design: %v", g.Name, n, skipped)
			if n < g.Min {
				t.Errorf("only %d files compared, want at least %d", n, g.Min)
			}
		})
	}
}

func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(4, len(w))], " ")
}
