package hmrcvalidator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// requestTypes are the message types HMRC's validator takes.
var requestTypes = []string{"CC007C", "CC013C", "CC014C", "CC015C", "CC044C", "CC170C"}

// officialSchema reads HMRC's published JSON Schema of a message type.
func officialSchema(t *testing.T, off, phase, mt string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(off, "ctc", "phase"+phase, "jsonschema", strings.ToLower(mt)+"-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s["definitions"].(map[string]any)
}

// TestDefinitionNamesOracle: every definition of customslint's JSON
// Schemas of the request types is named after one of HMRC's published
// schema, and every pattern of one is quoted as HMRC's schema writes it,
// except the patterns HMRC's converter splits at their alternatives (and,
// in phase 5, the dates and codes its published schemas write otherwise).
func TestDefinitionNamesOracle(t *testing.T) {
	off := oracle.OfficialDir(t)
	total, same := map[string]int{}, map[string]int{}
	for _, phase := range []string{"5", "6"} {
		for _, mt := range requestTypes {
			view, err := transform.ViewFor("ctc-p"+phase, mt)
			if err != nil {
				t.Fatal(err)
			}
			var ours map[string]any
			if err := json.Unmarshal(view.JSONSchema(), &ours); err != nil {
				t.Fatal(err)
			}
			theirs := officialSchema(t, off, phase, mt)
			names := DefinitionNames(view)
			info := infoOf(view)
			for def := range ours["definitions"].(map[string]any) {
				name, ok := names[def]
				if !ok {
					t.Errorf("%s p%s: definition %s has no HMRC name", mt, phase, def)
					continue
				}
				td, ok := theirs[name].(map[string]any)
				if !ok {
					t.Errorf("%s p%s: %s -> %s, not in HMRC's schema", mt, phase, def, name)
					continue
				}
				want, ok := td["pattern"].(string)
				if !ok {
					continue
				}
				total[phase]++
				if info.patterns[def] == want {
					same[phase]++
				} else if phase == "6" && !strings.Contains(want, "|") {
					// Phase 5's published schemas add fractional seconds
					// to dates and read some codes in upper case only,
					// where customslint's phase 5 model follows what
					// HMRC's validator accepted: phase 6 must agree.
					t.Errorf("%s p%s: %s pattern %q, HMRC's %q", mt, phase, def, info.patterns[def], want)
				}
			}
		}
	}
	t.Logf("patterns as HMRC writes them: phase 5 %d of %d, phase 6 %d of %d", same["5"], total["5"], same["6"], total["6"])
	if total["6"] == 0 || same["6"]*100 < total["6"]*90 {
		t.Errorf("phase 6: only %d of %d patterns as HMRC writes them", same["6"], total["6"])
	}
}

func TestHMRCPattern(t *testing.T) {
	for in, want := range map[string]string{
		`.{1,35}`:             `^([\w\D]{1,35})$`,
		`.{2}`:                `^([\w\D]{2,2})$`,
		`[A-Za-z]{1}`:         `^([A-Za-z])$`,
		`[A-Z]{2}[A-Z0-9]{6}`: `^([A-Z]{2,2}[0-9A-Z]{6,6})$`,
		`\P{Z}(.*\P{Z})?`:     `^([\w\D]([\w\D]*[\w\D])?)$`,
		`\d{4}-\d{2}-\d{2}`:   `^([\d]{4,4}\-[\d]{2,2}\-[\d]{2,2})$`,
		`[A-Z]{2}[!-~]{1,15}`: `^([A-Z]{2,2}[\!-~]{1,15})$`,
		`[`:                   `^([)$`,
	} {
		if got := HMRCPattern(in); got != want {
			t.Errorf("HMRCPattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                                      "$",
		"/n1:CC015C/Guarantee/0/sequenceNumber": "$.n1:CC015C.Guarantee[0].sequenceNumber",
		"/a~1b/c~0d":                            "$.a/b.c~d",
	} {
		if got := JSONPath(in); got != want {
			t.Errorf("JSONPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONErrors words each keyword as networknt's validator does, at
// HMRC's definitions, one error per missing or extra member.
func TestJSONErrors(t *testing.T) {
	view, err := transform.ViewFor("ctc-p6", "CC007C")
	if err != nil {
		t.Fatal(err)
	}
	msg := `{"n1:CC007C":{"messageType":"CC999C","messageSender":"","extra":1,"TransitOperation":{"MRN":"26GB0000000000001A","simplifiedProcedure":"7"},"Consignment":{}}}`
	errs, err := validate.JSONSchemaErrors(validate.ProfileCTCP6, "CC007C", []byte(msg))
	if err != nil {
		t.Fatal(err)
	}
	got := map[JSONError]bool{}
	for _, e := range JSONErrors(view, errs) {
		got[e] = true
	}
	for _, want := range []JSONError{
		{"#/definitions/n1:CC007CType/required", "$.n1:CC007C.messageRecipient: is missing but it is required"},
		{"#/definitions/n1:CC007CType/required", "$.n1:CC007C.TraderAtDestination: is missing but it is required"},
		{"#/definitions/n1:CC007CType/additionalProperties", "$.n1:CC007C.extra: is not defined in the schema and the schema does not allow additional properties"},
		{"#/definitions/n1:MessageSenderContentType/pattern", `$.n1:CC007C.messageSender: does not match the regex pattern ^([\w\D]{1,35})$`},
		{"#/definitions/n1:Flag/enum", "$.n1:CC007C.TransitOperation.simplifiedProcedure: does not have a value in the enumeration [0, 1]"},
		{"#/definitions/n1:TransitOperationType02/required", "$.n1:CC007C.TransitOperation.arrivalNotificationDateAndTime: is missing but it is required"},
		{"#/definitions/n1:ConsignmentType01/required", "$.n1:CC007C.Consignment.LocationOfGoods: is missing but it is required"},
	} {
		if !got[want] {
			t.Errorf("missing %+v in %+v", want, got)
		}
	}
	for e := range got {
		if !strings.HasPrefix(e.SchemaPath, "#/definitions/n1:") || !strings.HasPrefix(e.Message, "$.n1:CC007C") {
			t.Errorf("not in HMRC's terms: %+v", e)
		}
	}
}
