package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/customslint/customslint/internal/jsondoc"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
)

// IsJSON reports whether the input is a JSON message: its first
// non-blank character opens an object. A UTF-8 byte order mark is skipped,
// and JSON in UTF-16 or UTF-32 counts (checkJSON refuses it clearly).
func IsJSON(data []byte) bool {
	enc, n := jsonEncoding(data)
	width := 1
	switch enc {
	case "UTF-16LE", "UTF-16BE":
		width = 2
	case "UTF-32LE", "UTF-32BE":
		width = 4
	}
	for i := n; i+width <= len(data); i += width {
		c, ok := asciiUnit(data[i:i+width], strings.HasSuffix(enc, "BE"))
		switch {
		case !ok:
			return false
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			return c == '{'
		}
	}
	return false
}

// asciiUnit reads a code unit that holds an ASCII character.
func asciiUnit(u []byte, bigEndian bool) (byte, bool) {
	if len(u) == 1 {
		return u[0], true
	}
	c, rest := u[0], u[1:]
	if bigEndian {
		c, rest = u[len(u)-1], u[:len(u)-1]
	}
	return c, bytes.Count(rest, []byte{0}) == len(rest) && c < 0x80
}

// jsonEncoding tells the encoding of a JSON text from its byte order mark
// or, without one, from where the zero bytes of its first (ASCII)
// characters are (RFC 4627, section 3); n is the length of the mark.
func jsonEncoding(data []byte) (enc string, n int) {
	marks := []struct {
		mark string
		enc  string
	}{
		{"\x00\x00\xfe\xff", "UTF-32BE"}, {"\xff\xfe\x00\x00", "UTF-32LE"},
		{"\xfe\xff", "UTF-16BE"}, {"\xff\xfe", "UTF-16LE"}, {"\xef\xbb\xbf", "UTF-8"},
	}
	for _, m := range marks {
		if bytes.HasPrefix(data, []byte(m.mark)) {
			return m.enc, len(m.mark)
		}
	}
	if len(data) >= 4 {
		zero := func(i int) bool { return data[i] == 0 }
		switch {
		case zero(0) && zero(1) && zero(2) && !zero(3):
			return "UTF-32BE", 0
		case !zero(0) && zero(1) && zero(2) && zero(3):
			return "UTF-32LE", 0
		}
	}
	if len(data) >= 2 {
		switch {
		case data[0] == 0 && data[1] != 0:
			return "UTF-16BE", 0
		case data[0] != 0 && data[1] == 0:
			return "UTF-16LE", 0
		}
	}
	return "UTF-8", 0
}

// notUTF8 is the finding on JSON in UTF-16 or UTF-32 ("" for UTF-8):
// customslint refuses rather than transcodes it, as RFC 8259 requires
// JSON exchanged between systems to be UTF-8 and HMRC's APIs take UTF-8.
func notUTF8(data []byte) string {
	enc, _ := jsonEncoding(data)
	if enc == "UTF-8" {
		return ""
	}
	return fmt.Sprintf("the JSON message is encoded as %s; JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1) and so is what HMRC's APIs take: convert it to UTF-8", enc)
}

// decodeJSON decodes a JSON message once for every later use, or returns
// the xml finding that says why it cannot be read.
func decodeJSON(data []byte) (*jsondoc.Doc, *Finding) {
	if msg := notUTF8(data); msg != "" {
		f := xmlFinding(rules.Error, 1, 0, "%s", msg)
		return nil, &f
	}
	doc, err := jsondoc.Decode(data)
	if err != nil {
		var je *jsondoc.Error
		if !errors.As(err, &je) {
			f := xmlFinding(rules.Error, 1, 0, "not well-formed JSON: %v", err)
			return nil, &f
		}
		line, col := jsondoc.ErrorPosition(data, je)
		f := xmlFinding(rules.Error, line, col, "not well-formed JSON: %s", je.Msg)
		f.Path = je.Pointer
		return nil, &f
	}
	return doc, nil
}

