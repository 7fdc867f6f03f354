// Package mutate derives variants of a valid XML message for differential
// tests: an element removed, repeated, swapped with its next sibling, an
// unknown element inserted, a value made too long, of the wrong datatype,
// empty, an impossible date, or wrapped in white space (which tells
// string-based types from token-based ones). Edits are made on the bytes, so
// everything else (comments, namespaces, line structure) stays as it was.
package mutate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand"
	"regexp"
	"strings"
)

// Kind names a mutation.
type Kind string

// Mutation kinds.
const (
	Remove   Kind = "remove"
	Repeat   Kind = "repeat"
	Swap     Kind = "swap"
	Insert   Kind = "insert-unknown"
	Overlong Kind = "overlong"
	Datatype Kind = "wrong-datatype"
	Empty    Kind = "empty"
	BadDate  Kind = "bad-date"
	Padded   Kind = "padded" // the value wrapped in line breaks and spaces
)

// Kinds lists every mutation kind.
var Kinds = []Kind{Remove, Repeat, Swap, Insert, Overlong, Datatype, Empty, BadDate, Padded}

// Mutant is one variant.
type Mutant struct {
	Kind Kind
	Desc string // what was changed, with the element path
	Data []byte
}

// span is one element of the source.
type span struct {
	path       string
	start, end int // of the whole element, start tag to end tag
	textStart  int // leaf elements: the text between the tags
	textEnd    int
	leaf       bool
	parent     int // index of the parent span, -1 for the root
	next       int // index of the next sibling element, -1 for none
}

// spans lists the elements of src with their byte ranges.
func spans(src []byte) ([]span, error) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = true
	var out []span
	var stack []int
	lastChild := map[int]int{} // parent index -> last child index
	for {
		off := int(dec.InputOffset())
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := -1
			path := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
				path = out[parent].path
				out[parent].leaf = false
			}
			out = append(out, span{path: path + "/" + t.Name.Local, start: off, parent: parent, next: -1, leaf: true,
				textStart: int(dec.InputOffset())})
			i := len(out) - 1
			if prev, ok := lastChild[parent]; ok && parent >= 0 {
				out[prev].next = i
			}
			lastChild[parent] = i
			stack = append(stack, i)
		case xml.EndElement:
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			out[i].end = int(dec.InputOffset())
			out[i].textEnd = off
		}
	}
}

func splice(src []byte, start, end int, repl []byte) []byte {
	out := make([]byte, 0, len(src)-(end-start)+len(repl))
	out = append(out, src[:start]...)
	out = append(out, repl...)
	return append(out, src[end:]...)
}

var (
	dateLike   = regexp.MustCompile(`^\s*(20\d{6}(\d{6}(Z|[-+]\d\d))?|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?)\s*$`)
	numberLike = regexp.MustCompile(`^\s*-?\d+(\.\d+)?\s*$`)
)

// badDate returns an impossible date in the shape of v.
func badDate(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case strings.Contains(v, "T"):
		return "2023-13-45T25:61:00"
	case strings.Contains(v, "-"):
		return "2023-13-45"
	case len(v) > 8:
		return "20231345256100Z"
	}
	return "20231345"
}

// wrongType returns a value of another datatype than v.
func wrongType(v string) string {
	if numberLike.MatchString(v) {
		return "12,5x"
	}
	return "1e999 not-a-value"
}

// All returns up to perKind variants of each kind, chosen with rng among
// the elements where the kind applies (the root is never removed, repeated
// or swapped).
func All(src []byte, perKind int, rng *rand.Rand) ([]Mutant, error) {
	sp, err := spans(src)
	if err != nil {
		return nil, fmt.Errorf("mutate: %w", err)
	}
	var out []Mutant
	pick := func(ok func(i int) bool) []int {
		var c []int
		for i := range sp {
			if ok(i) {
				c = append(c, i)
			}
		}
		rng.Shuffle(len(c), func(a, b int) { c[a], c[b] = c[b], c[a] })
		if len(c) > perKind {
			c = c[:perKind]
		}
		return c
	}
	leafText := func(i int) string { return string(src[sp[i].textStart:sp[i].textEnd]) }
	plainLeaf := func(i int) bool {
		s := sp[i]
		return s.leaf && s.textEnd >= s.textStart && !bytes.ContainsAny(src[s.textStart:s.textEnd], "<&")
	}
	for _, k := range Kinds {
		var idx []int
		switch k {
		case Remove, Repeat, Insert:
			idx = pick(func(i int) bool { return sp[i].parent >= 0 })
		case Swap:
			idx = pick(func(i int) bool { return sp[i].parent >= 0 && sp[i].next >= 0 })
		case Overlong, Datatype, Empty, Padded:
			idx = pick(plainLeaf)
		case BadDate:
			idx = pick(func(i int) bool { return plainLeaf(i) && dateLike.MatchString(leafText(i)) })
		}
		for _, i := range idx {
			s := sp[i]
			var data []byte
			desc := string(k) + " " + s.path
			switch k {
			case Remove:
				data = splice(src, s.start, s.end, nil)
			case Repeat:
				data = splice(src, s.end, s.end, src[s.start:s.end])
			case Swap:
				n := sp[s.next]
				var b []byte
				b = append(b, src[n.start:n.end]...)
				b = append(b, src[s.end:n.start]...)
				b = append(b, src[s.start:s.end]...)
				data = splice(src, s.start, n.end, b)
			case Insert:
				data = splice(src, s.start, s.start, []byte("<CustomslintUnknown>x</CustomslintUnknown>"))
			case Overlong:
				data = splice(src, s.textStart, s.textEnd, bytes.Repeat([]byte("9"), 600))
			case Datatype:
				data = splice(src, s.textStart, s.textEnd, []byte(wrongType(leafText(i))))
			case Empty:
				data = splice(src, s.textStart, s.textEnd, nil)
			case BadDate:
				data = splice(src, s.textStart, s.textEnd, []byte(badDate(leafText(i))))
			case Padded:
				data = splice(src, s.textStart, s.textEnd, []byte("\n    "+strings.TrimSpace(leafText(i))+"  \n  "))
			}
			out = append(out, Mutant{Kind: k, Desc: desc, Data: data})
		}
	}
	return out, nil
}

// Leaf is an element holding only text.
type Leaf struct {
	Path               string // element path by local names, without indexes
	TextStart, TextEnd int    // byte range of the text
}

// Leaves lists the text-only elements of src whose text holds no markup.
func Leaves(src []byte) ([]Leaf, error) {
	sp, err := spans(src)
	if err != nil {
		return nil, fmt.Errorf("mutate: %w", err)
	}
	var out []Leaf
	for _, s := range sp {
		if s.leaf && s.textEnd >= s.textStart && !bytes.ContainsAny(src[s.textStart:s.textEnd], "<&") {
			out = append(out, Leaf{s.path, s.textStart, s.textEnd})
		}
	}
	return out, nil
}

// WithText returns src with the leaf's text replaced.
func WithText(src []byte, l Leaf, text string) []byte {
	return splice(src, l.TextStart, l.TextEnd, []byte(text))
}

// Stretch returns v repeated (or cut) to n characters, keeping its kinds of
// characters; an empty v stretches as "9".
func Stretch(v string, n int) string {
	v = strings.TrimSpace(v)
	if v == "" {
		v = "9"
	}
	r := []rune(v)
	out := make([]rune, n)
	for i := range out {
		out[i] = r[i%len(r)]
	}
	return string(out)
}
