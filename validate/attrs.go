package validate

import (
	"bytes"

	"github.com/customslint/customslint/rules"
)

// maxAttrs is the most attributes one start tag may have, namespace
// declarations and xsi: attributes included; the guard refuses more
// before libxml2 sees them. HMRC's material has at most 9 on an element
// (namespace declarations and xsi:schemaLocation on a document element),
// and no element of its schemas declares more than a few. libxml2 2.9
// checks a start tag's attributes for duplicates pairwise, in a loop no
// callback or deadline interrupts: 256 attributes cost it at most 32,640
// comparisons, nothing, while 110,000 cost minutes. 256 is also the depth
// limit.
const maxAttrs = 256

// scanState is where a tagScanner is in the markup.
type scanState uint8

const (
	scanText     scanState = iota // character data
	scanLT                        // just after '<'
	scanBang                      // just after "<!"
	scanBangDash                  // just after "<!-"
	scanComment                   // in a comment, until "-->"
	scanCDATA                     // in a CDATA section, until "]]>"
	scanPI                        // in a processing instruction, until "?>"
	scanDecl                      // in another "<!" declaration, until '>'
	scanEndTag                    // in an end tag, until '>'
	scanStartTag                  // in a start tag, outside attribute values
	scanValue                     // in an attribute value, until its quote
)

// tagScanner is the guard's one pass over a message's bytes, fed to it in
// pieces (any cut): it finds the longest run of bytes without a '<' (see
// maxText) and the first start tag with more than maxAttrs attributes.
// It counts the '=' of a start tag outside quoted values: one per
// attribute or namespace declaration. Comments, CDATA sections,
// processing instructions (the XML declaration among them) and end tags
// are skipped. It does not check well-formedness: that is libxml2's job
// once the sizes are sane.
type tagScanner struct {
	state scanState
	off   int     // offset of the next byte fed
	quote byte    // the quote of the attribute value being read
	prev  [2]byte // the last two bytes of the construct being read
	tag   int     // offset of the '<' of the start tag being read
	attrs int     // attributes of the start tag being read

	runStart, runOff, runLen int // the run of bytes without '<' being read; the longest so far
	overAt, overN            int // the first start tag over the limit and its count; overN 0: none
}

// over reports the first start tag with more than maxAttrs attributes:
// the offset of its '<' and its number of attributes.
func (s *tagScanner) over() (off, n int, found bool) { return s.overAt, s.overN, s.overN > 0 }

// longestRun reports the longest run of bytes without a '<' (the first of
// the longest): where it starts and its length. Call it after finish.
func (s *tagScanner) longestRun() (off, n int) { return s.runOff, s.runLen }

// lt notes a '<' at offset p: the end of a run.
func (s *tagScanner) lt(p int) {
	if l := p - s.runStart; l > s.runLen {
		s.runOff, s.runLen = s.runStart, l
	}
	s.runStart = p + 1
}

// feed scans the next bytes of the document: one loop over them, with a
// tight inner loop per state (most runs of text and most tags are short,
// too short for bytes.IndexByte to pay).
func (s *tagScanner) feed(b []byte) {
	base := s.off
	s.off += len(b)
	for i := 0; i < len(b); {
		switch s.state {
		case scanText:
			i = nextLT(b, i)
			if i < len(b) {
				s.lt(base + i)
				s.state, s.tag = scanLT, base+i
				i++
			}
		case scanStartTag:
			for i < len(b) && !tagStop[b[i]] {
				i++
			}
			if i == len(b) {
				break
			}
			switch c := b[i]; c {
			case '"', '\'':
				s.state, s.quote = scanValue, c
			case '=':
				s.attrs++
			case '>':
				s.endStartTag()
			case '<': // malformed; libxml2 says so, the count starts again
				s.endStartTag()
				s.lt(base + i)
				s.state, s.tag = scanLT, base+i
			}
			i++
		case scanValue:
			i = s.skip(b, i, base, s.quote)
			if i < len(b) {
				s.state = scanStartTag
				i++
			}
		case scanEndTag, scanDecl:
			i = s.skip(b, i, base, '>')
			if i < len(b) {
				s.state = scanText
				i++
			}
		default:
			i = s.step(b, i, base)
		}
	}
}

