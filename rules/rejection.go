package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// RejectionFactKind is the kind of Rejection facts; SentFactKind that of
// SentMessage facts.
const (
	RejectionFactKind = "rejection"
	SentFactKind      = "sent-message"
)

// Rejection is what a notification that rejects a message (a DMSREJ, an
// NCTS IE056) tells the other messages of a run.
type Rejection struct {
	Family    string // cds or ctc
	Kind      string // DMSREJ, CC056C
	Line      int    // the notification's message element
	Issued    string // when the authority rejected, as written (RFC 3339 when known)
	LRN, MRN  string
	VersionID string // CDS: the declaration's version the notification answers
	// RejectedType is the CTC message type the IE056 rejects (CC015C ...,
	// from businessRejectionType); empty when not known.
	RejectedType string
	Correlation  string // CTC correlationIdentifier
	Errors       []RejectedError
}

// FactKind implements Fact.
func (Rejection) FactKind() string { return RejectionFactKind }

// maxRejectedErrors bounds the errors read of one notification (an IE056
// holds at most 9999 FunctionalErrors).
const maxRejectedErrors = 9999

// RejectedError is one error of a rejection.
type RejectedError struct {
	Code      string       // CDS10001 (DMS numbers read as CDS), NCTS errorCode (12)
	Line      int          // of the Error / FunctionalError element
	Steps     []PointerRef // CDS: the Pointer chain
	XPath     string       // CTC: errorPointer
	Reason    string       // CTC: errorReason (a rule or condition: R0028, C0467)
	ErrorCode string       // CTC: errorCode (CL180)
	Original  string       // CTC: originalAttributeValue
}

// PointerRef is one Pointer of a DMS error's chain.
type PointerRef struct {
	Seq, Section, Tag string
	HasSeq            bool
}

// SentMessage is what a message sent to an authority tells the other
// messages of a run, so that a rejection can be read back onto it.
type SentMessage struct {
	Family      string // cds or ctc
	MessageType string
	LRN, MRN    string
	Line        int
	Correlation string // CTC messageIdentification
	// Tree holds the message's elements when it was read for context only
	// (not checked), so that a rejection can name the line of the element
	// its pointer names; nil for a checked message.
	Tree *Tree
}

// FactKind implements Fact.
func (SentMessage) FactKind() string { return SentFactKind }

// Tree is the element tree of a message read for context: names,
// lines and the text of SequenceNumeric elements, in flat slices.
type Tree struct {
	names []string // local names, each once
	nodes []treeEl // nodes[0] is the message element
	seqs  map[int32]string
}

type treeEl struct{ name, line, first, next int32 } // -1: none

// maxTreeNodes bounds the elements kept of one context message.
const maxTreeNodes = 1 << 20

// treeOf copies the element tree under root, at most maxTreeNodes
// elements.
func treeOf(root xsd.Element) *Tree {
	t := &Tree{seqs: map[int32]string{}}
	ids := map[string]int32{}
	name := func(s string) int32 {
		id, ok := ids[s]
		if !ok {
			id = int32(len(t.names))
			ids[s] = id
			t.names = append(t.names, s)
		}
		return id
	}
	type open struct {
		el   xsd.Element
		node int32
		last int32
	}
	t.nodes = append(t.nodes, treeEl{name: name(root.LocalName()), line: int32(root.Line()), first: -1, next: -1})
	stack := []open{{el: root, node: 0, last: -1}}
	root.Walk(func(el xsd.Element, local string) bool {
		if len(t.nodes) >= maxTreeNodes {
			return false
		}
		parent := el.Parent()
		for len(stack) > 1 && stack[len(stack)-1].el != parent {
			stack = stack[:len(stack)-1]
		}
		top := &stack[len(stack)-1]
		id := int32(len(t.nodes))
		t.nodes = append(t.nodes, treeEl{name: name(local), line: int32(el.Line()), first: -1, next: -1})
		if top.last < 0 {
			t.nodes[top.node].first = id
		} else {
			t.nodes[top.last].next = id
		}
		top.last = id
		if local == "SequenceNumeric" {
			t.seqs[id] = strings.TrimSpace(el.Text())
		}
		stack = append(stack, open{el: el, node: id, last: -1})
		return true
	})
	return t
}

// locNode is an element a rejection's pointer is followed through: of the
// message being checked, or of a context message's Node tree.
type locNode interface {
	kids(name string) []locNode
	seqText() string // the text of its SequenceNumeric child
	pos() (int, int)
}

type elNode struct{ e xsd.Element }

