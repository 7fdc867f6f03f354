package rules

import (
	"slices"
	"strconv"

	"github.com/customslint/customslint/xsd"
)

// Helpers of the NCTS conditions in ctc_c2_*.go. A condition says of a data
// item that it is required ("R"), optional ("O") or not to be used ("N")
// depending on other items; these helpers report the two ways to break it.

// c2OneOf reports whether the text at path under e is one of values.
func c2OneOf(e xsd.Element, path string, values ...string) bool {
	v, ok := Text(e, path)
	return ok && slices.Contains(values, v)
}

// c2Int reads a whole number at path under e.
func c2Int(e xsd.Element, path string) (int, bool) {
	v, ok := Text(e, path)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// c2Require reports parent when it has no child (a name, or a path of
// names below parent): the child is required because of why.
func c2Require(p *Pass, parent xsd.Element, child, why, id string) {
	requireChild(p, parent, child, "when "+why+" ("+id+")")
}

// c2Forbid reports every child (a name, or a path below parent) of parent:
// it must not be used because of why.
func c2Forbid(p *Pass, parent xsd.Element, child, why, id string) {
	forbidChild(p, parent, child, "when "+why+" ("+id+")")
}

// c2Each calls f for every element at path under e.
func c2Each(e xsd.Element, path string, f func(xsd.Element)) {
	for _, x := range Elements(e, path) {
		f(x)
	}
}

// c2Security reports whether TransitOperation/security is one of values.
func c2Security(p *Pass, values ...string) bool {
	return c2OneOf(p.Root, "TransitOperation/security", values...)
}

// c2Msgs lists NCTS message types (CC013C ...) from their IE numbers.
func c2Msgs(ies ...string) []string {
	out := make([]string, len(ies))
	for i, ie := range ies {
		out[i] = "CC" + ie + "C"
	}
	return out
}

// c2Skip reports whether the rule does not hold for this message in this
// phase: the tables attach it to messageType only in phase profile.
func c2Skip(p *Pass, messageType, profile string) bool {
	return p.MessageType == messageType && p.Profile != profile
}
