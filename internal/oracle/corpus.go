package oracle

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Group is one official schema bundle and the samples checked with it.
type Group struct {
	Name    string
	Bundles []string // relative to the official dir; the first that has a message's schema wins
	Dirs    []string // sample folders, relative to the official dir
	Min     int      // at least this many files must be compared with xmllint
}

// BundleDirs returns the group's bundles as absolute folders under off.
func (g Group) BundleDirs(off string) []string {
	var dirs []string
	for _, b := range g.Bundles {
		dirs = append(dirs, filepath.Join(off, b))
	}
	return dirs
}

// Groups are the official corpora: every sample folder with its bundle.
var Groups = []Group{
	{"cds", []string{"cds/schemas/v2.15"}, []string{"cds/examples", "cds/notifications"}, 822},
	{"ctc-p4", []string{"ctc/phase4/xsd"}, []string{"ctc/phase4/examples"}, 16},
	// The converter's copy adds cc140c/cc141c; two --schemas folders of one phase.
	{"ctc-p5", []string{"ctc/phase5/xsd", "ctc/phase5/xsd-converter"}, []string{"ctc/phase5/examples"}, 92},
	{"ctc-p6", []string{"ctc/phase6/xsd", "ctc/phase6/xsd-converter"}, []string{"ctc/phase6/examples"}, 92},
}

// Ours is customslint's answer for one file, in xmllint's terms.
type Ours struct {
	Verdict     Verdict
	SchemaLines []int
	ParseLines  []int
	Comparable  bool   // false: customslint says it is not a message it validates
	Why         string // why not comparable
	MessageType string
}

// OursFromReport reduces a file report to the verdict and error lines that
// xmllint would give, or says why the file is not comparable.
func OursFromReport(rep validate.FileReport) Ours {
	o := Ours{Verdict: Valid, Comparable: true, MessageType: rep.MessageType}
	for _, f := range rep.Findings {
		switch {
		case f.Rule == rules.XMLID && f.Severity == rules.Error:
			o.Verdict = NotWellFormed
			o.ParseLines = append(o.ParseLines, f.Line)
		case f.Rule == rules.XSDID && f.Severity == rules.Error:
			if o.Verdict != NotWellFormed {
				o.Verdict = Invalid
			}
			o.SchemaLines = append(o.SchemaLines, f.Line)
		case f.Rule == rules.MessageTypeID && f.Severity == rules.Error:
			o.Comparable, o.Why = false, f.Message
		case f.Rule == rules.XMLID && strings.Contains(f.Message, "text after the root element of this DMS notification is ignored"):
			// customslint ignores the log lines after HMRC's Trade Test
			// notifications by design; xmllint refuses the file.
			o.Comparable, o.Why = false, "DMS notification with trailing text"
		case f.Rule == rules.MessageTypeID && strings.Contains(f.Message, "MDG submitDeclarationRequest wrapper"):
			// customslint validates the MetaData inside the wrapper;
			// xmllint can only validate the whole document.
			o.Comparable, o.Why = false, "MDG wrapper"
		}
	}
	return o
}

// EntryFor is the official entry document xmllint uses for a file of
// the given message type: what HMRC's services load for it.
func EntryFor(t *testing.T, off string, g Group, messageType string) string {
	switch {
	case g.Name == "cds" && messageType == validate.TypeCDSCancellation:
		return filepath.Join(off, g.Bundles[0], "customs/wrapper_cancel.xsd")
	case g.Name == "cds" && messageType == validate.TypeCDSNotification:
		return filepath.Join(off, "cds/validation/wrapper_notification.xsd")
	case g.Name == "cds":
		return filepath.Join(off, g.Bundles[0], "customs/wrapper_submit.xsd")
	}
	for _, b := range g.Bundles {
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
	t.Fatalf("%s: no official entry for %s", g.Name, messageType)
	return ""
}

// CompareWithXmllint checks every comparable file's verdict and error lines
// against xmllint's and returns how many files it compared.
func CompareWithXmllint(t *testing.T, off string, g Group, got map[string]Ours) int {
	t.Helper()
	byEntry := map[string][]string{}
	for f, o := range got {
		if o.Comparable {
			e := EntryFor(t, off, g, o.MessageType)
			byEntry[e] = append(byEntry[e], f)
		}
	}
	compared := 0
	for entry, files := range byEntry {
		slices.Sort(files)
		want := RunXmllint(t, off, entry, files)
		for _, f := range files {
			w, o := want[f], got[f]
			compared++
			if w.Verdict != o.Verdict {
				t.Errorf("%s: verdict %s, xmllint %s (xmllint lines %v %v, ours %v %v)", f, o.Verdict, w.Verdict, w.SchemaLines, w.ParseLines, o.SchemaLines, o.ParseLines)
				continue
			}
			switch w.Verdict {
			case Invalid:
				if diff := cmp.Diff(Sorted(w.SchemaLines), Sorted(o.SchemaLines)); diff != "" {
					t.Errorf("%s: schema error lines differ from xmllint's (-xmllint +ours):\n%s", f, diff)
				}
			case NotWellFormed:
				if len(w.ParseLines) > 0 && len(o.ParseLines) > 0 && w.ParseLines[0] != o.ParseLines[0] {
					t.Errorf("%s: first parse error at line %d, xmllint says %d", f, o.ParseLines[0], w.ParseLines[0])
				}
			}
		}
	}
	return compared
}

// Sorted returns a sorted copy of xs (never nil).
func Sorted(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	if out == nil {
		out = []int{}
	}
	return out
}
