package validate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// guarded is the input after the guard stage: UTF-8 bytes for the parser, or
// the reason to stop.
type guarded struct {
	src          []byte     // UTF-8 for libxml2
	file         xsd.Source // instead of src: UTF-8 the parser reads in pieces
	head         []byte     // the first bytes (of src or file)
	forceUTF8    bool       // src was transcoded: the parser must ignore the encoding declaration
	suppressMark bool       // file holds directivePrefix (src is searched when asked)
	findings     []Finding  // what the guard reports (errors stop the pipeline)
	ok           bool
}

func xmlFinding(sev Severity, line, col int, format string, args ...any) Finding {
	if line < 1 {
		line = 1
	}
	return Finding{Rule: rules.XMLID, Severity: sev, Message: fmt.Sprintf(format, args...), Line: line, Column: col}
}

var encodingDeclRE = regexp.MustCompile(`^<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']`)

// guard checks what must hold before libxml2 sees the bytes: not empty, an
// encoding we can read, valid characters for it, no DOCTYPE, no text run
// over maxText and no start tag with more than maxAttrs attributes.
// Everything it accepts comes out as UTF-8.
func guard(data []byte) guarded {
	if len(bytes.TrimSpace(data)) == 0 {
		if len(data) == 0 {
			return guarded{findings: []Finding{xmlFinding(rules.Error, 1, 0, "the file is empty")}}
		}
		return guarded{findings: []Finding{xmlFinding(rules.Error, 1, 0, "the file holds only white space, no XML")}}
	}
	g := guarded{}
	enc, bom := sniffEncoding(data)
	switch enc {
	case "UTF-16LE", "UTF-16BE":
		src, bad := decodeUTF16(data[bom:], enc == "UTF-16BE")
		if bad != "" {
			line, col := position(src, len(src)) // src holds what decoded before the problem
			g.findings = append(g.findings, xmlFinding(rules.Error, line, col, "invalid %s: %s", enc, bad))
			return g
		}
		g.findings = append(g.findings, xmlFinding(rules.Warning, 1, 0,
			"the file is encoded as %s; HMRC's APIs expect UTF-8: convert it before sending", enc))
		g.src, g.forceUTF8 = src, true
	case "":
		declared := ""
		if m := encodingDeclRE.FindSubmatch(data[bom:min(len(data), bom+512)]); m != nil {
			declared = string(m[1])
		}
		src, force, f, ok := decodeDeclared(data, bom, declared)
		if f.Message != "" {
			g.findings = append(g.findings, f)
		}
		if !ok {
			return g
		}
		g.src, g.forceUTF8 = src, force
	default:
		g.findings = append(g.findings, xmlFinding(rules.Error, 1, 0,
			"the file is encoded as %s, which customslint cannot read; HMRC expects UTF-8", enc))
		return g
	}
	if off, found := findDoctype(g.src); found {
		g.findings = append(g.findings, doctypeFinding(g.src, off))
		return g
	}
	var tags tagScanner
	tags.feed(g.src)
	tags.finish()
	if off, n := tags.longestRun(); n > maxText {
		g.findings = append(g.findings, longTextFinding(g.src, off, n))
		return g
	}
	if off, n, found := tags.over(); found {
		g.findings = append(g.findings, attrsFinding(g.src, off, n))
		return g
	}
	if f, end, ok := dmsTrailing(g.src); ok {
		g.findings = append(g.findings, f)
		g.src = g.src[:end]
	}
	g.ok, g.head = true, g.src
	return g
}

// dmsNotificationMark is the namespace of a DMS notification's Response,
// looked for in the first bytes (hasDMSNotificationMark).
var dmsNotificationMark = []byte("urn:wco:datamodel:WCO:RES-DMS:2")

// dmsMarkTail is the part of dmsNotificationMark searched for: its first
// byte is rarer in declarations than the "u" the mark starts with, so the
// search runs faster (the samples' comments are English text).
var dmsMarkTail = dmsNotificationMark[len("urn:wco:datamodel:WCO:"):]

// hasDMSNotificationMark reports whether b holds dmsNotificationMark.
func hasDMSNotificationMark(b []byte) bool {
	return containsByTail(b, dmsNotificationMark, dmsMarkTail)
}

// containsByTail is bytes.Contains(b, mark), searching for tail, the end
// of mark whose first byte is rarer than mark's, then checking the rest.
func containsByTail(b, mark, tail []byte) bool {
	lead := len(mark) - len(tail)
	for i := 0; ; {
		k := bytes.Index(b[i:], tail)
		if k < 0 {
			return false
		}
		k += i
		if k >= lead && bytes.Equal(b[k-lead:k], mark[:lead]) {
			return true
		}
		i = k + 1
	}
}

