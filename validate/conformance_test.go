package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// corpusGroup is one official schema bundle and the samples checked with it.
type corpusGroup struct {
	name    string
	bundles []string // relative to the official dir; the first that has a message's schema wins
	dirs    []string // sample folders, relative to the official dir
	min     int      // at least this many files must be compared with xmllint
}

var corpusGroups = []corpusGroup{
	{"cds", []string{"cds/schemas/v2.15"}, []string{"cds/examples", "cds/notifications"}, 830},
	{"ctc-p4", []string{"ctc/phase4/xsd"}, []string{"ctc/phase4/examples"}, 16},
	// The converter's copy adds cc140c/cc141c; two --schemas folders of one phase.
	{"ctc-p5", []string{"ctc/phase5/xsd", "ctc/phase5/xsd-converter"}, []string{"ctc/phase5/examples"}, 92},
	{"ctc-p6", []string{"ctc/phase6/xsd", "ctc/phase6/xsd-converter"}, []string{"ctc/phase6/examples"}, 92},
}

// ours is customslint's answer for one file, in xmllint's terms.
type ours struct {
	verdict     oracle.Verdict
	schemaLines []int
	parseLines  []int
	comparable  bool   // false: customslint says it is not a message it validates
	why         string // why not comparable
	messageType string
}

// oursFromReport reduces a file report to the verdict and error lines that
// xmllint would give, or says why the file is not comparable.
func oursFromReport(rep validate.FileReport) ours {
	o := ours{verdict: oracle.Valid, comparable: true, messageType: rep.MessageType}
	for _, f := range rep.Findings {
		switch {
		case f.Rule == rules.XMLID && f.Severity == rules.Error:
			o.verdict = oracle.NotWellFormed
			o.parseLines = append(o.parseLines, f.Line)
		case f.Rule == rules.XSDID && f.Severity == rules.Error:
			if o.verdict != oracle.NotWellFormed {
				o.verdict = oracle.Invalid
			}
			o.schemaLines = append(o.schemaLines, f.Line)
		case f.Rule == rules.MessageTypeID && f.Severity == rules.Error:
			o.comparable, o.why = false, f.Message
		case f.Rule == rules.MessageTypeID && strings.Contains(f.Message, "MDG submitDeclarationRequest wrapper"):
			// customslint validates the MetaData inside the wrapper;
			// xmllint can only validate the whole document.
			o.comparable, o.why = false, "MDG wrapper"
		}
	}
	return o
}

// xmllintEntry is the official entry document xmllint uses for a file of
// the given message type: what HMRC's services load for it.
func xmllintEntry(t *testing.T, off string, g corpusGroup, messageType string) string {
	switch {
	case g.name == "cds" && messageType == validate.TypeCDSCancellation:
		return filepath.Join(off, g.bundles[0], "customs/wrapper_cancel.xsd")
	case g.name == "cds" && messageType == validate.TypeCDSNotification:
		return filepath.Join(off, "cds/validation/wrapper_notification.xsd")
	case g.name == "cds":
		return filepath.Join(off, g.bundles[0], "customs/wrapper_submit.xsd")
	}
	for _, b := range g.bundles {
		ents, err := os.ReadDir(filepath.Join(off, b))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.EqualFold(e.Name(), messageType+".xsd") {
				return filepath.Join(off, b, e.Name())
			}
		}
	}
	t.Fatalf("%s: no official entry for %s", g.name, messageType)
	return ""
}

// compareWithXmllint checks every comparable file's verdict and error lines
// against xmllint's and returns how many files it compared.
func compareWithXmllint(t *testing.T, off string, g corpusGroup, got map[string]ours) int {
	t.Helper()
	byEntry := map[string][]string{}
	for f, o := range got {
		if o.comparable {
			e := xmllintEntry(t, off, g, o.messageType)
			byEntry[e] = append(byEntry[e], f)
		}
	}
	compared := 0
	for entry, files := range byEntry {
		slices.Sort(files)
		want := oracle.RunXmllint(t, off, entry, files)
		for _, f := range files {
			w, o := want[f], got[f]
			compared++
			if w.Verdict != o.verdict {
				t.Errorf("%s: verdict %s, xmllint %s (xmllint lines %v %v, ours %v %v)", f, o.verdict, w.Verdict, w.SchemaLines, w.ParseLines, o.schemaLines, o.parseLines)
				continue
			}
			switch w.Verdict {
			case oracle.Invalid:
				if diff := cmp.Diff(sorted(w.SchemaLines), sorted(o.schemaLines)); diff != "" {
					t.Errorf("%s: schema error lines differ from xmllint's (-xmllint +ours):\n%s", f, diff)
				}
			case oracle.NotWellFormed:
				if len(w.ParseLines) > 0 && len(o.parseLines) > 0 && w.ParseLines[0] != o.parseLines[0] {
					t.Errorf("%s: first parse error at line %d, xmllint says %d", f, o.parseLines[0], w.ParseLines[0])
				}
			}
		}
	}
	return compared
}

func sorted(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	if out == nil {
		out = []int{}
	}
	return out
}

// TestOfficialCorpusMatchesXmllint checks every official sample with the
// matching official bundle (--schemas) and requires customslint's schema
// verdict and error lines to equal xmllint's.
func TestOfficialCorpusMatchesXmllint(t *testing.T) {
	off := oracle.OfficialDir(t)
	oracle.Xmllint(t)
	for _, g := range corpusGroups {
		t.Run(g.name, func(t *testing.T) {
			var dirs []string
			for _, b := range g.bundles {
				dirs = append(dirs, filepath.Join(off, b))
			}
			eng, err := validate.New(validate.Options{Schemas: dirs})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			got := map[string]ours{}
			skipped := map[string]int{}
			for _, dir := range g.dirs {
				for _, f := range oracle.XMLFiles(t, off, dir) {
					data, err := os.ReadFile(filepath.Join(off, f))
					if err != nil {
						t.Fatal(err)
					}
					rep, err := eng.Check(context.Background(), f, data)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					o := oursFromReport(rep)
					got[f] = o
					if !o.comparable {
						skipped[firstWords(o.why)]++
					}
				}
			}
			n := compareWithXmllint(t, off, g, got)
			t.Logf("%s: %d files compared with xmllint; not schema-checked by design: %v", g.name, n, skipped)
			if n < g.min {
				t.Errorf("only %d files compared, want at least %d", n, g.min)
			}
		})
	}
}

func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(4, len(w))], " ")
}
