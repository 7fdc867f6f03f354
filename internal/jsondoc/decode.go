// Package jsondoc decodes a JSON message once, for every use customslint
// has for it: the JSON Schema check and the conversion to XML read its
// value (the form the jsonschema library validates: map[string]any, []any,
// json.Number, string, bool and nil), message type detection reads its
// top-level members in document order, and findings get the line and
// column of a JSON pointer.
//
// The decoder is stricter than encoding/json where a lenient reading would
// change a message silently or cost unbounded resources: it refuses
// nesting deeper than MaxDepth before doing any work for the deeper level,
// objects wider than MaxMembers and messages of more than MaxValues values
// before building them, duplicate keys, invalid UTF-8 and lone surrogate
// escapes. Its time and
// memory are linear in the input: no per-level pointer is built while
// decoding, pointers are only read (for findings) when asked.
package jsondoc

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of objects and arrays Decode accepts: the
// XML guard's limit of 256 nested elements. No CDS or CTC message comes
// near it.
const MaxDepth = 256

// MaxMembers is the most members one object may have, and MaxValues the
// most values (members and array items) a message may hold in all: no
// element of a CDS or CTC model has more than about 40 children and
// attributes, and a 10 MiB message of real data holds well under a
// million values. Decode refuses more when it opens the object or array
// that goes over, before building it, so that a wide message (millions of
// empty arrays, numbers or members) costs no memory for its values.
const (
	MaxMembers = 10000
	MaxValues  = 1500000
)

// Error is a JSON text Decode refuses: where and why.
type Error struct {
	Offset int // byte offset of the problem in the input
	// Pointer is the JSON pointer of the value concerned, for a duplicate
	// key or a string that is not Unicode text; "" for syntax errors.
	Pointer string
	Msg     string
}

func (e *Error) Error() string { return e.Msg }

// Member is a member of the top-level object.
type Member struct {
	Key    string
	Offset int // offset of the key's opening quote
}

// Doc is a decoded JSON message. Its lookups (Offset, Position) cache what
// they read: a Doc is for one goroutine.
type Doc struct {
	// Value is the message as the jsonschema library validates it. Empty
	// objects and arrays are nil maps and slices, and equal scalars may
	// share their boxed value: Value must not be modified.
	Value any
	// Top lists the members of the top-level object in document order
	// (nil when the value is not an object).
	Top   []Member
	src   []byte
	str   string // src as a string: strings without escapes are slices of it
	start int    // offset of the top-level value
	bom   int    // length of a UTF-8 byte order mark
	index map[int]*container
	pos   *positions
}

// bom is the UTF-8 byte order mark, which Decode skips.
const bom = "\xef\xbb\xbf"

// Decode decodes one JSON value (a UTF-8 byte order mark before it is
// skipped; offsets still count it). The error is an *Error.
func Decode(data []byte) (*Doc, error) {
	p := &parser{src: data, s: string(data)}
	if strings.HasPrefix(p.s, bom) {
		p.i = len(bom)
	}
	d := &Doc{src: data, str: p.s, bom: p.i}
	p.ws()
	d.start = p.i
	p.top = d
	p.counts = countChildren(data, p.i)
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.src) {
		return nil, p.fail("invalid character %s after the top-level value (a message is one JSON value)", p.char())
	}
	d.Value = v
	return d, nil
}

// parser is a recursive descent decoder; its recursion is bounded by
// MaxDepth.
type parser struct {
	src   []byte
	s     string // src as a string
	i     int
	depth int
	top   *Doc           // receives the top-level members
	path  []step         // the members and items being decoded, for pointers in errors
	nums  map[string]any // boxed numbers, shared by equal literals
	strs  map[string]any // boxed strings, likewise
	// counts holds the number of members or items of each non-empty
	// object and array, in the order they open (countChildren), so that
	// each map and slice is made its size once.
	counts []int32
	next   int
	values int // members and items of the objects and arrays opened so far
}

// step is one level of the path being decoded.
type step struct {
	key   string
	index int
	array bool
}

// maxShared bounds the boxed scalars a parser shares, and maxSharedLen the
// length of one: enough for the codes and flags messages repeat.
const (
	maxShared    = 4096
	maxSharedLen = 64
)

func (p *parser) fail(format string, args ...any) *Error {
	return &Error{Offset: p.i, Msg: fmt.Sprintf(format, args...)}
}

// failAt is an error about the value at the current path.
func (p *parser) failAt(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Pointer: pointer(p.path), Msg: fmt.Sprintf(format, args...)}
}

// char describes the byte at the current offset for an error message.
func (p *parser) char() string {
	c := p.src[p.i]
	switch {
	case c >= 0x20 && c < 0x7f:
		return strconv.QuoteRune(rune(c))
	case c < 0x80:
		return fmt.Sprintf("%U", c)
	}
	return fmt.Sprintf("byte 0x%02X", c)
}

func (p *parser) eof() *Error {
	return &Error{Offset: len(p.src), Msg: "unexpected end of JSON input"}
}