// dmsTrailing finds text after the root element of a DMS notification
// (HMRC's Trade Test 1 notifications carry the log lines of the service
// that sent them there): a warning, and the end of the root element to cut
// the input at. Other messages keep trailing content, which the parser
// reports as an error; so does a notification whose trailing content
// starts with markup (a comment or processing instruction is XML's own),
// or whose root element's end tag cannot be found. No allocation: it looks
// for the last end tag of the root element's name.
func dmsTrailing(src []byte) (Finding, int, bool) {
	if !hasDMSNotificationMark(src[:min(len(src), 8<<10)]) {
		return Finding{}, 0, false
	}
	name := rootName(src)
	if name == nil {
		return Finding{}, 0, false
	}
	i := bytes.LastIndex(src, append([]byte("</"), name...))
	if i < 0 {
		return Finding{}, 0, false
	}
	j := i + 2 + len(name)
	for j < len(src) && isSpace(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != '>' {
		return Finding{}, 0, false
	}
	end := j + 1
	rest := bytes.TrimLeft(src[end:], " \t\r\n")
	if len(rest) == 0 || rest[0] == '<' {
		return Finding{}, 0, false
	}
	start := len(src) - len(rest)
	line, col := position(src, start)
	return xmlFinding(rules.Warning, line, col,
		"text after the root element of this DMS notification is ignored (%d bytes, such as the log lines HMRC's test notifications carry): a notification ends with its root element", len(rest)), end, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// rootName is the qualified name of the first element, after the XML
// declaration, comments and processing instructions; nil when there is
// none.
func rootName(b []byte) []byte {
	i := 0
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case bytes.HasPrefix(b[i:], []byte("<?")):
			k := bytes.Index(b[i:], []byte("?>"))
			if k < 0 {
				return nil
			}
			i += k + 2
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			k := bytes.Index(b[i:], []byte("-->"))
			if k < 0 {
				return nil
			}
			i += k + 3
		case b[i] == '<':
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && b[j] != '>' && b[j] != '/' {
				j++
			}
			if j == i+1 || j >= len(b) {
				return nil
			}
			return b[i+1 : j]
		default:
			return nil
		}
	}
	return nil
}

// maxText is the longest run of bytes between two '<' the guard lets
// through (a value, with the tag before it).
const maxText = 1 << 20

// sniffEncoding tells the encoding family from a byte order mark or the first
// bytes ("<?" in a wide encoding), as XML 1.0 appendix F does. It returns ""
// for ASCII-compatible input, whose declaration then decides.
func sniffEncoding(b []byte) (string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return "", 3
	case bytes.HasPrefix(b, []byte{0x00, 0x00, 0xFE, 0xFF}), bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0x00, 0x00}),
		bytes.HasPrefix(b, []byte{0x00, 0x00, 0x00, 0x3C}), bytes.HasPrefix(b, []byte{0x3C, 0x00, 0x00, 0x00}):
		return "UTF-32", 0
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "UTF-16BE", 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "UTF-16LE", 2
	case bytes.HasPrefix(b, []byte{0x00, 0x3C, 0x00, 0x3F}):
		return "UTF-16BE", 0
	case bytes.HasPrefix(b, []byte{0x3C, 0x00, 0x3F, 0x00}):
		return "UTF-16LE", 0
	case bytes.HasPrefix(b, []byte{0x4C, 0x6F, 0xA7, 0x94}):
		return "EBCDIC", 0
	}
	return "", 0
}

