package hmrcvalidator

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/customslint/customslint/xsd"
)

// source finds places in an XML message by line and column, as Xerces
// (HMRC's XML validator) reports them: the character after a start tag or
// an end tag.
type source struct {
	data   []byte
	starts []int // byte offset of each line's start
	// marks holds, for each line with non-ASCII text, the byte offset of
	// every markEvery-th character, so that a column of a long line (a
	// message on one line) is found without counting the line each time.
	marks map[int][]int
	// ends are the element ends asked for: start tag offset -> offset
	// after the end tag, found in one pass (see findEnds).
	ends map[int]int
}

// markEvery is the distance in characters between two marks of a line.
const markEvery = 1024

func newSource(data []byte) *source {
	return &source{data: data, starts: xsd.LineStarts(data), marks: map[int][]int{}}
}

// lineEnd is the offset of the end of a 0-based line (its newline).
func (s *source) lineEnd(i int) int {
	if i+1 < len(s.starts) {
		return s.starts[i+1] - 1
	}
	return len(s.data)
}

// lineMarks are the marks of a 0-based line; nil for a line of ASCII
// text, whose columns are its byte offsets.
func (s *source) lineMarks(i int) []int {
	if m, ok := s.marks[i]; ok {
		return m
	}
	start, end := s.starts[i], s.lineEnd(i)
	var m []int
	ascii := true
	for _, c := range s.data[start:end] {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		n := 0
		for off := start; off < end; n++ {
			if n%markEvery == 0 {
				m = append(m, off)
			}
			_, w := utf8.DecodeRune(s.data[off:end])
			off += w
		}
	}
	s.marks[i] = m
	return m
}

// offset is the byte offset of a 1-based line and character column; -1
// when the message has no such place.
func (s *source) offset(line, col int) int {
	if line < 1 || line > len(s.starts) || col < 1 {
		return -1
	}
	i := line - 1
	start, end := s.starts[i], s.lineEnd(i)
	m := s.lineMarks(i)
	if m == nil {
		if start+col-1 > end {
			return -1
		}
		return start + col - 1
	}
	k := min((col-1)/markEvery, len(m)-1)
	off := m[k]
	for c := k*markEvery + 1; c < col; c++ {
		if off >= end {
			return -1
		}
		_, w := utf8.DecodeRune(s.data[off:end])
		off += w
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
	m := s.lineMarks(lo)
	if m == nil {
		return lo + 1, off - s.starts[lo] + 1
	}
	k, _ := slices.BinarySearch(m, off+1)
	k-- // the last mark at or before off
	return lo + 1, k*markEvery + utf8.RuneCount(s.data[m[k]:off]) + 1
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
// element does not end. The ends must have been found first (findEnds).
func (s *source) elementEnd(off int) int {
	if e, ok := s.ends[off]; ok {
		return e
	}
	return -1
}

// findEnds finds, in one pass over the message, the end of each element
// whose start tag is at one of starts: however many errors ask, the
// message is read once.
func (s *source) findEnds(starts map[int]bool) {
	s.ends = map[int]int{}
	if len(starts) == 0 {
		return
	}
	var open []int // offsets of the start tags of the open elements
	for i := 0; i < len(s.data); {
		j := bytes.IndexByte(s.data[i:], '<')
		if j < 0 {
			return
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
			if n := len(open); n > 0 {
				if starts[open[n-1]] && i >= 0 {
					s.ends[open[n-1]] = i
				}
				open = open[:n-1]
			}
		default:
			e, closed := s.startTagEnd(i)
			if e < 0 {
				return
			}
			if closed {
				if starts[i] {
					s.ends[i] = e
				}
			} else {
				open = append(open, i)
			}
			i = e
		}
		if i < 0 {
			return
		}
	}
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
