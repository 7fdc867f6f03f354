package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// TestOfficialCorpusFromCLI runs the customslint process over every official
// sample folder with --schemas at the matching official bundle and requires
// the JSON report's schema verdicts and error lines to equal xmllint's.
func TestOfficialCorpusFromCLI(t *testing.T) {
	off := oracle.OfficialDir(t)
	oracle.Xmllint(t)
	for _, g := range oracle.Groups {
		t.Run(g.Name, func(t *testing.T) {
			args := []string{"check", "--format", "json"}
			for _, b := range g.BundleDirs(off) {
				args = append(args, "--schemas", b)
			}
			args = append(args, g.Dirs...)
			r := cli(t, off, "", args...)
			// Only the run's one line about data items left unchecked
			// for want of reference data (codelists) may be on stderr.
			if r.code != 1 || (r.stderr != "" && !strings.HasPrefix(r.stderr, "customslint: info: ")) || strings.Count(r.stderr, "\n") > 1 {
				t.Fatalf("exit %d (want 1: the corpus has invalid samples), stderr %q", r.code, r.stderr)
			}
			var rep validate.Report
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatal(err)
			}
			got := map[string]oracle.Ours{}
			for _, f := range rep.Files {
				if strings.EqualFold(filepath.Ext(f.Path), ".xml") { // the folders hold JSON examples too
					got[f.Path] = oracle.OursFromReport(f)
				}
			}
			if want := len(oracle.XMLFilesAll(t, off, g.Dirs)); len(got) != want {
				t.Fatalf("report has %d files, the folders hold %d", len(got), want)
			}
			n := oracle.CompareWithXmllint(t, off, g, got)
			if n < g.Min {
				t.Errorf("only %d files compared, want at least %d", n, g.Min)
			}
		})
	}
}
