package rules_test

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
)

// rTestLists are the NCTS code lists the testdata of the ctc-r0xxx rules
// needs beyond customslint's built-in lists: CL553 (MSCountry, the EU
// member states) and stand-ins for two lists HMRC does not publish (CL195,
// CL167: test codes, not the real contents).
func rTestLists() *codelists.Set {
	list := func(id, name, codes string) *codelists.List {
		m := map[string]string{}
		for _, c := range strings.Fields(codes) {
			m[c] = ""
		}
		return codelists.NewList(id, name, "ctc-r testdata", m)
	}
	return codelists.NewSet(
		list("CL553", "MSCountry", "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"),
		list("CL195", "ControlResultCodeDepartureSimplifiedExcluded", "A1 A2 A4 B1"), // stand-in
		list("CL167", "CountryCodesOptOut", "FR"),                                    // stand-in
	)
}

func init() {
	cfg := func(t *testing.T) rules.Config {
		return rules.Config{CodeLists: codelists.Builtin().With(rTestLists())}
	}
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "ctc-r") && len(r.ID) == len("ctc-r0000") {
			testConfigs[r.ID] = cfg
		}
	}
}

// TestCTCRNotChecked keeps the record of the R entries this family does not
// check in step with the ones it implements.
func TestCTCRNotChecked(t *testing.T) {
	nc := rules.NCTSNotChecked()
	for _, id := range []string{"R0028", "R0410", "R0416"} {
		if r, ok := rules.NCTSChecked(id); !ok || r.ID != "ctc-mrn" {
			t.Errorf("%s is not covered by ctc-mrn", id)
		}
	}
	for id := range nc {
		if _, ok := rules.NCTSChecked(id); ok {
			t.Errorf("%s is both checked and recorded as not checked", id)
		}
	}
}
