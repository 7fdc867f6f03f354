package rules_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// customslint carries neither CL610 (MessageWithCorrelationIdentifier) nor
// CL385 (MessageTypeWithoutHeader), and HMRC's reference data has neither,
// so ctc-c0511 is silent by default. Its testdata is written against these
// stand-ins, which are not the EU's lists: CL610 holding CC056C and CL385
// holding CC014C.
func init() {
	testConfigs["ctc-c0511"] = func(t *testing.T) rules.Config {
		standIns := codelists.NewSet(
			codelists.NewList("CL610", "MessageWithCorrelationIdentifier", "test stand-in", map[string]string{"CC056C": ""}),
			codelists.NewList("CL385", "MessageTypeWithoutHeader", "test stand-in", map[string]string{"CC014C": ""}),
		)
		return rules.Config{CodeLists: codelists.Builtin().With(standIns)}
	}
}

// TestC0511SilentWithoutLists checks that ctc-c0511 decides nothing when
// CL610 is not loaded, as by default.
func TestC0511SilentWithoutLists(t *testing.T) {
	if _, known := codelists.Builtin().In("CL610", "CC056C"); known {
		t.Skip("CL610 is now built in")
	}
	got := c2Run(t, "ctc-c0511", "ctc-p5", "testdata/ctc-c0511/ctc-p5/cc056c-without-correlation.xml", rules.Config{})
	if len(got) != 0 {
		t.Errorf("ctc-c0511 without CL610: %v", got)
	}
}

// c2Run checks one file with one rule and returns the rule's messages.
func c2Run(t *testing.T, rule, profile, file string, cfg rules.Config) []string {
	t.Helper()
	p, err := validate.ParseProfile(profile)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := validate.New(validate.Options{Profile: p, Select: []string{rule}, RuleConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), file, data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range rep.Findings {
		if f.Rule == rule {
			out = append(out, f.Message)
		}
	}
	return out
}

// c2Entries are the NCTS entries of the second batch of conditions: C0410-C0909
// (without C0467, one of HMRC's own rules), the phase 5 transitional rules, the
// E rules of the transitional period and two orders of validation.
var c2Entries = strings.Fields(`
	C0410 C0411 C0412 C0440 C0451 C0452 C0455 C0460 C0489 C0492 C0495 C0502 C0505 C0511 C0531 C0542
	C0569 C0586 C0587 C0598 C0599 C0600 C0670 C0671 C0685 C0710 C0806 C0807 C0808 C0816 C0820 C0821
	C0822 C0823 C0824 C0826 C0833 C0837 C0839 C0840 C0844 C0870 C0872 C0904 C0908 C0909
	B1000 B1016 B1091 B1804 B1805 B1806 B1811 B1813 B1814 B1815 B1819 B1820 B1821 B1822 B1823 B1831
	B1832 B1833 B1834 B1838 B1848 B1850 B1858 B1860 B1862 B1875 B1877 B1889 B1890 B1891 B1892 B1893
	B1895 B1896 B1897 B1898 B1903 B1904 B1919 B1922 B1964 B1965 B1966 B2101 B2400
	E1102 E1103 E1104 E1105 E1107 E1109 E1111 E1114 E1117 E1118 E1301 E1401 E1406 E1407
	S1018 S1023`)

// TestC2EntriesAccountedFor checks that each entry is either checked by a
// rule or recorded as not checked, not both.
func TestC2EntriesAccountedFor(t *testing.T) {
	notChecked := rules.NCTSNotChecked()
	for _, id := range c2Entries {
		r, checked := rules.NCTSChecked(id)
		why, recorded := notChecked[id]
		switch {
		case checked && recorded:
			t.Errorf("%s: checked by %s and recorded as not checked (%s)", id, r.ID, why)
		case !checked && !recorded:
			t.Errorf("%s: neither checked nor recorded", id)
		}
	}
}
