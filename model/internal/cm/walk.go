package cm

import (
	"fmt"
)

// Node is one element of a message tree, with where it sits.
type Node struct {
	Path    string   // /Declaration/GoodsShipment/GovernmentAgencyGoodsItem
	Element *Element // the declaration
	Schema  *Schema  // the schema that declares it
	Min     int      // of the element's own particle (1 for the root)
	Max     int      // Unbounded for *
	Parent  *Node
	// Ref is set when the element is a reference to a global element of
	// another schema (WCO's od:Declaration inside a Response): its
	// declaration and elements belong to that schema.
	Ref *Ref
}

// TypeName returns the element's named type as the schema documents write
// it ("ds:DeclarationFunctionCodeType" for another schema's type, the bare
// name for one of the same schema), or "" for an anonymous type. prefix maps
// a schema ID to the prefix to print (the ID itself when absent).
func (n *Node) TypeName(prefix map[string]string) string {
	t := n.Element.Type
	switch {
	case t.IsZero():
		return ""
	case t.Schema == n.Schema.ID:
		return t.Name
	}
	p, ok := prefix[t.Schema]
	if !ok {
		p = t.Schema
	}
	return p + ":" + t.Name
}

// Tree lists the elements declared in one schema under its global element
// root, depth first in document order: the elements of the root's type and
// of every anonymous type or named type of the same schema below it. Types
// from other schemas (shared data types) are not entered; their elements
// belong to those schemas.
func (set *Set) Tree(schemaID, root string) ([]*Node, error) {
	s, ok := set.Schemas[schemaID]
	if !ok {
		return nil, fmt.Errorf("tree: no schema %s in %s", schemaID, set.Name)
	}
	e, ok := s.elements[root]
	if !ok {
		return nil, fmt.Errorf("tree: no global element %s in %s", root, schemaID)
	}
	t := &treeWalker{set: set, home: s}
	n := &Node{Path: "/" + e.Name, Element: e, Schema: s, Min: 1, Max: 1}
	t.out = append(t.out, n)
	t.children(n, 0)
	return t.out, t.err
}

type treeWalker struct {
	set  *Set
	home *Schema
	out  []*Node
	err  error
}

// children walks the content of n's type when that type belongs to the
// schema being listed.
func (t *treeWalker) children(n *Node, depth int) {
	if depth > 64 {
		t.err = fmt.Errorf("tree: %s nests deeper than 64 levels (a recursive type?)", n.Path)
		return
	}
	var ct *ComplexType
	switch a := n.Element.Anon.(type) {
	case *ComplexType:
		ct = a
	case nil:
		r := n.Element.Type
		if r.Schema == t.home.ID {
			ct, _ = t.home.types[r.Name].(*ComplexType)
		}
	}
	if ct != nil {
		t.complex(n, ct, depth)
	}
}

func (t *treeWalker) complex(n *Node, ct *ComplexType, depth int) {
	if ct.Derivation == Extension && ct.Base.Schema == t.home.ID {
		if b, ok := t.home.types[ct.Base.Name].(*ComplexType); ok {
			t.complex(n, b, depth)
		}
	}
	if ct.Content != nil {
		t.particle(n, ct.Content, depth)
	}
}

func (t *treeWalker) particle(n *Node, p *Particle, depth int) {
	switch p.Kind {
	case PElement:
		c := &Node{Path: n.Path + "/" + p.Element.Name, Element: p.Element, Schema: t.home, Min: p.Min, Max: p.Max, Parent: n}
		t.out = append(t.out, c)
		t.children(c, depth+1)
	case PElementRef:
		if s := t.set.Schemas[p.Ref.Schema]; s != nil {
			if e, ok := s.elements[p.Ref.Name]; ok {
				ref := p.Ref
				c := &Node{Path: n.Path + "/" + e.Name, Element: e, Schema: s, Min: p.Min, Max: p.Max, Parent: n, Ref: &ref}
				t.out = append(t.out, c)
				if s == t.home {
					t.children(c, depth+1)
				}
			}
		}
	case PGroupRef:
		if s := t.set.Schemas[p.Ref.Schema]; s == t.home {
			if g, ok := s.groups[p.Ref.Name]; ok {
				t.particle(n, g.Content, depth)
			}
		}
	case PSequence, PChoice, PAll:
		for _, c := range p.Children {
			t.particle(n, c, depth)
		}
	}
}
