package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// acceptanceSampleExceptions are accepted declarations whose
// cds-acceptance-date error at their notification's time is listed, by
// file, with why.
var acceptanceSampleExceptions = map[string]string{
	// Its DMSACC, issued 2023-03-03T12:43:09Z, echoes the acceptance
	// date 20230303133536Z: 52 minutes after the notification itself. The
	// sample's time (15:35:36+02, an odd offset for March in the UK) was
	// edited, or the notification's clock differs; CDS did not accept a
	// date in the future.
	"examples/valid/annotated_XML_samples/TT_IM058a/TT_IM058a.xml": "AcceptanceDateTime after the DMSACC's IssueDateTime",
}

// issueDateTime finds the IssueDateTime of a DMS notification (formatCode
// 304, in UTC), read as text: some of HMRC's are not well-formed.
var issueDateTime = regexp.MustCompile(`IssueDateTime>\s*<[^>]*DateTimeString formatCode="304"[^>]*>(\d{14})Z<`)

// lrnOf finds a declaration's LRN (Declaration/FunctionalReferenceID).
var lrnOf = regexp.MustCompile(`<(?:\w+:)?FunctionalReferenceID>([^<]+)</`)

// scenarioIssueTime returns the earliest IssueDateTime of the DMS
// notifications HMRC publishes with an annotated scenario (in
// notifications/annotated_XML_samples/SCENARIO or beside the sample) that
// answer the declaration with this LRN: the time CDS first answered this
// version of the sample. (Other notifications of a scenario may answer an
// earlier version, with other dates.)
func scenarioIssueTime(t *testing.T, off, scenario, lrn string) (time.Time, bool) {
	t.Helper()
	var earliest time.Time
	for _, dir := range []string{
		filepath.Join(off, "notifications", "annotated_XML_samples", scenario),
		filepath.Join(off, "examples", "valid", "annotated_XML_samples", scenario),
	} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for _, file := range cdsXMLFiles(t, dir) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "FunctionalReferenceID>"+lrn+"<") {
				continue
			}
			for _, m := range issueDateTime.FindAllSubmatch(data, -1) {
				at, err := time.Parse("20060102150405", string(m[1]))
				if err == nil && (earliest.IsZero() || at.Before(earliest)) {
					earliest = at
				}
			}
		}
	}
	return earliest, !earliest.IsZero()
}

// TestOfficialCDSAcceptanceDate runs cds-acceptance-date over every
// declaration HMRC publishes as accepted. A declaration of an annotated
// scenario that comes with DMS notifications answering its LRN is checked
// at the time of the earliest (when CDS answered it) and must give no
// error, but TT_IM014a, which CDS rejected with CDS12016
// (TestOfficialCDSRejected), and the listed acceptanceSampleExceptions.
// The others cannot be checked at the time they were sent, which is not
// published: they are checked against the wall clock, where the rule may
// only warn, and every finding must be a warning.
func TestOfficialCDSAcceptanceDate(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	base := filepath.Join(off, "examples", "valid")
	atTime, wall := 0, 0
	found := map[string]int{}
	for _, file := range cdsXMLFiles(t, base) {
		rel, err := filepath.Rel(off, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "AcceptanceDateTime>") {
			continue
		}
		scenario, now := "", time.Time{}
		if s, ok := strings.CutPrefix(rel, "examples/valid/annotated_XML_samples/"); ok {
			scenario, _, _ = strings.Cut(s, "/")
			if m := lrnOf.FindSubmatch(data); m != nil {
				now, _ = scenarioIssueTime(t, off, scenario, string(m[1]))
			}
		}
		fs := acceptanceFindingsOf(t, now, rel, data)
		if fs == nil {
			continue // not a declaration
		}
		if now.IsZero() {
			wall++
			for _, f := range fs {
				if f.Severity != rules.Warning {
					t.Errorf("%s:%d: %s against the wall clock: %s", rel, f.Line, f.Severity, f.Message)
				}
			}
			continue
		}
		atTime++
		for _, f := range fs {
			if scenario == "TT_IM014a" && f.Code == "CDS12016" {
				continue // rejected by CDS: TestOfficialCDSRejected
			}
			if _, listed := acceptanceSampleExceptions[rel]; listed {
				found[rel]++
				continue
			}
			t.Errorf("%s:%d: %s at %s, the scenario's first notification: %s", rel, f.Line, f.Severity, now.Format(time.RFC3339), f.Message)
		}
	}
	for rel, why := range acceptanceSampleExceptions {
		if found[rel] != 1 {
			t.Errorf("%s: listed exception (%s) found %d times, want once", rel, why, found[rel])
		}
	}
	if atTime < 12 || wall < 50 {
		t.Errorf("%d declarations checked at their notification's time, %d against the wall clock: the samples moved?", atTime, wall)
	}
	t.Logf("%d declarations with AcceptanceDateTime checked at their scenario's notification time, %d against the wall clock", atTime, wall)
}

// acceptanceFindingsOf checks one file with cds-acceptance-date only at
// the reference time now (zero: the wall clock); nil when it is not a CDS
// declaration.
func acceptanceFindingsOf(t *testing.T, now time.Time, name string, data []byte) []validate.Finding {
	t.Helper()
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-acceptance-date"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rep, err := eng.Check(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	if rep.MessageType != validate.TypeCDSDeclaration {
		return nil
	}
	out := []validate.Finding{}
	for _, f := range rep.Findings {
		if f.Rule == "cds-acceptance-date" {
			out = append(out, f)
		}
	}
	return out
}
