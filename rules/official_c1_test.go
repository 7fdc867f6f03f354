package rules_test

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// c1Rules are the NCTS conditions C0001-C0409 and guidelines (the first batch).
var c1Rules = strings.Fields(`ctc-c0001 ctc-c0003 ctc-c0015 ctc-c0027 ctc-c0029 ctc-c0030 ctc-c0035
	ctc-c0040 ctc-c0045 ctc-c0055 ctc-c0060 ctc-c0085 ctc-c0086 ctc-c0101 ctc-c0102 ctc-c0128 ctc-c0129
	ctc-c0130 ctc-c0137 ctc-c0153 ctc-c0154 ctc-c0186 ctc-c0191 ctc-c0240 ctc-c0250 ctc-c0298 ctc-c0337
	ctc-c0339 ctc-c0343 ctc-c0349 ctc-c0352 ctc-c0353 ctc-c0382 ctc-c0387 ctc-c0394 ctc-c0396 ctc-c0403
	ctc-c0404 ctc-c0409 ctc-g0006 ctc-g0010 ctc-g0026 ctc-g0050 ctc-g0090 ctc-g0101 ctc-g0103 ctc-g0160
	ctc-g0414 ctc-g0789 ctc-g0991`)

// c1Defects are the findings of the c1 rules on HMRC's examples that HMRC
// treats as valid (validator fixtures in XML and JSON, converter pairs whose
// XML is schema-valid), by rule, with why and the files (phaseN/FORM/NAME).
// Nearly all come from generated fillers: every optional group present,
// placeholder codes ("Oi", "token"), elements left out at random.
var c1Defects = []struct {
	rule, why string
	files     []string
}{
	{"ctc-c0001", "a Consignee both for the consignment and per house consignment", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn",
		"phase5/json/cc029c-valid", "phase5/json/cc043c-valid", "phase5/json/it-cc013c-valid", "phase5/xml/cc043c-valid",
		"phase6/json/cc013c-valid-mrn", "phase6/json/cc029c-valid"}},
	{"ctc-c0003", "security 3 with the consignee per house consignment", []string{
		"phase6/json/cc043c-valid"}},
	{"ctc-c0027", "CTLControl together with the declaration's data (holder, consignment, declaration type and date)", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc043c-valid", "phase5/xml/cc043c-valid",
		"phase6/json/cc043c-valid"}},
	{"ctc-c0030", "office of departure GB000060 and no office of transit", []string{
		"phase5/json/it-cc015c-valid", "phase5/xml/cc015c-valid", "phase5/xml/it-cc015c-valid",
		"phase6/json/it-cc015c-valid", "phase6/xml/cc015c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0045", "item declaration types under a declaration type other than T (B, token, jWRVr)", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn",
		"phase5/json/cc029c-valid", "phase5/json/cc043c-valid", "phase5/json/it-cc013c-valid", "phase5/xml/cc043c-valid",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/cc029c-valid", "phase6/json/cc043c-valid",
		"phase6/json/it-cc013c-valid"}},
	{"ctc-c0055", "container numbers with containerIndicator 0", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc029c-valid", "phase6/json/cc029c-valid"}},
	{"ctc-c0060", "placeholder kinds of package (Oi, Nu, 11) without number of packages or shipping marks", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc015c-valid",
		"phase5/json/it-cc015c-valid", "phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn", "phase5/xml/cc015c-valid",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc015c-valid", "phase6/converter/xml/unit-cc015c-1",
		"phase6/json/cc015c-valid", "phase6/json/it-cc015c-valid", "phase6/xml/cc013c-valid", "phase6/xml/cc015c-valid",
		"phase6/xml/it-cc013c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0085", "guarantee type 1 without GuaranteeReference; an empty or B guarantee type with one", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc013c-valid",
		"phase5/json/cc013c-valid-mrn", "phase5/json/cc015c-valid", "phase5/json/it-cc013c-valid",
		"phase5/json/it-cc015c-valid", "phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc015c-valid", "phase6/converter/xml/unit-cc015c-1",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/cc015c-valid",
		"phase6/json/it-cc013c-valid", "phase6/json/it-cc015c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0086", "guarantee type B with GRN and access code; type 1 with a GRN but no access code", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/it-cc013c-valid",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/it-cc013c-valid",
		"phase6/xml/cc013c-valid", "phase6/xml/it-cc013c-valid"}},
	{"ctc-c0101", "reducedDatasetIndicator 1 without Authorisation", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc015c-valid",
		"phase5/json/it-cc015c-valid", "phase5/xml/cc015c-valid", "phase5/xml/it-cc015c-valid",
		"phase6/converter/xml/unit-cc015c-1", "phase6/json/cc015c-valid", "phase6/json/it-cc015c-valid",
		"phase6/xml/cc015c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0128", "messageRecipient token (not NTA...) and no decision", []string{
		"phase5/xml/cc014c-valid", "phase5/xml/it-cc014c-valid", "phase6/xml/cc014c-valid", "phase6/xml/it-cc014c-valid"}},
	{"ctc-c0129", "initiatedByCustoms 1 with a request date and time", []string{
		"phase5/json/cc014c-valid", "phase5/json/it-cc014c-valid", "phase6/json/cc014c-valid",
		"phase6/json/it-cc014c-valid"}},
	{"ctc-c0130", "otherGuaranteeReference with guarantee type 1, B or P", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc013c-valid",
		"phase5/json/cc013c-valid-mrn", "phase5/json/cc015c-valid", "phase5/json/cc029c-valid",
		"phase5/json/it-cc013c-valid", "phase5/json/it-cc015c-valid", "phase5/xml/cc015c-valid",
		"phase5/xml/it-cc015c-valid", "phase6/converter/xml/unit-cc015c-1", "phase6/json/cc013c-valid",
		"phase6/json/cc013c-valid-mrn", "phase6/json/cc015c-valid", "phase6/json/cc029c-valid",
		"phase6/json/it-cc013c-valid", "phase6/json/it-cc015c-valid", "phase6/xml/cc015c-valid",
		"phase6/xml/it-cc015c-valid"}},
	{"ctc-c0153", "goods items without CommodityCode in non-TIR declarations", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc015c-valid",
		"phase5/json/it-cc015c-valid", "phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn", "phase5/xml/cc015c-valid",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc015c-valid", "phase6/converter/xml/unit-cc015c-1",
		"phase6/json/cc015c-valid", "phase6/json/it-cc015c-valid", "phase6/xml/cc013c-valid", "phase6/xml/cc015c-valid",
		"phase6/xml/it-cc013c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0186", "transport charges with security 0", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/it-cc013c-valid",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/it-cc013c-valid"}},
	{"ctc-c0191", "a place of unloading with security 0", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/it-cc013c-valid",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/it-cc013c-valid"}},
	{"ctc-c0240", "incidents of codes 1, 5 and (phase 5) 7 with TransportEquipment and Transhipment", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc007c-valid", "phase5/json/cc007c-valid-xi",
		"phase5/json/cc043c-valid", "phase5/json/it-cc007c-valid", "phase5/xml/cc007c-valid", "phase5/xml/cc007c-valid-xi",
		"phase5/xml/cc043c-valid", "phase5/xml/it-cc007c-valid", "phase6/json/cc043c-valid"}},
	{"ctc-c0250", "a holder with neither identificationNumber nor name and address", []string{
		"phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn", "phase5/xml/cc014c-valid", "phase5/xml/cc170c-valid",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc014c-valid", "phase5/xml/it-cc170c-valid",
		"phase6/xml/cc013c-valid", "phase6/xml/cc014c-valid", "phase6/xml/cc170c-valid", "phase6/xml/it-cc013c-valid",
		"phase6/xml/it-cc014c-valid", "phase6/xml/it-cc170c-valid"}},
	{"ctc-c0337", "transport charges both for the consignment and per house consignment", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/cc029c-valid",
		"phase5/json/it-cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/cc029c-valid"}},
	{"ctc-c0339", "DepartureTransportMeans both for the consignment and per house consignment", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc029c-valid", "phase5/json/cc043c-valid",
		"phase5/xml/cc043c-valid", "phase6/json/cc029c-valid", "phase6/json/cc043c-valid"}},
	{"ctc-c0343", "no countryOfDestination at any level, or one at several levels", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/it-cc043c-valid", "phase5/converter/xml/unit-cc015c-1",
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/cc015c-valid", "phase5/json/cc029c-valid",
		"phase5/json/cc043c-valid", "phase5/json/it-cc013c-valid", "phase5/json/it-cc015c-valid",
		"phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn", "phase5/xml/cc015c-valid", "phase5/xml/cc043c-valid",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc015c-valid", "phase6/converter/xml/unit-cc015c-1",
		"phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn", "phase6/json/cc015c-valid", "phase6/json/cc029c-valid",
		"phase6/json/cc043c-valid", "phase6/json/it-cc013c-valid", "phase6/json/it-cc015c-valid",
		"phase6/xml/cc013c-valid", "phase6/xml/cc015c-valid", "phase6/xml/it-cc013c-valid", "phase6/xml/it-cc015c-valid"}},
	{"ctc-c0349", "a Consignor both for the consignment and per house consignment", []string{
		"phase5/converter/xml/it-cc043c-valid", "phase5/json/cc029c-valid", "phase5/json/cc043c-valid",
		"phase5/xml/cc043c-valid", "phase6/json/cc029c-valid", "phase6/json/cc043c-valid"}},
	{"ctc-c0353", "goods items listed under a house consignment of release type 2", []string{
		"phase5/json/cc025c-valid", "phase5/xml/cc025c-valid", "phase6/json/cc025c-valid"}},
	{"ctc-c0403", "no PlaceOfLoading in declarations that are not pre-lodged (types A, O, h)", []string{
		"phase5/converter/xml/it-cc015c-1", "phase5/converter/xml/unit-cc015c-1", "phase5/json/cc015c-valid",
		"phase5/json/it-cc015c-valid", "phase5/xml/cc013c-valid", "phase5/xml/cc013c-valid-mrn", "phase5/xml/cc015c-valid",
		"phase5/xml/it-cc013c-valid", "phase5/xml/it-cc015c-valid"}},
	{"ctc-c0404", "a presentation notification without PlaceOfLoading", []string{
		"phase5/xml/cc170c-valid", "phase5/xml/it-cc170c-valid"}},
	{"ctc-g0006", "goods references 622 and 996 to items the message does not have", []string{
		"phase5/converter/xml/it-cc043c-valid"}},
	{"ctc-g0026", "a house consignment previous document in a declaration of additional type a or B, not A", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/cc029c-valid",
		"phase5/json/it-cc013c-valid", "phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn",
		"phase6/json/cc029c-valid", "phase6/json/it-cc013c-valid"}},
	{"ctc-g0090", "the holder XI985524247819 named as carrier too", []string{
		"phase5/json/cc029c-valid", "phase6/json/cc029c-valid"}},
	{"ctc-g0101", "initiatedByCustoms 1 in the trader's invalidation request", []string{
		"phase5/json/cc014c-valid", "phase5/json/it-cc014c-valid", "phase5/xml/cc014c-valid", "phase5/xml/it-cc014c-valid",
		"phase6/json/cc014c-valid", "phase6/json/it-cc014c-valid", "phase6/xml/cc014c-valid", "phase6/xml/it-cc014c-valid"}},
	{"ctc-g0789", "border office abcdabcd, XI005220 or GB000060 (the departure) is none of the declared transit, exit or destination offices", []string{
		"phase5/json/cc013c-valid", "phase5/json/cc013c-valid-mrn", "phase5/json/it-cc013c-valid",
		"phase5/xml/cc015c-valid-2", "phase6/json/cc013c-valid", "phase6/json/cc013c-valid-mrn",
		"phase6/json/it-cc013c-valid", "phase6/xml/cc013c-valid", "phase6/xml/cc015c-valid-2",
		"phase6/xml/it-cc013c-valid"}},
}

// TestC1OfficialExamples runs the c1 rules over HMRC's phase 5 and 6
// examples: every finding is a known sample defect, and every known defect
// still occurs.
func TestC1OfficialExamples(t *testing.T) {
	known := map[string]string{}
	for _, d := range c1Defects {
		for _, f := range d.files {
			if _, dup := known[f+" "+d.rule]; dup {
				t.Errorf("%s %s listed twice", f, d.rule)
			}
			known[f+" "+d.rule] = d.why
		}
	}
	runs := runOnHMRCExamples(t, c1Rules, rules.Config{})
	n := requireDefects(t, runs, known,
		func(r exampleRun, f validate.Finding) string { return r.Name() + " " + f.Rule },
		func(validate.Finding) bool { return true })
	if n < 40 {
		t.Errorf("only %d schema-valid examples checked", n)
	}
}
