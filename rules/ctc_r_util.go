package rules

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Helpers of the ctc-r0xxx rules (NCTS rules R..., phases 5 and 6).

// Message type groups of the NCTS rules, as HMRC's tables attach them.
var (
	rDecl       = []string{"CC013C", "CC015C"}
	rDecl29     = []string{"CC013C", "CC015C", "CC029C"}
	rDecl2943   = []string{"CC013C", "CC015C", "CC029C", "CC043C"}
	rDecl170    = []string{"CC013C", "CC015C", "CC029C", "CC170C"}
	rTransport  = []string{"CC013C", "CC015C", "CC029C", "CC043C", "CC170C"}
	rGoods      = []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"}
	rUnloadRecv = []string{"CC025C", "CC044C"}
)

// rNew builds one ctc-r rule: an error, on these message types.
func rNew(id, summary string, types []string, doc string, check func(*Pass)) *Rule {
	return &Rule{ID: id, Summary: summary, Severity: Error, MessageTypes: types, Profiles: ctcProfiles, Doc: doc, Check: check}
}

// rWarning makes a rule's findings warnings: the rule is published, but
// whether HMRC's NCTS applies it to such a movement is not.
func rWarning(r *Rule) *Rule {
	r.Severity = Warning
	return r
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