// decodeUTF16 converts UTF-16 to UTF-8. On failure it returns what decoded
// before the problem, and what the problem is.
func decodeUTF16(b []byte, bigEndian bool) ([]byte, string) {
	out := make([]byte, 0, len(b))
	unit := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	for i := 0; i < len(b); i += 2 {
		if i+1 >= len(b) {
			return out, "odd number of bytes (the file is truncated)"
		}
		r := unit(i)
		switch {
		case utf16.IsSurrogate(r):
			if r >= 0xDC00 || i+3 >= len(b) {
				return out, fmt.Sprintf("unpaired surrogate 0x%04X", r)
			}
			d := utf16.DecodeRune(r, unit(i+2))
			if d == utf8.RuneError {
				return out, fmt.Sprintf("unpaired surrogate 0x%04X", r)
			}
			out = utf8.AppendRune(out, d)
			i += 2
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out, ""
}

// decodeDeclared handles ASCII-compatible input according to its encoding
// declaration. It returns the UTF-8 bytes, whether they were transcoded, a
// finding (an error when !ok, else possibly a warning) and ok.
func decodeDeclared(data []byte, bom int, declared string) ([]byte, bool, Finding, bool) {
	name := strings.ToLower(strings.TrimSpace(declared))
	switch name {
	case "", "utf-8", "utf8":
		if off := invalidUTF8(data); off >= 0 {
			return nil, false, invalidUTF8Finding(data, off), false
		}
		return data, false, Finding{}, true
	case "us-ascii", "ascii":
		if off := nonASCII(data); off >= 0 {
			return nil, false, notASCIIFinding(data, off, declared), false
		}
		return data, false, Finding{}, true
	case "utf-16", "utf-16le", "utf-16be", "utf16":
		return nil, false, xmlFinding(rules.Error, 1, 0,
			"the XML declaration says %s but the bytes are not UTF-16 (no byte order mark, ASCII-compatible content); declare the real encoding, preferably UTF-8", declared), false
	}
	var cm *charmap.Charmap
	switch name {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "iso-ir-100":
		cm = charmap.ISO8859_1
	case "iso-8859-15", "iso8859-15", "latin-9", "latin9":
		cm = charmap.ISO8859_15
	case "windows-1252", "cp1252", "x-cp1252":
		cm = charmap.Windows1252
	default:
		return nil, false, xmlFinding(rules.Error, 1, 0,
			"the file declares encoding %q, which customslint cannot read; HMRC expects UTF-8", declared), false
	}
	out, err := cm.NewDecoder().Bytes(data[bom:])
	if err != nil {
		return nil, false, xmlFinding(rules.Error, 1, 0, "cannot decode the file as %s: %v", declared, err), false
	}
	return out, true, xmlFinding(rules.Warning, 1, 0,
		"the file is encoded as %s; HMRC's APIs expect UTF-8: convert it before sending", declared), true
}

// invalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// position returns the 1-based line and column (in characters) of byte
// offset off of UTF-8 text. A byte order mark is no character of the
// document: line 1's columns count from after it, as libxml2's do.
func position(b []byte, off int) (int, int) {
	starts := xsd.LineStarts(b[:off])
	last := starts[len(starts)-1]
	col := utf8.RuneCount(b[last:off]) + 1
	if last == 0 && off >= len(utf8BOM) && bytes.HasPrefix(b, utf8BOM) {
		col--
	}
	return len(starts), col
}

// findDoctype looks for a DOCTYPE in the prolog (after the XML declaration,
// comments, processing instructions and white space) and returns its offset.
func findDoctype(b []byte) (int, bool) {
	off, found, _ := scanProlog(b)
	return off, found
}

// scanProlog is findDoctype on the first bytes of a document: more is true
// when b ends before the answer is known.
func scanProlog(b []byte) (off int, found, more bool) {
	i := 0
	if bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		i = 3
	}
	for i < len(b) {
		switch {
		case b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n':
			i++
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			end := bytes.Index(b[i+4:], []byte("-->"))
			if end < 0 {
				return 0, false, true
			}
			i += 4 + end + 3
		case bytes.HasPrefix(b[i:], []byte("<?")):
			end := bytes.Index(b[i+2:], []byte("?>"))
			if end < 0 {
				return 0, false, true
			}
			i += 2 + end + 2
		case len(b)-i >= 9 && strings.EqualFold(string(b[i:i+9]), "<!DOCTYPE"):
			return i, true, false
		case len(b)-i < 9:
			return 0, false, true
		default:
			return 0, false, false
		}
	}
	return 0, false, true
}

// mayHaveSuppression reports whether the message's bytes hold the
// directive prefix (customslint:): without it no comment can suppress anything, and
// comments are not read at all.
func (g guarded) mayHaveSuppression() bool {
	if g.file != nil {
		return g.suppressMark
	}
	return hasDirective(g.src)
}

// directiveMark is directivePrefix, and directiveTail the part of it
// hasDirective searches for: its colon, one byte in a hundred of HMRC's
// samples, where "c" (the prefix's first byte) is one in twenty-five; a
// one-byte search runs at memory speed (6.5 GB/s here, the whole prefix
// 2.3 GB/s).
var directiveMark, directiveTail = []byte(directivePrefix), []byte(":")

// hasDirective reports whether b holds directivePrefix.
func hasDirective(b []byte) bool { return containsByTail(b, directiveMark, directiveTail) }

// guardFile is guard for a file read in pieces: it returns ok false when
// the file needs the whole-bytes guard instead (white space only at its
// start, an encoding to transcode, an encoding it cannot read). Otherwise
// the guarded input is the file itself, unless a finding stops it, and the
// findings are those guard would give.
func guardFile(f xsd.Source, head []byte) (guarded, bool) {
	size := int(f.Size())
	if size == 0 || len(bytes.TrimSpace(head)) == 0 {
		return guarded{}, false
	}
	enc, bom := sniffEncoding(head)
	if enc != "" || hasDMSNotificationMark(head[:min(len(head), 8<<10)]) {
		return guarded{}, false // a DMS notification is read whole: guard cuts text after its root
	}
	declared := ""
	if m := encodingDeclRE.FindSubmatch(head[bom:min(len(head), bom+512)]); m != nil {
		declared = string(m[1])
	}
	ascii := false
	switch strings.ToLower(strings.TrimSpace(declared)) {
	case "", "utf-8", "utf8":
	case "us-ascii", "ascii":
		ascii = true
	default:
		return guarded{}, false
	}
	// One pass in pieces: the first byte that is not valid UTF-8 (or not
	// ASCII), the longest run of bytes without a '<' and the first start
	// tag with too many attributes.
	bad := -1
	var tags tagScanner
	mark, prev := false, []byte(nil) // directivePrefix seen; the end of the last piece
	buf := make([]byte, 64<<10)
	for off := 0; off < size && bad < 0; {
		n, err := f.ReadAt(buf[:min(len(buf), size-off)], int64(off))
		if n == 0 && err != nil {
			return guarded{findings: []Finding{xmlFinding(rules.Error, 1, 0, "cannot read the file: %v", err)}}, true
		}
		b := buf[:n]
		if off+n < size {
			b = b[:completeRunes(b)] // a character cut by the piece waits for the next
		}
		first := invalidUTF8
		if ascii {
			first = nonASCII
		}
		if i := first(b); i >= 0 {
			bad = off + i
		}
		if !mark {
			joint := append(prev, b[:min(len(b), len(directivePrefix)-1)]...)
			mark = hasDirective(b) || hasDirective(joint)
			prev = append(prev[:0], b[max(0, len(b)-len(directivePrefix)+1):]...)
		}
		tags.feed(b)
		off += len(b)
	}
	tags.finish()
	stop := func(f Finding) (guarded, bool) { return guarded{findings: []Finding{f}}, true }
	if bad >= 0 {
		if ascii {
			return stop(notASCIIFinding(readPrefix(f, bad+1), bad, declared))
		}
		return stop(invalidUTF8Finding(readPrefix(f, bad+1), bad))
	}
	for prolog := head; ; prolog = readPrefix(f, 4*len(prolog)) {
		off, found, more := scanProlog(prolog)
		if found {
			return stop(doctypeFinding(prolog, off))
		}
		if !more || len(prolog) == size {
			break
		}
	}
	if runOff, runLen := tags.longestRun(); runLen > maxText {
		return stop(longTextFinding(readPrefix(f, runOff), runOff, runLen))
	}
	if off, n, found := tags.over(); found {
		return stop(attrsFinding(readPrefix(f, off), off, n))
	}
	return guarded{file: f, head: head, ok: true, suppressMark: mark}, true
}

// The findings that stop a message, each about offset off of b: the
// message's bytes, or as many of them as reach off (guard and guardFile
// give the same ones).

func invalidUTF8Finding(b []byte, off int) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"invalid UTF-8: byte 0x%02X at line %d, column %d is not valid UTF-8 and HMRC rejects the message; save the file as UTF-8 (if it is Windows-1252 or ISO-8859-1, say so in the XML declaration)",
		b[off], line, col)
}

func notASCIIFinding(b []byte, off int, declared string) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"the XML declaration says %s but byte 0x%02X at line %d, column %d is not ASCII", declared, b[off], line, col)
}

func doctypeFinding(b []byte, off int) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"DOCTYPE declarations are not allowed: CDS and CTC messages have no DTD, and DTDs and entities are how XXE and entity-expansion attacks work; remove the DOCTYPE")
}

func longTextFinding(b []byte, off, n int) Finding {
	line, col := position(b, off)
	return xmlFinding(rules.Error, line, col,
		"%.1f MiB of text without markup: no value of a CDS or CTC message is longer than a few KB, so this is refused", float64(n)/(1<<20))
}

// nonASCII returns the offset of the first byte of b that is not ASCII, or -1.
func nonASCII(b []byte) int {
	for i, c := range b {
		if c >= 0x80 {
			return i
		}
	}
	return -1
}

// completeRunes is the length of b without a UTF-8 sequence cut at its end.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// readPrefix returns the first n bytes of f (fewer at its end).
func readPrefix(f xsd.Source, n int) []byte {
	b := make([]byte, min(n, int(f.Size())))
	k, _ := f.ReadAt(b, 0)
	return b[:k]
}
