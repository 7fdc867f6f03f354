package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/google/go-cmp/cmp"
)

// fuzzSeeds adds the project's own messages (testdata/messages and the
// rules' testdata) to a fuzz corpus, XML and, through Convert, JSON.
func fuzzSeeds(f *testing.F, eng *validate.Engine, json bool) {
	n := 0
	for _, dir := range []string{"../testdata/messages", "../rules/testdata"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !json {
				f.Add(data)
				n++
				return nil
			}
			if js, probs, err := eng.Convert(context.Background(), p, data, "json"); err == nil && len(probs) == 0 {
				f.Add(js)
				n++
			}
			return nil
		})
	}
	if n < 20 {
		f.Fatalf("only %d seeds", n)
	}
}

// checkInvariants holds for every report, whatever the input: findings
// have a known rule, a severity and a line; no rule crashed.
func checkInvariants(t *testing.T, data []byte, rep validate.FileReport, err error) {
	if err != nil {
		t.Fatalf("Check error on %q: %v", trunc(data), err)
	}
	if rep.Findings == nil || rep.MessageType == "" {
		t.Fatalf("incomplete report %+v", rep)
	}
	for _, f := range rep.Findings {
		if _, ok := rules.Lookup(f.Rule); !ok || f.Line < 1 || f.Message == "" {
			t.Fatalf("bad finding %+v on %q", f, trunc(data))
		}
		if _, err := rules.ParseSeverity(string(f.Severity)); err != nil {
			t.Fatalf("bad severity %+v", f)
		}
		if f.Rule == rules.InternalID {
			t.Fatalf("a rule failed: %s\ninput: %q", f.Message, trunc(data))
		}
	}
}

func trunc(b []byte) []byte {
	if len(b) > 2000 {
		return append(bytes.Clone(b[:2000]), "..."...)
	}
	return b
}

// FuzzCheck feeds arbitrary bytes to the engine (embedded schemas, every
// rule): it must answer with a well-formed report, never panic, hang or
// crash a rule.
func FuzzCheck(f *testing.F) {
	eng := newEngineAll(f)
	fuzzSeeds(f, eng, false)
	f.Add([]byte(""))
	f.Add([]byte("<"))
	f.Add([]byte("\xef\xbb\xbf<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\"/>"))
	f.Add([]byte(dmsTrailingSeed))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := eng.Check(context.Background(), "fuzz.xml", data)
		checkInvariants(t, data, rep, err)
	})
}

// dmsTrailingSeed is a DMS notification followed by log text, which the
// guard cuts with a warning.
const dmsTrailingSeed = `<?xml version="1.0"?><!-- c --><md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" ` +
	`xmlns:res="urn:wco:datamodel:WCO:RES-DMS:2"><res:Response><res:FunctionCode>03</res:FunctionCode></res:Response></md:MetaData >` +
	"\n<?pi?>headers=List((a,b))\n"

// FuzzCheckFile checks arbitrary bytes from a file (streamed when they are
// UTF-8 XML) and requires the report Check gives for the same bytes.
func FuzzCheckFile(f *testing.F) {
	eng := newEngineAll(f)
	validate.StreamAll(eng)
	fuzzSeeds(f, eng, false)
	f.Add([]byte("<!--\r\n--><r a='\xc3\xa9'>\r\n<!-- customslint:ignore xsd x --><s/></r>"))
	f.Add([]byte(dmsTrailingSeed))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := eng.CheckFile(context.Background(), "fuzz.xml", p)
		checkInvariants(t, data, got, err)
		want, _ := eng.Check(context.Background(), "fuzz.xml", data)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("CheckFile differs from Check (-Check +CheckFile):\n%s\ninput: %q", d, trunc(data))
		}
	})
}

// FuzzCheckJSON does the same for JSON messages.
func FuzzCheckJSON(f *testing.F) {
	eng := newEngineAll(f)
	fuzzSeeds(f, eng, true)
	f.Add([]byte("{}"))
	f.Add([]byte(`{"n1:CC015C": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := eng.Check(context.Background(), "fuzz.json", data)
		checkInvariants(t, data, rep, err)
	})
}

// FuzzConvert converts arbitrary XML to JSON and back: no panic, and a
// message that converts without problems comes back unchanged in its JSON
// form (XML -> JSON -> XML -> JSON).
func FuzzConvert(f *testing.F) {
	eng := newEngineAll(f)
	fuzzSeeds(f, eng, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		js, probs, err := eng.Convert(context.Background(), "fuzz.xml", data, "json")
		if err != nil || len(probs) > 0 {
			return
		}
		back, probs, err := eng.Convert(context.Background(), "fuzz.json", js, "xml")
		if err != nil || len(probs) > 0 {
			t.Fatalf("JSON of %q does not convert back: %v %v\n%s", trunc(data), err, probs, js)
		}
		again, probs, err := eng.Convert(context.Background(), "back.xml", back, "json")
		if err != nil || len(probs) > 0 || !bytes.Equal(again, js) {
			t.Fatalf("round trip changed the JSON: %v %v\nfirst:\n%s\nsecond:\n%s", err, probs, js, again)
		}
	})
}

func newEngineAll(f *testing.F) *validate.Engine {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(eng.Close)
	return eng
}
