package xsd

import (
	"fmt"
	"reflect"
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
	if x.Len() != 6 {
		t.Errorf("Len %d, want 6 (the root and its 5 descendants)", x.Len())
	}
	var ids []string
	for _, e := range x.Named("x").All() {
		v, _ := e.Attr("id")
		ids = append(ids, v)
	}
	if strings.Join(ids, ",") != "1,2," {
		t.Errorf("Named(x) ids %q", ids)
	}
	if r := x.Named("r"); r.Len() != 1 || r.At(0) != doc.Root() {
		t.Errorf("the indexed element itself: %d", r.Len())
	}
	if x.Named("nothing").Len() != 0 || x.Named("").Len() != 0 {
		t.Error("unknown or empty names found")
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
	if (Element{}).NewIndex().Named("x").Len() != 0 {
		t.Error("elements named in an index of nothing")
	}
}

// TestIndexNamedGroupsInDocumentOrder interleaves names so that grouping
// has to move elements, and checks each name's list is its elements in
// document order, whichever way it is read.
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
		els := x.Named(name)
		for k, e := range els.All() {
			if e != els.At(k) {
				t.Fatalf("Named(%s): All and At disagree at %d", name, k)
			}
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
		if els := x.Named(name); els.Len() != len(want[name]) {
			t.Errorf("Named(%s).Len() = %d, want %d", name, els.Len(), len(want[name]))
		}
	}
	// A loop that stops early stops the list.
	n := 0
	for range x.Named("a").All() {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("stopped after %d", n)
	}
}

// TestElementTableSize holds the table at 36 bytes per element: it is most
// of a message's memory once parsed (1.7 MB for a 5.5 MB declaration).
func TestElementTableSize(t *testing.T) {
	if elBytes != 36 {
		t.Errorf("an element takes %d bytes, want 36", elBytes)
	}
}

// TestAttrsEndAtTheNextElement: an element's attributes run to the next
// element's first (the table keeps no count), the last element's to the
// end of the attributes.
func TestAttrsEndAtTheNextElement(t *testing.T) {
	doc, _, err := Parse([]byte(`<r a="1"><x b="2"><w/></x><y/><z c="3" d="4"/></r>`), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	defer doc.Free()
	want := map[string]string{"x": "b=2", "w": "", "y": "", "z": "c=3 d=4"}
	got := map[string]string{}
	if a := doc.Root().Attrs(); len(a) != 1 || a[0].Name != "a" {
		t.Errorf("root attributes %v", a)
	}
	doc.Root().Walk(func(el Element, local string) bool {
		var s []string
		for _, a := range el.Attrs() {
			s = append(s, a.Name+"="+a.Value)
		}
		got[local] = strings.Join(s, " ")
		return true
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("attributes %v, want %v", got, want)
	}
	if v, ok := doc.Root().ChildByLocalName("z").Attr("d"); !ok || v != "4" {
		t.Errorf("z's d = %q %v", v, ok)
	}
	if _, ok := doc.Root().ChildByLocalName("y").Attr("c"); ok {
		t.Error("y has z's attribute")
	}
}
