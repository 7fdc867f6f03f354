package codelists

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:generate go run ./internal/listgen/genlists -official ../../shared/official -data data -out data/generated.lists

// data holds the hand-written lists (data/*.txt) and the generated ones
// (data/generated.lists, made by go generate from HMRC's reference data:
// see internal/listgen).
//
//go:embed data/*
var data embed.FS

// GeneratedFile is the file of data holding the generated lists.
const GeneratedFile = "generated.lists"

var builtin = sync.OnceValues(func() (*Set, error) {
	files, err := data.ReadDir("data")
	if err != nil {
		return nil, err
	}
	s := NewSet()
	for _, f := range files {
		b, err := data.ReadFile(path.Join("data", f.Name()))
		if err != nil {
			return nil, err
		}
		var lists []*List
		switch {
		case f.Name() == GeneratedFile:
			lists, err = parseGenerated(f.Name(), b)
		case strings.HasSuffix(f.Name(), ".txt"):
			lists, err = parseData(f.Name(), b)
		default:
			err = fmt.Errorf("data/%s: not a list file", f.Name())
		}
		if err != nil {
			return nil, err
		}
		for _, l := range lists {
			if _, dup := s.Lookup(l.ID); dup {
				return nil, fmt.Errorf("%s: list %s defined twice", f.Name(), l.ID)
			}
			s.add(l)
		}
	}
	if _, dup := s.Lookup(SectionCodeList); dup {
		return nil, fmt.Errorf("list %s defined in codelists/data too", SectionCodeList)
	}
	// The section codes come from the CDS model, loaded only when a rule
	// asks (a CDS amendment's pointers): most runs never do, and loading
	// it costs a few milliseconds and a megabyte.
	s.add(&List{ID: SectionCodeList, Name: sectionCodeListName, Source: sectionCodeSource, fill: func() map[string]string {
		sections, err := CDSSectionCodes()
		if err != nil {
			panic("codelists: " + err.Error()) // ruled out by the package tests
		}
		return sections.codes
	}})
	return s, nil
})

// Builtin returns the lists customslint carries: codelists/data and the
// CDS document section codes of the model (CDSSectionCodes, made on first
// use). It panics if they do not load, which the package tests rule out.
func Builtin() *Set {
	s, err := builtin()
	if err != nil {
		panic("codelists: " + err.Error())
	}
	return s
}

// parseData reads customslint's list format:
//
//	# comment
//	list CL009 CountryCodesCommonTransit
//	AD Andorra
//	AT Austria
//
// A "list ID [NAME]" line starts a list; each other line is a code, then
// optionally whitespace and its description.
func parseData(name string, b []byte) ([]*List, error) {
	var out []*List
	var cur *List
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "list "); ok {
			f := strings.Fields(rest)
			if len(f) < 1 || len(f) > 2 {
				return nil, fmt.Errorf("%s:%d: want \"list ID [NAME]\"", name, n)
			}
			cur = &List{ID: f[0], Source: "built in", codes: map[string]string{}}
			if len(f) == 2 {
				cur.Name = f[1]
			}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: code before any list line", name, n)
		}
		code, desc, _ := strings.Cut(line, " ")
		if _, dup := cur.codes[code]; dup {
			return nil, fmt.Errorf("%s:%d: %s: code %q twice", name, n, cur.ID, code)
		}
		cur.codes[code] = strings.TrimSpace(desc)
	}
	return out, sc.Err()
}

// GeneratedText returns the text of the generated lists, as
// built in (for the tests that prove it is not stale).
func GeneratedText() ([]byte, error) {
	return data.ReadFile(path.Join("data", GeneratedFile))
}

// parseGenerated reads the generated lists, in parseData's format with
// codes only, sorted, lazily: it finds each list and its source comment
// now; a list's codes are searched in the text (sortedCodes), so that a
// run pays for the 57,000 CUS codes only an index of their lines, and only
// when a message has a CUS code.
func parseGenerated(name string, b []byte) ([]*List, error) {
	var out []*List
	var cur *List
	start, comment := 0, ""
	finish := func(end int) {
		if cur == nil {
			return
		}
		section, l := b[start:end], cur
		l.sorted = &sortedCodes{text: section[bytes.IndexByte(section, '\n')+1:], list: name + ": " + l.ID}
		l.fill = l.sorted.toMap
	}
	nextList, nextComment := -1, -1 // the next line from off that starts a list, a comment
	for off := 0; off < len(b); {
		if !bytes.HasPrefix(b[off:], []byte("list ")) && !bytes.HasPrefix(b[off:], []byte("# ")) {
			// Codes, read on first use: on to the next line that starts
			// a list or a comment, found by searching, not line by line.
			if nextList < off {
				nextList = nextLine(b, off, "\nlist ")
			}
			if nextComment < off {
				nextComment = nextLine(b, off, "\n# ")
			}
			off = min(nextList, nextComment)
			continue
		}
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += off
		}
		line := strings.TrimSpace(string(b[off:end]))
		if rest, ok := strings.CutPrefix(line, "list "); ok {
			finish(off)
			f := strings.Fields(rest)
			if len(f) != 2 {
				return nil, fmt.Errorf("%s: want \"list ID NAME\", got %q", name, line)
			}
			cur = &List{ID: f[0], Name: f[1], Source: "built in (generated from " + comment + ")"}
			start = off
			out = append(out, cur)
		} else if c, ok := strings.CutPrefix(line, "# "); ok {
			comment = c
		}
		off = end + 1
	}
	finish(len(b))
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no lists", name)
	}
	return out, nil
}

// nextLine returns the offset of the first line after off that starts
// with mark[1:] (mark is "\n" and the line's start), len(b) if none.
func nextLine(b []byte, off int, mark string) int {
	k := bytes.Index(b[off:], []byte(mark))
	if k < 0 {
		return len(b)
	}
	return off + k + 1
}

// sortedCodes are the codes of a generated list: lines of text in byte
// order (comment and blank lines aside), searched by binary search over
// an index of the lines made on first use.
type sortedCodes struct {
	text   []byte
	list   string // for the panic the package tests rule out
	once   sync.Once
	starts []int32 // offsets of the code lines in text
}

func (s *sortedCodes) index() []int32 {
	s.once.Do(func() {
		var prev []byte
		for off := 0; off < len(s.text); {
			end := bytes.IndexByte(s.text[off:], '\n')
			if end < 0 {
				end = len(s.text)
			} else {
				end += off
			}
			line := s.text[off:end]
			if len(line) > 0 && line[0] != '#' {
				if prev != nil && bytes.Compare(prev, line) >= 0 {
					panic(fmt.Sprintf("codelists: %s: %q after %q: codes not sorted", s.list, line, prev))
				}
				s.starts = append(s.starts, int32(off))
				prev = line
			}
			off = end + 1
		}
	})
	return s.starts
}

// line is the i-th code.
func (s *sortedCodes) line(i int) []byte {
	rest := s.text[s.index()[i]:]
	if n := bytes.IndexByte(rest, '\n'); n >= 0 {
		return rest[:n]
	}
	return rest
}

func (s *sortedCodes) has(code string) bool {
	st := s.index()
	i := sort.Search(len(st), func(i int) bool { return string(s.line(i)) >= code })
	return i < len(st) && string(s.line(i)) == code
}

// toMap makes the codes a map, for the rare callers that want them all.
func (s *sortedCodes) toMap() map[string]string {
	m := make(map[string]string, len(s.index()))
	for i := range s.index() {
		m[string(s.line(i))] = ""
	}
	return m
}
