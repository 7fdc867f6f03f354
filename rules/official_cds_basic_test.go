package rules_test

import (
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsBasicRules are the CDS rules the official corpus test runs.
var cdsBasicRules = []string{"cds-lrn", "cds-mrn", "cds-eori", "cds-function-type", "cds-cancellation", "cds-datetime"}

// cdsSampleDefects are the errors these rules find in samples HMRC
// publishes as valid, by file (under cds/ of the official material) and
// rule, with why. Each must still be found.
var cdsSampleDefects = map[string]string{
	// Nine Trade Test 4.2 templates carry a placeholder authorisation
	// holder, GB0123456700009: 13 digits. (The folder's other templates are
	// not well-formed, or hold the value only inside document references.)
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TT4_2_TC002_Direct To Free Circulation - 40 00.xml cds-eori":      "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TT4_2_TC007_FEC Check 1.xml cds-eori":                             "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TT4_2_TC008_FEC Check 2.xml cds-eori":                             "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TT4_2_TC009_FEC Check 3.xml cds-eori":                             "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TT4_2_TC015_BTI Reference.xml cds-eori":                           "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TTM4_2_TC015_Valid BTI Reference (Box 44).xml cds-eori":           "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TTM4_2_TC018_Declaration made against country codes.xml cds-eori": "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TTM4_2_TC019_Valid Commodity Code format.xml cds-eori":            "AuthorisationHolder GB0123456700009",
	"examples/valid/exports-frontend/Trade Test 4.2 Sample Messages/TTM4_2_TC028_Invalid_BTI Reference.xml cds-eori":                  "AuthorisationHolder GB0123456700009",
}

// cdsBasicEngine is an engine running only the CDS rules of this test,
// without the schema.
func cdsBasicEngine(t *testing.T) *validate.Engine {
	t.Helper()
	eng, err := validate.New(validate.Options{Select: cdsBasicRules, Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return eng
}

// cdsXMLFiles lists the XML files under dir, .xml in any case.
func cdsXMLFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".xml") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOfficialCDSBasic runs the six rules over every CDS message HMRC
// publishes as valid, declarations and notifications: none may raise an
// error but the known sample defects, and each of those is still found.
func TestOfficialCDSBasic(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := cdsBasicEngine(t)
	found := map[string]int{}
	checked, warnings := 0, 0
	var files []string
	for _, dir := range []string{"examples/valid", "notifications"} {
		files = append(files, cdsXMLFiles(t, filepath.Join(off, dir))...)
	}
	for _, file := range files {
		rel, err := filepath.Rel(off, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), file, data)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(rep.MessageType, "CDS-") {
			continue // not a CDS message, or not well-formed
		}
		checked++
		for _, f := range rep.Findings {
			if !strings.HasPrefix(f.Rule, "cds-") {
				continue
			}
			if f.Severity != rules.Error {
				warnings++
				continue
			}
			key := rel + " " + f.Rule
			if _, known := cdsSampleDefects[key]; known {
				found[key]++
				continue
			}
			t.Errorf("%s:%d: %s error on a sample HMRC publishes as valid: %s", rel, f.Line, f.Rule, f.Message)
		}
	}
	for key, why := range cdsSampleDefects {
		if found[key] == 0 {
			t.Errorf("sample defect no longer found: %s (%s)", key, why)
		}
	}
	if checked < 790 {
		t.Errorf("only %d CDS messages checked", checked)
	}
	t.Logf("%d CDS messages checked, %d warnings, %d known sample defects", checked, warnings, len(found))
}

// TestMRNCheckCharacterVectors compares MRNCheckCharacter with every MRN of
// the official material and the check character computed for it there.
func TestMRNCheckCharacterVectors(t *testing.T) {
	off := oracle.OfficialDir(t)
	f, err := os.Open(filepath.Join(off, "cds", "derived", "mrn_check_character_vectors.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatal("no vectors")
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"mrn", "declared_check_char", "computed_iso6346_style", "result"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("column %s missing from %v", name, rows[0])
		}
	}
	pass := 0
	for _, row := range rows[1:] {
		mrn := row[col["mrn"]]
		got, ok := rules.MRNCheckCharacter(mrn)
		if !ok {
			t.Errorf("%s: no check character computed", mrn)
			continue
		}
		if want := row[col["computed_iso6346_style"]]; string(got) != want {
			t.Errorf("%s: check character %c, the vectors say %s", mrn, got, want)
		}
		valid := len(mrn) == 18 && mrn[17] == got
		if wantValid := row[col["result"]] == "PASS"; valid != wantValid {
			t.Errorf("%s: valid = %v, the vectors say %s", mrn, valid, row[col["result"]])
		}
		if valid {
			pass++
		}
	}
	t.Logf("%d vectors, %d with a right check character", len(rows)-1, pass)
}
