package validate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cc015cJSON is the JSON form of the project's CC015C example (valid).
func cc015cJSON(t testing.TB, e *validate.Engine) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/messages/ctc-p5/cc015c.xml")
	if err != nil {
		t.Fatal(err)
	}
	js, probs, err := e.Convert(context.Background(), "cc015c.xml", data, "json")
	if err != nil || len(probs) > 0 {
		t.Fatalf("convert: %v %v", err, probs)
	}
	return string(js)
}

// replace replaces old, which must occur, once.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the message", old)
	}
	return strings.Replace(s, old, new, 1)
}

func nested(open, leaf, close string, n int) string {
	return `{"n1:CC015C":` + strings.Repeat(open, n) + leaf + strings.Repeat(close, n) + "}"
}

func utf32le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	return b
}

// TestHostileJSON: JSON a lenient reader would change silently, or that
// costs unbounded resources, gets one clear finding where it goes wrong.
func TestHostileJSON(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	js := cc015cJSON(t, e)
	deep := "nested more than 256 deep"
	cases := []struct {
		name string
		data []byte
		want want
	}{
		// The 257th level opens at offset 13 + 255 (the object is level 1).
		{"100,000 nested arrays", []byte(nested("[", "", "]", 100000)), want{"xml", rules.Error, 1, 269, "", deep}},
		{"1,000,000 nested arrays", []byte(nested("[", "", "]", 1000000)), want{"xml", rules.Error, 1, 269, "", deep}},
		{"300,000 nested objects", []byte(strings.Repeat(`{"a":`, 300000) + "1" + strings.Repeat("}", 300000)), want{"xml", rules.Error, 1, 5*256 + 1, "", deep}},
		{"nested without end", []byte(`{"n1:CC015C":` + strings.Repeat(`[{"a":`, 200000)), want{"xml", rules.Error, 1, 13 + 6*127 + 2, "", deep}},
		{"duplicate key", []byte(replace(t, js, `"messageRecipient": "NTA.GB",`, `"messageRecipient": "NTA.GB", "messageSender": "XI1",`)),
			want{"xml", rules.Error, 4, 35, "/n1:CC015C/messageSender", `duplicate key "messageSender"`}},
		{"invalid UTF-8", []byte(replace(t, js, `"LRN": "CLTT1GB26031402"`, "\"LRN\": \"CLT\xe9\"")),
			want{"xml", rules.Error, 9, 18, "/n1:CC015C/TransitOperation/LRN", "invalid UTF-8: byte 0xE9"}},
		{"lone surrogate", []byte(replace(t, js, `"LRN": "CLTT1GB26031402"`, `"LRN": "CLT\udc00"`)),
			want{"xml", rules.Error, 9, 18, "/n1:CC015C/TransitOperation/LRN", `lone surrogate \uDC00`}},
		{"UTF-16LE with BOM", utf16le(js, true), want{"xml", rules.Error, 1, 0, "", "encoded as UTF-16LE; JSON exchanged between systems is UTF-8"}},
		{"UTF-16BE without BOM", utf16be(js, false), want{"xml", rules.Error, 1, 0, "", "encoded as UTF-16BE"}},
		{"UTF-32LE", utf32le(js), want{"xml", rules.Error, 1, 0, "", "encoded as UTF-32LE"}},
		{"two root members", []byte(`{"n1:CC015C": {}, "n1:CC013C": {}}`),
			want{"message-type", rules.Error, 1, 19, "", `2 top-level members, "n1:CC015C", "n1:CC013C": a message has exactly one`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := check(t, e, string(c.data))
			if len(rep.Findings) != 1 {
				t.Fatalf("want one finding:\n%s", dump(rep.Findings))
			}
			matchFindings(t, rep.Findings, []want{c.want})
		})
	}
}

// TestJSONWithBOM: a UTF-8 byte order mark is skipped, and positions are
// those of the text without it.
func TestJSONWithBOM(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	js := cc015cJSON(t, e)
	if rep := check(t, e, "\xef\xbb\xbf"+js); len(rep.Findings) != 0 || rep.MessageType != "CC015C" {
		t.Errorf("valid message with a BOM: %s %s", rep.MessageType, dump(rep.Findings))
	}
	for _, bad := range []string{
		replace(t, js, `"sequenceNumber": 1,`, `"sequenceNumber": "1",`),        // JSON Schema
		replace(t, js, `"messageRecipient": "NTA.GB"`, `"messageRecipient": 1`), // likewise
		`{"n1:CC015C": {"a": 1, "a": 2}}`,                                       // decoding
		`{"n1:CC015C": [1, }`,
	} {
		plain, bom := check(t, e, bad), check(t, e, "\xef\xbb\xbf"+bad)
		if len(plain.Findings) == 0 {
			t.Fatalf("no finding on %.60q", bad)
		}
		if d := cmp.Diff(plain.Findings, bom.Findings); d != "" {
			t.Errorf("a BOM moves the findings (-without +with):\n%s", d)
		}
	}
}

