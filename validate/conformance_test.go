package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
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
			eachOfficialFile(t, off, g, eng, func(f string, _ []byte, rep validate.FileReport) {
				o := oracle.OursFromReport(rep)
				got[f] = o
				if !o.Comparable {
					skipped[firstWords(o.Why)]++
				}
			})
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

// TestOnePassMatchesTwoPassesOnOfficialSamples: for every official sample,
// validating while parsing (what the engine does when the schema guessed
// from the first bytes is compiled) gives the errors of a separate
// validation pass over the parsed document, against HMRC's own schemas.
func TestOnePassMatchesTwoPassesOnOfficialSamples(t *testing.T) {
	off := oracle.OfficialDir(t)
	for _, g := range oracle.Groups {
		t.Run(g.Name, func(t *testing.T) {
			eng, err := validate.New(validate.Options{Schemas: g.BundleDirs(off), Select: []string{"xsd"}})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			schemas := map[string]*xsd.Schema{}
			compared, withErrors, broken := 0, 0, 0
			eachOfficialFile(t, off, g, eng, func(f string, data []byte, rep validate.FileReport) {
				if !oracle.OursFromReport(rep).Comparable {
					return
				}
				entry := oracle.EntryFor(t, off, g, rep.MessageType)
				s, ok := schemas[entry]
				if !ok {
					// The bundle holding the entry; HMRC's notification
					// wrapper sits beside the DMS bundle and reaches into it.
					root := filepath.Dir(filepath.Dir(entry))
					for _, d := range g.BundleDirs(off) {
						if strings.HasPrefix(entry, d+string(filepath.Separator)) {
							root = d
						}
					}
					b, err := xsd.DirBundle(root)
					if err != nil {
						t.Fatal(err)
					}
					rel, _ := filepath.Rel(root, entry)
					if s, err = xsd.Compile(context.Background(), b, filepath.ToSlash(rel)); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(s.Close)
					schemas[entry] = s
				}
				res, err := xsd.ParseDocument(context.Background(), xsd.Input{Data: data, Schema: s})
				doc, one := res.Doc, res.SchemaErrors
				if err != nil || doc == nil {
					broken++ // not well-formed: nothing validated either way
					return
				}
				two, err := s.Validate(doc)
				doc.Free()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(two, one); diff != "" {
					t.Errorf("%s: one pass differs from two (-two +one):\n%s", f, diff)
				}
				compared++
				if len(one) > 0 {
					withErrors++
				}
			})
			t.Logf("%s: %d files compared, %d with errors; %d not well-formed", g.Name, compared, withErrors, broken)
			if compared+broken < g.Min || withErrors == 0 {
				t.Errorf("only %d files compared, want at least %d", compared, g.Min)
			}
		})
	}
}

// eachOfficialFile checks every sample of a group with eng and hands over
// each file (relative to off), its bytes and its report.
func eachOfficialFile(t *testing.T, off string, g oracle.Group, eng *validate.Engine, fn func(f string, data []byte, rep validate.FileReport)) {
	t.Helper()
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
			fn(f, data, rep)
		}
	}
}
