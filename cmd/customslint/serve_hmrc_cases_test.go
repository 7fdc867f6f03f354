package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

// The replay: HMRC's own test suite for transit-movements-validator
// (github.com/hmrc/transit-movements-validator), its expectations written
// down as facts (request, status, body) and run against serve. Each case
// cites HMRC's test by file, commit, line (of the test's `"..." in {`) and
// test name, several tests where they make the same request with the same
// expectation. The requests are customslint's own messages (testdata),
// edited to reproduce the case; where HMRC's case rests on a fixture of
// its own, the case says which part of HMRC's expected body the edit
// reproduces. HMRC's files are not copied.
//
// Sources read, every test case of each (counts in docs/serve.md):
//
//   - controllers/MessagesControllerSpec.scala@01fd5bf: 20 tests. Not
//     replayable: the four "on an exception being thrown ..." tests (400,
//     481, 682, 808: a mocked service throws; no request reproduces it) and
//     "... where response types are enabled, return No Content" (322: a
//     configuration, validateRequestTypesOnly=false, serve does not have).
//     The "when APIVersion is 3.0" tests from line 847 on are commented out
//     in HMRC's file.
//   - v2_1/controllers/MessagesControllerSpec.scala@0030e96 (the only
//     stored version; the v2_1 folder's controller spec): 17 tests, the
//     same cases as the root spec's "when APIVersion is 2.1" without the
//     header. Not replayable: the four exception tests (237, 295, 435,
//     528) and response types enabled (179), as above.
//   - v3_0 and v2_1 XmlValidationServiceSpec, JsonValidationServiceSpec,
//     BusinessValidationServiceSpec and it/.../ValidatorServiceIntegrationSpec
//     @01fd5bf: every test replayed.
//   - services/JsonValidationServiceSpec.scala@04ec15f: 28 tests; not
//     replayable: the two CC141C tests (124, 221): HMRC's validator no
//     longer takes IE141 (head's v2_1 MessageType has no IE141, answered
//     404 as by serve) and no phase 5 CC141C schema is published.
//   - services/XmlValidationServiceSpec.scala@01e6630 (the stored API 2.1
//     version; 04ec15f is not stored): 9 tests; not replayable: IE141
//     (134), as above.
//   - services/BusinessValidationServiceSpec.scala@0b88fcf (the stored
//     API 2.1 version; 04ec15f is not stored): 19 tests, every one
//     replayed.
//   - it/.../services/ValidatorServiceIntegrationSpec.scala@04ec15f is not
//     stored; its stored versions test API 3.0 (3744d90) with the same 24
//     cases as V3ValidatorServiceIntegrationSpec, replayed under that name.

// HMRC's test files, at the commits read: 01fd5bf is HMRC's head as
// stored (API 3.0 and the v2_1 folders); 04ec15f, 01e6630 and 0b88fcf
// root specs that tested API 2.1 alone.
const (
	hmrcRepo    = "hmrc/transit-movements-validator:"
	hmrcTest    = hmrcRepo + "test/uk/gov/hmrc/transitmovementsvalidator/"
	hmrcIT      = hmrcRepo + "it/test/uk/gov/hmrc/transitmovementsvalidator/"
	srcCtrl     = hmrcTest + "controllers/MessagesControllerSpec.scala@01fd5bf"
	srcV2Ctrl   = hmrcTest + "v2_1/controllers/MessagesControllerSpec.scala@0030e96"
	srcV3XML    = hmrcTest + "v3_0/services/V3XmlValidationServiceSpec.scala@01fd5bf"
	srcV3JSON   = hmrcTest + "v3_0/services/V3JsonValidationServiceSpec.scala@01fd5bf"
	srcV3Biz    = hmrcTest + "v3_0/services/V3BusinessValidationServiceSpec.scala@01fd5bf"
	srcV2XML    = hmrcTest + "v2_1/services/V2XmlValidationServiceSpec.scala@01fd5bf"
	srcV2JSON   = hmrcTest + "v2_1/services/V2JsonValidationServiceSpec.scala@01fd5bf"
	srcV2Biz    = hmrcTest + "v2_1/services/V2BusinessValidationServiceSpec.scala@01fd5bf"
	srcV3IT     = hmrcIT + "v3_0/services/V3ValidatorServiceIntegrationSpec.scala@01fd5bf"
	srcV2IT     = hmrcIT + "v2_1/services/V2ValidatorServiceIntegrationSpec.scala@01fd5bf"
	srcJSON21   = hmrcTest + "services/JsonValidationServiceSpec.scala@04ec15f"
	srcXML21    = hmrcTest + "services/XmlValidationServiceSpec.scala@01e6630"
	srcBiz21    = hmrcTest + "services/BusinessValidationServiceSpec.scala@0b88fcf"
	srcIssue    = "customslint issue 18: HMRC's current validator answers APIVersion 2.1 415"
	xmlCT       = "application/xml"
	jsonCT      = "application/json"
	noHeader    = "\x00" // the header is not sent
	bothVersion = "2.1,3.0"
)

// cite is one of HMRC's tests: file@commit:line — "name".
func cite(src string, line int, name string) string {
	return fmt.Sprintf("%s:%d — %q", src, line, name)
}

// cites joins the tests a case replays.
func cites(c ...string) string {
	return strings.Join(c, "; ")
}

