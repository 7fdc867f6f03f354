package category_test

import (
	"path/filepath"
	"testing"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/internal/oracle"
)

// acceptedExceptions are the accepted FunctionCode-9 declarations that
// derive no category, by path under cds/examples/valid, with the reason.
// None today; the test fails when a listed one derives a category again.
var acceptedExceptions = map[string]string{}

// TestAcceptedDeclarationsDeriveACategory derives every FunctionCode-9
// declaration that HMRC accepted (exports-frontend/**/Accepted) or
// publishes as a trade test sample (annotated samples): each must derive
// exactly one category, unless listed in acceptedExceptions.
func TestAcceptedDeclarationsDeriveACategory(t *testing.T) {
	valid := filepath.Join(oracle.OfficialDir(t), "cds", "examples", "valid")
	var all []sampleDecl
	for _, dir := range []string{
		"exports-frontend/Imports/Accepted",
		"exports-frontend/Exports/Accepted",
		"annotated_XML_samples",
	} {
		for _, d := range sampleDecls(t, filepath.Join(valid, dir)) {
			d.File = dir + "/" + d.File
			all = append(all, d)
		}
	}
	if len(all) < 250 {
		t.Fatalf("read %d FunctionCode-9 declarations, want at least 250", len(all))
	}
	failed := map[string]bool{}
	counts := map[category.Category]int{}
	for _, d := range all {
		res := category.Derive(d.Decl)
		if res.Status == category.Derived {
			counts[res.Category]++
			continue
		}
		failed[d.File] = true
		if why, ok := acceptedExceptions[d.File]; !ok {
			t.Errorf("%s (%s): %s: %s", d.File, d.Decl.TypeCode, outcome(res), res.Why)
		} else {
			t.Logf("%s: %s (listed: %s)", d.File, outcome(res), why)
		}
	}
	for f := range acceptedExceptions {
		if !failed[f] {
			t.Errorf("%s is listed in acceptedExceptions but derives a category", f)
		}
	}
	t.Logf("%d declarations: %v", len(all), counts)
}