func (p *parser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value() (any, error) {
	p.ws()
	if p.i >= len(p.src) {
		return nil, p.eof()
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return p.box(s, false), nil
	case c == '-' || c >= '0' && c <= '9':
		n, err := p.number()
		if err != nil {
			return nil, err
		}
		return p.box(n, true), nil
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, p.fail("invalid character %s looking for the beginning of a value", p.char())
}

// box returns a scalar as an interface value, sharing the box of an equal
// earlier one (a message repeats its codes: boxing each costs memory).
func (p *parser) box(s string, number bool) any {
	m := &p.strs
	if number {
		m = &p.nums
	}
	if v, ok := (*m)[s]; ok {
		return v
	}
	var v any = s
	if number {
		v = json.Number(s)
	}
	if len(s) <= maxSharedLen && len(*m) < maxShared {
		if *m == nil {
			*m = map[string]any{}
		}
		(*m)[s] = v
	}
	return v
}

// literal reads true, false or null, or says where it goes wrong.
func (p *parser) literal(word string) error {
	for j := 0; j < len(word); j++ {
		if p.i >= len(p.src) {
			return p.eof()
		}
		if p.src[p.i] != word[j] {
			return p.fail("invalid character %s in literal %s", p.char(), word)
		}
		p.i++
	}
	return nil
}

// enter opens an object or array, refusing a level deeper than MaxDepth.
func (p *parser) enter() error {
	if p.depth == MaxDepth {
		return p.fail("JSON nested more than %d deep: no CDS or CTC message is, so this is refused", MaxDepth)
	}
	p.depth++
	p.i++
	return nil
}

func (p *parser) object() (any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	topLevel := p.depth == 1
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		p.depth--
		return map[string]any(nil), nil
	}
	n, err := p.open(true)
	if err != nil {
		return nil, err
	}
	m := make(map[string]any, n)
	level := len(p.path)
	p.path = append(p.path, step{})
	for {
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.eof()
		}
		if p.src[p.i] != '"' {
			return nil, p.fail("invalid character %s looking for the beginning of an object key string", p.char())
		}
		keyOff := p.i
		p.path = p.path[:level] // a key's errors are about the object
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.path = append(p.path, step{key: k})
		if _, dup := m[k]; dup {
			return nil, p.failAt(keyOff, "duplicate key %q: a reader could keep either value, so a message has each key once", k)
		}
		if topLevel {
			p.top.Top = append(p.top.Top, Member{Key: k, Offset: keyOff})
		}
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.eof()
		}
		if p.src[p.i] != ':' {
			return nil, p.fail("invalid character %s after object key", p.char())
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.eof()
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			continue
		case '}':
			p.i++
			p.depth--
			p.path = p.path[:level]
			return m, nil
		}
		return nil, p.fail("invalid character %s after object key:value pair", p.char())
	}
}

func (p *parser) array() (any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		p.depth--
		return []any(nil), nil
	}
	n, err := p.open(false)
	if err != nil {
		return nil, err
	}
	items := make([]any, 0, n)
	level := len(p.path)
	p.path = append(p.path, step{array: true})
	for {
		p.path[level].index = len(items)
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.ws()
		if p.i >= len(p.src) {
			return nil, p.eof()
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			continue
		case ']':
			p.i++
			p.depth--
			p.path = p.path[:level]
			return items, nil
		}
		return nil, p.fail("invalid character %s after array element", p.char())
	}
}

// open returns the size of the non-empty object or array being opened, or
// refuses it when it has more than MaxMembers members or takes the
// message over MaxValues values.
func (p *parser) open(object bool) (int, error) {
	n := p.size()
	p.values += n
	switch {
	case object && n > MaxMembers:
		return 0, p.failAt(p.i-1, "object with %d members: no CDS or CTC message has an object with more than %d, so this is refused", n, MaxMembers)
	case p.values > MaxValues:
		return 0, p.failAt(p.i-1, "more than %d values (object members and array items) in the message: no CDS or CTC message comes near, so this is refused", MaxValues)
	}
	return n, nil
}

// size returns the member or item count of the non-empty object or array
// being opened, as countChildren found it (bounded by what the rest of the
// input can hold, should the input be malformed).
func (p *parser) size() int {
	if p.next >= len(p.counts) {
		return 0
	}
	n := int(p.counts[p.next])
	p.next++
	return min(n, (len(p.src)-p.i)/2+1)
}

