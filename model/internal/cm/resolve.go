package cm

import (
	"fmt"
)

// resolver checks every reference of a set and fills in what references
// leave open (which schema an unqualified name lives in, whether an
// anonymous restriction restricts a simple or a complex type).
type resolver struct {
	set  *Set
	errs Errors
	// check is false in the first pass, which only resolves names, and
	// true in the second, which checks what the names refer to.
	check bool
	file  string // the file of the definition being resolved
}

func (r *resolver) errorf(s *Schema, line int, format string, args ...any) {
	file := r.file
	if file == "" {
		file = s.File
	}
	r.errs = append(r.errs, &Error{file, line, fmt.Sprintf(format, args...)})
}

func resolve(set *Set) Errors {
	r := &resolver{set: set}
	for _, s := range sortedSchemas(set) {
		for _, u := range s.Uses {
			if u == s.ID {
				r.errorf(s, 0, "schema %s uses itself", s.ID)
			} else if _, ok := set.Schemas[u]; !ok {
				r.errorf(s, 0, "use %s: no such schema in %s", u, set.Name)
			}
		}
	}
	if len(r.errs) > 0 {
		return r.errs
	}
	for _, check := range []bool{false, true} {
		r.check = check
		for _, s := range sortedSchemas(set) {
			for _, d := range s.Defs {
				r.file = s.defFile[d]
				switch d := d.(type) {
				case *SimpleType:
					r.simple(s, d)
				case *ComplexType:
					r.complex(s, d)
				case *Group:
					r.particle(s, d.Content)
				case *Element:
					r.element(s, d)
				}
			}
		}
		r.file = ""
		if len(r.errs) > 0 {
			return r.errs
		}
	}
	seen := map[string]bool{}
	for _, e := range set.Entries {
		for _, id := range e.Schemas {
			if _, ok := set.Schemas[id]; !ok {
				r.errs = append(r.errs, &Error{e.File, e.Line, fmt.Sprintf("entry: no schema %s", id)})
			}
		}
		for _, t := range e.MessageTypes {
			if seen[t] {
				r.errs = append(r.errs, &Error{e.File, e.Line, fmt.Sprintf("message type %s in two entries", t)})
			}
			seen[t] = true
		}
	}
	return r.errs
}

// visible reports whether schema s may refer to schema id.
func visible(s *Schema, id string) bool {
	if id == s.ID {
		return true
	}
	for _, u := range s.Uses {
		if u == id {
			return true
		}
	}
	return false
}

// typeRef resolves a type reference from schema s; it returns the
// definition (nil for built-ins).
func (r *resolver) typeRef(s *Schema, line int, ref *Ref) Def {
	if r.check {
		if ref.Builtin() {
			return nil
		}
		return r.set.Schemas[ref.Schema].types[ref.Name]
	}
	switch {
	case ref.Schema == "xs":
		if !Builtins[ref.Name] {
			r.errorf(s, line, "xs.%s is not an XSD built-in type", ref.Name)
		}
		return nil
	case ref.Schema == "":
		if d, ok := s.types[ref.Name]; ok {
			ref.Schema = s.ID
			return d
		}
		if Builtins[ref.Name] {
			ref.Schema = "xs"
			return nil
		}
		r.errorf(s, line, "unknown type %s", ref.Name)
		return nil
	}
	if !visible(s, ref.Schema) {
		r.errorf(s, line, "type %s: schema %s is not in this schema's 'use' line", ref, ref.Schema)
		return nil
	}
	d, ok := r.set.Schemas[ref.Schema].types[ref.Name]
	if !ok {
		r.errorf(s, line, "unknown type %s", ref)
		return nil
	}
	return d
}

func (r *resolver) simple(s *Schema, t *SimpleType) {
	if d := r.typeRef(s, t.Line, &t.Base); d != nil && r.check {
		if _, ok := d.(*SimpleType); !ok {
			r.errorf(s, t.Line, "simple type restricts %s, a complex type", t.Base)
		}
	}
}

