package validate

import (
	"fmt"
	"strings"
	"testing"
)

// attrsTag is a start tag with n attributes, namespace declarations and
// xsi: attributes among them, and values holding '=' and '>'.
func attrsTag(name string, n int) string {
	var b strings.Builder
	b.WriteString("<" + name)
	for i := 0; i < n; i++ {
		switch {
		case i == 0:
			b.WriteString(` xmlns="urn:x"`)
		case i == 1:
			b.WriteString("\n  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'")
		case i == 2:
			b.WriteString(` xsi:schemaLocation = "urn:x x.xsd"`)
		case i%7 == 0:
			fmt.Fprintf(&b, ` a%d='a=b>c"d'`, i)
		default:
			fmt.Fprintf(&b, ` a%d="%d"`, i, i)
		}
	}
	b.WriteString(">")
	return b.String()
}

// scanPieces runs a tagScanner over src cut into pieces of n bytes.
func scanPieces(src string, n int) (off, count int, found bool) {
	var s tagScanner
	for i := 0; i < len(src); i += n {
		s.feed([]byte(src[i:min(i+n, len(src))]))
	}
	s.finish()
	return s.over()
}

func TestTagScannerCountsAttributes(t *testing.T) {
	const prolog = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a=\"1\" b=\"2\" -> -- > -->\n"
	many := strings.Repeat(` x="1"`, 300)
	cases := []struct {
		name  string
		src   string
		off   int // -1: none
		count int
	}{
		{"at the limit", prolog + "<r>" + attrsTag("e", maxAttrs) + "</e></r>", -1, 0},
		{"one over", prolog + "<r>" + attrsTag("e", maxAttrs+1) + "</e></r>", len(prolog) + 3, maxAttrs + 1},
		{"empty element over", prolog + "<r>" + strings.TrimSuffix(attrsTag("e", maxAttrs+1), ">") + "/></r>", len(prolog) + 3, maxAttrs + 1},
		{"cut by the end", prolog + "<r>" + strings.TrimSuffix(attrsTag("e", maxAttrs+5), ">"), len(prolog) + 3, maxAttrs + 5},
		{"the first of two", prolog + attrsTag("r", maxAttrs+2) + attrsTag("e", maxAttrs+3), len(prolog), maxAttrs + 2},
		{"in a comment", prolog + "<r><!--<e" + many + ">--></r>", -1, 0},
		{"in a comment ending --->", prolog + "<r><!-- x ---><e a='1'/></r>", -1, 0},
		{"after a comment", prolog + "<r><!--<e-->" + attrsTag("e", maxAttrs+1) + "</r>", len(prolog) + 12, maxAttrs + 1},
		{"in CDATA", prolog + "<r><![CDATA[<e" + many + "> ]] ]>]]></r>", -1, 0},
		{"in a processing instruction", prolog + "<r><?pi <e" + many + "> ? > ?></r>", -1, 0},
		{"in an end tag", prolog + "<r></r" + many + ">", -1, 0},
		{"in text", prolog + "<r>a=b=c=" + strings.Repeat("=", 1000) + "</r>", -1, 0},
		{"in a value", prolog + `<r a="` + strings.Repeat("=", 1000) + `" b='` + strings.Repeat(`"=`, 500) + `'/>`, -1, 0},
	}
	for _, c := range cases {
		for _, n := range []int{len(c.src), 1, 2, 3, 7, 64} {
			off, count, found := scanPieces(c.src, n)
			if found != (c.off >= 0) || (found && (off != c.off || count != c.count)) {
				t.Errorf("%s, pieces of %d: found %v at %d with %d; want %d with %d", c.name, n, found, off, count, c.off, c.count)
			}
		}
	}
}

func TestGuardRefusesTooManyAttributes(t *testing.T) {
	src := "<r>\n  <a/>\n  " + attrsTag("e", maxAttrs+1) + "</e></r>"
	g := guard([]byte(src))
	if g.ok || len(g.findings) != 1 {
		t.Fatalf("guard: ok %v, findings %+v", g.ok, g.findings)
	}
	f := g.findings[0]
	if f.Line != 3 || f.Column != 3 || !strings.Contains(f.Message, "257 attributes") {
		t.Errorf("finding %+v", f)
	}
	if g := guard([]byte("<r>\n" + attrsTag("e", maxAttrs) + "</e></r>")); !g.ok {
		t.Errorf("%d attributes refused: %+v", maxAttrs, g.findings)
	}
}

