package xsd_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/xsd"
)

// orderSchema is a small schema authored for these tests.
const orderSchema = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:test:order"
           targetNamespace="urn:test:order" elementFormDefault="qualified">
  <xs:include schemaLocation="types/common.xsd"/>
  <xs:element name="Order">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="ID" type="Code5"/>
        <xs:element name="Item" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="Qty" type="xs:positiveInteger"/>
              <xs:element name="Country" type="Country" minOccurs="0"/>
            </xs:sequence>
            <xs:attribute name="seq" type="xs:positiveInteger" use="required"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`

const commonSchema = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:test:order"
           targetNamespace="urn:test:order" elementFormDefault="qualified">
  <xs:simpleType name="Code5">
    <xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Country">
    <xs:restriction base="xs:string">%s</xs:restriction>
  </xs:simpleType>
</xs:schema>
`

// countries makes an enumeration long enough that libxml2's message for a
// wrong value runs past 1 KiB.
func countries() string {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, `<xs:enumeration value="C%03d"/>`, i)
	}
	return b.String()
}

func orderBundle(t testing.TB) *xsd.Bundle {
	t.Helper()
	return xsd.FSBundle(t.Name(), fstest.MapFS{
		"order.xsd":        {Data: []byte(orderSchema)},
		"types/common.xsd": {Data: []byte(fmt.Sprintf(commonSchema, countries()))},
	})
}

