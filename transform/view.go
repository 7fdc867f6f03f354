// Package transform converts messages between XML and JSON, driven by the
// message models: which elements repeat (JSON arrays, present even when
// empty), which values are numbers, which elements carry attributes. For
// CTC phases 5 and 6 the JSON has the shape of HMRC's
// transit-movements-converter; unlike that converter the conversion is
// lossless both ways (see docs/json.md).
package transform

import (
	"fmt"

	"github.com/customslint/customslint/model"
)

// Kind is how a value is written in JSON.
type Kind int

// Kinds.
const (
	Object  Kind = iota // element content
	String              // any other value: codes, flags, dates, text
	Number              // XSD decimal (and float, double)
	Integer             // XSD integer and its derived types
)

// Node is the JSON view of one element declaration.
type Node struct {
	Name      string // local name
	Key       string // the JSON key: the local name, prefixed when a sibling has the same local name
	Namespace string // the element's namespace in XML
	Min, Max  int    // how often it may occur (Max model.Unbounded)
	Array     bool   // a JSON array: the element may occur more than once
	Kind      Kind   // Object, or the kind of its value
	// Text is set for an element whose value may carry attributes (simple
	// content with attributes): with attributes it is an object holding
	// the value under "#".
	Text     bool
	Children []*Node
	Attrs    []*AttrNode
	Element  *model.Element
	// Type is the element's named type ("" schema when anonymous); Value
	// describes the value of a leaf (Kind not Object).
	Type  model.Ref
	Value *Value
	byKey map[string]*Node
}

// Value is what constrains a leaf value: its XSD built-in base type and the
// facets of each derivation step, most derived first.
type Value struct {
	Base  string
	Steps []model.Facets
}

// AttrNode is the JSON view of an attribute: the key "@name".
type AttrNode struct {
	Name     string
	Kind     Kind
	Required bool
	Value    *Value
}

// Child returns the child node with this JSON key.
func (n *Node) Child(key string) *Node { return n.byKey[key] }

// ChildElement returns the child node of an XML element with this local
// name and namespace.
func (n *Node) ChildElement(local, namespace string) *Node {
	for _, c := range n.Children {
		if c.Name == local && c.Namespace == namespace {
			return c
		}
	}
	return nil
}

// View is the JSON view of one message type.
type View struct {
	MessageType string
	Profile     string
	Root        *Node
	RootKey     string // the key of the root object: "n1:CC015C", "CC015B", "md:MetaData"
}

// Prefixes customslint writes in JSON keys for known namespaces (the root
// key, and a key whose local name a sibling in another namespace shares).
var prefixes = map[string]string{
	"http://ncts.dgtaxud.ec":                       "n1",
	"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2": "md",
	"urn:wco:datamodel:WCO:DEC-DMS:2":              "dec",
	"urn:wco:datamodel:WCO:RES-DMS:2":              "res",
}

// prefixedKey is the JSON key of an element named with its namespace.
func prefixedKey(name, ns string) string {
	if p, ok := prefixes[ns]; ok {
		return p + ":" + name
	}
	return "{" + ns + "}" + name
}

// xmlPrefixes are the prefixes used when writing XML.
var xmlPrefixes = map[string]string{
	"http://ncts.dgtaxud.ec":                       "ncts",
	"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2": "md",
}

// NewView builds the view of a message type from a model set.
func NewView(set *model.Set, messageType string) (*View, error) {
	var entry *model.Entry
	for _, e := range set.Entries {
		for _, t := range e.MessageTypes {
			if t == messageType {
				entry = e
			}
		}
	}
	if entry == nil {
		return nil, fmt.Errorf("no model of %s in %s: customslint cannot convert it", messageType, set.Name)
	}
	b := &builder{set: set, schemas: closure(set, entry.Schemas)}
	rootName := messageType
	if set.Profile == "cds" {
		rootName = "MetaData"
	}
	var root *model.Element
	var rootSchema *model.Schema
	for _, s := range b.schemas {
		if e, ok := s.Element(rootName); ok && root == nil {
			root, rootSchema = e, s
		}
	}
	if root == nil {
		return nil, fmt.Errorf("the model of %s declares no element %s", messageType, rootName)
	}
	n, err := b.element(root, rootSchema, rootSchema.Namespace, 1, 1, 0)
	if err != nil {
		return nil, fmt.Errorf("the model of %s: %w", messageType, err)
	}
	key := n.Name
	if _, ok := prefixes[n.Namespace]; ok {
		key = prefixedKey(n.Name, n.Namespace)
	}
	n.Key = key
	return &View{MessageType: messageType, Profile: set.Profile, Root: n, RootKey: key}, nil
}