// TestJSONRootMembers: several root members are a message-type error that
// names them in document order, and the report is the same on every run.
func TestJSONRootMembers(t *testing.T) {
	e := newEngine(t, validate.Options{})
	var keys []string
	for i := 12; i > 0; i-- {
		keys = append(keys, fmt.Sprintf(`"n1:CC%03dC": {}`, i))
	}
	msg := "{\n" + strings.Join(keys, ",\n") + "\n}"
	first := check(t, e, msg)
	matchFindings(t, first.Findings, []want{{"message-type", rules.Error, 3, 1, "",
		`12 top-level members, "n1:CC012C", "n1:CC011C", "n1:CC010C", "n1:CC009C", "n1:CC008C", "n1:CC007C", "n1:CC006C", "n1:CC005C", "n1:CC004C", "n1:CC003C" and 2 more`}})
	if first.MessageType != "UNKNOWN" {
		t.Errorf("message type %s", first.MessageType)
	}
	two := `{"n1:CC015C": {"messageSender": 1}, "n1:CC013C": {}}`
	want := check(t, e, two)
	for i := 0; i < 30; i++ {
		if d := cmp.Diff(want, check(t, e, two)); d != "" {
			t.Fatalf("run %d: another report for the same input:\n%s", i, d)
		}
		if d := cmp.Diff(first, check(t, e, msg)); d != "" {
			t.Fatalf("run %d: another report for the same input:\n%s", i, d)
		}
	}
	// The members JSON Schema does not allow are listed in a fixed order.
	extra := `{"n1:CC015C": {"z": 1, "y": 2, "x": 3, "w": 4}}`
	base := check(t, e, extra)
	if !hasRule(base, rules.JSONSchemaID) || !strings.Contains(dump(base.Findings), `additional properties 'w', 'x', 'y', 'z' not allowed`) {
		t.Errorf("findings:\n%s", dump(base.Findings))
	}
	for i := 0; i < 30; i++ {
		if d := cmp.Diff(base, check(t, e, extra)); d != "" {
			t.Fatalf("run %d: another report for the same input:\n%s", i, d)
		}
	}
	// Many: the first 20 in order, and how many more.
	var members, listed []string
	for i := 29; i >= 0; i-- {
		members = append(members, fmt.Sprintf(`"z%02d": %d`, i, i))
	}
	for i := 0; i < 20; i++ {
		listed = append(listed, fmt.Sprintf("'z%02d'", i))
	}
	many := check(t, e, `{"n1:CC015C": {`+strings.Join(members, ", ")+`}}`)
	if wantMsg := "additional properties " + strings.Join(listed, ", ") + " not allowed (and 10 more)"; !strings.Contains(dump(many.Findings), wantMsg) {
		t.Errorf("want %q in\n%s", wantMsg, dump(many.Findings))
	}
}

// TestJSONRefusedByConvertAndSchemaErrors: the other readers of JSON refuse
// what Check refuses, with the reason.
func TestJSONRefusedByConvertAndSchemaErrors(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	js := cc015cJSON(t, e)
	for _, c := range []struct {
		data []byte
		msg  string
	}{
		{[]byte(replace(t, js, `"messageType": "CC015C",`, `"messageType": "CC015C", "messageType": "CC013C",`)), `duplicate key "messageType"`},
		{utf16le(js, true), "encoded as UTF-16LE"},
		{[]byte(nested("[", "", "]", 10000)), "nested more than 256 deep"},
		{[]byte(`{"n1:CC015C": {}, "CC015B": {}}`), "2 top-level members"},
	} {
		if _, _, err := e.Convert(context.Background(), "m.json", c.data, "xml"); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("convert: %v, want %q", err, c.msg)
		}
		if strings.Contains(c.msg, "top-level") {
			continue
		}
		_, err := validate.JSONSchemaErrors(validate.ProfileCTCP5, "CC015C", c.data)
		var je *validate.JSONError
		if !errors.As(err, &je) || !strings.Contains(je.Msg, c.msg) {
			t.Errorf("JSONSchemaErrors: %v, want a JSONError %q", err, c.msg)
		}
		if err := validate.CheckJSONSyntax(c.data); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("CheckJSONSyntax: %v, want %q", err, c.msg)
		}
	}
	if err := validate.CheckJSONSyntax([]byte(js)); err != nil {
		t.Errorf("CheckJSONSyntax of a valid message: %v", err)
	}
	back, probs, err := e.Convert(context.Background(), "m.json", []byte("\xef\xbb\xbf"+js), "xml")
	if err != nil || len(probs) > 0 || !strings.Contains(string(back), "<ncts:CC015C") {
		t.Errorf("convert with a BOM: %v %v\n%.200s", err, probs, back)
	}
}

