package jsondoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// container is where the members or items of one object or array start,
// read from the text when a pointer first goes through it.
type container struct {
	offs  []int          // offsets of the values, in order
	keys  []string       // the members' keys (objects)
	byKey map[string]int // key -> position in offs, for large objects
}

// manyKeys is the member count from which a container looks keys up in a
// map rather than in order.
const manyKeys = 16

// Offset returns the offset of the value at a JSON pointer, or of its
// nearest ancestor when the document has no value there (a finding about
// a member the message lacks is placed at the object). Only the objects
// and arrays the pointer goes through are read, each once per document.
func (d *Doc) Offset(ptr string) int {
	off := d.start
	if !strings.HasPrefix(ptr, "/") {
		return off
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		c := d.container(off)
		if c == nil {
			return off
		}
		i, ok := c.find(unescapeToken(tok))
		if !ok {
			return off
		}
		off = c.offs[i]
	}
	return off
}

// find returns the position of a member or item.
func (c *container) find(tok string) (int, bool) {
	if c.keys == nil {
		i, err := strconv.Atoi(tok)
		return i, err == nil && i >= 0 && i < len(c.offs) && strconv.Itoa(i) == tok
	}
	if c.byKey != nil {
		i, ok := c.byKey[tok]
		return i, ok
	}
	for i, k := range c.keys {
		if k == tok {
			return i, true
		}
	}
	return 0, false
}

// container returns the members or items of the object or array at off
// (nil for a scalar).
func (d *Doc) container(off int) *container {
	if off >= len(d.src) || d.src[off] != '{' && d.src[off] != '[' {
		return nil
	}
	if c, ok := d.index[off]; ok {
		return c
	}
	c := &container{}
	object := d.src[off] == '{'
	p := &parser{src: d.src, s: d.str, i: off + 1}
	if object {
		c.keys = []string{}
	}
	for {
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] == '}' || p.src[p.i] == ']' {
			break
		}
		if object {
			k, err := p.str() // the text decoded: it cannot fail
			if err != nil {
				break
			}
			c.keys = append(c.keys, k)
			p.ws()
			p.i++ // ':'
			p.ws()
		}
		c.offs = append(c.offs, p.i)
		p.i = skip(p.src, p.i)
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
		}
	}
	if len(c.keys) >= manyKeys {
		c.byKey = make(map[string]int, len(c.keys))
		for i, k := range c.keys {
			c.byKey[k] = i
		}
	}
	if d.index == nil {
		d.index = map[int]*container{}
	}
	d.index[off] = c
	return c
}

// skip returns the offset after the (well-formed) value at i.
func skip(src []byte, i int) int {
	depth := 0
	for i < len(src) {
		switch src[i] {
		case '"':
			i++
			for i < len(src) && src[i] != '"' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case '{', '[':
			depth++
			i++
		case '}', ']':
			depth--
			i++
		case ',', ' ', '\t', '\r', '\n', ':':
			if depth == 0 {
				return i
			}
			i++
		default:
			i++
		}
		if depth == 0 && i < len(src) && (src[i] == ',' || src[i] == '}' || src[i] == ']') {
			return i
		}
	}
	return i
}

// positions counts, per block of the input, the newlines and characters
// before it, so that a line and column cost one block's scan.
type positions struct {
	lines  []int // newlines before the block
	runes  []int // characters (UTF-8 lead bytes) before the block
	lastNL []int // offset of the last newline before the block, -1 when none
}

const block = 4096

func (d *Doc) positions() *positions {
	if d.pos != nil {
		return d.pos
	}
	n := len(d.src)/block + 1
	ps := &positions{lines: make([]int, n), runes: make([]int, n), lastNL: make([]int, n)}
	lines, runes, last := 0, 0, -1
	for b := 0; b < n; b++ {
		ps.lines[b], ps.runes[b], ps.lastNL[b] = lines, runes, last
		for i := b * block; i < min(len(d.src), (b+1)*block); i++ {
			c := d.src[i]
			if c == '\n' {
				lines++
				last = i
			}
			if !utf8.RuneStart(c) {
				continue
			}
			runes++
		}
	}
	d.pos = ps
	return ps
}

// runesBefore counts the characters before off.
func (ps *positions) runesBefore(src []byte, off int) int {
	b := off / block
	n := ps.runes[b]
	for i := b * block; i < off; i++ {
		if utf8.RuneStart(src[i]) {
			n++
		}
	}
	return n
}

// Position returns the line (from 1) and column (in characters, from 1) of
// a byte offset; a byte order mark takes no column.
func (d *Doc) Position(off int) (int, int) {
	off = max(0, min(off, len(d.src)))
	ps := d.positions()
	b := off / block
	line, start := ps.lines[b], ps.lastNL[b]
	for i := b * block; i < off; i++ {
		if d.src[i] == '\n' {
			line++
			start = i
		}
	}
	start++ // the line starts after its newline
	start = max(start, d.bom)
	col := ps.runesBefore(d.src, off) - ps.runesBefore(d.src, start) + 1
	return line + 1, max(col, 1)
}

// PointerPosition is the line and column of the value at a JSON pointer
// (or of its nearest ancestor).
func (d *Doc) PointerPosition(ptr string) (int, int) {
	return d.Position(d.Offset(ptr))
}

// ErrorPosition is the line and column of a decoding error of data.
func ErrorPosition(data []byte, err *Error) (int, int) {
	d := &Doc{src: data}
	if strings.HasPrefix(string(data[:min(len(data), len(bom))]), bom) {
		d.bom = len(bom)
	}
	return d.Position(err.Offset)
}
