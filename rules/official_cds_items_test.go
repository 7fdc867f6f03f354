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

// TestOfficialCDSItemsRejected runs the item rules over the declarations
// CDS rejected after the schema: the import with goods item number 1000
// (answered with DMS10020 at 68A[1000]/006) gets one CDS10020 error at
// that SequenceNumeric; the others, rejected for other reasons, none.
func TestOfficialCDSItemsRejected(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := cdsItemsEngine(t)
	const base = "examples/invalid/business-rule-rejected/exports-frontend/"
	item1000 := base + "Imports/Rejected/Format Rejection/Declaration/TT1_IM_v2.02_Rejected_Format.xml"
	notification, err := os.ReadFile(filepath.Join(off, "notifications/exports-frontend/Imports/Rejected/Format Rejection/Example Notification/TT1_IM_v2.01_Rejected_Format_Notification.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := string(notification); !strings.Contains(n, "DMS10020") || !strings.Contains(n, "1000") {
		t.Fatalf("the notification of %s no longer reports DMS10020 at item 1000", item1000)
	}
	files := cdsXMLFiles(t, filepath.Join(off, base))
	if len(files) != 6 {
		t.Errorf("%d rejected declarations, want 6", len(files))
	}
	for _, file := range files {
		rel, _ := filepath.Rel(off, file)
		rel = filepath.ToSlash(rel)
		errs, _ := cdsItemErrors(t, eng, off, rel)
		if rel != item1000 {
			for _, f := range errs {
				t.Errorf("%s:%d: %s: %s", rel, f.Line, f.Rule, f.Message)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Rule != "cds-items" || errs[0].Code != "CDS10020" ||
			!strings.HasSuffix(errs[0].Path, "/GovernmentAgencyGoodsItem/SequenceNumeric") {
			t.Errorf("%s: want one cds-items CDS10020 error at GovernmentAgencyGoodsItem/SequenceNumeric, got %+v", rel, errs)
		}
	}
}
