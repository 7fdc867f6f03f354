package xsd

import (
	"fmt"
	"strings"
	"testing"
)

func TestElementIs(t *testing.T) {
	doc, _, err := Parse([]byte(`<a:Root xmlns:a="urn:x"><Item/><ItemX/><Ite/></a:Root>`), false)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Free()
	r := doc.Root()
	if !r.Is("Root") || r.Is("Roo") || r.Is("RootX") || r.Is("a:Root") || r.Is("") {
		t.Error("Is on the root")
	}
	var got []bool
	for c := r.FirstChild(); c.Valid(); c = c.Next() {
		got = append(got, c.Is("Item"))
	}
	if len(got) != 3 || !got[0] || got[1] || got[2] {
		t.Errorf("Is over children: %v", got)
	}
	if (Element{}).Is("x") {
		t.Error("invalid element")
	}
}

func TestLineStarts(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []int
	}{
		{"", []int{0}},
		{"a\nb\n", []int{0, 2, 4}},
		{"a\r\nb\rc\n", []int{0, 3, 5, 7}},
		{"\n\n", []int{0, 1, 2}},
		{"no end", []int{0}},
	} {
		got := LineStarts([]byte(c.src))
		if len(got) != len(c.want) {
			t.Errorf("LineStarts(%q) = %v, want %v", c.src, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("LineStarts(%q) = %v, want %v", c.src, got, c.want)
				break
			}
		}
	}
}

func TestElementLine(t *testing.T) {
	src := "<r>\n  <a/>\n" + strings.Repeat("\n", 70000) + "  <b/>\n</r>"
	doc, _, err := Parse([]byte(src), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	defer doc.Free()
	a := doc.Root().FirstChild()
	b := a.Next()
	if a.Line() != 2 || b.Line() != 70003 {
		t.Errorf("lines %d %d, want 2 70003", a.Line(), b.Line())
	}
	if l, _ := b.Position(); l != b.Line() {
		t.Errorf("Position line %d, Line %d", l, b.Line())
	}
}

func TestIndex(t *testing.T) {
	doc, _, err := Parse([]byte(`<r a="1"><x id="1"><y/><x id="2"/></x><!-- c --><y b="2">t</y><x/></r>`), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	defer doc.Free()
	x := doc.Root().NewIndex()
	if x.Len() != 5 {
		t.Errorf("Len %d, want 5", x.Len())
	}
	var ids []string
	for _, e := range x.Named("x") {
		v, _ := e.Attr("id")
		ids = append(ids, v)
	}
	if strings.Join(ids, ",") != "1,2," {
		t.Errorf("Named(x) ids %q", ids)
	}
	if len(x.Named("r")) != 0 || len(x.Named("nothing")) != 0 || len(x.Named("")) != 0 {
		t.Error("root, unknown or empty names found")
	}
	if got := x.WithAttr("id"); len(got) != 2 {
		t.Errorf("WithAttr(id) = %d", len(got))
	}
	if got := x.WithAttr("b"); len(got) != 1 || got[0].Text() != "t" {
		t.Errorf("WithAttr(b) = %v", got)
	}
	if (Element{}).NewIndex().Len() != 0 {
		t.Error("index of nothing")
	}
	if len((Element{}).NewIndex().Named("x")) != 0 {
		t.Error("elements named in an index of nothing")
	}
}

// TestIndexNamedGroupsInDocumentOrder interleaves names so that grouping
// has to move elements, and checks each name's slice is its elements in
// document order and cannot be appended into its neighbour's.
func TestIndexNamedGroupsInDocumentOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("<r>")
	want := map[string][]string{}
	for i := range 300 {
		name := []string{"a", "b", "c", "a", "d"}[i%5]
		if i%7 == 0 {
			name = "e"
		}
		fmt.Fprintf(&b, "<%s n=%q/>", name, fmt.Sprint(i))
		want[name] = append(want[name], fmt.Sprint(i))
	}
	b.WriteString("</r>")
	doc, _, err := Parse([]byte(b.String()), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	defer doc.Free()
	x := doc.Root().NewIndex()
	for _, name := range []string{"b", "a", "e", "d", "c", "a"} { // asked in another order, one twice
		var got []string
		for _, e := range x.Named(name) {
			if e.LocalName() != name {
				t.Fatalf("Named(%s) holds a %s", name, e.LocalName())
			}
			v, _ := e.Attr("n")
			got = append(got, v)
		}
		if strings.Join(got, ",") != strings.Join(want[name], ",") {
			t.Errorf("Named(%s) = %v, want %v", name, got, want[name])
		}
	}
	for name := range want {
		_ = append(x.Named(name), Element{})
	}
	for name := range want {
		if els := x.Named(name); len(els) != len(want[name]) || els[0].LocalName() != name {
			t.Errorf("appending to a name's slice changed %s's", name)
		}
	}
}

// TestElementTableSize holds the table at 40 bytes per element: it is most
// of a message's memory once parsed (1.9 MB for a 5.5 MB declaration).
func TestElementTableSize(t *testing.T) {
	if elBytes != 40 {
		t.Errorf("an element takes %d bytes, want 40", elBytes)
	}
}
