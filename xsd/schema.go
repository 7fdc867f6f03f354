package xsd

/*
#include <stdlib.h>
#include "binding.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// compileMu serialises schema compilation: libxml2's schema parser keeps
// process-wide state that is not safe to build from several threads at once.
// Compiled schemas are cached, so this is rarely contended.
var compileMu sync.Mutex

// Schema is a compiled XSD schema set. It may validate documents from many
// goroutines at once. Close releases its C memory.
type Schema struct {
	mu       sync.RWMutex
	p        C.xmlSchemaPtr
	bundle   *Bundle
	entry    string
	warnings []Error
}

// ErrClosed is returned when a closed Schema is used.
var ErrClosed = errors.New("schema is closed")

// Compile compiles the schema whose entry document is entry (a path inside
// the bundle, such as "customs/wrapper_submit.xsd"). References are resolved
// inside the bundle only (see Bundle). Errors come back as a *CompileError.
func Compile(ctx context.Context, b *Bundle, entry string) (*Schema, error) {
	ensureInit()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	entry = strings.TrimPrefix(entry, "./")
	if !b.shipped {
		if errs := b.Check(entry); len(errs) > 0 {
			return nil, &CompileError{Bundle: b.name, Entry: entry, Errors: errs}
		}
	}
	c := &collector{bundle: b}
	h, ch := newHandle(c)
	defer h.Delete()
	u, free := cString(b.url(entry))
	defer free()

	compileMu.Lock()
	p := C.cl_compile(u, ch)
	compileMu.Unlock()

	var errs, warns []Error
	for _, e := range append(c.errs, c.genericErrors()...) {
		e.File = b.display(e.File)
		e.Message = strings.ReplaceAll(e.Message, b.url(""), "")
		if e.Level == LevelWarning {
			warns = append(warns, e)
		} else {
			errs = append(errs, e)
		}
	}
	for _, r := range c.refused {
		errs = append(errs, Error{Domain: DomainIO, Level: LevelFatal, File: entry,
			Message: fmt.Sprintf("refused to load %s: only files of the schema bundle are read", b.display(r))})
	}
	if p == nil || len(errs) > 0 {
		if p != nil {
			C.xmlSchemaFree(p)
		}
		if len(errs) == 0 {
			errs = append(errs, Error{Level: LevelFatal, File: entry, Message: "libxml2 could not compile the schema"})
		}
		return nil, &CompileError{Bundle: b.name, Entry: entry, Errors: errs}
	}
	return &Schema{p: p, bundle: b, entry: entry, warnings: warns}, nil
}

// Entry returns the entry document the schema was compiled from.
func (s *Schema) Entry() string { return s.entry }

// Bundle returns the bundle the schema was compiled from.
func (s *Schema) Bundle() *Bundle { return s.bundle }

// Warnings returns the warnings libxml2 gave while compiling (for example a
// namespace imported twice).
func (s *Schema) Warnings() []Error { return s.warnings }

// Validate validates the whole document and returns every error libxml2
// reports, in document order, each with line, column and element path. It
// parses the source again, streaming; ParseDocument with Input.Schema
// does both in one pass.
func (s *Schema) Validate(d *Document, opts ...Option) ([]Error, error) {
	return s.validate(context.Background(), d, Element{}, opts)
}

// ValidateContext is Validate under ctx: the pass stops when ctx is done,
// and the error wraps ctx.Err().
func (s *Schema) ValidateContext(ctx context.Context, d *Document, opts ...Option) ([]Error, error) {
	return s.validate(ctx, d, Element{}, opts)
}

// ValidateElement validates the subtree rooted at e as if it were the
// document element (for messages inside a transport wrapper), with the
// namespace bindings in scope at e.
func (s *Schema) ValidateElement(d *Document, e Element, opts ...Option) ([]Error, error) {
	return s.ValidateElementContext(context.Background(), d, e, opts...)
}

// ValidateElementContext is ValidateElement under ctx, stopped as
// ValidateContext is.
func (s *Schema) ValidateElementContext(ctx context.Context, d *Document, e Element, opts ...Option) ([]Error, error) {
	if !e.Valid() {
		return nil, errors.New("validate element: no element")
	}
	return s.validate(ctx, d, e, opts)
}

func (s *Schema) validate(ctx context.Context, d *Document, e Element, opts []Option) ([]Error, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.p == nil {
		return nil, ErrClosed
	}
	if d == nil || d.t == nil {
		return nil, fmt.Errorf("validate: %w", ErrFreed)
	}
	if e.d != nil && e.d != d {
		return nil, errors.New("validate element: element of another document")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	// A second streaming pass over the source, validating from element
	// e.i; errors name elements by their number, which is the same in
	// both passes.
	c := newCollector(opts)
	h, ch := newHandle(c)
	defer h.Delete()
	var valid C.int
	wf := stream(ctx, d.src, d.forceUTF8, c, ch, s.p, e.i, nil, &valid)
	if wf == -2 {
		return nil, fmt.Errorf("validate: %w", ctx.Err())
	}
	if c.readErr != nil {
		return nil, fmt.Errorf("validate: %w", c.readErr)
	}
	if wf != 1 {
		return nil, errors.New("validate: the document did not parse again")
	}
	errs, err := c.validity(ctx, d, valid)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	return errs, nil
}

// Close releases the compiled schema. Validations in progress finish first;
// later ones return ErrClosed.
func (s *Schema) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.p != nil {
		C.xmlSchemaFree(s.p)
		s.p = nil
	}
}
