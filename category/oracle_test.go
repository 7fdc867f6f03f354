package category_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/internal/oracle"
)

const annotated = "cds/examples/valid/annotated_XML_samples"

// oracleSkipped are the scenario rows the oracle test does not count, each
// with the reason. Rows whose trimmed value is empty, N/a or H are skipped
// by the brief; the others have no FunctionCode-9 declaration to derive.
// The test fails when a row is skipped that is not listed, or a listed row
// is not skipped.
var oracleSkipped = map[string]string{
	"":                      "blank row at the end of the sheet",
	"TT_EX029a":             "value N/a (CSP query, no declaration)",
	"TT_IM081a":             "value N/a (CSP query)",
	"TT_IM082a":             "value N/a (CSP query)",
	"TT_IM079a":             "value empty",
	"TT_IM142a":             "value H (no data set named)",
	"TT_IM149a\n(DESCOPED)": "value empty (descoped scenario)",
	"TT_EX002a":             "its only XML file is not well-formed (\"--\" inside a comment)",
	"TT_IM084a":             "folder holds no FunctionCode-9 declaration",
	"TT_IM222a":             "its only XML file has lost its colons (root mdMetaData), so it is no DMS declaration",
	"TT_EX043":              "no folder of that name",
	"TT_IM010a":             "no folder (the sheet says the sample was removed)",
	"TT_IM010b":             "no folder",
	"TT_IM046a":             "no folder",
	"TT_IM099a":             "no folder",
	"TT_IM100a":             "no folder",
	"TT_IM126a":             "no folder",
	"Updated TT_IM124a":     "no folder; TT_IM124a is counted under its own row",
}

// oracleDiffers are the counted rows where the derivation disagrees with
// the column, with what it derives and why. The test fails when another
// row differs, or a listed row no longer does.
var oracleDiffers = map[string]struct{ got, why string }{
	"TT_IM056a": {"H5", "the column contradicts itself: TT_IM059a, TT_IM060a and TT_IM172a declare the same COA 4000 F15 and are H5; CDSSG06050 makes DE 1/1 CO with requested procedure 40 an H5"},
	"TT_IM086a": {"C21i", "procedure 0005 is an inventory clearance request code (Appendix 1 000X) and no EIDR authorisation is declared; the sample's own comment calls it a C21i declaration type J"},
	"TT_IM116a": {"I1 B&E", "DE 1/2 B is a simplified declaration on an occasional basis (CDSSG06030); the row's own title says I1 B&E"},
	"TT_IM139a": {"H3", "requested procedure 53 (temporary admission) is H3 only (CDSSG09030); TT_IM083a, TT_IM147a declare 5300 as H3"},
	"TT_IM140a": {"H1", "an IM declaration with 4000 cannot be B1, an export data set"},
	"TT_IM141a": {"C21i EIDR NOP", "an IMJ declaration cannot be C21e (exports); with 7100 it is an EIDR NOP (CDSSG09040)"},
	"TT_EX050a": {"B2", "requested procedure 22 is outward processing (Appendix 1), B2; TT_EX056a declares 2200 as B2"},
}

// columnAliases are the column's spellings that name a category family
// by another name, with the reason; they are compared as their target.
var columnAliases = map[string]string{
	"eidr nop": "c21i eidr nop", // "GL EIDR NOP": type K EIDR NOPs (TT_IM176a, TT_IM177a); the column drops C21i
	"b1mou":    "b1",            // TT_EX025a: a B1 declaration under the MOU authorisation
}

// columnMatches compares a derived category with the column at the
// column's granularity, case-insensitively: "I1" names I1 C&F and I1 B&E,
// "C21i EIDR" names C21i EIDR NOP, and "GL x" is the Green Lane variant
// of x, derived as x.
func columnMatches(col string, got category.Category) bool {
	c := strings.ToLower(strings.Join(strings.Fields(col), " "))
	c = strings.TrimPrefix(c, "gl ")
	if a, ok := columnAliases[c]; ok {
		c = a
	}
	g := strings.ToLower(string(got))
	return g == c || strings.HasPrefix(g, c+" ")
}

