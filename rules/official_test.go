package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// hmrcNegatives are the business-rule negatives among the examples of
// HMRC's transit-movements-validator, by file name without extension, and
// the rule that HMRC's validator answers them with (the first that fails
// in its order).
var hmrcNegatives = map[string]string{
	"cc007c-invalid-recipient":           "ctc-recipient",
	"cc007c-invalid-ref-office":          "ctc-recipient-office-match",
	"cc007c-invalid-reference":           "ctc-office-uk",
	"cc007c-invalid-reference-arrival":   "ctc-office-uk",
	"cc007c-rootNodeMismatch":            "ctc-message-type",
	"cc013c-invalid-both-mrn-and-lrn":    "ctc-c0467",
	"cc013c-invalid-no-mrn-lrn":          "ctc-c0467",
	"cc015c-invalid-lrn":                 "ctc-lrn",
	"cc015c-invalid-reference-departure": "ctc-office-uk",
}

// sampleDefects are the examples HMRC's validator uses as schema-valid that
// break one of its own business rules, by file name and rule, with why.
// HMRC's tests of these files stop at the schema (their messageRecipient is
// the XMLSpy placeholder "token" or a random string); the business-rule
// tests use the other files. Each holds in XML and JSON, phases 5 and 6.
var sampleDefects = map[string]string{
	"cc014c-valid ctc-recipient":    "messageRecipient token",
	"cc044c-valid ctc-recipient":    "messageRecipient token",
	"cc170c-valid ctc-recipient":    "messageRecipient token",
	"it-cc007c-valid ctc-recipient": "messageRecipient token",
	"it-cc013c-valid ctc-recipient": "messageRecipient token",
	"it-cc014c-valid ctc-recipient": "messageRecipient token",
	"it-cc015c-valid ctc-recipient": "messageRecipient FdOcminxBxSLGm1rRUn0q96S1",
	"it-cc044c-valid ctc-recipient": "messageRecipient token",
	"it-cc170c-valid ctc-recipient": "messageRecipient token",
	"it-cc013c-valid ctc-c0467":     "the XML has neither LRN nor MRN, the JSON both",
}

// TestHMRCValidatorExamples runs the CTC business rules over the examples
// of HMRC's validator, XML and JSON, phases 5 and 6: every business-rule
// negative is answered by the rule HMRC answers it with, and no example
// HMRC treats as valid raises a business rule error. The LRN pattern is one
// the valid examples' LRNs keep and the {{LRN}} placeholder of the negative
// breaks (HMRC's own test pattern is not published).
func TestHMRCValidatorExamples(t *testing.T) {
	off := oracle.OfficialDir(t)
	re, err := rules.WholeMatch(`[A-Za-z0-9-]{1,22}`)
	if err != nil {
		t.Fatal(err)
	}
	cache := xsd.NewCache()
	defer cache.Close()
	negatives, valid := map[string]int{}, 0
	defects := map[string]int{}
	for _, phase := range []struct {
		dir     string
		profile validate.Profile
	}{{"phase5", validate.ProfileCTCP5}, {"phase6", validate.ProfileCTCP6}} {
		eng, err := validate.New(validate.Options{
			Schemas: []string{filepath.Join(off, "ctc", phase.dir, "xsd")},
			Profile: phase.profile,
			Select:  []string{"ctc-*"},
			// HMRC's validator checks no code lists; its examples carry
			// placeholder codes (see official_codelist_test.go).
			Disable:    []string{"ctc-codelist"},
			RuleConfig: rules.Config{LRNPattern: re},
			Cache:      cache,
		})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		for _, kind := range []string{"xml", "json"} {
			files, err := filepath.Glob(filepath.Join(off, "ctc", phase.dir, "examples", kind, "*."+kind))
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				base := strings.TrimSuffix(filepath.Base(file), "."+kind)
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				rep, err := eng.Check(context.Background(), file, data)
				if err != nil {
					t.Fatal(err)
				}
				var business []validate.Finding
				schemaBroken := false
				for _, f := range rep.Findings {
					switch {
					case f.Rule == rules.JSONSchemaID || f.Rule == rules.XMLID:
						schemaBroken = true
					case strings.HasPrefix(f.Rule, "ctc-") && f.Severity == rules.Error:
						business = append(business, f)
					}
				}
				name := phase.dir + "/" + kind + "/" + base
				if want, ok := hmrcNegatives[base]; ok {
					if schemaBroken {
						// HMRC's validator stops at the JSON Schema, and so
						// does customslint: no business rule runs.
						if len(business) > 0 {
							t.Errorf("%s: business findings after JSON Schema errors: %+v", name, business)
						}
						continue
					}
					if got := firstInHMRCOrder(business); got != want {
						t.Errorf("%s: HMRC answers %s, customslint's first business error is %q (%+v)", name, want, got, business)
					}
					negatives[want]++
					continue
				}
				if strings.Contains(base, "invalid") || strings.Contains(base, "tooManyNodes") || strings.Contains(base, "missingNode") || strings.Contains(base, "extra-braces") {
					continue // schema negatives: HMRC never gets to the business rules
				}
				valid++
				for _, f := range business {
					if _, known := sampleDefects[base+" "+f.Rule]; known {
						defects[base+" "+f.Rule]++
						continue
					}
					t.Errorf("%s:%d: %s on an example HMRC accepts: %s", name, f.Line, f.Rule, f.Message)
				}
			}
		}
	}
	// Every rule is exercised by HMRC's negatives, in both phases or forms.
	for _, id := range []string{"ctc-message-type", "ctc-office-uk", "ctc-recipient", "ctc-recipient-office-match", "ctc-lrn", "ctc-c0467"} {
		if negatives[id] < 2 {
			t.Errorf("%s answered only %d HMRC negatives", id, negatives[id])
		}
	}
	for k, why := range sampleDefects {
		if defects[k] != 4 {
			t.Errorf("%s (%s): found in %d of the 4 forms (XML, JSON; phases 5, 6)", k, why, defects[k])
		}
	}
	if valid < 40 {
		t.Errorf("only %d accepted examples checked", valid)
	}
	t.Logf("HMRC negatives answered by rule: %v; accepted examples without a business error: %d", negatives, valid)
}

func firstInHMRCOrder(fs []validate.Finding) string {
	best := ""
	for _, f := range fs {
		if i := slices.Index(rules.HMRCOrder, f.Rule); i >= 0 && (best == "" || i < slices.Index(rules.HMRCOrder, best)) {
			best = f.Rule
		}
	}
	return best
}
