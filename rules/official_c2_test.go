package rules_test

import (
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// c2Rules are the NCTS conditions C0410-C0909 and the transitional rules (the second batch).
var c2Rules = []string{
	"ctc-c0411", "ctc-c0451", "ctc-c0452", "ctc-c0455", "ctc-c0460", "ctc-c0489", "ctc-c0492",
	"ctc-c0502", "ctc-c0505", "ctc-c0511", "ctc-c0531", "ctc-c0542", "ctc-c0569", "ctc-c0586", "ctc-c0587",
	"ctc-c0598", "ctc-c0599", "ctc-c0670", "ctc-c0671", "ctc-c0685", "ctc-c0710", "ctc-c0806", "ctc-c0807",
	"ctc-c0816", "ctc-c0820", "ctc-c0821", "ctc-c0822", "ctc-c0823", "ctc-c0826", "ctc-c0833", "ctc-c0837",
	"ctc-c0839", "ctc-c0870", "ctc-c0872", "ctc-c0904", "ctc-c0908", "ctc-c0909", "ctc-b2101", "ctc-b2400",
}

// c2SampleDefects are the c2 rules' findings on HMRC's schema-valid
// examples: the rule, why the examples break it, and the examples by file
// name without extension (in any phase and form that has them). HMRC's
// examples are made to pass the schema, not NCTS's conditions: several hold
// XMLSpy placeholders ("token", "h") or data of the phase 5 transitional
// period. Every entry must still occur.
var c2SampleDefects = []struct {
	rule, why string
	files     []string
}{
	{"ctc-b2101", "transitional data: guarantee reference without amount and currency, transport means without identification, commodity without GoodsMeasure",
		[]string{"cc013c-valid", "cc013c-valid-mrn", "cc015c-valid", "it-cc013c-valid", "it-cc015c-1", "it-cc015c-valid", "unit-cc015c-1"}},
	{"ctc-b2400", "transitional data: incidents in an arrival notification, transport documents at consignment item level",
		[]string{"cc007c-valid", "cc007c-valid-xi", "cc013c-valid", "cc013c-valid-mrn", "it-cc007c-valid", "it-cc013c-valid"}},
	{"ctc-c0502", "no referenceNumberUCR at any level and no transport document",
		[]string{"cc015c-valid", "it-cc015c-1", "it-cc015c-valid", "unit-cc015c-1"}},
	{"ctc-c0586", "bindingItinerary 1 without a country of routing", []string{"cc015c-valid"}},
	{"ctc-c0587", "an office of exit for transit with security 0", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0710", "no LocationOfGoods though the office of departure (GB..., ZQ...) is outside CL147 and additionalDeclarationType is A or a placeholder (h, O), not D",
		[]string{"cc013c-valid", "cc013c-valid-mrn", "cc015c-valid", "it-cc013c-valid", "it-cc015c-1", "it-cc015c-valid", "unit-cc015c-1"}},
	{"ctc-c0822", "no containerIndicator though additionalDeclarationType is A or a placeholder (h, O), not D",
		[]string{"cc013c-valid", "cc013c-valid-mrn", "cc015c-valid", "it-cc013c-valid", "it-cc015c-1", "it-cc015c-valid", "unit-cc015c-1"}},
	{"ctc-c0823", "TransportEquipment without a containerIndicator",
		[]string{"cc013c-valid", "cc013c-valid-mrn", "cc170c-valid", "it-cc013c-valid", "it-cc170c-valid"}},
	{"ctc-c0826", "DepartureTransportMeans at both consignment and house consignment level", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0870", "messageRecipient is the placeholder token, not NTA..., and there is no decision date", []string{"cc014c-valid", "it-cc014c-valid"}},
	{"ctc-c0904", "a TIR holder identification number with declarationType B or a placeholder (jWRVr)", []string{"cc043c-valid", "it-cc043c-valid"}},
	{"ctc-c0909", "no countryOfDispatch at any level",
		[]string{"cc013c-valid", "cc013c-valid-mrn", "cc015c-valid", "cc015c-valid-2", "it-cc013c-valid", "it-cc015c-1", "it-cc015c-valid", "unit-cc015c-1"}},
	{"ctc-c0411", "HMRC's JSON fillers: a TIRCarnetNumber with declarationType token, not TIR (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "cc029c-valid", "it-cc013c-valid"}},
	{"ctc-c0502", "HMRC's JSON fillers: referenceNumberUCR at consignment and at house consignment or item level (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "cc029c-valid", "it-cc013c-valid"}},
	{"ctc-c0542", "HMRC's JSON fillers: consignors with security 0 and a reduced data set (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0586", "HMRC's JSON filler: security 3 without a country of routing (the JSON twin is valid against the JSON Schema)", []string{"cc043c-valid"}},
	{"ctc-c0821", "HMRC's JSON fillers: a combined nomenclature code from an office of departure in a CTC country (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0837", "HMRC's JSON fillers: netMass with a reduced data set (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0839", "HMRC's JSON fillers: limitDate without an authorisation C521 (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "it-cc013c-valid"}},
	{"ctc-c0904", "a TIR holder identification number with declarationType B or a placeholder (jWRVr, token) (the JSON twin is valid against the JSON Schema)", []string{"cc013c-valid", "cc013c-valid-mrn", "cc029c-valid", "it-cc013c-valid"}},
	{"ctc-c0909", "no countryOfDispatch at any level (the JSON twin is valid against the JSON Schema)", []string{"cc029c-valid"}},
}

// TestC2OnHMRCExamples runs the c2 rules over HMRC's examples that are
// valid against the schema (validator examples in XML and JSON, converter
// examples in XML), phases 5 and 6: every finding is a known sample defect
// and every known sample defect is still found.
func TestC2OnHMRCExamples(t *testing.T) {
	known := map[string]string{}
	for _, d := range c2SampleDefects {
		for _, f := range d.files {
			known[f+" "+d.rule] = d.why
		}
	}
	runs := runOnHMRCExamples(t, c2Rules, rules.Config{})
	n := requireDefects(t, runs, known,
		func(r exampleRun, f validate.Finding) string { return r.Base + " " + f.Rule },
		func(validate.Finding) bool { return true })
	if n < 45 {
		t.Errorf("only %d schema-valid examples checked", n)
	}
}
