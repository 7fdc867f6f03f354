package hmrcvalidator

import (
	"slices"
	"strings"
)

// HMRCPattern writes an XSD pattern as HMRC's XSD-to-JSON-Schema converter
// writes it in HMRC's published JSON Schemas, which its validator quotes in
// its messages: anchored as ^(...)$, "." and \P{Z} as [\w\D], \d as [\d],
// {n} as {n,n} ({1} dropped), "-" and ":" escaped outside classes, the
// items of a class in order with "!" escaped ([A-Z0-9] as [0-9A-Z]).
// Patterns with alternatives, which that converter splits apart, are
// written as the XSD has them.
func HMRCPattern(xsd string) string {
	var b strings.Builder
	rs := []rune(xsd)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; r {
		case '\\':
			if i+1 >= len(rs) {
				b.WriteRune(r)
				continue
			}
			switch n := rs[i+1]; n {
			case 'd':
				b.WriteString(`[\d]`)
				i++
			case 'p', 'P':
				if j := indexFrom(rs, i+2, '}'); i+2 < len(rs) && rs[i+2] == '{' && j > 0 {
					b.WriteString(`[\w\D]`)
					i = j
					continue
				}
				b.WriteRune(r)
				b.WriteRune(n)
				i++
			default:
				b.WriteRune(r)
				b.WriteRune(n)
				i++
			}
		case '.':
			b.WriteString(`[\w\D]`)
		case '-', ':':
			b.WriteRune('\\')
			b.WriteRune(r)
		case '[':
			end := classEnd(rs, i)
			if end < 0 {
				b.WriteString(string(rs[i:]))
				i = len(rs)
				continue
			}
			b.WriteString(class(rs[i+1 : end]))
			i = end
		case '{':
			j := indexFrom(rs, i+1, '}')
			if j < 0 {
				b.WriteRune(r)
				continue
			}
			q := string(rs[i+1 : j])
			switch {
			case q == "1":
			case !strings.Contains(q, ","):
				b.WriteString("{" + q + "," + q + "}")
			default:
				b.WriteString("{" + q + "}")
			}
			i = j
		default:
			b.WriteRune(r)
		}
	}
	return "^(" + b.String() + ")$"
}

// indexFrom is the index of r in rs at or after from, -1 if none.
func indexFrom(rs []rune, from int, r rune) int {
	for j := from; j < len(rs); j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}

// classEnd is the index of the "]" closing the class opened at start.
func classEnd(rs []rune, start int) int {
	for j := start + 1; j < len(rs); j++ {
		switch rs[j] {
		case '\\':
			j++
		case ']':
			if j > start+1 {
				return j
			}
		}
	}
	return -1
}

// class writes the inside of a character class as HMRC's converter does:
// its items (ranges, characters, escapes) in order, "!" escaped.
func class(in []rune) string {
	neg := len(in) > 0 && in[0] == '^'
	if neg {
		in = in[1:]
	}
	var items []string
	for i := 0; i < len(in); i++ {
		item := string(in[i])
		if in[i] == '\\' && i+1 < len(in) {
			item = string(in[i : i+2])
			i++
		}
		if i+2 < len(in) && in[i+1] == '-' && in[i+2] != ']' {
			item += "-" + string(in[i+2])
			i += 2
		}
		items = append(items, strings.Replace(item, "!", `\!`, 1))
	}
	if !neg {
		slices.SortStableFunc(items, func(a, b string) int { return strings.Compare(strings.TrimPrefix(a, `\`), strings.TrimPrefix(b, `\`)) })
	}
	out := "["
	if neg {
		out += "^"
	}
	return out + strings.Join(items, "") + "]"
}