func (n elNode) kids(name string) []locNode {
	var out []locNode
	for k := n.e.FirstChild(); k.Valid(); k = k.Next() {
		if k.Is(name) {
			out = append(out, elNode{k})
		}
	}
	return out
}
func (n elNode) seqText() string { s, _ := textAt(n.e, "SequenceNumeric"); return s }
func (n elNode) pos() (int, int) { return n.e.Position() }

type treeNode struct {
	t *Tree
	i int32
}

func (n treeNode) kids(name string) []locNode {
	var out []locNode
	for k := n.t.nodes[n.i].first; k >= 0; k = n.t.nodes[k].next {
		if n.t.names[n.t.nodes[k].name] == name {
			out = append(out, treeNode{n.t, k})
		}
	}
	return out
}
func (n treeNode) seqText() string {
	for k := n.t.nodes[n.i].first; k >= 0; k = n.t.nodes[k].next {
		if n.t.names[n.t.nodes[k].name] == "SequenceNumeric" {
			return n.t.seqs[k]
		}
	}
	return ""
}
func (n treeNode) pos() (int, int) { return int(n.t.nodes[n.i].line), 0 }

// located is where a rejection's pointer lands in the sent message.
type located struct {
	at   locNode
	path string // the element path followed
	// notes say where the pointer did not lead exactly (a missing element:
	// the nearest present ancestor; a legacy pointer read from the header).
	notes []string
}

// rejection reports each error of the notifications of the run on the
// message they reject.
var rejection = &Rule{
	ID:       "rejection",
	Summary:  "reads a rejection (DMSREJ, NCTS IE056) in the same run back onto the message it rejects: an error at the element its pointer names, with the code, its meaning and the customslint rule that catches it",
	Severity: Error,
	Export:   func(p *Pass) { exportRejection(p) },
	Doc: `When CDS rejects a declaration (a DMS notification DMSREJ: Response FunctionCode 03, with
Error elements holding a ValidationCode and a chain of Pointer elements) or NCTS rejects a
message (an IE056, CC056C, with FunctionalError errorPointer, errorCode and errorReason), and the
notification is checked in the same run as the message it answers (files given together, or in
a folder given with --context DIR), this rule reports each error as an error finding on the sent
message, at the line and column of the element the pointer names, with the authority's code
(legacy DMSnnnnn read as CDSnnnnn; for NCTS the rule or condition errorReason names, R0028 or
C0467, when it names one, else the errorCode), what it means (CDS codes from customslint's list
or HMRC's dmsErrorCodes when loaded; NCTS errorCode from CL180) and whether a customslint rule
catches it before sending, naming the rule, or that none does yet and why.

Matching: CDS by LRN (FunctionalReferenceID) or MRN (Declaration/ID); CTC by LRN or MRN, with
the rejected message type from businessRejectionType and, where present, the IE056's
correlationIdentifier against the sent message's messageIdentification. When several sent
messages match (a declaration and its amendments share an LRN), a DMSREJ of VersionID 1 is read
as answering the original declaration and a later version its amendment; when that does not
single one out, each is reported and the finding says the match is ambiguous.

Where the pointer names an element the message does not have, the finding lands on its nearest
present ancestor; a DMS pointer that leaves the model (HMRC's Trade Test notifications point at
42A/67A/56A for the ExitOffice, which is 42A/56A) is tried under the Declaration before falling
back; a DMSREJ error without pointer lands on the Declaration. A CDS pointer's SequenceNumeric
selects the iteration (a goods item by its own SequenceNumeric); a CTC errorPointer is an XPath
with positions (/CC015C/HouseConsignment[1]/ConsignmentItem[2]/...).

When the sent message was only read for context (--context), the finding goes on the
notification's error, naming the sent file and line. The notification itself keeps its
cds-notification-error info findings.

Failing (decl.xml with LRN Import_NetMass_REJ, checked with this DMSREJ):

    <Error>
      <ValidationCode>DMS10001</ValidationCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>68A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>23A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>65A</DocumentSectionCode><TagID>128</TagID></Pointer>
    </Error>
    <Declaration><FunctionalReferenceID>Import_NetMass_REJ</FunctionalReferenceID>...

gives, on decl.xml at goods item 1's GoodsMeasure (NetNetWeightMeasure is missing):

    error: CDS rejected this (DMSREJ rej.xml, 2018-01-25T10:46:18Z) with CDS10001 (...) at
    /Declaration/GoodsShipment/GovernmentAgencyGoodsItem[SequenceNumeric=1]/Commodity/GoodsMeasure/NetNetWeightMeasure,
    which the message lacks (shown on its nearest present ancestor); customslint's cds-dataset
    catches this before sending [rejection CDS10001]

Passing: the same declaration checked without the notification, or with a DMSACC.
`,
	Check: func(p *Pass) { checkRejection(p) },
}

