package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Helpers for the NCTS conditions and rules: a condition says of a data
// item that it is required, optional or not to be used depending on other
// items; requireChild and forbidChild report the two ways to break one, in
// the conditions' words: "NAME is required in PARENT when ... (C0451)".

// requireChild reports parent when it has no child at path (a name, or a
// path of names below it): "NAME is required in PARENT why". It reports
// whether it did.
func requireChild(p *Pass, parent xsd.Element, path, why string) bool {
	if !parent.Valid() || hasAt(parent, path) {
		return false
	}
	p.Reportf(parent, "%s is required in %s %s", path, parent.LocalName(), why)
	return true
}

// forbidChild reports every element at path below parent: "NAME must not
// be used in PARENT why".
func forbidChild(p *Pass, parent xsd.Element, path, why string) {
	if !parent.Valid() {
		return
	}
	for _, e := range elementsAt(parent, path) {
		p.Reportf(e, "%s must not be used in %s %s", path, parent.LocalName(), why)
	}
}

// requireChildEach applies requireChild to each parent.
func requireChildEach(p *Pass, parents []xsd.Element, path, why string) {
	for _, par := range parents {
		requireChild(p, par, path, why)
	}
}

// forbidChildEach applies forbidChild to each parent.
func forbidChildEach(p *Pass, parents []xsd.Element, path, why string) {
	for _, par := range parents {
		forbidChild(p, par, path, why)
	}
}

// oneOf reports whether v is one of the values. With valueAt, an absent
// element reads "", which no caller lists among the values.
func oneOf(v string, values ...string) bool { return slices.Contains(values, v) }

// hasText reports whether any element at path under e has the trimmed
// text v (a code among repeated elements: Authorisation/type C521).
func hasText(e xsd.Element, path, v string) bool {
	return slices.Contains(textsAt(e, path), v)
}

// skipOutsidePhase reports whether a rule does not hold for this message:
// HMRC's tables attach it to messageType only in phase profile.
func skipOutsidePhase(p *Pass, messageType, profile string) bool {
	return p.MessageType == messageType && p.Profile != profile
}

// quoteValue shows a value in a message: "GB" or "(empty)".
func quoteValue(v string) string {
	if strings.TrimSpace(v) == "" {
		return "(empty)"
	}
	return v
}
