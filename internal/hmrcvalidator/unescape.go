package hmrcvalidator

import (
	"strconv"
	"strings"
)

// unescape reads the predefined entities and character references of XML
// character data; anything else is kept as written.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		ref := s[1:j]
		switch {
		case ref == "lt":
			b.WriteByte('<')
		case ref == "gt":
			b.WriteByte('>')
		case ref == "amp":
			b.WriteByte('&')
		case ref == "quot":
			b.WriteByte('"')
		case ref == "apos":
			b.WriteByte('\'')
		case strings.HasPrefix(ref, "#x"):
			n, err := strconv.ParseInt(ref[2:], 16, 32)
			if err != nil {
				b.WriteString(s[:j+1])
			} else {
				b.WriteRune(rune(n))
			}
		case strings.HasPrefix(ref, "#"):
			n, err := strconv.ParseInt(ref[1:], 10, 32)
			if err != nil {
				b.WriteString(s[:j+1])
			} else {
				b.WriteRune(rune(n))
			}
		default:
			b.WriteString(s[:j+1])
		}
		s = s[j+1:]
	}
}