// Lines of HMRC's tests. The v3_0 and v2_1 specs of a kind have the same
// lines (the same text, the version's names aside).
var (
	// XmlValidationServiceSpec (V3 and V2): valid message, invalid
	// message, empty messageSender, by URL code.
	xmlValidLine  = map[string]int{"IE013": 118, "IE014": 132, "IE015": 146, "IE170": 174, "IE007": 188, "IE044": 202}
	xmlInvalid    = map[string]int{"IE013": 277, "IE014": 303, "IE044": 342, "IE170": 368}
	xmlSenderLine = map[string]int{"IE013": 290, "IE014": 316, "IE015": 329, "IE044": 355, "IE170": 381}
	// services/XmlValidationServiceSpec@01e6630: valid message.
	xml21ValidLine = map[string]int{"IE013": 50, "IE014": 64, "IE015": 78, "IE170": 92, "IE007": 106, "IE044": 120}
	// JsonValidationServiceSpec (V3 and V2) and its 04ec15f root version:
	// valid, missing messageSender, messageSender pattern, date-time.
	jsonValidLine   = map[string]int{"IE013": 58, "IE014": 69, "IE015": 80, "IE170": 92, "IE007": 103, "IE044": 114}
	json21ValidLine = map[string]int{"IE013": 58, "IE014": 69, "IE015": 80, "IE170": 91, "IE007": 102, "IE044": 113}
	jsonSchemaLine  = map[string]int{"IE007": 417, "IE013": 498, "IE014": 811, "IE044": 891, "IE170": 933}
	json21Schema    = map[string]int{"IE007": 298, "IE013": 340, "IE014": 382, "IE044": 445, "IE170": 487}
	jsonSenderLine  = map[string]int{"IE007": 456, "IE013": 653, "IE014": 832, "IE015": 853, "IE044": 912, "IE170": 980}
	json21Sender    = map[string]int{"IE007": 319, "IE013": 361, "IE014": 403, "IE015": 424, "IE044": 466, "IE170": 508}
	jsonDateLine    = map[string]int{"IE014": 136, "IE007": 157, "IE044": 199}
	json21DateLine  = map[string]int{"IE014": 158, "IE007": 179, "IE044": 200}
	// ValidatorServiceIntegrationSpec (V3 and V2): valid JSON; the
	// invalid JSON test is 8 lines on, the XML tests 93 and 101.
	itLine = map[string]int{"IE007": 46, "IE013": 61, "IE014": 76, "IE015": 91, "IE044": 106, "IE170": 121}
	// HMRC's 01fd5bf JSON fixtures whose expected body lists other faults
	// (string sequence numbers) besides the one of the test.
	jsonMoreFaults = map[string]bool{"date IE007": true, "limitDate": true, "schema IE007": true, "schema IE013": true, "schema IE170": true,
		"sender IE007": true, "sender IE013": true, "sender IE015": true, "sender IE170": true}
)

// hmrcResponseTypes are the response types of HMRC's API 2.1 (v2_1
// MessageType.responseValues), which its validator answers 404 by
// default.
var hmrcResponseTypes = []string{"IE004", "IE009", "IE019", "IE025", "IE028", "IE029", "IE035", "IE043", "IE045",
	"IE051", "IE055", "IE056", "IE057", "IE060", "IE182", "IE906", "IE928"}

// requestTypes are the message types HMRC's validator takes, by URL code,
// with customslint's fixture of each.
var requestTypes = []struct{ code, root, file string }{
	{"IE007", "CC007C", "cc007c.xml"}, {"IE013", "CC013C", "cc013c.xml"}, {"IE014", "CC014C", "cc014c.xml"},
	{"IE015", "CC015C", "cc015c.xml"}, {"IE044", "CC044C", "cc044c.xml"}, {"IE170", "CC170C", "cc170c.xml"},
}

// replayFixtures reads customslint's CTC messages and their JSON forms.
type replayFixtures struct {
	t *testing.T
}

func (f replayFixtures) xml(phase, file string) []byte {
	return readRepoFile(f.t, "testdata/messages/ctc-"+phase+"/"+file)
}

func (f replayFixtures) json(phase string, xml []byte) []byte {
	p := validate.ProfileCTCP6
	if phase == "p5" {
		p = validate.ProfileCTCP5
	}
	return toJSON(f.t, p, xml)
}

// apiVersion is one API version as the replay sends it: the server that
// takes it, its header value, customslint's phase of its messages and
// HMRC's specs of it.
type apiVersion struct {
	server, lrnServer, version, phase string
	xml, json, biz, it                string
}

var (
	api30 = apiVersion{"", "lrn", "3.0", "p6", srcV3XML, srcV3JSON, srcV3Biz, srcV3IT}
	api21 = apiVersion{"p5", "lrn5", "2.1", "p5", srcV2XML, srcV2JSON, srcV2Biz, srcV2IT}
)

func replayCases(t *testing.T) []replayCase {
	f := replayFixtures{t}
	var cs []replayCase
	cs = append(cs, controllerCases(t, f)...)
	for _, v := range []apiVersion{api30, api21} {
		cs = append(cs, xmlCases(t, f, v)...)
		cs = append(cs, integrationCases(t, f, v)...)
		cs = append(cs, jsonSchemaCases(t, f, v)...)
		cs = append(cs, businessCases(t, f, v)...)
	}
	cs = append(cs, jsonParseCases(t, f)...)
	cs = append(cs, business21Cases(t, f)...)
	return cs
}