// closure lists the schemas an entry pulls in: its own and, recursively,
// those they use.
func closure(set *model.Set, ids []string) []*model.Schema {
	var out []*model.Schema
	seen := map[string]bool{}
	var add func(id string)
	add = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		s := set.Schemas[id]
		out = append(out, s)
		for _, u := range s.Uses {
			add(u)
		}
	}
	for _, id := range ids {
		add(id)
	}
	return out
}

type builder struct {
	set     *model.Set
	schemas []*model.Schema // of the entry, in load order
}

func (b *builder) typeDef(r model.Ref) model.Def {
	if r.Builtin() || r.IsZero() {
		return nil
	}
	d, _ := b.set.Schemas[r.Schema].Type(r.Name)
	return d
}

// builtinKind maps an XSD built-in type to its JSON kind.
func builtinKind(name string) Kind {
	switch name {
	case "decimal", "float", "double":
		return Number
	case "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
		"long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte":
		return Integer
	}
	return String
}

// value collects the facets of r's derivation chain, after those of own
// (the facets of an anonymous restriction of r), down to the built-in base.
func (b *builder) value(r model.Ref, own *model.Facets, depth int) *Value {
	v := &Value{}
	if own != nil && !own.Empty() {
		v.Steps = append(v.Steps, *own)
	}
	for ; depth < 32; depth++ {
		if r.Builtin() || r.IsZero() {
			v.Base = r.Name
			if v.Base == "" {
				v.Base = "anySimpleType"
			}
			return v
		}
		switch t := b.typeDef(r).(type) {
		case *model.SimpleType:
			if !t.Facets.Empty() {
				v.Steps = append(v.Steps, t.Facets)
			}
			r = t.Base
		case *model.ComplexType:
			if t.Derivation == model.Restriction && !t.Facets.Empty() {
				v.Steps = append(v.Steps, t.Facets)
			}
			r = t.Base
		default:
			v.Base = "string"
			return v
		}
	}
	v.Base = "string"
	return v
}

func mul(a, b int) int {
	if a == model.Unbounded || b == model.Unbounded {
		if a == 0 || b == 0 {
			return 0
		}
		return model.Unbounded
	}
	return a * b
}

// element builds the node of an element declared in schema s.
func (b *builder) element(e *model.Element, s *model.Schema, ns string, min, max, depth int) (*Node, error) {
	if depth > 64 {
		return nil, fmt.Errorf("%s: nesting deeper than 64 (a recursive type?)", e.Name)
	}
	n := &Node{Name: e.Name, Key: e.Name, Namespace: ns, Min: min, Max: max, Array: max == model.Unbounded || max > 1, Element: e, Type: e.Type}
	var ct *model.ComplexType
	switch a := e.Anon.(type) {
	case *model.SimpleType:
		n.Value = b.value(a.Base, &a.Facets, 0)
		n.Kind = builtinKind(n.Value.Base)
		return n, nil
	case *model.ComplexType:
		ct = a
	case nil:
		switch t := b.typeDef(e.Type).(type) {
		case *model.ComplexType:
			// The local elements of a named type belong to the schema
			// that defines the type.
			ct, s = t, b.set.Schemas[e.Type.Schema]
		default:
			n.Value = b.value(e.Type, nil, 0)
			n.Kind = builtinKind(n.Value.Base)
			return n, nil
		}
	}
	if err := b.complex(n, ct, s, depth); err != nil {
		return nil, err
	}
	return n, nil
}

// complex fills n from a complex type: its attributes, and its value kind
// (simple content) or its children (element content).
func (b *builder) complex(n *Node, ct *model.ComplexType, s *model.Schema, depth int) error {
	if b.set.SimpleContent(ct) {
		var own *model.Facets
		if ct.Derivation == model.Restriction {
			own = &ct.Facets
		}
		n.Value = b.value(ct.Base, own, 0)
		n.Kind = builtinKind(n.Value.Base)
		b.attrs(n, ct, 0)
		n.Text = len(n.Attrs) > 0
		return nil
	}
	n.Kind = Object
	if ct.Derivation == model.Extension {
		if base, ok := b.typeDef(ct.Base).(*model.ComplexType); ok {
			if err := b.complex(n, base, b.set.Schemas[ct.Base.Schema], depth); err != nil {
				return err
			}
		}
	}
	if ct.Content != nil {
		if err := b.particle(n, ct.Content, s, 1, 1, depth); err != nil {
			return err
		}
	}
	b.attrs(n, ct, 0)
	return nil
}