// TestHostileJSONPeakMemory checks hostile JSON in a child process each and
// requires its peak RSS (VmHWM, KiB) to stay under 100 MB. Before the one-pass decoder, 100,000
// nested arrays took 10 GB.
func TestHostileJSONPeakMemory(t *testing.T) {
	if path := os.Getenv("CUSTOMSLINT_JSON_CHILD"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		e, err := validate.New(validate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.Check(context.Background(), "hostile.json", data)
		if err != nil || len(rep.Findings) == 0 {
			t.Fatalf("%v %s", err, dump(rep.Findings))
		}
		status, err := os.ReadFile("/proc/self/status")
		if err != nil {
			t.Fatalf("peak RSS: %v (this test needs Linux /proc)", err)
		}
		_, hwm, _ := strings.Cut(string(status), "VmHWM:")
		fmt.Printf("peak %s\nfinding: %s %s\n", strings.Fields(hwm)[0], rep.Findings[0].Rule, rep.Findings[0].Message)
		return
	}
	if testing.Short() || raceDetector {
		t.Skip("child processes, measured without the race detector")
	}
	dir := t.TempDir()
	js := cc015cJSON(t, newEngine(t, validate.Options{Profile: validate.ProfileCTCP5}))
	inputs := map[string]string{
		// Before the JSON Schema stage was bounded: 87 s and 4.9 GB.
		"1,000,000 non-object guarantees (2 MB)": replace(t, js, `"Guarantee": [`, `"Guarantee": [`+strings.Repeat("1,", 1000000)),
		// Before the decoder's limits: 140, 229 and 116 MB.
		"5,000,000 items (10 MB)":        `{"n1:CC015C": [` + strings.Repeat("1,", 4999999) + "1]}",
		"1,195,000 members (10 MB)":      shortKeys(10<<20 - 20),
		"3,490,000 empty arrays (10 MB)": `{"n1:CC015C": [` + strings.Repeat("[],", 3489999) + "[]]}",
		// 99 house consignments of 999 wrong goods items each.
		"98,901 wrong goods items": `{"n1:CC015C": {"Consignment": {"HouseConsignment": [` +
			strings.Repeat(`{"ConsignmentItem": [`+strings.Repeat("1,", 998)+`1]},`, 98) + `{"ConsignmentItem": [1]}]}}}`,
		"1,000,000 nested arrays (2 MB)":         nested("[", "", "]", 1000000),
		"21,000 nested arrays (42 KB)":           nested("[", "", "]", 21000),
		"300,000 nested objects":                 strings.Repeat(`{"a":`, 300000) + "1" + strings.Repeat("}", 300000),
		"255 levels, 4 MB of keys on the way":    nested(`{"`+strings.Repeat("k", 16000)+`":`, "1", "}", 255),
		"1,000,000 items (2 MB)":                 `{"n1:CC015C": [` + strings.Repeat("1,", 999999) + "1]}",
		"100,000 members (1.3 MB)":               wideObject(100000),
		"1,000,000 lines of white space (1 MB)":  `{"n1:CC015C":` + strings.Repeat("\n", 1000000) + `{"x": 1}}`,
		"a 2 MB single-line message with a typo": `{"n1:CC015C": {"messageSender": "` + strings.Repeat("é", 1000000) + `", }`,
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "in.json")
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileJSONPeakMemory$", "-test.v")
			cmd.Env = append(os.Environ(), "CUSTOMSLINT_JSON_CHILD="+path)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "finding: ") {
				t.Fatalf("child: %v\n%s", err, out)
			}
			// The child's own high-water mark: its rusage would count the
			// memory of this process, which it shares until exec.
			var peak int
			if _, err := fmt.Sscanf(string(out[strings.Index(string(out), "peak "):]), "peak %d", &peak); err != nil {
				t.Fatalf("child's peak RSS: %v\n%s", err, out)
			}
			t.Logf("%d bytes, peak RSS %d KiB; %s", len(data), peak, strings.SplitN(string(out[strings.Index(string(out), "finding: "):]), "\n", 2)[0])
			if peak > 100<<10 {
				t.Errorf("peak RSS %d KiB, over 100 MB", peak)
			}
		})
	}
}

// shortKeys is an object of as many members with short distinct keys as
// fit in size bytes.
func shortKeys(size int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
	var b strings.Builder
	b.WriteString(`{"n1:CC015C": {`)
	for n := 0; ; n++ {
		key := []byte{alphabet[n%len(alphabet)]}
		for k := n / len(alphabet); k > 0; k = k/len(alphabet) - 1 {
			key = append(key, alphabet[(k-1)%len(alphabet)])
		}
		if b.Len()+len(key)+6 > size {
			break
		}
		if n > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%s":0`, key)
	}
	b.WriteString("}}")
	return b.String()
}

