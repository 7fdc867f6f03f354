package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/xsd"
)

// Schema errors of libxml2 that read badly for a trader are reworded from
// the parts of its structured error (domain, the element and the names it
// expected) and the message model; libxml2's own text goes in the
// finding's Detail. Every other schema error keeps libxml2's text (made
// readable by readableXSD) and no Detail.

var (
	// "Element 'X': This element is not expected. Expected is ( Y )." and
	// "... Expected is one of ( Y, Z )."
	unexpectedRE = regexp.MustCompile(`^Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( ([^()]+) \)\.$`)
	// "Element 'X': Missing child element(s). Expected is ( Y )."
	missingChildRE = regexp.MustCompile(`^Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( ([^()]+) \)\.$`)
	// A value error of an element: a pattern or the type itself.
	badValueRE = regexp.MustCompile(`^Element '([^']+)': (?:\[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern|'([^']*)' is not a valid value of the (?:local )?atomic type)`)
	// Any error that quotes the value UK.
	ukValueRE = regexp.MustCompile(`^Element '([^']+)': .*'UK'`)
)

// xsdMessage returns the message of a schema error as the report shows it
// and, when that rewords libxml2, libxml2's text as detail. profile and
// msgType name the model the message was validated against.
func xsdMessage(ve xsd.Error, profile Profile, msgType string) (msg, detail string) {
	plain := readableXSD(ve.Message)
	if ve.Domain != xsd.DomainSchemasValid {
		return plain, ""
	}
	view, err := transform.ViewFor(string(profile), msgType)
	if err != nil {
		return plain, ""
	}
	if m, ok := reword(plain, ve.Path, view); ok {
		return m, oneLine(ve.Message)
	}
	return plain, ""
}

// reword applies the first rewording that fits msg, an error at path.
func reword(msg, path string, view *transform.View) (string, bool) {
	if m := unexpectedRE.FindStringSubmatch(msg); m != nil {
		return missingBefore(localOf(m[1]), names(m[2]), parentPath(path), view)
	}
	if m := missingChildRE.FindStringSubmatch(msg); m != nil {
		return missingIn(localOf(m[1]), names(m[2]), path, view)
	}
	if m := badValueRE.FindStringSubmatch(msg); m != nil {
		if s, ok := dateInWords(localOf(m[1]), m[2]+m[3], path, view); ok {
			return s, true
		}
	}
	if m := ukValueRE.FindStringSubmatch(msg); m != nil && strings.Contains(strings.ToLower(localOf(m[1])), "country") {
		return msg + " Did you mean GB? The United Kingdom's country code is GB, not UK.", true
	}
	return "", false
}

// missingBefore words "X is not expected, Y is" as Y missing, when X may
// stand in the parent after Y and Y is the one required element among
// those expected.
func missingBefore(x string, expected []string, parent string, view *transform.View) (string, bool) {
	p := nodeAt(view, parent)
	if p == nil {
		return "", false
	}
	xi := childIndex(p, x)
	y, yi := requiredOf(p, expected)
	if xi < 0 || yi < 0 || xi <= yi {
		return "", false
	}
	return fmt.Sprintf("%s is missing in %s (expected before %s)", y, displayPath(parent), x), true
}

// missingIn words "Missing child element(s)" of X as the one required
// element missing at the end of X.
func missingIn(x string, expected []string, path string, view *transform.View) (string, bool) {
	n := nodeAt(view, path)
	if n == nil || n.Name != x {
		return "", false
	}
	y, yi := requiredOf(n, expected)
	if yi < 0 {
		return "", false
	}
	return fmt.Sprintf("%s is missing in %s", y, displayPath(path)), true
}

// dateInWords words a bad date or date-time value by the form it must
// have.
func dateInWords(x, value, path string, view *transform.View) (string, bool) {
	n := nodeAt(view, path)
	if n == nil || n.Name != x || n.Value == nil {
		return "", false
	}
	var form string
	switch n.Value.Base {
	case "dateTime":
		form = "a date and time written YYYY-MM-DDThh:mm:ss, such as 2024-05-31T14:30:00"
		if noTimeZone(n.Value) {
			form += ", with no time zone (no Z, no +01:00)"
		}
	case "date":
		form = "a date written YYYY-MM-DD, such as 2024-05-31"
		if noTimeZone(n.Value) {
			form += ", with no time zone"
		}
	default:
		return "", false
	}
	return fmt.Sprintf("%s must be %s; %q is not", x, form, value), true
}

// noTimeZone reports whether a date or date-time type's patterns end with
// digits, leaving no room for a time zone.
func noTimeZone(v *transform.Value) bool {
	for _, st := range v.Steps {
		for _, p := range st.Patterns {
			if strings.HasSuffix(p, `\d{2}`) || strings.HasSuffix(p, `[0-9]{2}`) {
				return true
			}
		}
	}
	return false
}

// requiredOf returns the first of the expected names that the node's
// model requires, and its index among the node's children; -1 when none.
func requiredOf(n *transform.Node, expected []string) (string, int) {
	for _, y := range expected {
		if i := childIndex(n, y); i >= 0 && n.Children[i].Min >= 1 {
			return y, i
		}
	}
	return "", -1
}

// childIndex returns the index of the child with this local name, -1 when
// the node declares none.
func childIndex(n *transform.Node, local string) int {
	for i, c := range n.Children {
		if c.Name == local {
			return i
		}
	}
	return -1
}

// nodeAt finds the view node of an element path (/CC015C/Consignment[2]/...,
// possibly under a transport wrapper), nil when the model has none.
func nodeAt(view *transform.View, path string) *transform.Node {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	start := -1
	for i, s := range segs {
		if localOf(s) == view.Root.Name {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	n := view.Root
	for _, s := range segs[start+1:] {
		i := childIndex(n, localOf(s))
		if i < 0 {
			return nil
		}
		n = n.Children[i]
	}
	return n
}

// localOf strips an index ([2]), a namespace in braces and a prefix from
// a name.
func localOf(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '}'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// names splits libxml2's list of expected names ("A, {ns}B").
func names(list string) []string {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = localOf(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parentPath drops the last step of an element path.
func parentPath(p string) string {
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		return p[:i]
	}
	return p
}

// displayPath is an element path as a message names it: local names,
// with the indexes the path has (XMLError[2]).
func displayPath(p string) string {
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		idx := ""
		if j := strings.IndexByte(s, '['); j >= 0 {
			idx = s[j:]
		}
		segs[i] = localOf(s) + idx
	}
	return strings.Join(segs, "/")
}
