package hmrcvalidator

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// JSONError is one error of a JSON message against HMRC's JSON Schema, as
// HMRC's validator reports it: the keyword's place in HMRC's schema, and
// its validator's message.
type JSONError struct {
	SchemaPath string `json:"schemaPath"`
	Message    string `json:"message"`
}

// JSONErrors words the JSON Schema errors customslint found in a message
// of view as HMRC's validator (networknt's json-schema-validator) does:
// HMRC's definition names (n1:MessageSenderContentType), one error per
// missing or extra member, reported at the member, and one message
// template per keyword. Errors of keywords HMRC's tests do not show keep
// customslint's message after the location.
func JSONErrors(view *transform.View, errs []validate.JSONSchemaError) []JSONError {
	info := infoOf(view)
	var out []JSONError
	for _, e := range errs {
		out = append(out, info.word(e)...)
	}
	return out
}

// viewInfo is what wording a view's errors needs: HMRC's definition name
// of each of customslint's, and HMRC's rendering of each definition's
// pattern.
type viewInfo struct {
	defs     map[string]string // htypes.MessageSenderContentType -> n1:MessageSenderContentType
	patterns map[string]string // htypes.MessageSenderContentType -> ^([\w\D]{1,35})$
}

// infos caches the viewInfo of each view (views are built once and kept).
var infos sync.Map // *transform.View -> *viewInfo

func infoOf(view *transform.View) *viewInfo {
	if v, ok := infos.Load(view); ok {
		return v.(*viewInfo)
	}
	info := &viewInfo{defs: map[string]string{}, patterns: map[string]string{}}
	seen := map[*transform.Node]bool{}
	var walk func(n *transform.Node)
	walk = func(n *transform.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if !n.Type.IsZero() && !n.Type.Builtin() {
			ours := n.Type.Schema + "." + n.Type.Name
			info.defs[ours] = "n1:" + n.Type.Name
			if p, ok := hmrcPatternOf(n.Value); ok {
				info.patterns[ours] = p
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(view.Root)
	v, _ := infos.LoadOrStore(view, info)
	return v.(*viewInfo)
}

// DefinitionNames maps customslint's definition names in the view's JSON
// Schema to HMRC's.
func DefinitionNames(view *transform.View) map[string]string {
	out := map[string]string{}
	for k, v := range infoOf(view).defs {
		out[k] = v
	}
	return out
}

// hmrcPatternOf is HMRC's rendering of the pattern of a value: the first
// derivation step's pattern (the JSON override of a model where HMRC's
// schema departs from the XSD, else the XSD's) as HMRC's converter writes
// it.
func hmrcPatternOf(v *transform.Value) (string, bool) {
	if v == nil {
		return "", false
	}
	for _, st := range v.Steps {
		if st.JSON != nil && len(st.JSON.Patterns) == 1 {
			return HMRCPattern(unanchored(st.JSON.Patterns[0])), true
		}
		if len(st.Patterns) == 1 {
			return HMRCPattern(st.Patterns[0]), true
		}
	}
	return "", false
}

// unanchored is a JSON pattern without its ^ and $.
func unanchored(p string) string {
	return strings.TrimSuffix(strings.TrimPrefix(p, "^"), "$")
}

// schemaPath is HMRC's name for a keyword's place: its definition named
// as HMRC's schema names it.
func (info *viewInfo) schemaPath(ours string) (path, def string) {
	rest, ok := strings.CutPrefix(ours, "#/definitions/")
	if !ok {
		return ours, ""
	}
	name, tail, _ := strings.Cut(rest, "/")
	theirs, ok := info.defs[name]
	if !ok {
		return ours, name
	}
	path = "#/definitions/" + theirs
	if tail != "" {
		path += "/" + tail
	}
	return path, name
}

// word is HMRC's account of one error: more than one where HMRC's
// validator reports each missing or extra member on its own.
func (info *viewInfo) word(e validate.JSONSchemaError) []JSONError {
	sp, def := info.schemaPath(e.SchemaPath)
	at := JSONPath(e.Pointer)
	one := func(msg string) []JSONError { return []JSONError{{sp, at + ": " + msg}} }
	switch k := e.Kind.(type) {
	case *kind.Required:
		var out []JSONError
		for _, m := range k.Missing {
			out = append(out, JSONError{sp, member(at, m) + ": is missing but it is required"})
		}
		return out
	case *kind.AdditionalProperties:
		var out []JSONError
		for _, m := range k.Properties {
			out = append(out, JSONError{sp, member(at, m) + ": is not defined in the schema and the schema does not allow additional properties"})
		}
		return out
	case *kind.Type:
		return one(fmt.Sprintf("%s found, %s expected", k.Got, strings.Join(k.Want, ", ")))
	case *kind.Pattern:
		p, ok := info.patterns[def]
		if !ok {
			p = k.Want
		}
		return one("does not match the regex pattern " + p)
	case *kind.Format:
		sp = strings.TrimSuffix(sp, "/format")
		switch k.Want {
		case "date-time":
			return []JSONError{{sp, at + ": does not match the date-time pattern - date or time provided is invalid."}}
		case "date":
			return []JSONError{{sp, at + ": does not match the date pattern - date provided is invalid."}}
		}
		return []JSONError{{sp, at + ": does not match the " + k.Want + " pattern"}}
	case *kind.Enum:
		var vals []string
		for _, w := range k.Want {
			vals = append(vals, fmt.Sprint(w))
		}
		return one("does not have a value in the enumeration [" + strings.Join(vals, ", ") + "]")
	case *kind.MaxLength:
		return one(fmt.Sprintf("may only be %d characters long", k.Want))
	case *kind.MinLength:
		return one(fmt.Sprintf("must be at least %d characters long", k.Want))
	case *kind.Maximum:
		return one("must have a maximum value of " + ratString(k.Want.RatString()))
	case *kind.Minimum:
		return one("must have a minimum value of " + ratString(k.Want.RatString()))
	case *kind.MaxItems:
		return one(fmt.Sprintf("there must be a maximum of %d items in the array", k.Want))
	case *kind.MinItems:
		return one(fmt.Sprintf("there must be a minimum of %d items in the array", k.Want))
	}
	msg := e.Message
	if i := strings.LastIndex(msg, " ["); i > 0 && strings.HasSuffix(msg, "]") {
		msg = msg[:i]
	}
	return one(msg)
}

// ratString writes a bound as a decimal where it is one (1/2 -> 0.5).
func ratString(s string) string {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		return s
	}
	n, err1 := strconv.ParseFloat(num, 64)
	d, err2 := strconv.ParseFloat(den, 64)
	if err1 != nil || err2 != nil || d == 0 {
		return s
	}
	return strconv.FormatFloat(n/d, 'f', -1, 64)
}

// member is the path of a member of the object at path.
func member(path, name string) string {
	return path + "." + name
}

// JSONPath writes a JSON pointer as the path networknt's validator
// (HMRC's) prints: /n1:CC015C/Guarantee/0/sequenceNumber ->
// $.n1:CC015C.Guarantee[0].sequenceNumber.
func JSONPath(ptr string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
		} else {
			b.WriteString("." + tok)
		}
	}
	return b.String()
}