func compileOrder(t testing.TB) *xsd.Schema {
	t.Helper()
	s, err := xsd.Compile(context.Background(), orderBundle(t), "order.xsd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func parse(t testing.TB, src string) *xsd.Document {
	t.Helper()
	d, errs, err := xsd.Parse([]byte(src), false)
	if err != nil || d == nil {
		t.Fatalf("parse: %v %v", err, errs)
	}
	t.Cleanup(d.Free)
	return d
}

func TestValidDocument(t *testing.T) {
	s := compileOrder(t)
	d := parse(t, `<Order xmlns="urn:test:order"><ID>A1</ID><Item seq="1"><Qty>2</Qty><Country>C007</Country></Item></Order>`)
	errs, err := s.Validate(d)
	if err != nil || len(errs) != 0 {
		t.Fatalf("want valid, got %v %v", errs, err)
	}
}

type pos struct {
	Line, Column int
	Path         string
	Code         int
}

func TestErrorPositionsAndPaths(t *testing.T) {
	s := compileOrder(t)
	src := `<?xml version="1.0"?>
<Order xmlns="urn:test:order">
  <ID>TOO-LONG</ID>
  <Item seq="1"><Qty>1</Qty></Item>
  <Item seq="2">
    <Qty>0</Qty>
  </Item>
  <Item seq="x"><Qty>3</Qty></Item>
  <Bogus/>
</Order>`
	errs, err := s.Validate(parse(t, src))
	if err != nil {
		t.Fatal(err)
	}
	var got []pos
	for _, e := range errs {
		got = append(got, pos{e.Line, e.Column, e.Path, e.Code})
		if e.Level != xsd.LevelError || e.Domain != xsd.DomainSchemasValid {
			t.Errorf("level/domain = %v/%d for %q", e.Level, e.Domain, e.Message)
		}
	}
	want := []pos{
		{3, 3, "/Order/ID", 1832},           // maxLength
		{6, 5, "/Order/Item[2]/Qty", 1824},  // not a positiveInteger
		{8, 9, "/Order/Item[3]/@seq", 1824}, // attribute value
		{9, 3, "/Order/Bogus", 1871},        // unexpected element
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s\nmessages: %v", diff, errs)
	}
}

func TestColumnsOnOneLine(t *testing.T) {
	s := compileOrder(t)
	// A minified message: every error is on line 1, the column tells them apart.
	src := `<Order xmlns="urn:test:order"><ID>A</ID><Item seq="1"><Qty>1</Qty></Item><Item seq="2"><Qty>-1</Qty></Item><Item seq="3"><Qty>x</Qty></Item></Order>`
	errs, err := s.Validate(parse(t, src))
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 2 {
		t.Fatalf("want 2 errors, got %v", errs)
	}
	for i, want := range []string{"<Qty>-1", "<Qty>x"} {
		col := strings.Index(src, want) + 1
		if errs[i].Line != 1 || errs[i].Column != col {
			t.Errorf("error %d at %d:%d, want 1:%d (%s)", i, errs[i].Line, errs[i].Column, col, errs[i].Message)
		}
	}
}

func TestEveryErrorIsReported(t *testing.T) {
	s := compileOrder(t)
	var b strings.Builder
	b.WriteString(`<Order xmlns="urn:test:order"><ID>A</ID>` + "\n")
	const n = 500
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<Item seq=\"%d\"><Qty>0</Qty></Item>\n", i+1)
	}
	b.WriteString("</Order>")
	errs, err := s.Validate(parse(t, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != n {
		t.Fatalf("got %d errors, want %d (no cap)", len(errs), n)
	}
	for i, e := range errs {
		if e.Line != i+2 || e.Path != fmt.Sprintf("/Order/Item[%d]/Qty", i+1) {
			t.Fatalf("error %d at line %d path %s", i, e.Line, e.Path)
		}
	}
}

func TestLongEnumerationMessageIsComplete(t *testing.T) {
	s := compileOrder(t)
	errs, err := s.Validate(parse(t, `<Order xmlns="urn:test:order"><ID>A</ID><Item seq="1"><Qty>1</Qty><Country>ZZ</Country></Item></Order>`))
	if err != nil || len(errs) != 1 {
		t.Fatalf("want one error, got %v %v", errs, err)
	}
	m := errs[0].Message
	if len(m) < 1024 || !strings.Contains(m, "'C299'") || !strings.Contains(m, "'ZZ'") {
		t.Fatalf("enumeration message truncated (%d bytes): %.200s...", len(m), m)
	}
}

func TestParseErrorsHaveLineAndColumn(t *testing.T) {
	d, errs, err := xsd.Parse([]byte("<a>\n  <b></c>\n</a>"), false)
	if err != nil || d != nil {
		t.Fatalf("want not well-formed, got doc=%v err=%v", d, err)
	}
	if len(errs) == 0 || errs[0].Line != 2 || errs[0].Column == 0 || errs[0].Domain != xsd.DomainParser {
		t.Fatalf("errors: %+v", errs)
	}
}

// listener accepts connections on loopback and counts them.
type listener struct {
	addr  string
	count atomic.Int32
	ln    net.Listener
}

func listen(t *testing.T) *listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &listener{addr: ln.Addr().String(), ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			l.count.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		if n := l.count.Load(); n != 0 {
			t.Errorf("%d network connection(s) made to %s", n, l.addr)
		}
	})
	return l
}

