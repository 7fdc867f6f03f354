package rules_test

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
)

// rTestLists are the NCTS code lists the testdata of the ctc-r0xxx rules is
// written for: the codes of the real lists the files use (CL112, CL010,
// CL178, CL234, CL181, CL182, CL009, CL229, CL230, CL553, CL180), and
// stand-ins for two lists HMRC does not publish (CL195, CL167: test codes,
// not the real contents). They replace the built-in lists of the same IDs,
// so the testdata decides the same once customslint carries the NCTS lists.
func rTestLists() *codelists.Set {
	list := func(id, name, codes string) *codelists.List {
		m := map[string]string{}
		for _, c := range strings.Fields(codes) {
			m[c] = ""
		}
		return codelists.NewList(id, name, "ctc-r testdata", m)
	}
	eu := "AT AX BE BG CY CZ DE DK EE ES FI FR GF GP GR HR HU IE IT LT LU LV MC MF MQ MT NL PL PT RE RO SE SI SK XI YT"
	return codelists.NewSet(
		list("CL112", "CountryCodesCTC", "CH GB IS MK NO RS TR UA"),
		list("CL010", "CountryCodesCommunity", eu),
		list("CL009", "CountryCodesCommonTransit", eu+" AD CH GB GG IM IS JE LI MK NO RS SJ SM TR UA XS"),
		list("CL553", "MSCountry", "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"),
		list("CL178", "PreviousDocumentUnionGoods", "C612 C620 N822 N825"),
		list("CL234", "DocumentTypeExcise", "C651 C658"),
		list("CL181", "KindOfPackagesBulk", "VG VL VO VQ VR VS VY"),
		list("CL182", "KindOfPackagesUnpacked", "NE NF NG"),
		list("CL229", "GuaranteeTypeCTC", "0 1 2 3 4 5 8 9 A R"),
		list("CL230", "GuaranteeTypeEUNonTIR", "0 1 2 3 4 5 8 A R"),
		list("CL180", "FunctionalErrorCodesIeCA", "12 13 14 15 26 50 51 52 90 92 93"),
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
