package main

import (
	"io"
	"os"
)

// readFile reads at most limit+1 bytes of a file (one more than the limit,
// so that the engine can tell the file is too large) into a buffer sized
// from the file's length: growing a buffer while reading would copy and
// clear megabytes of a large message several times over.
func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		size = st.Size() + 1 // +1 to see the end without another call
	}
	buf := make([]byte, 0, min(size, limit+1))
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: let append grow it
		}
		n, err := f.Read(buf[len(buf):min(cap(buf), int(limit+1))])
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
