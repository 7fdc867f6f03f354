package hmrcvalidator

import (
	"fmt"
	"unicode/utf8"
)

// JSONSyntax reports whether data is JSON that HMRC's parser (Jackson)
// refuses and, if so, Jackson's message for its first error, as HMRC's
// service answers it in a 400: "Unexpected character ('n' (code 110)): was
// expecting double-quote to start field name\n at [line: 1, column: 4]".
// Columns are Jackson's: one past the character read. It reads the whole
// input as Jackson's streaming parser does (a close marker after the
// document element is an error), without recursion.
func JSONSyntax(data []byte) (string, bool) {
	p := &jparser{data: data, line: 1}
	if msg := p.run(); msg != "" {
		return msg, true
	}
	return "", false
}

// maxDepth is Jackson's limit on nesting (StreamReadConstraints, 1000
// since Jackson 2.15): deeper input is refused, not held.
const maxDepth = 1000

// jscope is an open object or array and where it started: its line, and
// the offsets of that line and of its marker (the column is counted only
// for a message).
type jscope struct {
	object         bool
	line           int
	lineStart, off int
}

// col is Jackson's column of the scope's start marker: 1-based, the
// marker's own.
func (s jscope) col(data []byte) int { return utf8.RuneCount(data[s.lineStart:s.off]) + 1 }

type jparser struct {
	data      []byte
	i         int // next byte
	line      int
	lineStart int // offset of the current line's start
	stack     []jscope
}

// col is Jackson's column of the current place: 1-based, one past the
// character just read.
func (p *jparser) col() int { return utf8.RuneCount(p.data[p.lineStart:p.i]) + 1 }

func (p *jparser) at() string { return fmt.Sprintf("\n at [line: %d, column: %d]", p.line, p.col()) }

// skipSpace skips white space and reports whether input remains.
func (p *jparser) skipSpace() bool {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case '\n':
			p.i++
			p.line, p.lineStart = p.line+1, p.i
		case ' ', '\t', '\r':
			p.i++
		default:
			return true
		}
	}
	return false
}

// next reads one character (a whole UTF-8 sequence).
func (p *jparser) next() rune {
	r, n := utf8.DecodeRune(p.data[p.i:])
	p.i += n
	return r
}

// charDesc describes a character as Jackson does.
func charDesc(r rune) string {
	switch {
	case r < 32:
		return fmt.Sprintf("(CTRL-CHAR, code %d)", r)
	case r > 255:
		return fmt.Sprintf("'%c' (code %d / 0x%x)", r, r, r)
	}
	return fmt.Sprintf("'%c' (code %d)", r, r)
}

func (p *jparser) unexpected(r rune, what string) string {
	return "Unexpected character (" + charDesc(r) + "): " + what + p.at()
}

// eof is Jackson's message for input that ends inside a scope.
func (p *jparser) eof() string {
	if n := len(p.stack); n > 0 {
		s := p.stack[n-1]
		kind := "Array"
		if s.object {
			kind = "Object"
		}
		return fmt.Sprintf("Unexpected end-of-input: expected close marker for %s (start marker at [line: %d, column: %d])%s", kind, s.line, s.col(p.data), p.at())
	}
	return "No content to map due to end-of-input" + p.at()
}

// closeScope handles a close marker: Jackson names the scope it is in
// ("root" outside any) and the marker it wanted.
func (p *jparser) closeScope(r rune) string {
	n := len(p.stack)
	if n > 0 && p.stack[n-1].object == (r == '}') {
		p.stack = p.stack[:n-1]
		return ""
	}
	want := ']'
	if r == ']' {
		want = '}'
	}
	desc, line, col := "root", 1, 0
	if n > 0 {
		s := p.stack[n-1]
		desc, line, col = "Array", s.line, s.col(p.data)
		if s.object {
			desc = "Object"
		}
	}
	return fmt.Sprintf("Unexpected close marker '%c': expected '%c' (for %s starting at [line: %d, column: %d])%s", r, want, desc, line, col, p.at())
}

// jstate is what the parser wants next.
type jstate int

const (
	wantValue      jstate = iota // a value
	wantAfterValue               // a comma, a close marker, or the end
	wantFieldName                // a member's name (or "}" right after "{")
	wantColon
)

// run parses the input and returns the first error's message, "" if none.
func (p *jparser) run() string {
	state, first := wantValue, true
	for {
		if !p.skipSpace() {
			if len(p.stack) > 0 || first {
				return p.eof()
			}
			return ""
		}
		start := p.i
		r := p.next()
		var msg string
		switch state {
		case wantFieldName:
			state, msg = p.fieldName(r)
		case wantColon:
			state = wantValue
			if r != ':' {
				msg = p.unexpected(r, "was expecting a colon to separate field name and value")
			}
		case wantAfterValue:
			state, msg = p.afterValue(r, start)
		case wantValue:
			first = false
			state, msg = p.value(r, start)
		}
		if msg != "" {
			return msg
		}
	}
}

