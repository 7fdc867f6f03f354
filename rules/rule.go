// Package rules holds customslint's checks, one value per rule, in the style
// of golang.org/x/tools/go/analysis: a Rule is data (ID, summary, docs,
// default severity, message types) plus one Check function that reports
// Diagnostics through a Pass.
//
// The engine's own stages are rules too, without a Check function: xml
// (well-formedness, encoding, size), message-type (detection) and xsd
// (schema validation). They appear in `customslint rules`, take part in
// --select/--disable and have documentation for `customslint explain`.
//
// # Writing a rule
//
// A rule is an unexported package-level variable holding one literal,
//
//	var ctcC0451 = &Rule{ID: "ctc-c0451", Summary: ..., Severity: Error,
//		MessageTypes: []string{"CC060C"}, Doc: `...`, Check: func(p *Pass) {...}}
//
// in the file named after what it checks: NCTS data groups and message
// areas (ctc_guarantee.go, ctc_transport_means.go, ctc_parties.go ...) and
// CDS families (cds_lrn.go, cds_pointer.go ...), sorted by ID and
// registered in that file's init with register. Other packages reach rules
// through the registry only (All, Lookup). Message type sets are named
// after what the messages hold (messagetypes.go).
//
// Its Check reads the message through the Pass (Root is the message
// element; elementsAt, firstAt, textAt, valueAt and hasAt navigate by
// local-name paths, query.go) and reports at the offending element with
// Reportf, or with requireChild and forbidChild for the NCTS conditions
// (conditions.go), so that findings carry line, column and path. A rule
// must not assume schema validity: elements may be missing, repeated or
// hold anything. Code lists come from Pass.Config.CodeLists; a rule whose
// list is not available decides nothing rather than guessing.
//
// Doc holds the rule's documentation, with a "Failing" and a "Passing"
// example. Testdata lives in testdata/RULE/PROFILE/*.xml: every file is
// valid against its schema; a comment <!-- want "regexp" --> on a line
// expects one finding of the rule there, and files without one must not
// trigger it. After adding a rule, run go generate ./rules (docs/rules.md).
package rules

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/xsd"
)

// Severity is how serious a finding is.
type Severity string

// Severities, from most to least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// ParseSeverity accepts "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case Error, Warning, Info:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Rule is one check.
type Rule struct {
	ID       string   // stable identifier used in reports, --select and suppressions
	Summary  string   // one line for `customslint rules`
	Doc      string   // long description with a failing and a passing example
	Severity Severity // default severity of its findings
	// Codes are the authority's codes a finding of this rule anticipates or
	// reports: CDS10001, DMS10010, R0028, C0467 (an NCTS rule or condition
	// the rule implements, or a DMS validation code CDS answers such a
	// declaration with). Empty when no code is known; the engine does not
	// read them yet.
	Codes []string
	// MessageTypes lists the message types the rule applies to (CDS-DEC,
	// CC015C ...); empty means every message.
	MessageTypes []string
	// Profiles lists the profiles the rule applies to (cds, ctc-p5 ...);
	// empty means every profile.
	Profiles []string
	// Check inspects one message and reports through the Pass. Nil for the
	// engine's own stages, which the engine runs itself.
	Check func(*Pass)
	// Export, when not nil, reads what a message tells the other messages
	// of a run, for this rule's checks across messages, and hands it to
	// Pass.ExportFact. The engine runs it on every message of ExportTypes
	// (empty: every message) that parses, whether or not the message is
	// valid or the rule enabled, when the run collects facts (its
	// Config.Corpus is a FactCollector); Check finds the facts in
	// Config.Corpus. See Fact.
	Export func(*Pass)
	// ExportTypes lists the message types Export reads.
	ExportTypes []string

	source string // the file that registered the rule, set by register
	// docTables, when set, writes the tables that end the rule's
	// documentation from its facts (cds-dataset's rows): built on first
	// use, so that a run that shows no documentation does not build them.
	docTables func() string
}

// Documentation is the rule's whole documentation: Doc, then the tables
// some rules build from their facts. explain, docs/rules.md, SARIF and
// serve's rule pages show it.
func (r *Rule) Documentation() string {
	if r.docTables == nil {
		return r.Doc
	}
	return r.Doc + r.docTables()
}

// Applies reports whether the rule runs on messages of this profile and
// type.
func (r *Rule) Applies(profile, messageType string) bool {
	return (len(r.Profiles) == 0 || slices.Contains(r.Profiles, profile)) &&
		(len(r.MessageTypes) == 0 || slices.Contains(r.MessageTypes, messageType))
}

// TypesLabel lists the rule's message types for people: "all",
// "CDS-DEC, CDS-COR", "CC007C, CC013C, CC014C and 20 more" or "all of
// ctc-p5, ctc-p6".
func (r *Rule) TypesLabel() string {
	switch {
	case len(r.MessageTypes) > 4:
		return strings.Join(r.MessageTypes[:3], ", ") + fmt.Sprintf(" and %d more", len(r.MessageTypes)-3)
	case len(r.MessageTypes) > 0:
		return strings.Join(r.MessageTypes, ", ")
	case len(r.Profiles) > 0:
		return "all of " + strings.Join(r.Profiles, ", ")
	}
	return "all"
}

