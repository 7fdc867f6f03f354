package rules

import (
	"iter"
	"slices"
	"sync"

	"github.com/customslint/customslint/xsd"
)

// Index finds the elements of a message by local name, and those that
// carry an attribute, from one walk over the message shared by every rule
// (several rules visiting every element would each walk it otherwise).
type Index struct {
	root xsd.Element
	once sync.Once
	x    *xsd.Index
}

// NewIndex makes the index of the message element root; it is built on
// first use.
func NewIndex(root xsd.Element) *Index { return &Index{root: root} }

// Named yields the message's elements with this local name (the message
// element included), in document order, numbered from 0.
func (x *Index) Named(local string) iter.Seq2[int, xsd.Element] {
	x.once.Do(func() { x.x = x.root.NewIndex() })
	return withRoot(x.root, x.root.Is(local), x.x.Named(local).All())
}

// WithAttr yields the message's elements that carry an attribute of this
// local name, in document order, numbered from 0.
func (x *Index) WithAttr(local string) iter.Seq2[int, xsd.Element] {
	x.once.Do(func() { x.x = x.root.NewIndex() })
	_, ok := x.root.Attr(local)
	return withRoot(x.root, ok, slices.All(x.x.WithAttr(local)))
}

// withRoot yields root first when it belongs, then the indexed elements
// below it.
func withRoot(root xsd.Element, has bool, below iter.Seq2[int, xsd.Element]) iter.Seq2[int, xsd.Element] {
	return func(yield func(int, xsd.Element) bool) {
		k := 0
		if has {
			if !yield(0, root) {
				return
			}
			k = 1
		}
		for i, e := range below {
			if !yield(i+k, e) {
				return
			}
		}
	}
}

// Named yields the message's elements with this local name, in document
// order (from the index the engine shares among the rules).
func (p *Pass) Named(local string) iter.Seq2[int, xsd.Element] {
	if p.Index == nil {
		p.Index = NewIndex(p.Root)
	}
	return p.Index.Named(local)
}

// WithAttr yields the message's elements that carry an attribute of this
// local name, in document order.
func (p *Pass) WithAttr(local string) iter.Seq2[int, xsd.Element] {
	if p.Index == nil {
		p.Index = NewIndex(p.Root)
	}
	return p.Index.WithAttr(local)
}
