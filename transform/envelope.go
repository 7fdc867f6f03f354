package transform

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DocumentKey is the member of a JSON message, beside the message's root
// member, that holds what its XML document carries around the message:
// processing instructions before and after the document element, and a
// transport wrapper (HMRC's MDG submitDeclarationRequest with its
// requestCommon) the message sits in. Its value mirrors the document in
// document order: an element is a member named as in the XML ("v1:regime",
// with its namespace declarations as "@xmlns:v1" members), its value the
// text, or an object of "@attribute" members, "#" text, child elements and
// "?target" processing instructions; repeated names are arrays; the message
// element itself is null. For example
//
//	"@document": {"?xml-stylesheet": "href=\"decl.xsl\"",
//	  "v1:submitDeclarationRequest": {"@xmlns:v1": "http://uk/gov/hmrc/...",
//	    "v1:requestCommon": {"v1:regime": "CDS", "v1:clientID": "5d7f..."},
//	    "v1:requestDetail": {"md:MetaData": null}}}
//
// Comments and white space between elements are not carried, as in the
// message.
const DocumentKey = "@document"

// maxEnvelopeDepth bounds how deep the elements around a message may nest.
const maxEnvelopeDepth = 64

// Envelope is the XML around a message: DocumentKey's content.
type Envelope struct {
	items []*xnode // document level: processing instructions and the document element
}

// xnode is an element, a processing instruction or text of the envelope.
type xnode struct {
	kind     xkind
	name     string // element name as written (prefix:local), PI target
	attrs    []xml.Attr
	text     string // text of an element (all its text nodes), PI data
	children []*xnode
}

type xkind int

const (
	xElement xkind = iota
	xPI
	xMessage // the message element: null in JSON
)

// hasPI reports whether src may hold a processing instruction besides its
// XML declaration.
func hasPI(src []byte) bool {
	rest := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(rest, []byte("<?xml")) {
		if i := bytes.Index(rest, []byte("?>")); i >= 0 {
			rest = rest[i+2:]
		}
	}
	return bytes.Contains(rest, []byte("<?"))
}

// ReadEnvelope reads what the XML document src carries around its message,
// the element reached from the document element by the element-child
// indexes at (none when the document element is the message): the
// elements around it and processing instructions outside it. env is nil
// when there is nothing around the message. Problems list what is left
// out: processing instructions inside the message, which the JSON view
// cannot hold, and the order of elements of one name that other elements
// separate. src is UTF-8 (whatever its declaration says) and well-formed
// (the caller parsed it).
func ReadEnvelope(src []byte, at []int) (*Envelope, []Problem) {
	if len(at) == 0 && !hasPI(src) {
		return nil, nil
	}
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = true
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // src is UTF-8
	r := &envReader{at: at, env: &Envelope{}}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = r.token(tok, dec)
		}
		if err != nil {
			return nil, []Problem{{"/", fmt.Sprintf("the XML around the message cannot be read (%v); processing instructions and wrapper left out of the JSON", err)}}
		}
	}
	if len(at) == 0 && len(r.env.items) == 1 {
		return nil, r.probs // the message alone: nothing around it
	}
	return r.env, append(r.probs, r.env.orderProblems()...)
}

// envReader builds an Envelope from the tokens of a document.
type envReader struct {
	at        []int // element-child indexes of the message
	env       *Envelope
	stack     []*openElement
	inMessage int // depth inside the message element; 0 outside
	probs     []Problem
}

// openElement is an element whose end is not read yet.
type openElement struct {
	n      *xnode // nil for the message and inside it
	next   int    // index of the next child element
	onPath bool   // on the way from the document element to the message
	path   string // element path, for problems
	text   []byte // the element's text so far
}

func (r *envReader) token(tok xml.Token, dec *xml.Decoder) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return r.start(t)
	case xml.EndElement:
		if len(r.stack) == 0 {
			return errors.New("an end tag without its start")
		}
		if top := r.stack[len(r.stack)-1]; top.n != nil {
			top.n.text = string(top.text)
		}
		r.stack = r.stack[:len(r.stack)-1]
		if r.inMessage > 0 {
			r.inMessage--
		}
	case xml.CharData:
		if len(r.stack) > 0 && r.inMessage == 0 {
			top := r.stack[len(r.stack)-1]
			top.text = append(top.text, t...)
		}
	case xml.ProcInst:
		r.procInst(t, dec)
	}
	return nil
}

