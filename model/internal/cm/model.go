// Package cm reads customslint's message models, written in the project's
// own compact format (see model/FORMAT.md; the sources are model/src/SET/*.cm):
// every message customslint knows (elements, order, cardinality, types and
// facets, attributes, documentation, WCO IDs).
//
// It is used at build time only: go generate ./model (model/internal/gen)
// parses the models with it and writes what the binary needs, the XSD
// documents (WriteXSD, into model/schemas) and the model tables as Go
// (model/*_gen.go). Its types mirror those of package model, which carries
// the tables without documentation and source positions; the binary never
// imports this package.
package cm

import (
	"fmt"
	"sort"
)

// Set is the models of one profile (cds, ctc-p4 ...): its schemas and which
// message types each entry validates.
type Set struct {
	Name    string             // folder name
	Profile string             // engine profile: cds, ctc-p4, ctc-p5, ctc-p6
	Schemas map[string]*Schema // by schema ID
	Entries []*Entry
}

// Entry is one schema entry point: the message types it validates and the
// schemas it is composed of (each with what it uses).
type Entry struct {
	MessageTypes []string
	Schemas      []string // schema IDs, the first gives the entry's namespace
	File         string   // the model file that declares it
	Line         int
}

// Document returns the generated file name of the entry document.
func (e *Entry) Document() string { return "entry-" + lower(e.MessageTypes[0]) + ".xsd" }

// Schema is one model file: the definitions of one namespace (or none).
type Schema struct {
	ID          string
	File        string // model file name
	Namespace   string // target namespace; "" for none
	ElementForm string // "qualified" or "unqualified" (default)
	Version     string
	Doc         string
	Uses        []string       // IDs of schemas whose definitions this one refers to
	Defs        []Def          // definitions in file order
	entries     []*Entry       // entries declared in this file
	defFile     map[Def]string // the file of each definition (a schema may have parts)

	// XSD keeps types, elements and groups in separate symbol spaces (a
	// type and an element may share a name); so do these.
	types    map[string]Def // *SimpleType or *ComplexType
	elements map[string]*Element
	groups   map[string]*Group
}

// Def is a top-level definition: *SimpleType, *ComplexType, *Group or
// *Element.
type Def interface {
	DefName() string
	defLine() int
}

// Type returns the simple or complex type with this name.
func (s *Schema) Type(name string) (Def, bool) {
	d, ok := s.types[name]
	return d, ok
}

// Element returns the global element with this name.
func (s *Schema) Element(name string) (*Element, bool) {
	e, ok := s.elements[name]
	return e, ok
}

// Group returns the named model group.
func (s *Schema) Group(name string) (*Group, bool) {
	g, ok := s.groups[name]
	return g, ok
}

// Ref names a type, group or element: a built-in XSD type (Schema "xs"),
// or a definition of a schema (Schema is its ID).
type Ref struct {
	Schema string
	Name   string
}

// Builtin reports whether the reference names an XSD built-in type.
func (r Ref) Builtin() bool { return r.Schema == "xs" }

// IsZero reports whether the reference is empty.
func (r Ref) IsZero() bool { return r.Name == "" }

func (r Ref) String() string {
	if r.Schema == "" {
		return r.Name
	}
	return r.Schema + "." + r.Name
}

// EnumValue is one allowed value of an enumeration.
type EnumValue struct {
	Value string
	Doc   string
}

// Facets restrict a simple type's values.
type Facets struct {
	Length, MinLength, MaxLength *int
	Patterns                     []string // alternatives of one derivation step
	Enum                         []EnumValue
	TotalDigits, FractionDigits  *int
	MinInclusive, MaxInclusive   *string
	MinExclusive, MaxExclusive   *string
	WhiteSpace                   string
	// JSON holds facets that replace these in JSON Schemas ("json:pattern=..."
	// in a model): where HMRC's published JSON Schema reads a type
	// differently from its XSD (lower case accepted in country codes, say),
	// customslint's JSON Schema follows HMRC's, since that is what HMRC's
	// JSON validation applies; the XSD check after conversion still applies
	// the XSD facets.
	JSON *Facets
}

// Empty reports whether no facet is set.
func (f *Facets) Empty() bool {
	return f.Length == nil && f.MinLength == nil && f.MaxLength == nil && len(f.Patterns) == 0 && len(f.Enum) == 0 &&
		f.TotalDigits == nil && f.FractionDigits == nil && f.MinInclusive == nil && f.MaxInclusive == nil &&
		f.MinExclusive == nil && f.MaxExclusive == nil && f.WhiteSpace == "" && f.JSON == nil
}

