package hmrcvalidator

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// XMLError is one error of an XML message against HMRC's XSD, as HMRC's
// validator (Xerces) reports it.
type XMLError struct {
	LineNumber   int    `json:"lineNumber"`
	ColumnNumber int    `json:"columnNumber"`
	Message      string `json:"message"`
}

// Xerces reports an error at the character after the tag it has just read:
// the start tag of an element that is not expected, the end tag of an
// element whose value or content is wrong.
type place int

const (
	afterStart place = iota
	afterEnd
)

// lazyRE compiles expr on first use: serve's HMRC endpoint needs these,
// the other commands of the binary never do.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// libxml2's messages, after "Element 'name': " (see readableXSD in
// validate: the namespace of a name is dropped when every name of the
// message has the same).
var (
	elementPrefix = lazyRE(`^Element '([^']*)': (.*)$`)
	notExpected   = lazyRE(`^This element is not expected\.(?: Expected is (?:one of )?\( (.*) \)\.)?$`)
	missingChild  = lazyRE(`^Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$`)
	atomicType    = lazyRE(`^'(.*)' is not a valid value of the (?:atomic type '([^']*)'|local atomic type)\.$`)
	facetPattern  = lazyRE(`^\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$`)
	// The set of an enumeration may have been shortened (validate's
	// shorten): the model's enumeration is used where it is known.
	facetEnum   = lazyRE(`^\[facet 'enumeration'\] The value '(.*?)' is not an element of the set \{(.*?)(?:\}\.)?$`)
	facetLength = lazyRE(`^\[facet '(maxLength|minLength|length)'\] The value has a length of '(\d+)'; this (?:exceeds the allowed maximum|underruns the allowed minimum|differs from the allowed) length of '(\d+)'\.$`)
	facetBound  = lazyRE(`^\[facet '(maxInclusive|minInclusive)'\] The value '(.*)' is (?:greater|less) than the (?:maximum|minimum) value allowed \('(.*)'\)\.$`)
	facetExcl   = lazyRE(`^\[facet '(maxExclusive|minExclusive)'\] The value '(.*)' must be (?:less|greater) than '(.*)'\.$`)
	facetDigits = lazyRE(`^\[facet '(totalDigits|fractionDigits)'\] The value '(.*)' has more (?:fractional )?digits than are allowed \('(\d+)'\)\.$`)
)

// xerr is one libxml2 schema error on its way to Xerces' wording.
type xerr struct {
	f       validate.Finding
	name    string // the element's name
	rest    string // the message after "Element 'name': "
	facet   bool   // a facet error, which Xerces follows with cvc-type.3.1.3
	message string // Xerces' message, once worded
	where   place
}

// XMLErrors words the schema findings of an XML message as HMRC's
// validator does: Xerces' cvc-* messages for unexpected and missing
// elements, patterns, lengths, enumerations, bounds, digits and types (a
// facet error is followed by cvc-type.3.1.3, as Xerces reports it), at the
// character after the start tag of an unexpected element or after the end
// tag of the element whose value or content is wrong. Other errors keep
// libxml2's message.
func XMLErrors(view *transform.View, data []byte, findings []validate.Finding) []XMLError {
	src := newSource(data)
	var errs []*xerr
	for _, f := range findings {
		if f.Rule != rules.XSDID || f.Severity != rules.Error {
			continue
		}
		msg := f.Message
		if f.Detail != "" {
			msg = f.Detail // libxml2's own text, where the finding rewords it for traders
		}
		e := &xerr{f: f, message: msg, where: afterStart}
		if m := elementPrefix().FindStringSubmatch(msg); m != nil {
			e.name, e.rest = localName(m[1]), m[2]
		}
		errs = append(errs, e)
	}
	type worded struct {
		e    *xerr
		msgs []string
		tag  int // the offset of the element's start tag, -1 if unknown
	}
	var ws []worded
	ends := map[int]bool{}
	for i, e := range errs {
		// libxml2 may follow a facet error with the type error Xerces
		// words as cvc-type.3.1.3, which follows every facet error here.
		if i > 0 && errs[i-1].facet && errs[i-1].name == e.name && errs[i-1].f.Line == e.f.Line && atomicType().MatchString(e.rest) {
			continue
		}
		w := worded{e: e, msgs: e.word(src, nodeAt(view, e.f.Path)), tag: src.tagStart(e.f.Line, e.f.Column)}
		if w.tag >= 0 && e.where == afterEnd {
			ends[w.tag] = true
		}
		ws = append(ws, w)
	}
	src.findEnds(ends)
	var out []XMLError
	for _, w := range ws {
		line, col := w.e.position(src, w.tag)
		for _, msg := range w.msgs {
			out = append(out, XMLError{line, col, msg})
		}
	}
	return out
}

