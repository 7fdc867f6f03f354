package xsd_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// TestBOMIsNoColumn: a UTF-8 byte order mark is no character: line 1's
// columns count from after it, in memory and from a Source, for element
// positions and validity errors.
func TestBOMIsNoColumn(t *testing.T) {
	s := compileOrder(t)
	const doc = `<Order xmlns="urn:test:order"><ID>TOOLONG</ID><Item seq="1"><Qty>1</Qty></Item></Order>`
	type result struct {
		line, col, errLine, errCol int
	}
	run := func(src []byte, source bool) result {
		var d *xsd.Document
		var verrs []xsd.Error
		var err error
		if source {
			d, _, verrs, err = split(fromSource(context.Background(), bytes.NewReader(src), s))
		} else {
			d, _, verrs, err = split(withSchema(context.Background(), src, s))
		}
		if err != nil || d == nil || len(verrs) != 1 {
			t.Fatalf("parse: %v, %v", err, verrs)
		}
		defer d.Free()
		id := d.Root().FirstChild()
		line, col := id.Position()
		return result{line, col, verrs[0].Line, verrs[0].Column}
	}
	want := result{1, 31, 1, 31}
	for _, source := range []bool{false, true} {
		if got := run([]byte(doc), source); got != want {
			t.Errorf("source %v, no BOM: %+v, want %+v", source, got, want)
		}
		if got := run(append([]byte("\xEF\xBB\xBF"), doc...), source); got != want {
			t.Errorf("source %v, BOM: %+v, want %+v", source, got, want)
		}
	}
}
