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

// tagScanner follows the markup of a document fed to it in pieces (any
// cut) and finds the first start tag with more than maxAttrs attributes.
// It counts the '=' of a start tag outside quoted values: one per
// attribute or namespace declaration. Comments, CDATA sections,
// processing instructions (the XML declaration among them) and end tags
// are skipped. It does not check well-formedness: that is libxml2's job
// once the counts are sane.
type tagScanner struct {
	state scanState
	off   int     // offset of the next byte fed
	quote byte    // the quote of the attribute value being read
	prev  [2]byte // the last two bytes of the construct being read
	tag   int     // offset of the '<' of the start tag being read
	attrs int     // attributes of the start tag being read

	overAt, overN int // the first start tag over the limit and its count; overN 0: none
}

// over reports the first start tag with more than maxAttrs attributes:
// the offset of its '<' and its number of attributes.
func (s *tagScanner) over() (off, n int, found bool) { return s.overAt, s.overN, s.overN > 0 }

// feed scans the next bytes of the document.
func (s *tagScanner) feed(b []byte) {
	base := s.off
	s.off += len(b)
	for i := 0; i < len(b) && s.overN == 0; {
		i = s.step(b, i, base)
	}
}

// finish ends the document: a start tag cut by its end is judged on the
// attributes it had.
func (s *tagScanner) finish() {
	if s.state == scanStartTag || s.state == scanValue {
		s.endStartTag()
	}
}

// endStartTag closes the start tag being read.
func (s *tagScanner) endStartTag() {
	if s.attrs > maxAttrs && s.overN == 0 {
		s.overAt, s.overN = s.tag, s.attrs
	}
	s.state = scanText
}

// step advances over b from i (b starts at offset base of the document)
// and returns where it stopped.
func (s *tagScanner) step(b []byte, i, base int) int {
	switch s.state {
	case scanText:
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return len(b)
		}
		s.state, s.tag = scanLT, base+i+j
		return i + j + 1
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
		return i + 1
	case scanBang:
		switch b[i] {
		case '-':
			s.state = scanBangDash
		case '[':
			s.enter(scanCDATA) // "<![CDATA[": the only "<![" in content
		default:
			s.state = scanDecl
		}
		return i + 1
	case scanBangDash:
		if b[i] == '-' {
			s.enter(scanComment)
		} else {
			s.state = scanDecl
		}
		return i + 1
	case scanComment:
		return s.until(b, i, '-', '-')
	case scanCDATA:
		return s.until(b, i, ']', ']')
	case scanPI:
		return s.until(b, i, 0, '?')
	case scanDecl, scanEndTag:
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return len(b)
		}
		s.state = scanText
		return i + j + 1
	case scanValue:
		j := bytes.IndexByte(b[i:], s.quote)
		if j < 0 {
			return len(b)
		}
		s.state = scanStartTag
		return i + j + 1
	}
	// scanStartTag
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '"', '\'':
			s.state, s.quote = scanValue, c
			return i + 1
		case '=':
			s.attrs++
		case '>':
			s.endStartTag()
			return i + 1
		case '<': // malformed; libxml2 says so, the count starts again
			s.endStartTag()
			s.state, s.tag = scanLT, base+i
			return i + 1
		}
	}
	return len(b)
}

// enter starts reading a construct that ends at a '>' after two given
// bytes: none of the bytes before count.
func (s *tagScanner) enter(st scanState) {
	s.state, s.prev = st, [2]byte{}
}

// until skips to the '>' that follows the bytes p0 p1 (0: any byte),
// keeping the last two bytes read for a cut between pieces.
func (s *tagScanner) until(b []byte, i int, p0, p1 byte) int {
	for {
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			s.keep(b[i:])
			return len(b)
		}
		k := i + j
		s.keep(b[i:k])
		if (p0 == 0 || s.prev[0] == p0) && s.prev[1] == p1 {
			s.state = scanText
			return k + 1
		}
		s.keep(b[k : k+1])
		i = k + 1
	}
}

// keep records the last two bytes of a construct read so far.
func (s *tagScanner) keep(b []byte) {
	switch len(b) {
	case 0:
	case 1:
		s.prev = [2]byte{s.prev[1], b[0]}
	default:
		s.prev = [2]byte{b[len(b)-2], b[len(b)-1]}
	}
}

// attrsFinding is the guard's finding about a start tag with n attributes
// at offset off of b.
func attrsFinding(b []byte, off, n int) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"an element with %d attributes (namespace declarations included): no element of a CDS or CTC message has more than a few, so more than %d are refused",
		n, maxAttrs)
}
