package rules

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// Reading values: numbers, masses, dates, office countries.

// decimal parses a decimal (a mass) exactly; ok is false when it is not one.
func decimal(s string) (*big.Rat, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "eE/") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// isZero reports whether a decimal is zero.
func isZero(s string) bool {
	r, ok := decimal(s)
	return ok && r.Sign() == 0
}

// sumAt adds the decimals at path under each element; ok is false when one
// is not a number.
func sumAt(els []xsd.Element, path string) (*big.Rat, bool) {
	sum := new(big.Rat)
	for _, e := range els {
		if el := firstAt(e, path); el.Valid() {
			r, ok := decimal(el.Text())
			if !ok {
				return nil, false
			}
			sum.Add(sum, r)
		}
	}
	return sum, true
}

// showDecimal prints a decimal without trailing zeros.
func showDecimal(r *big.Rat) string {
	s := r.FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// wholeNumber parses a whole number such as a sequence number.
func wholeNumber(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// canonicalNumber normalises a decimal integer ("007" is "7").
func canonicalNumber(s string) string {
	t := strings.TrimLeft(strings.TrimSpace(s), "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// ordinal is "1st", "2nd", "3rd", "4th" ...
func ordinal(n int) string {
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

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool {
	return strings.ToUpper(s) != s
}

// parseDateTime parses an NCTS date and time (no time zone) or date.
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// officeCountry is the country of a customs office reference number (its
// first two characters), "" when it is shorter.
func officeCountry(ref string) string {
	ref = strings.TrimSpace(ref)
	if len(ref) < 2 {
		return ""
	}
	return ref[:2]
}

// officeAt is the country of the office group (…/referenceNumber) under
// the message, with its referenceNumber element.
func officeAt(p *Pass, group string) (string, xsd.Element) {
	el := firstAt(p.Root, group+"/referenceNumber")
	if !el.Valid() {
		return "", el
	}
	return officeCountry(strings.TrimSpace(el.Text())), el
}

// senderIn reports whether the last two characters of messageSender are
// in a list (false when the list is not available).
func senderIn(p *Pass, list string) bool {
	s := valueAt(p.Root, "messageSender")
	if len(s) < 2 {
		return false
	}
	in, known := p.In(list, s[len(s)-2:])
	return known && in
}

// canonicalContent is a canonical text of an element's content (names and
// trimmed texts of every descendant), for comparing data groups.
func canonicalContent(e xsd.Element) string {
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