var ctcJSONRoot = regexp.MustCompile(`^n1:(CC[0-9]{3}C)$`)

// maxNamed bounds the members a message-type finding names.
const maxNamed = 10

// jsonMessageType tells profile and message type from a JSON message's root
// member: "n1:CC015C" (CTC phases 5 and 6), "CC015B" (phase 4) or
// "md:MetaData" (CDS, typed by its Declaration's FunctionCode and TypeCode,
// or its Response). A message has one root member ("@" members, which
// declare namespaces, aside): with several the problem names them in
// document order, and off is where the second one starts.
func (e *Engine) jsonMessageType(doc *jsondoc.Doc) (p Profile, msgType, problem string, off int, note string) {
	top, ok := doc.Value.(map[string]any)
	if !ok {
		return "", "", "the JSON message is not an object", 0, ""
	}
	var roots []jsondoc.Member
	for _, m := range doc.Top {
		if !strings.HasPrefix(m.Key, "@") {
			roots = append(roots, m)
		}
	}
	switch {
	case len(roots) == 0:
		return "", "", "the JSON message is empty", 0, ""
	case len(roots) > 1:
		var names []string
		for _, m := range roots[:min(len(roots), maxNamed)] {
			names = append(names, strconv.Quote(m.Key))
		}
		more := ""
		if len(roots) > maxNamed {
			more = fmt.Sprintf(" and %d more", len(roots)-maxNamed)
		}
		return "", "", fmt.Sprintf("the JSON message has %d top-level members, %s%s: a message has exactly one, its root (such as \"n1:CC015C\")", len(roots), strings.Join(names, ", "), more), roots[1].Offset, ""
	}
	key, body := roots[0].Key, top[roots[0].Key]
	if m := ctcJSONRoot.FindStringSubmatch(key); m != nil {
		p, note = e.choosePhase(func() phaseEvidence { return jsonPhaseEvidence(body, m[1]) }, m[1])
		return p, m[1], "", 0, note
	}
	p, msgType, problem = e.jsonRoot(key, body)
	return p, msgType, problem, 0, ""
}

