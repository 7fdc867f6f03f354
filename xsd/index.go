package xsd

/*
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"sync"
	"unsafe"
)

// Index finds the elements below an element by name. Elements are stored
// in document order, so a subtree is a range of the document's table,
// grouped by name (an interned pointer) in one pass on first use;
// attributes are found by comparing interned pointers too. It is safe for
// concurrent use while its Document lives; the slices it returns must not
// be modified.
type Index struct {
	d        *Document
	from, to int32 // the elements indexed: d.els[from:to]
	mu       sync.Mutex
	grouped  bool
	byName   map[string][]Element // every name, filled on first use
	byAttr   map[string][]Element
}

// NewIndex indexes the elements below e (e itself excluded).
func (e Element) NewIndex() *Index {
	x := &Index{d: e.d, byName: map[string][]Element{}, byAttr: map[string][]Element{}}
	if e.d != nil {
		x.from, x.to = e.i+1, e.end()
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
// order. The first call groups the elements by name in one pass.
func (x *Index) Named(local string) []Element {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.grouped {
		x.grouped = true
		byPtr := map[*C.xmlChar][]Element{}
		for i := x.from; i < x.to; i++ {
			p := x.d.els[i].name
			byPtr[p] = append(byPtr[p], Element{d: x.d, i: i})
		}
		for p, els := range byPtr {
			x.byName[x.d.name(p)] = els
		}
	}
	return x.byName[local]
}

// WithAttr returns the indexed elements that carry an attribute of this
// local name (in no namespace or any), in document order.
func (x *Index) WithAttr(local string) []Element {
	x.mu.Lock()
	defer x.mu.Unlock()
	if els, ok := x.byAttr[local]; ok {
		return els
	}
	var out []Element
	if p := x.interned(local); p != nil {
		for i := x.from; i < x.to; i++ {
			el := &x.d.els[i]
			for _, a := range x.d.attrs[el.attr : el.attr+el.nattr] {
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
