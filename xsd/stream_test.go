package xsd_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/xsd"
)

// TestTextAndAttributeValues pins what the element table holds: decoded
// attribute values and text, CDATA, a leaf's white space, no layout white
// space between child elements.
func TestTextAndAttributeValues(t *testing.T) {
	doc := parse(t, "<r a=\"x &amp; y &#60; &lt;\" b='&#38;&quot;' c=\"tab\there\">"+
		"<t>a &amp; b &#x41;</t><c><![CDATA[<raw> & ]]></c><w>  </w>\n"+
		"<m>\n  <k/>\n</m><mix>x<k/>y</mix><e/></r>")
	root := doc.Root()
	for name, want := range map[string]string{"a": "x & y < <", "b": `&"`, "c": "tab here"} {
		if got, ok := root.Attr(name); !ok || got != want {
			t.Errorf("attribute %s = %q, %v; want %q", name, got, ok, want)
		}
	}
	texts := map[string]string{}
	for c := root.FirstChild(); c.Valid(); c = c.Next() {
		texts[c.LocalName()] = c.Text()
	}
	want := map[string]string{"t": "a & b A", "c": "<raw> & ", "w": "  ", "m": "", "mix": "xy", "e": ""}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if root.Text() != "" {
		t.Errorf("root text %q, want none (only layout)", root.Text())
	}
	if doc.Len() != 9 {
		t.Errorf("Len %d, want 9", doc.Len())
	}
}

// TestCommentsFromTheSource: comment text is read back from the source,
// line ends normalised as the parser does.
func TestCommentsFromTheSource(t *testing.T) {
	doc := parse(t, "<!-- x: one\r\ntwo --><r><!--x: in--><a/><!-- other --></r><!--x:after-->")
	got := doc.Comments("x:")
	if len(got) != 3 {
		t.Fatalf("got %d comments, want 3: %+v", len(got), got)
	}
	if got[0].Text != " x: one\ntwo " || got[0].Line != 2 || got[0].Next.LocalName() != "r" {
		t.Errorf("first comment %+v", got[0])
	}
	if got[1].Text != "x: in" || got[1].Next.LocalName() != "a" {
		t.Errorf("second comment %+v", got[1])
	}
	if got[2].Next.Valid() {
		t.Errorf("comment after the root has a next element: %s", got[2].Next.LocalName())
	}
}

// TestOnePassEqualsTwoPasses: validating while parsing gives exactly the
// errors of a separate validation pass, located the same way.
func TestOnePassEqualsTwoPasses(t *testing.T) {
	s := compileOrder(t)
	docs := []string{
		`<Order xmlns="urn:test:order"><ID>A</ID><Item seq="1"><Qty>1</Qty></Item></Order>`,
		"<Order xmlns=\"urn:test:order\">\n<ID>TOOLONG</ID>\n<Item seq=\"0\"\n  ><Qty>0</Qty><Country>ZZ</Country></Item>\n<Item><Bad/></Item>\n<Item seq=\"2\"/>\n</Order>",
		`<Order xmlns="urn:test:order"><Item seq="x"><Qty>1</Qty></Item><!-- c --><ID>A</ID></Order>`,
		`<o:Order xmlns:o="urn:test:order"><o:ID><![CDATA[ABCDEF]]></o:ID>text<o:Item seq="1"><o:Qty>1</o:Qty></o:Item></o:Order>`,
		`<Other/>`,
	}
	for i, src := range docs {
		doc, perrs, verrs, err := split(withSchema(context.Background(), []byte(src), s))
		if err != nil || doc == nil || len(perrs) > 0 {
			t.Fatalf("doc %d: %v %v", i, err, perrs)
		}
		two, err := s.Validate(doc)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(two, verrs); diff != "" {
			t.Errorf("doc %d: one pass differs from two (-two +one):\n%s", i, diff)
		}
		if i > 0 && len(verrs) == 0 {
			t.Errorf("doc %d: no errors", i)
		}
		for _, e := range verrs {
			if e.Line < 1 || e.Path == "" || e.Column < 1 {
				t.Errorf("doc %d: error without position: %+v", i, e)
			}
		}
		doc.Free()
	}
}