func init() { register(rejection) }

// exportRejection exports a Rejection from a rejecting notification and a
// SentMessage from any other CDS or CTC message.
func exportRejection(p *Pass) {
	switch {
	case p.MessageType == "CDS-RES":
		if r, ok := cdsRejectionOf(p); ok {
			p.ExportFact(r)
		}
	case p.MessageType == "CC056C":
		p.ExportFact(ctcRejectionOf(p))
	case strings.HasPrefix(p.MessageType, "CDS-"), strings.HasPrefix(p.MessageType, "CC"):
		s := sentOf(p)
		if p.Context {
			s.Tree = treeOf(p.Root)
		}
		p.ExportFact(s)
	}
}

// sentOf reads the references of a sent message.
func sentOf(p *Pass) SentMessage {
	var s SentMessage
	if strings.HasPrefix(p.MessageType, "CDS-") {
		s = sentCDS(p.Root)
	} else {
		s = sentCTC(p.Root)
	}
	s.MessageType, s.Line = p.MessageType, p.Root.Line()
	return s
}

// matchFor pairs a rejection with the sent messages of the run it
// answers: the chosen ones, and whether the choice is ambiguous.
// self, when not nil, is the message being checked: a candidate even when
// the run did not collect its facts (a library caller's corpus of
// notifications only).
func matchFor(c Corpus, r Rejection, self *ExportedFact) (chosen []ExportedFact, ambiguous bool) {
	var cands []ExportedFact
	seen := map[string]bool{} // a message checked after the corpus exports its facts twice
	all := c.Facts(SentFactKind)
	if self != nil && !slices.ContainsFunc(all, func(ef ExportedFact) bool { return ef.Path == self.Path }) {
		all = append(slices.Clone(all), *self)
	}
	for _, ef := range all {
		if s, ok := ef.Fact.(SentMessage); ok && !seen[ef.Path] && answers(r, s) {
			seen[ef.Path] = true
			cands = append(cands, ef)
		}
	}
	if len(cands) <= 1 {
		return cands, false
	}
	var pick []ExportedFact
	for _, ef := range cands {
		s := ef.Fact.(SentMessage)
		switch {
		case r.Family == "cds" && (r.VersionID == "1" || r.VersionID == "") && s.MessageType == "CDS-DEC",
			r.Family == "cds" && r.VersionID != "1" && r.VersionID != "" && s.MessageType == "CDS-COR",
			r.Family == "ctc" && r.Correlation != "" && s.Correlation == r.Correlation:
			pick = append(pick, ef)
		}
	}
	if len(pick) == 1 {
		return pick, false
	}
	return cands, true
}

// answers reports whether a rejection may answer a sent message.
func answers(r Rejection, s SentMessage) bool {
	if r.Family != s.Family {
		return false
	}
	if r.RejectedType != "" && s.MessageType != r.RejectedType {
		return false
	}
	return (r.LRN != "" && r.LRN == s.LRN) || (r.MRN != "" && r.MRN == s.MRN)
}

// checkRejection reports the rejections of the run on this message, or,
// on a notification, those whose sent message was read for context only.
func checkRejection(p *Pass) {
	if p.Config.Corpus == nil {
		return
	}
	rejs := p.Config.Corpus.Facts(RejectionFactKind)
	if len(rejs) == 0 {
		return
	}
	if p.MessageType == "CDS-RES" || p.MessageType == "CC056C" {
		checkNotification(p)
		return
	}
	self := ExportedFact{Path: p.Name, Fact: sentOf(p)}
	for _, ef := range rejs {
		r, ok := ef.Fact.(Rejection)
		if !ok || !answers(r, self.Fact.(SentMessage)) {
			continue // the cheap test first: a run may hold many notifications
		}
		chosen, ambiguous := matchFor(p.Config.Corpus, r, &self)
		if !slices.ContainsFunc(chosen, func(c ExportedFact) bool { return c.Path == p.Name }) {
			continue
		}
		amb := ""
		if ambiguous {
			amb = " (the match is ambiguous: the notification answers one of " + pathList(chosen) + ", customslint cannot tell which)"
		}
		for _, e := range r.Errors {
			loc := locateIn(p, r, e, elNode{firstRoot(p)})
			line, col := loc.at.pos()
			path := ""
			if el, ok := loc.at.(elNode); ok {
				path = el.e.Path()
			}
			p.Report(Diagnostic{Code: e.Code, Line: line, Column: col, Path: path,
				Message: rejectionText(p, r, ef.Path, e, loc) + amb})
		}
	}
}