func TestCompileNeverLeavesTheBundle(t *testing.T) {
	l := listen(t)
	schema := func(ref string) string {
		return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns="urn:a">` + ref + `<xs:element name="A" type="xs:string"/></xs:schema>`
	}
	cases := []struct {
		name, entry, want string
		files             fstest.MapFS
	}{
		{"http import", "a.xsd", "never fetched from the network",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:import namespace="urn:b" schemaLocation="http://` + l.addr + `/b.xsd"/>`))}}},
		{"https include", "a.xsd", "never fetched from the network",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:include schemaLocation="https://` + l.addr + `/b.xsd"/>`))}}},
		{"ftp import", "a.xsd", "never fetched from the network",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:import namespace="urn:b" schemaLocation="ftp://` + l.addr + `/b.xsd"/>`))}}},
		{"file URL", "a.xsd", "only relative locations",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:include schemaLocation="file:///etc/passwd"/>`))}}},
		{"absolute path", "a.xsd", "absolute paths are not allowed",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:include schemaLocation="/etc/passwd"/>`))}}},
		{"climbs out", "sub/a.xsd", "outside the schema bundle",
			fstest.MapFS{"sub/a.xsd": {Data: []byte(schema(`<xs:include schemaLocation="../../outside.xsd"/>`))}}},
		{"missing", "a.xsd", "not found in the schema bundle",
			fstest.MapFS{"a.xsd": {Data: []byte(schema(`<xs:include schemaLocation="b.xsd"/>`))}}},
		{"nested http", "a.xsd", "never fetched from the network",
			fstest.MapFS{
				"a.xsd":   {Data: []byte(schema(`<xs:include schemaLocation="x/b.xsd"/>`))},
				"x/b.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:import namespace="urn:c" schemaLocation="http://` + l.addr + `/c.xsd"/></xs:schema>`)},
			}},
		// XXE inside a schema document: libxml2 substitutes entities in
		// schemas, so this reaches the entity loader, which refuses it.
		{"external entity in schema (http)", "a.xsd", "refused to load http://" + l.addr,
			fstest.MapFS{"a.xsd": {Data: []byte(`<?xml version="1.0"?><!DOCTYPE xs:schema [<!ENTITY e SYSTEM "http://` + l.addr + `/e">]>` + schema(`<xs:annotation><xs:documentation>&e;</xs:documentation></xs:annotation>`))}}},
		{"external entity in schema (file)", "a.xsd", "refused to load file:///etc/passwd",
			fstest.MapFS{"a.xsd": {Data: []byte(`<?xml version="1.0"?><!DOCTYPE xs:schema [<!ENTITY e SYSTEM "file:///etc/passwd">]>` + schema(`<xs:annotation><xs:documentation>&e;</xs:documentation></xs:annotation>`))}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := xsd.Compile(context.Background(), xsd.FSBundle(t.Name(), c.files), c.entry)
			if err == nil {
				s.Close()
				t.Fatal("compiled; want refusal")
			}
			ce, ok := err.(*xsd.CompileError)
			if !ok || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v (%T), want it to contain %q", err, err, c.want)
			}
			if ce.Entry != c.entry {
				t.Errorf("entry %q", ce.Entry)
			}
		})
	}
}

// TestShippedBundleStillNeverLeaves compiles the refused references of a
// ShippedBundle, which skips the reference check: libxml2 reaches the
// entity loader, which serves files of the bundle only.
func TestShippedBundleStillNeverLeaves(t *testing.T) {
	l := listen(t)
	schema := func(ref string) []byte {
		return []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns="urn:a">` + ref + `<xs:element name="A" type="xs:string"/></xs:schema>`)
	}
	for name, files := range map[string]fstest.MapFS{
		"http import": {"a.xsd": {Data: schema(`<xs:import namespace="urn:b" schemaLocation="http://` + l.addr + `/b.xsd"/>`)}},
		"file URL":    {"a.xsd": {Data: schema(`<xs:include schemaLocation="file:///etc/passwd"/>`)}},
		"climbs out":  {"sub/a.xsd": {Data: schema(`<xs:include schemaLocation="../../../../etc/passwd"/>`)}},
		"directory":   {"a.xsd": {Data: schema(`<xs:include schemaLocation="d"/>`)}, "d/x.xsd": {Data: schema("")}},
	} {
		t.Run(name, func(t *testing.T) {
			entry := "a.xsd"
			if _, ok := files[entry]; !ok {
				entry = "sub/a.xsd"
			}
			s, err := xsd.Compile(context.Background(), xsd.ShippedBundle(t.Name(), files), entry)
			if err == nil {
				s.Close()
				t.Fatal("compiled; want an error")
			}
			if !strings.Contains(err.Error(), "refused to load") {
				t.Errorf("error %v, want the loader's refusal", err)
			}
		})
	}
	// An empty document is read (and is libxml2's error), not refused.
	_, err := xsd.Compile(context.Background(), xsd.ShippedBundle(t.Name()+"/empty", fstest.MapFS{
		"a.xsd": {Data: schema(`<xs:include schemaLocation="e.xsd"/>`)}, "e.xsd": {Data: nil},
	}), "a.xsd")
	if err == nil || strings.Contains(err.Error(), "refused") {
		t.Errorf("empty include: %v", err)
	}
}

func TestCompileErrorNamesFileAndLine(t *testing.T) {
	b := xsd.FSBundle(t.Name(), fstest.MapFS{
		"a.xsd":     {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="sub/b.xsd"/></xs:schema>`)},
		"sub/b.xsd": {Data: []byte("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\n<xs:element name=\"A\" type=\"NoSuchType\"/></xs:schema>")},
	})
	_, err := xsd.Compile(context.Background(), b, "a.xsd")
	ce, ok := err.(*xsd.CompileError)
	if !ok {
		t.Fatalf("want CompileError, got %v", err)
	}
	found := false
	for _, e := range ce.Errors {
		if e.File == "sub/b.xsd" && e.Line == 3 && strings.Contains(e.Message, "NoSuchType") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no error at sub/b.xsd:3 naming NoSuchType: %v", ce.Errors)
	}
}

