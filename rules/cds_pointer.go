package rules

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/xsd"
)

// WCO pointers. A CDS amendment says what it changes, a DMS notification
// says where an error is, with a chain of Pointer elements: one Pointer per
// class (WCO DocumentSectionCode) from the Declaration (42A) down, each
// with the SequenceNumeric of that class's occurrence when the class
// repeats, and on the last one, optionally, the TagID of a data item of
// that class. 42A.67A.68A#3.02A#4.D005 is the reference (D005) of the
// fourth AdditionalDocument (02A) of goods item 3 (68A) of the
// GoodsShipment (67A).
//
// The classes and data items come from customslint's own CDS model
// (model/src/cds, the wco= IDs, through its tables: model.Lookup), read
// once into a tree of classes.

// wcoClass is a class of the CDS declaration model at one place in the
// tree (AdditionalDocument under Declaration and under a goods item are two).
type wcoClass struct {
	id     string // 42A
	name   string // GoodsShipment
	path   string // /Declaration/GoodsShipment
	max    int    // occurrences within the parent; model.Unbounded for no limit
	seqTag bool   // the class has its own SequenceNumeric (WCO 006)
	parent *wcoClass
	// classes are the child classes by WCO ID, items the data items: TagID
	// -> element name.
	classes map[string]*wcoClass
	items   map[string]string
	// untagged are the names of data items without a WCO ID.
	untagged map[string]bool
}

func (c *wcoClass) label() string { return c.id + " (" + c.name + ")" }

func (c *wcoClass) repeats() bool { return c.max != 1 }

// extraTags are the TagIDs DMS uses for elements the model gives no WCO
// ID, by the class's path. HMRC's schema has no WCOID for
// Classification/IdentificationTypeCode; DMS points at it with 337 (its
// DMSREJ notifications name 21A/337 next to 21A/145, the commodity code).
var extraTags = map[string]map[string]string{
	"/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Classification": {"337": "IdentificationTypeCode"},
}

var classID = regexp.MustCompile(`^[0-9]{2}[A-Z]$`)

// pointerModel is the class tree of the CDS declaration, and where each
// class ID occurs.
type pointerModel struct {
	root  *wcoClass
	where map[string][]*wcoClass
}

var pointerIndex = sync.OnceValues(func() (*pointerModel, error) {
	set, err := model.Lookup("cds")
	if err != nil {
		return nil, err
	}
	return buildPointerModel(set)
})

// buildPointerModel reads the class tree of the declaration schema: an
// element with element content is a class (its WCO ID is of the form 42A),
// any other a data item of the class holding it.
func buildPointerModel(set *model.Set) (*pointerModel, error) {
	nodes, err := set.Tree("declaration", "Declaration")
	if err != nil {
		return nil, err
	}
	parents := map[*model.Node]bool{}
	for _, n := range nodes {
		if n.Parent != nil {
			parents[n.Parent] = true
		}
	}
	pm := &pointerModel{where: map[string][]*wcoClass{}}
	classes := map[*model.Node]*wcoClass{}
	for _, n := range nodes {
		id := n.Element.WCO
		if parents[n] {
			if !classID.MatchString(id) {
				return nil, fmt.Errorf("pointer index: %s holds elements but its WCO ID %q is not a class ID", n.Path, id)
			}
			c := &wcoClass{id: id, name: n.Element.Name, path: n.Path, max: n.Max, classes: map[string]*wcoClass{}, items: map[string]string{}, untagged: map[string]bool{}}
			classes[n] = c
			pm.where[id] = append(pm.where[id], c)
			if n.Parent == nil {
				pm.root = c
				continue
			}
			p := classes[n.Parent]
			if _, dup := p.classes[id]; dup {
				return nil, fmt.Errorf("pointer index: %s holds class %s twice", p.path, id)
			}
			c.parent = p
			p.classes[id] = c
			continue
		}
		p := classes[n.Parent]
		if p == nil {
			return nil, fmt.Errorf("pointer index: %s is not inside a class", n.Path)
		}
		if id == "" {
			p.untagged[n.Element.Name] = true // extraTags names the ones DMS points at
			continue
		}
		if classID.MatchString(id) {
			return nil, fmt.Errorf("pointer index: data item %s has the class ID %s", n.Path, id)
		}
		if old, dup := p.items[id]; dup {
			return nil, fmt.Errorf("pointer index: %s holds %s and %s with TagID %s", p.path, old, n.Element.Name, id)
		}
		p.items[id] = n.Element.Name
		if id == "006" && n.Element.Name == "SequenceNumeric" {
			p.seqTag = true
		}
	}
	if pm.root == nil || pm.root.id != "42A" {
		return nil, fmt.Errorf("pointer index: the declaration is not class 42A")
	}
	for path, tags := range extraTags {
		var c *wcoClass
		for _, cs := range pm.where {
			for _, x := range cs {
				if x.path == path {
					c = x
				}
			}
		}
		if c == nil {
			return nil, fmt.Errorf("pointer index: no class at %s", path)
		}
		for tag, name := range tags {
			if old, ok := c.items[tag]; ok {
				return nil, fmt.Errorf("pointer index: %s already has TagID %s (%s)", path, tag, old)
			}
			if !c.untagged[name] {
				return nil, fmt.Errorf("pointer index: %s has no data item %s without WCO ID", path, name)
			}
			c.items[tag] = name
		}
	}
	return pm, nil
}

