package xsd

import (
	"bytes"
	"io"
	"sync"
)

// Source is a document's bytes that a parse reads in pieces instead of
// holding them whole (a file: io.NewSectionReader(f, 0, size)). Positions
// and comments are read back from it when asked for, so it must stay
// readable, and unchanged, while the Document lives.
type Source interface {
	io.ReaderAt
	Size() int64
}

// source is what a Document was parsed from: bytes in memory, or a Source
// with checkpoints that bound the work of finding where a line starts.
type source struct {
	mem     []byte
	r       Source // nil when mem holds the document
	size    int
	memOnce sync.Once // checkpoints of mem, made on the first column asked
	bomOnce sync.Once // bom is known
	bom     bool      // the source starts with a UTF-8 byte order mark

	// Filled while the parser reads r: every cpEvery bytes, where the line
	// holding that offset starts and how many characters lie between.
	cps      []checkpoint
	read     int // bytes read so far (checkpoints cover them)
	curLine  int // where the line being read starts
	curRunes int // characters from curLine to read
}

type checkpoint struct {
	lineStart int // offset of the start of the line holding the checkpoint
	runes     int // characters from lineStart to the checkpoint
}

// cpEvery is the distance between checkpoints: a column costs reading at
// most this much, however long the line (the checkpoints cost 16 bytes
// each: 0.4% of the document).
const cpEvery = 4 << 10

func memSource(b []byte) *source { return &source{mem: b, size: len(b)} }

func readerSource(r Source) *source { return &source{r: r, size: int(r.Size())} }

// readAt fills p from offset off of a Source for the parser (bytes in
// memory go to libxml2 directly), recording checkpoints on the first pass;
// it returns the bytes read (0 at the end).
func (s *source) readAt(p []byte, off int) (int, error) {
	if off >= s.size {
		return 0, nil
	}
	n, err := s.r.ReadAt(p[:min(len(p), s.size-off)], int64(off))
	if err == io.EOF {
		err = nil
	}
	if off == s.read {
		s.track(p[:n])
	}
	return n, err
}

// track advances the line state over b, the next bytes of the source,
// recording a checkpoint at each multiple of cpEvery.
func (s *source) track(b []byte) {
	for len(b) > 0 {
		if s.read%cpEvery == 0 && len(s.cps) == s.read/cpEvery {
			s.cps = append(s.cps, checkpoint{s.curLine, s.curRunes})
		}
		piece := b[:min(len(b), cpEvery-s.read%cpEvery)]
		if i := lastLineEnd(piece); i >= 0 {
			s.curLine, s.curRunes = s.read+i+1, chars(piece[i+1:])
		} else {
			s.curRunes += chars(piece)
		}
		s.read += len(piece)
		b = b[len(piece):]
	}
}

// bytes returns the source's bytes from..to (clipped to the source); a
// short read returns what it got.
func (s *source) bytes(from, to int) []byte {
	from, to = max(from, 0), min(to, s.size)
	if from >= to {
		return nil
	}
	if s.r == nil {
		return s.mem[from:to]
	}
	b := make([]byte, to-from)
	n, _ := s.r.ReadAt(b, int64(from))
	return b[:n]
}

// lastIndex returns the offset of the last pat that ends at or before
// end, -1 when there is none; it reads backwards in growing windows.
func (s *source) lastIndex(end int, pat []byte) int {
	if s.r == nil {
		return bytes.LastIndex(s.mem[:min(end, len(s.mem))], pat)
	}
	for w := 4 << 10; ; w *= 4 {
		from := max(end-w, 0)
		if i := bytes.LastIndex(s.bytes(from, end), pat); i >= 0 {
			return from + i
		}
		if from == 0 {
			return -1
		}
	}
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// lineStart returns where the line holding off starts, and the number of
// characters from there to off. Line 1 starts after a UTF-8 byte order
// mark, which is no character of the document (libxml2 counts its columns
// from there too).
func (s *source) lineStart(off int) (start, runes int) {
	start, runes = s.rawLineStart(off)
	if start == 0 && off >= len(utf8BOM) && s.hasBOM() {
		return len(utf8BOM), runes - 1
	}
	return start, runes
}

// hasBOM reports whether the source starts with a UTF-8 byte order mark.
func (s *source) hasBOM() bool {
	s.bomOnce.Do(func() { s.bom = bytes.HasPrefix(s.bytes(0, len(utf8BOM)), utf8BOM) })
	return s.bom
}

// rawLineStart is lineStart counting a byte order mark as a character.
func (s *source) rawLineStart(off int) (start, runes int) {
	off = min(max(off, 0), s.size)
	if s.r == nil {
		// In memory the line usually starts close by.
		from := max(off-cpEvery, 0)
		b := s.mem[from:off]
		if i := lastLineEnd(b); i >= 0 {
			return from + i + 1, chars(b[i+1:])
		}
		if from == 0 {
			return 0, chars(b)
		}
		// A long line: without checkpoints each column would cost the
		// line, and a one-line message with many findings the square.
		s.memOnce.Do(func() { s.track(s.mem) })
	}
	k := off / cpEvery
	if k >= len(s.cps) {
		return 0, 0 // a part the parser did not read: no document there
	}
	b := s.bytes(k*cpEvery, off)
	if i := lastLineEnd(b); i >= 0 {
		return k*cpEvery + i + 1, chars(b[i+1:])
	}
	return s.cps[k].lineStart, s.cps[k].runes + chars(b)
}

// chars counts the characters of UTF-8 bytes: the bytes that do not
// continue a sequence, so that counts of pieces add up whatever the cut.
func chars(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// lastLineEnd is the offset of the last '\n' or '\r' in b, -1 if none.
func lastLineEnd(b []byte) int {
	return max(bytes.LastIndexByte(b, '\n'), bytes.LastIndexByte(b, '\r'))
}
