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
)

// TestFixtureMessagesAgreeWithOfficialSchemas keeps the project's example
// messages honest: the valid ones validate against HMRC's schemas, the
// invalid ones fail with exactly the errors their comments list, for
// customslint and for xmllint alike.
func TestFixtureMessagesAgreeWithOfficialSchemas(t *testing.T) {
	off := oracle.OfficialDir(t)
	base := filepath.Join("..", "testdata", "messages")
	bundles := map[string]string{
		"cds":    "cds/schemas/v2.15",
		"ctc-p4": "ctc/phase4/xsd",
		"ctc-p5": "ctc/phase5/xsd",
		"ctc-p6": "ctc/phase6/xsd",
	}
	wantLines := map[string][]int{
		"cds/declaration-invalid.xml": {18, 94, 119},
		"ctc-p6/cc015c-invalid.xml":   {17, 21},
	}
	files := oracle.XMLFiles(t, base, ".")
	if len(files) < 14 {
		t.Fatalf("only %d fixture messages", len(files))
	}
	for _, f := range files {
		family := strings.Split(filepath.ToSlash(f), "/")[0]
		bundle, ok := bundles[family]
		if !ok {
			t.Errorf("%s: folder %s has no official bundle", f, family)
			continue
		}
		eng := newEngine(t, validate.Options{Schemas: []string{filepath.Join(off, bundle)}, Select: []string{"xsd"}})
		data, err := os.ReadFile(filepath.Join(base, f))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), f, data)
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		for _, fd := range rep.Findings {
			if fd.Rule != "xsd" {
				t.Errorf("%s: unexpected finding %+v", f, fd)
			}
			lines = append(lines, fd.Line)
		}
		if diff := cmp.Diff(wantLines[filepath.ToSlash(f)], lines); diff != "" {
			t.Errorf("%s: error lines (-want +got):\n%s", f, diff)
		}
		got := oracle.OursFromReport(rep)
		entry := oracle.EntryFor(t, off, oracle.Group{Name: strings.Split(family, "-")[0], Bundles: []string{bundle}}, rep.MessageType)
		absBase, _ := filepath.Abs(base)
		x := oracle.RunXmllint(t, absBase, entry, []string{f})[f]
		if x.Verdict != got.Verdict || !cmp.Equal(oracle.Sorted(x.SchemaLines), oracle.Sorted(got.SchemaLines)) {
			t.Errorf("%s: xmllint says %s %v, customslint %s %v", f, x.Verdict, x.SchemaLines, got.Verdict, got.SchemaLines)
		}
	}
}
