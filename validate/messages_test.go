package validate_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// xsdFindings checks data with schema validation only and returns its xsd
// findings.
func xsdFindings(t *testing.T, e *validate.Engine, data string) []validate.Finding {
	t.Helper()
	fr, err := e.Check(context.Background(), "-", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []validate.Finding
	for _, f := range fr.Findings {
		if f.Rule == "xsd" {
			out = append(out, f)
		}
	}
	return out
}

// TestTraderMessages: the schema errors reworded for traders, each with
// libxml2's own text in Detail, and one that is not reworded.
func TestTraderMessages(t *testing.T) {
	off := oracle.OfficialDir(t)
	raw, err := os.ReadFile(filepath.Join(off, "ctc/phase5/examples/xml/cc014c-valid.xml"))
	if err != nil {
		t.Fatal(err)
	}
	base := string(raw)
	e := newEngine(t, validate.Options{Select: []string{"xsd"}, Profile: validate.ProfileCTCP6})
	for _, tc := range []struct {
		name, from, to  string
		message, detail string // message exactly; detail a part of it
	}{
		{"missing mandatory element", "<messageSender>token</messageSender>", "",
			"messageSender is missing in CC014C (expected before messageRecipient)",
			"Element 'messageRecipient': This element is not expected. Expected is ( messageSender )."},
		{"missing last child", "<referenceNumber>GB123456</referenceNumber>", "",
			"referenceNumber is missing in CC014C/CustomsOfficeOfDeparture",
			"Element 'CustomsOfficeOfDeparture': Missing child element(s). Expected is ( referenceNumber )."},
		{"date-time with a time zone", "2007-10-26T07:36:28<", "2007-10-26T07:36:28Z<",
			`preparationDateAndTime must be a date and time written YYYY-MM-DDThh:mm:ss, such as 2024-05-31T14:30:00, with no time zone (no Z, no +01:00); "2007-10-26T07:36:28Z" is not`,
			"[facet 'pattern'] The value '2007-10-26T07:36:28Z' is not accepted by the pattern"},
		{"date in another form", "2007-10-26T07:36:28<", "26/10/2007<",
			`preparationDateAndTime must be a date and time written YYYY-MM-DDThh:mm:ss, such as 2024-05-31T14:30:00, with no time zone (no Z, no +01:00); "26/10/2007" is not`,
			"'26/10/2007' is not a valid value of the atomic type"},
		{"not reworded", "<messageSender>token</messageSender>", "<messageSender></messageSender>",
			"Element 'messageSender': [facet 'pattern'] The value '' is not accepted by the pattern '.{1,35}'.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := strings.Replace(base, tc.from, tc.to, 1)
			if data == base {
				t.Fatalf("%q not in the sample", tc.from)
			}
			fs := xsdFindings(t, e, data)
			if len(fs) != 1 {
				t.Fatalf("want one xsd finding, got %v", fs)
			}
			f := fs[0]
			if f.Message != tc.message {
				t.Errorf("message\n got %q\nwant %q", f.Message, tc.message)
			}
			if tc.detail == "" && f.Detail != "" || !strings.Contains(f.Detail, tc.detail) {
				t.Errorf("detail %q, want it to hold %q", f.Detail, tc.detail)
			}
			js, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			if has := strings.Contains(string(js), `"detail":`); has != (tc.detail != "") {
				t.Errorf("JSON %s: detail member present %v, want %v", js, has, tc.detail != "")
			}
		})
	}
}

// TestTraderMessagesCDS: a mandatory CDS element left out, in a
// namespaced declaration.
func TestTraderMessagesCDS(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "cds", "declaration-exa.xml"))
	if err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(string(raw), "<FunctionCode>9</FunctionCode>", "", 1)
	e := newEngine(t, validate.Options{Select: []string{"xsd"}})
	fs := xsdFindings(t, e, data)
	if len(fs) != 1 {
		t.Fatalf("want one xsd finding, got %v", fs)
	}
	want := "FunctionCode is missing in MetaData/Declaration (expected before FunctionalReferenceID)"
	if fs[0].Message != want || !strings.Contains(fs[0].Detail, "This element is not expected") {
		t.Errorf("got %q (detail %q), want %q", fs[0].Message, fs[0].Detail, want)
	}
}
