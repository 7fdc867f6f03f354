//go:build unix

package readfile

import (
	"io"
	"io/fs"
	"syscall"
)

// openRegular opens path for reading with the system calls alone; ok is
// false, and nothing is open, when it is not a regular file (a FIFO, a
// device: package os reads those) or fstat fails. A failed open is
// reported as os.Open reports it.
func openRegular(path string) (fd int, size int64, ok bool, err error) {
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return -1, 0, true, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return -1, 0, false, nil
	}
	return fd, st.Size, true, nil
}

// reader reads fd as io.Reader does, retrying a read a signal interrupted.
func reader(fd int, path string) func([]byte) (int, error) {
	return func(b []byte) (int, error) {
		if len(b) == 0 {
			return 0, nil
		}
		for {
			n, err := syscall.Read(fd, b)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return 0, &fs.PathError{Op: "read", Path: path, Err: err}
			case n == 0:
				return 0, io.EOF
			}
			return n, nil
		}
	}
}

func limitedRaw(path string, limit int64) ([]byte, bool, error) {
	fd, size, ok, err := openRegular(path)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer syscall.Close(fd)
	if size <= 0 {
		size = 512
	} else {
		size++ // +1 to see the end without another call
	}
	b, err := readUpTo(reader(fd, path), size, limit)
	return b, true, err
}

func headRaw(path string, buf []byte) (int, bool, error) {
	fd, _, ok, err := openRegular(path)
	if !ok || err != nil {
		return 0, ok, err
	}
	defer syscall.Close(fd)
	read := reader(fd, path)
	n := 0
	for n < len(buf) {
		k, err := read(buf[n:])
		n += k
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, true, err
		}
	}
	return n, true, nil
}
