package rules

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// c1Number normalises a decimal integer ("007" is "7").
func c1Number(s string) string {
	t := strings.TrimLeft(strings.TrimSpace(s), "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// c2Int reads a whole number at path under e.
func c2Int(e xsd.Element, path string) (int, bool) {
	v, ok := Text(e, path)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// at returns the element reached from e by these local names (the first of
// each), or an invalid Element.
func at(e xsd.Element, names ...string) xsd.Element {
	for _, n := range names {
		if !e.Valid() {
			break
		}
		e = e.ChildByLocalName(n)
	}
	return e
}

// rZero reports whether a number is zero.
func rZero(s string) bool {
	r, ok := rNum(s)
	return ok && r.Sign() == 0
}

// rSum adds the numbers at path under each element; ok is false when one is
// not a number.
func rSum(els []xsd.Element, path string) (*big.Rat, bool) {
	sum := new(big.Rat)
	for _, e := range els {
		if el := First(e, path); el.Valid() {
			r, ok := rNum(el.Text())
			if !ok {
				return nil, false
			}
			sum.Add(sum, r)
		}
	}
	return sum, true
}

// rShow prints a decimal without trailing zeros.
func rShow(r *big.Rat) string {
	s := r.FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// rWalk calls f for every element under e (e included), in document order.
func rWalk(e xsd.Element, f func(xsd.Element)) {
	if !e.Valid() {
		return
	}
	f(e)
	e.Walk(func(el xsd.Element, _ string) bool {
		f(el)
		return true
	})
}

// rDateTime parses an NCTS date and time (no time zone) or date.
func rDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// rSenderIn reports whether the last two characters of messageSender are
// in a list (false when the list is not available).
func rSenderIn(p *Pass, list string) bool {
	s := Value(p.Root, "messageSender")
	if len(s) < 2 {
		return false
	}
	in, known := p.In(list, s[len(s)-2:])
	return known && in
}

// rOffice is the country of the office at path (…/referenceNumber) under
// the message, with its element.
func rOffice(p *Pass, group string) (string, xsd.Element) {
	el := First(p.Root, group+"/referenceNumber")
	if !el.Valid() {
		return "", el
	}
	return officeCountry(strings.TrimSpace(el.Text())), el
}

// rNum parses a decimal (a mass) exactly; ok is false when it is not one.
func rNum(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "eE/") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// rInt parses a whole number such as a sequence number.
func rInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// rHasLower reports whether s holds a lower-case letter.
func rHasLower(s string) bool {
	return strings.ToUpper(s) != s
}

// rOrdinal is "1st", "2nd", "3rd", "4th" ...
func rOrdinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// rCanon is a canonical text of an element's content (names and trimmed
// texts of every descendant), for comparing data groups.
func rCanon(e xsd.Element) string {
	var b strings.Builder
	var walk func(xsd.Element)
	walk = func(e xsd.Element) {
		b.WriteString("<" + e.LocalName() + ">")
		if !e.HasElementChildren() {
			b.WriteString(strings.TrimSpace(e.Text()))
		}
		for c := e.FirstChild(); c.Valid(); c = c.Next() {
			walk(c)
		}
		b.WriteString("</>")
	}
	walk(e)
	return b.String()
}
