package validate_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// noNetwork listens on loopback and fails the test if anything connects.
func noNetwork(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		if n.Load() != 0 {
			t.Errorf("%d connection(s) to %s: customslint touched the network", n.Load(), ln.Addr())
		}
	})
	return ln.Addr().String()
}

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

const validCC015B = "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN-é</RefNumHEA4></HEAHEA></CC015B>"

// within fails the test when f takes longer than a generous bound: a guard
// against hangs, not a speed measurement.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("did not finish: hang")
	}
}

func TestHostileAndBrokenInput(t *testing.T) {
	addr := noNetwork(t)
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini, cdsMini}})
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	bomb := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CC015B>&lol3;</CC015B>`
	quadratic := `<!DOCTYPE q [<!ENTITY a "` + strings.Repeat("x", 50000) + `">]><CC015B>` + strings.Repeat("&a;", 5000) + `</CC015B>`
	cases := []struct {
		name      string
		data      []byte
		rule      string
		severity  rules.Severity
		line      int
		column    int
		msg       string
		validated bool // the message still went through the schema
	}{
		{"malformed", []byte("<CC015B>\n  <HEAHEA>\n</CC015B>"), "xml", rules.Error, 3, 10, "Opening and ending tag mismatch: HEAHEA line 2 and CC015B", false},
		{"truncated", []byte("<CC015B><SynIdeMES1>UN"), "xml", rules.Error, 1, 23, "Premature end of data", false},
		{"DOCTYPE with file entity", []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE CC015B [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<CC015B>&x;</CC015B>"), "xml", rules.Error, 2, 1, "DOCTYPE declarations are not allowed", false},
		{"DOCTYPE with http entity", []byte(`<!DOCTYPE CC015B [<!ENTITY x SYSTEM "http://` + addr + `/x">]><CC015B>&x;</CC015B>`), "xml", rules.Error, 1, 1, "DOCTYPE declarations are not allowed", false},
		{"external DTD", []byte("<!-- c -->\n<?pi x?>\n <!DOCTYPE CC015B SYSTEM \"http://" + addr + "/x.dtd\"><CC015B/>"), "xml", rules.Error, 3, 2, "DOCTYPE", false},
		{"billion laughs", []byte(bomb), "xml", rules.Error, 2, 1, "DOCTYPE", false},
		{"quadratic blowup", []byte(quadratic), "xml", rules.Error, 1, 1, "DOCTYPE", false},
		{"invalid UTF-8", []byte("<CC015B>\n  <x>caf\xe9</x>\n</CC015B>"), "xml", rules.Error, 2, 9, "invalid UTF-8: byte 0xE9 at line 2, column 9", false},
		{"overlong UTF-8", []byte("<CC015B>\xC1\x80</CC015B>"), "xml", rules.Error, 1, 9, "byte 0xC1", false},
		{"NUL byte", []byte("<CC015B>a\x00b</CC015B>"), "xml", rules.Error, 1, 10, "Char 0x0 out of allowed range", false},
		{"empty", nil, "xml", rules.Error, 1, 0, "the file is empty", false},
		{"white space only", []byte(" \n\t\n"), "xml", rules.Error, 1, 0, "only white space", false},
		{"UTF-16 with BOM", utf16le("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"+validCC015B, true), "xml", rules.Warning, 1, 0, "encoded as UTF-16LE; HMRC's APIs expect UTF-8", true},
		{"UTF-16BE without BOM", utf16be("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"+validCC015B, false), "xml", rules.Warning, 1, 0, "encoded as UTF-16BE", true},
		{"UTF-16 truncated", utf16le("<CC015B/>", true)[:9], "xml", rules.Error, 1, 4, "invalid UTF-16LE: odd number of bytes", false},
		{"UTF-16 unpaired surrogate", append(utf16le("<CC015B>\n<", true), 0x00, 0xD8, 'a', 0), "xml", rules.Error, 2, 2, "unpaired surrogate 0xD800", false},
		{"UTF-32", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, '<'}, "xml", rules.Error, 1, 0, "encoded as UTF-32, which customslint cannot read", false},
		{"ISO-8859-1", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + strings.ReplaceAll(validCC015B, "é", "\xe9")), "xml", rules.Warning, 1, 0, "encoded as ISO-8859-1", true},
		{"declared UTF-16 but ASCII", []byte("<?xml version=\"1.0\" encoding=\"UTF-16\"?><CC015B/>"), "xml", rules.Error, 1, 0, "says UTF-16 but the bytes are not UTF-16", false},
		{"unsupported encoding", []byte("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><CC015B/>"), "xml", rules.Error, 1, 0, `declares encoding "Shift_JIS"`, false},
		{"US-ASCII with a high byte", []byte("<?xml version='1.0' encoding='us-ascii'?>\n<CC015B>\xe9</CC015B>"), "xml", rules.Error, 2, 9, "says us-ascii but byte 0xE9", false},
		{"10,000-deep nesting", []byte(deep), "xml", rules.Error, 1, 772, "elements nested more than 256 deep", false},
		{"unknown root", []byte(`<?xml version="1.0"?><html/>`), "message-type", rules.Error, 1, 22, "unknown document element html", false},
		{"not XML at all", []byte("%PDF-1.7 binary"), "xml", rules.Error, 1, 1, "Start tag expected", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			within(t, func() {
				rep, err := e.Check(context.Background(), "m.xml", c.data)
				if err != nil {
					t.Errorf("check: %v", err)
					return
				}
				if len(rep.Findings) == 0 {
					t.Errorf("no finding")
					return
				}
				f := rep.Findings[0]
				if f.Rule != c.rule || f.Severity != c.severity || f.Line != c.line || f.Column != c.column || !strings.Contains(f.Message, c.msg) {
					t.Errorf("first finding %+v\nwant %s %s %d:%d %q\nall:\n%s", f, c.rule, c.severity, c.line, c.column, c.msg, dump(rep.Findings))
				}
				if validated := rep.MessageType == "CC015B" && rep.Count(rules.Error) == 0; validated != c.validated {
					t.Errorf("validated=%v, want %v:\n%s", validated, c.validated, dump(rep.Findings))
				}
			})
		})
	}
}

// endless yields an unbounded stream of XML-ish bytes and counts them.
type endless struct{ n int64 }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "<a>"[(r.n+int64(i))%3]
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestOversizedInputIsNotRead(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}})
	r := &endless{}
	rep, err := e.CheckReader(context.Background(), "huge.xml", io.LimitReader(r, 50<<20))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(rules.Error) != 1 || !strings.Contains(rep.Findings[0].Message, "larger than the limit of 10 MiB") {
		t.Fatalf("findings:\n%s", dump(rep.Findings))
	}
	if r.n > validate.DefaultMaxSize+64<<10 {
		t.Errorf("read %d bytes of a 50 MB input; the limit is %d", r.n, validate.DefaultMaxSize)
	}
}

func TestLargeInputWithinARaisedLimit(t *testing.T) {
	// A 50 MB message under --max-size 64MiB is parsed and validated.
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}, MaxSize: 64 << 20})
	var b bytes.Buffer
	b.WriteString("<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN</RefNumHEA4></HEAHEA>")
	for b.Len() < 50<<20 {
		b.WriteString("<!-- padding padding padding padding padding padding padding padding -->\n")
	}
	b.WriteString("<Extra/></CC015B>")
	within(t, func() {
		rep, err := e.Check(context.Background(), "big.xml", b.Bytes())
		if err != nil {
			t.Error(err)
			return
		}
		if rep.Count(rules.Error) != 1 || rep.Findings[0].Rule != "xsd" || !strings.Contains(rep.Findings[0].Message, "Extra") {
			t.Errorf("findings:\n%s", dump(rep.Findings))
		}
	})
}

// TestHugeTextNode: a 100 MB text node, within a raised size limit, is
// refused before parsing with an xml finding, in bounded time.
func TestHugeTextNode(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB input")
	}
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}, MaxSize: 128 << 20})
	data := make([]byte, 0, 100<<20+64)
	data = append(data, "<CC015B>\n<SynIdeMES1>"...)
	data = append(data, bytes.Repeat([]byte("A"), 100<<20)...)
	data = append(data, "</SynIdeMES1></CC015B>"...)
	within(t, func() {
		rep, err := e.Check(context.Background(), "text.xml", data)
		if err != nil {
			t.Error(err)
			return
		}
		if len(rep.Findings) != 1 || rep.Findings[0].Rule != "xml" || rep.Findings[0].Line != 2 || !strings.Contains(rep.Findings[0].Message, "100.0 MiB of text without markup") {
			t.Errorf("findings:\n%s", dump(rep.Findings))
		}
	})
}

// TestLongValuesAreShortenedInMessages: a long value (under the text
// limit) quoted by a rule does not make the report long. (libxml2 cuts the
// values it quotes itself.)
func TestLongValuesAreShortenedInMessages(t *testing.T) {
	decl, err := os.ReadFile("../testdata/messages/cds/declaration-imz.xml")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("é", 100000)
	msg := strings.Replace(string(decl), "<FunctionalReferenceID>CLT26IM0314A01<", "<FunctionalReferenceID>"+long+"<", 1)
	e := newEngine(t, validate.Options{Select: []string{"cds-lrn"}})
	rep := check(t, e, msg)
	if len(rep.Findings) == 0 {
		t.Fatal("no finding")
	}
	for _, f := range rep.Findings {
		if len(f.Message) > 1200 || !utf8.ValidString(f.Message) {
			t.Errorf("message of %d bytes: %.300s", len(f.Message), f.Message)
		}
		if !strings.Contains(f.Message, "(100000 characters)") {
			t.Errorf("message does not say how long the value was: %q", f.Message)
		}
	}
}
