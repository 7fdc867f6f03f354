package xsd

/*
#cgo pkg-config: libxml-2.0
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"context"
	"fmt"
	"runtime/cgo"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	verrs   []Error  // validity errors
	velems  []int32  // the element each of verrs is about, -1 for none
	bundle  *Bundle  // set while compiling: the only source the loader serves
	refused []string // URLs the entity loader refused
	src     *source  // set while parsing a Source: what clGoRead reads
	off     int      // where clGoRead reads next
	readErr error    // the Source's read error, if any
	max     int      // keep at most this many of errs and of verrs; 0: all
	omitted *Omitted // counts what max leaves out
	firstEl int32    // the element of omitted.Validity.First, when this call set it; -1 for none
	// The context of the pass and its cancel flag (see watch): a read of
	// a Source looks at the context itself, so that a cancellation is
	// seen at the next read whatever the scheduling of watch's goroutine.
	ctx  context.Context
	flag *int32
}

// Option changes how a parse or validation collects errors.
type Option func(*collector)

// Omitted counts the errors MaxErrors left out: parser errors and validity
// errors apart, as a caller may use one list and not the other.
type Omitted struct {
	Parser, Validity OmittedErrors
}

// OmittedErrors counts the errors of one list left out, by level (fatal
// errors count as errors), and keeps the first of them.
type OmittedErrors struct {
	Errors, Warnings int
	First            Error // located on its element, as the errors returned are
}

// N is the number of errors left out.
func (o *OmittedErrors) N() int { return o.Errors + o.Warnings }

// MaxErrors keeps at most n of the parser errors and n of the validity
// errors a call returns: the first ones libxml2 reports (document order,
// except that an element's content errors come at its end tag). The others
// are only counted, in *o (added to what it holds): a document with a
// million errors costs no more memory than one with n. n <= 0 keeps all.
func MaxErrors(n int, o *Omitted) Option {
	return func(c *collector) {
		if n > 0 && o != nil {
			c.max, c.omitted = n, o
		}
	}
}

func newCollector(opts []Option) *collector {
	c := &collector{firstEl: -1}
	for _, o := range opts {
		o(c)
	}
	return c
}

// omit counts an error that max leaves out, keeping the first.
func (c *collector) omit(o *OmittedErrors, e *C.xmlError, elem int32) {
	if o.N() == 0 {
		o.First = goError(e)
		if o == &c.omitted.Validity {
			c.firstEl = elem
		}
	}
	if Level(e.level) == LevelWarning {
		o.Warnings++
	} else {
		o.Errors++
	}
}

// clGoRead serves the parser the next bytes of a Source.
//
//export clGoRead
func clGoRead(h C.uintptr_t, buf *C.char, n C.int) C.int {
	c := collectorOf(h)
	if c == nil || c.src == nil || n <= 0 {
		return 0
	}
	if c.flag != nil && c.ctx.Err() != nil {
		atomic.StoreInt32(c.flag, 1) // cl_read reads it: a stop, not a read error
		return -1
	}
	k, err := c.src.readAt(unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)), c.off)
	c.off += k
	if err != nil {
		c.readErr = err
		return -1
	}
	return C.int(k)
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
	if c := collectorOf(h); c != nil && e != nil {
		if c.max > 0 && len(c.errs) >= c.max {
			c.omit(&c.omitted.Parser, e, -1)
			return
		}
		c.errs = append(c.errs, goError(e))
	}
}

//export clGoValidError
func clGoValidError(h C.uintptr_t, e *C.xmlError, elem C.int32_t) {
	if c := collectorOf(h); c != nil && e != nil {
		if c.max > 0 && len(c.verrs) >= c.max {
			c.omit(&c.omitted.Validity, e, int32(elem))
			return
		}
		c.verrs = append(c.verrs, goError(e))
		c.velems = append(c.velems, int32(elem))
	}
}

// validity returns the validity errors of a pass over d, located on its
// elements. libxml2 gives no node in a streaming pass; the element each
// error is about is where the start tag of that element is. The error is
// ctx's, when it is done before every error is located.
func (c *collector) validity(ctx context.Context, d *Document, valid C.int) ([]Error, error) {
	errs := c.verrs
	for i := range errs {
		if i%ctxEvery == ctxEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if el := c.velems[i]; el >= 0 {
			if errs[i].Line == 0 {
				errs[i].Line = int(d.els[el].line)
			}
			d.locate(&errs[i], el, "")
		}
	}
	if el := c.firstEl; c.omitted != nil && el >= 0 && int(el) < len(d.els) {
		first := &c.omitted.Validity.First
		if first.Line == 0 {
			first.Line = int(d.els[el].line)
		}
		d.locate(first, el, "")
	}
	errs = append(errs, c.genericErrors()...)
	if valid == 0 && len(errs) == 0 {
		// libxml2 says invalid without saying why; never report "valid".
		errs = append(errs, Error{Domain: DomainSchemasValid, Level: LevelError, Line: 1, Message: "the document is not valid against the schema"})
	}
	return errs, nil
}

func goError(e *C.xmlError) Error {
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
	return err
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
