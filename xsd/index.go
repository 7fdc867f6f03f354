package xsd

/*
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"iter"
	"sync"
	"unsafe"
)

// Index finds the elements below an element by name. Elements are stored
// in document order, so a subtree is a range of the document's table. On
// first use the range is grouped by name (the parser numbers names) with a
// counting sort into one array, each name's elements a slice of it;
// attributes are found by comparing interned pointers. Its keys are Go
// copies of the names, not the document's. It is safe for concurrent use
// while its Document lives, and panics with ErrFreed once the Document is
// freed; the slices it returns must not be modified.
type Index struct {
	d        *Document
	from, to int32 // the elements indexed: d.els[from:to]
	mu       sync.Mutex
	byName   map[string][]int32 // element numbers; nil until the first Named
	byAttr   map[string][]Element
}

// NewIndex indexes e and the elements below it.
func (e Element) NewIndex() *Index {
	x := &Index{d: e.d, byAttr: map[string][]Element{}}
	if e.d != nil {
		x.from, x.to = e.i, e.end()
	}
	return x
}

// interned is the document's copy of name, nil when nothing has it.
func (x *Index) interned(name string) *C.xmlChar {
	if x.d == nil || x.d.t == nil || name == "" {
		return nil
	}
	b := []byte(name)
	return C.cl_tree_name(x.d.t, (*C.char)(unsafe.Pointer(&b[0])), C.int(len(b)))
}

// Named returns the indexed elements with this local name, in document
// order. The first call groups every element by name in one pass.
func (x *Index) Named(local string) Elements {
	if x.d != nil {
		x.d.live()
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.byName == nil {
		x.group()
	}
	return Elements{x.d, x.byName[local]}
}

// Elements is a list of a document's elements, held as their numbers: 4
// bytes an element where a slice of Element takes 16 (an index holds every
// element of a message).
type Elements struct {
	d  *Document
	at []int32
}

// Len is the number of elements.
func (l Elements) Len() int { return len(l.at) }

// At is the i-th element.
func (l Elements) At(i int) Element { return Element{d: l.d, i: l.at[i]} }

// All yields the elements in order, with their positions in the list.
func (l Elements) All() iter.Seq2[int, Element] {
	return func(yield func(int, Element) bool) {
		for k, i := range l.at {
			if !yield(k, Element{d: l.d, i: i}) {
				return
			}
		}
	}
}

// group sorts the indexed elements by name, keeping document order within
// a name: one pass counts the elements of each name (the parser numbered
// the names), one places each element in a single array. (An append per
// element into a slice per name was a fifth of a folder run's CPU time;
// rules ask for hundreds of names, most absent, so each is one map
// lookup.)
func (x *Index) group() {
	n := x.to - x.from
	var names *nameTable // Go copies: the keys outlive the document
	nnames := 0
	if x.d != nil {
		names = x.d.elNameTable()
		nnames = len(names.ends)
	}
	next := make([]int32, nnames) // per name: its count, then where its next element goes
	for k := range n {
		next[x.d.els[x.from+k].name]++
	}
	x.byName = make(map[string][]int32, nnames) // sized once: no growth while filling
	all := make([]int32, n)
	at := int32(0)
	for id, c := range next {
		if c > 0 {
			if name := names.at(C.uint32_t(id)); name != "" {
				x.byName[name] = all[at : at+c : at+c]
			}
		}
		next[id] = at
		at += c
	}
	for k := range n {
		id := x.d.els[x.from+k].name
		all[next[id]] = x.from + k
		next[id]++
	}
}

// WithAttr returns the indexed elements that carry an attribute of this
// local name (in no namespace or any), in document order.
func (x *Index) WithAttr(local string) []Element {
	if x.d != nil {
		x.d.live()
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if els, ok := x.byAttr[local]; ok {
		return els
	}
	var out []Element
	if p := x.interned(local); p != nil {
		for i := x.from; i < x.to; i++ {
			for _, a := range x.d.attrsOf(i) {
				if a.name == p {
					out = append(out, Element{d: x.d, i: i})
					break
				}
			}
		}
	}
	x.byAttr[local] = out
	return out
}

// Len is the number of indexed elements.
func (x *Index) Len() int { return int(x.to - x.from) }
