package xsd

/*
#cgo pkg-config: libxml-2.0
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"fmt"
	"runtime/cgo"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

var initOnce sync.Once

// ensureInit initialises libxml2 once per process. Every exported entry point
// of this package calls it before touching C.
func ensureInit() { initOnce.Do(func() { C.cl_init() }) }

// collector receives what libxml2 reports during one cgo call: structured
// errors, generic (printf-style) messages and entity-loader requests. It is
// passed to C as a cgo.Handle.
type collector struct {
	errs    []Error
	generic strings.Builder
	doc     *Document // set while validating, to locate nodes
	bundle  *Bundle   // set while compiling: the only source the loader serves
	refused []string  // URLs the entity loader refused
}

func newHandle(c *collector) (cgo.Handle, C.uintptr_t) {
	h := cgo.NewHandle(c)
	return h, C.uintptr_t(h)
}

func collectorOf(h C.uintptr_t) *collector {
	c, _ := cgo.Handle(h).Value().(*collector)
	return c
}

// genericErrors returns the generic messages as errors, one per line.
func (c *collector) genericErrors() []Error {
	var out []Error
	for _, line := range strings.Split(c.generic.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, Error{Level: LevelError, Message: line})
		}
	}
	return out
}

//export clGoError
func clGoError(h C.uintptr_t, e *C.xmlError) {
	c := collectorOf(h)
	if c == nil || e == nil {
		return
	}
	err := Error{
		Domain:  int(e.domain),
		Code:    int(e.code),
		Level:   Level(e.level),
		Message: strings.TrimRight(C.GoString(e.message), "\n"),
		Line:    int(e.line),
		Column:  int(e.int2),
	}
	if e.file != nil {
		err.File = C.GoString(e.file)
	}
	if c.doc != nil && e.node != nil {
		c.doc.locate(&err, (*C.xmlNode)(e.node))
	}
	c.errs = append(c.errs, err)
}

//export clGoGeneric
func clGoGeneric(h C.uintptr_t, msg *C.char) {
	if c := collectorOf(h); c != nil {
		c.generic.WriteString(C.GoString(msg))
	}
}

// clGoLoadEntity serves the entity loader. Only a compile in progress on this
// thread gets files, and only files of its own bundle; instance parsing never
// loads anything (no DTD, no external entity, no network).
//
//export clGoLoadEntity
func clGoLoadEntity(url *C.char, h C.uintptr_t, data **C.char, n *C.int) C.int {
	u := C.GoString(url)
	c := collectorOf(h)
	if c == nil {
		return 0
	}
	if c.bundle == nil {
		c.refused = append(c.refused, u)
		return 0
	}
	b, ok := c.bundle.load(u)
	if !ok {
		c.refused = append(c.refused, u)
		return 0
	}
	*data = (*C.char)(C.CBytes(b))
	*n = C.int(len(b))
	return 1
}

func cString(s string) (*C.char, func()) {
	p := C.CString(s)
	return p, func() { C.free(unsafe.Pointer(p)) }
}

// LibXMLVersion returns the version of the libxml2 library in use, such as
// "2.9.14".
func LibXMLVersion() string {
	ensureInit()
	v := C.GoString(C.xmlParserVersion)
	n, err := strconv.Atoi(v) // 20914 -> 2.9.14
	if err != nil {
		return v
	}
	return fmt.Sprintf("%d.%d.%d", n/10000, n/100%100, n%100)
}
