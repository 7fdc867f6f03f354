package codelists_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/codelists/internal/listgen"
	"github.com/customslint/customslint/internal/oracle"
)

// fromReferenceData reports whether a built-in list's codes come from
// HMRC's reference data lists (hand-written and checked against them, or
// generated from them), rather than from the schemas' enumerations or ISO
// 639 (generated lists whose source says so).
func fromReferenceData(l *codelists.List) bool {
	return !strings.Contains(l.Source, "tcl.xsd") && !strings.Contains(l.Source, "ISO 639-1")
}

// generate runs the generator on the official folder as go generate does.
func generate(t *testing.T) *listgen.Result {
	t.Helper()
	off := oracle.OfficialDir(t)
	hand, err := listgen.HandIDs("data")
	if err != nil {
		t.Fatal(err)
	}
	res, err := listgen.Generate(off, hand, codelists.EntityCL)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestGeneratedNotStale: data/generated.lists is what the generator makes
// of the official folder now.
func TestGeneratedNotStale(t *testing.T) {
	want := listgen.Text(generate(t))
	got, err := codelists.GeneratedText()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("data/%s is stale (%d bytes, the generator makes %d): run go generate ./codelists", codelists.GeneratedFile, len(got), len(want))
	}
}

// TestGeneratedLists: every generated list of Builtin holds exactly the
// codes HMRC publishes, read by the loader --codelists uses (Load), not by
// the generator: the CS/RD2 snapshot, or the code-lists file when the
// snapshot lacks the list, or the exports frontend's office lists. Lists
// from the schemas' enumerations hold exactly those enumerations, read
// here independently.
func TestGeneratedLists(t *testing.T) {
	off := oracle.OfficialDir(t)
	ref := filepath.Join(off, "codelists", "ctc", "ncts-p5-customs-reference-data")
	snap, _, err := codelists.Load(filepath.Join(ref, "csrd2-payloads", "RD_NCTS-P5.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := codelists.Load(filepath.Join(ref, "code-lists"))
	if err != nil {
		t.Fatal(err)
	}
	exports, _, err := codelists.Load(filepath.Join(off, "codelists", "cds", "customs-declare-exports-frontend"))
	if err != nil {
		t.Fatal(err)
	}
	res := generate(t)
	if len(res.Lists) < 40 {
		t.Fatalf("only %d generated lists", len(res.Lists))
	}
	for _, g := range res.Lists {
		l, ok := codelists.Builtin().Lookup(g.ID)
		if !ok || l.Name != g.Name || !strings.HasPrefix(l.Source, "built in (generated from ") {
			t.Errorf("%s %s: not built in as generated (%v)", g.ID, g.Name, l)
			continue
		}
		var want []string
		switch {
		case strings.HasPrefix(g.Source, "RD_NCTS-P5 "):
			want = codesOf(t, snap, strings.TrimPrefix(g.Source, "RD_NCTS-P5 "))
		case strings.HasPrefix(g.Source, "code-lists/"):
			want = codesOf(t, files, strings.TrimSuffix(strings.TrimPrefix(g.Source, "code-lists/"), ".json"))
		case strings.HasPrefix(g.Source, "exports frontend "):
			want = codesOf(t, exports, g.ID)
		case strings.HasPrefix(g.Source, "tcl.xsd "):
			want = enumerations(t, off, g.Name)
		case g.Source == "ISO 639-1":
			for _, c := range []string{"EN", "FR", "DE", "GA", "CY", "MT", "SV", "UK", "TR", "SR", "TL", "HE"} {
				if !l.Has(c) {
					t.Errorf("%s lacks %s", l.Label(), c)
				}
			}
			for _, c := range []string{"GB", "ZZ", "en", "IW", "SH", "MO"} {
				if l.Has(c) {
					t.Errorf("%s has %s, no ISO 639-1 language", l.Label(), c)
				}
			}
			continue
		default:
			t.Errorf("%s: unknown source %q", g.ID, g.Source)
			continue
		}
		if got := l.Codes(); !slices.Equal(got, want) {
			t.Errorf("%s differs from %s: missing %v, extra %v", l.Label(), g.Source, few(diff(want, got)), few(diff(got, want)))
		}
		// Has searches the text: every code, and nothing beside them.
		for _, c := range want {
			if !l.Has(c) || l.Has(c+"0") || l.Has(c[:len(c)-1]+"~") || l.Description(c) != "" {
				if !slices.Contains(want, c+"0") && !slices.Contains(want, c[:len(c)-1]+"~") {
					t.Errorf("%s: Has(%q) %v, or a neighbour found", l.Label(), c, l.Has(c))
					break
				}
			}
		}
		if l.Has("") || l.Has("#") || l.Has("zzzzzzzz") {
			t.Errorf("%s has an empty, comment or unknown code", l.Label())
		}
	}
}

func codesOf(t *testing.T, s *codelists.Set, name string) []string {
	t.Helper()
	l, ok := s.Lookup(name)
	if !ok {
		t.Fatalf("loaded reference data lacks %s", name)
	}
	return l.Codes()
}

// enumerations reads the values of a simple type of the phase 5 and 6
// tcl.xsd with xmllint-free string search: each value attribute between the
// type's start and end.
func enumerations(t *testing.T, off, name string) []string {
	t.Helper()
	var out []string
	for _, phase := range []string{"phase5", "phase6"} {
		b := readFile(t, filepath.Join(off, "ctc", phase, "xsd", "tcl.xsd"))
		_, rest, ok := strings.Cut(string(b), `<xs:simpleType name="`+name+`">`)
		if !ok {
			continue
		}
		body, _, _ := strings.Cut(rest, "</xs:simpleType>")
		for _, part := range strings.Split(body, `<xs:enumeration value="`)[1:] {
			v, _, _ := strings.Cut(part, `"`)
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		t.Fatalf("tcl.xsd has no type %s", name)
	}
	return uniqueSorted(out)
}

func readFile(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
