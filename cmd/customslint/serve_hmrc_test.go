package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

// The replay: HMRC's own test suite for transit-movements-validator
// (github.com/hmrc/transit-movements-validator), its expectations written
// down as facts (request, status, body) and run against serve. Each case
// cites HMRC's test by file, commit and test name. The requests are
// customslint's own messages (testdata), edited to reproduce the case;
// where HMRC's case rests on a fixture of its own, the case says which
// part of HMRC's expected body the edit reproduces.

// HMRC's test files, at the commits read: 01fd5bf is HMRC's head as
// stored (API 3.0 and the v2_1 folders), 04ec15f the last commit whose
// root specs still tested API 2.1 alone.
const (
	hmrcRepo    = "hmrc/transit-movements-validator:"
	hmrcTest    = hmrcRepo + "test/uk/gov/hmrc/transitmovementsvalidator/"
	srcCtrl     = hmrcTest + "controllers/MessagesControllerSpec.scala@01fd5bf"
	srcV3XML    = hmrcTest + "v3_0/services/V3XmlValidationServiceSpec.scala@01fd5bf"
	srcV3JSON   = hmrcTest + "v3_0/services/V3JsonValidationServiceSpec.scala@01fd5bf"
	srcV3Biz    = hmrcTest + "v3_0/services/V3BusinessValidationServiceSpec.scala@01fd5bf"
	srcV2XML    = hmrcTest + "v2_1/services/V2XmlValidationServiceSpec.scala@01fd5bf"
	srcV2Biz    = hmrcTest + "v2_1/services/V2BusinessValidationServiceSpec.scala@01fd5bf"
	srcV3IT     = hmrcRepo + "it/test/uk/gov/hmrc/transitmovementsvalidator/v3_0/services/V3ValidatorServiceIntegrationSpec.scala@01fd5bf"
	srcJSON21   = hmrcTest + "services/JsonValidationServiceSpec.scala@04ec15f"
	srcIssue    = "customslint issue 18: HMRC's current validator answers APIVersion 2.1 415"
	xmlCT       = "application/xml"
	jsonCT      = "application/json"
	noHeader    = "\x00" // the header is not sent
	bothVersion = "2.1,3.0"
)

// replayCase is one of HMRC's test cases as a request to serve and the
// answer HMRC's test expects.
type replayCase struct {
	src         string // HMRC's test: file@commit — "test name"
	name        string
	server      string // which server answers: "" default, "p5" (--api-versions 2.1,3.0), "lrn" (--lrn-regex ^[a-zA-Z]{1,35}$), "lrn5" (both)
	msgType     string
	version     string // APIVersion; noHeader for none
	contentType string // noHeader for none
	body        []byte
	status      int
	// want is the body HMRC's test expects, compared as JSON with the
	// validationErrors in any order (HMRC's JSON validator reports them
	// in a set's order); "" for no body.
	want string
	// shape, instead of want, where HMRC's test asserts only the kind of
	// answer: "xml" or "json" schema errors, each well formed.
	shape string
	// hmrcSide marks a case HMRC's test runs on its business rules alone
	// with a message that fails its own schema: HMRC's endpoint, like
	// serve, answers the schema errors first, and the case checks that.
	hmrcSide bool
}

// hmrcStyle lays out a fixture as HMRC's XML fixtures are: the document
// element on line 1 (no declaration, no comment before it), four spaces
// of indentation a level.
func hmrcStyle(t *testing.T, xml []byte) []byte {
	t.Helper()
	i := bytes.Index(xml, []byte("<ncts:"))
	if i < 0 {
		t.Fatal("no ncts: document element")
	}
	lead := regexp.MustCompile(`(?m)^( +)`)
	return lead.ReplaceAllFunc(xml[i:], func(sp []byte) []byte { return bytes.Repeat(sp, 2) })
}