// SimpleType is a restriction of a built-in or another simple type.
type SimpleType struct {
	Name   string // "" when anonymous
	Base   Ref
	Facets Facets
	Doc    string
	Line   int
}

// DefName implements Def.
func (t *SimpleType) DefName() string { return t.Name }
func (t *SimpleType) defLine() int    { return t.Line }

// Derivation says how a complex type is built.
type Derivation int

// Derivations.
const (
	ElementOnly Derivation = iota // a content model of elements (and attributes)
	Extension                     // extends a simple type or simple-content type with attributes, or a complex type with more content
	Restriction                   // restricts the value of a simple-content complex type
)

// ComplexType has attributes, and either element content or simple content.
type ComplexType struct {
	Name       string // "" when anonymous
	Derivation Derivation
	Base       Ref       // for Extension and Restriction
	Facets     Facets    // for Restriction
	Content    *Particle // element content (nil for none)
	Attributes []*Attribute
	Doc        string
	Line       int
}

// DefName implements Def.
func (t *ComplexType) DefName() string { return t.Name }
func (t *ComplexType) defLine() int    { return t.Line }

// Group is a named model group.
type Group struct {
	Name    string
	Content *Particle // a sequence, choice or all
	Doc     string
	Line    int
}

// DefName implements Def.
func (g *Group) DefName() string { return g.Name }
func (g *Group) defLine() int    { return g.Line }

// Unbounded is the Max of a particle that may repeat without limit.
const Unbounded = -1

// ParticleKind says what a particle is.
type ParticleKind int

// Particle kinds.
const (
	PElement    ParticleKind = iota // a local element declaration
	PElementRef                     // a reference to a global element
	PSequence
	PChoice
	PAll
	PGroupRef
	PAny
)

// Particle is one item of a content model.
type Particle struct {
	Kind     ParticleKind
	Min, Max int // Max is Unbounded for *
	Element  *Element
	Ref      Ref // PElementRef, PGroupRef
	Children []*Particle
	// PAny
	Namespace string // ##any, ##other, ##local, ##targetNamespace or a URI list
	Process   string // strict, lax or skip
	Line      int
}

// Element is an element declaration, global or local.
type Element struct {
	Name string
	Type Ref // a named type; zero when Anon is set
	// Anon is the element's anonymous type: *SimpleType or *ComplexType.
	Anon    Def
	WCO     string // WCO ID (CDS): class ID such as 42A, or data element ID such as D026
	Doc     string
	Default *string
	Fixed   *string
	Line    int
}

// DefName implements Def.
func (e *Element) DefName() string { return e.Name }
func (e *Element) defLine() int    { return e.Line }

// AttributeUse says whether an attribute must, may or must not appear.
type AttributeUse string

// Attribute uses.
const (
	Optional   AttributeUse = "optional"
	Required   AttributeUse = "required"
	Prohibited AttributeUse = "prohibited"
)

// Attribute is an attribute declaration.
type Attribute struct {
	Name    string
	Use     AttributeUse
	Type    Ref         // a named simple type; zero when Anon is set or none given
	Anon    *SimpleType // anonymous simple type
	Default *string
	Fixed   *string
	Doc     string
	Line    int
}

// Builtins are the XSD built-in types a model may name without prefix.
var Builtins = map[string]bool{
	"anyType": true, "anySimpleType": true, "string": true, "normalizedString": true, "token": true,
	"language": true, "Name": true, "NCName": true, "NMTOKEN": true, "ID": true, "anyURI": true, "QName": true,
	"boolean": true, "decimal": true, "integer": true, "nonNegativeInteger": true, "positiveInteger": true,
	"nonPositiveInteger": true, "negativeInteger": true, "long": true, "int": true, "short": true, "byte": true,
	"unsignedLong": true, "unsignedInt": true, "unsignedShort": true, "unsignedByte": true, "float": true,
	"double": true, "date": true, "dateTime": true, "time": true, "duration": true, "gYear": true,
	"gYearMonth": true, "gMonth": true, "gMonthDay": true, "gDay": true, "base64Binary": true, "hexBinary": true,
}

// Error is a problem in a model file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is a list of model problems.
type Errors []*Error

func (es Errors) Error() string {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		return es[i].Line < es[j].Line
	})
	s := ""
	for i, e := range es {
		if i == 20 {
			s += fmt.Sprintf("\n... and %d more", len(es)-i)
			break
		}
		if i > 0 {
			s += "\n"
		}
		s += e.Error()
	}
	return s
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
