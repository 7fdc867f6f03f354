package xsd_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// TestMaxErrors: beyond the limit errors are counted by level, the first of
// them located, in every way of validating; without a limit all are kept.
func TestMaxErrors(t *testing.T) {
	s := compileOrder(t)
	var b strings.Builder
	b.WriteString(`<Order xmlns="urn:test:order" xmlns:u="urn:u"><ID>A</ID>` + "\n")
	const n = 50
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<Item seq=\"%d\"><Qty>0</Qty></Item>\n", i+1)
	}
	b.WriteString("</Order>")
	src := []byte(b.String())
	for _, limit := range []int{1, 10, n - 1, n, n + 1, 0} {
		var o xsd.Omitted
		opt := xsd.MaxErrors(limit, &o)
		d := parse(t, b.String())
		byValidate, err := s.Validate(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		var o2 xsd.Omitted
		d2, _, inPass, err := split(withSchema(context.Background(), src, s, xsd.MaxErrors(limit, &o2)))
		if err != nil {
			t.Fatal(err)
		}
		d2.Free()
		keep := n
		if limit > 0 {
			keep = min(limit, n)
		}
		for _, c := range []struct {
			errs []xsd.Error
			o    xsd.Omitted
		}{{byValidate, o}, {inPass, o2}} {
			if len(c.errs) != keep || c.o.Validity.Errors != n-keep || c.o.Validity.Warnings != 0 || c.o.Parser.N() != 0 {
				t.Fatalf("limit %d: kept %d, omitted %+v", limit, len(c.errs), c.o)
			}
			if keep < n {
				first := c.o.Validity.First
				if first.Line != keep+2 || first.Path != fmt.Sprintf("/Order/Item[%d]/Qty", keep+1) {
					t.Errorf("limit %d: first omitted %+v", limit, first)
				}
			}
		}
	}
}

// TestMaxErrorsOfTheParser: recoverable parser errors (namespace errors)
// are limited too.
func TestMaxErrorsOfTheParser(t *testing.T) {
	src := "<r>" + strings.Repeat("<u:x/>\n", 30) + "</r>"
	_, all, err := xsd.Parse([]byte(src), false)
	if err != nil || len(all) != 30 {
		t.Fatalf("without a limit: %d errors, %v", len(all), err)
	}
	var o xsd.Omitted
	d, errs, err := xsd.Parse([]byte(src), false, xsd.MaxErrors(4, &o))
	if err != nil {
		t.Fatal(err)
	}
	if d != nil {
		d.Free()
	}
	if len(errs) != 4 || o.Parser.N() != 26 || o.Parser.First.Line != 5 {
		t.Fatalf("kept %d, omitted %+v", len(errs), o.Parser)
	}
}
