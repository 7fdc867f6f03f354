package hmrcvalidator

import (
	"bytes"
	"unicode/utf8"

	"github.com/customslint/customslint/xsd"
)

// source finds places in an XML message by line and column, as Xerces
// (HMRC's XML validator) reports them: the character after a start tag or
// an end tag.
type source struct {
	data   []byte
	starts []int // byte offset of each line's start
}

func newSource(data []byte) *source {
	return &source{data: data, starts: xsd.LineStarts(data)}
}

// offset is the byte offset of a 1-based line and character column; -1
// when the message has no such place.
func (s *source) offset(line, col int) int {
	if line < 1 || line > len(s.starts) {
		return -1
	}
	off := s.starts[line-1]
	for c := 1; c < col && off < len(s.data); c++ {
		if s.data[off] == '\n' {
			return -1
		}
		_, n := utf8.DecodeRune(s.data[off:])
		off += n
	}
	return off
}

// position is the 1-based line and character column of a byte offset.
func (s *source) position(off int) (int, int) {
	lo, hi := 0, len(s.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(s.data[s.starts[lo]:off]) + 1
}

// tagStart is the offset of the "<" of the start tag at or after (line,
// col), -1 if none.
func (s *source) tagStart(line, col int) int {
	off := s.offset(line, max(col, 1))
	if off < 0 {
		return -1
	}
	for off < len(s.data) {
		i := bytes.IndexByte(s.data[off:], '<')
		if i < 0 {
			return -1
		}
		off += i
		if off+1 < len(s.data) && s.data[off+1] != '/' && s.data[off+1] != '!' && s.data[off+1] != '?' {
			return off
		}
		off++
	}
	return -1
}

// startTagEnd is the offset after the ">" of the start tag at off, and
// whether the tag closes the element (<a/>); -1 if it does not end.
func (s *source) startTagEnd(off int) (int, bool) {
	var quote byte
	for i := off + 1; i < len(s.data); i++ {
		c := s.data[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1, s.data[i-1] == '/'
		}
	}
	return -1, false
}

// qname is the name in the start tag at off, as written (ncts:CC015C).
func (s *source) qname(off int) string {
	end := off + 1
	for end < len(s.data) && !bytes.ContainsRune([]byte(" \t\r\n/>"), rune(s.data[end])) {
		end++
	}
	return string(s.data[off+1 : end])
}

// elementEnd is the offset after the end tag of the element whose start
// tag is at off (after the start tag of an empty element); -1 if the
// element does not end.
func (s *source) elementEnd(off int) int {
	end, closed := s.startTagEnd(off)
	if end < 0 || closed {
		return end
	}
	depth := 1
	for i := end; i < len(s.data); {
		j := bytes.IndexByte(s.data[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		rest := s.data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(s.data, i, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(s.data, i, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")), bytes.HasPrefix(rest, []byte("<!")):
			i = skipPast(s.data, i, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			i = skipPast(s.data, i, ">")
			if depth--; depth == 0 {
				return i
			}
		default:
			e, closed := s.startTagEnd(i)
			if e < 0 {
				return -1
			}
			if !closed {
				depth++
			}
			i = e
		}
		if i < 0 {
			return -1
		}
	}
	return -1
}

// skipPast is the offset after the first end at or after i+1, -1 if none.
func skipPast(data []byte, i int, end string) int {
	j := bytes.Index(data[i+1:], []byte(end))
	if j < 0 {
		return -1
	}
	return i + 1 + j + len(end)
}

// text is the character data right after the start tag at off, up to the
// next tag, with the predefined entities and character references read.
func (s *source) text(off int) string {
	end, closed := s.startTagEnd(off)
	if end < 0 || closed {
		return ""
	}
	stop := bytes.IndexByte(s.data[end:], '<')
	if stop < 0 {
		return ""
	}
	return unescape(string(s.data[end : end+stop]))
}
