package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// nctsRuleID matches an NCTS rule or condition named in errorReason.
var nctsRuleID = regexp.MustCompile(`\b([BCEGRS][0-9]{4})\b`)

// ctcListRE matches an errorReason that names a code list (CL152).
var ctcListRE = regexp.MustCompile(`^CL[0-9]{3}$`)

// ctcRejectionOf reads an IE056 (CC056C).
func ctcRejectionOf(p *Pass) Rejection {
	r := Rejection{Family: "ctc", Kind: "IE056", Line: p.Root.Line()}
	r.LRN, _ = textAt(p.Root, "/*/TransitOperation/LRN")
	r.MRN, _ = textAt(p.Root, "/*/TransitOperation/MRN")
	r.Issued, _ = textAt(p.Root, "/*/TransitOperation/rejectionDateAndTime")
	r.Correlation, _ = textAt(p.Root, "/*/correlationIdentifier")
	if t, _ := textAt(p.Root, "/*/TransitOperation/businessRejectionType"); len(t) == 3 {
		if _, err := strconv.Atoi(t); err == nil {
			r.RejectedType = "CC" + t + "C"
		}
	}
	for _, fe := range elementsAt(p.Root, "/*/FunctionalError") {
		if len(r.Errors) == maxRejectedErrors {
			break
		}
		e := RejectedError{Line: fe.Line()}
		e.XPath, _ = textAt(fe, "errorPointer")
		e.ErrorCode, _ = textAt(fe, "errorCode")
		e.Reason, _ = textAt(fe, "errorReason")
		e.Original, _ = textAt(fe, "originalAttributeValue")
		e.XPath, e.ErrorCode, e.Reason, e.Original = strings.TrimSpace(e.XPath), strings.TrimSpace(e.ErrorCode), strings.TrimSpace(e.Reason), strings.TrimSpace(e.Original)
		if m := nctsRuleID.FindStringSubmatch(strings.ToUpper(e.Reason)); m != nil {
			e.Code = m[1] // the errorCode alone is no code of a finding: the message names it
		}
		r.Errors = append(r.Errors, e)
	}
	return r
}

// sentCTC reads the references of a CTC message.
func sentCTC(root xsd.Element) SentMessage {
	s := SentMessage{Family: "ctc"}
	s.LRN, _ = textAt(root, "/*/TransitOperation/LRN")
	s.MRN, _ = textAt(root, "/*/TransitOperation/MRN")
	s.Correlation, _ = textAt(root, "/*/messageIdentification")
	return s
}

// xpathStep matches one step of an errorPointer: a name with an optional
// position.
var xpathStep = regexp.MustCompile(`^(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\[([0-9]{1,9})\])?$`)

// locateCTC follows an errorPointer (/CC015C/HouseConsignment[1]/...) from
// the message element.
func locateCTC(root locNode, xp string) located {
	loc := located{at: root}
	steps := strings.Split(strings.Trim(xp, "/"), "/")
	if xp == "" || len(steps) == 0 {
		loc.notes = append(loc.notes, "the error has no errorPointer: shown on the message element")
		return loc
	}
	first := xpathStep.FindStringSubmatch(steps[0])
	if first == nil {
		loc.notes = append(loc.notes, fmt.Sprintf("errorPointer %q is not a path customslint reads: shown on the message element", xp))
		return loc
	}
	loc.path = "/" + first[1]
	for _, st := range steps[1:] {
		m := xpathStep.FindStringSubmatch(st)
		if m == nil {
			loc.notes = append(loc.notes, fmt.Sprintf("errorPointer step %q is not read: shown on %s", st, loc.path))
			return loc
		}
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		kids := loc.at.kids(m[1])
		next := fmt.Sprintf("%s/%s[%d]", loc.path, m[1], n)
		if n < 1 || n > len(kids) {
			loc.notes = append(loc.notes, fmt.Sprintf("the message has no %s: shown on its nearest present ancestor", next))
			loc.path = "/" + strings.Trim(xp, "/")
			return loc
		}
		loc.at, loc.path = kids[n-1], next
	}
	loc.path = "/" + strings.Trim(xp, "/")
	return loc
}

// ctcCodeMeaning is an NCTS error's errorCode (CL180), reason and original
// value.
func ctcCodeMeaning(p *Pass, e RejectedError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "errorCode %s", e.ErrorCode)
	if l, ok := p.Config.CodeLists.Lookup("CL180"); ok && l.Description(e.ErrorCode) != "" {
		fmt.Fprintf(&b, " (%s)", l.Description(e.ErrorCode))
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, ", errorReason %s", e.Reason)
		if e.Code != "" {
			if r, ok := nctsChecked(e.Code); ok && r.Check != nil {
				fmt.Fprintf(&b, " (%s: %s)", e.Code, r.Summary)
			}
		}
	}
	if e.Original != "" {
		fmt.Fprintf(&b, ", original value %q", e.Original)
	}
	return b.String()
}

// ctcCatcher says which customslint rule catches an NCTS error before
// sending.
func ctcCatcher(e RejectedError) string {
	if e.Code == "" {
		if list := strings.ToUpper(e.Reason); ctcListRE.MatchString(list) {
			for _, tie := range ctcCodeTies {
				if tie.list == list {
					return "customslint's ctc-codelist checks this against " + list + " before sending, when the list is available (built in, or HMRC's loaded with --codelists)"
				}
			}
			return "no customslint rule checks code list " + list + " yet"
		}
		return "no customslint rule is named for it (the errorReason names no NCTS rule or condition)"
	}
	if r, ok := nctsChecked(e.Code); ok {
		return "customslint's " + r.ID + " catches this before sending"
	}
	if why, ok := nctsNotChecked[e.Code]; ok {
		return "no customslint rule catches this yet (" + why + ")"
	}
	return "no customslint rule catches this yet"
}