func (r *envReader) start(t xml.StartElement) error {
	var parent *openElement
	o := &openElement{onPath: true, path: "/" + t.Name.Local}
	if len(r.stack) > 0 {
		parent = r.stack[len(r.stack)-1]
		o.path = parent.path + "/" + t.Name.Local
	}
	if r.inMessage > 0 {
		r.inMessage++
		r.stack = append(r.stack, o)
		return nil
	}
	depth := len(r.stack)
	if parent != nil {
		idx := parent.next
		parent.next++
		o.onPath = parent.onPath && depth-1 < len(r.at) && r.at[depth-1] == idx
	}
	n := &xnode{kind: xElement, name: qname(t.Name), attrs: t.Attr}
	switch {
	case o.onPath && depth == len(r.at):
		r.inMessage = 1
		n = &xnode{kind: xMessage, name: n.name}
	case depth >= maxEnvelopeDepth:
		return fmt.Errorf("the elements around the message nest deeper than %d", maxEnvelopeDepth)
	default:
		o.n = n
	}
	if parent == nil {
		r.env.items = append(r.env.items, n)
	} else {
		parent.n.children = append(parent.n.children, n)
	}
	r.stack = append(r.stack, o)
	return nil
}

func (r *envReader) procInst(t xml.ProcInst, dec *xml.Decoder) {
	if t.Target == "xml" {
		return // the declaration
	}
	pi := &xnode{kind: xPI, name: t.Target, text: string(t.Inst)}
	switch {
	case r.inMessage > 0:
		line, _ := dec.InputPos()
		r.probs = append(r.probs, Problem{r.stack[len(r.stack)-1].path, fmt.Sprintf("processing instruction <?%s?> on line %d is inside the message, which the JSON view cannot hold; left out of the JSON", t.Target, line)})
	case len(r.stack) == 0:
		r.env.items = append(r.env.items, pi)
	default:
		n := r.stack[len(r.stack)-1].n
		n.children = append(n.children, pi)
	}
}

// qname is an element or attribute name as written.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// key is the JSON member name of a node.
func (n *xnode) key() string {
	if n.kind == xPI {
		return "?" + n.name
	}
	return n.name
}

// groups returns nodes grouped by key in order of first occurrence, and
// whether a key recurs after another key came between (its order is then
// not kept).
func groups(nodes []*xnode) (keys []string, by map[string][]*xnode, interleaved []string) {
	by = map[string][]*xnode{}
	last := ""
	for _, n := range nodes {
		k := n.key()
		if _, seen := by[k]; seen && k != last {
			interleaved = append(interleaved, k)
		}
		if _, seen := by[k]; !seen {
			keys = append(keys, k)
		}
		by[k] = append(by[k], n)
		last = k
	}
	return keys, by, interleaved
}

func (e *Envelope) orderProblems() []Problem {
	var probs []Problem
	var walk func(nodes []*xnode, path string)
	walk = func(nodes []*xnode, path string) {
		_, _, inter := groups(nodes)
		for _, k := range inter {
			probs = append(probs, Problem{path, fmt.Sprintf("%s occurs again after other elements; the JSON groups its occurrences, so their order is not kept", k)})
		}
		for _, n := range nodes {
			if n.kind == xElement {
				walk(n.children, path+"/"+n.name)
			}
		}
	}
	walk(e.items, "")
	return probs
}

// writeJSON writes the envelope as the value of DocumentKey.
func (e *Envelope) writeJSON(w *jsonWriter) {
	w.open('{')
	writeNodes(w, e.items)
	w.close('}')
}

func writeNodes(w *jsonWriter, nodes []*xnode) {
	keys, by, _ := groups(nodes)
	for _, k := range keys {
		ns := by[k]
		w.member(k, false)
		if len(ns) == 1 {
			writeNode(w, ns[0])
			continue
		}
		w.open('[')
		for _, n := range ns {
			w.member("", true)
			writeNode(w, n)
		}
		w.close(']')
	}
}

func writeNode(w *jsonWriter, n *xnode) {
	switch {
	case n.kind == xMessage:
		w.b.WriteString("null")
		return
	case n.kind == xPI || (len(n.attrs) == 0 && len(n.children) == 0):
		w.str(n.text)
		return
	}
	w.open('{')
	for _, a := range n.attrs {
		w.member("@"+qname(a.Name), false)
		w.str(a.Value)
	}
	if len(n.children) == 0 || strings.TrimSpace(n.text) != "" {
		// The text of an element with attributes, or text beside
		// elements (white space between elements is not kept).
		w.member("#", false)
		w.str(n.text)
	}
	writeNodes(w, n.children)
	w.close('}')
}

// member is one member of a JSON object, in the order written.
type member struct {
	key string
	val any // string, json.Number, bool, nil, []member (an object) or []any (an array)
}