// nextLT returns the offset of the first '<' in b from i, len(b) if
// none: a loop for the first bytes (indentation, short values), then
// bytes.IndexByte, which pays on long runs.
func nextLT(b []byte, i int) int {
	for end := min(i+16, len(b)); i < end; i++ {
		if b[i] == '<' {
			return i
		}
	}
	if i == len(b) {
		return i
	}
	if j := bytes.IndexByte(b[i:], '<'); j >= 0 {
		return i + j
	}
	return len(b)
}

// skip returns the offset in b of the first stop from i, len(b) if none,
// noting the '<' on the way.
func (s *tagScanner) skip(b []byte, i, base int, stop byte) int {
	for ; i < len(b); i++ {
		switch b[i] {
		case stop:
			return i
		case '<':
			s.lt(base + i)
		}
	}
	return i
}

// tagStop marks the bytes that matter in a start tag outside values.
var tagStop = [256]bool{'"': true, '\'': true, '=': true, '>': true, '<': true}

// finish ends the document: the last run ends, and a start tag cut by the
// end is judged on the attributes it had.
func (s *tagScanner) finish() {
	if s.state == scanStartTag || s.state == scanValue {
		s.endStartTag()
	}
	if l := s.off - s.runStart; l > s.runLen {
		s.runOff, s.runLen = s.runStart, l
	}
}

// endStartTag closes the start tag being read.
func (s *tagScanner) endStartTag() {
	if s.attrs > maxAttrs && s.overN == 0 {
		s.overAt, s.overN = s.tag, s.attrs
	}
	s.state = scanText
}

// step advances over b (at offset base of the document) from i in the
// rarer states: after '<' and in comments, CDATA sections and processing
// instructions. It returns where it stopped.
func (s *tagScanner) step(b []byte, i, base int) int {
	switch s.state {
	case scanComment:
		return s.until(b, i, base, '-', '-')
	case scanCDATA:
		return s.until(b, i, base, ']', ']')
	case scanPI:
		return s.until(b, i, base, 0, '?')
	}
	if b[i] == '<' { // "<<", "<!<": a new tag; libxml2 reports the first
		s.lt(base + i)
		s.state, s.tag = scanLT, base+i
		return i + 1
	}
	switch s.state {
	case scanLT:
		switch b[i] {
		case '/':
			s.state = scanEndTag
		case '?':
			s.enter(scanPI)
		case '!':
			s.state = scanBang
		default:
			s.state, s.attrs = scanStartTag, 0
			return i // the name: read as the tag
		}
	case scanBang:
		switch b[i] {
		case '-':
			s.state = scanBangDash
		case '[':
			s.enter(scanCDATA) // "<![CDATA[": the only "<![" in content
		default:
			s.state = scanDecl
		}
	case scanBangDash:
		if b[i] == '-' {
			s.enter(scanComment)
		} else {
			s.state = scanDecl
		}
	}
	return i + 1
}

// enter starts reading a construct that ends at a '>' after two given
// bytes: none of the bytes before count.
func (s *tagScanner) enter(st scanState) {
	s.state, s.prev = st, [2]byte{}
}

// until skips to the '>' that follows the bytes p0 p1 (0: any byte),
// noting the '<' on the way and keeping the last two bytes read for a cut
// between pieces. Comments are most of some messages (HMRC's annotated
// samples): it jumps from '>' to '>' with bytes.IndexByte, and looks for
// the '<' between them the same way.
func (s *tagScanner) until(b []byte, i, base int, p0, p1 byte) int {
	for i < len(b) {
		end := len(b)
		if j := bytes.IndexByte(b[i:], '>'); j >= 0 {
			end = i + j
		}
		for k := i; k < end; {
			l := bytes.IndexByte(b[k:end], '<')
			if l < 0 {
				break
			}
			s.lt(base + k + l)
			k += l + 1
		}
		switch seg := b[i:end]; {
		case len(seg) >= 2:
			s.prev = [2]byte{seg[len(seg)-2], seg[len(seg)-1]}
		case len(seg) == 1:
			s.prev = [2]byte{s.prev[1], seg[0]}
		}
		if end == len(b) {
			return end
		}
		if (p0 == 0 || s.prev[0] == p0) && s.prev[1] == p1 {
			s.state = scanText
			return end + 1
		}
		s.prev = [2]byte{s.prev[1], '>'}
		i = end + 1
	}
	return i
}

// attrsFinding is the guard's finding about a start tag with n attributes
// at offset off of b.
func attrsFinding(b []byte, off, n int) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"an element with %d attributes (namespace declarations included): no element of a CDS or CTC message has more than a few, so more than %d are refused",
		n, maxAttrs)
}