// elementNode is the view's node of an element and of its parent.
type elementNode struct {
	node, parent *transform.Node
}

// nodeAt finds the node of the element at an element path
// (/CC015C/Guarantee[2]/sequenceNumber); zero if the view has none.
func nodeAt(view *transform.View, path string) elementNode {
	if view == nil || view.Root == nil {
		return elementNode{}
	}
	toks := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(toks) == 0 || stripIndex(toks[0]) != view.Root.Name {
		return elementNode{}
	}
	var parent *transform.Node
	n := view.Root
	for _, tok := range toks[1:] {
		name := stripIndex(tok)
		var next *transform.Node
		for _, c := range n.Children {
			if c.Name == name {
				next = c
				break
			}
		}
		if next == nil {
			return elementNode{}
		}
		parent, n = n, next
	}
	return elementNode{n, parent}
}

// stripIndex drops the [n] of a path step.
func stripIndex(tok string) string {
	if i := strings.IndexByte(tok, '['); i >= 0 {
		return tok[:i]
	}
	return tok
}

// typeName is the element's type as Xerces names it in a facet error: its
// name, or #AnonType_ with the element's and its parent type's names.
func (en elementNode) typeName() string {
	n := en.node
	if n == nil {
		return ""
	}
	if !n.Type.IsZero() {
		return n.Type.Name
	}
	parent := ""
	if en.parent != nil && !en.parent.Type.IsZero() {
		parent = en.parent.Type.Name
	}
	return "#AnonType_" + n.Name + parent
}

// base is the element's built-in base type, without prefix.
func (en elementNode) base() string {
	if en.node == nil || en.node.Value == nil {
		return ""
	}
	return typeName(en.node.Value.Base)
}

// enum is the element's enumeration, in the schema's order.
func (en elementNode) enum() []string {
	if en.node == nil || en.node.Value == nil {
		return nil
	}
	for _, st := range en.node.Value.Steps {
		if len(st.Enum) > 0 {
			var out []string
			for _, v := range st.Enum {
				out = append(out, v.Value)
			}
			return out
		}
	}
	return nil
}

// word is Xerces' message (or messages) for e, whose element has the
// node en in the view.
func (e *xerr) word(src *source, en elementNode) []string {
	if e.name == "" {
		return []string{e.f.Message}
	}
	forType := ""
	if typ := en.typeName(); typ != "" {
		forType = fmt.Sprintf(" for type '%s'", typ)
	}
	typeErr := func(v string) string {
		return fmt.Sprintf("cvc-type.3.1.3: The value '%s' of element '%s' is not valid.", v, e.name)
	}
	if m := notExpected().FindStringSubmatch(e.rest); m != nil {
		if m[1] == "" {
			return []string{fmt.Sprintf("cvc-complex-type.2.4.d: Invalid content was found starting with element '%s'. No child element is expected at this point.", e.name)}
		}
		return []string{fmt.Sprintf("cvc-complex-type.2.4.a: Invalid content was found starting with element '%s'. One of '{%s}' is expected.", e.name, expected(m[1]))}
	}
	if m := missingChild().FindStringSubmatch(e.rest); m != nil {
		e.where = afterEnd
		return []string{fmt.Sprintf("cvc-complex-type.2.4.b: The content of element '%s' is not complete. One of '{%s}' is expected.", e.name, expected(m[1]))}
	}
	e.where = afterEnd
	e.facet = true
	switch m := matchAny(e.rest, facetPattern(), facetEnum(), facetLength(), facetBound(), facetExcl(), facetDigits()); {
	case m.re == facetPattern():
		return []string{fmt.Sprintf("cvc-pattern-valid: Value '%s' is not facet-valid with respect to pattern '%s'%s.", m.sub[1], m.sub[2], forType), typeErr(m.sub[1])}
	case m.re == facetEnum():
		set := enumSet(m.sub[2])
		if vals := en.enum(); vals != nil {
			set = strings.Join(vals, ", ")
		}
		return []string{fmt.Sprintf("cvc-enumeration-valid: Value '%s' is not facet-valid with respect to enumeration '[%s]'. It must be a value from the enumeration.", m.sub[1], set), typeErr(m.sub[1])}
	case m.re == facetLength():
		v := e.value(src)
		return []string{fmt.Sprintf("cvc-%s-valid: Value '%s' with length = '%s' is not facet-valid with respect to %s '%s'%s.", m.sub[1], v, m.sub[2], m.sub[1], m.sub[3], forType), typeErr(v)}
	case m.re == facetBound(), m.re == facetExcl():
		return []string{fmt.Sprintf("cvc-%s-valid: Value '%s' is not facet-valid with respect to %s '%s'%s.", m.sub[1], m.sub[2], m.sub[1], m.sub[3], forType), typeErr(m.sub[2])}
	case m.re == facetDigits():
		kind := "total"
		if m.sub[1] == "fractionDigits" {
			kind = "fraction"
		}
		return []string{fmt.Sprintf("cvc-%s-valid: Value '%s' has %d %s digits, but the number of %s digits has been limited to %s.", m.sub[1], m.sub[2], digits(m.sub[2], kind == "fraction"), kind, kind, m.sub[3]), typeErr(m.sub[2])}
	}
	e.facet = false
	if m := atomicType().FindStringSubmatch(e.rest); m != nil {
		base := en.base()
		if base == "" {
			base = typeName(m[2])
		}
		return []string{fmt.Sprintf("cvc-datatype-valid.1.2.1: '%s' is not a valid value for '%s'.", m[1], base), typeErr(m[1])}
	}
	e.where = afterStart
	return []string{e.f.Message}
}

