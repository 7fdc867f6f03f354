package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// cdsRejectionOf reads a DMSREJ (Response FunctionCode 03); false for
// other notifications.
func cdsRejectionOf(p *Pass) (Rejection, bool) {
	resp := firstAt(p.Root, "/*/Response")
	if fc, _ := textAt(resp, "FunctionCode"); !resp.Valid() || fc != "03" {
		return Rejection{}, false
	}
	r := Rejection{Family: "cds", Kind: "DMSREJ", Line: resp.Line()}
	issued, _ := textAt(resp, "IssueDateTime/DateTimeString")
	r.Issued = dmsTime(issued)
	r.LRN, _ = textAt(resp, "Declaration/FunctionalReferenceID")
	r.MRN, _ = textAt(resp, "Declaration/ID")
	r.VersionID, _ = textAt(resp, "Declaration/VersionID")
	for _, e := range elementsAt(resp, "Error") {
		code, _ := textAt(e, "ValidationCode")
		if c, ok := cdsLegacyCodes[code]; ok {
			code = c
		} else if n, ok := strings.CutPrefix(code, "DMS"); ok {
			code = "CDS" + n
		}
		if len(r.Errors) == maxRejectedErrors {
			break
		}
		re := RejectedError{Code: code, Line: e.Line()}
		for _, s := range readChain(e) {
			re.Steps = append(re.Steps, PointerRef{Seq: s.seq, Section: s.section, Tag: s.tag, HasSeq: s.seqEl.Valid()})
		}
		r.Errors = append(r.Errors, re)
	}
	return r, true
}

// dmsTime writes a DMS date-time (20180125104618Z) as RFC 3339; other
// text as it is.
func dmsTime(s string) string {
	if t, err := time.Parse("20060102150405Z", s); err == nil {
		return t.Format(time.RFC3339)
	}
	return s
}

// sentCDS reads the references of a CDS message.
func sentCDS(root xsd.Element) SentMessage {
	s := SentMessage{Family: "cds"}
	s.LRN, _ = textAt(root, "/*/Declaration/FunctionalReferenceID")
	s.MRN, _ = textAt(root, "/*/Declaration/ID")
	return s
}

// locateCDS follows a DMS pointer chain from the Declaration through the
// CDS model and the message's elements.
func locateCDS(decl locNode, steps []PointerRef) located {
	loc := located{at: decl, path: "/Declaration"}
	if len(steps) == 0 {
		loc.notes = append(loc.notes, "the error names no element: shown on the Declaration")
		return loc
	}
	pm, err := pointerIndex()
	if err != nil {
		return loc
	}
	cls := pm.root
	i := 0
	if steps[0].Section == pm.root.id {
		i = 1
		if steps[0].Tag != "" {
			return locateItem(loc, cls, steps[0].Tag)
		}
	}
	for ; i < len(steps); i++ {
		s := steps[i]
		next := cls.classes[s.Section]
		if next == nil && cls != pm.root && pm.root.classes[s.Section] != nil {
			next = pm.root.classes[s.Section]
			loc.notes = append(loc.notes, fmt.Sprintf("the pointer puts %s under %s; it is read under the Declaration", s.Section, cls.id))
			loc.at, loc.path = decl, "/Declaration"
		}
		if next == nil {
			loc.notes = append(loc.notes, fmt.Sprintf("the pointer leaves customslint's model at %s: shown on %s", s.Section, loc.path))
			return loc
		}
		kid, label, ok := pickKid(loc.at, next, s)
		path := loc.path + "/" + next.name + label
		if !ok {
			loc.notes = append(loc.notes, fmt.Sprintf("the message has no %s: shown on its nearest present ancestor", path))
			loc.path = path + tagName(next, s.Tag)
			return loc
		}
		loc.at, loc.path, cls = kid, path, next
		if s.Tag != "" {
			return locateItem(loc, next, s.Tag)
		}
	}
	return loc
}

// locateItem moves loc, at an element of class c, to its data item tag.
func locateItem(loc located, c *wcoClass, tag string) located {
	name := tagItem(c, tag)
	if name == "" {
		loc.notes = append(loc.notes, fmt.Sprintf("TagID %s is no data item of %s: shown on the class", tag, c.name))
		return loc
	}
	loc.path += "/" + name
	items := loc.at.kids(name)
	if len(items) == 0 {
		loc.notes = append(loc.notes, "the message lacks it: shown on its nearest present ancestor")
		return loc
	}
	loc.at = items[0]
	return loc
}

// pickKid selects the occurrence of class c under n that a Pointer names.
func pickKid(n locNode, c *wcoClass, s PointerRef) (locNode, string, bool) {
	kids := n.kids(c.name)
	seq, err := strconv.Atoi(strings.TrimSpace(s.Seq))
	switch {
	case !s.HasSeq || err != nil || !c.repeats():
		if len(kids) == 0 {
			return nil, "", false
		}
		if c.repeats() {
			return kids[0], "[1]", true // unnumbered: the first
		}
		return kids[0], "", true
	case c.seqTag:
		label := fmt.Sprintf("[SequenceNumeric=%d]", seq)
		for _, k := range kids {
			if v, err := strconv.Atoi(strings.TrimSpace(k.seqText())); err == nil && v == seq {
				return k, label, true
			}
		}
		return nil, label, false
	default:
		label := fmt.Sprintf("[%d]", seq)
		if seq < 1 || seq > len(kids) {
			return nil, label, false
		}
		return kids[seq-1], label, true
	}
}

// tagItem is the element name of a data item of class c.
func tagItem(c *wcoClass, tag string) string {
	if name, ok := c.items[tag]; ok {
		return name
	}
	return extraTags[c.path][tag]
}

func tagName(c *wcoClass, tag string) string {
	if tag == "" {
		return ""
	}
	if n := tagItem(c, tag); n != "" {
		return "/" + n
	}
	return ""
}
