package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsRejectedCase is one declaration HMRC published with the DMSREJ CDS
// answered it with.
type cdsRejectedCase struct {
	decl string // under cds/ of the official material
	rej  string // its DMSREJ notification
	// now is the DMSREJ's IssueDateTime: when CDS checked it.
	now time.Time
	// code is the DMSREJ's ValidationCode, DMSnnnnn read as CDSnnnnn.
	code string
	// rule is the rule that anticipates it; path the suffix of the
	// element its pointer names (the declaration where it has none; the
	// nearest present ancestor where the element is missing).
	rule, path string
}

const (
	tt1Rej = "examples/invalid/business-rule-rejected/exports-frontend/"
	tt1Not = "notifications/exports-frontend/"
)

// cdsRejected are HMRC's seven declarations CDS rejected after the schema:
// six from the 2018 Trade Test 1 (exports frontend) and the annotated
// import TT_IM014a.
var cdsRejected = []cdsRejectedCase{
	{
		decl: tt1Rej + "Exports/Rejected/Rejected Format/Declaration/TT1_EX_v2.02_Rejected_Format.xml",
		rej:  tt1Not + "Exports/Rejected/Rejected Format/Example Notification/TT1_EX_v2.01_Rejected_Format_Notification.xml",
		now:  time.Date(2018, 1, 26, 9, 57, 23, 0, time.UTC),
		code: "CDS10010", rule: "cds-lrn", path: "/Declaration/FunctionalReferenceID", // 42A/D026
	},
	{
		decl: tt1Rej + "Exports/Rejected/Rejected Obligation/Declaration/TT1_EX_v2.02_Rejected_Obligation_Exitoffice.xml",
		rej:  tt1Not + "Exports/Rejected/Rejected Obligation/Example Notification/TT1_EX_v2.01_Rejected_Obligation_Exitoffice_Notification.xml",
		now:  time.Date(2018, 1, 25, 12, 7, 48, 0, time.UTC),
		code: "CDS10001", rule: "cds-dataset", path: "/Declaration", // no pointer
	},
	{
		decl: tt1Rej + "Exports/Rejected/Rejected Ref Data/Declaration/TT1_EX_v2.02_Rejected_RefData.xml",
		rej:  tt1Not + "Exports/Rejected/Rejected Ref Data/Example Notification/TT1_EX_v2.01_Rejected_RefData_Notification.xml",
		now:  time.Date(2018, 1, 25, 12, 8, 8, 0, time.UTC),
		code: "CDS10020", rule: "cds-codelist", path: "/Declaration/ExitOffice/ID", // 42A/67A[1]/56A/G005
	},
	{
		decl: tt1Rej + "Imports/Rejected/Format Rejection/Declaration/TT1_IM_v2.02_Rejected_Format.xml",
		rej:  tt1Not + "Imports/Rejected/Format Rejection/Example Notification/TT1_IM_v2.01_Rejected_Format_Notification.xml",
		now:  time.Date(2018, 1, 25, 10, 45, 30, 0, time.UTC),
		code: "CDS10020", rule: "cds-items", path: "/GovernmentAgencyGoodsItem/SequenceNumeric", // 68A[1000]/006
	},
	{
		decl: tt1Rej + "Imports/Rejected/Obligation Rejection/Declaration/TT1_IM_v2.02_Rejected_Obligation_Netmass.xml",
		rej:  tt1Not + "Imports/Rejected/Obligation Rejection/Example Notification/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml",
		now:  time.Date(2018, 1, 25, 10, 46, 18, 0, time.UTC),
		code: "CDS10001", rule: "cds-dataset", path: "/GovernmentAgencyGoodsItem/Commodity/GoodsMeasure", // 68A[1]/23A/65A/128: NetNetWeightMeasure is missing, the finding is on GoodsMeasure, its nearest present ancestor
	},
	{
		decl: tt1Rej + "Imports/Rejected/Ref Data Rejection/Declaration/TT1_IM_v2.02_Rejected_RefData.xml",
		rej:  tt1Not + "Imports/Rejected/Ref Data Rejection/Example Notification/TT1_IM_v2.01_Rejected_RefData_Notification.xml",
		now:  time.Date(2018, 1, 25, 10, 48, 19, 0, time.UTC),
		code: "CDS12050", rule: "cds-procedure", path: "/GovernmentAgencyGoodsItem/GovernmentProcedure[1]/CurrentCode", // 68A[1]/70A/166
	},
	{
		decl: "examples/valid/annotated_XML_samples/TT_IM014a/TT_IM014a.xml",
		rej:  "notifications/annotated_XML_samples/TT_IM014a/Example_Notifications/01_DMSREJ.xml",
		now:  time.Date(2022, 8, 26, 11, 11, 2, 0, time.UTC),
		code: "CDS12016", rule: "cds-acceptance-date", path: "/Declaration/AcceptanceDateTime", // 42A/023
	},
}

