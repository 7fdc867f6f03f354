package validate_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/mutate"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

type finding struct{ Rule, Severity, Message, Path string }

func findingSet(rep validate.FileReport, pointer func(string) string) []finding {
	var out []finding
	for _, f := range rep.Findings {
		p := f.Path
		if pointer != nil && p != "" {
			p = pointer(p)
		}
		out = append(out, finding{f.Rule, string(f.Severity), f.Message, p})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Path+out[i].Message < out[j].Path+out[j].Message
	})
	return out
}

// TestSameFindingsInEitherForm converts XML messages (official phase 5
// samples, the project's examples and their variants) to JSON and requires
// the JSON form to get the findings of the XML form, at JSON pointers,
// whenever its JSON Schema holds.
func TestSameFindingsInEitherForm(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	var files []string
	for _, f := range oracle.XMLFiles(t, off, "ctc/phase5/examples/xml") {
		files = append(files, filepath.Join(off, f))
	}
	own, _ := filepath.Abs("../testdata/messages/ctc-p5")
	for _, f := range oracle.XMLFiles(t, own, ".") {
		files = append(files, filepath.Join(own, f))
	}
	compared, withFindings := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		variants := [][]byte{data}
		ms, err := mutate.All(data, 2, newRand())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			variants = append(variants, m.Data)
		}
		for _, x := range variants {
			xr := check(t, eng, string(x))
			if xr.MessageType == "UNKNOWN" || xr.Count(rules.Error) > 0 && hasRule(xr, rules.XMLID) {
				continue
			}
			if notExpected(xr) {
				// Elements out of order: a JSON object holds no order, so
				// the JSON form is another (ordered) message.
				continue
			}
			v, err := transform.ViewFor(xr.Profile, xr.MessageType)
			if err != nil {
				continue // CC140C/CC141C: no model
			}
			d, _, _ := xsd.Parse(x, false)
			if d == nil {
				continue
			}
			j, probs := v.ToJSON(d.Root())
			d.Free()
			if len(probs) > 0 {
				continue // structure the JSON view cannot hold (unknown elements...)
			}
			jr := check(t, eng, string(j))
			if hasRule(jr, rules.JSONSchemaID) {
				continue // stopped at the JSON Schema, as HMRC's validator
			}
			compared++
			if len(xr.Findings) > 0 {
				withFindings++
			}
			if diff := cmp.Diff(findingSet(xr, v.Pointer), findingSet(jr, nil)); diff != "" {
				t.Errorf("%s: the JSON form's findings differ from the XML form's (-xml +json):\n%s", f, diff)
			}
		}
	}
	t.Logf("%d messages compared in both forms, %d of them with findings", compared, withFindings)
	if compared < 100 || withFindings < 10 {
		t.Errorf("too few: %d compared, %d with findings", compared, withFindings)
	}
}

func notExpected(rep validate.FileReport) bool {
	for _, f := range rep.Findings {
		if strings.Contains(f.Message, "This element is not expected") || strings.Contains(f.Detail, "This element is not expected") {
			return true
		}
	}
	return false
}

func hasRule(rep validate.FileReport, rule string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestJSONFindingPositions checks that a finding on a JSON message points
// at the member it is about.
func TestJSONFindingPositions(t *testing.T) {
	eng := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	data, err := os.ReadFile("../testdata/messages/ctc-p5/cc015c.xml")
	if err != nil {
		t.Fatal(err)
	}
	xr := check(t, eng, string(data))
	v, err := transform.ViewFor(xr.Profile, xr.MessageType)
	if err != nil {
		t.Fatal(err)
	}
	d, _, _ := xsd.Parse(data, false)
	j, _ := v.ToJSON(d.Root())
	d.Free()
	lines := strings.Split(string(j), "\n")
	// A wrong type, a pattern, and a missing member.
	bad := strings.Replace(string(j), `"sequenceNumber": 1,`, `"sequenceNumber": "1",`, 1)
	bad = strings.Replace(bad, `"messageRecipient": "NTA.GB"`, `"messageRecipient": "`+strings.Repeat("N", 40)+`"`, 1)
	rep := check(t, eng, bad)
	if len(rep.Findings) < 2 {
		t.Fatalf("findings: %s", dump(rep.Findings))
	}
	for _, f := range rep.Findings {
		member := f.Path[strings.LastIndexByte(f.Path, '/')+1:]
		if f.Line < 1 || f.Line > len(lines) || !strings.Contains(lines[f.Line-1], `"`+member+`"`) {
			t.Errorf("finding %+v: line %d is %q, not member %s", f, f.Line, lines[min(f.Line, len(lines))-1], member)
		}
	}
	if bad := check(t, eng, "{\n  \"n1:CC015C\": {\n    \"messageSender\": }\n}"); len(bad.Findings) != 1 || bad.Findings[0].Rule != "xml" || bad.Findings[0].Line != 3 {
		t.Errorf("malformed JSON: %s", dump(bad.Findings))
	}
}
