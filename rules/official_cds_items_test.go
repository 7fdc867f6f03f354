package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsItemRules are the rules on goods items (numbers, masses, packages)
// this file checks against HMRC's samples.
var cdsItemRules = []string{"cds-items", "cds-mass"}

// cdsItemsEngine is an engine running only cdsItemRules, without the
// schema.
func cdsItemsEngine(t *testing.T) *validate.Engine {
	t.Helper()
	eng, err := validate.New(validate.Options{Select: cdsItemRules, Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return eng
}

// cdsItemErrors checks the official file rel and returns the errors of
// cdsItemRules, and whether it is a CDS message.
func cdsItemErrors(t *testing.T, eng *validate.Engine, off, rel string) ([]validate.Finding, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(off, rel))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), rel, data)
	if err != nil {
		t.Fatal(err)
	}
	var errs []validate.Finding
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "cds-") && f.Severity == rules.Error {
			errs = append(errs, f)
		}
	}
	return errs, strings.HasPrefix(rep.MessageType, "CDS-")
}

// TestOfficialCDSItems runs the item rules over every declaration HMRC
// publishes as accepted (annotated samples, exports-frontend Accepted and
// Trade Test templates, the stub's example): none may raise an error. The
// three accepted with a packaging quantity of 0 only (TT_EX030a, an EXK;
// TT_IM108a and TT_IM143a, IMZ) are why cds-mass checks CDS12058 on
// types A to F only; they are checked here like the rest.
func TestOfficialCDSItems(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := cdsItemsEngine(t)
	checked := 0
	for _, file := range cdsXMLFiles(t, filepath.Join(off, "examples/valid")) {
		rel, err := filepath.Rel(off, file)
		if err != nil {
			t.Fatal(err)
		}
		errs, isCDS := cdsItemErrors(t, eng, off, filepath.ToSlash(rel))
		if !isCDS {
			continue
		}
		checked++
		for _, f := range errs {
			t.Errorf("%s:%d: %s error (%s) on a sample HMRC publishes as valid: %s", rel, f.Line, f.Rule, f.Code, f.Message)
		}
	}
	if checked < 340 {
		t.Errorf("only %d CDS messages checked", checked)
	}
	t.Logf("%d CDS messages checked", checked)
}
