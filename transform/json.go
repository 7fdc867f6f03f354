package transform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Problem is something the conversion could not carry over.
type Problem struct {
	Path    string // XML element path or JSON pointer
	Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// numberLiteral returns the JSON literal of an XSD decimal or integer. The
// lexical form is kept when JSON allows it (so 12.50 stays 12.50); a form
// JSON does not allow (+5, 007, .5, 5.) is written canonically. ok is
// false for text that is no number at all.
func numberLiteral(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if jsonNumber.MatchString(v) {
		return v, true
	}
	neg := false
	switch {
	case strings.HasPrefix(v, "+"):
		v = v[1:]
	case strings.HasPrefix(v, "-"):
		v, neg = v[1:], true
	}
	intPart, frac, hasDot := strings.Cut(v, ".")
	if strings.ContainsAny(intPart+frac, "+-eE") || intPart+frac == "" {
		return "", false
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if hasDot && frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out, true
}

// jsonWriter writes indented JSON with keys in the order given.
type jsonWriter struct {
	b     bytes.Buffer
	depth int
	first []bool // per open container: no member written yet
}

func (w *jsonWriter) newline() {
	w.b.WriteByte('\n')
	w.b.WriteString(strings.Repeat("  ", w.depth))
}

func (w *jsonWriter) open(c byte) {
	w.b.WriteByte(c)
	w.depth++
	w.first = append(w.first, true)
}

func (w *jsonWriter) close(c byte) {
	empty := w.first[len(w.first)-1]
	w.first = w.first[:len(w.first)-1]
	w.depth--
	if !empty {
		w.newline()
	}
	w.b.WriteByte(c)
}

// member starts a member of the open container (key is "" in arrays).
func (w *jsonWriter) member(key string, inArray bool) {
	if !w.first[len(w.first)-1] {
		w.b.WriteByte(',')
	}
	w.first[len(w.first)-1] = false
	w.newline()
	if !inArray {
		w.str(key)
		w.b.WriteString(": ")
	}
}

func (w *jsonWriter) str(s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	w.b.Write(bytes.TrimRight(b.Bytes(), "\n"))
}

// value writes a leaf value of the given kind.
func (w *jsonWriter) value(k Kind, v string, path string, probs *[]Problem) {
	if k == Number || k == Integer {
		if lit, ok := numberLiteral(v); ok {
			w.b.WriteString(lit)
			return
		}
		*probs = append(*probs, Problem{path, fmt.Sprintf("%q is not a number; written as a string", v)})
	}
	w.str(v)
}

const xsiNS = "http://www.w3.org/2001/XMLSchema-instance"

// ToJSON writes the JSON view of a message: root is the message element of
// a parsed document. Problems list what the view could not hold (elements
// or attributes the model does not know, several occurrences of a single
// element); a schema-valid message has none.
func (v *View) ToJSON(root xsd.Element) ([]byte, []Problem) {
	return v.ToJSONDocument(root, nil)
}

// ToJSONDocument is ToJSON with what the XML document holds around the
// message (ReadEnvelope) written as the DocumentKey member after the
// message's; env may be nil.
func (v *View) ToJSONDocument(root xsd.Element, env *Envelope) ([]byte, []Problem) {
	w := &jsonWriter{}
	var probs []Problem
	w.open('{')
	w.member(v.RootKey, false)
	v.element(w, root, v.Root, true, &probs)
	if env != nil {
		w.member(DocumentKey, false)
		env.writeJSON(w)
	}
	w.close('}')
	w.b.WriteByte('\n')
	return w.b.Bytes(), probs
}

// element writes an element. Repeating children are arrays, written empty
// when absent, except where HMRC's converter leaves absent ones out (and
// so does this view): in the message element itself, and in phase 5 in
// an element with more children than a Scala case class has fields
// (omitsEmptyArrays).
func (v *View) element(w *jsonWriter, e xsd.Element, n *Node, root bool, probs *[]Problem) {
	if n.Kind != Object {
		v.leaf(w, e, n, probs)
		return
	}
	if strings.TrimSpace(e.Text()) != "" {
		*probs = append(*probs, Problem{e.Path(), "text in an element that holds elements; left out of the JSON"})
	}
	w.open('{')
	// Group the child elements by node, in the model's order.
	got := map[*Node][]xsd.Element{}
	for c := e.FirstChild(); c.Valid(); c = c.Next() {
		cn := n.ChildElement(c.LocalName(), c.Namespace())
		if cn == nil {
			*probs = append(*probs, Problem{c.Path(), "element not in the model of " + v.MessageType + "; left out of the JSON"})
			continue
		}
		got[cn] = append(got[cn], c)
	}
	for _, cn := range n.Children {
		els := got[cn]
		switch {
		case cn.Array && len(els) == 0 && (root || v.omitsEmptyArrays(n)):
		case cn.Array:
			w.member(cn.Key, false)
			w.open('[')
			for _, c := range els {
				w.member("", true)
				v.element(w, c, cn, false, probs)
			}
			w.close(']')
		case len(els) > 0:
			if len(els) > 1 {
				*probs = append(*probs, Problem{els[1].Path(), fmt.Sprintf("%s may occur once; only the first is in the JSON", cn.Name)})
			}
			w.member(cn.Key, false)
			v.element(w, els[0], cn, false, probs)
		}
	}
	v.attributes(w, e, n, probs)
	w.close('}')
}

// scalaFields is the most fields a Scala 2 case class takes. HMRC's phase 5
// converter (scalaxb classes, Play JSON formats) writes a type with more
// child elements differently: it leaves its absent repeating children
// out, where it writes [] for those of smaller types (CC015C's
// Consignment, 25 children, against its HouseConsignment). Its phase 6
// converter writes [] everywhere below the message element.
const scalaFields = 22

// omitsEmptyArrays reports whether HMRC's converter leaves the absent
// repeating children of n out of the JSON.
func (v *View) omitsEmptyArrays(n *Node) bool {
	return v.Profile == "ctc-p5" && len(n.Children) > scalaFields
}

// leaf writes a value element: the plain value, or an object with "#" and
// the attributes when it has attributes.
func (v *View) leaf(w *jsonWriter, e xsd.Element, n *Node, probs *[]Problem) {
	if e.HasElementChildren() {
		*probs = append(*probs, Problem{e.Path(), "child elements in a value element; left out of the JSON"})
	}
	attrs := e.Attrs()
	if !n.Text || len(attrs) == 0 {
		for _, a := range attrs {
			*probs = append(*probs, Problem{e.Path() + "/@" + a.Name, "attribute not in the model; left out of the JSON"})
		}
		w.value(n.Kind, e.Text(), e.Path(), probs)
		return
	}
	w.open('{')
	w.member("#", false)
	w.value(n.Kind, e.Text(), e.Path(), probs)
	v.attributes(w, e, n, probs)
	w.close('}')
}

// attributes writes "@name" members: the model's attributes in its order,
// then xsi:* attributes (schema locations) as "@xsi:name".
func (v *View) attributes(w *jsonWriter, e xsd.Element, n *Node, probs *[]Problem) {
	attrs := e.Attrs()
	for _, an := range n.Attrs {
		for _, a := range attrs {
			if a.Name == an.Name && a.Namespace == "" {
				w.member("@"+an.Name, false)
				w.value(an.Kind, a.Value, e.Path()+"/@"+a.Name, probs)
			}
		}
	}
	var xsi []xsd.Attr
	for _, a := range attrs {
		known := false
		for _, an := range n.Attrs {
			known = known || (a.Name == an.Name && a.Namespace == "")
		}
		switch {
		case known:
		case a.Namespace == xsiNS:
			xsi = append(xsi, a)
		default:
			*probs = append(*probs, Problem{e.Path() + "/@" + a.Name, "attribute not in the model; left out of the JSON"})
		}
	}
	sort.SliceStable(xsi, func(i, j int) bool { return xsi[i].Name < xsi[j].Name })
	for _, a := range xsi {
		w.member("@xsi:"+a.Name, false)
		w.str(a.Value)
	}
}

// Pointer returns the JSON pointer of the element (or attribute) at an XML
// element path of this message: /CC015C/Consignment/HouseConsignment[2]/grossMass
// becomes /n1:CC015C/Consignment/HouseConsignment/1/grossMass.
func (v *View) Pointer(xmlPath string) string {
	steps := strings.Split(strings.TrimPrefix(xmlPath, "/"), "/")
	if len(steps) == 0 || steps[0] == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("/" + escapePointer(v.RootKey))
	n := v.Root
	for _, st := range steps[1:] {
		if strings.HasPrefix(st, "@") {
			b.WriteString("/" + escapePointer(st))
			break
		}
		name, idx := st, 1
		if i := strings.IndexByte(st, '['); i > 0 && strings.HasSuffix(st, "]") {
			name = st[:i]
			idx, _ = strconv.Atoi(st[i+1 : len(st)-1])
		}
		var c *Node
		if n != nil {
			for _, x := range n.Children {
				if x.Name == name {
					c = x
					break
				}
			}
		}
		n = c
		if n != nil {
			name = n.Key
		}
		b.WriteString("/" + escapePointer(name))
		if n != nil && n.Array {
			b.WriteString("/" + strconv.Itoa(idx-1))
		}
	}
	return b.String()
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