// decodeOrdered reads one JSON value keeping the order of object members.
func decodeOrdered(dec *json.Decoder, depth int) (any, error) {
	if depth > maxEnvelopeDepth*2 {
		return nil, fmt.Errorf("nested deeper than %d", maxEnvelopeDepth*2)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := []member{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeOrdered(dec, depth+1)
				if err != nil {
					return nil, err
				}
				obj = append(obj, member{k, v})
			}
			_, err := dec.Token() // '}'
			return obj, err
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeOrdered(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token() // ']'
			return arr, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	}
	return tok, nil
}

// EnvelopeOf returns the DocumentKey member of a JSON message, nil when it
// has none. Problems say what of it cannot be written as XML.
func EnvelopeOf(data []byte) (*Envelope, []Problem) {
	if !bytes.Contains(data, []byte(`"`+DocumentKey+`"`)) {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil // not an object: the message's own error says so
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil
		}
		if kt != DocumentKey {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, nil
			}
			continue
		}
		v, err := decodeOrdered(dec, 0)
		if err != nil {
			return nil, []Problem{{"/" + escapePointer(DocumentKey), fmt.Sprintf("cannot be read (%v); the XML around the message left out", err)}}
		}
		obj, ok := v.([]member)
		if !ok {
			return nil, []Problem{{"/" + escapePointer(DocumentKey), "not an object; the XML around the message left out"}}
		}
		env := &Envelope{}
		var probs []Problem
		env.items = readMembers(obj, "/"+escapePointer(DocumentKey), &probs)
		return env, probs
	}
	return nil, nil
}

// readMembers turns the members of an envelope object into nodes, of
// what the envelope holds: elements and processing instructions.
func readMembers(obj []member, ptr string, probs *[]Problem) []*xnode {
	var out []*xnode
	for _, m := range obj {
		mptr := ptr + "/" + escapePointer(m.key)
		vals := []any{m.val}
		if arr, ok := m.val.([]any); ok {
			vals = arr
		}
		for i, v := range vals {
			vptr := mptr
			if _, ok := m.val.([]any); ok {
				vptr = fmt.Sprintf("%s/%d", mptr, i)
			}
			switch {
			case strings.HasPrefix(m.key, "?"):
				s, ok := scalar(v)
				target := m.key[1:]
				switch {
				case !ok || v == nil:
					*probs = append(*probs, Problem{vptr, "a processing instruction holds a string; left out of the XML"})
				case !xmlName(target, false) || strings.EqualFold(target, "xml"):
					*probs = append(*probs, Problem{vptr, fmt.Sprintf("%q is not a processing instruction target; left out of the XML", target)})
				case strings.Contains(s, "?>") || !xmlText(s):
					*probs = append(*probs, Problem{vptr, "not the data of a processing instruction; left out of the XML"})
				default:
					out = append(out, &xnode{kind: xPI, name: target, text: s})
				}
			case !xmlName(m.key, true):
				*probs = append(*probs, Problem{vptr, fmt.Sprintf("%q is not an XML element name; left out of the XML", m.key)})
			default:
				if n := readElement(m.key, v, vptr, probs); n != nil {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// readElement reads one element of the envelope.
func readElement(name string, v any, ptr string, probs *[]Problem) *xnode {
	n := &xnode{kind: xElement, name: name}
	switch x := v.(type) {
	case nil:
		n.kind = xMessage
		return n
	case []member:
		var kids []member
		for _, m := range x {
			mptr := ptr + "/" + escapePointer(m.key)
			switch {
			case m.key == "#":
				s, ok := scalar(m.val)
				if !ok || !xmlText(s) {
					*probs = append(*probs, Problem{mptr, "not a text value; left out of the XML"})
					continue
				}
				n.text = s
			case strings.HasPrefix(m.key, "@"):
				s, ok := scalar(m.val)
				an := m.key[1:]
				switch {
				case !ok || !xmlText(s):
					*probs = append(*probs, Problem{mptr, "not an attribute value; left out of the XML"})
				case !xmlName(an, true):
					*probs = append(*probs, Problem{mptr, fmt.Sprintf("%q is not an XML attribute name; left out of the XML", an)})
				case hasAttr(n.attrs, an):
					*probs = append(*probs, Problem{mptr, "the attribute occurs twice; left out of the XML"})
				default:
					n.attrs = append(n.attrs, xml.Attr{Name: splitName(an), Value: s})
				}
			default:
				kids = append(kids, m)
			}
		}
		n.children = readMembers(kids, ptr, probs)
	default:
		s, ok := scalar(v)
		if !ok || !xmlText(s) {
			*probs = append(*probs, Problem{ptr, "not a text value; left out of the XML"})
		}
		n.text = s
	}
	return n
}

func hasAttr(attrs []xml.Attr, name string) bool {
	for _, a := range attrs {
		if qname(a.Name) == name {
			return true
		}
	}
	return false
}

func splitName(s string) xml.Name {
	if p, l, ok := strings.Cut(s, ":"); ok {
		return xml.Name{Space: p, Local: l}
	}
	return xml.Name{Local: s}
}

// xmlName reports whether s is an XML name (a QName with one colon when
// prefixed is true, else a name without colon).
func xmlName(s string, prefixed bool) bool {
	if prefixed {
		if p, l, ok := strings.Cut(s, ":"); ok {
			return xmlName(p, false) && xmlName(l, false)
		}
	}
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == 0xB7):
		default:
			return false
		}
	}
	return true
}

// xmlText reports whether s holds only characters XML allows.
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)) {
			return false
		}
	}
	return true
}

