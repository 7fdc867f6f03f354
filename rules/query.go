package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Paths in rules are local names separated by "/", relative to an element:
// "Consignment/HouseConsignment/ConsignmentItem". A leading "/*/" (as the
// NCTS rules write them: /*/TransitOperation/LRN) starts at the message
// element whatever the element given; "*" matches any name; namespaces are
// ignored (CDS and CTC messages never repeat a local name under one parent
// in two namespaces).

// elementsAt returns every element at path under e, in document order.
func elementsAt(e xsd.Element, path string) []xsd.Element {
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

// firstAt returns the first element at path under e, or an invalid Element.
func firstAt(e xsd.Element, path string) xsd.Element {
	if rest, ok := strings.CutPrefix(path, "/*/"); ok {
		all := elementsAt(e, "/*/"+rest)
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

// hasAt reports whether an element exists at path under e.
func hasAt(e xsd.Element, path string) bool { return firstAt(e, path).Valid() }

// textAt returns the trimmed text of the first element at path under e, and
// whether there is one.
func textAt(e xsd.Element, path string) (string, bool) {
	f := firstAt(e, path)
	if !f.Valid() {
		return "", false
	}
	return strings.TrimSpace(f.Text()), true
}

// textsAt returns the trimmed texts of every element at path under e.
func textsAt(e xsd.Element, path string) []string {
	var out []string
	for _, f := range elementsAt(e, path) {
		out = append(out, strings.TrimSpace(f.Text()))
	}
	return out
}

// ancestorNamed returns the nearest ancestor of e with this local name, or an
// invalid Element.
func ancestorNamed(e xsd.Element, name string) xsd.Element {
	for p := e.Parent(); p.Valid(); p = p.Parent() {
		if p.Is(name) {
			return p
		}
	}
	return xsd.Element{}
}

// valueAt returns the trimmed text of the first element at path under e, ""
// when there is none.
func valueAt(e xsd.Element, path string) string {
	s, _ := textAt(e, path)
	return s
}

// In reports whether the code list holds code; known is false when the
// list is not available, and then the rule decides nothing.
func (p *Pass) In(list, code string) (in, known bool) {
	return p.Config.CodeLists.In(list, code)
}

// walkAll calls f for every element under e (e included), in document
// order.
func walkAll(e xsd.Element, f func(xsd.Element)) {
	if !e.Valid() {
		return
	}
	f(e)
	e.Walk(func(el xsd.Element, _ string) bool {
		f(el)
		return true
	})
}