// jsonRoot types a message by its root member (other than a CTC phase 5/6
// root, which jsonMessageType types).
func (e *Engine) jsonRoot(key string, body any) (Profile, string, string) {
	switch {
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
// lines and columns of the JSON text. The text is decoded once: the
// schema check, the conversion and the positions share the result.
func (e *Engine) checkJSON(ctx context.Context, fr *FileReport, data []byte, c *collector) error {
	add := c.add
	doc, bad := decodeJSON(data)
	if bad != nil {
		add(*bad)
		return nil
	}
	profile, msgType, problem, off, note := e.jsonMessageType(doc)
	fr.Profile, fr.MessageType = string(profile), msgType
	if fr.MessageType == "" {
		fr.MessageType = TypeUnknown
	}
	if problem != "" {
		line, col := 1, 0
		if off > 0 {
			line, col = doc.Position(off)
		}
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: line, Column: col, Message: problem})
		return nil
	}
	if e.profile != ProfileAuto && e.profile != profile {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: fmt.Sprintf("%s is a %s message but --profile %s was given", msgType, profileName(profile), e.profile)})
		return nil
	}
	if note != "" {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Info, Line: 1, Message: note})
	}
	view, err := transform.ViewFor(string(profile), msgType)
	if err != nil {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: fmt.Sprintf("customslint has no JSON view of %s (profile %s)", msgType, profile)})
		return nil
	}
	if e.enabled[rules.JSONSchemaID] {
		errs, err := schemaCheck(ctx, view, doc.Value)
		if err != nil {
			return err
		}
		for _, l := range errs {
			line, col := doc.PointerPosition(l.pointer)
			add(Finding{Rule: rules.JSONSchemaID, Severity: rules.Error, Line: line, Column: col, Path: l.pointer, Message: l.message})
		}
		if len(errs) > 0 {
			return nil // as HMRC's validator: a JSON Schema error ends the check
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	xmlData, probs, err := view.ValueToXML(doc.Value)
	if err != nil {
		add(Finding{Rule: rules.MessageTypeID, Severity: rules.Error, Line: 1, Message: err.Error()})
		return nil
	}
	for _, p := range probs {
		line, col := doc.PointerPosition(p.Path)
		add(Finding{Rule: rules.JSONSchemaID, Severity: rules.Error, Line: line, Column: col, Path: p.Path, Message: p.Message})
	}
	// The XML form's findings, at the JSON's places (and under this
	// report's cap, through add).
	xr, err := e.checkXML(ctx, fr.Path, xmlInput{data: xmlData, size: int64(len(xmlData)), into: c, phase: profile, place: func(f *Finding) {
		if f.Path != "" {
			f.Path = view.Pointer(f.Path)
			f.Line, f.Column = doc.PointerPosition(f.Path)
		} else {
			f.Line, f.Column = 1, 0
		}
	}}, false)
	fr.Category = xr.Category // a CDS declaration's, as read from its XML form
	return err
}

// schemaCheck validates a decoded message against its view's JSON Schema,
// bounded first along the view's model (boundInstance) so that its cost
// follows the model's limits rather than the input's size. The error is
// the context's (checked before and after: the library cannot be stopped,
// but what it is given is bounded), a schema that does not compile
// (ErrSchema) or a failure that is no validation error.
func schemaCheck(ctx context.Context, view *transform.View, inst any) ([]jsonError, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("JSON Schema: %w", err)
	}
	schema, err := view.Schema()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSchema, err)
	}
	bounded, cut, err := boundInstance(ctx, view, inst)
	if err != nil {
		return nil, fmt.Errorf("JSON Schema: %w", err)
	}
	verr := schema.Validate(bounded)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("JSON Schema: %w", err)
	}
	if verr == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		return nil, verr
	}
	return schemaErrors(ve, cut), nil
}

// convertJSON converts a JSON message to XML (Convert's JSON half).
func (e *Engine) convertJSON(name string, data []byte) ([]byte, []transform.Problem, error) {
	doc, bad := decodeJSON(data)
	if bad != nil {
		return nil, nil, fmt.Errorf("%s:%d:%d: %s", name, bad.Line, bad.Column, bad.Message)
	}
	profile, msgType, problem, _, _ := e.jsonMessageType(doc)
	if problem != "" {
		return nil, nil, fmt.Errorf("%s: %s", name, problem)
	}
	view, err := transform.ViewFor(string(profile), msgType)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	out, probs, err := view.ValueToXML(doc.Value)
	if err != nil {
		return nil, nil, err
	}
	// The XML around the message (an MDG wrapper, processing
	// instructions), carried in the @document member.
	if env, eprobs := transform.EnvelopeOf(data); env != nil || len(eprobs) > 0 {
		probs = append(probs, eprobs...)
		if env != nil {
			wrapped, wprobs := env.Wrap(out)
			out, probs = wrapped, append(probs, wprobs...)
		}
	}
	return out, probs, nil
}

// jsonError is one JSON Schema error: where and why.
type jsonError struct {
	pointer string
	message string
	schema  string // the keyword's location in the schema, #/definitions/...
	kind    jsonschema.ErrorKind
}

var printer = message.NewPrinter(language.English)