// Wrap writes the XML document of the envelope around message, the XML of
// the message alone (as ToXML writes it). An envelope without one
// document element, or without a place for the message (a null member),
// is a problem, and the message is written alone.
func (e *Envelope) Wrap(message []byte) ([]byte, []Problem) {
	ptr := "/" + escapePointer(DocumentKey)
	roots := 0
	for _, n := range e.items {
		if n.kind != xPI {
			roots++
		}
	}
	if roots != 1 {
		return message, []Problem{{ptr, fmt.Sprintf("holds %d document elements, not one; the message is written without it", roots)}}
	}
	w := &envWriter{body: message}
	if bytes.HasPrefix(w.body, []byte("<?xml")) {
		if i := bytes.Index(w.body, []byte("?>")); i >= 0 {
			w.body = bytes.TrimLeft(w.body[i+2:], "\r\n")
		}
	}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	for _, n := range e.items {
		w.node(n, 0, false)
	}
	if w.placed == 0 {
		return message, []Problem{{ptr, "no null member marks the message's place; the message is written without it"}}
	}
	if w.placed > 1 {
		return w.b.Bytes(), []Problem{{ptr, "more than one null member: the message is written at the first"}}
	}
	return w.b.Bytes(), nil
}

// envWriter writes an envelope as XML.
type envWriter struct {
	b      bytes.Buffer
	body   []byte // the message's XML without its declaration
	placed int    // null members met
}

// node writes one node; defaultNS tells whether a default namespace is in
// scope. At depth >= 0 it is indented two spaces a level, a line each; at
// depth < 0 it is written inline, with no white space added, as the
// children of an element with text of its own must be (mixed content:
// white space added there would become part of the element's text).
func (w *envWriter) node(n *xnode, depth int, defaultNS bool) {
	indent, nl := "", ""
	if depth >= 0 {
		indent, nl = strings.Repeat("  ", depth), "\n"
	}
	switch n.kind {
	case xPI:
		w.b.WriteString(indent + "<?" + n.name)
		if n.text != "" {
			w.b.WriteString(" " + n.text)
		}
		w.b.WriteString("?>" + nl)
		return
	case xMessage:
		w.placed++
		if w.placed == 1 {
			body := undeclareDefault(w.body, defaultNS)
			if depth < 0 {
				body = bytes.TrimRight(body, "\r\n")
			}
			w.b.Write(body)
			if depth >= 0 && !bytes.HasSuffix(body, []byte("\n")) {
				w.b.WriteByte('\n')
			}
		}
		return
	}
	w.b.WriteString(indent + "<" + n.name)
	for _, a := range n.attrs {
		name := qname(a.Name)
		if name == "xmlns" {
			defaultNS = a.Value != ""
		}
		w.b.WriteString(" " + name + `="` + attrEscaper.Replace(a.Value) + `"`)
	}
	switch {
	case len(n.children) == 0 && n.text == "":
		w.b.WriteString("/>" + nl)
	case len(n.children) == 0:
		w.b.WriteString(">" + textEscaper.Replace(n.text) + "</" + n.name + ">" + nl)
	default:
		w.b.WriteString(">")
		childDepth := depth + 1
		if strings.TrimSpace(n.text) != "" {
			w.b.WriteString(textEscaper.Replace(n.text))
			childDepth = -1
		}
		if depth < 0 {
			childDepth = -1
		}
		if childDepth >= 0 {
			w.b.WriteString("\n")
		}
		for _, c := range n.children {
			w.node(c, childDepth, defaultNS)
		}
		if childDepth >= 0 {
			w.b.WriteString(indent)
		}
		w.b.WriteString("</" + n.name + ">" + nl)
	}
}

// undeclareDefault adds xmlns="" to the message's root element when a
// default namespace is in scope around it and the message declares none,
// so that its unprefixed elements stay in no namespace.
func undeclareDefault(body []byte, defaultNS bool) []byte {
	if !defaultNS {
		return body
	}
	end := bytes.IndexAny(body, ">")
	if end < 0 {
		return body
	}
	tag := body[:end]
	if bytes.Contains(tag, []byte(` xmlns="`)) {
		return body
	}
	if bytes.HasSuffix(tag, []byte("/")) {
		end--
	}
	out := make([]byte, 0, len(body)+10)
	out = append(out, body[:end]...)
	out = append(out, ` xmlns=""`...)
	return append(out, body[end:]...)
}
