package xsd_test

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// rssKiB reads the resident set size of this process from /proc.
func rssKiB(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatalf("read RSS: %v (this test needs Linux /proc)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.Fields(rest)[0])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

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
	round(1000) // warm up allocator pools
	settle()
	before := rssKiB(t)
	round(10000)
	settle()
	after := rssKiB(t)
	t.Logf("RSS before %d KiB, after 10,000 documents %d KiB", before, after)
	// A leaked document alone would be tens of KiB per iteration (hundreds of
	// MiB in all); allocator noise is a few MiB.
	if growth := after - before; growth > 16<<10 {
		t.Fatalf("RSS grew by %d KiB over 10,000 documents: C memory is leaking", growth)
	}
}