// schemaErrors flattens a validation error to the errors worth reading:
// the leaves, except that a failed anyOf (alternative patterns) is one
// error naming what it wanted. The errors about what was cut tell the
// message's own figures.
func schemaErrors(ve *jsonschema.ValidationError, cut bounds) []jsonError {
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
			out = append(out, jsonError{ptr, "none of the alternatives holds: " + strings.Join(alts, "; ") + " [" + keyword(k) + "]", schemaPath(e), k})
			return
		}
		if len(e.Causes) == 0 {
			msg := kindText(e.ErrorKind, ptr, cut)
			if _, required := e.ErrorKind.(*kind.Required); !required {
				// Name the member the value belongs to (not an array index).
				for i := len(e.InstanceLocation) - 1; i >= 0; i-- {
					if _, err := strconv.Atoi(e.InstanceLocation[i]); err != nil {
						msg = e.InstanceLocation[i] + ": " + msg
						break
					}
				}
			}
			out = append(out, jsonError{ptr, msg + " [" + keyword(e.ErrorKind) + "]", schemaPath(e), e.ErrorKind})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// maxListed bounds the members an additionalProperties error names.
const maxListed = 20

// kindText is the message of an error kind at ptr. The members an
// additionalProperties error names (which the library collects in map
// order) are sorted, so that the same message gets the same report, and
// at most maxListed of them are quoted. An array or object that was cut
// before validation is told with its own length or member count.
func kindText(k jsonschema.ErrorKind, ptr string, cut bounds) string {
	if mi, ok := k.(*kind.MaxItems); ok {
		if n, cut := cut.items[ptr]; cut {
			return (&kind.MaxItems{Got: n, Want: mi.Want}).LocalizedString(printer)
		}
	}
	ap, ok := k.(*kind.AdditionalProperties)
	if !ok {
		return k.LocalizedString(printer)
	}
	n := len(ap.Properties)
	if all, cut := cut.members[ptr]; cut {
		n = all
	}
	more := ""
	if n > maxListed {
		more = fmt.Sprintf(" (and %d more)", n-maxListed)
	}
	return (&kind.AdditionalProperties{Properties: leastSorted(ap.Properties, maxListed)}).LocalizedString(printer) + more
}

// leastSorted returns the n least strings of all, sorted, without sorting
// (or copying) all of them.
func leastSorted(all []string, n int) []string {
	out := make([]string, 0, n+1)
	for _, s := range all {
		if len(out) == n && s >= out[n-1] {
			continue
		}
		i, _ := slices.BinarySearch(out, s)
		out = slices.Insert(out, i, s)
		out = out[:min(len(out), n)]
	}
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
	// Kind is the validator's own account of the error (a *kind.Required,
	// *kind.Pattern ... of santhosh-tekuri/jsonschema), for callers that
	// word errors their own way (the HMRC-compatible endpoint).
	Kind jsonschema.ErrorKind
}

// JSONSchemaErrors validates a JSON message of the given profile and type
// against its JSON Schema (the HTTP service reports these as HMRC's
// validator does). The error is a *JSONError for input customslint does
// not read as JSON, or says the type has no JSON view.
func JSONSchemaErrors(profile Profile, messageType string, data []byte) ([]JSONSchemaError, error) {
	view, err := transform.ViewFor(string(profile), messageType)
	if err != nil {
		return nil, err
	}
	doc, bad := decodeJSON(data)
	if bad != nil {
		return nil, asJSONError(bad)
	}
	errs, err := schemaCheck(context.Background(), view, doc.Value)
	if err != nil {
		return nil, err
	}
	var out []JSONSchemaError
	for _, e := range errs {
		out = append(out, JSONSchemaError{Pointer: e.pointer, SchemaPath: e.schema, Message: e.message, Kind: e.kind})
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

// JSONError is a JSON text customslint does not read: not UTF-8,
// not well-formed, nested too deep, with a duplicate key or a string that
// is not Unicode text.
type JSONError struct {
	Line, Column int
	Pointer      string // the value concerned, when known
	Msg          string
}

func (e *JSONError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// CheckJSONSyntax returns a *JSONError when data is no JSON message
// customslint reads (see JSONError), nil otherwise.
func CheckJSONSyntax(data []byte) error {
	if _, bad := decodeJSON(data); bad != nil {
		return asJSONError(bad)
	}
	return nil
}

func asJSONError(bad *Finding) *JSONError {
	return &JSONError{Line: bad.Line, Column: bad.Column, Pointer: bad.Path, Msg: bad.Message}
}
