package xsd

import (
	"fmt"
	"strings"
	"testing"
)

// benchDoc is a message-like document: 20,000 elements of 120 distinct
// names, nested three deep, a third with an attribute.
func benchDoc() []byte {
	var b strings.Builder
	b.WriteString(`<Root xmlns="urn:bench">`)
	for i := range 2000 {
		fmt.Fprintf(&b, `<Item%d seq="%d">`, i%40, i)
		for j := range 8 {
			fmt.Fprintf(&b, `<Field%d>v%d</Field%d>`, (i+j)%80, j, (i+j)%80)
		}
		fmt.Fprintf(&b, `<Amount currencyID="GBP">%d.00</Amount></Item%d>`, i, i%40)
	}
	b.WriteString(`</Root>`)
	return []byte(b.String())
}

// BenchmarkParseIndex parses a document, indexes it and asks the index
// for 60 names (a third absent) and an attribute, as the rules do.
func BenchmarkParseIndex(b *testing.B) {
	src := benchDoc()
	var names []string
	for i := range 60 {
		names = append(names, fmt.Sprintf("Field%d", i*2))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, _, err := Parse(src, false)
		if err != nil || d == nil {
			b.Fatal(err)
		}
		x := d.Root().NewIndex()
		n := 0
		for _, name := range names {
			n += x.Named(name).Len()
		}
		n += len(x.WithAttr("currencyID"))
		if n == 0 {
			b.Fatal("nothing found")
		}
		d.Free()
	}
}

// BenchmarkWalk visits every element of a parsed document with its name
// and asks each its text: the accessors' freed checks are on this path.
func BenchmarkWalk(b *testing.B) {
	d, _, err := Parse(benchDoc(), false)
	if err != nil || d == nil {
		b.Fatal(err)
	}
	defer d.Free()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		d.Root().Walk(func(e Element, local string) bool {
			if e.Is("Amount") {
				n += len(e.Text())
			}
			return true
		})
		if n == 0 {
			b.Fatal("no Amount")
		}
	}
}
