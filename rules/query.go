package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Paths in rules are local names separated by "/", relative to an element:
// "Consignment/HouseConsignment/ConsignmentItem". A leading "/*/" (as the
// NCTS rules write them: /*/TransitOperation/LRN) starts at the message
// element whatever the element given; "*" matches any name; namespaces are
// ignored (CDS and CTC messages never repeat a local name under one parent
// in two namespaces).

// Elements returns every element at path under e, in document order.
func Elements(e xsd.Element, path string) []xsd.Element {
	if !e.Valid() {
		return nil
	}
	if rest, ok := strings.CutPrefix(path, "/*/"); ok {
		for e.Parent().Valid() {
			e = e.Parent()
		}
		path = rest
	}
	cur := []xsd.Element{e}
	for name := range strings.SplitSeq(strings.Trim(path, "/"), "/") {
		if name == "" {
			continue
		}
		var next []xsd.Element
		for _, c := range cur {
			for k := c.FirstChild(); k.Valid(); k = k.Next() {
				if name == "*" || k.Is(name) {
					next = append(next, k)
				}
			}
		}
		cur = next
		if len(cur) == 0 {
			return nil
		}
	}
	return cur
}

// First returns the first element at path under e, or an invalid Element.
func First(e xsd.Element, path string) xsd.Element {
	if rest, ok := strings.CutPrefix(path, "/*/"); ok {
		all := Elements(e, "/*/"+rest)
		if len(all) == 0 {
			return xsd.Element{}
		}
		return all[0]
	}
	for name := range strings.SplitSeq(strings.Trim(path, "/"), "/") {
		if name == "" || !e.Valid() {
			continue
		}
		if name == "*" {
			e = e.FirstChild()
		} else {
			e = e.ChildByLocalName(name)
		}
	}
	return e
}

// Has reports whether an element exists at path under e.
func Has(e xsd.Element, path string) bool { return First(e, path).Valid() }

// Text returns the trimmed text of the first element at path under e, and
// whether there is one.
func Text(e xsd.Element, path string) (string, bool) {
	f := First(e, path)
	if !f.Valid() {
		return "", false
	}
	return strings.TrimSpace(f.Text()), true
}

// Texts returns the trimmed texts of every element at path under e.
func Texts(e xsd.Element, path string) []string {
	var out []string
	for _, f := range Elements(e, path) {
		out = append(out, strings.TrimSpace(f.Text()))
	}
	return out
}

// Ancestor returns the nearest ancestor of e with this local name, or an
// invalid Element.
func Ancestor(e xsd.Element, name string) xsd.Element {
	for p := e.Parent(); p.Valid(); p = p.Parent() {
		if p.Is(name) {
			return p
		}
	}
	return xsd.Element{}
}

// Value returns the trimmed text of the first element at path under e, ""
// when there is none.
func Value(e xsd.Element, path string) string {
	s, _ := Text(e, path)
	return s
}

// In reports whether the code list holds code; known is false when the
// list is not available, and then the rule decides nothing.
func (p *Pass) In(list, code string) (in, known bool) {
	return p.Config.CodeLists.In(list, code)
}

// officeCountry is the country of a customs office reference number (its
// first two characters), "" when it is shorter.
func officeCountry(ref string) string {
	ref = strings.TrimSpace(ref)
	if len(ref) < 2 {
		return ""
	}
	return ref[:2]
}

// oneOf reports whether v is one of the values.
func oneOf(v string, values ...string) bool { return slices.Contains(values, v) }

// requireChild reports parent when it has no child at path (a name, or a
// path of names below it), in the words of the NCTS conditions: "NAME is
// required in PARENT why". It reports whether it did.
func requireChild(p *Pass, parent xsd.Element, path, why string) bool {
	if !parent.Valid() || Has(parent, path) {
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
	for _, e := range Elements(parent, path) {
		p.Reportf(e, "%s must not be used in %s %s", path, parent.LocalName(), why)
	}
}
