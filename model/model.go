// Package model holds customslint's message models as tables: for every
// profile (cds, ctc-p4, ctc-p5, ctc-p6) the schemas of its messages
// (elements, order, cardinality, types and facets, attributes, WCO IDs) and
// which message types each entry validates. Rules resolve WCO pointers with
// them, transform builds JSON views and JSON Schemas from them, codelists
// reads the WCO section codes from them.
//
// The tables are generated from the model sources (model/src/SET/*.cm, in
// the format FORMAT.md describes) by go generate ./model, which also writes
// the XSD documents of package model/schemas. They are embedded as text
// (tables/SET.tab, see tables.go) and decoded, in one pass over their lines,
// on a set's first Lookup. The parser of the sources (model/internal/cm)
// runs at build time only: the binary carries neither the sources nor the
// parser. A test regenerates everything and requires the committed files to
// be exactly that.
package model

//go:generate go run ./internal/gen -src src -out .

// Set is the models of one profile (cds, ctc-p4 ...): its schemas and which
// message types each entry validates.
type Set struct {
	Name    string             // source folder name
	Profile string             // engine profile: cds, ctc-p4, ctc-p5, ctc-p6
	Schemas map[string]*Schema // by schema ID
	Entries []*Entry
}

// Entry is one schema entry point: the message types it validates and the
// schemas it is composed of.
type Entry struct {
	MessageTypes []string
	Schemas      []string // schema IDs, the first gives the entry's namespace
}

// Document returns the generated file name of the entry document.
func (e *Entry) Document() string { return "entry-" + lower(e.MessageTypes[0]) + ".xsd" }

// Schema is the definitions of one namespace (or none).
type Schema struct {
	ID          string
	Namespace   string // target namespace; "" for none
	ElementForm string // "qualified" or "unqualified" (default)
	Version     string
	Uses        []string // IDs of schemas whose definitions this one refers to
	Defs        []Def    // definitions in source order

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
	// JSON holds facets that replace these in JSON Schemas (see FORMAT.md,
	// "json:"): where HMRC's published JSON Schema reads a type differently
	// from its XSD, customslint's JSON Schema follows HMRC's; the XSD check
	// after conversion still applies the XSD facets.
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
}

// DefName implements Def.
func (t *SimpleType) DefName() string { return t.Name }

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
}

// DefName implements Def.
func (t *ComplexType) DefName() string { return t.Name }

// Group is a named model group.
type Group struct {
	Name    string
	Content *Particle // a sequence, choice or all
}

// DefName implements Def.
func (g *Group) DefName() string { return g.Name }

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
}

// Element is an element declaration, global or local.
type Element struct {
	Name string
	Type Ref // a named type; zero when Anon is set
	// Anon is the element's anonymous type: *SimpleType or *ComplexType.
	Anon    Def
	WCO     string // WCO ID (CDS): class ID such as 42A, or data element ID such as D026
	Default *string
	Fixed   *string
}

// DefName implements Def.
func (e *Element) DefName() string { return e.Name }

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

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
