package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// acceptanceRef is the reference time of the cds-acceptance-date testdata.
var acceptanceRef = time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)

func init() {
	testConfigs["cds-acceptance-date"] = func(t *testing.T) rules.Config {
		return rules.Config{Now: acceptanceRef}
	}
}

// acceptanceDecl is a supplementary declaration whose AcceptanceDateTime
// is value, written with formatCode code.
func acceptanceDecl(code, value string) []byte {
	return []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" xmlns:p1="urn:wco:datamodel:WCO:Declaration_DS:DMS:2">
  <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
  <md:WCOTypeName>DEC</md:WCOTypeName>
  <Declaration>
    <AcceptanceDateTime><p1:DateTimeString formatCode=%q>%s</p1:DateTimeString></AcceptanceDateTime>
    <FunctionCode>9</FunctionCode>
    <TypeCode>IMZ</TypeCode>
  </Declaration>
</md:MetaData>
`, code, value))
}

// acceptanceFindings checks one declaration with cds-acceptance-date only,
// through validate.Options.Now, and returns the rule's findings.
func acceptanceFindings(t *testing.T, now time.Time, code, value string) []validate.Finding {
	t.Helper()
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-acceptance-date"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rep, err := eng.Check(context.Background(), "decl.xml", acceptanceDecl(code, value))
	if err != nil {
		t.Fatal(err)
	}
	var out []validate.Finding
	for _, f := range rep.Findings {
		if f.Rule == "cds-acceptance-date" {
			out = append(out, f)
		}
	}
	return out
}

// TestAcceptanceDateBounds checks the two bounds of CDS12016 to the second,
// with the value in UTC and with offsets that move it across them.
func TestAcceptanceDateBounds(t *testing.T) {
	now := acceptanceRef // 2026-03-14T12:00:00Z; 180 days before is 2025-09-15T12:00:00Z
	for _, tc := range []struct {
		code, value string
		want        string // "" (no finding), "future" or "old"
	}{
		{"304", "20260314120000Z", ""},         // the reference time itself
		{"304", "20260314120001Z", "future"},   // one second after
		{"304", "20260314130000+01", ""},       // the reference time, in BST
		{"304", "20260314130001+01", "future"}, // one second after, in BST
		{"304", "20260314070001-05", "future"},
		{"304", "20260314115959Z", ""},
		{"304", "20250915120000Z", ""},      // exactly 180 × 24 h before
		{"304", "20250915115959Z", "old"},   // one second more
		{"304", "20250915130000+01", ""},    // exactly 180 × 24 h before, in BST
		{"304", "20250915125959+01", "old"}, // one second more, in BST
		{"304", "20250915020000-10", ""},    // exactly, ten hours west
		{"304", "20250915015959-10", "old"}, // one second more
		{"304", "20201231010000+01", "old"}, // TT_IM014a's
		{"102", "20260314", ""},             // the day of the reference time
		{"102", "20260315", ""},             // already begun east of UTC+12
		{"102", "20260316", "future"},       // has begun nowhere
		{"102", "20250915", ""},             // not yet over at UTC-12
		{"102", "20250914", "old"},          // over everywhere: its last second, at UTC-12, is 2025-09-15T11:59:59Z
		{"304", "20260314120001", ""},       // no zone: cds-datetime's
		{"304", "20260314120001+0100", ""},  // minutes in the offset: not a 304 form
		{"304", "20260230120000Z", ""},      // not a date: cds-datetime's
		{"203", "202603141200", ""},         // another formatCode: the schema's
		{"102", "2026031", ""},
	} {
		fs := acceptanceFindings(t, now, tc.code, tc.value)
		switch {
		case tc.want == "" && len(fs) != 0:
			t.Errorf("%s %s: want no finding, got %q", tc.code, tc.value, fs[0].Message)
		case tc.want == "":
		case len(fs) != 1:
			t.Errorf("%s %s: want one %s finding, got %d", tc.code, tc.value, tc.want, len(fs))
		default:
			f := fs[0]
			kind := map[string]string{"future": "after the reference time", "old": "more than 180 days in the past"}[tc.want]
			if f.Severity != rules.Error || f.Code != "CDS12016" || !strings.Contains(f.Message, kind) ||
				!strings.HasSuffix(f.Path, "/Declaration/AcceptanceDateTime") || f.Line != 6 {
				t.Errorf("%s %s: want a CDS12016 error (%s) at Declaration/AcceptanceDateTime line 6, got %+v", tc.code, tc.value, kind, f)
			}
		}
	}
}

// TestAcceptanceDateWallClock checks that without a reference time the
// rule compares with the wall clock and reports warnings, not errors, so
// that fixtures do not fail once they age.
func TestAcceptanceDateWallClock(t *testing.T) {
	old := acceptanceFindings(t, time.Time{}, "304", "20201231010000+01")
	if len(old) != 1 || old[0].Severity != rules.Warning || old[0].Code != "CDS12016" || !strings.Contains(old[0].Message, "wall clock") {
		t.Errorf("a 2020 acceptance date against the wall clock: want one CDS12016 warning naming the wall clock, got %+v", old)
	}
	// A day ago, by the wall clock, is within the window.
	recent := time.Now().UTC().Add(-24*time.Hour).Format("20060102150405") + "Z"
	if fs := acceptanceFindings(t, time.Time{}, "304", recent); len(fs) != 0 {
		t.Errorf("an acceptance date of yesterday: want no finding, got %+v", fs)
	}
	future := time.Now().UTC().Add(48*time.Hour).Format("20060102150405") + "Z"
	if fs := acceptanceFindings(t, time.Time{}, "304", future); len(fs) != 1 || fs[0].Severity != rules.Warning {
		t.Errorf("an acceptance date two days ahead: want one warning, got %+v", fs)
	}
}
