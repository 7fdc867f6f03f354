package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
)

// TestRegistry checks what every rule must carry for reports, `customslint
// rules` and `customslint explain`.
func TestRegistry(t *testing.T) {
	all := rules.All()
	for _, id := range []string{"xml", "message-type", "xsd", "internal"} {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("rule %s is not registered", id)
		}
	}
	for i, r := range all {
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("All() not sorted at %s", r.ID)
		}
		if r.Summary == "" || strings.Contains(r.Summary, "\n") {
			t.Errorf("%s: summary must be one non-empty line", r.ID)
		}
		if !strings.Contains(r.Doc, "Failing") || !strings.Contains(r.Doc, "Passing") {
			t.Errorf("%s: doc needs a failing and a passing example", r.ID)
		}
		if _, err := rules.ParseSeverity(string(r.Severity)); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
	}
}

func TestRegisterRejectsBadRules(t *testing.T) {
	for _, r := range []*rules.Rule{
		{ID: "xsd", Severity: rules.Error},      // duplicate
		{ID: "Upper", Severity: rules.Error},    // not lower case
		{ID: "a,b", Severity: rules.Error},      // separator inside
		{ID: "no-severity"},                     // severity missing
		{ID: "bad-severity", Severity: "fatal"}, // unknown severity
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%q) did not panic", r.ID)
				}
			}()
			rules.Register(r)
		}()
	}
}

func TestApplies(t *testing.T) {
	r := &rules.Rule{MessageTypes: []string{"CDS-DEC", "CDS-COR"}}
	if !r.Applies("cds", "CDS-COR") || r.Applies("ctc-p5", "CC015C") {
		t.Error("Applies with a list")
	}
	if !(&rules.Rule{}).Applies("cds", "anything") {
		t.Error("an empty list applies to every message")
	}
	p := &rules.Rule{Profiles: []string{"ctc-p5", "ctc-p6"}}
	if !p.Applies("ctc-p6", "CC029C") || p.Applies("ctc-p4", "CC015B") {
		t.Error("Applies with profiles")
	}
	if got := p.TypesLabel(); got != "all of ctc-p5, ctc-p6" {
		t.Errorf("TypesLabel = %q", got)
	}
}

// TestDocsAreFresh requires docs/rules.md to be what the registry renders:
// run go generate ./rules after changing a rule.
func TestDocsAreFresh(t *testing.T) {
	got, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatalf("%v (run go generate ./rules)", err)
	}
	if string(got) != rules.Markdown() {
		t.Fatal("docs/rules.md is stale: run go generate ./rules")
	}
}
