package validate_test

import (
	"regexp"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

func TestFindingCode(t *testing.T) {
	one := &rules.Rule{ID: "x", Codes: []string{"DMS10010"}}
	two := &rules.Rule{ID: "y", Codes: []string{"R0028", "R0416"}}
	none := &rules.Rule{ID: "z"}
	for _, c := range []struct {
		rule       *rules.Rule
		code, want string
	}{
		{one, "", "CDS10010"},           // the rule's only code, DMS read as CDS
		{one, "CDS12015", "CDS12015"},   // the diagnostic's own code wins
		{one, " DMS12056 ", "CDS12056"}, // as a notification's ValidationCode may come
		{two, "", ""},                   // several codes: none unless the diagnostic says
		{two, "R0416", "R0416"},
		{none, "", ""},
		{none, "C0467", "C0467"},
		{none, "G0160", "G0160"},
		{none, "cds12015", ""}, // not letters then digits: no code
		{none, "CDS 12015", ""},
		{none, "DMS", ""},
		{nil, "R0028", "R0028"},
	} {
		if got := validate.FindingCode(c.rule, c.code); got != c.want {
			t.Errorf("FindingCode(%q, %q) = %q, want %q", ruleID(c.rule), c.code, got, c.want)
		}
	}
}

// TestEveryRuleCodeIsReported: each code a rule declares gives a finding
// code of the form the report schema admits (docs/report.schema.json).
func TestEveryRuleCodeIsReported(t *testing.T) {
	form := regexp.MustCompile(`^(CDS[0-9]+|[A-Z][0-9]{4})$`)
	n := 0
	for _, r := range rules.All() {
		for _, c := range r.Codes {
			n++
			if got := validate.FindingCode(r, c); !form.MatchString(got) {
				t.Errorf("rule %s: code %q gives %q", r.ID, c, got)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d codes declared by the rules", n)
	}
}

func ruleID(r *rules.Rule) string {
	if r == nil {
		return "<nil>"
	}
	return r.ID
}
