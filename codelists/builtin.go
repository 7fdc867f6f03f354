package codelists

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"path"
	"strings"
	"sync"
)

//go:embed data/*.txt
var data embed.FS

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
		lists, err := parseData(f.Name(), b)
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