const qnameSchema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:q" xmlns="urn:test:q" elementFormDefault="qualified">
  <xs:element name="Msg"><xs:complexType><xs:sequence><xs:element name="Ref" type="xs:QName"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>`

// TestValidateElementSeesNamespacesInScope: a message validated inside a
// wrapper resolves prefixes the wrapper declares, as it would if it were
// the document element.
func TestValidateElementSeesNamespacesInScope(t *testing.T) {
	s, err := xsd.Compile(context.Background(), xsd.FSBundle(t.Name(), fstest.MapFS{"q.xsd": {Data: []byte(qnameSchema)}}), "q.xsd")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		src   string
		valid bool
	}{
		{`<w xmlns:p="urn:x" xmlns:q="urn:test:q"><head/><q:Msg><q:Ref>p:thing</q:Ref></q:Msg></w>`, true},
		{`<w xmlns:q="urn:test:q"><q:Msg><q:Ref>p:thing</q:Ref></q:Msg></w>`, false},
		{`<w xmlns:p="urn:x"><Msg xmlns="urn:test:q" xmlns:p="urn:y"><Ref>p:thing</Ref></Msg></w>`, true},
	} {
		doc := parse(t, tc.src)
		inner := doc.Root().FirstChild()
		for !inner.Is("Msg") {
			inner = inner.Next()
		}
		errs, err := s.ValidateElement(doc, inner)
		if err != nil {
			t.Fatal(err)
		}
		if (len(errs) == 0) != tc.valid {
			t.Errorf("%s: errors %v, want valid=%v", tc.src, errs, tc.valid)
		}
		for _, e := range errs {
			if !strings.HasPrefix(e.Path, "/w/Msg") {
				t.Errorf("error path %q", e.Path)
			}
		}
	}
}

// TestManyElements: the table grows past its first allocations and keeps
// document order, links and lines.
func TestManyElements(t *testing.T) {
	var b strings.Builder
	b.WriteString("<r>\n")
	const n = 20000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<i n=\"%d\"><v>%d</v></i>\n", i, i)
	}
	b.WriteString("</r>")
	doc := parse(t, b.String())
	if doc.Len() != 2*n+1 {
		t.Fatalf("Len %d", doc.Len())
	}
	i := 0
	for c := doc.Root().FirstChild(); c.Valid(); c = c.Next() {
		v, _ := c.Attr("n")
		if v != fmt.Sprint(i) || c.FirstChild().Text() != v || c.Line() != i+2 {
			t.Fatalf("element %d: n=%s text=%s line=%d", i, v, c.FirstChild().Text(), c.Line())
		}
		i++
	}
	if i != n {
		t.Fatalf("%d children", i)
	}
	if got := doc.Root().NewIndex().Named("v"); got.Len() != n || got.At(n-1).Path() != fmt.Sprintf("/r/i[%d]/v", n) {
		t.Errorf("index: %d, last %s", got.Len(), got.At(got.Len()-1).Path())
	}
}

// TestManyDistinctNames grows the parser's table of names well past its
// first size: every element and namespace keeps its own name.
func TestManyDistinctNames(t *testing.T) {
	const n = 5000
	var b strings.Builder
	b.WriteString(`<r xmlns="urn:r">`)
	for i := range n {
		fmt.Fprintf(&b, `<e%d xmlns="urn:n%d"><e%d/></e%d>`, i, i%300, i, i)
	}
	b.WriteString(`</r>`)
	doc, _, err := xsd.Parse([]byte(b.String()), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	defer doc.Free()
	x := doc.Root().NewIndex()
	for _, i := range []int{0, 1, 127, 128, 129, 999, 4999} {
		name := fmt.Sprintf("e%d", i)
		els := x.Named(name)
		if els.Len() != 2 || els.At(0).LocalName() != name || els.At(1).Parent() != els.At(0) {
			t.Fatalf("Named(%s) = %d elements", name, els.Len())
		}
		if ns := els.At(1).Namespace(); ns != fmt.Sprintf("urn:n%d", i%300) {
			t.Errorf("%s: namespace %q", name, ns)
		}
		if p := els.At(1).Path(); p != "/r/"+name+"/"+name {
			t.Errorf("path %s", p)
		}
	}
	if doc.Root().Namespace() != "urn:r" || doc.Len() != 2*n+1 {
		t.Errorf("root namespace %q, %d elements", doc.Root().Namespace(), doc.Len())
	}
}
