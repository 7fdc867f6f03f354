package readfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func write(t *testing.T, n int) (string, []byte) {
	t.Helper()
	b := bytes.Repeat([]byte("<a>x</a>\n"), n/9+1)[:n]
	p := filepath.Join(t.TempDir(), "f.xml")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, b
}

func TestLimited(t *testing.T) {
	for _, tc := range []struct {
		size  int
		limit int64
		want  int // bytes returned
	}{
		{0, 100, 0}, {1, 100, 1}, {100, 100, 100}, {101, 100, 101}, {5000, 100, 101}, {200 << 10, 1 << 20, 200 << 10},
	} {
		p, b := write(t, tc.size)
		for name, read := range map[string]func(string, int64) ([]byte, error){"Limited": Limited, "os": limitedOS} {
			got, err := read(p, tc.limit)
			if err != nil {
				t.Fatalf("%s size %d: %v", name, tc.size, err)
			}
			if !bytes.Equal(got, b[:tc.want]) {
				t.Errorf("%s size %d limit %d: %d bytes, want %d", name, tc.size, tc.limit, len(got), tc.want)
			}
		}
	}
}

func TestHead(t *testing.T) {
	p, b := write(t, 10000)
	for _, n := range []int{0, 1, 8192, 10000, 20000} {
		buf := make([]byte, n)
		got, err := Head(p, buf)
		if err != nil || got != min(n, len(b)) || !bytes.Equal(buf[:got], b[:got]) {
			t.Errorf("Head %d: %d, %v", n, got, err)
		}
	}
}

// TestErrors: a missing file and a folder give package os's errors; a
// device is read through package os.
func TestErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.xml")
	if _, err := Limited(missing, 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v, want not exist", err)
	}
	if _, err := Head(missing, make([]byte, 4)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing head: %v", err)
	}
	if _, err := Limited(t.TempDir(), 10); err == nil {
		t.Error("a folder: no error")
	}
	if runtime.GOOS == "linux" {
		if b, err := Limited("/dev/null", 10); err != nil || len(b) != 0 {
			t.Errorf("/dev/null: %q, %v", b, err)
		}
	}
}
