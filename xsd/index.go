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

// Index lists the elements below an element in document order, from one
// walk in C, and finds them by name by comparing libxml2's interned name
// pointers (one dictionary lookup per name asked, then a scan that
// compares pointers). Results are kept per name. It is safe for concurrent
// use while its Document lives; the slices it returns must not be
// modified.
type Index struct {
	d      *Document
	nodes  []*C.xmlNode // C memory, freed with the Document
	mu     sync.Mutex
	byName map[string][]Element
	byAttr map[string][]Element
}

// NewIndex indexes the elements below e (e itself excluded).
func (e Element) NewIndex() *Index {
	x := &Index{d: e.d, byName: map[string][]Element{}, byAttr: map[string][]Element{}}
	if e.n == nil || e.d == nil {
		return x
	}
	var n C.size_t
	arr := C.cl_elements(e.n, &n)
	if arr == nil {
		return x
	}
	e.d.keep(unsafe.Pointer(arr))
	x.nodes = unsafe.Slice((**C.xmlNode)(unsafe.Pointer(arr)), int(n))
	return x
}

// interned is the document's copy of name, nil when no node has it.
func (x *Index) interned(name string) *C.xmlChar {
	if x.d == nil || name == "" {
		return nil
	}
	b := []byte(name)
	return C.cl_name(x.d.doc, (*C.char)(unsafe.Pointer(&b[0])), C.int(len(b)))
}

// Named returns the indexed elements with this local name, in document
// order.
func (x *Index) Named(local string) []Element {
	x.mu.Lock()
	defer x.mu.Unlock()
	if els, ok := x.byName[local]; ok {
		return els
	}
	var out []Element
	if p := x.interned(local); p != nil {
		for _, n := range x.nodes {
			if n.name == p {
				out = append(out, Element{n: n, d: x.d})
			}
		}
	}
	x.byName[local] = out
	return out
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
		for _, n := range x.nodes {
			for a := n.properties; a != nil; a = a.next {
				if a.name == p {
					out = append(out, Element{n: n, d: x.d})
					break
				}
			}
		}
	}
	x.byAttr[local] = out
	return out
}

// Len is the number of indexed elements.
func (x *Index) Len() int { return len(x.nodes) }
