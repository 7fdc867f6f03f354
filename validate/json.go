package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/xsd"
)

// IsJSON reports whether the input is a JSON message (its first
// non-blank character opens an object).
func IsJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
	return len(t) > 0 && t[0] == '{'
}

var ctcJSONRoot = regexp.MustCompile(`^n1:(CC[0-9]{3}C)$`)

// jsonMessageType tells profile and message type from a JSON message's root
// member: "n1:CC015C" (CTC phases 5 and 6), "CC015B" (phase 4) or
// "md:MetaData" (CDS, typed by its Declaration's FunctionCode and TypeCode,
// or its Response).
func (e *Engine) jsonMessageType(doc any) (Profile, string, string) {
	top, ok := doc.(map[string]any)
	if !ok {
		return "", "", "the JSON message is not an object"
	}
	for key, body := range top {
		if strings.HasPrefix(key, "@") {
			continue
		}
		switch {
		case ctcJSONRoot.MatchString(key):
			p := e.ctcPhase()
			if e.profile == ProfileCTCP5 || e.profile == ProfileCTCP6 {
				p = e.profile
			}
			return p, ctcJSONRoot.FindStringSubmatch(key)[1], ""
		case ctcP4Root.MatchString(key):
			return ProfileCTCP4, key, ""
		case key == "md:MetaData":
			md, _ := body.(map[string]any)
			if _, ok := md["Response"]; ok {
				return ProfileCDS, TypeCDSNotification, ""
			}
			decl, _ := md["Declaration"].(map[string]any)
			fc := jsonText(decl["FunctionCode"])
			tc := jsonText(decl["TypeCode"])
			switch {
			case fc == "9":
				return ProfileCDS, TypeCDSDeclaration, ""
			case fc == "13" && tc == "COR":
				return ProfileCDS, TypeCDSAmendment, ""
			case fc == "13" && tc == "INV":
				return ProfileCDS, TypeCDSCancellation, ""
			case fc == "13" && tc == "GPR":
				return ProfileCDS, TypeCDSGoodsPresent, ""
			}
			return ProfileCDS, "", fmt.Sprintf("md:MetaData with Declaration FunctionCode %q and TypeCode %q is none of the CDS messages customslint knows", fc, tc)
		}
		return "", "", fmt.Sprintf("unknown JSON message %q: customslint reads the JSON views of CTC messages (\"n1:CC015C\", \"CC015B\") and CDS messages (\"md:MetaData\")", key)
	}
	return "", "", "the JSON message is empty"
}

// jsonText returns a JSON scalar as text ({"#": v} for a value with
// attributes).
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return string(x)
	case map[string]any:
		return jsonText(x["#"])
	}
	return ""
}

// checkJSON checks a JSON message: its JSON Schema first (the schema of the
// model's JSON view, which reads types as HMRC's published schemas do);
// when that passes, the message converted to XML goes through the XML
// pipeline, and its findings are mapped back to JSON pointers and to
// lines and columns of the JSON text.
func (e *Engine) checkJSON(ctx context.Context, fr *FileReport, data []byte, c *collector) error {
	add := c.add
	idx := indexJSON(data)
	doc, err := transform.DecodeJSON(data)
	if err != nil {
		line, col := idx.errorPosition(data, err)
		add(Finding{Rule: rules.XMLID, Severity: rules.Error, Line: line, Column: col, Message: "not well-formed JSON: " + jsonErrorText(err)})
		return nil
	}
	profile, msgType, problem := e.jsonMessageType(doc)
	fr.Profile, fr.MessageType = string(profile), msgType
	if fr.MessageType == "" {
		fr.MessageType = TypeUnknown
	}
	if problem != "" {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: problem})
		return nil
	}
	if e.profile != ProfileAuto && e.profile != profile {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: fmt.Sprintf("%s is a %s message but --profile %s was given", msgType, profileName(profile), e.profile)})
		return nil
	}
	view, err := transform.ViewFor(string(profile), msgType)
	if err != nil {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: fmt.Sprintf("customslint has no JSON view of %s (profile %s)", msgType, profile)})
		return nil
	}
	if e.enabled[rules.JSONSchemaID] {
		schema, err := view.Schema()
		if err != nil {
			return fmt.Errorf("%w: %w", ErrSchema, err)
		}
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if verr := schema.Validate(inst); verr != nil {
			var ve *jsonschema.ValidationError
			if !errors.As(verr, &ve) {
				return verr
			}
			for _, l := range schemaErrors(ve) {
				line, col := idx.position(l.pointer)
				add(Finding{Rule: rules.JSONSchemaID, Severity: rules.Error, Line: line, Column: col, Path: l.pointer, Message: l.message})
			}
			return nil // as HMRC's validator: a JSON Schema error ends the check
		}
	}
	xmlData, probs, err := view.ToXML(data)
	if err != nil {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: err.Error()})
		return nil
	}
	for _, p := range probs {
		line, col := idx.position(p.Path)
		add(Finding{Rule: rules.JSONSchemaID, Severity: rules.Error, Line: line, Column: col, Path: p.Path, Message: p.Message})
	}
	// The XML form's findings, at the JSON's places (and under this
	// report's cap, through add).
	_, err = e.checkXML(ctx, fr.Path, xmlInput{data: xmlData, size: int64(len(xmlData)), into: c, place: func(f *Finding) {
		if f.Path != "" {
			f.Path = view.Pointer(f.Path)
			f.Line, f.Column = idx.position(f.Path)
		} else {
			f.Line, f.Column = 1, 0
		}
	}}, false)
	return err
}

