package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsAcceptedListed are the business-rule errors the default engine finds
// in messages HMRC publishes as valid, by file (under cds/) and rule, with
// why. Each must still be found (the list fails both ways), and there may
// be at most one per hundred messages checked.
var cdsAcceptedListed = map[string]string{}

// TestOfficialCDSAccepted runs the default engine, every rule on, over
// every schema-valid CDS declaration, amendment and cancellation CDS
// accepted: HMRC's annotated samples (scenarios run through CDS, with
// their notifications) and the exports frontend's Accepted folders (Trade
// Test 1). No business-rule error beyond those listed with a reason. (The
// other files under examples/valid are templates and API fixtures with
// placeholders: GB0123456700009 holders, procedure "CU"; each rule's own
// official test lists what fires on them.) Without a
// reference time cds-acceptance-date only warns (the samples are years
// old), and warnings do not count here; TestOfficialCDSAcceptanceDate
// checks the dates at the time CDS answered them.
func TestOfficialCDSAccepted(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	found := map[string]string{}
	checked := map[string]int{}
	for _, path := range cdsXMLFiles(t, filepath.Join(off, "examples", "valid")) {
		rel, _ := filepath.Rel(off, path)
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "examples/valid/annotated_XML_samples/") && !strings.Contains(rel, "/Accepted/") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), rel, data)
		if err != nil {
			t.Fatal(err)
		}
		switch rep.MessageType {
		case "CDS-DEC", "CDS-COR", "CDS-INV":
		default:
			continue
		}
		if rep.Count("error") > 0 && hasStructural(rep) {
			continue // not schema-valid: not what CDS accepted
		}
		checked[rep.MessageType]++
		for _, f := range rep.Findings {
			if r, ok := rules.Lookup(f.Rule); ok && r.Check != nil && f.Severity == rules.Error {
				found[rel+" "+f.Rule] = f.Code + " " + f.Path + ": " + f.Message
			}
		}
	}
	total := checked["CDS-DEC"] + checked["CDS-COR"] + checked["CDS-INV"]
	if total < 300 {
		t.Fatalf("only %d accepted CDS messages checked (%v): is the official material complete?", total, checked)
	}
	var keys []string
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := cdsAcceptedListed[k]; !ok {
			t.Errorf("%s: %s", k, found[k])
		}
	}
	for k := range cdsAcceptedListed {
		if _, ok := found[k]; !ok {
			t.Errorf("listed error no longer found: %s", k)
		}
	}
	if len(cdsAcceptedListed)*100 > total {
		t.Errorf("%d listed errors on %d messages: more than one per hundred", len(cdsAcceptedListed), total)
	}
	t.Logf("%d accepted CDS messages (%v), %d listed errors", total, checked, len(cdsAcceptedListed))
}

// hasStructural reports whether the report has an error of the engine's
// own stages (xml, message type, schema).
func hasStructural(rep validate.FileReport) bool {
	for _, f := range rep.Findings {
		if f.Severity != rules.Error {
			continue
		}
		if r, ok := rules.Lookup(f.Rule); !ok || r.Check == nil {
			return true
		}
		if strings.HasPrefix(f.Rule, "xsd") {
			return true
		}
	}
	return false
}
