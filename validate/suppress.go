package validate

import (
	"fmt"
	"slices"
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

// directivePrefix starts every comment customslint reads; ignore is the
// only directive.
const directivePrefix = "customslint:"

// suppressions reads the suppression comments of doc; malformed ones, and
// comments with a directive other than ignore, are reported with report.
func suppressions(doc *xsd.Document, known func(string) bool, report func(Finding)) []*suppression {
	var out []*suppression
	for _, c := range doc.Comments(directivePrefix) {
		warn := func(format string, args ...any) {
			report(Finding{Rule: rules.SuppressionID, Severity: rules.Warning, Line: max(c.Line, 1), Message: fmt.Sprintf(format, args...)})
		}
		text := strings.TrimSpace(c.Text)
		rest, ok := strings.CutPrefix(text, SuppressPrefix)
		if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
			word := strings.Fields(text)[0]
			warn("unknown directive %s: customslint reads only <!-- %s RULE[,RULE...] reason --> (a typo? customslint has no other directive)", cutRunes(word, 80), SuppressPrefix)
			continue
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
			switch {
			case id == rules.XMLID:
				warn("%s: xml findings cannot be suppressed: a message that cannot be parsed cannot be checked", SuppressPrefix)
			case id == rules.SuppressionID:
				warn("%s: suppression findings cannot be suppressed: fix or remove the comment they are about", SuppressPrefix)
			case !known(id):
				warn("%s: %q is not a rule (%s)", SuppressPrefix, cutRunes(id, 80), suppressHint(id, known))
			default:
				s.rules = append(s.rules, id)
				continue
			}
			bad = true
			break
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

// suppress reads the document's suppression comments and makes c drop
// the findings they cover from now on, before the cap counts them. The
// function it returns reports the malformed suppressions and those that
// covered nothing; call it when every check has run.
func (e *Engine) suppress(doc *xsd.Document, c *collector) func() {
	var extra []Finding
	sups := suppressions(doc, func(id string) bool { _, ok := e.known[id]; return ok }, func(f Finding) { extra = append(extra, f) })
	if len(sups) > 0 {
		c.skip = func(f Finding) bool {
			drop := false
			for _, s := range sups {
				if s.covers(f) {
					s.used, drop = true, true
				}
			}
			return drop
		}
	}
	return func() {
		c.skip = nil
		for _, s := range sups {
			if !s.used && !slices.ContainsFunc(s.rules, func(id string) bool { return c.unseen[id] }) {
				extra = append(extra, Finding{Rule: rules.SuppressionID, Severity: rules.Warning, Line: s.line, Path: s.target,
					Message: fmt.Sprintf("%s %s matches no finding on %s: remove it", SuppressPrefix, strings.Join(s.rules, ","), s.target)})
			}
		}
		for _, f := range extra {
			c.add(f)
		}
	}
}

// suppressHint names the rule nearest to a misspelt one, or says where the
// rules are listed.
func suppressHint(id string, known func(string) bool) string {
	if near := rules.NearestID(id); !known(id) && near != "" && known(near) && near != rules.XMLID && near != rules.SuppressionID {
		return fmt.Sprintf("did you mean %q?", near)
	}
	return "customslint rules lists them"
}
