package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// rSelect selects the rules of this family: ctc-mrn and the ctc-r0xxx.
var rSelect = func() []string {
	out := []string{"ctc-mrn"}
	for _, r := range rules.All() {
		if len(r.ID) == len("ctc-r0000") && strings.HasPrefix(r.ID, "ctc-r") {
			out = append(out, r.ID)
		}
	}
	return out
}()

// rSampleDefects are HMRC's schema-valid examples (validator fixtures, XML
// and JSON, and converter pairs whose XML is schema-valid) that break one
// of these rules, by phase/base name and rule, with why. Most are XMLSpy
// placeholders or made-up values: MRNs whose check character is wrong,
// sequence numbers such as 12345, an export MRN "AB123456".
var rSampleDefects = map[string]string{}

func init() {
	add := func(why, rule string, names ...string) {
		for _, n := range names {
			rSampleDefects[n+" "+rule] = why
		}
	}
	add("placeholder MRNs: check characters that do not compute (27WF9X1FQ9RCKN0TM3, 24GB012345678901A0 ...), an export MRN AB123456", "ctc-mrn",
		"phase5/cc007c-valid", "phase5/cc007c-valid-xi", "phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc025c-valid", "phase5/cc043c-valid", "phase5/cc044c-valid", "phase5/it-cc007c-valid", "phase5/it-cc013c-valid", "phase5/it-cc043c-valid", "phase5/it-cc044c-valid", "phase6/cc007c-valid", "phase6/cc013c-valid", "phase6/cc044c-valid", "phase6/it-cc007c-valid", "phase6/it-cc013c-valid", "phase6/it-cc044c-valid")
	add("placeholder declarationGoodsItemNumber (100, 1458 ...) where items are numbered from 1", "ctc-r0007",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc015c-valid", "phase5/cc043c-valid", "phase5/it-cc013c-valid", "phase5/it-cc015c-1", "phase5/it-cc015c-valid", "phase5/it-cc043c-valid", "phase5/unit-cc015c-1", "phase6/cc013c-valid", "phase6/cc015c-valid", "phase6/it-cc013c-valid", "phase6/it-cc015c-valid", "phase6/unit-cc015c-1")
	add("the office placeholder AB123456 stands for the exit, transit and destination offices alike", "ctc-r0103",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/it-cc013c-valid", "phase6/cc013c-valid", "phase6/it-cc013c-valid")
	add("placeholder numberOfSeals and seal sequence numbers that disagree (100 and 12345 ...)", "ctc-r0106",
		"phase5/cc007c-valid", "phase5/cc007c-valid-xi", "phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc043c-valid", "phase5/cc170c-valid", "phase5/it-cc007c-valid", "phase5/it-cc013c-valid", "phase5/it-cc043c-valid", "phase5/it-cc170c-valid", "phase6/cc013c-valid", "phase6/cc170c-valid", "phase6/it-cc013c-valid", "phase6/it-cc170c-valid")
	add("a made-up type of identification 53 for inland mode 1", "ctc-r0472",
		"phase5/it-cc043c-valid")
	add("by road (inland mode 3) with placeholder transport means types 32 and 33", "ctc-r0474",
		"phase5/cc043c-valid")
	add("reducedDatasetIndicator 1 without an authorisation C524", "ctc-r0859",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc015c-valid", "phase5/it-cc013c-valid", "phase5/it-cc015c-1", "phase5/it-cc015c-valid", "phase5/unit-cc015c-1", "phase6/cc013c-valid", "phase6/cc015c-valid", "phase6/it-cc013c-valid", "phase6/it-cc015c-valid", "phase6/unit-cc015c-1")
	add("guarantee type P, not a guarantee type (CL229)", "ctc-r0900",
		"phase5/cc015c-valid", "phase6/cc015c-valid")
	add("placeholder sequence numbers (123, 12345, 48711 ...) where iterations are numbered from 1", "ctc-r0987",
		"phase5/cc007c-valid", "phase5/cc007c-valid-xi", "phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc015c-valid", "phase5/cc170c-valid", "phase5/it-cc007c-valid", "phase5/it-cc013c-valid", "phase5/it-cc015c-1", "phase5/it-cc015c-valid", "phase5/it-cc043c-valid", "phase5/it-cc170c-valid", "phase5/unit-cc015c-1", "phase6/cc007c-valid", "phase6/cc013c-valid", "phase6/cc015c-valid", "phase6/cc170c-valid", "phase6/it-cc007c-valid", "phase6/it-cc013c-valid", "phase6/it-cc015c-valid", "phase6/it-cc170c-valid", "phase6/unit-cc015c-1")
	add("placeholder goodsItemNumber (12345 ...) where items are numbered from 1", "ctc-r0988",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc015c-valid", "phase5/cc043c-valid", "phase5/it-cc013c-valid", "phase5/it-cc015c-1", "phase5/it-cc015c-valid", "phase5/it-cc043c-valid", "phase5/unit-cc015c-1", "phase6/cc013c-valid", "phase6/cc015c-valid", "phase6/it-cc013c-valid", "phase6/it-cc015c-valid", "phase6/unit-cc015c-1")
	add("placeholder MRNs in the JSON twins: check characters that do not compute (29GMFMHYWWCFCWRVJ3 ...), a 17-character 2AB1234567890ABJ5, an export MRN AB123456 (JSON twins)", "ctc-mrn",
		"phase5/cc014c-valid", "phase5/cc029c-valid", "phase5/it-cc014c-valid", "phase6/cc007c-valid-xi", "phase6/cc013c-valid-mrn", "phase6/cc014c-valid", "phase6/cc025c-valid", "phase6/cc029c-valid", "phase6/cc043c-valid", "phase6/it-cc014c-valid")
	add("placeholder dates: an estimated arrival (2002) before the release date (2008) (JSON twins)", "ctc-r0004",
		"phase5/cc029c-valid", "phase6/cc029c-valid")
	add("placeholder declarationGoodsItemNumber (100, 1458 ...) where items are numbered from 1 (JSON twins)", "ctc-r0007",
		"phase5/cc029c-valid", "phase6/cc013c-valid-mrn", "phase6/cc029c-valid", "phase6/cc043c-valid")
	add("the office placeholder AB123456 stands for the exit, transit and destination offices alike (JSON twins)", "ctc-r0103",
		"phase6/cc013c-valid-mrn")
	add("placeholder numberOfSeals and seal sequence numbers that disagree (100 and 12345 ...) (JSON twins)", "ctc-r0106",
		"phase5/cc029c-valid", "phase6/cc013c-valid-mrn", "phase6/cc029c-valid", "phase6/cc043c-valid")
	add("the placeholder GRN ABC for guarantee type B (JSON twins)", "ctc-r0318",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/it-cc013c-valid", "phase6/cc013c-valid", "phase6/cc013c-valid-mrn", "phase6/it-cc013c-valid")
	add("a made-up type of identification 43 for inland mode 1 (JSON twins)", "ctc-r0472",
		"phase5/cc029c-valid", "phase6/cc029c-valid")
	add("by road (inland mode 3) with placeholder transport means types 32 and 33 (JSON twins)", "ctc-r0474",
		"phase6/cc043c-valid")
	add("reducedDatasetIndicator 1 without an authorisation C524 (JSON twins)", "ctc-r0859",
		"phase6/cc013c-valid-mrn")
	add("guarantee type B from a GB office of departure, not in CL229 (JSON twins)", "ctc-r0900",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/it-cc013c-valid", "phase6/cc013c-valid", "phase6/cc013c-valid-mrn", "phase6/it-cc013c-valid")
	add("placeholder sequence numbers (123, 12345, 48711 ...) where iterations are numbered from 1 (JSON twins)", "ctc-r0987",
		"phase6/cc007c-valid-xi", "phase6/cc013c-valid-mrn")
	add("placeholder goodsItemNumber (12345 ...) where items are numbered from 1 (JSON twins)", "ctc-r0988",
		"phase5/cc029c-valid", "phase6/cc013c-valid-mrn", "phase6/cc029c-valid", "phase6/cc043c-valid")
	add("the placeholder TIR carnet number 123456 (JSON twins)", "ctc-r0990",
		"phase5/cc013c-valid", "phase5/cc013c-valid-mrn", "phase5/cc029c-valid", "phase5/it-cc013c-valid", "phase6/cc013c-valid", "phase6/cc013c-valid-mrn", "phase6/cc029c-valid", "phase6/it-cc013c-valid")
}

// rOfficialLists are HMRC's published NCTS reference data lists, with the
// test lists for those it does not publish.
func rOfficialLists(t *testing.T, off string) *codelists.Set {
	dir := t.TempDir()
	src := filepath.Join(off, "codelists", "ctc", "ncts-p5-customs-reference-data")
	for _, f := range []string{
		"code-lists/CountryCodesCTC.json", "code-lists/CountryCodesCommunity.json", "code-lists/CountryCodesCommonTransit.json",
		"code-lists/PreviousDocumentUnionGoods.json", "code-lists/DocumentTypeExcise.json", "code-lists/KindOfPackagesBulk.json",
		"code-lists/KindOfPackagesUnpacked.json", "code-lists/FunctionalErrorCodesIeCA.json",
	} {
		if err := os.Symlink(filepath.Join(src, f), filepath.Join(dir, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	loaded, _, err := codelists.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return codelists.Builtin().With(rTestLists()).With(loaded)
}

// TestCTCROnOfficialExamples runs ctc-mrn and the ctc-r0xxx rules over
// HMRC's examples that are schema-valid, with HMRC's reference data: no
// error except the sample defects listed, each of which still occurs.
func TestCTCROnOfficialExamples(t *testing.T) {
	lists := rOfficialLists(t, oracle.OfficialDir(t))
	runs := runOnHMRCExamples(t, rSelect, rules.Config{CodeLists: lists})
	n := requireDefects(t, runs, rSampleDefects,
		func(r exampleRun, f validate.Finding) string { return r.Phase + "/" + r.Base + " " + f.Rule },
		func(f validate.Finding) bool { return f.Severity == rules.Error })
	if n < 30 {
		t.Errorf("only %d schema-valid examples checked", n)
	}
}

// TestCTCROnExampleMessages keeps the project's own example messages free
// of errors of these rules with HMRC's reference data loaded.
func TestCTCROnExampleMessages(t *testing.T) {
	off := oracle.OfficialDir(t)
	lists := rOfficialLists(t, off)
	cache := xsd.NewCache()
	defer cache.Close()
	root := filepath.Join("..", "testdata", "messages")
	for _, profile := range []validate.Profile{validate.ProfileCTCP4, validate.ProfileCTCP5, validate.ProfileCTCP6} {
		eng, err := validate.New(validate.Options{Profile: profile, Select: rSelect, RuleConfig: rules.Config{CodeLists: lists}, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		files, err := filepath.Glob(filepath.Join(root, string(profile), "*", "*.xml"))
		if err != nil {
			t.Fatal(err)
		}
		top, _ := filepath.Glob(filepath.Join(root, string(profile), "*.xml"))
		for _, file := range append(top, files...) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := eng.Check(context.Background(), file, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rep.Findings {
				if f.Severity == rules.Error {
					t.Errorf("%s:%d: %s: %s", file, f.Line, f.Rule, f.Message)
				}
			}
		}
	}
}