// countChildren counts the members or items of each non-empty object and
// array from offset i, in the order they open, in one pass over the text.
// It stops where the text is malformed in a way that matters to it or
// nests deeper than MaxDepth: the decoder refuses the text there.
func countChildren(src []byte, i int) []int32 {
	type open struct {
		slot   int // index in counts; -1 until the first member or item
		object bool
	}
	var counts []int32
	var stack []open
	add := func() { // one more member or item in the innermost container
		top := &stack[len(stack)-1]
		if top.slot < 0 {
			top.slot = len(counts)
			counts = append(counts, 0)
		}
		counts[top.slot]++
	}
	inArray := func() bool { return len(stack) > 0 && !stack[len(stack)-1].object }
	for i < len(src) {
		switch c := src[i]; c {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case ':':
			if len(stack) > 0 && stack[len(stack)-1].object {
				add()
			}
			i++
		case '{', '[':
			if inArray() {
				add()
			}
			if len(stack) == MaxDepth {
				return counts
			}
			stack = append(stack, open{slot: -1, object: c == '{'})
			i++
		case '}', ']':
			if len(stack) == 0 {
				return counts
			}
			stack = stack[:len(stack)-1]
			i++
		case '"':
			if inArray() {
				add()
			}
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			i++
		default:
			if inArray() {
				add()
			}
			for i < len(src) && !strings.ContainsRune(" \t\r\n,:{}[]\"", rune(src[i])) {
				i++
			}
		}
	}
	return counts
}

// number reads a number literal as written (json.Number text).
func (p *parser) number() (string, error) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	bad := func(where string) error {
		if p.i >= len(p.src) {
			return p.eof()
		}
		return p.fail("invalid character %s in numeric literal (%s)", p.char(), where)
	}
	if p.src[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return "", bad("a digit must follow the minus sign")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return "", bad("a digit must follow the decimal point")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return "", bad("a digit must follow the exponent")
		}
	}
	return p.s[start:p.i], nil
}

// str reads a string at p.i (its opening quote). A string without escapes
// is a slice of the input.
func (p *parser) str() (string, error) {
	start := p.i + 1
	for i := start; i < len(p.src); {
		c := p.src[i]
		switch {
		case c == '"':
			p.i = i + 1
			return p.s[start:i], nil
		case c == '\\':
			return p.escaped(start, i)
		case c < 0x20:
			p.i = i
			return "", p.failAt(i, "control character %U in a string (write it as an escape)", c)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(p.src[i:])
			if r == utf8.RuneError && size == 1 {
				p.i = i
				return "", p.failAt(i, "invalid UTF-8: byte 0x%02X in a string (JSON text is UTF-8)", c)
			}
			i += size
		default:
			i++
		}
	}
	return "", p.eof()
}

// escaped reads the rest of a string that has escapes, from the first
// backslash at i.
func (p *parser) escaped(start, i int) (string, error) {
	var b strings.Builder
	b.WriteString(p.s[start:i])
	for i < len(p.src) {
		c := p.src[i]
		switch {
		case c == '"':
			p.i = i + 1
			return b.String(), nil
		case c == '\\':
			r, n, err := p.escape(i)
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
			i += n
		case c < 0x20:
			p.i = i
			return "", p.failAt(i, "control character %U in a string (write it as an escape)", c)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(p.src[i:])
			if r == utf8.RuneError && size == 1 {
				p.i = i
				return "", p.failAt(i, "invalid UTF-8: byte 0x%02X in a string (JSON text is UTF-8)", c)
			}
			b.WriteString(p.s[i : i+size])
			i += size
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", p.eof()
}

// escape decodes the escape at i: the character and the escape's length.
// A \u escape of a surrogate must be one of a pair.
func (p *parser) escape(i int) (rune, int, error) {
	if i+1 >= len(p.src) {
		return 0, 0, p.eof()
	}
	switch c := p.src[i+1]; c {
	case '"', '\\', '/':
		return rune(c), 2, nil
	case 'b':
		return '\b', 2, nil
	case 'f':
		return '\f', 2, nil
	case 'n':
		return '\n', 2, nil
	case 'r':
		return '\r', 2, nil
	case 't':
		return '\t', 2, nil
	case 'u':
		r, err := p.hex4(i + 2)
		if err != nil {
			return 0, 0, err
		}
		if !utf16.IsSurrogate(r) {
			return r, 6, nil
		}
		if r < 0xDC00 && i+11 < len(p.src) && p.src[i+6] == '\\' && p.src[i+7] == 'u' {
			lo, err := p.hex4(i + 8)
			if err != nil {
				return 0, 0, err
			}
			if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
				return pair, 12, nil
			}
		}
		p.i = i
		return 0, 0, p.failAt(i, "lone surrogate \\u%04X in a string: not Unicode text", r)
	}
	p.i = i + 1
	return 0, 0, p.fail("invalid character %s in string escape code", p.char())
}

// hex4 reads the four hex digits of a \u escape at i.
func (p *parser) hex4(i int) (rune, error) {
	if i+4 > len(p.src) {
		return 0, p.eof()
	}
	var r rune
	for j := i; j < i+4; j++ {
		c := p.src[j]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.i = j
			return 0, p.fail("invalid character %s in \\u hexadecimal character escape", p.char())
		}
		r = r<<4 | rune(d)
	}
	return r, nil
}

// pointer is the JSON pointer of a path.
func pointer(path []step) string {
	var b strings.Builder
	for _, s := range path {
		b.WriteByte('/')
		if s.array {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(EscapeToken(s.key))
		}
	}
	return b.String()
}

// EscapeToken escapes a key for a JSON pointer (RFC 6901).
func EscapeToken(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

// unescapeToken reads a JSON pointer token.
func unescapeToken(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
}