func wideObject(n int) string {
	var b strings.Builder
	b.WriteString(`{"n1:CC015C": {`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	b.WriteString("}}")
	return b.String()
}

// jsonSchemaFindings returns the json-schema findings of a report.
func jsonSchemaFindings(rep validate.FileReport) []validate.Finding {
	var out []validate.Finding
	for _, f := range rep.Findings {
		if f.Rule == rules.JSONSchemaID {
			out = append(out, f)
		}
	}
	return out
}

// TestJSONArrayOverMaxOccurs: an array longer than its element's maxOccurs
// gets one maxItems finding with its own length, and only the items up to
// maxOccurs+1 are checked: a million wrong entries cost ten findings, not
// a million.
func TestJSONArrayOverMaxOccurs(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5, MaxFindings: -1})
	js := cc015cJSON(t, e)
	for _, n := range []int{10, 20, 1000000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			msg := replace(t, js, `"Guarantee": [`, `"Guarantee": [`+strings.Repeat("1, ", n))
			got := jsonSchemaFindings(check(t, e, msg))
			// The message had one guarantee: n+1 items, 9 allowed.
			if len(got) != 11 {
				t.Fatalf("%d json-schema findings, want 11:\n%.3000s", len(got), dump(got))
			}
			want := fmt.Sprintf("Guarantee: maxItems: got %s, want 9 [maxItems]", printNumber(n+1))
			if got[0].Path != "/n1:CC015C/Guarantee" || got[0].Message != want {
				t.Errorf("first finding %s %q, want %q", got[0].Path, got[0].Message, want)
			}
			for i, f := range got[1:] {
				if f.Path != fmt.Sprintf("/n1:CC015C/Guarantee/%d", i) || !strings.Contains(f.Message, "got number, want object") {
					t.Errorf("finding %d: %s %q", i+1, f.Path, f.Message)
				}
			}
		})
	}
}

// printNumber writes n with thousands separators, as the library does.
func printNumber(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestJSONWrongItemsBudget: past 1,000 array items wrong at a glance the
// JSON Schema stage checks no more of them; the report still says where
// the first ones are.
func TestJSONWrongItemsBudget(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5, MaxFindings: -1})
	js := cc015cJSON(t, e)
	// Phase 5 leaves Consignment's absent arrays out of the JSON.
	msg := replace(t, js, `"Consignment": {`, `"Consignment": {"TransportEquipment": [`+strings.Repeat(`{}, `, 2999)+`{}], "AdditionalInformation": [`+strings.Repeat(`1, `, 49)+`1],`)
	got := jsonSchemaFindings(check(t, e, msg))
	if len(got) != 1000 {
		t.Fatalf("%d json-schema findings, want 1000 (the budget)", len(got))
	}
	for i, f := range got {
		if f.Path != fmt.Sprintf("/n1:CC015C/Consignment/TransportEquipment/%d", i) || !strings.Contains(f.Message, "missing properties") {
			t.Fatalf("finding %d: %s %q", i, f.Path, f.Message)
		}
	}
	// Under the budget every wrong item is reported.
	few := replace(t, js, `"Consignment": {`, `"Consignment": {"AdditionalInformation": [`+strings.Repeat(`1, `, 49)+`1],`)
	if got := jsonSchemaFindings(check(t, e, few)); len(got) != 50 {
		t.Errorf("%d json-schema findings, want 50", len(got))
	}
}

// TestJSONUnknownMembersCounted: an object with thousands of members the
// model does not have gets one finding naming the first 20 in order and
// how many more there are.
func TestJSONUnknownMembersCounted(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	var members, listed []string
	for i := 5000 - 1; i >= 0; i-- {
		members = append(members, fmt.Sprintf(`"z%04d": %d`, i, i))
	}
	for i := 0; i < 20; i++ {
		listed = append(listed, fmt.Sprintf("'z%04d'", i))
	}
	got := jsonSchemaFindings(check(t, e, `{"n1:CC015C": {`+strings.Join(members, ", ")+`}}`))
	want := "additional properties " + strings.Join(listed, ", ") + " not allowed (and 4980 more)"
	n := 0
	for _, f := range got {
		if strings.Contains(f.Message, "additional properties") {
			n++
			if !strings.Contains(f.Message, want) || f.Path != "/n1:CC015C" {
				t.Errorf("%s %q, want %q", f.Path, f.Message, want)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d additional properties findings, want 1:\n%s", n, dump(got))
	}
}