// Config carries the settings some rules take, from .customslint.yaml or
// the command line. The zero value is HMRC's defaults.
type Config struct {
	// LRNPattern, when set, is the pattern a declaration's LRN must match
	// as a whole (ctc-lrn); build it with WholeMatch. HMRC's validator can
	// enforce one; it is off by default.
	LRNPattern *regexp.Regexp
	// CodeLists are the code lists rules check codes against; the engine
	// fills in codelists.Builtin() when nil.
	CodeLists *codelists.Set
	// InventoryLinked are CDS goods location codes (GoodsLocation/Name,
	// such as GBAUFELFELFEL) of inventory-linked locations, for
	// cds-gpr-inventory-linked.
	InventoryLinked []string
	// Corpus holds the other messages of the run, for checks across
	// messages; nil when a message is checked alone.
	Corpus Corpus
	// Unchecked, when set, collects the data items the code list rules
	// could not check for want of a list, for the run to say once.
	Unchecked *UncheckedCodes
	// Now is the reference time of time-dependent rules
	// (cds-acceptance-date); zero means the wall clock, and those rules
	// then report warnings, not errors.
	Now time.Time
}

// WholeMatch compiles a pattern that must match a whole value, as HMRC's
// Scala patterns do: "[A-Z]{2}" matches "GB", not "GBX".
func WholeMatch(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(`^(?:` + pattern + `)$`)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	return re, nil
}

// Diagnostic is what a rule reports; the engine turns it into a finding.
type Diagnostic struct {
	Severity Severity // empty means the rule's default
	// Code is the authority's code of this finding (one of the rule's
	// Codes); empty means the rule's only code when it has exactly one,
	// NoCode that the finding anticipates no code of the authority.
	Code    string
	Message string
	Line    int
	Column  int
	Path    string
}

// Pass gives a rule one parsed message and a way to report.
type Pass struct {
	Rule        *Rule
	Name        string        // the file name or "<stdin>"
	Profile     string        // cds, ctc-p4, ctc-p5, ctc-p6
	MessageType string        // CDS-DEC, CC015C ...
	Doc         *xsd.Document // the parsed message
	Root        xsd.Element   // the message element (inside any transport wrapper)
	Config      *Config       // rule settings; never nil
	Index       *Index        // the message's elements by name, shared by the rules of a message
	Report      func(Diagnostic)
	// ExportTo takes what ExportFact gets, in an Export pass (the engine
	// sets it); nil in Check.
	ExportTo func(Fact)
	// Context is true in an Export pass over a message read for context
	// only (--context), which the run does not check.
	Context bool
}

// Reportf reports a diagnostic at element e with the rule's default severity.
func (p *Pass) Reportf(e xsd.Element, format string, args ...any) {
	line, col := e.Position()
	p.Report(Diagnostic{Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()})
}

// ReportSeverity reports a diagnostic at element e with this severity
// (a rule whose findings are errors or warnings by case).
func (p *Pass) ReportSeverity(e xsd.Element, sev Severity, format string, args ...any) {
	line, col := e.Position()
	p.Report(Diagnostic{Severity: sev, Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()})
}

// NoCode is the Diagnostic.Code of a finding that anticipates none of
// the authority's codes, in a rule that has one (a warning beside the
// rejection the rule is about).
const NoCode = "-"

// reportUncoded reports a diagnostic at element e with this severity and
// no authority code.
func (p *Pass) reportUncoded(e xsd.Element, sev Severity, format string, args ...any) {
	line, col := e.Position()
	p.Report(Diagnostic{Severity: sev, Code: NoCode, Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()})
}

// reportCode reports a diagnostic at element e with the rule's default
// severity and the authority's code of this finding (a rule with several
// Codes, or one that passes on the codes it reads).
func (p *Pass) reportCode(e xsd.Element, code, format string, args ...any) {
	line, col := e.Position()
	p.Report(Diagnostic{Code: code, Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()})
}

// IDs of the engine's own stages and of the catch-all for failed rules.
const (
	XMLID         = "xml"
	MessageTypeID = "message-type"
	XSDID         = "xsd"
	InternalID    = "internal"
	SuppressionID = "suppression"
	JSONSchemaID  = "json-schema"
	MaxFindingsID = "max-findings"
)

var registry = map[string]*Rule{}

// register adds rules to the registry; it panics on a duplicate or malformed
// rule (a programming error caught by the package tests).
func register(rs ...*Rule) {
	for _, r := range rs {
		if r.ID == "" || r.ID != strings.ToLower(r.ID) || strings.ContainsAny(r.ID, " ,") {
			panic(fmt.Sprintf("rules: bad rule ID %q", r.ID))
		}
		if _, dup := registry[r.ID]; dup {
			panic("rules: duplicate rule " + r.ID)
		}
		if _, err := ParseSeverity(string(r.Severity)); err != nil {
			panic("rules: " + r.ID + ": " + err.Error())
		}
		if _, file, _, ok := runtime.Caller(1); ok && r.source == "" {
			r.source = filepath.Base(file)
		}
		registry[r.ID] = r
	}
}

// All returns every registered rule, sorted by ID.
func All() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with this ID.
func Lookup(id string) (*Rule, bool) {
	r, ok := registry[id]
	return r, ok
}
