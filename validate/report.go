package validate

import (
	"container/heap"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// Severity is how serious a finding is: error, warning or info.
type Severity = rules.Severity

// Finding is one problem in one message.
type Finding struct {
	Rule     string   `json:"rule"`     // rule ID (xml, message-type, xsd, cds-lrn ...)
	Severity Severity `json:"severity"` // error, warning or info
	Message  string   `json:"message"`
	Line     int      `json:"line"`   // 1-based; 1 for findings about the whole file
	Column   int      `json:"column"` // 1-based; 0 when the source gives none
	Path     string   `json:"path"`   // element path; empty when the finding is about the whole file
	// Code is the authority's code the finding anticipates or reports:
	// CDS10001 (a legacy DMS10001 is read as CDS10001), NCTS rules and
	// conditions as R0028, C0467; empty when none is known.
	Code string `json:"code,omitempty"`
	// Detail is the validator's own text where Message rewords it (a
	// schema error worded for traders keeps libxml2's here); empty
	// otherwise.
	Detail string `json:"detail,omitempty"`
}

// authorityCode matches the codes a report carries: letters then digits
// (CDS12015, R0028, C0467, G0160).
var authorityCode = regexp.MustCompile(`^[A-Z]{1,4}[0-9]{1,8}$`)

// FindingCode is the code a finding of rule r carries for a diagnostic
// whose own code is code: that code, or the rule's only code when code is
// empty and the rule has exactly one. A DMS-prefixed code is read as its
// CDS number (DMS10010 is CDS10010); anything that is not letters then
// digits (an odd ValidationCode a notification holds) gives no code.
func FindingCode(r *rules.Rule, code string) string {
	code = strings.TrimSpace(code)
	if code == rules.NoCode {
		return ""
	}
	if code == "" && r != nil && len(r.Codes) == 1 {
		code = r.Codes[0]
	}
	if !authorityCode.MatchString(code) {
		return ""
	}
	if n, ok := strings.CutPrefix(code, "DMS"); ok {
		code = "CDS" + n
	}
	return code
}

// Message types that are not a CTC root element name.
const (
	TypeCDSDeclaration  = "CDS-DEC" // FunctionCode 9
	TypeCDSAmendment    = "CDS-COR" // FunctionCode 13, TypeCode COR
	TypeCDSCancellation = "CDS-INV" // FunctionCode 13, TypeCode INV
	TypeCDSGoodsPresent = "CDS-GPR" // FunctionCode 13, TypeCode GPR
	TypeCDSNotification = "CDS-RES" // DMS notification (Response)
	TypeUnknown         = "UNKNOWN"
)

// FileReport is the result of checking one message.
type FileReport struct {
	Path        string `json:"path"`
	Profile     string `json:"profile"`     // cds, ctc-p4, ctc-p5, ctc-p6; empty when unknown
	MessageType string `json:"messageType"` // CDS-DEC ... or the CTC root (CC015C); UNKNOWN
	// Category is a CDS declaration's category (H1, I1 C&F, C21i EIDR NOP
	// ... as category spells them) when its goods items agree on one;
	// empty otherwise and for every other message.
	Category string    `json:"category,omitempty"`
	Findings []Finding `json:"findings"`
}

// Count returns the number of findings of severity s.
func (f *FileReport) Count(s Severity) int {
	n := 0
	for _, x := range f.Findings {
		if x.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding is an error.
func (f *FileReport) HasErrors() bool { return f.Count(rules.Error) > 0 }

// Summary counts files and findings.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Report is the result of one run: the JSON report of CONTRACT.md.
type Report struct {
	Version int          `json:"version"` // report format version, 1
	Files   []FileReport `json:"files"`
	Summary Summary      `json:"summary"`
	// Incomplete marks a report that does not cover every input: the run
	// was interrupted (Interrupted) or files could not be read. Unchecked
	// lists those inputs; they are never in Files, so none passes for
	// clean.
	Incomplete  bool        `json:"incomplete,omitempty"`
	Interrupted bool        `json:"interrupted,omitempty"`
	Unchecked   []Unchecked `json:"unchecked,omitempty"`
}

// Unchecked is an input a run did not check, and why.
type Unchecked struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// NewReport builds a report over the given file reports, in their order.
func NewReport(files []FileReport) Report {
	r := Report{Version: 1, Files: files}
	if r.Files == nil {
		r.Files = []FileReport{}
	}
	for i := range r.Files {
		if r.Files[i].Findings == nil {
			r.Files[i].Findings = []Finding{}
		}
		r.Summary.Errors += r.Files[i].Count(rules.Error)
		r.Summary.Warnings += r.Files[i].Count(rules.Warning)
	}
	r.Summary.Files = len(r.Files)
	return r
}

// DefaultMaxFindings is how many findings a file's report holds at most
// unless Options.MaxFindings says otherwise; one more finding (rule
// max-findings) then says how many were left out.
const DefaultMaxFindings = 1000

// collector gathers one file's findings as the checks produce them. With a
// cap it holds at most max findings at any time: the first ones by
// position (line, column, then the order they came in), which are exactly
// the ones a full sorted report would start with; the others are only
// counted. So memory stays bounded however many findings a message makes.
type collector struct {
	e       *Engine
	fr      *FileReport
	max     int // 0: no cap
	seq     int
	kept    rankedHeap
	forward *collector         // findings go there instead (the XML pass of a JSON message) ...
	place   func(*Finding)     // ... once placed
	skip    func(Finding) bool // inline suppressions, once the document is read
	unseen  map[string]bool    // rules some of whose findings were only counted (omit)
	dropped struct {
		n     int
		bySev map[Severity]int
		first ranked // the first dropped finding by position
	}
}

// ranked is a finding with its arrival number, which breaks ties in
// position so that equal positions keep the pipeline's order.
type ranked struct {
	f   Finding
	seq int
}

func (a ranked) before(b ranked) bool {
	if a.f.Line != b.f.Line {
		return a.f.Line < b.f.Line
	}
	if a.f.Column != b.f.Column {
		return a.f.Column < b.f.Column
	}
	return a.seq < b.seq
}

// rankedHeap is a max-heap by position: its root is the last finding kept,
// the one to give up when an earlier one arrives.
type rankedHeap []ranked

func (h rankedHeap) Len() int           { return len(h) }
func (h rankedHeap) Less(i, j int) bool { return h[j].before(h[i]) }
func (h rankedHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *rankedHeap) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *rankedHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// add takes one finding: it drops findings of disabled rules and
// suppressed ones, applies severity overrides, shortens the message and
// keeps the finding unless the cap leaves it out.
func (c *collector) add(f Finding) {
	if c.forward != nil {
		c.place(&f)
		c.forward.add(f)
		return
	}
	e := c.e
	if !e.enabled[f.Rule] {
		return
	}
	if sev, ok := e.severity[f.Rule]; ok && !(f.Rule == rules.XMLID && f.Severity == rules.Error) {
		f.Severity = sev
	}
	if c.skip != nil && c.skip(f) {
		return
	}
	f.Message = shorten(f.Message)
	r := ranked{f, c.seq}
	c.seq++
	switch {
	case c.max == 0 || len(c.kept) < c.max:
		if c.max == 0 {
			c.kept = append(c.kept, r)
		} else {
			heap.Push(&c.kept, r)
		}
	case r.before(c.kept[0]):
		c.drop(c.kept[0], 1)
		c.kept[0] = r
		heap.Fix(&c.kept, 0)
	default:
		c.drop(r, 1)
	}
}

// omit counts the errors libxml2 reported beyond the cap, which it only
// counted (xsd.MaxErrors), as findings of rule left out. Their paths are
// unknown, so a suppression cannot tell whether it covers them: it is not
// reported as unused.
func (c *collector) omit(rule string, o xsd.OmittedErrors) {
	if o.N() == 0 {
		return
	}
	if c.forward != nil {
		c.forward.omitPlaced(rule, o, c.place)
		return
	}
	c.omitPlaced(rule, o, nil)
}

func (c *collector) omitPlaced(rule string, o xsd.OmittedErrors, place func(*Finding)) {
	if c.unseen == nil {
		c.unseen = map[string]bool{}
	}
	c.unseen[rule] = true
	first := Finding{Rule: rule, Line: max(o.First.Line, 1), Column: o.First.Column, Path: o.First.Path}
	if place != nil {
		place(&first)
	}
	for _, n := range []struct {
		sev Severity
		n   int
	}{{rules.Error, o.Errors}, {rules.Warning, o.Warnings}} {
		if n.n == 0 {
			continue
		}
		sev := n.sev
		if s, ok := c.e.severity[rule]; ok && !(rule == rules.XMLID && sev == rules.Error) {
			sev = s
		}
		first.Severity = sev
		c.drop(ranked{first, c.seq}, n.n)
		c.seq++
	}
}

// drop counts n findings the cap leaves out, r the first of them.
func (c *collector) drop(r ranked, n int) {
	d := &c.dropped
	if d.n == 0 || r.before(d.first) {
		d.first = r
	}
	d.n += n
	if d.bySev == nil {
		d.bySev = map[Severity]int{}
	}
	d.bySev[r.f.Severity] += n
}

// finish writes the findings kept into the report, sorted by position, and
// after them the max-findings finding when some were left out.
func (c *collector) finish() {
	kept := []ranked(c.kept)
	slices.SortFunc(kept, func(a, b ranked) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	out := make([]Finding, 0, len(kept)+1)
	for _, r := range kept {
		out = append(out, r.f)
	}
	if c.dropped.n > 0 {
		out = append(out, c.closing())
	}
	c.fr.Findings, c.kept = out, nil
}

// closing is the finding that stands for the findings left out: at the
// first of them, with the highest severity among them (so that a file
// whose errors were all left out still has an error, and the exit code
// stays right).
func (c *collector) closing() Finding {
	d := c.dropped
	sev := Severity("")
	var counts []string
	for _, s := range []Severity{rules.Error, rules.Warning, rules.Info} {
		if n := d.bySev[s]; n > 0 {
			if sev == "" {
				sev = s // the highest, as they come in that order
			}
			counts = append(counts, pluralize(n, string(s)))
		}
	}
	return Finding{Rule: rules.MaxFindingsID, Severity: sev, Line: d.first.f.Line, Column: d.first.f.Column,
		Message: fmt.Sprintf("%s more from here on not shown (%s): a report holds at most %d findings per file (--max-findings N; 0 for no cap)",
			pluralize(d.n, "finding"), strings.Join(counts, ", "), c.max)}
}

// pluralize writes n and the word, in the plural unless n is 1.
func pluralize(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
