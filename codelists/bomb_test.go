package codelists_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/customslint/customslint/codelists"
)

// writeBomb writes dir/RD_bomb.json.gz: head, then 1 GiB of fill, then
// tail, once inflated. The file is about a megabyte: one gzip member of
// 1 MiB of fill repeated (a .gz of several members is one stream).
func writeBomb(t testing.TB, dir string, head string, fill byte, tail string) string {
	t.Helper()
	member := func(p []byte) []byte {
		var b bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		if _, err := gz.Write(p); err != nil {
			t.Fatal(err)
		}
		if err := gz.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	fillMember := member(bytes.Repeat([]byte{fill}, 1<<20))
	var out bytes.Buffer
	out.Write(member([]byte(head)))
	for range 1024 {
		out.Write(fillMember)
	}
	out.Write(member([]byte(tail)))
	file := filepath.Join(dir, "RD_bomb.json.gz")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestLoadRefusesGzipBombs: a .json.gz that inflates to 1 GiB is refused
// with an error naming the file and the limit, or, when it does not start
// as JSON, at its first byte.
func TestLoadRefusesGzipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 256 MiB")
	}
	for _, c := range []struct {
		name, head string
		fill       byte
		tail, want string
		tooLarge   bool
	}{
		{"zeros", "", 0, "", "not JSON: starts with byte 0x00", false},
		{"blank array", "[", ' ', "]", "more than 256 MiB (inflated)", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeBomb(t, dir, c.head, c.fill, c.tail)
			_, warnings, err := codelists.Load(dir)
			if !c.tooLarge {
				// Not JSON at all: skipped with a warning naming the file.
				if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], file) || !strings.Contains(warnings[0], "skipped") {
					t.Fatalf("Load: %v, warnings %q; want the file skipped with a warning", err, warnings)
				}
				return
			}
			if err == nil {
				t.Fatal("Load accepted a gzip bomb")
			}
			if !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %s and %q", err, file, c.want)
			}
			if got := errors.Is(err, codelists.ErrTooLarge); got != c.tooLarge {
				t.Errorf("errors.Is(err, ErrTooLarge) = %v, want %v", got, c.tooLarge)
			}
		})
	}
}

// TestLoadSmallGzipLoads: a list read from .json.gz after it was counted.
func TestLoadSmallGzipLoads(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	gz.Write([]byte(`[{"code": "GB", "description": "United Kingdom"}]`))
	gz.Close()
	if err := os.WriteFile(filepath.Join(dir, "cds-x.json.gz"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, err := codelists.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if in, known := s.In("cds-x", "GB"); !in || !known {
		t.Errorf("cds-x GB: in %v, known %v", in, known)
	}
}

// TestLoadGzipBombPeakMemory loads a 1 GiB blank-array bomb in a child
// process and checks the child's peak RSS stays far below the 256 MiB the
// limit allows (and the 2.7 GB it once took): the inflated size is
// counted before anything is held.
func TestLoadGzipBombPeakMemory(t *testing.T) {
	if dir := os.Getenv("CUSTOMSLINT_BOMB_DIR"); dir != "" {
		_, _, err := codelists.Load(dir)
		if !errors.Is(err, codelists.ErrTooLarge) {
			t.Fatalf("want ErrTooLarge, got %v", err)
		}
		return
	}
	if testing.Short() {
		t.Skip("inflates 256 MiB")
	}
	dir := t.TempDir()
	writeBomb(t, dir, "[", ' ', "]")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadGzipBombPeakMemory$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CUSTOMSLINT_BOMB_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this platform")
	}
	peakMiB := ru.Maxrss >> 10 // KiB on Linux
	t.Logf("child peak RSS %d MiB", peakMiB)
	if peakMiB > 128 {
		t.Errorf("loading the bomb took %d MiB at peak: it is held in memory", peakMiB)
	}
}
