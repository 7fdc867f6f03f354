// Package readfile reads the messages of a folder run: a file whole, up to
// a size limit, or its first bytes.
//
// A run opens every file of a fixture folder once or twice (its head, to
// see whether it is a notification, then its bytes). os.Open registers
// each file with the runtime's poller, which a regular file refuses, and
// switches it between blocking modes: eight system calls to open and close
// a file before any byte is read (strace, Go 1.25 on Linux). On Linux and
// the other Unix systems this package opens a regular file with the three
// calls reading it needs (open, fstat, close beside the reads); elsewhere,
// and for anything but a regular file, it uses package os.
package readfile

import (
	"io"
	"os"
)

// Limited reads at most limit+1 bytes of the file at path (one byte over
// tells the caller the file is over the limit), into a buffer sized from
// its length.
func Limited(path string, limit int64) ([]byte, error) {
	if b, ok, err := limitedRaw(path, limit); ok {
		return b, err
	}
	return limitedOS(path, limit)
}

// Head reads the first len(buf) bytes of the file at path, fewer when it
// is shorter, and returns how many it read.
func Head(path string, buf []byte) (int, error) {
	if n, ok, err := headRaw(path, buf); ok {
		return n, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return n, err
}

// limitedOS is Limited through package os.
func limitedOS(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		size = st.Size() + 1 // +1 to see the end without another call
	}
	return readUpTo(f.Read, size, limit)
}

// readUpTo reads with read until EOF or limit+1 bytes, starting with a
// buffer of size bytes (at most limit+1) that grows if the file grew.
func readUpTo(read func([]byte) (int, error), size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit+1))
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: let append grow it
		}
		n, err := read(buf[len(buf):min(cap(buf), int(limit+1))])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}
