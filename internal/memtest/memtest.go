// Package memtest measures the resident memory of the test process, for
// tests that prove C memory is freed.
package memtest

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// RSSKiB returns the resident set size of this process in KiB, after a
// garbage collection that returns free memory to the OS.
func RSSKiB(t testing.TB) int {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
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

// Flat runs warm once, measures RSS, runs round, measures again, and fails
// the test when RSS grew by more than limitKiB.
func Flat(t testing.TB, limitKiB int, warm, round func()) {
	t.Helper()
	warm()
	before := RSSKiB(t)
	round()
	after := RSSKiB(t)
	t.Logf("RSS before %d KiB, after %d KiB", before, after)
	if after-before > limitKiB {
		t.Fatalf("RSS grew by %d KiB (limit %d KiB): memory is leaking", after-before, limitKiB)
	}
}
