package xsd

/*
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Parser options. XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD and
// XML_PARSE_DTDATTR are never set: a message has no business loading DTDs
// or expanding entities.
const (
	optNoNet     = 1 << 11
	optIgnoreEnc = 1 << 21
	parseOptions = optNoNet
)

// ErrTooLarge is returned for input libxml2 cannot take in one buffer.
var ErrTooLarge = errors.New("document larger than 2 GiB")

// ErrFreed is what a use of a Document after Free panics with (Schema's
// validations return it as an error): the document's C memory is gone,
// and it is never read after Free. Names and strings obtained before Free
// are Go copies and stay valid.
var ErrFreed = errors.New("xsd: document used after Free")

// ErrNoMemory is returned when C memory ran short while parsing.
var ErrNoMemory = errors.New("out of memory while parsing")

// Document is a parsed XML document: its elements, attributes and text in a
// compact table in C memory, built in one streaming pass of libxml2's SAX
// parser (no libxml2 tree; for the 5.5 MB declaration of go run ./bench the
// table is 3.3 MB, while xmllint needs 28 MB more for it than for a small
// message). Free it when done. Every string it hands out (names, text,
// attribute values, paths, comments) is a Go copy that outlives Free;
// using the Document, its Elements or an Index of it after Free panics
// with ErrFreed, as its tables in C memory are then gone. A Document may
// be read by several goroutines, but Free must not race with any other
// use.
type Document struct {
	mu sync.Mutex
	t  *C.cl_tree // nil once freed
	// The tables below alias t's C memory: Free sets them to nil with t,
	// and nothing else keeps a slice of them or a pointer into them (what
	// leaves the package is copied).
	els       []C.cl_el
	elNames   []*C.xmlChar // element names and namespace URIs, by number (cl_el.name, .uri)
	attrs     []C.cl_attr
	text      []byte  // the text arena (C memory)
	src       *source // the UTF-8 bytes libxml2 parsed
	forceUTF8 bool
	// elNameStr is the Go copy of elNames, made at once on first use
	// under namesMu (a document has a few hundred distinct names at
	// most). A pointer, not a sync.Once and a value: 8 bytes (and the
	// comments, sliced from t when asked for) keep the struct within the
	// allocation size class it had.
	elNameStr atomic.Pointer[nameTable]
	// names holds the Go copies of attribute names, namespaces and
	// prefixes, by libxml2's interned string.
	namesMu sync.Mutex
	names   map[unsafe.Pointer]string
	// sibIdx numbers elements among their same-named siblings, for paths;
	// filled a parent at a time (sibDone), where paths are asked.
	sibMu   sync.Mutex
	sibIdx  map[int32]int32
	sibDone map[int32]bool
}

// live panics with ErrFreed when d was freed: its tables are gone, and
// every access to them goes through a check of this.
func (d *Document) live() {
	if d.t == nil {
		panic(ErrFreed)
	}
}

// nameTable is the Go copy of a document's element names and namespace
// URIs (elNames): one block, and where each ends in it, by number (4
// bytes a name where a []string takes 16).
type nameTable struct {
	all  string
	ends []uint32
}

// at is name number id.
func (n *nameTable) at(id C.uint32_t) string {
	start := uint32(0)
	if id > 0 {
		start = n.ends[id-1]
	}
	return n.all[start:n.ends[id]]
}

// elName returns the Go string of element name or namespace number id
// (elNames): a copy, which outlives the document. d must be live.
func (d *Document) elName(id C.uint32_t) string { return d.elNameTable().at(id) }

// elNameTable returns the Go copy of elNames, making it on first use. d
// must be live.
func (d *Document) elNameTable() *nameTable {
	if n := d.elNameStr.Load(); n != nil {
		return n
	}
	d.namesMu.Lock()
	defer d.namesMu.Unlock()
	if d.elNameStr.Load() == nil {
		d.elNameStr.Store(d.copyElNames())
	}
	return d.elNameStr.Load()
}

// copyElNames copies every element name and namespace URI of the document
// into one block of Go memory: three allocations per document, not one
// per name.
func (d *Document) copyElNames() *nameTable {
	total := 0
	for _, p := range d.elNames {
		total += cLen(p)
	}
	var b strings.Builder
	b.Grow(total)
	n := &nameTable{ends: make([]uint32, len(d.elNames))}
	for id, p := range d.elNames {
		if k := cLen(p); k > 0 {
			b.Write(unsafe.Slice((*byte)(unsafe.Pointer(p)), k))
		}
		n.ends[id] = uint32(b.Len())
	}
	n.all = b.String() // the builder's block, not a copy of it
	return n
}

// cLen is the length of a NUL-terminated libxml2 string, 0 for nil.
func cLen(p *C.xmlChar) int {
	n := 0
	for p != nil && *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return n
}

// name returns the Go string of an interned libxml2 name, copied once per
// document: the copy outlives the document.
func (d *Document) name(p *C.xmlChar) string {
	key := unsafe.Pointer(p)
	if key == nil {
		return ""
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

// stream runs cl_stream over src: bytes in memory are handed to libxml2
// directly, a Source is read through the collector (clGoRead). The pass
// stops early, returning -2, when ctx is done.
func stream(ctx context.Context, src *source, forceUTF8 bool, c *collector, ch C.uintptr_t, schema C.xmlSchemaPtr, gate int32, t **C.cl_tree, valid *C.int) C.int {
	flag, stop := watch(ctx)
	defer stop()
	c.ctx, c.flag = ctx, flag
	var p *C.char
	if src.r == nil {
		if len(src.mem) > 0 {
			p = (*C.char)(unsafe.Pointer(&src.mem[0]))
		}
	} else {
		c.src, c.off = src, 0
	}
	return C.cl_stream(p, C.int(src.size), options(forceUTF8), ch, schema, C.int32_t(gate), (*C.int32_t)(unsafe.Pointer(flag)), t, valid)
}

func options(forceUTF8 bool) C.int {
	if forceUTF8 {
		return parseOptions | optIgnoreEnc
	}
	return parseOptions
}

// Input is what ParseDocument parses, and how.
type Input struct {
	// Data is the document's bytes, in UTF-8 (see ForceUTF8); or
	Data []byte
	// Source, when not nil, is read in pieces instead of Data: the
	// document's bytes are never held whole. It must stay readable and
	// unchanged while the Document lives.
	Source Source
	// ForceUTF8 makes libxml2 ignore an encoding declaration, for input
	// the caller transcoded.
	ForceUTF8 bool
	// Schema, when not nil, validates the document in the same pass.
	Schema *Schema
	// Options bound what the pass collects (MaxErrors).
	Options []Option
}

// Result is what ParseDocument found.
type Result struct {
	// Doc is the parsed document, nil when it is not well-formed; Free it.
	Doc *Document
	// ParseErrors are the parser's errors and warnings: when Doc is nil,
	// why the document is not well-formed.
	ParseErrors []Error
	// SchemaErrors are the validity errors against Input.Schema, each with
	// line, column and element path; nil without a schema or when the
	// document is not well-formed.
	SchemaErrors []Error
}

// ParseDocument is customslint's one way into libxml2's parser: one
// streaming pass over in.Data or in.Source that builds the Document and,
// with in.Schema, validates it. It never loads external entities, DTDs or
// anything from the network, refuses input over 2 GiB (ErrTooLarge), and
// frees the C memory of a pass that fails. When ctx is done the pass stops
// (within a SAX callback or a 4 KB read) and the error wraps ctx.Err().
// One thing it cannot stop: libxml2 2.9 checks the attributes of a start
// tag for duplicates pairwise once the tag is read, with no callback on
// the way, so a tag with 100,000 attributes costs seconds whatever the
// deadline. Callers that parse untrusted input bound the attributes of
// an element first (validate's guard refuses more than 256).
//
// The error is for a pass that did not end (cancelled, out of memory, a
// Source that failed, a closed Schema); a document that is not
// well-formed is a Result with a nil Doc and ParseErrors.
func ParseDocument(ctx context.Context, in Input) (Result, error) {
	src := memSource(in.Data)
	if in.Source != nil {
		src = readerSource(in.Source)
	}
	var (
		r   Result
		err error
	)
	if in.Schema == nil {
		r.Doc, r.ParseErrors, r.SchemaErrors, err = parse(ctx, src, in.ForceUTF8, nil, in.Options)
		return r, err
	}
	s := in.Schema
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.p == nil {
		return Result{}, ErrClosed
	}
	r.Doc, r.ParseErrors, r.SchemaErrors, err = parse(ctx, src, in.ForceUTF8, s, in.Options)
	return r, err
}

// Parse is ParseDocument of src without a schema or a deadline: the
// shorthand of tests and tools.
func Parse(src []byte, forceUTF8 bool, opts ...Option) (*Document, []Error, error) {
	r, err := ParseDocument(context.Background(), Input{Data: src, ForceUTF8: forceUTF8, Options: opts})
	return r.Doc, r.ParseErrors, err
}

// parse runs one streaming pass; s, when not nil, is read-locked by the
// caller.
func parse(ctx context.Context, src *source, forceUTF8 bool, s *Schema, opts []Option) (*Document, []Error, []Error, error) {
	ensureInit()
	if src.size > math.MaxInt32 {
		return nil, nil, nil, ErrTooLarge
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, fmt.Errorf("parse: %w", err)
	}
	c := newCollector(opts)
	h, ch := newHandle(c)
	defer h.Delete()
	var schema C.xmlSchemaPtr
	if s != nil {
		schema = s.p
	}
	var t *C.cl_tree
	var valid C.int
	wf := stream(ctx, src, forceUTF8, c, ch, schema, 0, &t, &valid)
	if wf == -2 {
		return nil, nil, nil, fmt.Errorf("parse: %w", ctx.Err())
	}
	if c.readErr != nil {
		if t != nil {
			C.cl_tree_free(t)
		}
		return nil, nil, nil, fmt.Errorf("read: %w", c.readErr)
	}
	errs := c.errs
	if s == nil || wf != 1 {
		errs = append(errs, c.genericErrors()...) // else validity has them
	}
	if wf < 0 {
		if t != nil {
			C.cl_tree_free(t)
		}
		return nil, errs, nil, ErrNoMemory
	}
	if t == nil || wf == 0 {
		if len(errs) == 0 {
			errs = append(errs, Error{Domain: DomainParser, Level: LevelFatal, Message: "document is not well-formed", Line: 1})
		}
		return nil, errs, nil, nil
	}
	d := newDocument(t, src, forceUTF8)
	var verrs []Error
	if s != nil {
		var err error
		if verrs, err = c.validity(ctx, d, valid); err != nil {
			d.Free()
			return nil, nil, nil, fmt.Errorf("validate: %w", err)
		}
	}
	return d, errs, verrs, nil
}

func newDocument(t *C.cl_tree, src *source, forceUTF8 bool) *Document {
	d := &Document{t: t, src: src, forceUTF8: forceUTF8}
	if t.nels > 0 {
		d.els = unsafe.Slice(t.els, int(t.nels))
	}
	if t.nnames > 0 {
		d.elNames = unsafe.Slice(t.names, int(t.nnames))
	}
	if t.nattrs > 0 {
		d.attrs = unsafe.Slice(t.attrs, int(t.nattrs))
	}
	if t.ntext > 0 {
		d.text = unsafe.Slice((*byte)(unsafe.Pointer(t.text)), int(t.ntext))
	}
	return d
}

// Free releases the C memory of the document. It is safe to call twice.
func (d *Document) Free() {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.t != nil {
		C.cl_tree_free(d.t)
		d.t = nil
	}
	d.els, d.elNames, d.attrs, d.text = nil, nil, nil, nil
	d.namesMu.Lock()
	d.names = nil // keyed by addresses in the freed dictionary
	d.namesMu.Unlock()
}

// Len is the number of elements in the document, 0 once it is freed.
func (d *Document) Len() int { return len(d.els) }

// Root returns the document element.
func (d *Document) Root() Element {
	if d == nil {
		return Element{}
	}
	d.live()
	return Element{d: d, i: 0}
}

// Element is an element of a Document. The zero Element is "none".
type Element struct {
	d *Document
	i int32
}

func (d *Document) elem(i C.int32_t) Element {
	if i < 0 {
		return Element{}
	}
	return Element{d: d, i: int32(i)}
}

// el is the element's entry in the table; it panics with ErrFreed once the
// document is freed.
func (e Element) el() *C.cl_el { return e.d.at(C.int32_t(e.i)) }

// at is element i's entry in the table. Free empties the table (a live
// document has its root at least): the test is a compare next to the
// bounds check Go makes anyway, and keeps at small enough to inline.
func (d *Document) at(i C.int32_t) *C.cl_el {
	if len(d.els) == 0 {
		panic(ErrFreed)
	}
	return &d.els[i]
}

// attrs are the element's attributes: from its first to the next
// element's first.
func (e Element) attrs() []C.cl_attr { return e.d.attrsOf(e.i) }

func (d *Document) attrsOf(i int32) []C.cl_attr {
	d.live()
	end := C.uint32_t(len(d.attrs))
	if int(i)+1 < len(d.els) {
		end = d.els[i+1].attr
	}
	return d.attrs[d.els[i].attr:end]
}

func (d *Document) textAt(off, n C.uint32_t) string {
	if n == 0 {
		return ""
	}
	return string(d.text[off : off+n])
}

// Valid reports whether e refers to an element.
func (e Element) Valid() bool { return e.d != nil }

// LocalName returns the element's name without prefix.
func (e Element) LocalName() string {
	if e.d == nil {
		return ""
	}
	return e.d.elName(e.el().name)
}

// Walk calls fn for every element below e, in document order, with its
// local name; fn returns false to skip the element's descendants. It is
// the cheap way to visit a whole message: the names are the document's
// Go copies, found by number, without locking.
func (e Element) Walk(fn func(el Element, local string) bool) {
	if e.d == nil {
		return
	}
	d := e.d
	d.live()
	names := d.elNameTable()
	var walk func(i C.int32_t)
	walk = func(i C.int32_t) {
		// d.at, not d.els: fn may have freed the document.
		for c := d.first(i); c >= 0; c = d.at(c).next {
			if fn(Element{d: d, i: int32(c)}, names.at(d.at(c).name)) {
				walk(c)
			}
		}
	}
	walk(C.int32_t(e.i))
}

// Is reports whether the element's local name is local, without copying
// the name out of libxml2 (the rules ask this of every child they pass).
func (e Element) Is(local string) bool {
	return e.d != nil && cNameIs(e.d.elNames[e.el().name], local)
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
	if e.d == nil {
		return ""
	}
	return e.d.elName(e.el().uri)
}

// FirstChild returns the first child element.
func (e Element) FirstChild() Element {
	if e.d == nil {
		return Element{}
	}
	e.d.live()
	return e.d.elem(e.d.first(C.int32_t(e.i)))
}

// elBytes is the size of one element in the table (a test holds it).
const elBytes = unsafe.Sizeof(C.cl_el{})

// first is the number of element i's first child, -1 when it has none:
// the next element, when i is its parent.
func (d *Document) first(i C.int32_t) C.int32_t {
	if c := i + 1; int(c) < len(d.els) && d.els[c].parent == i {
		return c
	}
	return -1
}

// Next returns the next sibling element.
func (e Element) Next() Element {
	if e.d == nil {
		return Element{}
	}
	return e.d.elem(e.el().next)
}

// Parent returns the parent element, or none for the root.
func (e Element) Parent() Element {
	if e.d == nil {
		return Element{}
	}
	return e.d.elem(e.el().parent)
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

// Text returns the element's own character content (text and CDATA, not
// that of its children). White space between child elements is not
// content and is left out.
func (e Element) Text() string {
	if e.d == nil {
		return ""
	}
	el := e.el()
	return e.d.textAt(el.text, el.text_len)
}

// Attr returns the value of the attribute with this local name and no
// namespace.
func (e Element) Attr(local string) (string, bool) {
	if e.d == nil {
		return "", false
	}
	for _, a := range e.attrs() {
		if a.uri == nil && cNameIs(a.name, local) {
			return e.d.textAt(a.value, a.value_len), true
		}
	}
	return "", false
}

// Line returns the element's line: where its start tag ends, as libxml2
// counts (the start tag's line, unless the tag spans lines). Cheaper
// than Position, which finds the column and the path too.
func (e Element) Line() int {
	if e.d == nil {
		return 0
	}
	return int(e.el().line)
}

// Position returns the 1-based line and column of the element's start tag.
func (e Element) Position() (line, column int) {
	if e.d == nil {
		return 0, 0
	}
	e.d.live()
	var er Error
	e.d.place(&er, e.i, "")
	return er.Line, er.Column
}

// siblingIndex is child's 1-based index among the children of parent that
// share its name and namespace, 0 when it is the only one. The first ask
// about a parent numbers all its children at once, so that the paths of
// many siblings cost one walk, not one each.
func (d *Document) siblingIndex(parent, child C.int32_t) int32 {
	d.sibMu.Lock()
	defer d.sibMu.Unlock()
	if d.sibIdx == nil {
		d.sibIdx, d.sibDone = map[int32]int32{}, map[int32]bool{}
	}
	if !d.sibDone[int32(parent)] {
		d.sibDone[int32(parent)] = true
		type key struct{ name, uri C.uint32_t }
		count := map[key]int32{}
		for s := d.first(parent); s >= 0; s = d.els[s].next {
			k := key{d.els[s].name, d.els[s].uri}
			count[k]++
			d.sibIdx[int32(s)] = count[k]
		}
		for s := d.first(parent); s >= 0; s = d.els[s].next {
			if count[key{d.els[s].name, d.els[s].uri}] == 1 {
				delete(d.sibIdx, int32(s))
			}
		}
	}
	return d.sibIdx[int32(child)]
}

// Path returns the element's path from the root, by local names, with a
// 1-based index where siblings share the name:
// /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2].
func (e Element) Path() string {
	if e.d == nil {
		return ""
	}
	d := e.d
	d.live()
	var steps []string
	for i := C.int32_t(e.i); i >= 0; i = d.els[i].parent {
		el := &d.els[i]
		step := d.elName(el.name)
		if p := el.parent; p >= 0 {
			if idx := d.siblingIndex(p, i); idx > 0 {
				step += "[" + strconv.Itoa(int(idx)) + "]"
			}
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

// end returns the number of the first element after e's subtree.
func (e Element) end() int32 {
	d := e.d
	d.live()
	for i := C.int32_t(e.i); i >= 0; i = d.els[i].parent {
		if n := d.els[i].next; n >= 0 {
			return int32(n)
		}
	}
	return int32(len(d.els))
}

// locate fills Path, and Line/Column where the source allows, for an error
// about element i (and attribute attr, or the one its message names).
func (d *Document) locate(er *Error, i int32, attr string) {
	if i < 0 || int(i) >= len(d.els) {
		return
	}
	if attr == "" {
		// libxml2 reports attribute errors on the element, naming the
		// attribute in the message: "Element 'x', attribute 'y': ...".
		attr = attrInMessage(er.Message)
	}
	e := Element{d: d, i: i}
	er.Path = e.Path()
	if attr != "" {
		er.Path += "/@" + attr
	}
	d.place(er, i, attr)
}

// place fills Line/Column where the source allows, for an error about
// element i (and attribute attr): locate without the path.
func (d *Document) place(er *Error, i int32, attr string) {
	if i < 0 || int(i) >= len(d.els) {
		return
	}
	end := int(d.els[i].tag_end) - 1 // the start tag's '>'
	if end < 0 || end >= d.src.size {
		return
	}
	start := d.src.lastIndex(end, []byte{'<'})
	if start < 0 {
		return
	}
	tag := d.src.bytes(start, end)
	// The element's line is that of its '>'; lines and columns inside the
	// tag are counted from there, without a table of the whole source.
	endLine := int(d.els[i].line)
	at := start
	if attr != "" {
		// Point at the attribute's name inside the start tag.
		if k := findAttr(tag, attr); k >= 0 {
			at = start + k
		}
	}
	line := endLine - lineEnds(tag[at-start:])
	_, runes := d.src.lineStart(at)
	col := runes + 1
	switch {
	case er.Line == 0:
		er.Line, er.Column = line, col
	case er.Line == line:
		er.Column = col
	case er.Line == endLine:
		// A start tag spread over lines: libxml2 names the line where it
		// ends; point at the first non-blank character there.
		ls, _ := d.src.lineStart(end)
		er.Column = firstNonBlank(d.src.bytes(ls, ls+4096))
	}
}

// lineEnds counts the line ends in b as LineStarts does ("\n", "\r\n", a
// lone "\r").
func lineEnds(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			n++
		}
	}
	return n
}

// firstNonBlank is the 1-based column of the first character of line that
// is not a space or tab, 0 when there is none.
func firstNonBlank(line []byte) int {
	col := 1
	for _, r := range string(line) {
		switch r {
		case ' ', '\t':
			col++
		case '\n', '\r':
			return 0
		default:
			return col
		}
	}
	return 0
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

// Comments returns, in document order, the document's comments (the
// prolog's included) whose text, without leading white space, starts with
// prefix.
func (d *Document) Comments(prefix string) []Comment {
	if d == nil {
		return nil
	}
	d.live()
	var comments []C.cl_comment // few, and asked for once: not kept in d
	if n := int(d.t.ncomments); n > 0 {
		comments = unsafe.Slice(d.t.comments, n)
	}
	var out []Comment
	for _, c := range comments {
		text := d.commentText(int(c.end))
		if strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), prefix) {
			out = append(out, Comment{Text: text, Line: int(c.line), Next: d.elem(c.next)})
		}
	}
	return out
}

// commentText returns the text of the comment that ends just before end
// in the source, line ends normalised as the parser does. A comment cannot
// hold "--", so the last "<!--" before its end is where it starts.
func (d *Document) commentText(end int) string {
	if end < 3 || end > d.src.size {
		return ""
	}
	start := d.src.lastIndex(end-3, []byte("<!--"))
	if start < 0 {
		return ""
	}
	text := string(d.src.bytes(start+4, end-3))
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text
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
	if e.d == nil {
		return nil
	}
	var out []Attr
	for _, a := range e.attrs() {
		out = append(out, Attr{Name: e.d.name(a.name), Namespace: e.d.name(a.uri), Prefix: e.d.name(a.prefix), Value: e.d.textAt(a.value, a.value_len)})
	}
	return out
}

// HasElementChildren reports whether the element contains child elements.
func (e Element) HasElementChildren() bool { return e.FirstChild().Valid() }
