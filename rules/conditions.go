package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// c1RequireAll and c1ForbidAll apply c1Require and c1Forbid to each parent.
func c1RequireAll(p *Pass, parents []xsd.Element, name, why string) {
	for _, par := range parents {
		requireChild(p, par, name, why)
	}
}

func c1ForbidAll(p *Pass, parents []xsd.Element, name, why string) {
	for _, par := range parents {
		forbidChild(p, par, name, why)
	}
}

// c1HasCode reports whether any element at path under e has text code.
func c1HasCode(e xsd.Element, path, code string) bool {
	for _, t := range Texts(e, path) {
		if t == code {
			return true
		}
	}
	return false
}

// c1Quote shows a value in a message: "GB" or "(empty)".
func c1Quote(v string) string {
	if strings.TrimSpace(v) == "" {
		return "(empty)"
	}
	return v
}

// c2OneOf reports whether the text at path under e is one of values.
func c2OneOf(e xsd.Element, path string, values ...string) bool {
	v, ok := Text(e, path)
	return ok && slices.Contains(values, v)
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

// c2Skip reports whether the rule does not hold for this message in this
// phase: the tables attach it to messageType only in phase profile.
func c2Skip(p *Pass, messageType, profile string) bool {
	return p.MessageType == messageType && p.Profile != profile
}

// rHasAuthorisation reports whether the message declares an authorisation
// of this type.
func rHasAuthorisation(p *Pass, typ string) bool {
	return oneOf(typ, Texts(p.Root, "Authorisation/type")...)
}

// rNew builds one ctc-r rule: an error, on these message types.
func rNew(id, summary string, types []string, doc string, check func(*Pass)) *Rule {
	return &Rule{ID: id, Summary: summary, Severity: Error, MessageTypes: types, Profiles: ctcProfiles, Doc: doc, Check: check}
}

// rWarning makes a rule's findings warnings: the rule is published, but
// whether HMRC's NCTS applies it to such a movement is not.
func rWarning(r *Rule) *Rule {
	r.Severity = Warning
	return r
}
