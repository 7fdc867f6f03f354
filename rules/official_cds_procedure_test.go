package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsProcedureRules are the procedure code rules this file checks against
// HMRC's samples.
var cdsProcedureRules = []string{"cds-procedure", "cds-additional-procedure", "cds-category"}

// procedureSampleExceptions are the samples among HMRC's valid examples
// the procedure rules report, with why. Each must still be reported; no
// other may be.
var procedureSampleExceptions = map[string]string{
	"examples/valid/customs-declarations-tests/valid_xml.raw.xml": "a schema fixture of the declarations API's tests, not a declaration CDS accepted: procedure 4091, " +
		"previous procedure 91 is none of CDS's (the RP 40 page lists 4000 4051 4053 4054 4071 4078)",
	"examples/valid/exports-frontend/wco_dec_metadata.xml": "a schema fixture of the exports frontend, not an accepted declaration: " +
		"procedure code CU/PR and additional procedure code PR are placeholders",
	"examples/valid/exports-frontend/wco_dec_metadata_new_model.xml": "the same fixture for the new model: CU/PR placeholders",
}

// procedureEngine runs only cdsProcedureRules, without the schema.
func procedureEngine(t *testing.T) *validate.Engine {
	t.Helper()
	eng, err := validate.New(validate.Options{Select: cdsProcedureRules, Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return eng
}

// procedureFindings checks data and returns the procedure rules' findings
// and the message type.
func procedureFindings(t *testing.T, eng *validate.Engine, name string, data []byte) ([]validate.Finding, string) {
	t.Helper()
	rep, err := eng.Check(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	var out []validate.Finding
	for _, f := range rep.Findings {
		if slices.Contains(cdsProcedureRules, f.Rule) {
			out = append(out, f)
		}
	}
	return out, rep.MessageType
}

// TestOfficialCDSProcedureQuiet runs the procedure rules over every
// declaration among HMRC's valid examples (annotated samples,
// exports-frontend Accepted, the other folders' fixtures): none may be
// reported but the listed exceptions, at most one per hundred
// declarations, and each exception must still be reported.
func TestOfficialCDSProcedureQuiet(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := procedureEngine(t)
	declarations := 0
	reported := map[string]bool{}
	for _, file := range cdsXMLFiles(t, filepath.Join(off, "examples/valid")) {
		rel, err := filepath.Rel(off, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fs, typ := procedureFindings(t, eng, rel, data)
		if typ != validate.TypeCDSDeclaration {
			continue
		}
		declarations++
		if len(fs) > 0 {
			reported[rel] = true
		}
		if _, known := procedureSampleExceptions[rel]; known {
			continue
		}
		for _, f := range fs {
			t.Errorf("%s:%d: %s (%s) on a declaration HMRC publishes as valid: %s", rel, f.Line, f.Rule, f.Code, f.Message)
		}
	}
	for rel, why := range procedureSampleExceptions {
		if !reported[rel] {
			t.Errorf("%s is listed as an exception (%s) but no longer reported: remove it from the list", rel, why)
		}
	}
	if declarations < 300 {
		t.Errorf("only %d declarations checked", declarations)
	}
	if len(procedureSampleExceptions)*100 > declarations {
		t.Errorf("%d exceptions in %d declarations: more than one per hundred", len(procedureSampleExceptions), declarations)
	}
	t.Logf("%d declarations checked, %d exceptions", declarations, len(procedureSampleExceptions))
}

// TestOfficialCDSProcedureRejected: HMRC's TT1 import rejected for its
// reference data (requested procedure 99, answered with DMS12050 at
// 70A/166 of goods item 1) gets exactly one finding, cds-procedure's
// CDS12050 at that item's GovernmentProcedure/CurrentCode; the other
// rejected declarations, rejected for other reasons, none.
func TestOfficialCDSProcedureRejected(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := procedureEngine(t)
	const base = "examples/invalid/business-rule-rejected/exports-frontend/"
	refData := base + "Imports/Rejected/Ref Data Rejection/Declaration/TT1_IM_v2.02_Rejected_RefData.xml"
	notification, err := os.ReadFile(filepath.Join(off, "notifications/exports-frontend/Imports/Rejected/Ref Data Rejection/Example Notification/TT1_IM_v2.01_Rejected_RefData_Notification.xml"))
	if err != nil {
		t.Fatal(err)
	}
	n := string(notification)
	if !strings.Contains(n, "DMS12050") || !strings.Contains(n, "70A</") || !strings.Contains(n, "<_2_1:TagID>166<") {
		t.Fatalf("the notification of %s no longer reports DMS12050 at 70A/166", refData)
	}
	files := cdsXMLFiles(t, filepath.Join(off, base))
	if len(files) != 6 {
		t.Errorf("%d rejected declarations, want 6", len(files))
	}
	for _, file := range files {
		rel, _ := filepath.Rel(off, file)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fs, _ := procedureFindings(t, eng, rel, data)
		if rel != refData {
			for _, f := range fs {
				t.Errorf("%s:%d: %s: %s", rel, f.Line, f.Rule, f.Message)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Rule != "cds-procedure" || fs[0].Code != "CDS12050" || fs[0].Severity != rules.Error ||
			!strings.HasSuffix(fs[0].Path, "/GovernmentAgencyGoodsItem/GovernmentProcedure[1]/CurrentCode") {
			t.Errorf("%s: want one cds-procedure CDS12050 error at GovernmentAgencyGoodsItem/GovernmentProcedure[1]/CurrentCode, got %+v", rel, fs)
		}
	}
}
