package validate_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// infoset lists what a round trip must keep of an XML document, as a
// multiset: each element by its path of namespace-qualified names, each
// attribute (namespace declarations aside) with its value, the trimmed
// text of each element without child elements, and each processing
// instruction with its data and path.
func infoset(t testing.TB, data []byte) map[string]int {
	t.Helper()
	out, err := readInfoset(data, true)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, data)
	}
	return out
}

// readInfoset is infoset; without values, it keeps names only (attribute
// values and texts aside), for inputs whose numbers a round trip may write
// canonically (+5 as 5).
func readInfoset(data []byte, values bool) (map[string]int, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	out := map[string]int{}
	var path []string
	var text []string
	var kids []bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if len(kids) > 0 {
				kids[len(kids)-1] = true
			}
			path = append(path, "{"+x.Name.Space+"}"+x.Name.Local)
			p := strings.Join(path, "/")
			out["element "+p]++
			for _, a := range x.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				v := a.Value
				if !values {
					v = ""
				}
				out[fmt.Sprintf("attribute %s/@{%s}%s=%q", p, a.Name.Space, a.Name.Local, v)]++
			}
			text, kids = append(text, ""), append(kids, false)
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1] += string(x)
			}
		case xml.EndElement:
			if s := strings.TrimSpace(text[len(text)-1]); s != "" && !kids[len(kids)-1] && values {
				out[fmt.Sprintf("text %s=%q", strings.Join(path, "/"), s)]++
			}
			path, text, kids = path[:len(path)-1], text[:len(text)-1], kids[:len(kids)-1]
		case xml.ProcInst:
			if x.Target != "xml" {
				out[fmt.Sprintf("pi %s <?%s %s?>", strings.Join(path, "/"), x.Target, x.Inst)]++
			}
		}
	}
}

// infosetDiff says what one multiset has that the other has not.
func infosetDiff(a, b map[string]int) (lost, added []string) {
	for k, n := range a {
		for i := b[k]; i < n; i++ {
			lost = append(lost, k)
		}
	}
	for k, n := range b {
		for i := a[k]; i < n; i++ {
			added = append(added, k)
		}
	}
	sort.Strings(lost)
	sort.Strings(added)
	return lost, added
}

// roundTrip converts XML to JSON and back, failing on any problem.
func roundTrip(t *testing.T, e *validate.Engine, name string, data []byte) (js, back []byte) {
	t.Helper()
	js, probs, err := e.Convert(context.Background(), name, data, "json")
	if err != nil || len(probs) > 0 {
		t.Fatalf("to JSON: %v %v", err, probs)
	}
	back, probs, err = e.Convert(context.Background(), name+".json", js, "xml")
	if err != nil || len(probs) > 0 {
		t.Fatalf("back to XML: %v %v\n%s", err, probs, js)
	}
	return js, back
}

// TestConvertKeepsHMRCsWrapper round-trips every official sample wrapped
// in HMRC's MDG submitDeclarationRequest (XML -> JSON -> XML): no element,
// attribute or text is lost or added, wrapper included, and the JSON
// checks as the XML does.
func TestConvertKeepsHMRCsWrapper(t *testing.T) {
	root := filepath.Join(oracle.OfficialDir(t), "cds", "examples")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
			if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte("submitDeclarationRequest")) {
				files = append(files, p)
			}
		}
		return nil
	})
	if len(files) < 15 {
		t.Fatalf("%d wrapped samples under %s, want 15", len(files), root)
	}
	e := newEngine(t, validate.Options{})
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			js, back := roundTrip(t, e, f, data)
			want, got := infoset(t, data), infoset(t, back)
			lost, added := infosetDiff(want, got)
			if len(lost)+len(added) > 0 {
				t.Errorf("%d items lost, %d added; lost %q, added %q", len(lost), len(added), lost, added)
			}
			if n := want["element {http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1}submitDeclarationRequest/{http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1}requestCommon"]; n != 1 {
				t.Fatalf("no requestCommon in the sample (%d)", n)
			}
			xr, err := e.Check(context.Background(), "x.xml", data)
			if err != nil {
				t.Fatal(err)
			}
			jr, err := e.Check(context.Background(), "x.json", js)
			if err != nil {
				t.Fatal(err)
			}
			if jr.Count(rules.Error) != xr.Count(rules.Error) {
				t.Errorf("the XML has %d errors, its JSON %d: %+v", xr.Count(rules.Error), jr.Count(rules.Error), jr.Findings)
			}
		})
	}
}

const mdgNS = "http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1"

// wrapped is a declaration in an MDG wrapper whose namespace is the
// default one, with processing instructions around and in the wrapper.
var wrapped = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="decl.xsl"?>
<submitDeclarationRequest xmlns="` + mdgNS + `" note="a &amp; b">
  <?app before-common?>
  <requestCommon><regime>CDS</regime><clientID>c-1</clientID><empty/><spaced>  x  </spaced></requestCommon>
  <requestDetail>
` + decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n") + `  </requestDetail>
</submitDeclarationRequest>
<?app after?>
`

// TestConvertProcessingInstructionsAndDefaultNamespace: processing
// instructions outside the message come back where they were; a wrapper
// in the default namespace does not capture the message's elements.
func TestConvertProcessingInstructionsAndDefaultNamespace(t *testing.T) {
	e := newEngine(t, validate.Options{})
	js, back := roundTrip(t, e, "w.xml", []byte(wrapped))
	lost, added := infosetDiff(infoset(t, []byte(wrapped)), infoset(t, back))
	if len(lost)+len(added) > 0 {
		t.Errorf("lost %q, added %q\n%s", lost, added, back)
	}
	for _, want := range []string{`"?xml-stylesheet": "type=\"text/xsl\" href=\"decl.xsl\""`, `"?app": "before-common"`, `"@xmlns": "` + mdgNS + `"`, `"md:MetaData": null`} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	// The round trip is stable: the XML written converts to the same JSON.
	again, _ := roundTrip(t, e, "back.xml", back)
	if !bytes.Equal(again, js) {
		t.Errorf("second round trip changed the JSON:\n%s\n---\n%s", js, again)
	}
	// Unwrapped, with a processing instruction before the message only.
	plain := []byte("<?xml version=\"1.0\"?>\n<?app x?>\n" + decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n"))
	_, back = roundTrip(t, e, "p.xml", plain)
	if lost, added := infosetDiff(infoset(t, plain), infoset(t, back)); len(lost)+len(added) > 0 {
		t.Errorf("lost %q, added %q", lost, added)
	}
	// Without anything around the message, the JSON has no @document.
	js, _ = roundTrip(t, e, "d.xml", []byte(decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n")))
	if bytes.Contains(js, []byte(transform.DocumentKey)) {
		t.Errorf("JSON of a bare message has %s:\n%s", transform.DocumentKey, js)
	}
}

// TestConvertReportsWhatItCannotCarry: a processing instruction inside the
// message, and a wrapper element that recurs after another, are reported
// (the CLI then exits 1) while the rest converts.
func TestConvertReportsWhatItCannotCarry(t *testing.T) {
	e := newEngine(t, validate.Options{})
	inMsg := decl("    <?keep me?>\n    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n")
	js, probs, err := e.Convert(context.Background(), "m.xml", []byte(inMsg), "json")
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0].Message, "<?keep?> on line 4 is inside the message") || probs[0].Path != "/MetaData/Declaration" {
		t.Fatalf("got %v %+v", err, probs)
	}
	if !bytes.Contains(js, []byte(`"FunctionCode": "9"`)) {
		t.Errorf("the message was not converted:\n%s", js)
	}
	interleaved := strings.Replace(wrapped, "<empty/>", "<a>1</a><b/><a>2</a>", 1)
	_, probs, err = e.Convert(context.Background(), "i.xml", []byte(interleaved), "json")
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0].Message, "a occurs again after other elements") {
		t.Fatalf("got %v %+v", err, probs)
	}
}

// TestConvertEnvelopeFromJSON: a @document that cannot be written as XML
// is reported member by member, and the message is still written.
func TestConvertEnvelopeFromJSON(t *testing.T) {
	e := newEngine(t, validate.Options{})
	js, _ := roundTrip(t, e, "w.xml", []byte(wrapped))
	message, _, _ := bytes.Cut(js, []byte(`,
  "@document"`))
	message = append(message, "\n}\n"...)
	for _, c := range []struct{ name, doc, want string }{
		{"not an object", `[]`, "not an object"},
		{"no place", `{"w": {"x": "1"}}`, "no null member marks the message's place"},
		{"two places", `{"w": {"x": null, "y": null}}`, "more than one null member"},
		{"bad element name", `{"w": {"1x": "v", "m": null}}`, `"1x" is not an XML element name`},
		{"bad attribute", `{"w": {"@a b": "v", "m": null}}`, `"a b" is not an XML attribute name`},
		{"bad target", `{"?xml": "v", "w": {"m": null}}`, "not a processing instruction target"},
		{"bad data", `{"?t": "a?>b", "w": {"m": null}}`, "not the data of a processing instruction"},
		{"control character", `{"w": {"x": "\u0001", "m": null}}`, "not a text value"},
		{"two roots", `{"w": {"m": null}, "v": "x"}`, "holds 2 document elements"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := slices.Concat(bytes.TrimSuffix(bytes.TrimSpace(message), []byte("}")), []byte(`, "@document": `+c.doc+"}"))
			out, probs, err := e.Convert(context.Background(), "x.json", data, "xml")
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range probs {
				found = found || strings.Contains(p.Message, c.want)
			}
			if !found {
				t.Errorf("problems %+v lack %q", probs, c.want)
			}
			if !bytes.Contains(out, []byte("<FunctionCode>9</FunctionCode>")) {
				t.Errorf("the message was not written:\n%s", out)
			}
		})
	}
}
