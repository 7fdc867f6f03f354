package xsd_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/memtest"
	"github.com/customslint/customslint/xsd"
)

// TestRSSStaysFlat parses and validates 10,000 documents (valid, invalid and
// not well-formed) and requires the resident set to stay flat: every C
// object (document, parser and validation contexts, error strings) is freed.
func TestRSSStaysFlat(t *testing.T) {
	s := compileOrder(t)
	var b strings.Builder
	b.WriteString(`<Order xmlns="urn:test:order"><ID>TOOLONG</ID>`)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, `<Item seq="%d"><Qty>%d</Qty><Country>C%03d</Country></Item>`, i+1, i%3, i)
	}
	b.WriteString(`</Order>`)
	docs := [][]byte{[]byte(b.String()), []byte(`<Order xmlns="urn:test:order"><ID>A</ID><Item seq="1"><Qty>1</Qty></Item></Order>`), []byte(`<Order><unclosed></Order>`)}
	round := func(n int) {
		for i := 0; i < n; i++ {
			d, _, err := xsd.Parse(docs[i%len(docs)], false)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				continue
			}
			if _, err := s.Validate(d); err != nil {
				t.Fatal(err)
			}
			d.Free()
		}
	}
	// A leaked document alone would be tens of KiB per iteration (hundreds of
	// MiB in all); allocator noise is a few MiB.
	memtest.Flat(t, 16<<10, func() { round(1000) }, func() { round(10000) })
}