// attrs adds the attributes of a type and its bases (a prohibited
// attribute is removed).
func (b *builder) attrs(n *Node, ct *model.ComplexType, depth int) {
	if depth > 32 {
		return
	}
	if base, ok := b.typeDef(ct.Base).(*model.ComplexType); ok && ct.Derivation != model.ElementOnly {
		b.attrs(n, base, depth+1)
	}
	for _, a := range ct.Attributes {
		val := &Value{Base: "anySimpleType"}
		if a.Anon != nil {
			val = b.value(a.Anon.Base, &a.Anon.Facets, 0)
		} else if !a.Type.IsZero() {
			val = b.value(a.Type, nil, 0)
		}
		kind := builtinKind(val.Base)
		replaced := false
		for i, x := range n.Attrs {
			if x.Name == a.Name {
				if a.Use == model.Prohibited {
					n.Attrs = append(n.Attrs[:i], n.Attrs[i+1:]...)
				} else {
					n.Attrs[i] = &AttrNode{a.Name, kind, a.Use == model.Required, val}
				}
				replaced = true
				break
			}
		}
		if !replaced && a.Use != model.Prohibited {
			n.Attrs = append(n.Attrs, &AttrNode{a.Name, kind, a.Use == model.Required, val})
		}
	}
}

func (b *builder) add(n, c *Node) error {
	if n.byKey == nil {
		n.byKey = map[string]*Node{}
	}
	if prev := n.ChildElement(c.Name, c.Namespace); prev != nil {
		if prev.Element == c.Element {
			return nil // the same declaration reached twice (a choice of groups)
		}
		return fmt.Errorf("%s: two different elements %s in one namespace", n.Name, c.Name)
	}
	if prev, dup := n.byKey[c.Key]; dup {
		// The same local name in two namespaces (a Response holds its own
		// Declaration and the declaration's): the one outside the
		// parent's namespace is keyed with its prefix.
		if c.Namespace == n.Namespace {
			delete(n.byKey, prev.Key)
			prev.Key = prefixedKey(prev.Name, prev.Namespace)
			n.byKey[prev.Key] = prev
		} else {
			c.Key = prefixedKey(c.Name, c.Namespace)
		}
		n.byKey[c.Key] = c
	} else {
		n.byKey[c.Key] = c
	}
	n.Children = append(n.Children, c)
	return nil
}

// particle adds the elements of a content particle to n; min and max
// multiply the cardinality of what is inside.
func (b *builder) particle(n *Node, p *model.Particle, s *model.Schema, min, max, depth int) error {
	pmin, pmax := mul(min, p.Min), mul(max, p.Max)
	switch p.Kind {
	case model.PElement:
		ns := ""
		if s.ElementForm == "qualified" {
			ns = s.Namespace
		}
		c, err := b.element(p.Element, s, ns, pmin, pmax, depth+1)
		if err != nil {
			return err
		}
		return b.add(n, c)
	case model.PElementRef:
		rs := b.set.Schemas[p.Ref.Schema]
		e, _ := rs.Element(p.Ref.Name)
		c, err := b.element(e, rs, rs.Namespace, pmin, pmax, depth+1)
		if err != nil {
			return err
		}
		return b.add(n, c)
	case model.PGroupRef:
		gs := b.set.Schemas[p.Ref.Schema]
		g, _ := gs.Group(p.Ref.Name)
		return b.particle(n, g.Content, gs, pmin, pmax, depth)
	case model.PAny:
		// The global elements of the entry in the wildcard's namespace.
		for _, sc := range b.schemas {
			if sc.Namespace != p.Namespace {
				continue
			}
			for _, d := range sc.Defs {
				if e, ok := d.(*model.Element); ok {
					c, err := b.element(e, sc, sc.Namespace, 0, pmax, depth+1)
					if err != nil {
						return err
					}
					if err := b.add(n, c); err != nil {
						return err
					}
				}
			}
		}
		return nil
	case model.PChoice:
		if len(p.Children) > 1 {
			pmin = 0 // each alternative may be absent
		}
	}
	for _, c := range p.Children {
		if err := b.particle(n, c, s, pmin, pmax, depth); err != nil {
			return err
		}
	}
	return nil
}
