package xsd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"
)

// churn parses and keeps documents whose names have the lengths of the
// freed document's but other letters, so that the allocator hands its
// freed dictionary and tables out again; the caller frees them.
func churn(t *testing.T, n int) []*Document {
	t.Helper()
	var docs []*Document
	for i := range n {
		src := fmt.Sprintf(`<zzzzz xmlns="urn:qqq%d" www="9"><!--xxxxxxx--><vvvv kk="%d">tttttttt</vvvv><uuuu/></zzzzz>`, i%10, i)
		d, _, err := Parse([]byte(src), false)
		if err != nil || d == nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// readEach copies s a byte at a time, through a byte slice: under -asan
// each such load is checked, where loads from a string, and the runtime's
// string compare and copy, are not.
func readEach(s string) string {
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	b := make([]byte, len(s))
	//lint:ignore S1001 a byte at a time on purpose: -asan checks each load, not copy's
	for i := range src {
		b[i] = src[i]
	}
	return string(b)
}

// mustPanicFreed runs f and requires it to panic with ErrFreed.
func mustPanicFreed(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		err, ok := r.(error)
		if !ok || !errors.Is(err, ErrFreed) {
			t.Errorf("%s after Free: panic %v, want ErrFreed", what, r)
		}
	}()
	f()
}

// TestNamesOutliveFree takes every name and string the API hands out,
// and an index's keys, frees the document, reuses its memory and checks
// that every value is intact, and that every use of the freed document
// fails with ErrFreed instead of reading freed memory. Under -asan a read
// of freed C memory stops the test.
func TestNamesOutliveFree(t *testing.T) {
	doc, _, err := Parse([]byte(`<alpha xmlns="urn:aaa" one="1"><!--comment--><beta two="2">text</beta><gama/></alpha>`), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	root := doc.Root()
	beta := root.FirstChild()
	x := root.NewIndex()
	named := x.Named("beta") // groups: the keys are made here
	if named.Len() != 1 {
		t.Fatal("Named(beta)")
	}
	var walked []string
	root.Walk(func(_ Element, local string) bool { walked = append(walked, local); return true })
	attrs := beta.Attrs()
	kept := []string{root.LocalName(), root.Namespace(), beta.Path(), beta.Text(), doc.Comments("")[0].Text}
	wantKept := []string{"alpha", "urn:aaa", "/alpha/beta", "text", "comment"}

	doc.Free()
	doc.Free() // twice is fine
	others := churn(t, 200)
	defer func() {
		for _, d := range others {
			d.Free()
		}
	}()

	if !slices.Equal(kept, wantKept) {
		t.Errorf("strings taken before Free: %q, want %q", kept, wantKept)
	}
	if !slices.Equal(walked, []string{"beta", "gama"}) {
		t.Errorf("Walk names: %q", walked)
	}
	if len(attrs) != 1 || attrs[0] != (Attr{Name: "two", Value: "2"}) {
		t.Errorf("Attrs: %+v", attrs)
	}
	var keys []string
	for k := range x.byName {
		keys = append(keys, readEach(k))
	}
	slices.Sort(keys)
	if want := []string{"alpha", "beta", "gama"}; !slices.Equal(keys, want) {
		t.Errorf("index keys after Free: %q, want %q", keys, want)
	}

	mustPanicFreed(t, "Index.Named", func() { x.Named("beta") })
	mustPanicFreed(t, "Index.WithAttr", func() { x.WithAttr("two") })
	mustPanicFreed(t, "an element of Index.Named", func() { named.At(0).LocalName() })
	mustPanicFreed(t, "Root", func() { doc.Root() })
	mustPanicFreed(t, "Comments", func() { doc.Comments("") })
	for name, f := range map[string]func(Element){
		"LocalName":          func(e Element) { e.LocalName() },
		"Namespace":          func(e Element) { e.Namespace() },
		"Is":                 func(e Element) { e.Is("beta") },
		"Text":               func(e Element) { e.Text() },
		"Attr":               func(e Element) { e.Attr("two") },
		"Attrs":              func(e Element) { e.Attrs() },
		"Path":               func(e Element) { e.Path() },
		"Line":               func(e Element) { e.Line() },
		"Position":           func(e Element) { e.Position() },
		"FirstChild":         func(e Element) { e.FirstChild() },
		"Next":               func(e Element) { e.Next() },
		"Parent":             func(e Element) { e.Parent() },
		"Child":              func(e Element) { e.Child("", "x") },
		"ChildByLocalName":   func(e Element) { e.ChildByLocalName("x") },
		"HasElementChildren": func(e Element) { e.HasElementChildren() },
		"NewIndex":           func(e Element) { e.NewIndex() },
		"Walk":               func(e Element) { e.Walk(func(Element, string) bool { return true }) },
	} {
		mustPanicFreed(t, name, func() { f(beta) })
	}
	if doc.Len() != 0 {
		t.Errorf("Len after Free: %d", doc.Len())
	}
}

// TestFreeDuringWalk: a Walk whose callback frees the document stops with
// ErrFreed at the next element.
func TestFreeDuringWalk(t *testing.T) {
	doc, _, err := Parse([]byte(`<r><a><b/></a><c/><d/></r>`), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	var seen []string
	mustPanicFreed(t, "Walk", func() {
		doc.Root().Walk(func(_ Element, local string) bool {
			seen = append(seen, local)
			if local == "b" {
				doc.Free()
			}
			return true
		})
	})
	if !slices.Equal(seen, []string{"a", "b"}) {
		t.Errorf("visited %q, want a and b", seen)
	}
}

// TestValidateFreedDocument: validation of a freed document is an error,
// not a read of freed memory.
func TestValidateFreedDocument(t *testing.T) {
	b := FSBundle(t.Name(), fstest.MapFS{"s.xsd": {Data: []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="r"/></xs:schema>`)}})
	s, err := Compile(context.Background(), b, "s.xsd")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc, _, err := Parse([]byte(`<r/>`), false)
	if err != nil || doc == nil {
		t.Fatal(err)
	}
	doc.Free()
	if _, err := s.Validate(doc); !errors.Is(err, ErrFreed) || !strings.Contains(err.Error(), "validate") {
		t.Errorf("Validate of a freed document: %v", err)
	}
}