// jsonError is one JSON Schema error: where and why.
type jsonError struct {
	pointer string
	message string
	schema  string // the keyword's location in the schema, #/definitions/...
}

var printer = message.NewPrinter(language.English)

// schemaErrors flattens a validation error to the errors worth reading:
// the leaves, except that a failed anyOf (alternative patterns) is one
// error naming what it wanted.
func schemaErrors(ve *jsonschema.ValidationError) []jsonError {
	var out []jsonError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		ptr := ""
		for _, tok := range e.InstanceLocation {
			ptr += "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
		}
		switch k := e.ErrorKind.(type) {
		case *kind.AnyOf, *kind.OneOf:
			var alts []string
			for _, c := range e.Causes {
				alts = append(alts, c.ErrorKind.LocalizedString(printer))
			}
			out = append(out, jsonError{ptr, "none of the alternatives holds: " + strings.Join(alts, "; ") + " [" + keyword(k) + "]", schemaPath(e)})
			return
		}
		if len(e.Causes) == 0 {
			msg := e.ErrorKind.LocalizedString(printer)
			if _, required := e.ErrorKind.(*kind.Required); !required {
				// Name the member the value belongs to (not an array index).
				for i := len(e.InstanceLocation) - 1; i >= 0; i-- {
					if _, err := strconv.Atoi(e.InstanceLocation[i]); err != nil {
						msg = e.InstanceLocation[i] + ": " + msg
						break
					}
				}
			}
			out = append(out, jsonError{ptr, msg + " [" + keyword(e.ErrorKind) + "]", schemaPath(e)})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// schemaPath is the location of the failing keyword in the schema.
func schemaPath(e *jsonschema.ValidationError) string {
	loc := e.SchemaURL
	if i := strings.IndexByte(loc, '#'); i >= 0 {
		loc = loc[i:]
	}
	if p := e.ErrorKind.KeywordPath(); len(p) > 0 {
		loc += "/" + strings.Join(p, "/")
	}
	return loc
}

// JSONSchemaError is one JSON Schema error of a JSON message.
type JSONSchemaError struct {
	Pointer    string // the value: /n1:CC015C/messageSender
	SchemaPath string // the keyword: #/definitions/ctypes.X/required
	Message    string
}

// JSONSchemaErrors validates a JSON message of the given profile and type
// against its JSON Schema (the HTTP service reports these as HMRC's
// validator does). The error is for input that is not JSON, or a type
// without a JSON view.
func JSONSchemaErrors(profile Profile, messageType string, data []byte) ([]JSONSchemaError, error) {
	view, err := transform.ViewFor(string(profile), messageType)
	if err != nil {
		return nil, err
	}
	schema, err := view.Schema()
	if err != nil {
		return nil, err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	verr := schema.Validate(inst)
	var ve *jsonschema.ValidationError
	if verr == nil || !errors.As(verr, &ve) {
		return nil, verr
	}
	var out []JSONSchemaError
	for _, e := range schemaErrors(ve) {
		out = append(out, JSONSchemaError{Pointer: e.pointer, SchemaPath: e.schema, Message: e.message})
	}
	return out, nil
}

// keyword names the JSON Schema keyword of an error.
func keyword(k jsonschema.ErrorKind) string {
	p := k.KeywordPath()
	if len(p) == 0 {
		return "schema"
	}
	return p[len(p)-1]
}

func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	return err.Error()
}

// jsonIndex maps JSON pointers to the offset of their value in the text.
type jsonIndex struct {
	offsets map[string]int
	lines   []int
	src     []byte
}

// indexJSON records where each value of a JSON text starts. It stops
// quietly at a syntax error (the decoder reports that).
func indexJSON(data []byte) *jsonIndex {
	idx := &jsonIndex{offsets: map[string]int{}, lines: xsd.LineStarts(data), src: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		ptr   string
		array bool
		n     int
		key   string
	}
	var stack []frame
	expectKey := false
	start := func() int {
		off := int(dec.InputOffset())
		for off < len(data) && strings.ContainsRune(" \t\r\n,:", rune(data[off])) {
			off++
		}
		return off
	}
	for {
		off := start()
		tok, err := dec.Token()
		if err != nil {
			return idx
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			expectKey = len(stack) > 0 && !stack[len(stack)-1].array
			continue
		}
		if len(stack) > 0 && !stack[len(stack)-1].array && expectKey {
			stack[len(stack)-1].key, _ = tok.(string)
			expectKey = false
			continue
		}
		ptr := ""
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.array {
				ptr = top.ptr + "/" + strconv.Itoa(top.n)
				top.n++
			} else {
				ptr = top.ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(top.key)
				expectKey = true
			}
		}
		idx.offsets[ptr] = off
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, frame{ptr: ptr, array: d == '['})
			expectKey = d == '{'
		}
	}
}

// position returns the line and column of the value at ptr, or of its
// nearest ancestor present in the text.
func (idx *jsonIndex) position(ptr string) (int, int) {
	for {
		if off, ok := idx.offsets[ptr]; ok {
			return idx.lineCol(off)
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return 1, 0
		}
		ptr = ptr[:i]
	}
}

func (idx *jsonIndex) lineCol(off int) (int, int) {
	line := 1
	for i, s := range idx.lines {
		if s > off {
			break
		}
		line = i + 1
	}
	start := idx.lines[line-1]
	return line, len([]rune(string(idx.src[start:off]))) + 1
}

// errorPosition finds the line and column of a JSON syntax error.
func (idx *jsonIndex) errorPosition(data []byte, err error) (int, int) {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 {
		return idx.lineCol(int(min(se.Offset-1, int64(len(data)))))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return idx.lineCol(len(data))
	}
	return 1, 0
}