// BenchmarkTagScanner is the guard's cost per byte of a message.
func BenchmarkTagScanner(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(`<Item seq="1" kind='x'><Qty unit="KGM">12</Qty><!-- note --><Country>GB</Country></Item>` + "\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		var s tagScanner
		s.feed(src)
		s.finish()
		if _, _, found := s.over(); found {
			b.Fatal("found")
		}
	}
}

// FuzzTagScanner: any bytes, cut anywhere, give the scanner the same
// answers as whole; its longest run is the longest run of bytes without
// a '<', and a start tag it reports starts with '<'.
func FuzzTagScanner(f *testing.F) {
	f.Add([]byte(attrsTag("e", maxAttrs+1)), uint8(3))
	f.Add([]byte("<r><!-- a='1' --><![CDATA[x=]]><?p a='1'?><e a='>'\nb=\"<\"/></r>"), uint8(1))
	f.Add([]byte("<!<<a <b=c='d'"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		var whole tagScanner
		whole.feed(data)
		whole.finish()
		wOff, wN, wFound := whole.over()
		n := int(cut)%17 + 1
		off, count, found := scanPieces(string(data), n)
		if found != wFound || off != wOff || count != wN {
			t.Fatalf("pieces of %d: %v %d %d; whole: %v %d %d", n, found, off, count, wFound, wOff, wN)
		}
		if found && data[off] != '<' {
			t.Fatalf("tag at %d starts with %q", off, data[off])
		}
		runOff, runLen := whole.longestRun()
		wantOff, wantLen, start := 0, 0, 0
		for i := 0; i <= len(data); i++ {
			if i == len(data) || data[i] == '<' {
				if i-start > wantLen {
					wantOff, wantLen = start, i-start
				}
				start = i + 1
			}
		}
		if runOff != wantOff || runLen != wantLen {
			t.Fatalf("longest run %d at %d, want %d at %d", runLen, runOff, wantLen, wantOff)
		}
	})
}

// untilByByte is until as it was first written, a byte at a time: the
// reference FuzzUntil holds the jumping one to.
func (s *tagScanner) untilByByte(b []byte, i, base int, p0, p1 byte) int {
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '>':
			if (p0 == 0 || s.prev[0] == p0) && s.prev[1] == p1 {
				s.state = scanText
				return i + 1
			}
		case '<':
			s.lt(base + i)
		}
		s.prev = [2]byte{s.prev[1], b[i]}
	}
	return i
}

// FuzzUntil: until and untilByByte stop at the same byte, in the same
// state, with the same last bytes and the same runs noted, from any start
// and any last bytes carried over.
func FuzzUntil(f *testing.F) {
	f.Add([]byte(" a comment -- <x> --> after"), uint8(0), uint8('-'), uint8('-'), uint8(0), uint8(0))
	f.Add([]byte("]]>"), uint8(0), uint8(']'), uint8(']'), uint8(']'), uint8(0))
	f.Add([]byte("?>"), uint8(1), uint8(0), uint8('?'), uint8(0), uint8('?'))
	f.Add([]byte("->"), uint8(0), uint8('-'), uint8('-'), uint8(0), uint8('-'))
	f.Fuzz(func(t *testing.T, b []byte, start, p0, p1, prev0, prev1 uint8) {
		i := int(start) % (len(b) + 1)
		var fast, slow tagScanner
		fast.state, slow.state = scanComment, scanComment
		fast.prev, slow.prev = [2]byte{prev0, prev1}, [2]byte{prev0, prev1}
		fast.runStart, slow.runStart = 3, 3
		gotI, wantI := fast.until(b, i, 100, p0, p1), slow.untilByByte(b, i, 100, p0, p1)
		if gotI != wantI || fast != slow {
			t.Fatalf("until(%q, %d, %q, %q): %d %+v, want %d %+v", b, i, p0, p1, gotI, fast, wantI, slow)
		}
	})
}