// controllerCases are MessagesControllerSpec's: the APIVersion header, and
// the API 2.1 requests of the root spec and of the v2_1 folder's.
func controllerCases(t *testing.T, f replayFixtures) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	ctrl := func(line, v2line int, name string) string {
		return cites(cite(srcCtrl, line, name), cite(srcV2Ctrl, v2line, name))
	}
	p6_015 := f.xml("p6", "cc015c.xml")
	notAcceptable := presentation("NOT_ACCEPTABLE", "An Accept Header is missing.")

	// APIVersion ("when APIVersion is invalid or missing").
	add(replayCase{src: cite(srcCtrl, 128, "return NOT_ACCEPTABLE when APIVersion is None"), name: "no APIVersion",
		msgType: "IE015", version: noHeader, contentType: xmlCT, body: p6_015, status: 406, want: notAcceptable})
	add(replayCase{src: cite(srcCtrl, 156, "return UNSUPPORTED_MEDIA_TYPE_ERROR when the APIVersion is invalid or not supported"), name: "unsupported APIVersion",
		msgType: "IE015", version: "x9Zq", contentType: xmlCT, body: p6_015, status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header x9Zq is not supported.")})
	add(replayCase{src: cite(srcCtrl, 185, "return UNSUPPORTED_MEDIA_TYPE_ERROR when the APIVersion is empty"), name: "empty APIVersion",
		msgType: "IE015", version: "", contentType: xmlCT, body: p6_015, status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header  is not supported.")})
	add(replayCase{src: srcIssue, name: "2.1 by default", msgType: "IE015", version: "2.1", contentType: xmlCT,
		body: f.xml("p5", "cc015c.xml"), status: 415, want: presentation("UNSUPPORTED_MEDIA_TYPE", "The Accept header 2.1 is not supported.")})

	// APIVersion 2.1 ("when APIVersion is 2.1"), with --api-versions 2.1,3.0.
	for _, rt := range requestTypes {
		add(replayCase{src: ctrl(222, 108, "on a valid XML file, with the application/xml content type, return No Content"), name: "2.1 valid XML " + rt.code,
			server: "p5", msgType: rt.code, version: "2.1", contentType: xmlCT, body: f.xml("p5", rt.file), status: 204})
	}
	add(replayCase{src: cites(ctrl(259, 135, "on a valid XML file, but no valid message type, return BadRequest with an error message"),
		cite(srcXML21, 148, "when no valid message type is provided, return UnknownMessageTypeValidationError")), name: "2.1 unknown type XML",
		server: "p5", msgType: "dummy", version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 404,
		want: presentation("NOT_FOUND", "Unknown Message Type provided: dummy is not recognised")})
	for _, code := range hmrcResponseTypes {
		add(replayCase{src: ctrl(289, 155, "on a valid XML file for a response type where response types are not enabled, return BadRequest with an error message"),
			name: "2.1 response type " + code, server: "p5", msgType: code, version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 404,
			want: presentation("NOT_FOUND", "Unknown Message Type provided: "+code+" is not recognised")})
	}
	add(replayCase{src: ctrl(361, 208, "on an invalid XML file, return Ok with a list of errors"), name: "2.1 invalid XML",
		server: "p5", msgType: "IE015", version: "2.1", contentType: xmlCT, body: []byte("<test></test>"), status: 200, shape: "xml"})
	p5js := f.json("p5", f.xml("p5", "cc015c.xml"))
	add(replayCase{src: cites(ctrl(526, 330, "on a valid JSON file, with the application/json content type, return No Content"),
		cite(srcBiz21, 187, "when message is business rule valid, return a Right")), name: "2.1 valid JSON",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: p5js, status: 204})
	add(replayCase{src: cites(ctrl(560, 354, "on a valid JSON file, but no valid message type, return BadRequest with an error message"),
		cite(srcJSON21, 135, "when no valid message type is provided, return UnknownMessageType")), name: "2.1 unknown type JSON",
		server: "p5", msgType: "dummy", version: "2.1", contentType: jsonCT, body: []byte("{}"), status: 404,
		want: presentation("NOT_FOUND", "Unknown Message Type provided: dummy is not recognised")})
	add(replayCase{src: ctrl(590, 374, "on an invalid JSON file, return Ok with a list of errors"), name: "2.1 invalid JSON",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: []byte("{}"), status: 200, shape: "json"})
	add(replayCase{src: ctrl(633, 407, "on receiving an invalid content type, must return Unsupported Media Type"), name: "2.1 text/plain",
		server: "p5", msgType: "IE015", version: "2.1", contentType: "text/plain", body: []byte("{}"), status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "Content type text/plain is not supported.")})
	add(replayCase{src: ctrl(660, 424, "with no content type header, must return Unsupported Media Type"), name: "2.1 no content type",
		server: "p5", msgType: "IE015", version: "2.1", contentType: noHeader, body: []byte("{}"), status: 415,
		want: presentation("UNSUPPORTED_MEDIA_TYPE", "Content type must be specified.")})
	// The controller's mock gives Jackson's message with its source; the
	// service strips the source (JsonValidationServiceSpec, stripSource).
	add(replayCase{src: cites(ctrl(718, 461, "on an JsonParseException being thrown during json validation, must return Bad Request"),
		cite(srcV2JSON, 378, "when invalid json is provided, returns FailedToParse"), cite(srcJSON21, 263, "when invalid json is provided, returns FailedToParse")),
		name: "2.1 JSON that does not parse", server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: []byte("{'ABC':}"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [line: 1, column: 3]")})
	add(replayCase{src: cites(ctrl(436, 263, "root node doesn't match messageType in XML file, return BadRequest with an error message"),
		cite(srcBiz21, 327, "when message type and root node doesn't match, return BusinessValidationError")+" (XML)"), name: "2.1 root does not match messageType (XML)",
		server: "p5", msgType: "IE015", version: "2.1", contentType: xmlCT, body: edit(t, f.xml("p5", "cc015c.xml"), "<messageType>CC015C</messageType>", "<messageType>CC007C</messageType>"),
		status: 200, want: presentation("BUSINESS_VALIDATION_ERROR", "Root node doesn't match with the messageType")})
	add(replayCase{src: ctrl(762, 495, "root node doesn't match messageType in json, return BadRequest with an error message"), name: "2.1 root does not match messageType (JSON)",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: editJSON(t, p5js, setJSON(t, "messageType", "CC007C")),
		status: 200, want: presentation("BUSINESS_VALIDATION_ERROR", "Root node doesn't match with the messageType")})
	return cs
}

// xmlCases are XmlValidationServiceSpec's for one API version (and, for
// 2.1, the root spec's of 01e6630).
func xmlCases(t *testing.T, f replayFixtures, v apiVersion) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	also21 := func(src string, line int, name string) string {
		if v.version != "2.1" {
			return src
		}
		return cites(src, cite(srcXML21, line, name))
	}
	arrival := hmrcStyle(t, f.xml(v.phase, "cc007c.xml"))
	sender := regexp.MustCompile(`<messageSender>[^<]*</messageSender>`)
	senderLine := regexp.MustCompile(`\n *<messageSender>[^<]*</messageSender>`)
	add(replayCase{src: cite(v.xml, 227, "when invalid XML IE007 is provided, return XmlSchemaValidationError"), name: v.version + " IE007 without messageSender",
		server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: senderLine.ReplaceAll(arrival, nil), status: 200,
		want: errorsBody(xmlErr(2, 23, "cvc-complex-type.2.4.a: Invalid content was found starting with element 'messageRecipient'. One of '{messageSender}' is expected."))})
	add(replayCase{src: cite(v.xml, 252, "when invalid XML IE007 is provided with invalid value for messageSender, return XmlSchemaValidationError"), name: v.version + " IE007 empty messageSender",
		server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: sender.ReplaceAll(arrival, []byte("<messageSender></messageSender>")), status: 200,
		want: errorsBody(
			xmlErr(2, 36, "cvc-pattern-valid: Value '' is not facet-valid with respect to pattern '.{1,35}' for type 'MessageSenderContentType'."),
			xmlErr(2, 36, "cvc-type.3.1.3: The value '' of element 'messageSender' is not valid."))})
	unexpected := "when valid message type provided but with unexpected xml, return errors"
	add(replayCase{src: also21(cite(v.xml, 216, unexpected), 160, unexpected), name: v.version + " unexpected XML",
		server: v.server, msgType: "IE015", version: v.version, contentType: xmlCT, body: []byte("<test></test>"), status: 200, shape: "xml"})
	for _, rt := range requestTypes {
		valid := "when valid XML " + rt.code + " is provided for the given message type, return a Right"
		src := also21(cite(v.xml, xmlValidLine[rt.code], valid), xml21ValidLine[rt.code], valid)
		if v.version == "2.1" && rt.code == "IE015" {
			src = cites(src, cite(srcBiz21, 315, "when message is business rule valid, return a Right")+" (XML)")
		}
		add(replayCase{src: src, name: v.version + " valid XML " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: f.xml(v.phase, rt.file), status: 204})
		if line, ok := xmlInvalid[rt.code]; ok {
			// HMRC's fixture is not shown; the test asserts a Left only.
			add(replayCase{src: cite(v.xml, line, "when invalid XML "+rt.code+" is provided, return left"), name: v.version + " invalid XML " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: sender.ReplaceAll(f.xml(v.phase, rt.file), nil), status: 200, shape: "xml"})
		}
		if line, ok := xmlSenderLine[rt.code]; ok {
			add(replayCase{src: cite(v.xml, line, "when invalid XML "+rt.code+" is provided with invalid value for messageSender, return left"), name: v.version + " empty messageSender " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: sender.ReplaceAll(f.xml(v.phase, rt.file), []byte("<messageSender></messageSender>")), status: 200, shape: "xml"})
		}
	}
	// Namespace declarations the message does not use are allowed.
	namespaced := regexp.MustCompile(`(<ncts:CC015C )`).ReplaceAll(f.xml(v.phase, "cc015c.xml"),
		[]byte(`${1}xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:trader="urn:example:trader" `))
	if bytes.Equal(namespaced, f.xml(v.phase, "cc015c.xml")) {
		t.Fatal("the IE015 fixture has no <ncts:CC015C element")
	}
	add(replayCase{src: cite(v.xml, 160, "when valid XML IE015 with additional namespaces is provided for the given message type, return a Right"), name: v.version + " valid XML IE015 with more namespaces",
		server: v.server, msgType: "IE015", version: v.version, contentType: xmlCT, body: namespaced, status: 204})
	return cs
}

// integrationCases are ValidatorServiceIntegrationSpec's for one API
// version: valid and invalid, JSON and XML, of every request type (and
// JsonValidationServiceSpec's valid messages, the same requests).
func integrationCases(t *testing.T, f replayFixtures, v apiVersion) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	sender := regexp.MustCompile(`<messageSender>[^<]*</messageSender>`)
	for _, rt := range requestTypes {
		x := f.xml(v.phase, rt.file)
		j := f.json(v.phase, x)
		line := itLine[rt.code]
		validJSON := "when valid " + rt.root + " JSON is provided for the given message type, return a Right"
		src := cites(cite(v.it, line, "validating "+rt.root+" valid JSON returns right"), cite(v.json, jsonValidLine[rt.code], validJSON))
		if v.version == "2.1" {
			src = cites(src, cite(srcJSON21, json21ValidLine[rt.code], validJSON))
		}
		add(replayCase{src: src, name: v.version + " IT valid JSON " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: j, status: 204})
		src = cite(v.it, line+8, "validating "+rt.root+" invalid JSON returns JsonFailedValidation error")
		if rt.code == "IE015" {
			src = cites(src, cite(v.json, 125, "when valid message type provided but with schema invalid json, return errors"))
			if v.version == "2.1" {
				src = cites(src, cite(srcJSON21, 147, "when valid message type provided but with schema invalid json, return errors"))
			}
		}
		add(replayCase{src: src, name: v.version + " IT invalid JSON " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, delJSON(t, "messageSender")), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:"+rt.root+"Type/required", "$.n1:"+rt.root+".messageSender: is missing but it is required"))})
		add(replayCase{src: cite(v.it, line+93, "validating "+rt.root+" valid XML returns right"), name: v.version + " IT valid XML " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: x, status: 204})
		add(replayCase{src: cite(v.it, line+101, "validating "+rt.root+" invalid XML returns XmlFailedValidation error"), name: v.version + " IT invalid XML " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: xmlCT, body: sender.ReplaceAll(x, nil), status: 200, shape: "xml"})
	}
	return cs
}

// jsonSrc cites JsonValidationServiceSpec's test of key (and, for 2.1, the
// 04ec15f root spec's), noting where HMRC's 01fd5bf fixture holds other
// faults too: its body lists more errors, and the edit reproduces the one
// named.
func jsonSrc(v apiVersion, key string, line, line21 int, name string) string {
	src := cite(v.json, line, name)
	if jsonMoreFaults[key] {
		src += " (HMRC's fixture also has string sequence numbers: the edit reproduces its error of the field named)"
	}
	if v.version == "2.1" {
		src = cites(src, cite(srcJSON21, line21, name))
	}
	return src
}

// jsonSchemaCases are JsonValidationServiceSpec's JSON Schema errors for one
// API version.
func jsonSchemaCases(t *testing.T, f replayFixtures, v apiVersion) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	for _, rt := range requestTypes {
		j := f.json(v.phase, f.xml(v.phase, rt.file))
		root := rt.root
		if line, ok := jsonSchemaLine[rt.code]; ok {
			add(replayCase{src: jsonSrc(v, "schema "+rt.code, line, json21Schema[rt.code], "when an invalid "+root+" provided with invalid schema, return error"), name: v.version + " JSON without messageSender " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, delJSON(t, "messageSender")), status: 200,
				want: errorsBody(jsonErr("#/definitions/n1:"+root+"Type/required", "$.n1:"+root+".messageSender: is missing but it is required"))})
		}
		add(replayCase{src: jsonSrc(v, "sender "+rt.code, jsonSenderLine[rt.code], json21Sender[rt.code], "when an invalid "+root+" provided with invalid value in messageSender field, return error"), name: v.version + " JSON messageSender pattern " + rt.code,
			server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, setJSON(t, "messageSender", "")), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:MessageSenderContentType/pattern", "$.n1:"+root+".messageSender: does not match the regex pattern ^([\\w\\D]{1,35})$"))})
		if line, ok := jsonDateLine[rt.code]; ok {
			add(replayCase{src: jsonSrc(v, "date "+rt.code, line, json21DateLine[rt.code], "when an invalid "+root+" provided with schema invalid datetime in the preparationDateAndTime field, return errors"), name: v.version + " JSON preparationDateAndTime " + rt.code,
				server: v.server, msgType: rt.code, version: v.version, contentType: jsonCT, body: editJSON(t, j, setJSON(t, "preparationDateAndTime", "2023-02-30T10:00:00")), status: 200,
				want: errorsBody(jsonErr("#/definitions/n1:PreparationDateAndTimeContentType", "$.n1:"+root+".preparationDateAndTime: does not match the date-time pattern - date or time provided is invalid."))})
		}
	}
	amend := f.json(v.phase, f.xml(v.phase, "cc013c.xml"))
	add(replayCase{src: jsonSrc(v, "limitDate", 220, 242, "when an invalid CC013C provided with schema invalid date in the limitDate field, return errors"), name: v.version + " JSON limitDate",
		server: v.server, msgType: "IE013", version: v.version, contentType: jsonCT, body: editJSON(t, amend, setJSON(t, "TransitOperation/limitDate", "2023-02-30")), status: 200,
		want: errorsBody(jsonErr("#/definitions/n1:LimitDateContentType", "$.n1:CC013C.TransitOperation.limitDate: does not match the date pattern - date provided is invalid."))})
	if v.version != "3.0" {
		return cs
	}
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
		add(replayCase{src: cite(srcV3JSON, 498, "when an invalid CC013C provided with invalid schema, return error") + " (one of its errors)", name: "3.0 JSON string " + c.at,
			msgType: "IE013", version: "3.0", contentType: jsonCT, body: seq(c.path), status: 200,
			want: errorsBody(jsonErr("#/definitions/n1:"+c.def+"/type", "$.n1:CC013C."+c.at+": string found, integer expected"))})
	}
	return cs
}

// jsonParseCases are the JSON that does not parse, of JsonValidationServiceSpec
// (both API versions) and MessagesControllerSpec.
func jsonParseCases(t *testing.T, f replayFixtures) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	nope := presentation("BAD_REQUEST", "Unexpected character ('n' (code 110)): was expecting double-quote to start field name\n at [line: 1, column: 4]")
	stripName := "when an error occurs when parsing Json, ensure the source isn't included in the string"
	add(replayCase{src: cite(srcV3JSON, 404, stripName), name: "3.0 JSON that does not parse: a field name",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: []byte("{ nope }"), status: 400, want: nope})
	add(replayCase{src: cites(cite(srcV2JSON, 404, stripName), cite(srcJSON21, 285, stripName)), name: "2.1 JSON that does not parse: a field name",
		server: "p5", msgType: "IE015", version: "2.1", contentType: jsonCT, body: []byte("{ nope }"), status: 400, want: nope})
	add(replayCase{src: cite(srcV3JSON, 378, "when invalid json is provided, returns FailedToParse"), name: "3.0 JSON that does not parse: a quote",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: []byte("{'ABC':}"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [line: 1, column: 3]")})
	braces := "when invalid json is provided with extra braces, returns an exception"
	for _, v := range []apiVersion{api30, api21} {
		js := f.json(v.phase, f.xml(v.phase, "cc015c.xml"))
		extra := append(bytes.TrimRight(js, "\n"), "\n}"...)
		src := cite(v.json, 388, braces)
		if v.version == "2.1" {
			src = cites(src, cite(srcJSON21, 273, braces))
		}
		add(replayCase{src: src + " (HMRC's fixture ends at line 73)", name: v.version + " JSON that does not parse: extra brace",
			server: v.server, msgType: "IE015", version: v.version, contentType: jsonCT, body: extra, status: 400,
			want: presentation("BAD_REQUEST", fmt.Sprintf("Unexpected close marker '}': expected ']' (for root starting at [line: 1, column: 0])\n at [line: %d, column: 2]", bytes.Count(extra, []byte("\n"))+1))})
	}
	add(replayCase{src: srcCtrl + `:524 — lazy val invalidJson "{" of "On validate JSON" (its tests mock the service: this is the endpoint's answer to it)`, name: "JSON that does not parse: cut short",
		msgType: "IE015", version: "3.0", contentType: jsonCT, body: []byte("{"), status: 400,
		want: presentation("BAD_REQUEST", "Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1])\n at [line: 1, column: 2]")})
	return cs
}

// businessCases are the cases of HMRC's business-validation spec for one
// API version, on customslint's arrival, departure and amendment of its
// phase, answered by v.server (v.lrnServer with HMRC's LRN check on). For
// 2.1 they also cite the 0b88fcf root spec's tests of the same request.
func businessCases(t *testing.T, f replayFixtures, v apiVersion) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	biz := func(msg string) string { return presentation("BUSINESS_VALIDATION_ERROR", msg) }
	arrival, departure, amendX := f.xml(v.phase, "cc007c.xml"), f.xml(v.phase, "cc015c.xml"), f.xml(v.phase, "cc013c.xml")
	arrivalJS, departureJS := f.json(v.phase, arrival), f.json(v.phase, departure)
	office := regexp.MustCompile(`(<CustomsOfficeOfDeparture>\s*<referenceNumber>)[^<]*`)
	// src cites the spec's test at line (JSON) or xmlLine, and for 2.1 the
	// root spec's at line21 (0: none).
	src := func(kind string, line, xmlLine, line21, xmlLine21 int, name string) string {
		l, l21 := line, line21
		if kind == "XML" {
			l, l21 = xmlLine, xmlLine21
		}
		s := cite(v.biz, l, name) + " (" + kind + ")"
		if v.version == "2.1" && l21 > 0 {
			s = cites(s, cite(srcBiz21, l21, name)+" ("+kind+")")
		}
		return s
	}
	add(replayCase{src: src("Json", 54, 240, 207, 359, "when messageRecipient is invalid"), name: v.version + " business: recipient (JSON)",
		server: v.server, msgType: "IE007", version: v.version, contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "messageRecipient", "nope")), status: 200,
		want: biz("The message recipient must be either NTA.GB or NTA.XI (nope was specified)")})
	add(replayCase{src: src("XML", 54, 240, 207, 359, "when messageRecipient is invalid"), name: v.version + " business: recipient (XML)",
		server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: edit(t, arrival, "<messageRecipient>NTA.XI</messageRecipient>", "<messageRecipient>token</messageRecipient>"), status: 200,
		want: biz("The message recipient must be either NTA.GB or NTA.XI (token was specified)")})
	officeName := "when the office country does not match the messageRecipient country (XI office for GB recipient)"
	add(replayCase{src: src("Json", 72, 258, 225, 377, officeName), name: v.version + " business: recipient office (JSON)",
		server: v.server, msgType: "IE007", version: v.version, contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "messageRecipient", "NTA.GB")), status: 200,
		want: biz("The message recipient country must match the country of the CustomsOfficeOfDestinationActual")})
	add(replayCase{src: src("XML", 72, 258, 225, 377, officeName), name: v.version + " business: recipient office (XML)",
		server: v.server, msgType: "IE007", version: v.version, contentType: xmlCT, body: edit(t, arrival, "<messageRecipient>NTA.XI</messageRecipient>", "<messageRecipient>NTA.GB</messageRecipient>"), status: 200,
		want: biz("The message recipient country must match the country of the CustomsOfficeOfDestinationActual")})
	depName := "when referenceNumber node doesn't start with GB or XI for Departure, return BusinessValidationError"
	depJSON := src("Json", 90, 276, 243, 395, depName)
	if v.version == "2.1" {
		depJSON = cites(depJSON, cite(srcBiz21, 169, depName)+" (Json, recipient check off)")
	}
	add(replayCase{src: depJSON, name: v.version + " business: departure office (JSON)",
		server: v.server, msgType: "IE015", version: v.version, contentType: jsonCT, body: editJSON(t, departureJS, setJSON(t, "CustomsOfficeOfDeparture/referenceNumber", "GV123456")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (GV123456 was specified)")})
	add(replayCase{src: src("XML", 90, 276, 243, 395, depName), name: v.version + " business: departure office (XML)",
		server: v.server, msgType: "IE015", version: v.version, contentType: xmlCT, body: office.ReplaceAll(departure, []byte("${1}XB3KMA8M")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (XB3KMA8M was specified)")})
	for _, ct := range []string{jsonCT, xmlCT} {
		kind, gb, xi := "Json", editJSON(t, arrivalJS, func(root map[string]any) {
			setJSON(t, "messageRecipient", "NTA.GB")(root)
			setJSON(t, "CustomsOfficeOfDestinationActual/referenceNumber", "GB000060")(root)
		}), arrivalJS
		if ct == xmlCT {
			kind, gb, xi = "XML", edit(t, edit(t, arrival, "NTA.XI", "NTA.GB"), "<referenceNumber>XI000142</referenceNumber>", "<referenceNumber>GB000060</referenceNumber>"), arrival
		}
		add(replayCase{src: src(kind, 108, 294, 261, 413, "when message is business rule valid for GB, return a Right"), name: v.version + " business: valid GB (" + kind + ")",
			server: v.server, msgType: "IE007", version: v.version, contentType: ct, body: gb, status: 204})
		add(replayCase{src: src(kind, 121, 307, 274, 426, "when message is business rule valid for XI, return a Right"), name: v.version + " business: valid XI (" + kind + ")",
			server: v.server, msgType: "IE007", version: v.version, contentType: ct, body: xi, status: 204})
		badLRN, goodLRN := editJSON(t, departureJS, setJSON(t, "TransitOperation/LRN", "{{LRN}}")), editJSON(t, departureJS, setJSON(t, "TransitOperation/LRN", "abcDEF"))
		if ct == xmlCT {
			lrn := regexp.MustCompile(`<LRN>[^<]*</LRN>`)
			badLRN, goodLRN = lrn.ReplaceAll(departure, []byte("<LRN>{{LRN}}</LRN>")), lrn.ReplaceAll(departure, []byte("<LRN>abcDEF</LRN>"))
		}
		add(replayCase{src: src(kind, 137, 323, 0, 0, "when the LRN is 'invalid' and the LRN validation is disabled, no errors are returned"), name: v.version + " business: LRN check off (" + kind + ")",
			server: v.server, msgType: "IE015", version: v.version, contentType: ct, body: badLRN, status: 204})
		add(replayCase{src: src(kind, 150, 336, 0, 0, "when the LRN is 'invalid' and the LRN validation is enabled, an error is returned"), name: v.version + " business: LRN check on (" + kind + ")",
			server: v.lrnServer, msgType: "IE015", version: v.version, contentType: ct, body: badLRN, status: 200,
			want: biz("LRN must match the regex ^[a-zA-Z]{1,35}$, but '{{LRN}}' was provided")})
		add(replayCase{src: src(kind, 167, 353, 0, 0, "when the LRN is 'valid' and the LRN validation is enabled, no errors are returned"), name: v.version + " business: LRN valid (" + kind + ")",
			server: v.lrnServer, msgType: "IE015", version: v.version, contentType: ct, body: goodLRN, status: 204})
		// IE013: customslint's amendment carries an MRN.
		mrnOnly, lrnOnly, neither, both := amendBodies(t, ct, amendX, f.json(v.phase, amendX))
		neitherName := "when we have an invalid IE013 without a LRN or MRN, a validation error must be returned"
		if ct == xmlCT {
			neitherName = "when we have an invalid IE013 without an LRN or MRN, a validation error must be returned"
		}
		add(replayCase{src: src(kind, 182, 368, 0, 0, "when we have a valid IE013 using an LRN, Unit must be returned"), name: v.version + " business: IE013 LRN (" + kind + ")",
			server: v.server, msgType: "IE013", version: v.version, contentType: ct, body: lrnOnly, status: 204})
		add(replayCase{src: src(kind, 195, 381, 0, 0, "when we have a valid IE013 using an MRN, Unit must be returned"), name: v.version + " business: IE013 MRN (" + kind + ")",
			server: v.server, msgType: "IE013", version: v.version, contentType: ct, body: mrnOnly, status: 204})
		add(replayCase{src: src(kind, 208, 394, 0, 0, neitherName), name: v.version + " business: IE013 neither (" + kind + ")",
			server: v.server, msgType: "IE013", version: v.version, contentType: ct, body: neither, status: 200, want: biz("A LRN or MRN must be specified, neither were found (rule C0467)")})
		add(replayCase{src: src(kind, 221, 407, 0, 0, "when we have an invalid IE013 with both a LRN and a MRN, a validation error must be returned"), name: v.version + " business: IE013 both (" + kind + ")",
			server: v.server, msgType: "IE013", version: v.version, contentType: ct, body: both, status: 200, want: biz("Only an LRN or MRN must be specified, both were found (rule C0467)")})
	}
	if v.version == "3.0" {
		// HMRC's business specs run the rule stage alone; at the endpoint a
		// message that also breaks the schema gets the schema errors first.
		add(replayCase{src: cite(srcV3Biz, 54, "when messageRecipient is invalid") + " (Json, with a schema error besides)", name: "business and schema error (JSON)", hmrcSide: true,
			msgType: "IE007", version: "3.0", contentType: jsonCT, body: editJSON(t, arrivalJS, func(root map[string]any) {
				setJSON(t, "messageRecipient", "nope")(root)
				delJSON(t, "messageSender")(root)
			}), status: 200, want: errorsBody(jsonErr("#/definitions/n1:CC007CType/required", "$.n1:CC007C.messageSender: is missing but it is required"))})
	}
	return cs
}

// business21Cases are the tests of the 0b88fcf root business spec (API 2.1)
// that no spec of 01fd5bf has.
func business21Cases(t *testing.T, f replayFixtures) []replayCase {
	var cs []replayCase
	add := func(c replayCase) { cs = append(cs, c) }
	biz := func(msg string) string { return presentation("BUSINESS_VALIDATION_ERROR", msg) }
	arrival, departure := f.xml("p5", "cc007c.xml"), f.xml("p5", "cc015c.xml")
	arrivalJS := f.json("p5", arrival)
	// HMRC's rule stage reports a missing or repeated messageType; at the
	// endpoint the schema reports it first.
	add(replayCase{src: cite(srcBiz21, 123, "when message type doesn't exist, return BusinessValidationError") + " (Json)", name: "2.1 business: no messageType (JSON)", hmrcSide: true,
		server: "p5", msgType: "IE007", version: "2.1", contentType: jsonCT, body: editJSON(t, arrivalJS, delJSON(t, "messageType")), status: 200,
		want: errorsBody(jsonErr("#/definitions/n1:CC007CType/required", "$.n1:CC007C.messageType: is missing but it is required"))})
	mt := regexp.MustCompile(`<messageType>CC007C</messageType>`)
	add(replayCase{src: cite(srcBiz21, 340, "when message type is there too much, return BusinessValidationError") + " (XML)", name: "2.1 business: messageType twice (XML)", hmrcSide: true,
		server: "p5", msgType: "IE007", version: "2.1", contentType: xmlCT, body: mt.ReplaceAll(arrival, []byte("<messageType>CC007C</messageType><messageType>CC007C</messageType>")), status: 200, shape: "xml"})
	add(replayCase{src: cite(srcBiz21, 137, "when message type and root node doesn't match, return BusinessValidationError") + " (Json)", name: "2.1 business: root does not match messageType (IE007 JSON)",
		server: "p5", msgType: "IE007", version: "2.1", contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "messageType", "CC015C")), status: 200,
		want: biz("Root node doesn't match with the messageType")})
	add(replayCase{src: cite(srcBiz21, 151, "when referenceNumber node doesn't start with GB or XI for Arrival, return BusinessValidationError") + " (Json)", name: "2.1 business: arrival office (JSON)",
		server: "p5", msgType: "IE007", version: "2.1", contentType: jsonCT, body: editJSON(t, arrivalJS, setJSON(t, "CustomsOfficeOfDestinationActual/referenceNumber", "GZ123456")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDestinationActual must be a customs office located in the United Kingdom (GZ123456 was specified)")})
	office := regexp.MustCompile(`(<CustomsOfficeOfDeparture>\s*<referenceNumber>)[^<]*`)
	add(replayCase{src: cite(srcBiz21, 297, "when referenceNumber node doesn't start with GB or XI for Departure, return BusinessValidationError") + " (XML, recipient check off: HMRC's inline message also breaks the schema, the edit reproduces its office)",
		name: "2.1 business: departure office GV1T34FR (XML)", server: "p5", msgType: "IE015", version: "2.1", contentType: xmlCT, body: office.ReplaceAll(departure, []byte("${1}GV1T34FR")), status: 200,
		want: biz("The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (GV1T34FR was specified)")})
	return cs
}

// replaySources are the spec files read, every test case of each: how
// many tests each has and the lines of those not replayable over HTTP
// (reasons at the top of this file).
var replaySources = []struct {
	src           string
	tests         int
	notReplayable []int
}{
	{srcCtrl, 20, []int{322, 400, 481, 682, 808}},
	{srcV2Ctrl, 17, []int{179, 237, 295, 435, 528}},
	{srcV3XML, 19, nil}, {srcV2XML, 19, nil},
	{srcV3JSON, 25, nil}, {srcV2JSON, 25, nil},
	{srcV3Biz, 24, nil}, {srcV2Biz, 24, nil},
	{srcV3IT, 24, nil}, {srcV2IT, 24, nil},
	{srcJSON21, 28, []int{124, 221}},
	{srcXML21, 9, []int{134}},
	{srcBiz21, 19, nil},
}

// citation is one part of a case's src: file@commit:line — "test name".
var citation = regexp.MustCompile(`^(\S+@[0-9a-f]{7}):(\d+) — (.+)$`)

// citedTests are the HMRC tests the cases cite, by file@commit and line,
// with the number of cases citing each; bad lists the citations without a
// line.
func citedTests(cases []replayCase) (tests map[string]map[int]int, bad []string) {
	tests = map[string]map[int]int{}
	for _, c := range cases {
		for _, part := range strings.Split(c.src, "; ") {
			if part == srcIssue {
				continue
			}
			m := citation.FindStringSubmatch(part)
			if m == nil {
				bad = append(bad, c.name+": "+part)
				continue
			}
			if !strings.HasPrefix(m[3], `"`) {
				continue // a fact of the file that is not a test of its own
			}
			line, _ := strconv.Atoi(m[2])
			if tests[m[1]] == nil {
				tests[m[1]] = map[int]int{}
			}
			tests[m[1]][line]++
		}
	}
	return tests, bad
}

// TestHMRCReplaySources: every case cites HMRC's tests by file, commit and
// line, and every test of the files read is replayed, but those listed as
// not replayable.
func TestHMRCReplaySources(t *testing.T) {
	tests, bad := citedTests(replayCases(t))
	for _, b := range bad {
		t.Errorf("citation without file@commit:line: %s", b)
	}
	total, replayed := 0, 0
	for _, s := range replaySources {
		cited := tests[s.src]
		for _, l := range s.notReplayable {
			if cited[l] > 0 {
				t.Errorf("%s:%d is listed as not replayable but cited", s.src, l)
			}
		}
		if want := s.tests - len(s.notReplayable); len(cited) != want {
			t.Errorf("%s: %d tests cited, want %d (%d tests, %d not replayable)", s.src, len(cited), want, s.tests, len(s.notReplayable))
		}
		delete(tests, s.src)
		total += s.tests
		replayed += len(cited)
		t.Logf("%s: %d tests, %d replayed, %d not replayable", strings.TrimPrefix(s.src, hmrcRepo), s.tests, len(cited), len(s.notReplayable))
	}
	for src := range tests {
		t.Errorf("%s is cited but not in replaySources", src)
	}
	t.Logf("HMRC's tests: %d in the files read, %d replayed", total, replayed)
}