// pointerStep is one Pointer of a chain as the message has it.
type pointerStep struct {
	el                  xsd.Element // the Pointer
	seqEl, secEl, tagEl xsd.Element // its children, invalid when absent
	seq, section, tag   string
}

// readChain returns the Pointer children of e, in document order.
func readChain(e xsd.Element) []pointerStep {
	var out []pointerStep
	for _, p := range elementsAt(e, "Pointer") {
		s := pointerStep{el: p, seqEl: firstAt(p, "SequenceNumeric"), secEl: firstAt(p, "DocumentSectionCode"), tagEl: firstAt(p, "TagID")}
		s.seq, _ = textAt(p, "SequenceNumeric")
		s.section, _ = textAt(p, "DocumentSectionCode")
		s.tag, _ = textAt(p, "TagID")
		out = append(out, s)
	}
	return out
}

// chainString writes a chain the way HMRC's exports service writes WCO
// pointers: 42A.67A.68A.#1.02A.#2.D006.
func chainString(steps []pointerStep) string {
	var parts []string
	for _, s := range steps {
		sec := s.section
		if sec == "" {
			sec = "?"
		}
		parts = append(parts, sec)
		if s.seqEl.Valid() {
			parts = append(parts, "#"+s.seq)
		}
		if s.tag != "" {
			parts = append(parts, s.tag)
		}
	}
	return strings.Join(parts, ".")
}

// chainProblem is what is wrong with a chain, at the element to report.
type chainProblem struct {
	at  xsd.Element
	sev Severity
	msg string
	// unnumbered is set when the problem is a repeating class without
	// SequenceNumeric.
	unnumbered *wcoClass
}

// resolvedChain is where a chain leads.
type resolvedChain struct {
	classes []*wcoClass // one per step reached
	seqs    []int       // the step's occurrence number, -1 when not given
	item    string      // the data item's element name, "" when none
	path    string      // /Declaration/GoodsShipment/GovernmentAgencyGoodsItem[SequenceNumeric=3]/...
	ok      bool        // every step resolved (occurrence numbers aside)
}