// cdsAcceptedTT1 are the two declarations Trade Test 1 accepted, checked at
// the time of their DMSACC.
var cdsAcceptedTT1 = []cdsRejectedCase{
	{decl: "examples/valid/exports-frontend/Exports/Accepted/Declaration/TT1_EX_v2.02_Accepted.xml", now: time.Date(2018, 1, 25, 12, 5, 41, 0, time.UTC)},
	{decl: "examples/valid/exports-frontend/Imports/Accepted/Declaration/TT1_IM_v2.02_Accepted.xml", now: time.Date(2018, 1, 25, 12, 5, 42, 0, time.UTC)},
}

// businessErrors checks an official file with the full default engine at
// the reference time now and returns its business-rule errors: those of
// rules with a Check, not of the engine's stages (xml, xsd ...).
func businessErrors(t *testing.T, off, rel string, now time.Time) []validate.Finding {
	t.Helper()
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	data, err := os.ReadFile(filepath.Join(off, rel))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), rel, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.MessageType, "CDS-") {
		t.Fatalf("%s: message type %q", rel, rep.MessageType)
	}
	var out []validate.Finding
	for _, f := range rep.Findings {
		if r, ok := rules.Lookup(f.Rule); ok && r.Check != nil && f.Severity == rules.Error {
			out = append(out, f)
		}
	}
	return out
}

// TestOfficialCDSRejected checks each declaration CDS rejected with
// the reference time set to its DMSREJ's IssueDateTime: the default
// engine reports an error with the code CDS answered, on the element its
// pointer names, and no other business-rule error. The two declarations
// Trade Test 1 accepted give none at the time of their DMSACC.
func TestOfficialCDSRejected(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	if n := len(cdsXMLFiles(t, filepath.Join(off, tt1Rej))); n != 6 {
		t.Errorf("%d Trade Test 1 declarations rejected, want 6", n)
	}
	for _, c := range cdsRejected {
		t.Run(filepath.Base(c.decl), func(t *testing.T) {
			checkRejectionNotice(t, off, c)
			errs := businessErrors(t, off, c.decl, c.now)
			found := false
			for _, f := range errs {
				if f.Code == c.code && f.Rule == c.rule && strings.HasSuffix(f.Path, c.path) && !found {
					found = true
					continue
				}
				t.Errorf("%s:%d: other business-rule error: %s (%s) at %s: %s", c.decl, f.Line, f.Rule, f.Code, f.Path, f.Message)
			}
			if !found {
				t.Errorf("%s: no %s error %s at ...%s", c.decl, c.rule, c.code, c.path)
			}
		})
	}
	for _, c := range cdsAcceptedTT1 {
		for _, f := range businessErrors(t, off, c.decl, c.now) {
			t.Errorf("%s:%d: business-rule error on a declaration CDS accepted: %s (%s) at %s: %s", c.decl, f.Line, f.Rule, f.Code, f.Path, f.Message)
		}
	}
}

// checkRejectionNotice makes sure the DMSREJ still says what the case
// expects: its code (DMS or CDS) and issue time. The TT1 notifications are
// not well-formed (log text follows them), so they are read as text.
func checkRejectionNotice(t *testing.T, off string, c cdsRejectedCase) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(off, c.rej))
	if err != nil {
		t.Fatal(err)
	}
	n := string(data)
	num := strings.TrimPrefix(c.code, "CDS")
	if !strings.Contains(n, ">CDS"+num+"<") && !strings.Contains(n, ">DMS"+num+"<") {
		t.Errorf("%s no longer answers %s", c.rej, c.code)
	}
	if !strings.Contains(n, c.now.Format("20060102150405")+"Z") {
		t.Errorf("%s was not issued at %s", c.rej, c.now.Format(time.RFC3339))
	}
}
