package xsd

/*
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"bytes"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Parser options. XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD and
// XML_PARSE_DTDATTR are never set: a message has no business loading DTDs
// or expanding entities. COMPACT and BIG_LINES are what xmllint uses, so line
// numbers agree with it.
const (
	optNoBlanks  = 1 << 8
	optNoNet     = 1 << 11
	optCompact   = 1 << 16
	optIgnoreEnc = 1 << 21
	optBigLines  = 1 << 22
	// NOBLANKS drops the white space between elements from the tree (about
	// a third of its nodes in an indented message); white space inside a
	// leaf and in mixed content stays, and validation ignores it in element
	// content, so verdicts and error lines are xmllint's (the conformance
	// tests compare them on every sample and thousands of variants).
	parseOptions = optNoBlanks | optNoNet | optCompact | optBigLines
)

// libxml2 node types used here (xmlElementType).
const (
	nodeElement   = 1
	nodeAttribute = 2
	nodeText      = 3
	nodeCDATA     = 4
)

// ErrTooLarge is returned for input libxml2 cannot take in one buffer.
var ErrTooLarge = errors.New("document larger than 2 GiB")

// Document is a parsed XML document held in C memory. Free it when done;
// Elements obtained from it are valid until then. A Document may be read by
// several goroutines, but Free must not race with any other use.
type Document struct {
	mu        sync.Mutex
	doc       C.xmlDocPtr
	src       []byte // the UTF-8 bytes libxml2 parsed
	linesOnce sync.Once
	lines     []int // byte offset of each line start, built on first use
	// names holds the Go copies of element names, by libxml2's string:
	// the parser keeps one copy of each name in its dictionary, so a
	// document has a few hundred distinct name pointers at most.
	namesMu sync.Mutex
	names   map[unsafe.Pointer]string
	// cmem is C memory that lives as long as the document (indexes).
	cmem []unsafe.Pointer
}

// keep frees p (malloc'd C memory) with the document.
func (d *Document) keep(p unsafe.Pointer) {
	d.mu.Lock()
	d.cmem = append(d.cmem, p)
	d.mu.Unlock()
}

// name returns the Go string of a libxml2 name, copied once per document.
func (d *Document) name(p *C.xmlChar) string {
	key := unsafe.Pointer(p)
	if d == nil {
		return C.GoString((*C.char)(key))
	}
	d.namesMu.Lock()
	defer d.namesMu.Unlock()
	if s, ok := d.names[key]; ok {
		return s
	}
	if d.names == nil {
		d.names = map[unsafe.Pointer]string{}
	}
	s := C.GoString((*C.char)(key))
	d.names[key] = s
	return s
}

// Parse parses src, which must be UTF-8 (forceUTF8 makes libxml2 ignore an
// encoding declaration, for input the caller transcoded). It never loads
// external entities, DTDs or anything from the network. When the document is
// not well-formed the Document is nil and the errors say why.
func Parse(src []byte, forceUTF8 bool) (*Document, []Error, error) {
	ensureInit()
	if len(src) > math.MaxInt32 {
		return nil, nil, ErrTooLarge
	}
	c := &collector{}
	h, ch := newHandle(c)
	defer h.Delete()
	opts := C.int(parseOptions)
	force := C.int(0)
	if forceUTF8 {
		opts |= optIgnoreEnc
		force = 1
	}
	buf := src
	if len(buf) == 0 {
		buf = []byte{0} // a valid pointer; the length passed stays 0
	}
	p := (*C.char)(unsafe.Pointer(&buf[0]))
	var wf C.int
	doc := C.cl_parse(p, C.int(len(src)), opts, force, ch, &wf)
	errs := append(c.errs, c.genericErrors()...)
	if doc == nil || wf == 0 {
		if doc != nil {
			C.xmlFreeDoc(doc)
		}
		if len(errs) == 0 {
			errs = append(errs, Error{Domain: DomainParser, Level: LevelFatal, Message: "document is not well-formed", Line: 1})
		}
		return nil, errs, nil
	}
	d := &Document{doc: doc, src: src}
	return d, errs, nil
}

// Free releases the C memory of the document. It is safe to call twice.
func (d *Document) Free() {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.doc != nil {
		C.xmlFreeDoc(d.doc)
		d.doc = nil
	}
	for _, p := range d.cmem {
		C.free(p)
	}
	d.cmem = nil
}

// Source returns the UTF-8 bytes the document was parsed from.
func (d *Document) Source() []byte { return d.src }

// Root returns the document element.
func (d *Document) Root() Element {
	if d == nil || d.doc == nil {
		return Element{}
	}
	for n := d.doc.children; n != nil; n = n.next {
		if n._type == nodeElement {
			return Element{n: n, d: d}
		}
	}
	return Element{}
}

// Element is an element node of a Document. The zero Element is "none".
type Element struct {
	n *C.xmlNode
	d *Document
}

// Valid reports whether e refers to an element.
func (e Element) Valid() bool { return e.n != nil }

// LocalName returns the element's name without prefix.
func (e Element) LocalName() string {
	if e.n == nil {
		return ""
	}
	return e.d.name(e.n.name)
}

// Walk calls fn for every element below e, in document order, with its
// local name; fn returns false to skip the element's descendants. It is
// the cheap way to visit a whole message: names are looked up once per
// distinct name for the walk, without locking.
func (e Element) Walk(fn func(el Element, local string) bool) {
	if e.n == nil {
		return
	}
	names := map[unsafe.Pointer]string{}
	var walk func(n *C.xmlNode)
	walk = func(n *C.xmlNode) {
		for c := n.children; c != nil; c = c.next {
			if c._type != nodeElement {
				continue
			}
			key := unsafe.Pointer(c.name)
			name, ok := names[key]
			if !ok {
				name = e.d.name(c.name)
				names[key] = name
			}
			if fn(Element{n: c, d: e.d}, name) {
				walk(c)
			}
		}
	}
	walk(e.n)
}

// Is reports whether the element's local name is local, without copying
// the name out of libxml2 (the rules ask this of every child they pass).
func (e Element) Is(local string) bool {
	return e.n != nil && cNameIs(e.n.name, local)
}

// cNameIs compares a NUL-terminated libxml2 string with s. It reads no
// byte past the first that differs, so never past the terminator.
func cNameIs(p *C.xmlChar, s string) bool {
	if p == nil {
		return false
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(p)), len(s)+1)
	for i := 0; i < len(s); i++ {
		if b[i] != s[i] {
			return false
		}
	}
	return b[len(s)] == 0
}

// Namespace returns the element's namespace URI, "" when it has none.
func (e Element) Namespace() string {
	if e.n == nil || e.n.ns == nil || e.n.ns.href == nil {
		return ""
	}
	return C.GoString((*C.char)(unsafe.Pointer(e.n.ns.href)))
}

// FirstChild returns the first child element.
func (e Element) FirstChild() Element {
	if e.n == nil {
		return Element{}
	}
	return e.elementFrom(e.n.children)
}

// Next returns the next sibling element.
func (e Element) Next() Element {
	if e.n == nil {
		return Element{}
	}
	return e.elementFrom(e.n.next)
}

// Parent returns the parent element, or none for the root.
func (e Element) Parent() Element {
	if e.n == nil || e.n.parent == nil || e.n.parent._type != nodeElement {
		return Element{}
	}
	return Element{n: e.n.parent, d: e.d}
}

func (e Element) elementFrom(n *C.xmlNode) Element {
	for ; n != nil; n = n.next {
		if n._type == nodeElement {
			return Element{n: n, d: e.d}
		}
	}
	return Element{}
}

// Child returns the first child element with this local name and namespace.
func (e Element) Child(namespace, local string) Element {
	for c := e.FirstChild(); c.Valid(); c = c.Next() {
		if c.Is(local) && c.Namespace() == namespace {
			return c
		}
	}
	return Element{}
}

// ChildByLocalName returns the first child element with this local name, in
// any namespace.
func (e Element) ChildByLocalName(local string) Element {
	for c := e.FirstChild(); c.Valid(); c = c.Next() {
		if c.Is(local) {
			return c
		}
	}
	return Element{}
}

// Text returns the concatenated text and CDATA content of the element's
// direct children.
func (e Element) Text() string {
	if e.n == nil {
		return ""
	}
	var b strings.Builder
	for c := e.n.children; c != nil; c = c.next {
		if (c._type == nodeText || c._type == nodeCDATA) && c.content != nil {
			b.WriteString(C.GoString((*C.char)(unsafe.Pointer(c.content))))
		}
	}
	return b.String()
}

// Attr returns the value of the attribute with this local name and no
// namespace.
func (e Element) Attr(local string) (string, bool) {
	if e.n == nil {
		return "", false
	}
	for a := e.n.properties; a != nil; a = a.next {
		if a.ns == nil && cNameIs(a.name, local) {
			if a.children != nil && a.children.content != nil {
				return C.GoString((*C.char)(unsafe.Pointer(a.children.content))), true
			}
			return "", true
		}
	}
	return "", false
}

// Line returns the element's line: where its start tag ends, as libxml2
// records it (the start tag's line, unless the tag spans lines). Cheaper
// than Position, which finds the column and the path too.
func (e Element) Line() int {
	if e.n == nil {
		return 0
	}
	if l := int(e.n.line); l > 0 && l < 65535 {
		return l
	}
	end := int(uintptr(e.n._private)) - 1
	if end < 0 || end >= len(e.d.src) {
		return 0
	}
	l, _ := e.d.lineCol(end)
	return l
}

// Position returns the 1-based line and column of the element's start tag.
func (e Element) Position() (line, column int) {
	if e.n == nil {
		return 0, 0
	}
	var er Error
	e.d.locate(&er, e.n)
	return er.Line, er.Column
}

// Path returns the element's path from the root, by local names, with a
// 1-based index where siblings share the name:
// /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2].
func (e Element) Path() string {
	if e.n == nil {
		return ""
	}
	return nodePath(e.n)
}

func nodeName(n *C.xmlNode) string {
	return C.GoString((*C.char)(unsafe.Pointer(n.name)))
}

func sameName(a, b *C.xmlNode) bool {
	if a._type != nodeElement || b._type != nodeElement {
		return false
	}
	if C.GoString((*C.char)(unsafe.Pointer(a.name))) != C.GoString((*C.char)(unsafe.Pointer(b.name))) {
		return false
	}
	var an, bn string
	if a.ns != nil && a.ns.href != nil {
		an = C.GoString((*C.char)(unsafe.Pointer(a.ns.href)))
	}
	if b.ns != nil && b.ns.href != nil {
		bn = C.GoString((*C.char)(unsafe.Pointer(b.ns.href)))
	}
	return an == bn
}

// nodePath builds the path of an element node (see Element.Path).
func nodePath(n *C.xmlNode) string {
	var steps []string
	for ; n != nil && n._type == nodeElement; n = n.parent {
		step := nodeName(n)
		idx := 1
		for s := n.prev; s != nil; s = s.prev {
			if sameName(s, n) {
				idx++
			}
		}
		repeated := idx > 1
		if !repeated {
			for s := n.next; s != nil; s = s.next {
				if sameName(s, n) {
					repeated = true
					break
				}
			}
		}
		if repeated {
			step += "[" + strconv.Itoa(idx) + "]"
		}
		steps = append(steps, step)
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(steps[i])
	}
	return b.String()
}

// locate fills Path, and Line/Column where the source allows, for an error
// libxml2 attached to node n.
func (d *Document) locate(er *Error, n *C.xmlNode) {
	var attr string
	switch n._type {
	case nodeAttribute:
		a := (*C.xmlAttr)(unsafe.Pointer(n))
		attr = C.GoString((*C.char)(unsafe.Pointer(a.name)))
		n = a.parent
	case nodeElement:
		// libxml2 reports attribute errors on the element, naming the
		// attribute in the message: "Element 'x', attribute 'y': ...".
		attr = attrInMessage(er.Message)
	default:
		n = n.parent
	}
	if n == nil || n._type != nodeElement {
		return
	}
	er.Path = nodePath(n)
	if attr != "" {
		er.Path += "/@" + attr
	}
	end := int(uintptr(n._private)) - 1 // offset of the end of the start tag
	if end < 0 || end >= len(d.src) {
		return
	}
	start := bytes.LastIndexByte(d.src[:end], '<')
	if start < 0 {
		return
	}
	endLine, _ := d.lineCol(end)
	line, col := d.lineCol(start)
	if attr != "" {
		// Point at the attribute's name inside the start tag.
		if i := findAttr(d.src[start:end], attr); i >= 0 {
			line, col = d.lineCol(start + i)
		}
	}
	switch {
	case er.Line == 0 || er.Line >= 65535:
		er.Line, er.Column = line, col
	case er.Line == line:
		er.Column = col
	case er.Line == endLine:
		// A start tag spread over lines: libxml2 names the line where it
		// ends; point at the first non-blank character there.
		er.Column = d.firstNonBlank(endLine)
	}
}

// attrInMessage returns the local name of the attribute a libxml2
// validity message is about, or "".
func attrInMessage(msg string) string {
	_, rest, ok := strings.Cut(msg, "', attribute '")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "'")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(name, '}'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// findAttr returns the offset of attribute name (local part, possibly
// prefixed) in the text of a start tag, or -1.
func findAttr(tag []byte, local string) int {
	s := string(tag)
	for i := 0; ; {
		j := strings.Index(s[i:], local)
		if j < 0 {
			return -1
		}
		p := i + j
		before := byte(' ')
		if p > 0 {
			before = s[p-1]
		}
		rest := strings.TrimLeft(s[p+len(local):], " \t\r\n")
		if (before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == ':') && strings.HasPrefix(rest, "=") {
			// Step back over a prefix so the column names the whole QName.
			for p > 0 && s[p-1] != ' ' && s[p-1] != '\t' && s[p-1] != '\n' && s[p-1] != '\r' {
				p--
			}
			return p
		}
		i = p + len(local)
	}
}

// lineCol converts a byte offset in the source to a 1-based line and a
// 1-based column counted in characters.
func (d *Document) lineCol(off int) (int, int) {
	d.linesOnce.Do(func() { d.lines = LineStarts(d.src) })
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, utf8.RuneCount(d.src[d.lines[i]:off]) + 1
}

func (d *Document) firstNonBlank(line int) int {
	d.linesOnce.Do(func() { d.lines = LineStarts(d.src) })
	if line < 1 || line > len(d.lines) {
		return 0
	}
	col := 1
	for _, r := range string(d.src[d.lines[line-1]:]) {
		if r != ' ' && r != '\t' {
			return col
		}
		col++
	}
	return 0
}

// LineStarts returns the byte offset at which each line of src starts
// (line 1 at index 0). Lines end at "\n", "\r\n" or a lone "\r", as XML
// normalises them.
func LineStarts(src []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	if bytes.IndexByte(src, '\r') < 0 {
		// The common case: only LF line ends, found with IndexByte.
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return starts
			}
			i += j + 1
			starts = append(starts, i)
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Comment is a comment of the document.
type Comment struct {
	Text string
	Line int
	// Next is the element that follows the comment in document order (the
	// next start tag); none at the end of the document.
	Next Element
}

const nodeComment = 8

// Comments returns, in document order, the document's comments (the
// prolog's included) whose text, without leading white space, starts with
// prefix. It makes one pass over the document, however many comments.
func (d *Document) Comments(prefix string) []Comment {
	if d == nil || d.doc == nil {
		return nil
	}
	var out []Comment
	var pending []int // comments still waiting for the next start tag
	var walk func(n *C.xmlNode)
	walk = func(n *C.xmlNode) {
		for ; n != nil; n = n.next {
			switch n._type {
			case nodeComment:
				if n.content == nil {
					continue
				}
				text := C.GoString((*C.char)(unsafe.Pointer(n.content)))
				if strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), prefix) {
					out = append(out, Comment{Text: text, Line: int(n.line)})
					pending = append(pending, len(out)-1)
				}
			case nodeElement:
				for _, i := range pending {
					out[i].Next = Element{n: n, d: d}
				}
				pending = pending[:0]
				walk(n.children)
			}
		}
	}
	walk(d.doc.children)
	return out
}

// Attr is an attribute of an element.
type Attr struct {
	Name      string // local name
	Namespace string // "" for unqualified attributes
	Prefix    string // the prefix the document used, "" for none
	Value     string
}

// Attrs returns the element's attributes in document order (namespace
// declarations are not attributes).
func (e Element) Attrs() []Attr {
	if e.n == nil {
		return nil
	}
	var out []Attr
	for a := e.n.properties; a != nil; a = a.next {
		at := Attr{Name: C.GoString((*C.char)(unsafe.Pointer(a.name)))}
		if a.ns != nil {
			if a.ns.href != nil {
				at.Namespace = C.GoString((*C.char)(unsafe.Pointer(a.ns.href)))
			}
			if a.ns.prefix != nil {
				at.Prefix = C.GoString((*C.char)(unsafe.Pointer(a.ns.prefix)))
			}
		}
		var b strings.Builder
		for c := a.children; c != nil; c = c.next {
			if c.content != nil {
				b.WriteString(C.GoString((*C.char)(unsafe.Pointer(c.content))))
			}
		}
		at.Value = b.String()
		out = append(out, at)
	}
	return out
}

// HasElementChildren reports whether the element contains child elements.
func (e Element) HasElementChildren() bool { return e.FirstChild().Valid() }