// checkNotification reports, on a notification, the errors whose sent
// message the run read for context only.
func checkNotification(p *Pass) {
	var own Rejection
	var ok bool
	if p.MessageType == "CDS-RES" {
		own, ok = cdsRejectionOf(p)
	} else {
		own, ok = ctcRejectionOf(p), true
	}
	if !ok {
		return
	}
	chosen, ambiguous := matchFor(p.Config.Corpus, own, nil)
	for _, ef := range chosen {
		s := ef.Fact.(SentMessage)
		if s.Tree == nil {
			continue
		}
		amb := ""
		if ambiguous {
			amb = " (the match is ambiguous: it answers one of " + pathList(chosen) + ")"
		}
		els := errorElements(p)
		for i, e := range own.Errors {
			loc := locateIn(p, own, e, treeNode{s.Tree, 0})
			line, _ := loc.at.pos()
			at, col := e.Line, 0
			if i < len(els) {
				at, col = els[i].Position()
			}
			p.Report(Diagnostic{Code: e.Code, Line: at, Column: col,
				Message: fmt.Sprintf("in %s:%d (read for context, not checked): %s%s", ef.Path, line, rejectionText(p, own, p.Name, e, loc), amb)})
		}
	}
}

// errorElements are a notification's Error (DMS) or FunctionalError
// (IE056) elements, in the order of its Rejection's Errors.
func errorElements(p *Pass) []xsd.Element {
	if p.MessageType == "CDS-RES" {
		return elementsAt(p.Root, "/*/Response/Error")
	}
	return elementsAt(p.Root, "/*/FunctionalError")
}

// firstRoot is the element a sent message's pointers start from: the CDS
// Declaration, the CTC message element.
func firstRoot(p *Pass) xsd.Element {
	if strings.HasPrefix(p.MessageType, "CDS-") {
		if d := firstAt(p.Root, "Declaration"); d.Valid() {
			return d
		}
	}
	return p.Root
}

// locateIn follows an error's pointer from root.
func locateIn(p *Pass, r Rejection, e RejectedError, root locNode) located {
	if tn, ok := root.(treeNode); ok && r.Family == "cds" {
		if d := tn.kids("Declaration"); len(d) > 0 {
			root = d[0]
		}
	}
	if r.Family == "cds" {
		return locateCDS(root, e.Steps)
	}
	return locateCTC(root, e.XPath)
}

func pathList(efs []ExportedFact) string {
	var ps []string
	for _, ef := range efs {
		ps = append(ps, ef.Path)
	}
	return strings.Join(ps, ", ")
}

// rejectionText writes what a rejection says about one error.
func rejectionText(p *Pass, r Rejection, notification string, e RejectedError, loc located) string {
	var b strings.Builder
	who := "CDS"
	if r.Family == "ctc" {
		who = "NCTS"
	}
	when := ""
	if r.Issued != "" {
		when = ", " + r.Issued
	}
	fmt.Fprintf(&b, "%s rejected this (%s %s%s) with %s", who, r.Kind, notification, when, codeMeaning(p, r, e))
	if loc.path != "" {
		fmt.Fprintf(&b, " at %s", loc.path)
	}
	if len(loc.notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(loc.notes, "; "))
	}
	b.WriteString("; ")
	b.WriteString(catcher(r, e))
	return b.String()
}

// codeMeaning is the code with what it means.
func codeMeaning(p *Pass, r Rejection, e RejectedError) string {
	if r.Family == "cds" {
		if e.Code == "" {
			return "an error without ValidationCode"
		}
		if t, ok := validationCodeText(p.Config.CodeLists, e.Code); ok {
			return e.Code + " (" + t + ")"
		}
		return e.Code + " (a code customslint does not know)"
	}
	return ctcCodeMeaning(p, e)
}

// catcher says which customslint rule catches an error before sending.
func catcher(r Rejection, e RejectedError) string {
	if r.Family == "ctc" {
		return ctcCatcher(e)
	}
	ids := slices.DeleteFunc(cdsCodeRules(e.Code), func(id string) bool { return id == "rejection" })
	if len(ids) > 0 {
		return "customslint's " + strings.Join(ids, " or ") + " catches this before sending"
	}
	if why, ok := cdsNotChecked[e.Code]; ok {
		return "no customslint rule catches this yet (" + why + ")"
	}
	return "no customslint rule catches this yet"
}