// position is where Xerces reports e: after the start tag or the end tag
// of its element; libxml2's own place when the message has no such tag.
func (e *xerr) position(src *source, off int) (int, int) {
	if off < 0 {
		return e.f.Line, e.f.Column
	}
	var end int
	if e.where == afterEnd {
		end = src.elementEnd(off)
	} else {
		end, _ = src.startTagEnd(off)
	}
	if end < 0 {
		return e.f.Line, e.f.Column
	}
	return src.position(end)
}

// value is the text of e's element, as the message holds it.
func (e *xerr) value(src *source) string {
	off := src.tagStart(e.f.Line, e.f.Column)
	if off < 0 {
		return ""
	}
	return src.text(off)
}

// UndeclaredRoot is Xerces' error for a message whose document element
// (its start tag at line, col) the message type's schema does not declare.
func UndeclaredRoot(data []byte, line, col int) XMLError {
	src := newSource(data)
	off := src.tagStart(line, col)
	if off < 0 {
		return XMLError{line, col, "cvc-elt.1.a: Cannot find the declaration of the document element."}
	}
	msg := fmt.Sprintf("cvc-elt.1.a: Cannot find the declaration of element '%s'.", src.qname(off))
	if end, _ := src.startTagEnd(off); end >= 0 {
		line, col = src.position(end)
	}
	return XMLError{line, col, msg}
}

type match struct {
	re  *regexp.Regexp
	sub []string
}

// matchAny is the first of res that matches s.
func matchAny(s string, res ...*regexp.Regexp) match {
	for _, re := range res {
		if m := re.FindStringSubmatch(s); m != nil {
			return match{re, m}
		}
	}
	return match{}
}

// localName drops the {namespace} libxml2 writes before a name.
func localName(name string) string {
	if strings.HasPrefix(name, "{") {
		if i := strings.IndexByte(name, '}'); i > 0 {
			return name[i+1:]
		}
	}
	return name
}

// typeName is a type as Xerces names it: built-in types without their
// prefix, named types without their namespace.
func typeName(t string) string {
	return strings.TrimPrefix(localName(t), "xs:")
}

// expected writes libxml2's list of expected elements ("a, b", names in a
// namespace as {ns}a) as Xerces does ("a, b", names in a namespace as
// "ns":a).
func expected(list string) string {
	names := strings.Split(list, ", ")
	for i, n := range names {
		if strings.HasPrefix(n, "{") {
			if j := strings.IndexByte(n, '}'); j > 0 {
				names[i] = `"` + n[1:j] + `":` + n[j+1:]
			}
		}
	}
	return strings.Join(names, ", ")
}

// enumSet writes libxml2's set ('a', 'b') as Xerces does (a, b).
func enumSet(set string) string {
	vals := strings.Split(set, ", ")
	for i, v := range vals {
		vals[i] = strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")
	}
	return strings.Join(vals, ", ")
}

// digits counts a decimal's significant digits (total) or its fraction
// digits, as Xerces counts them: without sign, leading zeros of the
// integer part or trailing zeros of the fraction.
func digits(v string, fraction bool) int {
	v = strings.TrimLeft(strings.TrimSpace(v), "+-")
	ip, fp, _ := strings.Cut(v, ".")
	fp = strings.TrimRight(fp, "0")
	if fraction {
		return len(fp)
	}
	ip = strings.TrimLeft(ip, "0")
	return len(ip) + len(fp)
}
