package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestCDSOfficesBuiltIn (issue 13 item 8): with no flags, the built-in
// offices of exit (DE 5/12) and supervising offices (DE 5/27) pass every
// office of HMRC's accepted samples (the annotated samples and the
// exports frontend's Accepted declarations), EU offices (IEDUB100 of
// TT_EX048a) included, and catch GB999999 of the exports frontend's
// TT1_EX Rejected_RefData declaration. A list loaded with --codelists
// still replaces the built-in one.
func TestCDSOfficesBuiltIn(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-codelist"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	var files []string
	for _, dir := range []string{
		filepath.Join(off, "cds", "examples", "valid", "annotated_XML_samples"),
		filepath.Join(off, "cds", "examples", "valid", "exports-frontend"),
	} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".xml") {
				return err
			}
			if strings.Contains(p, "exports-frontend") && !strings.Contains(p, string(filepath.Separator)+"Accepted"+string(filepath.Separator)) {
				return nil // the frontend's unit-test fixtures
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	offices, checkedGB, foreign := 0, 0, 0
	exits, _ := codelists.Builtin().Lookup("cds-office-of-exit")
	supervising, _ := codelists.Builtin().Lookup("cds-supervising-office")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"ExitOffice", "SupervisingOffice"} {
			for _, part := range strings.Split(string(data), "<"+tag+">")[1:] {
				_, rest, _ := strings.Cut(part, "<ID>")
				id, _, _ := strings.Cut(rest, "</ID>")
				offices++
				switch {
				case strings.HasPrefix(id, "GB") && (exits.Has(id) || supervising.Has(id)):
					checkedGB++
				case !strings.HasPrefix(id, "GB"):
					foreign++
				}
			}
		}
		rep, err := eng.Check(context.Background(), f, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range rep.Findings {
			if x.Rule == "cds-codelist" && x.Severity == rules.Error && (strings.HasPrefix(x.Message, "ExitOffice/") || strings.HasPrefix(x.Message, "SupervisingOffice/")) {
				rel, _ := filepath.Rel(off, f)
				t.Errorf("%s:%d: %s", rel, x.Line, x.Message)
			}
		}
	}
	t.Logf("%d accepted samples, %d offices: %d GB offices in the lists, %d of other countries", len(files), offices, checkedGB, foreign)
	if len(files) < 100 || checkedGB < 50 || foreign == 0 {
		t.Errorf("too little checked: %d files, %d GB offices, %d others", len(files), checkedGB, foreign)
	}

	rejected := filepath.Join(off, "cds", "examples", "invalid", "business-rule-rejected", "exports-frontend", "Exports", "Rejected", "Rejected Ref Data", "Declaration", "TT1_EX_v2.02_Rejected_RefData.xml")
	data, err := os.ReadFile(rejected)
	if err != nil {
		t.Fatal(err)
	}
	want := `ExitOffice/ID "GB999999" is not in code list cds-office-of-exit (CDSOfficesOfExit)`
	if got := codelistMessages(t, eng, rejected, data); len(got) != 1 || got[0] != want {
		t.Errorf("TT1_EX Rejected_RefData: %q, want %q", got, want)
	}

	// A loaded list replaces the built-in one: here one that has
	// GB999999.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "officeOfExits.json"), []byte(`[{"code":"GB999999","en":"A new office"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, _, err := codelists.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	eng2, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-codelist"}, RuleConfig: rules.Config{CodeLists: codelists.Builtin().With(loaded)}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng2.Close()
	if got := codelistMessages(t, eng2, rejected, data); len(got) != 0 {
		t.Errorf("with a newer list: %q", got)
	}
}

func codelistMessages(t *testing.T, eng *validate.Engine, name string, data []byte) []string {
	t.Helper()
	rep, err := eng.Check(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range rep.Findings {
		if x.Rule == "cds-codelist" {
			out = append(out, x.Message)
		}
	}
	return out
}