// edit replaces the first old in b with new; the fixture must hold old.
func edit(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("fixture has no %q", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// editJSON decodes a JSON message, lets change edit it and encodes it
// again (members in key order, which HMRC's schema allows).
func editJSON(t *testing.T, js []byte, change func(root map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range doc {
		if strings.HasPrefix(k, "n1:") {
			change(v.(map[string]any))
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// at walks a path of member names and array indexes ("Guarantee/0") to
// the object holding its last step, and that step's name.
func at(t *testing.T, root map[string]any, path string) (map[string]any, string) {
	t.Helper()
	steps := strings.Split(path, "/")
	var cur any = root
	for _, s := range steps[:len(steps)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[s]
		case []any:
			i, _ := strconv.Atoi(s)
			if i >= len(c) {
				t.Fatalf("no %s in %s", s, path)
			}
			cur = c[i]
		}
		if cur == nil {
			t.Fatalf("no %s in %s", s, path)
		}
	}
	obj, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("%s: not an object", path)
	}
	last := steps[len(steps)-1]
	if _, ok := obj[last]; !ok {
		t.Fatalf("no %s", path)
	}
	return obj, last
}

func setJSON(t *testing.T, path string, v any) func(map[string]any) {
	return func(root map[string]any) {
		obj, k := at(t, root, path)
		obj[k] = v
	}
}

func delJSON(t *testing.T, path string) func(map[string]any) {
	return func(root map[string]any) {
		obj, k := at(t, root, path)
		delete(obj, k)
	}
}

// xmlErr and jsonErr write one expected schema error.
func xmlErr(line, col int, msg string) string {
	b, _ := json.Marshal(map[string]any{"lineNumber": line, "columnNumber": col, "message": msg})
	return string(b)
}

func jsonErr(schemaPath, msg string) string {
	b, _ := json.Marshal(map[string]string{"schemaPath": schemaPath, "message": msg})
	return string(b)
}

func errorsBody(errs ...string) string {
	return `{"validationErrors":[` + strings.Join(errs, ",") + `]}`
}

func presentation(code, msg string) string {
	b, _ := json.Marshal(map[string]string{"code": code, "message": msg})
	return string(b)
}

// requestTypes are the message types HMRC's validator takes, by URL code,
// with customslint's fixture of each.
var requestTypes = []struct{ code, root, file string }{
	{"IE007", "CC007C", "cc007c.xml"}, {"IE013", "CC013C", "cc013c.xml"}, {"IE014", "CC014C", "cc014c.xml"},
	{"IE015", "CC015C", "cc015c.xml"}, {"IE044", "CC044C", "cc044c.xml"}, {"IE170", "CC170C", "cc170c.xml"},
}

func replayCases(t *testing.T) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	fixture := func(phase, file string) []byte { return readRepoFile(t, "testdata/messages/ctc-"+phase+"/"+file) }
	js := func(phase string, xml []byte) []byte {
		p := validate.ProfileCTCP6
		if phase == "p5" {
			p = validate.ProfileCTCP5
		}
		return toJSON(t, p, xml)
	}
	p6_015 := fixture("p6", "cc015c.xml")
	notAcceptable := presentation("NOT_ACCEPTABLE", "An Accept Header is missing.")

	// APIVersion (MessagesControllerSpec, "when APIVersion is invalid or missing").
	add(replayCase{src: srcCtrl + ` — "return NOT_ACCEPTABLE when APIVersion is None"`, name: "no APIVersion",
		msgType: "IE015", version: noHeader, contentType: xmlCT, body: p6_015, status: 406, want: notAcceptable})
	add(replayCase{src: srcCtrl + ` — "return UNSUPPORTED_MEDIA_TYPE_ERROR when the APIVersion is invalid or not supported"`, name: "unsupported APIVersion",
		msgType: "IE015", version: "x9Zq", contentType: xmlCT, body: p6_015, status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header x9Zq is not supported.")})
	add(replayCase{src: srcCtrl + ` — "return UNSUPPORTED_MEDIA_TYPE_ERROR when the APIVersion is empty"`, name: "empty APIVersion",
		msgType: "IE015", version: "", contentType: xmlCT, body: p6_015, status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header  is not supported.")})
	add(replayCase{src: srcIssue, name: "2.1 by default", msgType: "IE015", version: "2.1", contentType: xmlCT,
		body: fixture("p5", "cc015c.xml"), status: 415, want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header 2.1 is not supported.")})

	// APIVersion 2.1 (MessagesControllerSpec, "when APIVersion is 2.1"), with --api-versions 2.1,3.0.
	for _, rt := range requestTypes {
		add(replayCase{src: srcCtrl + ` — "on a valid XML file, with the application/xml content type, return No Content"`, name: "2.1 valid XML " + rt.code,
			server: "p5", msgType: rt.code, version: "2.1", contentType: xmlCT, body: fixture("p5", rt.file), status: 204})
	}
	add(replayCase{src: srcCtrl + ` — "on a valid XML file, but no valid message type, return BadRequest with an error message"`, name: "2.1 unknown type XML",
		server: "p5", msgType: "dummy", version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 404,
		want: presentation("NOT_FOUND", "Unknown Message Type provided: dummy is not recognised")})
	for _, code := range []string{"IE004", "IE025", "IE029", "IE043", "IE060", "IE928"} {
		add(replayCase{src: srcCtrl + ` — "on a valid XML file for a response type where response types are not enabled, return BadRequest with an error message"`,
			name: "2.1 response type " + code, server: "p5", msgType: code, version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 404,
			want: presentation("NOT_FOUND", "Unknown Message Type provided: "+code+" is not recognised")})
	}
	add(replayCase{src: srcCtrl + ` — "on an invalid XML file, return Ok with a list of errors"`, name: "2.1 invalid XML",
		server: "p5", msgType: "IE015", version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 200, shape: "xml"})
	p5js := js("p5", fixture("p5", "cc015c.xml"))
	add(replayCase{src: srcCtrl + ` — "on a valid JSON file, with the application/json content type, return No Content"`, name: "2.1 valid JSON",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: p5js, status: 204})
	add(replayCase{src: srcCtrl + ` — "on a valid JSON file, but no valid message type, return BadRequest with an error message"`, name: "2.1 unknown type JSON",
		server: "p5", msgType: "dummy", version: "2.1", contentType: jsonCT, body: []byte("{}"), status: 404,
		want: presentation("NOT_FOUND", "Unknown Message Type provided: dummy is not recognised")})
	add(replayCase{src: srcCtrl + ` — "on an invalid JSON file, return Ok with a list of errors"`, name: "2.1 invalid JSON",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: []byte("{}"), status: 200, shape: "json"})
	add(replayCase{src: srcCtrl + ` — "on receiving an invalid content type, must return Unsupported Media Type"`, name: "2.1 text/plain",
		server: "p5", msgType: "IE015", version: "2.1", contentType: "text/plain", body: []byte("{}"), status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "Content type text/plain is not supported.")})
	add(replayCase{src: srcCtrl + ` — "with no content type header, must return Unsupported Media Type"`, name: "2.1 no content type",
		server: "p5", msgType: "IE015", version: "2.1", contentType: noHeader, body: []byte("{}"), status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "Content type must be specified.")})
	// The controller's mock gives Jackson's message with its source; the
	// service strips the source (JsonValidationServiceSpec, stripSource).
	add(replayCase{src: srcCtrl + ` — "on an JsonParseException being thrown during json validation, must return Bad Request"; ` + srcV3JSON + ` — "when invalid json is provided, returns FailedToParse"`,
		name: "2.1 JSON that does not parse", server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: []byte("{'ABC':}"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [line: 1, column: 3]")})
	add(replayCase{src: srcCtrl + ` — "root node doesn't match messageType in XML file, return BadRequest with an error message"`, name: "2.1 root does not match messageType (XML)",
		server: "p5", msgType: "IE015", version: "2.1", contentType: xmlCT, body: edit(t, fixture("p5", "cc015c.xml"), "<messageType>CC015C</messageType>", "<messageType>CC007C</messageType>"),
		status: 200, want: presentation("BUSINESS_VALIDATION_ERROR", "Root node doesn't match with the messageType")})
	add(replayCase{src: srcCtrl + ` — "root node doesn't match messageType in json, return BadRequest with an error message"`, name: "2.1 root does not match messageType (JSON)",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: editJSON(t, p5js, setJSON(t, "messageType", "CC007C")),
		status: 200, want: presentation("BUSINESS_VALIDATION_ERROR", "Root node doesn't match with the messageType")})

	// XML validation, API 3.0 (V3XmlValidationServiceSpec) and 2.1 (V2XmlValidationServiceSpec).
	for _, v := range []struct{ server, version, phase, src string }{{"", "3.0", "p6", srcV3XML}, {"p5", "2.1", "p5", srcV2XML}} {
		arrival := hmrcStyle(t, fixture(v.phase, "cc007c.xml"))
		sender := regexp.MustCompile(`<messageSender>[^<]*</messageSender>`)
		senderLine := regexp.MustCompile(`\n *<messageSender>[^<]*</messageSender>`)
		add(replayCase{src: v.src + ` — "when invalid XML IE007 is provided, return XmlSchemaValidationError"`, name: v.version + " IE007 without messageSender",
			server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: senderLine.ReplaceAll(arrival, nil), status: 200,
			want: errorsBody(xmlErr(2, 23, "cvc-complex-type.2.4.a: Invalid content was found starting with element 'messageRecipient'. One of '{messageSender}' is expected."))})
		add(replayCase{src: v.src + ` — "when invalid XML IE007 is provided with invalid value for messageSender, return XmlSchemaValidationError"`, name: v.version + " IE007 empty messageSender",
			server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: sender.ReplaceAll(arrival, []byte("<messageSender></messageSender>")), status: 200,
			want: errorsBody(
				xmlErr(2, 36, "cvc-pattern-valid: Value '' is not facet-valid with respect to pattern '.{1,35}' for type 'MessageSenderContentType'."),
				xmlErr(2, 36, "cvc-type.3.1.3: The value '' of element 'messageSender' is not valid."))})
		add(replayCase{src: v.src + ` — "when valid message type provided but with unexpected xml, return errors"`, name: v.version + " unexpected XML",
			server: v.server, msgType: "IE015", version: v.version, contentType: xmlCT, body: []byte("<test></test>"), status: 200, shape: "xml"})
		for _, rt := range requestTypes {
			add(replayCase{src: v.src + ` — "when valid XML ` + rt.code + ` is provided for the given message type, return a Right"`, name: v.version + " valid XML " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: fixture(v.phase, rt.file), status: 204})
			if rt.code == "IE007" {
				continue
			}
			add(replayCase{src: v.src + ` — "when invalid XML ` + rt.code + ` is provided with invalid value for messageSender, return left"`, name: v.version + " empty messageSender " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: sender.ReplaceAll(fixture(v.phase, rt.file), []byte("<messageSender></messageSender>")), status: 200, shape: "xml"})
		}
	}

	// Integration (V3ValidatorServiceIntegrationSpec): valid and invalid, JSON and XML, of every request type.
	for _, rt := range requestTypes {
		x := fixture("p6", rt.file)
		j := js("p6", x)
		add(replayCase{src: srcV3IT + ` — "validating ` + rt.root + ` valid JSON returns right"`, name: "IT valid JSON " + rt.code,
			msgType: rt.code, version: "3.0", contentType: jsonCT, body: j, status: 204})
		add(replayCase{src: srcV3IT + ` — "validating ` + rt.root + ` invalid JSON returns JsonFailedValidation error"`, name: "IT invalid JSON " + rt.code,
			msgType: rt.code, version: "3.0", contentType: jsonCT, body: editJSON(t, j, delJSON(t, "messageSender")), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:"+rt.root+"Type/required", "$.n1:"+rt.root+".messageSender: is missing but it is required"))})
		add(replayCase{src: srcV3IT + ` — "validating ` + rt.root + ` valid XML returns right"`, name: "IT valid XML " + rt.code,
			msgType: rt.code, version: "3.0", contentType: xmlCT, body: x, status: 204})
		add(replayCase{src: srcV3IT + ` — "validating ` + rt.root + ` invalid XML returns XmlFailedValidation error"`, name: "IT invalid XML " + rt.code,
			msgType: rt.code, version: "3.0", contentType: xmlCT, body: regexp.MustCompile(`<messageSender>[^<]*</messageSender>`).ReplaceAll(x, nil), status: 200, shape: "xml"})
	}

	// JSON Schema errors (V3JsonValidationServiceSpec; JsonValidationServiceSpec of API 2.1).
	for _, v := range []struct{ server, version, phase, src string }{{"", "3.0", "p6", srcV3JSON}, {"p5", "2.1", "p5", srcJSON21}} {
		for _, rt := range requestTypes {
			j := js(v.phase, fixture(v.phase, rt.file))
			root := rt.root
			if rt.code != "IE015" {
				add(replayCase{src: v.src + ` — "when an invalid ` + root + ` provided with invalid schema, return error"` + partial(v.phase), name: v.version + " JSON without messageSender " + rt.code,
					server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, delJSON(t, "messageSender")), status: 200,
					want: errorsBody(jsonErr("#/definitions/n1:"+root+"Type/required", "$.n1:"+root+".messageSender: is missing but it is required"))})
			}
			add(replayCase{src: v.src + ` — "when an invalid ` + root + ` provided with invalid value in messageSender field, return error"` + partial(v.phase), name: v.version + " JSON messageSender pattern " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, setJSON(t, "messageSender", "")), status: 200,
				want: errorsBody(jsonErr("#/definitions/n1:MessageSenderContentType/pattern", "$.n1:"+root+".messageSender: does not match the regex pattern ^([\\w\\D]{1,35})$"))})
			if rt.code == "IE014" || rt.code == "IE007" || rt.code == "IE044" {
				add(replayCase{src: v.src + ` — "when an invalid ` + root + ` provided with schema invalid datetime in the preparationDateAndTime field, return errors"` + partial(v.phase), name: v.version + " JSON preparationDateAndTime " + rt.code,
					server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, setJSON(t, "preparationDateAndTime", "2023-02-30T10:00:00")), status: 200,
					want: errorsBody(jsonErr("#/definitions/n1:PreparationDateAndTimeContentType", "$.n1:"+root+".preparationDateAndTime: does not match the date-time pattern - date or time provided is invalid."))})
			}
		}
		amend := js(v.phase, fixture(v.phase, "cc013c.xml"))
		add(replayCase{src: v.src + ` — "when an invalid CC013C provided with schema invalid date in the limitDate field, return errors"` + partial(v.phase), name: v.version + " JSON limitDate",
			server: v.server, msgType: "IE013", version: v.version, contentType: jsonCT, body: editJSON(t, amend, setJSON(t, "TransitOperation/limitDate", "2023-02-30")), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:LimitDateContentType", "$.n1:CC013C.TransitOperation.limitDate: does not match the date pattern - date provided is invalid."))})
	}
	amend := js("p6", fixture("p6", "cc013c.xml"))
	seq := func(path string) []byte {
		return editJSON(t, amend, func(root map[string]any) {
			obj, k := at(t, root, path)
			obj[k] = fmt.Sprint(obj[k])
		})
	}
	for _, c := range []struct{ path, def, at string }{
		{"Guarantee/0/sequenceNumber", "SequenceNumberContentType", "Guarantee[0].sequenceNumber"},
		{"Consignment/HouseConsignment/0/sequenceNumber", "SequenceNumberContentType", "Consignment.HouseConsignment[0].sequenceNumber"},
		{"Consignment/HouseConsignment/0/ConsignmentItem/0/goodsItemNumber", "GoodsItemNumberContentType", "Consignment.HouseConsignment[0].ConsignmentItem[0].goodsItemNumber"},
	} {
		add(replayCase{src: srcV3JSON + ` — "when an invalid CC013C provided with invalid schema, return error" (one of its errors)`, name: "3.0 JSON string " + c.at,
			msgType: "IE013", version: "3.0", contentType: jsonCT, body: seq(c.path), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:"+c.def+"/type", "$.n1:CC013C."+c.at+": string found, integer expected"))})
	}
	add(replayCase{src: srcV3JSON + ` — "when an error occurs when parsing Json, ensure the source isn't included in the string"`, name: "JSON that does not parse: a field name",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: []byte("{ nope }"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected character ('n' (code 110)): was expecting double-quote to start field name\n at [line: 1, column: 4]")})
	p6js := js("p6", p6_015)
	extra := append(bytes.TrimRight(p6js, "\n"), "\n}"...)
	add(replayCase{src: srcV3JSON + ` — "when invalid json is provided with extra braces, returns an exception" (HMRC's fixture ends at line 73)`, name: "JSON that does not parse: extra brace",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: extra, status: 400,
		want: presentation("BAD_REQUEST", fmt.Sprintf("Unexpected close marker '}': expected ']' (for root starting at [line: 1, column: 0])\n at [line: %d, column: 2]", bytes.Count(extra, []byte("\n"))+1))})
	add(replayCase{src: srcCtrl + ` — "On validate JSON" (invalidJson "{")`, name: "JSON that does not parse: cut short",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: []byte("{"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1])\n at [line: 1, column: 2]")})

	// Business rules (V3BusinessValidationServiceSpec, V2BusinessValidationServiceSpec), on schema-valid messages.
	biz := func(msg string) string { return presentation("BUSINESS_VALIDATION_ERROR", msg) }
	office := regexp.MustCompile(`(<CustomsOfficeOfDeparture>\s*<referenceNumber>)[^<]*`)
	for _, v := range []struct{ server, lrnServer, version, phase, src string }{{"", "lrn", "3.0", "p6", srcV3Biz}, {"p5", "lrn5", "2.1", "p5", srcV2Biz}} {
		cs = append(cs, businessCases(t, v.server, v.lrnServer, v.version, v.src, fixture(v.phase, "cc007c.xml"), fixture(v.phase, "cc015c.xml"), fixture(v.phase, "cc013c.xml"), func(x []byte) []byte { return js(v.phase, x) }, biz, office)...)
	}
	arrivalJS := js("p6", fixture("p6", "cc007c.xml"))
	// HMRC's business specs run the rule stage alone; at the endpoint a
	// message that also breaks the schema gets the schema errors first.
	add(replayCase{src: srcV3Biz + ` — Json "when messageRecipient is invalid" (with a schema error besides)`, name: "business and schema error (JSON)", hmrcSide: true,
		msgType: "IE007", version: "3.0", contentType: jsonCT, body: editJSON(t, arrivalJS, func(root map[string]any) {
			setJSON(t, "messageRecipient", "nope")(root)
			delJSON(t, "messageSender")(root)
		}), status: 200, want: errorsBody(jsonErr("#/definitions/n1:CC007CType/required", "$.n1:CC007C.messageSender: is missing but it is required"))})
	return cs
}

// businessCases are the cases of HMRC's business-validation spec src for
// one API version, on customslint's arrival, departure and amendment of
// its phase, answered by server (lrnServer with HMRC's LRN check on).
func businessCases(t *testing.T, server, lrnServer, version, src string, arrival, departure, amendX []byte, js func([]byte) []byte, biz func(string) string, office *regexp.Regexp) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	arrivalJS, departureJS := js(arrival), js(departure)
	add(replayCase{src: src + ` — Json "when messageRecipient is invalid"`, name: version + " business: recipient (JSON)",
		server: server, msgType: "IE007", version: version, contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "messageRecipient", "nope")), status: 200,
		want: biz("The message recipient must be either NTA.GB or NTA.XI (nope was specified)")})
	add(replayCase{src: src + ` — XML "when messageRecipient is invalid"`, name: version + " business: recipient (XML)",
		server: server, msgType: "IE007", version: version, contentType: xmlCT, body: edit(t, arrival, "<messageRecipient>NTA.XI</messageRecipient>", "<messageRecipient>token</messageRecipient>"), status: 200,
		want: biz("The message recipient must be either NTA.GB or NTA.XI (token was specified)")})
	add(replayCase{src: src + ` — Json "when the office country does not match the messageRecipient country (XI office for GB recipient)"`, name: version + " business: recipient office (JSON)",
		server: server, msgType: "IE007", version: version, contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "messageRecipient", "NTA.GB")), status: 200,
		want: biz("The message recipient country must match the country of the CustomsOfficeOfDestinationActual")})
	add(replayCase{src: src + ` — XML "when the office country does not match the messageRecipient country (XI office for GB recipient)"`, name: version + " business: recipient office (XML)",
		server: server, msgType: "IE007", version: version, contentType: xmlCT, body: edit(t, arrival, "<messageRecipient>NTA.XI</messageRecipient>", "<messageRecipient>NTA.GB</messageRecipient>"), status: 200,
		want: biz("The message recipient country must match the country of the CustomsOfficeOfDestinationActual")})
	add(replayCase{src: src + ` — Json "when referenceNumber node doesn't start with GB or XI for Departure, return BusinessValidationError"`, name: version + " business: departure office (JSON)",
		server: server, msgType: "IE015", version: version, contentType: jsonCT, body: editJSON(t, departureJS, setJSON(t, "CustomsOfficeOfDeparture/referenceNumber", "GV123456")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (GV123456 was specified)")})
	add(replayCase{src: src + ` — XML "when referenceNumber node doesn't start with GB or XI for Departure, return BusinessValidationError"`, name: version + " business: departure office (XML)",
		server: server, msgType: "IE015", version: version, contentType: xmlCT, body: office.ReplaceAll(departure, []byte("${1}XB3KMA8M")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (XB3KMA8M was specified)")})
	for _, f := range []struct{ ct string }{{jsonCT}, {xmlCT}} {
		kind, gb, xi := "Json", editJSON(t, arrivalJS, func(root map[string]any) {
			setJSON(t, "messageRecipient", "NTA.GB")(root)
			setJSON(t, "CustomsOfficeOfDestinationActual/referenceNumber", "GB000060")(root)
		}), arrivalJS
		if f.ct == xmlCT {
			kind, gb, xi = "XML", edit(t, edit(t, arrival, "NTA.XI", "NTA.GB"), "<referenceNumber>XI000142</referenceNumber>", "<referenceNumber>GB000060</referenceNumber>"), arrival
		}
		add(replayCase{src: src + ` — ` + kind + ` "when message is business rule valid for GB, return a Right"`, name: version + " business: valid GB (" + kind + ")",
			server: server, msgType: "IE007", version: version, contentType: f.ct, body: gb, status: 204})
		add(replayCase{src: src + ` — ` + kind + ` "when message is business rule valid for XI, return a Right"`, name: version + " business: valid XI (" + kind + ")",
			server: server, msgType: "IE007", version: version, contentType: f.ct, body: xi, status: 204})
		badLRN, goodLRN := editJSON(t, departureJS, setJSON(t, "TransitOperation/LRN", "{{LRN}}")), editJSON(t, departureJS, setJSON(t, "TransitOperation/LRN", "abcDEF"))
		if f.ct == xmlCT {
			lrn := regexp.MustCompile(`<LRN>[^<]*</LRN>`)
			badLRN, goodLRN = lrn.ReplaceAll(departure, []byte("<LRN>{{LRN}}</LRN>")), lrn.ReplaceAll(departure, []byte("<LRN>abcDEF</LRN>"))
		}
		add(replayCase{src: src + ` — ` + kind + ` "when the LRN is 'invalid' and the LRN validation is disabled, no errors are returned"`, name: version + " business: LRN check off (" + kind + ")",
			server: server, msgType: "IE015", version: version, contentType: f.ct, body: badLRN, status: 204})
		add(replayCase{src: src + ` — ` + kind + ` "when the LRN is 'invalid' and the LRN validation is enabled, an error is returned"`, name: version + " business: LRN check on (" + kind + ")",
			server: lrnServer, msgType: "IE015", version: version, contentType: f.ct, body: badLRN, status: 200,
			want: biz("LRN must match the regex ^[a-zA-Z]{1,35}$, but '{{LRN}}' was provided")})
		add(replayCase{src: src + ` — ` + kind + ` "when the LRN is 'valid' and the LRN validation is enabled, no errors are returned"`, name: version + " business: LRN valid (" + kind + ")",
			server: lrnServer, msgType: "IE015", version: version, contentType: f.ct, body: goodLRN, status: 204})
		// IE013: customslint's amendment carries an MRN.
		mrnOnly, lrnOnly, neither, both := amendBodies(t, f.ct, amendX, js(amendX))
		add(replayCase{src: src + ` — ` + kind + ` IE013 "when we have a valid IE013 using an LRN, Unit must be returned"`, name: version + " business: IE013 LRN (" + kind + ")",
			server: server, msgType: "IE013", version: version, contentType: f.ct, body: lrnOnly, status: 204})
		add(replayCase{src: src + ` — ` + kind + ` IE013 "when we have a valid IE013 using an MRN, Unit must be returned"`, name: version + " business: IE013 MRN (" + kind + ")",
			server: server, msgType: "IE013", version: version, contentType: f.ct, body: mrnOnly, status: 204})
		add(replayCase{src: src + ` — ` + kind + ` IE013 "when we have an invalid IE013 without a LRN or MRN, a validation error must be returned"`, name: version + " business: IE013 neither (" + kind + ")",
			server: server, msgType: "IE013", version: version, contentType: f.ct, body: neither, status: 200, want: biz("A LRN or MRN must be specified, neither were found (rule C0467)")})
		add(replayCase{src: src + ` — ` + kind + ` IE013 "when we have an invalid IE013 with both a LRN and a MRN, a validation error must be returned"`, name: version + " business: IE013 both (" + kind + ")",
			server: server, msgType: "IE013", version: version, contentType: f.ct, body: both, status: 200, want: biz("Only an LRN or MRN must be specified, both were found (rule C0467)")})
	}
	return cs
}

// partial notes where HMRC's fixture holds other faults too: its body
// lists more errors, and the edit reproduces the one named.
func partial(phase string) string {
	if phase == "p6" {
		return " (HMRC's fixture also has string sequence numbers; the edit reproduces its error of the field named)"
	}
	return ""
}

// amendBodies are customslint's IE013 with an MRN only, an LRN only,
// neither and both, as XML or JSON.
func amendBodies(t *testing.T, ct string, x, js []byte) (mrnOnly, lrnOnly, neither, both []byte) {
	t.Helper()
	mrn := regexp.MustCompile(`<MRN>[^<]*</MRN>`)
	m := mrn.Find(x)
	if m == nil {
		t.Fatal("the IE013 fixture has no MRN")
	}
	if ct == xmlCT {
		return x, mrn.ReplaceAll(x, []byte("<LRN>AMEND0001</LRN>")), mrn.ReplaceAll(x, nil), mrn.ReplaceAll(x, append([]byte("<LRN>AMEND0001</LRN>"), m...))
	}
	setLRN := func(root map[string]any) {
		op := root["TransitOperation"].(map[string]any)
		op["LRN"] = "AMEND0001"
	}
	return js,
		editJSON(t, js, func(root map[string]any) { setLRN(root); delJSON(t, "TransitOperation/MRN")(root) }),
		editJSON(t, js, delJSON(t, "TransitOperation/MRN")),
		editJSON(t, js, setLRN)
}

// replayRequest sends c to base and returns the answer.
func replayRequest(client *http.Client, base string, c replayCase) (response, error) {
	req, err := http.NewRequest(http.MethodPost, base+"/messages/"+c.msgType+"/validation", bytes.NewReader(c.body))
	if err != nil {
		return response{}, err
	}
	if c.version != noHeader {
		req.Header["APIVersion"] = []string{c.version}
	}
	if c.contentType != noHeader {
		req.Header.Set("Content-Type", c.contentType)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(res.Body)
	return response{res.StatusCode, b.String()}, err
}

// sameBody compares bodies as JSON, the validationErrors in any order.
func sameBody(got, want string) bool {
	norm := func(s string) (string, bool) {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return "", false
		}
		if errs, ok := v["validationErrors"].([]any); ok {
			var keys []string
			for _, e := range errs {
				b, _ := json.Marshal(e)
				keys = append(keys, string(b))
			}
			slices.Sort(keys)
			v["validationErrors"] = keys
		}
		b, _ := json.Marshal(v)
		return string(b), true
	}
	g, ok1 := norm(got)
	w, ok2 := norm(want)
	return ok1 && ok2 && g == w
}

// rightShape checks a body HMRC's test only classes: schema errors of the
// kind, each with its members filled in HMRC's style.
func rightShape(body, kind string) bool {
	var v struct {
		Errs []map[string]any `json:"validationErrors"`
	}
	if json.Unmarshal([]byte(body), &v) != nil || len(v.Errs) == 0 {
		return false
	}
	for _, e := range v.Errs {
		msg, _ := e["message"].(string)
		switch kind {
		case "xml":
			line, _ := e["lineNumber"].(float64)
			col, _ := e["columnNumber"].(float64)
			if line < 1 || col < 1 || !strings.HasPrefix(msg, "cvc-") || len(e) != 3 {
				return false
			}
		case "json":
			sp, _ := e["schemaPath"].(string)
			if !strings.HasPrefix(sp, "#/") || !strings.HasPrefix(msg, "$") || len(e) != 2 {
				return false
			}
		}
	}
	return true
}

// TestHMRCReplay replays HMRC's test cases against serve: every status
// and every body must be what HMRC's tests expect.
func TestHMRCReplay(t *testing.T) {
	servers := map[string]*testService{}
	servers[""], _ = startServer(t, serveConfig{})
	servers["p5"], _ = startServer(t, serveConfig{apiVersions: bothVersion})
	servers["lrn"], _ = startServer(t, serveConfig{lrnRegex: "^[a-zA-Z]{1,35}$"})
	servers["lrn5"], _ = startServer(t, serveConfig{apiVersions: bothVersion, lrnRegex: "^[a-zA-Z]{1,35}$"})
	cases := replayCases(t)
	statuses, bodies, withBody, hmrcSide := 0, 0, 0, 0
	for _, c := range cases {
		ts := servers[c.server]
		res, err := replayRequest(ts.Client(), ts.URL, c)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.hmrcSide {
			hmrcSide++
		}
		if res.status == c.status {
			statuses++
		} else {
			t.Errorf("%s: status %d, want %d (%s)\n  body %s", c.name, res.status, c.status, c.src, res.body)
		}
		switch {
		case c.shape != "":
			withBody++
			if rightShape(res.body, c.shape) {
				bodies++
			} else {
				t.Errorf("%s: body %s, want %s schema errors (%s)", c.name, res.body, c.shape, c.src)
			}
		case c.want != "":
			withBody++
			if sameBody(res.body, c.want) {
				bodies++
			} else {
				t.Errorf("%s: body\n  %s\nwant\n  %s\n(%s)", c.name, res.body, c.want, c.src)
			}
		case res.body != "":
			t.Errorf("%s: body %s, want none (%s)", c.name, res.body, c.src)
		}
	}
	t.Logf("HMRC replay: %d of %d statuses, %d of %d bodies as HMRC's tests expect (%d cases where HMRC's rule-stage test meets a schema error first)",
		statuses, len(cases), bodies, withBody, hmrcSide)
}

// TestServeAPIVersionsFlag: --api-versions takes only the versions
// customslint answers for.
func TestServeAPIVersionsFlag(t *testing.T) {
	for _, bad := range []string{"4.0", "", "3.0,1.0"} {
		var out, errOut bytes.Buffer
		if code := runServe(t.Context(), []string{"--addr", "127.0.0.1:0", "--api-versions", bad}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "--api-versions") {
			t.Errorf("--api-versions %q: exit %d, %s", bad, code, errOut.String())
		}
	}
}
