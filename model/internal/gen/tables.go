package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"reflect"
	"sort"
	"strconv"

	"github.com/customslint/customslint/model/internal/cm"
)

// The tables are the parsed set written as Go composite literals of
// package model's types, which have the same names and fields as those of
// package cm less the ones only the sources need (documentation, source
// positions). Every value is a constant or the address of a literal or of
// a package variable, so the compiler lays the tables out as static data:
// the binary runs no code to build them. Lookup maps are made on first use
// (model.Lookup).

// dropped are the fields of cm's types that package model does not carry.
var dropped = map[string]bool{"Doc": true, "Line": true, "File": true}

// symbols writes the values of enumerated types by their constant names.
var symbols = map[reflect.Type]map[string]string{
	reflect.TypeOf(cm.Derivation(0)): {
		strconv.Itoa(int(cm.ElementOnly)): "ElementOnly", strconv.Itoa(int(cm.Extension)): "Extension",
		strconv.Itoa(int(cm.Restriction)): "Restriction",
	},
	reflect.TypeOf(cm.ParticleKind(0)): {
		strconv.Itoa(int(cm.PElement)): "PElement", strconv.Itoa(int(cm.PElementRef)): "PElementRef",
		strconv.Itoa(int(cm.PSequence)): "PSequence", strconv.Itoa(int(cm.PChoice)): "PChoice",
		strconv.Itoa(int(cm.PAll)): "PAll", strconv.Itoa(int(cm.PGroupRef)): "PGroupRef", strconv.Itoa(int(cm.PAny)): "PAny",
	},
	reflect.TypeOf(cm.AttributeUse("")): {
		string(cm.Optional): "Optional", string(cm.Required): "Required", string(cm.Prohibited): "Prohibited",
	},
}

// maxDepth bounds the nesting of the tables (the models nest far less).
const maxDepth = 200

// writer writes the literals of one set.
type writer struct {
	b      bytes.Buffer
	prefix string            // identifier prefix of the set: ctcP4
	ints   map[int]string    // variables holding the targets of *int fields, named by value
	strs   map[string]string // variables holding the targets of *string fields, named by hash
	order  []string          // variable declarations
	names  map[string]bool   // the variables of strs
	seen   map[uintptr]bool  // pointers written: the tables are trees
	err    error
}

// setTables returns the Go file holding the tables of one set.
func setTables(set *cm.Set) ([]byte, error) {
	w := &writer{prefix: ident(set.Name), ints: map[int]string{}, strs: map[string]string{}, names: map[string]bool{}, seen: map[uintptr]bool{}}
	ids := make([]string, 0, len(set.Schemas))
	for id := range set.Schemas {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(&w.b, "// %sSet is the models of model/src/%s.\n", w.prefix, set.Name)
	fmt.Fprintf(&w.b, "var %sSet = &Set{\nName: %q,\nProfile: %q,\nEntries: ", w.prefix, set.Name, set.Profile)
	w.value(reflect.ValueOf(set.Entries), 0)
	w.b.WriteString(",\nlist: []*Schema{\n")
	for _, id := range ids {
		w.value(reflect.ValueOf(set.Schemas[id]), 0)
		w.b.WriteString(",\n")
	}
	w.b.WriteString("},\n}\n")
	if w.err != nil {
		return nil, w.err
	}
	var file bytes.Buffer
	file.WriteString(Header + "package model\n\n")
	sort.Strings(w.order)
	if len(w.order) > 0 {
		file.WriteString("// The targets of the pointer fields of " + w.prefix + "Set.\nvar (\n")
		for _, d := range w.order {
			file.WriteString(d + "\n")
		}
		file.WriteString(")\n\n")
	}
	file.Write(w.b.Bytes())
	return file.Bytes(), nil
}

func (w *writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
}

// value writes v as a Go expression of package model.
func (w *writer) value(v reflect.Value, depth int) {
	if depth > maxDepth {
		w.fail("tables nest deeper than %d levels", maxDepth)
		return
	}
	if names, ok := symbols[v.Type()]; ok {
		key := fmt.Sprint(v.Interface())
		name, ok := names[key]
		if !ok {
			w.fail("no constant of %s is %s", v.Type(), key)
		}
		w.b.WriteString(name)
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.b.WriteString(strconv.Quote(v.String()))
	case reflect.Int:
		w.b.WriteString(strconv.Itoa(int(v.Int())))
	case reflect.Bool:
		w.b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Interface:
		if v.IsNil() {
			w.b.WriteString("nil")
			return
		}
		w.value(v.Elem(), depth+1)
	case reflect.Pointer:
		w.pointer(v, depth)
	case reflect.Slice:
		w.b.WriteString("[]" + typeName(v.Type().Elem()) + "{\n")
		for i := 0; i < v.Len(); i++ {
			w.value(v.Index(i), depth+1)
			w.b.WriteString(",\n")
		}
		w.b.WriteString("}")
	case reflect.Struct:
		w.structLit(v, depth)
	default:
		w.fail("cannot write a %s (%s)", v.Kind(), v.Type())
	}
}

func (w *writer) pointer(v reflect.Value, depth int) {
	if v.IsNil() {
		w.b.WriteString("nil")
		return
	}
	switch e := v.Elem(); e.Kind() {
	case reflect.Int:
		n := int(e.Int())
		name, ok := w.ints[n]
		if !ok {
			name = fmt.Sprintf("%sInt%d", w.prefix, n)
			if n < 0 {
				name = fmt.Sprintf("%sIntMinus%d", w.prefix, -n)
			}
			w.ints[n] = name
			w.order = append(w.order, fmt.Sprintf("%s = %d", name, n))
		}
		w.b.WriteString("&" + name)
	case reflect.String:
		s := e.String()
		name, ok := w.strs[s]
		if !ok {
			h := fnv.New32a()
			h.Write([]byte(s))
			name = fmt.Sprintf("%sStr%08x", w.prefix, h.Sum32())
			if w.names[name] {
				w.fail("two strings hash to %s: name them otherwise", name)
			}
			w.names[name] = true
			w.strs[s] = name
			w.order = append(w.order, fmt.Sprintf("%s = %s", name, strconv.Quote(s)))
		}
		w.b.WriteString("&" + name)
	case reflect.Struct:
		if w.seen[v.Pointer()] {
			w.fail("%s at %#x is reached twice: the tables must be trees", e.Type(), v.Pointer())
			return
		}
		w.seen[v.Pointer()] = true
		w.b.WriteString("&")
		w.structLit(e, depth)
	default:
		w.fail("cannot write a pointer to %s", e.Type())
	}
}

// structLit writes the set, exported, carried fields of a struct.
func (w *writer) structLit(v reflect.Value, depth int) {
	t := v.Type()
	w.b.WriteString(typeName(t) + "{")
	first := true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || dropped[f.Name] || v.Field(i).IsZero() {
			continue
		}
		if fv := v.Field(i); fv.Kind() == reflect.Slice && fv.Len() == 0 {
			continue
		}
		if first {
			w.b.WriteString("\n")
			first = false
		}
		w.b.WriteString(f.Name + ": ")
		w.value(v.Field(i), depth+1)
		w.b.WriteString(",\n")
	}
	w.b.WriteString("}")
}

// typeName is the name in package model of a type of package cm.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + typeName(t.Elem())
	case reflect.Slice:
		return "[]" + typeName(t.Elem())
	}
	return t.Name() // a predeclared type, or a cm type model has too
}