func skippedValue(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "" || v == "n/a" || v == "h"
}

// TestOracleScenarioCategories derives the category of every
// FunctionCode-9 declaration of each scenario folder and compares it with
// the sheet's "Data Set Category" column.
func TestOracleScenarioCategories(t *testing.T) {
	base := filepath.Join(oracle.OfficialDir(t), annotated)
	f, err := os.Open(filepath.Join(base, "Annotated_Scenario_Descriptions_TTM34.0.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read scenario sheet: %v", err)
	}
	col := columnIndex(t, rows[0], "Data Set Category")
	skipped, differs := map[string]bool{}, map[string]bool{}
	counted, agree := 0, 0
	for _, row := range rows[1:] {
		ref, want := strings.TrimSpace(row[0]), row[col]
		if ref == "" && strings.Contains(row[0], "DESCOPED") {
			ref = row[0]
		}
		var decls []sampleDecl
		if !skippedValue(want) && safeRef(ref) {
			decls = sampleDecls(t, filepath.Join(base, ref))
		}
		if skippedValue(want) || len(decls) == 0 {
			skipped[ref] = true
			if _, ok := oracleSkipped[ref]; !ok {
				t.Errorf("row %q (%q) skipped but not listed in oracleSkipped", ref, want)
			}
			continue
		}
		counted++
		got, ok := compareRow(want, decls)
		if ok {
			agree++
			continue
		}
		differs[ref] = true
		known, listed := oracleDiffers[ref]
		switch {
		case !listed:
			t.Errorf("row %s: column %q, derived %s: not a listed difference", ref, strings.TrimSpace(want), got)
		case known.got != got:
			t.Errorf("row %s: derived %s, listed as %s", ref, got, known.got)
		}
	}
	checkListed(t, oracleSkipped, skipped, "skipped")
	for ref := range oracleDiffers {
		if !differs[ref] {
			t.Errorf("row %s is listed in oracleDiffers but no longer differs (or is not counted)", ref)
		}
	}
	ratio := float64(agree) / float64(counted)
	t.Logf("agreement %d/%d = %.1f%% (%d rows skipped, %d known differences)", agree, counted, 100*ratio, len(skipped), len(differs))
	if counted < 200 || ratio < 0.95 {
		t.Errorf("agreement %d/%d = %.1f%%, want >= 95%% over at least 200 rows", agree, counted, 100*ratio)
	}
}

// compareRow derives each declaration of a row; the row agrees when all
// of them match the column. got lists the distinct outcomes.
func compareRow(want string, decls []sampleDecl) (got string, ok bool) {
	ok = true
	seen := map[string]bool{}
	var outs []string
	for _, d := range decls {
		res := category.Derive(d.Decl)
		if res.Status != category.Derived || !columnMatches(want, res.Category) {
			ok = false
		}
		if o := outcome(res); !seen[o] {
			seen[o] = true
			outs = append(outs, o)
		}
	}
	sort.Strings(outs)
	return strings.Join(outs, "; "), ok
}

func columnIndex(t *testing.T, head []string, name string) int {
	t.Helper()
	for i, h := range head {
		if strings.TrimSpace(h) == name {
			return i
		}
	}
	t.Fatalf("no %q column in %q", name, head)
	return 0
}

// safeRef reports whether a sheet reference can name a folder.
func safeRef(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, "/\\\n") && ref != "." && ref != ".."
}

func checkListed(t *testing.T, listed map[string]string, got map[string]bool, what string) {
	t.Helper()
	for ref, why := range listed {
		if !got[ref] {
			t.Errorf("row %q is listed as %s (%s) but is not", ref, what, why)
		}
	}
}
