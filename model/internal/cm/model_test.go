package cm_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/customslint/customslint/model/internal/cm"
	"github.com/customslint/customslint/xsd"
)

func loadDemo(t *testing.T) *cm.Set {
	t.Helper()
	set, err := cm.LoadSet(os.DirFS("testdata"), "demo")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// compile generates the demo set and compiles one entry with libxml2.
func compile(t *testing.T, set *cm.Set, entry string) *xsd.Schema {
	t.Helper()
	files := fstest.MapFS{}
	for name, data := range set.WriteXSD() {
		files[name] = &fstest.MapFile{Data: data}
	}
	s, err := xsd.Compile(context.Background(), xsd.FSBundle(t.Name(), files), entry)
	if err != nil {
		for name, data := range set.WriteXSD() {
			t.Logf("%s:\n%s", name, data)
		}
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func errorsOf(t *testing.T, s *xsd.Schema, doc string) []string {
	t.Helper()
	d, perrs, err := xsd.Parse([]byte(doc), false)
	if err != nil || d == nil {
		t.Fatalf("parse %v %v", err, perrs)
	}
	defer d.Free()
	errs, err := s.Validate(d)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, e.Path+": "+e.Message)
	}
	return out
}

func TestDemoSetGeneratesValidatingSchemas(t *testing.T) {
	set := loadDemo(t)
	order := compile(t, set, "entry-demo-order.xsd")
	ok := `<Order xmlns="urn:demo:order" xmlns:x="urn:x" version="2">
  <ID>A-1</ID>
  <Line><Seq>1</Seq><Sku>ABC</Sku><Quantity>12.50</Quantity><Price currencyID="GBP">10</Price></Line>
  <Line><Seq>2</Seq><Description>Tea</Description><Country> FR</Country><Weight currencyID="KGM" note="n">3</Weight></Line>
  <Note>n</Note><Signed>true</Signed>
  <x:Extra/>
</Order>`
	if errs := errorsOf(t, order, ok); len(errs) != 0 {
		t.Fatalf("valid order rejected: %v", errs)
	}
	bad := `<Order xmlns="urn:demo:order">
  <ID> </ID>
  <Line><Seq>0</Seq><Sku>ABCD</Sku><Quantity>12.505</Quantity><Price>10</Price></Line>
  <Line><Seq>2</Seq><Description>Tea</Description><Country>DE</Country><Weight currencyID="KGM">123456789</Weight></Line>
  <Signed>false</Signed>
</Order>`
	errs := errorsOf(t, order, bad)
	for _, want := range []string{
		"/Order/ID: Element '{urn:demo:order}ID': [facet 'pattern']",
		"/Order/Line[1]/Seq: Element '{urn:demo:order}Seq': '0' is not a valid value",
		"/Order/Line[1]/Sku: Element '{urn:demo:order}Sku': [facet 'length']",
		"/Order/Line[1]/Quantity: Element '{urn:demo:order}Quantity': [facet 'fractionDigits']",
		"/Order/Line[1]/Price: Element '{urn:demo:order}Price': The attribute 'currencyID' is required",
		"/Order/Line[2]/Country: Element '{urn:demo:order}Country': [facet 'enumeration']",
		"/Order/Line[2]/Weight: Element '{urn:demo:order}Weight': [facet 'totalDigits']",
		"/Order/Signed: Element '{urn:demo:order}Signed': The actual value 'false' does not match the fixed value constraint 'true'",
	} {
		found := false
		for _, e := range errs {
			found = found || strings.HasPrefix(e, want)
		}
		if !found {
			t.Errorf("no error %q in:\n%s", want, strings.Join(errs, "\n"))
		}
	}

	note := compile(t, set, "entry-demo-note.xsd")
	if errs := errorsOf(t, note, `<Reply lang="en"><From>a</From><To>b</To><To>c</To><choice>x</choice><InReplyTo>1</InReplyTo></Reply>`); len(errs) != 0 {
		t.Fatalf("valid reply rejected: %v", errs)
	}
	if errs := errorsOf(t, note, `<Holder><Note><From>a</From><To>1</To><To>2</To><To>3</To><To>4</To></Note></Holder>`); len(errs) != 1 || !strings.Contains(errs[0], "'To': This element is not expected") {
		t.Fatalf("four To: %v", errs)
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := loadDemo(t).WriteXSD(), loadDemo(t).WriteXSD()
	if len(a) != 5 {
		t.Errorf("files: %d", len(a))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestModelErrors(t *testing.T) {
	cases := map[string]string{
		"schema x\nsimple A : string maxLength=x":                    "maxLength: not a non-negative integer",
		"schema x\nsimple A : Nope":                                  "unknown type Nope",
		"schema x\nsimple A : string\nsimple A : string":             "type A defined twice",
		"schema x\nelement E\n  Child 1..0 : string":                 `"1..0" is not a cardinality`,
		"schema x\nelement E\n  Child 1 : string\n   Bad 1 : string": "content or attributes need 'extends'",
		"schema x\nelement E : string wco=1 color=red":               `unknown property "color"`,
		"schema x\nelement E\n  @a 2 : string":                       "attribute use must be",
		"schema x\ncomplex C restricts string":                       "only a complex type with simple content can be restricted",
		"schema x\nuse y":                                            "use y: no such schema",
		"schema x\nelement E\n  ref Missing 1":                       "ref x.Missing: no such global element",
		"schema x\nelement E\n\tChild 1 : string":                    "tab character",
		"schema x\nwhatever":                                         `unknown definition "whatever"`,
		"schema x\nsimple A : string pattern=\"unclosed":             "unterminated quote",
	}
	for src, want := range cases {
		fsys := fstest.MapFS{
			"s/set.cm": {Data: []byte("profile p\n")},
			"s/x.cm":   {Data: []byte(src)},
		}
		_, err := cm.LoadSet(fsys, "s")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

func TestSchemaInParts(t *testing.T) {
	fsys := fstest.MapFS{
		"s/set.cm":  {Data: []byte("profile p\n")},
		"s/t-1.cm":  {Data: []byte("schema t\nnamespace urn:t\nsimple A : string\nentry T\nelement Root : B\n")},
		"s/t-2.cm":  {Data: []byte("schema t\nnamespace urn:t\ncomplex B\n  X 1 : A\n")},
		"s/bad.cm":  {Data: []byte("schema u\nsimple C : string\n")},
		"s/bad2.cm": {Data: []byte("schema u\nnamespace urn:other\n")},
	}
	_, err := cm.LoadSet(fsys, "s")
	if err == nil || !strings.Contains(err.Error(), "namespace or elements form differs") {
		t.Fatalf("mismatched parts: %v", err)
	}
	delete(fsys, "s/bad2.cm")
	fsys["s/bad2.cm"] = &fstest.MapFile{Data: []byte("schema u\nsimple C : token\n")}
	if _, err := cm.LoadSet(fsys, "s"); err == nil || !strings.Contains(err.Error(), "C is also defined in another part") {
		t.Fatalf("clash: %v", err)
	}
	delete(fsys, "s/bad.cm")
	delete(fsys, "s/bad2.cm")
	fsys["s/t-3.cm"] = &fstest.MapFile{Data: []byte("schema t\nnamespace urn:t\n\n\nsimple D : Nope\n")}
	if _, err := cm.LoadSet(fsys, "s"); err == nil || !strings.Contains(err.Error(), "s/t-3.cm:5: unknown type Nope") {
		t.Fatalf("error in a part names the part: %v", err)
	}
	delete(fsys, "s/t-3.cm")
	set, err := cm.LoadSet(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	files := set.WriteXSD()
	if len(files) != 2 || !strings.Contains(string(files["t.xsd"]), `name="B"`) || !strings.Contains(string(files["t.xsd"]), `name="A"`) {
		t.Fatalf("files %v", files)
	}
	compile(t, set, "entry-t.xsd")
}
