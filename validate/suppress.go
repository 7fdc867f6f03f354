package validate

import (
	"fmt"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// SuppressPrefix starts an inline suppression comment:
//
//	<!-- customslint:ignore RULE[,RULE...] reason -->
//
// It silences the named rules' findings on the element that follows the
// comment and inside it. The reason is required.
const SuppressPrefix = "customslint:ignore"

type suppression struct {
	rules  []string
	target string // element path
	line   int
	used   bool
}

// suppressions reads the suppression comments of doc; malformed ones are
// reported with report.
func suppressions(doc *xsd.Document, known func(string) bool, report func(Finding)) []*suppression {
	var out []*suppression
	for _, c := range doc.Comments(SuppressPrefix) {
		rest := strings.TrimPrefix(strings.TrimSpace(c.Text), SuppressPrefix)
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
			continue // customslint:ignored ... is another word
		}
		warn := func(format string, args ...any) {
			report(Finding{Rule: rules.SuppressionID, Severity: rules.Warning, Line: max(c.Line, 1), Message: fmt.Sprintf(format, args...)})
		}
		fields := strings.Fields(rest)
		if len(fields) < 2 {
			warn("%s needs a rule and a reason: <!-- %s RULE why it does not apply here -->", SuppressPrefix, SuppressPrefix)
			continue
		}
		if !c.Next.Valid() {
			warn("%s %s: no element follows this comment, so it suppresses nothing", SuppressPrefix, fields[0])
			continue
		}
		s := &suppression{target: c.Next.Path(), line: max(c.Line, 1)}
		bad := false
		for _, id := range strings.Split(fields[0], ",") {
			if id == rules.XMLID || id == rules.SuppressionID || !known(id) {
				warn("%s: %q is not a rule that can be suppressed (customslint rules lists them)", SuppressPrefix, id)
				bad = true
				break
			}
			s.rules = append(s.rules, id)
		}
		if !bad {
			out = append(out, s)
		}
	}
	return out
}

// covers reports whether the suppression applies to f.
func (s *suppression) covers(f Finding) bool {
	if f.Path != s.target && !strings.HasPrefix(f.Path, s.target+"/") {
		return false
	}
	for _, id := range s.rules {
		if id == f.Rule {
			return true
		}
	}
	return false
}

// applySuppressions drops the findings the document's suppression comments
// cover and reports each suppression that covered nothing.
func (e *Engine) applySuppressions(doc *xsd.Document, fr *FileReport) {
	var extra []Finding
	sups := suppressions(doc, func(id string) bool { _, ok := e.known[id]; return ok }, func(f Finding) { extra = append(extra, f) })
	if len(sups) > 0 {
		kept := fr.Findings[:0]
		for _, f := range fr.Findings {
			drop := false
			for _, s := range sups {
				if s.covers(f) {
					s.used, drop = true, true
				}
			}
			if !drop {
				kept = append(kept, f)
			}
		}
		fr.Findings = kept
		for _, s := range sups {
			if !s.used {
				extra = append(extra, Finding{Rule: rules.SuppressionID, Severity: rules.Warning, Line: s.line, Path: s.target,
					Message: fmt.Sprintf("%s %s matches no finding on %s: remove it", SuppressPrefix, strings.Join(s.rules, ","), s.target)})
			}
		}
	}
	for _, f := range extra {
		if e.enabled[f.Rule] {
			if sev, ok := e.severity[f.Rule]; ok {
				f.Severity = sev
			}
			fr.Findings = append(fr.Findings, f)
		}
	}
}