// fieldName reads what follows "{" or a comma in an object.
func (p *jparser) fieldName(r rune) (jstate, string) {
	switch r {
	case '"':
		return wantColon, p.str()
	case '}':
		return wantAfterValue, p.closeScope(r)
	}
	return wantFieldName, p.unexpected(r, "was expecting double-quote to start field name")
}

// afterValue reads what follows a value (r, at offset start).
func (p *jparser) afterValue(r rune, start int) (jstate, string) {
	inObject := len(p.stack) > 0 && p.stack[len(p.stack)-1].object
	switch {
	case r == '}' || r == ']':
		return wantAfterValue, p.closeScope(r)
	case r == ',' && len(p.stack) > 0:
		if inObject {
			return wantFieldName, ""
		}
		return wantValue, ""
	case len(p.stack) == 0:
		// Another document after the first: read it as Jackson does.
		p.i = start
		return wantValue, ""
	case inObject:
		return wantAfterValue, p.unexpected(r, "was expecting comma to separate Object entries")
	}
	return wantAfterValue, p.unexpected(r, "was expecting comma to separate Array entries")
}

// value reads a value starting with r (at offset start).
func (p *jparser) value(r rune, start int) (jstate, string) {
	if (r == '{' || r == '[') && len(p.stack) == maxDepth {
		return wantValue, fmt.Sprintf("Document nesting depth (%d) exceeds the maximum allowed (%d, from `StreamReadConstraints.getMaxNestingDepth()`)%s", maxDepth+1, maxDepth, p.at())
	}
	switch {
	case r == '{':
		p.stack = append(p.stack, jscope{true, p.line, p.lineStart, start})
		return wantFieldName, ""
	case r == '[':
		p.stack = append(p.stack, jscope{false, p.line, p.lineStart, start})
		if p.skipSpace() && p.data[p.i] == ']' {
			p.next()
			p.stack = p.stack[:len(p.stack)-1]
			return wantAfterValue, ""
		}
		return wantValue, ""
	case r == '"':
		return wantAfterValue, p.str()
	case r == '-' || (r >= '0' && r <= '9'):
		return wantAfterValue, p.number(r)
	case r == ']' || r == '}':
		return wantValue, p.unexpected(r, "expected a value")
	case isTokenChar(r):
		return wantAfterValue, p.literal(start)
	}
	return wantValue, p.unexpected(r, "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
}

func isTokenChar(r rune) bool {
	return r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}

// literal reads null, true or false starting at start.
func (p *jparser) literal(start int) string {
	for p.i < len(p.data) {
		r, n := utf8.DecodeRune(p.data[p.i:])
		if !isTokenChar(r) {
			break
		}
		p.i += n
	}
	tok := string(p.data[start:p.i])
	switch tok {
	case "null", "true", "false":
		return ""
	}
	return "Unrecognized token '" + tok + "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')" + p.at()
}

// str reads the rest of a string after its opening quote.
func (p *jparser) str() string {
	for p.i < len(p.data) {
		r := p.next()
		switch {
		case r == '"':
			return ""
		case r == '\\':
			if p.i >= len(p.data) {
				break
			}
			e := p.next()
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					if p.i >= len(p.data) {
						break
					}
					h := p.next()
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return "Unexpected character (" + charDesc(h) + "): expected a hex-digit for character escape sequence" + p.at()
					}
				}
			default:
				return fmt.Sprintf("Unrecognized character escape %s%s", charDesc(e), p.at())
			}
		case r < 32:
			if r == '\n' {
				p.line, p.lineStart = p.line+1, p.i
			}
			return "Illegal unquoted character (" + charDesc(r) + "): has to be escaped using backslash to be included in string value" + p.at()
		}
	}
	return "Unexpected end-of-input: was expecting closing quote for a string value" + p.at()
}

// number reads the rest of a number whose first character was r.
func (p *jparser) number(r rune) string {
	digit := func() bool { return p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' }
	if r == '-' {
		if !digit() {
			if p.i >= len(p.data) {
				return "Unexpected end-of-input in numeric value" + p.at()
			}
			c := p.next()
			return "Unexpected character (" + charDesc(c) + ") in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value" + p.at()
		}
		r = rune(p.data[p.i])
		p.i++
	}
	if r == '0' && digit() {
		return "Invalid numeric value: Leading zeroes not allowed" + p.at()
	}
	for digit() {
		p.i++
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if !digit() {
			if p.i >= len(p.data) {
				return "Unexpected end-of-input in numeric value" + p.at()
			}
			c := p.next()
			return "Unexpected character (" + charDesc(c) + ") in numeric value: Decimal point not followed by a digit" + p.at()
		}
		for digit() {
			p.i++
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if !digit() {
			if p.i >= len(p.data) {
				return "Unexpected end-of-input in numeric value" + p.at()
			}
			c := p.next()
			return "Unexpected character (" + charDesc(c) + ") in numeric value: Exponent indicator not followed by a digit" + p.at()
		}
		for digit() {
			p.i++
		}
	}
	return ""
}
