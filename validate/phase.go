package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/xsd"
)

// phaseEvidence is what a CTC phase 5/6 message shows of its phase: the
// first element or value only phase 5 has and the first only phase 6 has
// ("" when none), each described for a finding.
type phaseEvidence struct {
	p5, p6 string
}

// decided returns the phase the evidence shows, "" when it shows none or
// both.
func (ev phaseEvidence) decided() Profile {
	switch {
	case ev.p5 != "" && ev.p6 == "":
		return ProfileCTCP5
	case ev.p6 != "" && ev.p5 == "":
		return ProfileCTCP6
	}
	return ""
}

// done reports whether more looking can change nothing.
func (ev *phaseEvidence) done() bool { return ev.p5 != "" && ev.p6 != "" }

// phaseViews returns the phase 5 and phase 6 views of a CTC message type;
// ok is false when either phase has no model of it.
func phaseViews(msgType string) (p5, p6 *transform.View, ok bool) {
	p5, err5 := transform.ViewFor(string(ProfileCTCP5), msgType)
	p6, err6 := transform.ViewFor(string(ProfileCTCP6), msgType)
	return p5, p6, err5 == nil && err6 == nil
}

// xmlPhaseEvidence walks a namespaced CTC message along the phase 5 and 6
// models of its type and notes the first element (or attribute or
// enumerated value) that only one phase declares. The walk stops below an
// element neither phase declares, and as soon as both phases have shown
// something.
func xmlPhaseEvidence(root xsd.Element, msgType string) phaseEvidence {
	var ev phaseEvidence
	v5, v6, ok := phaseViews(msgType)
	if !ok {
		return ev
	}
	// The walk is depth first: stack holds the elements from the root
	// down to the parent of the element visited, with their nodes.
	type frame struct {
		el     xsd.Element
		n5, n6 *transform.Node
	}
	stack := []frame{{root, v5.Root, v6.Root}}
	ev.attrs(root, v5.Root, v6.Root)
	ev.missing(root, v5.Root, v6.Root)
	root.Walk(func(el xsd.Element, local string) bool {
		if ev.done() {
			return false
		}
		for p := el.Parent(); len(stack) > 1 && stack[len(stack)-1].el != p; {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		ns := el.Namespace()
		var n5, n6 *transform.Node
		if parent.n5 != nil {
			n5 = parent.n5.ChildElement(local, ns)
		}
		if parent.n6 != nil {
			n6 = parent.n6.ChildElement(local, ns)
		}
		if ph := ev.only(n5, n6, parent.n5 != nil, parent.n6 != nil); ph != "" {
			ev.note(ph, el.Path())
		}
		if n5 == nil && n6 == nil {
			return false
		}
		if n5 != nil && n6 != nil && n5.Kind == transform.Object && n6.Kind == transform.Object {
			ev.missing(el, n5, n6)
		}
		if el.HasElementChildren() {
			stack = append(stack, frame{el, n5, n6})
			return true
		}
		if n5 != nil && n6 != nil && hasEnum(n5.Value) && hasEnum(n6.Value) {
			ev.value(el.Path, strings.TrimSpace(el.Text()), n5.Value, n6.Value)
		}
		ev.attrs(el, n5, n6)
		return false
	})
	return ev
}

// only tells whether an element one phase declares and the other not,
// where both phases declare its parent (had5, had6), is news: "5" or "6"
// when that phase has shown nothing yet, "" otherwise. The caller words
// the evidence (note), so that the common case costs no path.
func (ev *phaseEvidence) only(n5, n6 *transform.Node, had5, had6 bool) string {
	switch {
	case n5 != nil && n6 == nil && had6 && ev.p5 == "":
		return "5"
	case n6 != nil && n5 == nil && had5 && ev.p6 == "":
		return "6"
	}
	return ""
}

// note records an element only one phase has.
func (ev *phaseEvidence) note(phase, path string) {
	if phase == "5" {
		ev.p5 = fmt.Sprintf("%s, which only phase 5 has", path)
	} else {
		ev.p6 = fmt.Sprintf("%s, which only phase 6 has", path)
	}
}

// missing notes a child element one phase requires and the other does not,
// which el lacks: evidence for the phase that does not require it.
func (ev *phaseEvidence) missing(el xsd.Element, n5, n6 *transform.Node) {
	if ev.done() {
		return
	}
	check := func(req, other *transform.Node, note *string, phase string) {
		for _, c := range req.Children {
			if *note != "" || c.Min < 1 {
				continue
			}
			if o := other.ChildElement(c.Name, c.Namespace); o != nil && o.Min >= 1 {
				continue
			}
			if !hasChild(el, c.Name, c.Namespace) {
				*note = fmt.Sprintf("%s has no %s, which only phase %s requires", el.Path(), c.Name, phase)
			}
		}
	}
	check(n6, n5, &ev.p5, "6")
	check(n5, n6, &ev.p6, "5")
}

// hasChild reports whether el has a child element of this name.
func hasChild(el xsd.Element, local, ns string) bool {
	for x := el.FirstChild(); x.Valid(); x = x.Next() {
		if x.Is(local) && x.Namespace() == ns {
			return true
		}
	}
	return false
}

// missingJSON is missing for a JSON object: a member one phase requires
// and the other does not, which obj lacks.
func (ev *phaseEvidence) missingJSON(ptr string, obj map[string]any, n5, n6 *transform.Node) {
	check := func(req, other *transform.Node, note *string, phase string) {
		for _, c := range req.Children {
			if *note != "" || c.Min < 1 {
				continue
			}
			if o := other.Child(c.Key); o != nil && o.Min >= 1 {
				continue
			}
			if _, ok := obj[c.Key]; !ok {
				*note = fmt.Sprintf("%s has no %s, which only phase %s requires", ptr, c.Key, phase)
			}
		}
	}
	check(n6, n5, &ev.p5, "6")
	check(n5, n6, &ev.p6, "5")
}

// attrs compares the attribute values of an element (PhaseID ...).
func (ev *phaseEvidence) attrs(el xsd.Element, n5, n6 *transform.Node) {
	if n5 == nil || n6 == nil || len(n5.Attrs) == 0 || len(n6.Attrs) == 0 {
		return
	}
	for _, a := range el.Attrs() {
		if a.Namespace != "" {
			continue
		}
		a5, a6 := attrNode(n5, a.Name), attrNode(n6, a.Name)
		if a5 != nil && a6 != nil {
			ev.value(func() string { return el.Path() + "/@" + a.Name }, strings.TrimSpace(a.Value), a5.Value, a6.Value)
		}
	}
}

func attrNode(n *transform.Node, name string) *transform.AttrNode {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// value notes a value that one phase's enumeration allows and the
// other's does not (PhaseID NCTS6, a code one phase dropped).
func (ev *phaseEvidence) value(where func() string, v string, v5, v6 *transform.Value) {
	in5, ok5 := inEnum(v5, v)
	in6, ok6 := inEnum(v6, v)
	if !ok5 || !ok6 || in5 == in6 {
		return
	}
	if in5 && ev.p5 == "" {
		ev.p5 = fmt.Sprintf("%s %q, a value only phase 5 allows", where(), v)
	}
	if in6 && ev.p6 == "" {
		ev.p6 = fmt.Sprintf("%s %q, a value only phase 6 allows", where(), v)
	}
}

// hasEnum reports whether a value's type enumerates its values.
func hasEnum(val *transform.Value) bool {
	_, ok := inEnum(val, "\x00")
	return ok
}

// inEnum reports whether v is one of the values of the first enumeration
// of a value's derivation steps; ok is false when it has none.
func inEnum(val *transform.Value, v string) (in, ok bool) {
	if val == nil {
		return false, false
	}
	for _, st := range val.Steps {
		if len(st.Enum) == 0 {
			continue
		}
		for _, e := range st.Enum {
			if strings.TrimSpace(e.Value) == v {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

// jsonPhaseEvidence is xmlPhaseEvidence for the JSON view of a message:
// body is the value of its root member.
func jsonPhaseEvidence(body any, msgType string) phaseEvidence {
	var ev phaseEvidence
	v5, v6, ok := phaseViews(msgType)
	if !ok {
		return ev
	}
	ev.jsonObject("/n1:"+msgType, body, v5.Root, v6.Root)
	return ev
}

// jsonObject compares the members of one JSON object (an element's view).
func (ev *phaseEvidence) jsonObject(ptr string, v any, n5, n6 *transform.Node) {
	obj, ok := v.(map[string]any)
	if !ok || ev.done() {
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same evidence every time
	ev.missingJSON(ptr, obj, n5, n6)
	for _, k := range keys {
		if ev.done() {
			return
		}
		if name, ok := strings.CutPrefix(k, "@"); ok {
			a5, a6 := attrNode(n5, name), attrNode(n6, name)
			if s, isStr := obj[k].(string); isStr && a5 != nil && a6 != nil {
				ev.value(func() string { return ptr + "/" + k }, strings.TrimSpace(s), a5.Value, a6.Value)
			}
			continue
		}
		c5, c6 := n5.Child(k), n6.Child(k)
		key := ptr + "/" + k
		if ph := ev.only(c5, c6, true, true); ph != "" {
			ev.note(ph, key)
		}
		if c5 == nil || c6 == nil {
			continue
		}
		items := []any{obj[k]}
		arr, isArr := obj[k].([]any)
		if isArr {
			items = arr
		}
		for i, it := range items {
			p := key
			if isArr {
				p = fmt.Sprintf("%s/%d", p, i)
			}
			switch x := it.(type) {
			case map[string]any:
				ev.jsonObject(p, x, c5, c6)
			case string:
				ev.value(func() string { return p }, strings.TrimSpace(x), c5.Value, c6.Value)
			case json.Number:
				ev.value(func() string { return p }, string(x), c5.Value, c6.Value)
			}
		}
	}
}

// phaseHint is the text that tells how to choose the phase.
const phaseHint = "use --profile ctc-p5 (or ?profile=ctc-p5) for phase 5, --profile ctc-p6 for phase 6"

// choosePhase decides phase 5 or 6 for a namespaced CTC message under
// --profile auto: the phase the message shows, else the engine's default
// (see ctcPhase). note is an info finding's message when the message
// shows no phase, or both; "" when the phase was given or shown.
func (e *Engine) choosePhase(ev func() phaseEvidence, msgType string) (Profile, string) {
	if e.profile == ProfileCTCP5 || e.profile == ProfileCTCP6 {
		return e.profile, ""
	}
	if !e.embedded && !e.hasCTCSets(ProfileCTCP5, ProfileCTCP6) {
		return e.ctcPhase(), "" // the --schemas bundles hold one phase only
	}
	found := ev()
	if p := found.decided(); p != "" {
		return p, ""
	}
	def := e.ctcPhase()
	if found.p5 != "" {
		return def, fmt.Sprintf("%s shows both phases (%s; %s): validated as %s; %s",
			msgType, found.p5, found.p6, profileName(def), phaseHint)
	}
	return def, fmt.Sprintf("nothing in this %s is particular to phase 5 or phase 6: validated as %s; %s",
		msgType, profileName(def), phaseHint)
}

// hasCTCSets reports whether the engine's schema sets hold every one of
// the profiles.
func (e *Engine) hasCTCSets(profiles ...Profile) bool {
	for _, p := range profiles {
		if !slices.ContainsFunc(e.sets, func(s *schemaSet) bool { return s.profile == p }) {
			return false
		}
	}
	return true
}

// decidePhase sets the phase of a namespaced CTC message detected in XML
// (det.profile "" before) and adds the finding that says which phase was
// assumed when the message shows none. forced is the phase already
// decided (the XML form of a JSON message), "" for none.
func (e *Engine) decidePhase(det *detection, forced Profile) {
	if det.family != familyCTC || det.profile != "" || det.schemaType == "" {
		return
	}
	if forced != "" {
		det.profile = forced
		return
	}
	p, note := e.choosePhase(func() phaseEvidence { return xmlPhaseEvidence(det.elem, det.messageType) }, det.messageType)
	det.profile = p
	if note != "" {
		det.findings = append(det.findings, findingAt(det.elem, rules.MessageTypeID, rules.Info, "%s", note))
	}
}