func TestParseNeverLoadsEntitiesOrDTDs(t *testing.T) {
	l := listen(t)
	docs := map[string]string{
		"external DTD":               `<!DOCTYPE a SYSTEM "http://` + l.addr + `/a.dtd"><a/>`,
		"external entity http":       `<!DOCTYPE a [<!ENTITY e SYSTEM "http://` + l.addr + `/e">]><a>&e;</a>`,
		"external entity file":       `<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/hostname">]><a>&e;</a>`,
		"parameter entity":           `<!DOCTYPE a [<!ENTITY % p SYSTEM "http://` + l.addr + `/p"> %p;]><a/>`,
		"xinclude":                   `<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="http://` + l.addr + `/x"/></a>`,
		"schemaLocation":             `<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://` + l.addr + `/a.xsd"/>`,
		"public id":                  `<!DOCTYPE a PUBLIC "-//X//Y" "http://` + l.addr + `/p.dtd"><a/>`,
		"entity in attribute (bomb)": `<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;"><!ENTITY z "&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;">]><a b="&z;"/>`,
	}
	for name, src := range docs {
		t.Run(name, func(t *testing.T) {
			d, _, err := xsd.Parse([]byte(src), false)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				return // rejected: fine
			}
			defer d.Free()
			if txt := d.Root().Text(); strings.Contains(txt, "localhost") || len(txt) > 0 && name != "bomb" {
				t.Errorf("entity content substituted: %q", txt)
			}
		})
	}
	// Validation of such a document must not fetch anything either.
	s := compileOrder(t)
	d, _, _ := xsd.Parse([]byte(docs["schemaLocation"]), false)
	if d != nil {
		defer d.Free()
		if _, err := s.Validate(d); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConcurrentValidationMatchesSerial(t *testing.T) {
	s := compileOrder(t)
	docs := []string{
		`<Order xmlns="urn:test:order"><ID>A1</ID><Item seq="1"><Qty>2</Qty></Item></Order>`,
		`<Order xmlns="urn:test:order"><ID>TOOLONG</ID><Item seq="1"><Qty>0</Qty></Item></Order>`,
		`<Order xmlns="urn:test:order"><Item seq="1"><Qty>2</Qty></Item></Order>`,
		`<Order xmlns="urn:test:order"><ID>A</ID><Item seq="z"><Qty>2</Qty><Country>XX</Country></Item><Nope/></Order>`,
	}
	want := make([][]xsd.Error, len(docs))
	for i, src := range docs {
		errs, err := s.Validate(parse(t, src))
		if err != nil {
			t.Fatal(err)
		}
		want[i] = errs
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				k := (g + i) % len(docs)
				d, _, err := xsd.Parse([]byte(docs[k]), false)
				if err != nil || d == nil {
					t.Error("parse failed")
					return
				}
				errs, err := s.Validate(d)
				d.Free()
				if err != nil || !cmp.Equal(errs, want[k]) {
					t.Errorf("goroutine %d doc %d: %v", g, k, cmp.Diff(want[k], errs))
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestCacheCompilesOnceAndShares(t *testing.T) {
	c := xsd.NewCache()
	defer c.Close()
	b := orderBundle(t)
	var wg sync.WaitGroup
	got := make([]*xsd.Schema, 16)
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := c.Get(context.Background(), b, "order.xsd")
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}(i)
	}
	wg.Wait()
	for _, s := range got[1:] {
		if s != got[0] {
			t.Fatal("cache returned different schemas for one key")
		}
	}
	// A failing compile is cached as a failure, with the same error.
	bad := xsd.FSBundle(t.Name()+"/bad", fstest.MapFS{"a.xsd": {Data: []byte("<nope")}})
	_, err1 := c.Get(context.Background(), bad, "a.xsd")
	_, err2 := c.Get(context.Background(), bad, "a.xsd")
	if err1 == nil || err1 != err2 {
		t.Fatalf("errors %v / %v", err1, err2)
	}
}

func TestClosedSchema(t *testing.T) {
	s, err := xsd.Compile(context.Background(), orderBundle(t), "order.xsd")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close() // twice is fine
	if _, err := s.Validate(parse(t, `<Order xmlns="urn:test:order"/>`)); err != xsd.ErrClosed {
		t.Fatalf("got %v, want ErrClosed", err)
	}
}

func TestDirBundle(t *testing.T) {
	dir := t.TempDir()
	if _, err := xsd.DirBundle(dir + "/missing"); err == nil {
		t.Fatal("want error for a missing directory")
	}
	b, err := xsd.DirBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = xsd.Compile(context.Background(), b, "none.xsd")
	if err == nil || !strings.Contains(err.Error(), "none.xsd") {
		t.Fatalf("want an error naming none.xsd, got %v", err)
	}
}

func TestElementNavigation(t *testing.T) {
	d := parse(t, `<r xmlns="urn:r"><a k="v">x<![CDATA[y]]></a><b/><a/></r>`)
	root := d.Root()
	if root.LocalName() != "r" || root.Namespace() != "urn:r" {
		t.Fatalf("root %s %s", root.LocalName(), root.Namespace())
	}
	a := root.Child("urn:r", "a")
	if a.Text() != "xy" {
		t.Errorf("text %q", a.Text())
	}
	if v, ok := a.Attr("k"); !ok || v != "v" {
		t.Errorf("attr %q %v", v, ok)
	}
	if a.Path() != "/r/a[1]" || a.Next().Path() != "/r/b" || a.Next().Next().Path() != "/r/a[2]" {
		t.Errorf("paths %s %s %s", a.Path(), a.Next().Path(), a.Next().Next().Path())
	}
	if line, col := a.Next().Position(); line != 1 || col != strings.Index(`<r xmlns="urn:r"><a k="v">x<![CDATA[y]]></a><b/><a/></r>`, "<b/>")+1 {
		t.Errorf("b at %d:%d", line, col)
	}
	if a.Parent().LocalName() != "r" || root.Parent().Valid() {
		t.Error("parent")
	}
}

func TestLibXMLVersion(t *testing.T) {
	if v := xsd.LibXMLVersion(); !strings.HasPrefix(v, "2.") {
		t.Fatalf("version %q", v)
	}
}

func TestComments(t *testing.T) {
	d := parse(t, "<!-- keep: a -->\n<r>\n <!-- keep: b -->\n <x/>\n <y><!-- keep: c --></y>\n <!-- other -->\n <z/>\n <!-- keep: d -->\n</r>\n<!-- keep: e -->")
	type got struct {
		Text string
		Line int
		Next string
	}
	var out []got
	for _, c := range d.Comments("keep:") {
		out = append(out, got{c.Text, c.Line, c.Next.Path()})
	}
	want := []got{
		{" keep: a ", 1, "/r"}, {" keep: b ", 3, "/r/x"}, {" keep: c ", 5, "/r/z"}, {" keep: d ", 8, ""}, {" keep: e ", 10, ""},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Fatalf("comments (-want +got):\n%s", diff)
	}
}

// TestParseSourceMatchesParse reads documents in pieces (ParseSource) and
// requires what reading them whole gives: the same parse errors, validity
// errors with lines, columns and paths (in one pass and in a second), the
// same comments. The long single line puts positions past several
// checkpoints and characters across the pieces libxml2 reads.
func TestParseSourceMatchesParse(t *testing.T) {
	s := compileOrder(t)
	long := strings.Repeat(`<Item seq="1"><Qty>2</Qty><Country>C001</Country></Item><!--é€-->`, 3000)
	docs := map[string]string{
		"errors":          "<?xml version=\"1.0\"?>\r\n<!-- first\r\ncomment -->\r\n<Order xmlns=\"urn:test:order\">\r\n  <ID>TOO-LONG</ID>\r\n  <Item\r\n    seq=\"x\"><Qty>0</Qty></Item>\r\n  <!-- second --><Bogus/>\r\n</Order>",
		"one long line":   `<Order xmlns="urn:test:order"><ID>A1</ID><Item seq="é"><Qty>0</Qty></Item>` + long + `<Item seq="y"><Qty>0</Qty><Country>Cé</Country></Item><!-- end --></Order>`,
		"not well-formed": `<Order xmlns="urn:test:order"><ID>A1</ID>` + long + `<Item>`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			d1, p1, v1, err1 := split(withSchema(context.Background(), []byte(doc), s))
			d2, p2, v2, err2 := split(fromSource(context.Background(), strings.NewReader(doc), s))
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if d1 != nil {
				defer d1.Free()
			}
			if d2 != nil {
				defer d2.Free()
			}
			if (d1 == nil) != (d2 == nil) {
				t.Fatalf("documents %v %v", d1, d2)
			}
			if diff := cmp.Diff(p1, p2); diff != "" {
				t.Errorf("parse errors (-whole +pieces):\n%s", diff)
			}
			if diff := cmp.Diff(v1, v2); diff != "" {
				t.Errorf("validity errors (-whole +pieces):\n%s", diff)
			}
			if d1 == nil {
				return
			}
			again, err := s.Validate(d2)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(v1, again); diff != "" {
				t.Errorf("second pass over the pieces (-whole +pieces):\n%s", diff)
			}
			if diff := cmp.Diff(d1.Comments(""), d2.Comments(""), cmp.Comparer(func(a, b xsd.Element) bool { return a.Path() == b.Path() })); diff != "" {
				t.Errorf("comments (-whole +pieces):\n%s", diff)
			}
			if len(v2) == 0 {
				t.Error("no validity error to compare")
			}
			if name == "one long line" && v2[len(v2)-1].Column < 190000 {
				t.Errorf("last error at column %d, want far along the line", v2[len(v2)-1].Column)
			}
		})
	}
}

// TestPathsOfManySiblings numbers 20,000 same-named siblings, each with an
// error, once per parent rather than once per error (which was quadratic:
// a hostile one-line message could hold 300,000 of them).
func TestPathsOfManySiblings(t *testing.T) {
	s := compileOrder(t)
	const n = 20000
	doc := `<Order xmlns="urn:test:order"><ID>A1</ID>` + strings.Repeat(`<Item seq="x"><Qty>1</Qty></Item>`, n) + `</Order>`
	d, _, v, err := split(withSchema(context.Background(), []byte(doc), s))
	if err != nil || d == nil {
		t.Fatal(err)
	}
	defer d.Free()
	if len(v) != n {
		t.Fatalf("%d errors, want %d", len(v), n)
	}
	for k, e := range v {
		if want := fmt.Sprintf("/Order/Item[%d]/@seq", k+1); e.Path != want {
			t.Fatalf("error %d at %s, want %s", k, e.Path, want)
		}
	}
	if p := d.Root().FirstChild().Path(); p != "/Order/ID" {
		t.Errorf("only child: %s", p)
	}
}