// parseSeq reads a SequenceNumeric: an integer, perhaps written 3.0.
func parseSeq(s string) (int, bool) {
	f, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// resolve follows a chain through the model, collecting what is wrong.
func (pm *pointerModel) resolve(steps []pointerStep) (resolvedChain, []chainProblem) {
	var r resolvedChain
	var probs []chainProblem
	bad := func(at xsd.Element, sev Severity, format string, args ...any) {
		probs = append(probs, chainProblem{at: at, sev: sev, msg: fmt.Sprintf(format, args...)})
	}
	var cur *wcoClass
	var path strings.Builder
	for i, s := range steps {
		at := s.secEl
		if !at.Valid() {
			bad(s.el, Error, "Pointer %d of the chain has no DocumentSectionCode", i+1)
			r.path = path.String()
			return r, probs
		}
		var next *wcoClass
		switch {
		case i == 0 && s.section != pm.root.id:
			bad(at, Error, "a pointer chain starts at the Declaration (42A), not at %s%s", s.section, pm.whereIs(s.section))
		case i == 0:
			next = pm.root
		default:
			next = cur.classes[s.section]
			if next == nil {
				bad(at, Error, "%s is not a class within %s%s", s.section, cur.label(), pm.whereIs(s.section))
			}
		}
		if next == nil {
			r.path = path.String()
			return r, probs
		}
		cur = next
		r.classes = append(r.classes, cur)
		path.WriteString("/" + cur.name)
		seq, shown := -1, -1
		switch {
		case s.seqEl.Valid():
			n, ok := parseSeq(s.seq)
			if ok {
				shown = n
			}
			switch {
			case !ok:
				bad(s.seqEl, Error, "SequenceNumeric %q of %s is not a whole number", s.seq, cur.label())
			case cur.parent == nil:
				if n != 1 {
					bad(s.seqEl, Warning, "%s is the whole declaration: SequenceNumeric %d names no occurrence (give 1 or leave it out)", cur.label(), n)
				}
			case !cur.repeats():
				if n != 1 {
					bad(s.seqEl, Warning, "%s occurs at most once in %s: SequenceNumeric %d names no occurrence (give 1 or leave it out)", cur.label(), parentName(cur), n)
				}
			case cur.seqTag && n < 0, !cur.seqTag && n < 1:
				bad(s.seqEl, Error, "SequenceNumeric %d of %s names no occurrence: %s", n, cur.label(), seqMeaning(cur))
			case cur.max != model.Unbounded && n > cur.max:
				bad(s.seqEl, Error, "SequenceNumeric %d of %s names no occurrence: %s occurs at most %d times in %s", n, cur.label(), cur.name, cur.max, parentName(cur))
			default:
				seq = n
			}
		case cur.repeats():
			bad(s.el, Error, "%s repeats within %s: its Pointer needs a SequenceNumeric saying which one (%s)", cur.label(), parentName(cur), seqMeaning(cur))
			probs[len(probs)-1].unnumbered = cur
		}
		r.seqs = append(r.seqs, seq)
		if cur.repeats() {
			switch {
			case shown < 0:
				path.WriteString("[?]")
			case cur.seqTag:
				fmt.Fprintf(&path, "[SequenceNumeric=%d]", shown)
			default:
				fmt.Fprintf(&path, "[%d]", shown)
			}
		}
		if s.tagEl.Valid() {
			if i < len(steps)-1 {
				bad(s.tagEl, Error, "TagID %s is on Pointer %d of %d: only the last Pointer of a chain names a data item", s.tag, i+1, len(steps))
				r.path = path.String()
				return r, probs
			}
			name, ok := cur.items[s.tag]
			if !ok {
				what := "it holds " + strings.Join(sortedKeys(cur.items), ", ")
				if len(cur.items) == 0 {
					what = "it holds no data items"
				}
				if _, isClass := pm.where[s.tag]; isClass {
					what = s.tag + " is a class: give it a Pointer of its own"
				}
				bad(s.tagEl, Error, "TagID %s is not a data item of %s (%s)", s.tag, cur.label(), what)
				r.path = path.String()
				return r, probs
			}
			r.item = name
			path.WriteString("/" + name)
		}
	}
	r.path = path.String()
	r.ok = cur != nil
	return r, probs
}

// whereIs says where a class ID occurs in the model, for messages.
func (pm *pointerModel) whereIs(id string) string {
	cs := pm.where[id]
	if len(cs) == 0 {
		return " (" + id + " is not a class of the CDS declaration model)"
	}
	var paths []string
	for _, c := range cs {
		paths = append(paths, c.path)
	}
	if len(paths) > 3 {
		paths = append(paths[:3], "...")
	}
	return " (" + cs[0].name + " is at " + strings.Join(paths, ", ") + ")"
}

func parentName(c *wcoClass) string {
	if c.parent == nil {
		return "the message"
	}
	return c.parent.name
}

// seqMeaning says what a class's occurrence number is.
func seqMeaning(c *wcoClass) string {
	if c.seqTag {
		return "the value of " + c.name + "/SequenceNumeric"
	}
	return "the position of the " + c.name + " among its siblings, from 1"
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cdsAmendmentPointer checks the pointer chains of amendments and
// cancellations against the CDS model.
var cdsAmendmentPointer = &Rule{
	ID:           "cds-amendment-pointer",
	Summary:      "every Amendment/Pointer and AdditionalInformation/Pointer chain names a class path and data item of the CDS model",
	Severity:     Error,
	MessageTypes: []string{"CDS-COR", "CDS-INV"},
	Doc: `An amendment (COR) says what it changes, and a cancellation (INV) or an amendment ties its
free-text reason to an Amendment, with a chain of Pointer elements. The chain is a path through
the WCO classes of the declaration, one Pointer per class (DocumentSectionCode), from the
Declaration (42A) down: 42A, 67A (GoodsShipment), 68A (GovernmentAgencyGoodsItem), 23A
(Commodity) ... Each class must be a class of the one before it in customslint's CDS model, at
that place: Commodity (23A) lies within a goods item, so 42A, 67A, 23A is no path.

SequenceNumeric belongs to the Pointer of the class it counts: in 42A, 67A, 68A #3, the 3 picks
goods item 3. For a class with its own SequenceNumeric (goods items 68A, packages 93A,
transport equipment 31B, seals 44B, itinerary 81A, consignment items 29A) it is that number;
for other repeating classes (AdditionalDocument 02A, AdditionalInformation 03A, Amendment 06A,
DutyTaxFee 50A ...) it is the occurrence's position, from 1. HMRC's samples and its exports
service write it this way (an amendment adding goods item 3 points 42A, 67A, 68A #3). A Pointer
of a class that repeats needs a SequenceNumeric; one of a class that occurs once may leave it
out (HMRC's exports service does) or give 1; another number names no occurrence and is
reported as a warning.

TagID names a data item of the last class of the chain (D026, 228, 128 ...) and only there;
without it, the amendment adds or removes the whole class occurrence. In an
AdditionalInformation chain (42A, 06A #N) the number picks the message's own N-th Amendment,
which must exist. An amendment with no Pointer at all says nothing about what it changes.

Failing (Commodity is not a class of GoodsShipment; GoodsMeasure holds no TagID 999):

    <Amendment>
      <ChangeReasonCode>28</ChangeReasonCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>23A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>65A</DocumentSectionCode><TagID>999</TagID></Pointer>
    </Amendment>

Passing (net mass, 128, of goods item 1):

    <Amendment>
      <ChangeReasonCode>28</ChangeReasonCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>68A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>23A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>65A</DocumentSectionCode><TagID>128</TagID></Pointer>
    </Amendment>
`,
	Check: func(p *Pass) {
		pm, err := pointerIndex()
		if err != nil {
			panic(err) // the model is embedded: the package tests rule this out
		}
		amendments := elementsAt(p.Root, "/*/Declaration/Amendment")
		for _, a := range amendments {
			steps := readChain(a)
			if len(steps) == 0 {
				if p.MessageType == "CDS-COR" {
					p.Reportf(a, "Amendment has no Pointer: an amendment names what it changes with a chain of Pointers from the Declaration (42A)")
				}
				continue
			}
			reportChain(p, pm, steps)
		}
		for _, ai := range elementsAt(p.Root, "/*/Declaration/AdditionalInformation") {
			steps := readChain(ai)
			if len(steps) == 0 {
				continue
			}
			r := reportChain(p, pm, steps)
			if r.ok && len(r.classes) == 2 && r.classes[1].id == "06A" && r.seqs[1] > len(amendments) {
				p.Reportf(steps[1].seqEl, "AdditionalInformation points at Amendment %d (06A #%d), but the message has %d Amendment(s)", r.seqs[1], r.seqs[1], len(amendments))
			}
		}
	},
}

// reportChain reports what is wrong with a chain and returns where it leads.
func reportChain(p *Pass, pm *pointerModel, steps []pointerStep) resolvedChain {
	r, probs := pm.resolve(steps)
	for _, pr := range probs {
		p.ReportSeverity(pr.at, pr.sev, "%s", pr.msg)
	}
	return r
}

// cdsNilAmendment checks nil amendments (ChangeReasonCode 31).
var cdsNilAmendment = &Rule{
	ID:           "cds-nil-amendment",
	Summary:      "a nil amendment (ChangeReasonCode 31) points 42A, 67A, 99A to an MCR previous document the message carries, and the message amends nothing else",
	Severity:     Error,
	MessageTypes: []string{"CDS-COR"},
	Doc: `A nil (blank) amendment, ChangeReasonCode 31, changes no data: software for community
system providers sends one to tie a master consignment reference (MUCR) to an accepted
declaration, and refuses to send it without one. Its Pointer chain therefore names the
header previous document, Declaration (42A), GoodsShipment (67A), PreviousDocument (99A) with
the SequenceNumeric of the document (its position among GoodsShipment/PreviousDocument, from
1), and the message carries that PreviousDocument with TypeCode MCR. A message holding a nil
amendment holds no other kind of amendment: an amendment that changes data is sent on its
own. (Whether the chain itself is well formed is cds-amendment-pointer's part; the rest of the
message body is not judged here.)

Code 31 is the nil amendment of the CSP specifications; HMRC's own exports service marks its
nil amendments differently (code 32 with a pointer at the destination country), which this
rule leaves alone.

Failing (the pointer names a goods item; the previous document is a DUCR):

    <Amendment>
      <ChangeReasonCode>31</ChangeReasonCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>68A</DocumentSectionCode></Pointer>
    </Amendment>
    <GoodsShipment>
      <PreviousDocument><CategoryCode>Z</CategoryCode><ID>6GB123456789000-SHIP0312</ID><TypeCode>DCR</TypeCode></PreviousDocument>
    </GoodsShipment>

Passing:

    <Amendment>
      <ChangeReasonCode>31</ChangeReasonCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>99A</DocumentSectionCode></Pointer>
    </Amendment>
    <GoodsShipment>
      <PreviousDocument><CategoryCode>Z</CategoryCode><ID>GB/ABCD-12345SHIP</ID><TypeCode>MCR</TypeCode></PreviousDocument>
    </GoodsShipment>
`,
	Check: func(p *Pass) {
		amendments := elementsAt(p.Root, "/*/Declaration/Amendment")
		var nil31, others []xsd.Element
		for _, a := range amendments {
			if code, _ := textAt(a, "ChangeReasonCode"); code == "31" {
				nil31 = append(nil31, a)
			} else {
				others = append(others, a)
			}
		}
		if len(nil31) == 0 {
			return
		}
		docs := elementsAt(p.Root, "/*/Declaration/GoodsShipment/PreviousDocument")
		for _, a := range nil31 {
			checkNilAmendment(p, a, docs)
		}
		for _, a := range others {
			at := firstAt(a, "ChangeReasonCode")
			code, _ := textAt(a, "ChangeReasonCode")
			if !at.Valid() {
				at, code = a, "none"
			}
			p.Reportf(at, "the message holds a nil amendment (ChangeReasonCode 31), which amends nothing, and this amendment with ChangeReasonCode %s: send the change in a message of its own", code)
		}
	},
}

func checkNilAmendment(p *Pass, a xsd.Element, docs []xsd.Element) {
	steps := readChain(a)
	want := []string{"42A", "67A", "99A"}
	shape := len(steps) == len(want)
	for i := 0; shape && i < len(want); i++ {
		shape = steps[i].section == want[i]
	}
	if !shape {
		at := a
		if len(steps) > 0 {
			at = steps[0].el
		}
		got := chainString(steps)
		if got == "" {
			got = "nothing"
		}
		p.Reportf(at, "a nil amendment (ChangeReasonCode 31) points 42A, 67A, 99A, at the GoodsShipment/PreviousDocument holding the MUCR, not %s", got)
		return
	}
	last := steps[2]
	if !last.seqEl.Valid() {
		for _, d := range docs {
			if t, _ := textAt(d, "TypeCode"); t == "MCR" {
				return // which one is cds-amendment-pointer's to report
			}
		}
		p.Reportf(last.el, "the nil amendment points at a GoodsShipment/PreviousDocument, but the message carries none of TypeCode MCR")
		return
	}
	n, ok := parseSeq(last.seq)
	if !ok || n < 1 {
		return // cds-amendment-pointer reports it
	}
	if n > len(docs) {
		p.Reportf(last.seqEl, "the nil amendment points at GoodsShipment/PreviousDocument %d, but the message carries %d (it must carry the MCR document it points at)", n, len(docs))
		return
	}
	d := docs[n-1]
	tc := firstAt(d, "TypeCode")
	t, _ := textAt(d, "TypeCode")
	if t == "MCR" {
		return
	}
	at := d
	if tc.Valid() {
		at = tc
	}
	if t == "" {
		t = "missing"
	}
	p.Reportf(at, "the nil amendment points at GoodsShipment/PreviousDocument %d, whose TypeCode is %s, not MCR (the MUCR)", n, t)
}

func init() {
	register(cdsAmendmentPointer, cdsNilAmendment)
}