// SimpleContent reports whether complex type t has a simple value (it
// extends or restricts a simple type, or a type with simple content).
func (set *Set) SimpleContent(t *ComplexType) bool {
	switch t.Derivation {
	case Restriction:
		return true
	case Extension:
		if t.Base.Builtin() {
			return true
		}
		b := set.Schemas[t.Base.Schema]
		if b == nil {
			return false
		}
		if d, ok := b.types[t.Base.Name]; ok {
			switch b := d.(type) {
			case *SimpleType:
				return true
			case *ComplexType:
				return set.SimpleContent(b)
			}
		}
	}
	return false
}

func (r *resolver) complex(s *Schema, t *ComplexType) {
	if t.Derivation != ElementOnly {
		d := r.typeRef(s, t.Line, &t.Base)
		switch {
		case !r.check:
		case t.Derivation == Restriction:
			b, ok := d.(*ComplexType)
			if !ok || !r.set.SimpleContent(b) {
				r.errorf(s, t.Line, "restricts %s: only a complex type with simple content can be restricted (use 'simple NAME : BASE' for simple types)", t.Base)
			}
			if t.Content != nil {
				r.errorf(s, t.Line, "a restriction of simple content holds no elements")
			}
		case t.Derivation == Extension:
			if r.set.SimpleContent(t) && t.Content != nil {
				r.errorf(s, t.Line, "extends %s, which has simple content: only attributes may be added", t.Base)
			}
		}
	}
	if t.Content != nil {
		r.particle(s, t.Content)
	}
	seen := map[string]bool{}
	for _, a := range t.Attributes {
		if seen[a.Name] && !r.check {
			r.errorf(s, a.Line, "attribute %s declared twice", a.Name)
		}
		seen[a.Name] = true
		r.attribute(s, a)
	}
}

func (r *resolver) attribute(s *Schema, a *Attribute) {
	ref := &a.Type
	if a.Anon != nil {
		ref = &a.Anon.Base
	}
	if ref.IsZero() {
		if a.Use != Prohibited {
			r.errorf(s, a.Line, "attribute %s needs ': TYPE'", a.Name)
		}
		return
	}
	if d := r.typeRef(s, a.Line, ref); d != nil && r.check {
		if _, ok := d.(*SimpleType); !ok {
			r.errorf(s, a.Line, "attribute %s has complex type %s", a.Name, ref)
		}
	}
}

func (r *resolver) element(s *Schema, e *Element) {
	switch t := e.Anon.(type) {
	case nil:
		r.typeRef(s, e.Line, &e.Type)
	case *SimpleType:
		d := r.typeRef(s, e.Line, &t.Base)
		if ct, ok := d.(*ComplexType); ok && r.check {
			// ": T facets" where T has simple content: a complex
			// restriction, which keeps T's attributes.
			if !r.set.SimpleContent(ct) {
				r.errorf(s, e.Line, "facets on %s, which has element content", t.Base)
			}
			e.Anon = &ComplexType{Derivation: Restriction, Base: t.Base, Facets: t.Facets, Line: t.Line}
		}
	case *ComplexType:
		r.complex(s, t)
	}
}

func (r *resolver) particle(s *Schema, p *Particle) {
	switch p.Kind {
	case PElement:
		r.element(s, p.Element)
	case PElementRef, PGroupRef:
		if r.check {
			return
		}
		id := p.Ref.Schema
		if id == "" {
			id = s.ID
			p.Ref.Schema = id
		}
		what := "ref"
		if p.Kind == PGroupRef {
			what = "group"
		}
		if !visible(s, id) {
			r.errorf(s, p.Line, "%s %s: schema %s is not in this schema's 'use' line", what, p.Ref, id)
			return
		}
		if p.Kind == PElementRef {
			if _, ok := r.set.Schemas[id].elements[p.Ref.Name]; !ok {
				r.errorf(s, p.Line, "ref %s: no such global element", p.Ref)
			}
		} else if _, ok := r.set.Schemas[id].groups[p.Ref.Name]; !ok {
			r.errorf(s, p.Line, "group %s: no such group", p.Ref)
		}
	case PSequence, PChoice, PAll:
		for _, c := range p.Children {
			r.particle(s, c)
		}
	}
}
