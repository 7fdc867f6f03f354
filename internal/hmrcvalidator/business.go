package hmrcvalidator

import (
	"slices"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// structural rules are answered as validationErrors or not at all; every
// other error finding is a business rule.
var structural = map[string]bool{rules.XMLID: true, rules.XSDID: true, rules.MessageTypeID: true, rules.JSONSchemaID: true, rules.SuppressionID: true, rules.MaxFindingsID: true}

// hmrcText is HMRC's own text for the rules whose findings say more than
// HMRC's answer does.
var hmrcText = map[string]string{
	"ctc-message-type": "Root node doesn't match with the messageType",
}

// Business is the message of the business error HMRC answers for a
// schema-valid message: the first failing rule in HMRC's order
// (rules.HMRCOrder), then any other rule's error by position; ok is false
// when no rule fails.
func Business(findings []validate.Finding) (msg string, ok bool) {
	var first *validate.Finding
	rank := func(id string) int {
		if i := slices.Index(rules.HMRCOrder, id); i >= 0 {
			return i
		}
		return len(rules.HMRCOrder)
	}
	for i, f := range findings {
		if f.Severity != rules.Error || structural[f.Rule] {
			continue
		}
		if first == nil || rank(f.Rule) < rank(first.Rule) {
			first = &findings[i]
		}
	}
	if first == nil {
		return "", false
	}
	if t, ok := hmrcText[first.Rule]; ok {
		return t, true
	}
	return first.Message, true
}
