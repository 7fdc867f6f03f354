package validate_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/memtest"
	"github.com/customslint/customslint/validate"
)

// smallMessages are the project's small example messages of each family
// (checked with the embedded schemas and every rule), plus broken input.
func smallMessages(t testing.TB) [][]byte {
	var out [][]byte
	for _, f := range []string{
		"cds/goods-presentation-gpr.xml", "cds/cancellation-inv.xml", "cds/notification-dmsacc.xml",
		"ctc-p6/cc014c.xml", "ctc-p6/cc007c.xml", "ctc-p4/cc014a.xml",
	} {
		b, err := os.ReadFile("../testdata/messages/" + f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return append(out, []byte("<a><b></a>"), []byte(""), []byte(`{"n1:CC014C": {"messageType": 1}}`))
}

// TestConcurrentEngine: 8 goroutines share one engine (embedded schemas,
// every rule) for 10,000 checks each; every report equals the one the
// message gets alone. Run under -race in CI.
func TestConcurrentEngine(t *testing.T) {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	msgs := smallMessages(t)
	want := make([]validate.FileReport, len(msgs))
	for i, m := range msgs {
		if want[i], err = eng.Check(context.Background(), "m", m); err != nil {
			t.Fatal(err)
		}
	}
	n := 10000
	if testing.Short() {
		n = 500
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				k := (g*7 + i) % len(msgs)
				got, err := eng.Check(context.Background(), "m", msgs[k])
				if err != nil || !cmp.Equal(got, want[k]) {
					errs <- fmt.Errorf("goroutine %d check %d (message %d): %v %s", g, i, k, err, cmp.Diff(want[k], got))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestEngineRSSFlatOver100000Checks: the resident memory after 100,000
// checks (embedded schemas, every rule, XML and JSON, valid and broken) is
// what it was after 10,000: nothing leaks, in Go or in C.
func TestEngineRSSFlatOver100000Checks(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 checks")
	}
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	msgs := smallMessages(t)
	round := func(n int) {
		for i := range n {
			if _, err := eng.Check(context.Background(), "m", msgs[i%len(msgs)]); err != nil {
				t.Fatal(err)
			}
		}
	}
	memtest.Flat(t, 16<<10, func() { round(10000) }, func() { round(90000) })
}
