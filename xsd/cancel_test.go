package xsd_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/customslint/customslint/internal/memtest"
	"github.com/customslint/customslint/xsd"
)

// manyErrors is an order with n items, each with two validity errors (a
// quantity of 0, a country outside the long enumeration): parsing and
// validating 200,000 of them takes libxml2 and the Go side seconds.
func manyErrors(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<Order xmlns="urn:test:order"><ID>A</ID>` + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<Item seq=\"%d\"><Qty>0</Qty><Country>X</Country></Item>\n", i+1)
	}
	b.WriteString("</Order>")
	return b.Bytes()
}

// watchdog fails the test when f has not returned by a deadline far past
// the context's: a guard against a stage that ignores its context, not a
// speed measurement.
func watchdog(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after a 100 ms deadline")
	}
}

// TestDeadlineStopsParsingAndValidating: a document that takes seconds to
// parse and validate, under a 100 ms deadline, stops with the context's
// error, in memory, from a Source, and in a second validation pass.
func TestDeadlineStopsParsingAndValidating(t *testing.T) {
	s := compileOrder(t)
	src := manyErrors(200000)
	doc := parse(t, string(src))
	cases := map[string]func(ctx context.Context) error{
		"ParseDocument in memory": func(ctx context.Context) error {
			r, err := withSchema(ctx, src, s)
			r.Doc.Free()
			return err
		},
		"ParseDocument from a Source": func(ctx context.Context) error {
			r, err := fromSource(ctx, bytes.NewReader(src), s)
			r.Doc.Free()
			return err
		},
		"ValidateContext": func(ctx context.Context) error {
			_, err := s.ValidateContext(ctx, doc)
			return err
		},
		"ValidateElementContext": func(ctx context.Context) error {
			_, err := s.ValidateElementContext(ctx, doc, doc.Root())
			return err
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			watchdog(t, func() {
				if err := f(ctx); !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("error %v, want one wrapping context.DeadlineExceeded", err)
				}
			})
		})
	}
}

// cancelSource is a Source that cancels its context once the parser has
// read past at: a cancellation in the middle of a pass, without timing.
type cancelSource struct {
	*bytes.Reader
	at     int64
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelSource) ReadAt(p []byte, off int64) (int, error) {
	if off >= c.at {
		c.once.Do(c.cancel)
	}
	return c.Reader.ReadAt(p, off)
}

// TestCancelInTheMiddleOfAPass: cancelling while the parser reads stops
// the pass with context.Canceled, parsing only or validating too, and no
// document comes back.
func TestCancelInTheMiddleOfAPass(t *testing.T) {
	s := compileOrder(t)
	src := manyErrors(2000)
	for _, schema := range []*xsd.Schema{nil, s} {
		ctx, cancel := context.WithCancel(context.Background())
		r := &cancelSource{Reader: bytes.NewReader(src), at: int64(len(src) / 2), cancel: cancel}
		d, perrs, verrs, err := split(fromSource(ctx, r, schema))
		if !errors.Is(err, context.Canceled) || d != nil || perrs != nil || verrs != nil {
			t.Errorf("schema %v: doc %v, %d parse and %d validity errors, error %v; want only context.Canceled", schema != nil, d != nil, len(perrs), len(verrs), err)
		}
	}
}

// TestCancelledContextIsNotParsed: every entry point refuses a context
// already done.
func TestCancelledContextIsNotParsed(t *testing.T) {
	s := compileOrder(t)
	src := []byte(`<Order xmlns="urn:test:order"><ID>A</ID><Item seq="1"><Qty>1</Qty></Item></Order>`)
	doc := parse(t, string(src))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]func() error{
		"ParseDocument": func() error {
			_, err := xsd.ParseDocument(ctx, xsd.Input{Data: src})
			return err
		},
		"ParseDocument with a schema": func() error {
			_, err := withSchema(ctx, src, s)
			return err
		},
		"ParseDocument from a Source": func() error {
			_, err := fromSource(ctx, bytes.NewReader(src), nil)
			return err
		},
		"ValidateContext": func() error { _, err := s.ValidateContext(ctx, doc); return err },
	}
	for name, f := range calls {
		if err := f(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error %v, want context.Canceled", name, err)
		}
	}
	// The same calls without a deadline still work.
	if d, _, verrs, err := split(withSchema(context.Background(), src, s)); err != nil || d == nil || len(verrs) != 0 {
		t.Errorf("background context: doc %v, %v, %v", d != nil, verrs, err)
	} else {
		d.Free()
	}
}

// gateFS is a file system whose files cannot be opened until release is
// closed: a compilation that takes as long as the test wants.
type gateFS struct {
	fs.FS
	release chan struct{}
}

func (g gateFS) Open(name string) (fs.File, error) {
	<-g.release
	return g.FS.Open(name)
}

// TestCacheWaitEndsAtTheDeadline: a caller waiting for a compilation
// returns when its context ends; the compilation still completes for the
// callers after it.
func TestCacheWaitEndsAtTheDeadline(t *testing.T) {
	c := xsd.NewCache()
	defer c.Close()
	g := gateFS{FS: fstest.MapFS{
		"order.xsd":        {Data: []byte(orderSchema)},
		"types/common.xsd": {Data: []byte(fmt.Sprintf(commonSchema, countries()))},
	}, release: make(chan struct{})}
	b := xsd.FSBundle(t.Name(), g)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	watchdog(t, func() {
		if _, err := c.Get(ctx, b, "order.xsd"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Get while compiling, past the deadline: %v", err)
		}
	})
	close(g.release)
	s, err := c.Get(context.Background(), b, "order.xsd")
	if err != nil || s == nil {
		t.Fatalf("Get after: %v", err)
	}
	// Once compiled, a done context still gets the schema, every time.
	done, stop := context.WithCancel(context.Background())
	stop()
	for i := range 100 {
		if got, err := c.Get(done, b, "order.xsd"); got != s || err != nil {
			t.Fatalf("Get %d with a done context after the compilation: %v, %v", i, got, err)
		}
	}
}

// TestCancelledPassesFreeEverything: passes stopped half way (parser,
// validation context, a half-built element table) leave the resident set
// flat.
func TestCancelledPassesFreeEverything(t *testing.T) {
	s := compileOrder(t)
	var b strings.Builder
	b.WriteString(`<Order xmlns="urn:test:order"><ID>A</ID>`)
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, `<Item seq="%d"><Qty>%d</Qty><Country>C%03d</Country></Item>`, i+1, i%3, i%300)
	}
	b.WriteString(`</Order>`)
	src := []byte(b.String())
	round := func(n int) {
		for i := 0; i < n; i++ {
			ctx, cancel := context.WithCancel(context.Background())
			r := &cancelSource{Reader: bytes.NewReader(src), at: int64(len(src) / 2), cancel: cancel}
			var schema *xsd.Schema
			if i%2 == 0 {
				schema = s
			}
			if _, err := fromSource(ctx, r, schema); !errors.Is(err, context.Canceled) {
				t.Fatalf("round %d: %v", i, err)
			}
		}
	}
	// One leaked table or validation context is tens of KiB a round:
	// hundreds of MiB over the rounds.
	memtest.Flat(t, 16<<10, func() { round(200) }, func() { round(3000) })
}

// TestDeadlineLeavesShortDocumentsAlone: a deadline far away changes
// nothing: same errors as without one.
func TestDeadlineLeavesShortDocumentsAlone(t *testing.T) {
	s := compileOrder(t)
	src := manyErrors(50)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	d1, _, v1, err1 := split(withSchema(ctx, src, s))
	d2, _, v2, err2 := split(withSchema(context.Background(), src, s))
	defer d1.Free()
	defer d2.Free()
	if err1 != nil || err2 != nil || len(v1) != 100 || fmt.Sprint(v1) != fmt.Sprint(v2) {
		t.Fatalf("with deadline %d errors (%v), without %d (%v)", len(v1), err1, len(v2), err2)
	}
	if !strings.Contains(v1[0].Path, "/Order/Item[1]/Qty") {
		t.Errorf("first error at %s", v1[0].Path)
	}
}
