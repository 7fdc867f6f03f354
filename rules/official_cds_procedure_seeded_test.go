package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
)

// procedureSeed is one defect seeded into an accepted declaration: each
// old string is replaced once by its new one, and only rule must fire,
// with code.
type procedureSeed struct {
	name       string
	file       string // under examples/valid/exports-frontend
	edits      [][2]string
	rule, code string
}

const (
	acceptedImport = "Imports/Accepted/Declaration/TT1_IM_v2.02_Accepted.xml" // H1, one item 4071 + 000
	acceptedExport = "Exports/Accepted/Declaration/TT1_EX_v2.02_Accepted.xml" // B1, one item 3171 + 000
)

// secondItem duplicates a goods item's opening as a whole new goods item
// with its own procedure code, before the first: an edit pair.
func secondItem(procedure string) [2]string {
	return [2]string{"<GovernmentAgencyGoodsItem>", "<GovernmentAgencyGoodsItem><SequenceNumeric>2</SequenceNumeric>" +
		"<GovernmentProcedure><CurrentCode>" + procedure[:2] + "</CurrentCode><PreviousCode>" + procedure[2:] + "</PreviousCode></GovernmentProcedure>" +
		"<GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure></GovernmentAgencyGoodsItem><GovernmentAgencyGoodsItem>"}
}

var procedureSeeds = []procedureSeed{
	{"import: requested procedure 99", acceptedImport, [][2]string{{"<CurrentCode>40</CurrentCode>", "<CurrentCode>99</CurrentCode>"}}, "cds-procedure", "CDS12050"},
	{"import: 4021 is no RP 40 code", acceptedImport, [][2]string{{"<PreviousCode>71</PreviousCode>", "<PreviousCode>21</PreviousCode>"}}, "cds-procedure", "CDS11004"},
	{"import: export procedure 10", acceptedImport, [][2]string{{"<CurrentCode>40</CurrentCode>", "<CurrentCode>10</CurrentCode>"}}, "cds-procedure", "CDS11004"},
	{"import: no DE 1/10", acceptedImport, [][2]string{{"<CurrentCode>40</CurrentCode>", "<CurrentCode>1CD</CurrentCode>"}, {"<PreviousCode>71</PreviousCode>", ""}, {"<CurrentCode>000</CurrentCode>", "<CurrentCode>F15</CurrentCode>"}}, "cds-procedure", "CDS12050"},
	{"import: 000 with 1CD", acceptedImport, [][2]string{{"<CurrentCode>000</CurrentCode>", "<CurrentCode>000</CurrentCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>1CD</CurrentCode>"}}, "cds-additional-procedure", "CDS12149"},
	{"import: items of H1 and H2", acceptedImport, [][2]string{secondItem("7100")}, "cds-category", "CDS11005"},
	{"export: requested procedure 99", acceptedExport, [][2]string{{"<CurrentCode>31</CurrentCode>", "<CurrentCode>99</CurrentCode>"}}, "cds-procedure", "CDS12050"},
	{"export: import procedure 40", acceptedExport, [][2]string{{"<CurrentCode>31</CurrentCode>", "<CurrentCode>40</CurrentCode>"}}, "cds-procedure", "CDS11004"},
	{"export: 3171 with F15", acceptedExport, [][2]string{{"<CurrentCode>000</CurrentCode>", "<CurrentCode>F15</CurrentCode>"}}, "cds-procedure", "CDS11004"},
	{"export: 1H7 (on 1000, whose APC list is not known)", acceptedExport, [][2]string{{"<CurrentCode>31</CurrentCode>", "<CurrentCode>10</CurrentCode>"}, {"<PreviousCode>71</PreviousCode>", "<PreviousCode>00</PreviousCode>"}, {"<CurrentCode>000</CurrentCode>", "<CurrentCode>1H7</CurrentCode>"}}, "cds-additional-procedure", "CDS12152"},
	{"export: 000 with 1CS", acceptedExport, [][2]string{{"<CurrentCode>000</CurrentCode>", "<CurrentCode>000</CurrentCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>1CS</CurrentCode>"}}, "cds-additional-procedure", "CDS12149"},
	{"export: items of B1 and B2", acceptedExport, [][2]string{secondItem("2100")}, "cds-category", "CDS11005"},
}

// TestOfficialCDSProcedureSeeded seeds one defect at a time into HMRC's
// accepted TT1 import (H1) and export (B1) declarations: the accepted
// files raise nothing, and each seeded file exactly one finding, of the
// seed's rule and code.
func TestOfficialCDSProcedureSeeded(t *testing.T) {
	base := filepath.Join(oracle.OfficialDir(t), "cds", "examples", "valid", "exports-frontend")
	eng := procedureEngine(t)
	originals := map[string]string{}
	for _, f := range []string{acceptedImport, acceptedExport} {
		data, err := os.ReadFile(filepath.Join(base, f))
		if err != nil {
			t.Fatal(err)
		}
		originals[f] = string(data)
		if fs, _ := procedureFindings(t, eng, f, data); len(fs) != 0 {
			t.Fatalf("%s as accepted: %+v", f, fs)
		}
	}
	for _, s := range procedureSeeds {
		doc := originals[s.file]
		for _, e := range s.edits {
			if !strings.Contains(doc, e[0]) {
				t.Fatalf("%s: %s no longer holds %q", s.name, s.file, e[0])
			}
			doc = strings.Replace(doc, e[0], e[1], 1)
		}
		fs, _ := procedureFindings(t, eng, s.file, []byte(doc))
		if len(fs) != 1 || fs[0].Rule != s.rule || fs[0].Code != s.code {
			t.Errorf("%s: want one %s %s finding, got %d:", s.name, s.rule, s.code, len(fs))
			for _, f := range fs {
				t.Logf("  %s %s at %s: %s", f.Rule, f.Code, f.Path, f.Message)
			}
		}
	}
}
