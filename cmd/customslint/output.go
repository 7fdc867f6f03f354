package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// reportFile is a report written to a temporary file beside its
// destination and moved into place only when complete, so that a run that
// fails or is killed leaves the previous report as it was (at worst with
// a stray .NAME.*.tmp beside it). A destination that exists and is not a
// regular file (/dev/null, a pipe) is written directly.
type reportFile struct {
	f    *os.File
	dest string // the destination, symbolic links resolved
	tmp  string // "" when writing directly
}

// createReport opens the temporary file for the report destined for dest.
func createReport(dest string) (*reportFile, error) {
	if resolved, err := filepath.EvalSymlinks(dest); err == nil {
		dest = resolved
	}
	mode := os.FileMode(0o666) &^ umask()
	if st, err := os.Stat(dest); err == nil {
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				return nil, err
			}
			return &reportFile{f: f, dest: dest}, nil
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", dest, err)
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("report %s: %w", dest, err)
	}
	return &reportFile{f: f, dest: dest, tmp: f.Name()}, nil
}

// Write writes to the temporary file.
func (r *reportFile) Write(p []byte) (int, error) { return r.f.Write(p) }

// errKept says that an interrupted run left the previous report in place.
var errKept = errors.New("the run was interrupted: the previous report was kept")

// commit moves the complete report into place. With replace false (an
// interrupted run) it never replaces a report already there: it returns
// errKept and removes its own; where there was none, the report, marked
// incomplete, takes its place.
func (r *reportFile) commit(replace bool) error {
	if r.tmp == "" {
		return r.f.Close()
	}
	err := r.f.Sync()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(r.tmp)
		return fmt.Errorf("report %s: %w", r.dest, err)
	}
	if replace {
		err = os.Rename(r.tmp, r.dest)
	} else {
		// A hard link does not replace an existing file: no window in
		// which another run's report could be overwritten.
		err = os.Link(r.tmp, r.dest)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// No hard links here: rename when nothing is there.
			switch _, serr := os.Lstat(r.dest); {
			case errors.Is(serr, fs.ErrNotExist):
				err = os.Rename(r.tmp, r.dest)
			case serr == nil:
				err = errKept
			}
		}
		if errors.Is(err, fs.ErrExist) {
			err = errKept
		}
		os.Remove(r.tmp)
	}
	if err != nil && err != errKept {
		os.Remove(r.tmp)
		return fmt.Errorf("report %s: %w", r.dest, err)
	}
	return err
}

// abort drops the temporary file; the previous report stays.
func (r *reportFile) abort() {
	r.f.Close()
	if r.tmp != "" {
		os.Remove(r.tmp)
	}
}

// umask is the process's file mode creation mask (Linux reports it in
// /proc/self/status), 022 where it cannot be read.
func umask() os.FileMode {
	data, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return os.FileMode(n) & 0o777
				}
			}
		}
	}
	return 0o022
}
