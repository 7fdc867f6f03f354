// Package rules holds customslint's checks, one value per rule, in the style
// of golang.org/x/tools/go/analysis: a Rule is data (ID, summary, docs,
// default severity, message types) plus one Check function that reports
// Diagnostics through a Pass.
//
// The engine's own stages are rules too, without a Check function: xml
// (well-formedness, encoding, size), message-type (detection) and xsd
// (schema validation). They appear in `customslint rules`, take part in
// --select/--disable and have documentation for `customslint explain`.
package rules

import (
	"fmt"
	"sort"
	"strings"

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
	// MessageTypes lists the message types the rule applies to (CDS-DEC,
	// CC015C ...); empty means every message.
	MessageTypes []string
	// Check inspects one message and reports through the Pass. Nil for the
	// engine's own stages, which the engine runs itself.
	Check func(*Pass)
}

// Applies reports whether the rule runs on messages of this type.
func (r *Rule) Applies(messageType string) bool {
	if len(r.MessageTypes) == 0 {
		return true
	}
	for _, t := range r.MessageTypes {
		if t == messageType {
			return true
		}
	}
	return false
}

// TypesLabel lists the rule's message types for people: "all" or
// "CDS-DEC, CDS-COR".
func (r *Rule) TypesLabel() string {
	if len(r.MessageTypes) == 0 {
		return "all"
	}
	return strings.Join(r.MessageTypes, ", ")
}

// Diagnostic is what a rule reports; the engine turns it into a finding.
type Diagnostic struct {
	Severity Severity // empty means the rule's default
	Message  string
	Line     int
	Column   int
	Path     string
}

// Pass gives a rule one parsed message and a way to report.
type Pass struct {
	Rule        *Rule
	Name        string        // the file name or "<stdin>"
	Profile     string        // cds, ctc-p4, ctc-p5, ctc-p6
	MessageType string        // CDS-DEC, CC015C ...
	Doc         *xsd.Document // the parsed message
	Root        xsd.Element   // the message element (inside any transport wrapper)
	Report      func(Diagnostic)
}

// Reportf reports a diagnostic at element e with the rule's default severity.
func (p *Pass) Reportf(e xsd.Element, format string, args ...any) {
	line, col := e.Position()
	p.Report(Diagnostic{Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()})
}

// IDs of the engine's own stages and of the catch-all for failed rules.
const (
	XMLID         = "xml"
	MessageTypeID = "message-type"
	XSDID         = "xsd"
	InternalID    = "internal"
	SuppressionID = "suppression"
	JSONSchemaID  = "json-schema"
)

var registry = map[string]*Rule{}

// Register adds rules to the registry; it panics on a duplicate or malformed
// rule (a programming error caught by the package tests).
func Register(rs ...*Rule) {
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
