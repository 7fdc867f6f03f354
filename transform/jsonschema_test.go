package transform_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/transform"
)

// hmrcRegexp compiles the patterns of HMRC's JSON Schemas with Go's regexp:
// they use \uXXXX escapes, which Go spells \x{XXXX}.
func hmrcRegexp(s string) (jsonschema.Regexp, error) {
	s = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`).ReplaceAllString(s, `\x{$1}`)
	return regexp.Compile(s)
}

var rootKeyRE = regexp.MustCompile(`"n1:(CC[0-9]{3}C)"`)

// messageTypeOf tells a JSON example's message type from its root key, or
// its file name.
func messageTypeOf(name string, data []byte) string {
	if m := rootKeyRE.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	if m := regexp.MustCompile(`(?i)cc[0-9]{3}c`).FindString(filepath.Base(name)); m != "" {
		return strings.ToUpper(m)
	}
	return ""
}

// TestJSONSchemaVerdictsEqualHMRC validates every JSON example of phases 5
// and 6 with the JSON Schema generated from customslint's model and with
// HMRC's published one, and requires the same verdict.
func TestJSONSchemaVerdictsEqualHMRC(t *testing.T) {
	off := oracle.OfficialDir(t)
	for _, ph := range []struct{ dir, profile string }{{"ctc/phase5", "ctc-p5"}, {"ctc/phase6", "ctc-p6"}} {
		t.Run(ph.profile, func(t *testing.T) {
			hmrc := map[string]*jsonschema.Schema{}
			compared, skipped := 0, 0
			for _, sub := range []string{"examples/json", "examples/converter/json"} {
				dir := filepath.Join(off, ph.dir, sub)
				ents, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range ents {
					if !strings.HasSuffix(e.Name(), ".json") {
						continue
					}
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						t.Fatal(err)
					}
					mt := messageTypeOf(e.Name(), data)
					schemaFile := filepath.Join(off, ph.dir, "jsonschema", strings.ToLower(mt)+"-schema.json")
					if _, err := os.Stat(schemaFile); mt == "" || err != nil {
						skipped++ // HMRC publishes no JSON Schema for it (CC140C, CC141C)
						continue
					}
					ref, ok := hmrc[mt]
					if !ok {
						c := transform.NewCompiler()
						c.UseRegexpEngine(hmrcRegexp)
						if ref, err = c.Compile(schemaFile); err != nil {
							t.Fatalf("HMRC's %s: %v", schemaFile, err)
						}
						hmrc[mt] = ref
					}
					v, err := transform.ViewFor(ph.profile, mt)
					if err != nil {
						t.Fatalf("%s: %v", e.Name(), err)
					}
					ours, err := v.Schema()
					if err != nil {
						t.Fatal(err)
					}
					inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
					if err != nil {
						// Not JSON at all: both refuse it.
						continue
					}
					theirErr, ourErr := ref.Validate(inst), ours.Validate(inst)
					compared++
					if (theirErr == nil) != (ourErr == nil) {
						t.Errorf("%s/%s: HMRC's schema says %v, ours %v", sub, e.Name(), verdict(theirErr), verdict(ourErr))
					}
				}
			}
			t.Logf("%d JSON examples compared, %d without an HMRC schema", compared, skipped)
			if compared < 60 {
				t.Errorf("only %d examples compared", compared)
			}
		})
	}
}

func verdict(err error) string {
	if err == nil {
		return "valid"
	}
	s := err.Error()
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return "invalid (" + s + ")"
}
