package rules

import (
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

	// items are the goods items of each CDS Declaration, read once for
	// the several rules that walk them (cdsGoodsItems).
	itemsMu sync.Mutex
	items   map[xsd.Element][]cdsGoodsItem
}

// goodsItems returns cdsGoodsItems(decl), read once per message; the
// result is shared and must not be changed. A nil index reads it anew.
func (x *Index) goodsItems(decl xsd.Element) []cdsGoodsItem {
	if x == nil {
		return cdsGoodsItems(decl)
	}
	x.itemsMu.Lock()
	defer x.itemsMu.Unlock()
	if its, ok := x.items[decl]; ok {
		return its
	}
	if x.items == nil {
		x.items = map[xsd.Element][]cdsGoodsItem{}
	}
	its := cdsGoodsItems(decl)
	x.items[decl] = its
	return its
}

// NewIndex makes the index of the message element root; it is built on
// first use.
func NewIndex(root xsd.Element) *Index { return &Index{root: root} }

// Named returns the message's elements with this local name (the message
// element included), in document order.
func (x *Index) Named(local string) xsd.Elements {
	x.once.Do(func() { x.x = x.root.NewIndex() })
	return x.x.Named(local)
}

// WithAttr returns the message's elements that carry an attribute of this
// local name (the message element included), in document order.
func (x *Index) WithAttr(local string) []xsd.Element {
	x.once.Do(func() { x.x = x.root.NewIndex() })
	return x.x.WithAttr(local)
}

// Named returns the message's elements with this local name, in document
// order (from the index the engine shares among the rules).
func (p *Pass) Named(local string) xsd.Elements {
	if p.Index == nil {
		p.Index = NewIndex(p.Root)
	}
	return p.Index.Named(local)
}

// WithAttr returns the message's elements that carry an attribute of this
// local name, in document order.
func (p *Pass) WithAttr(local string) []xsd.Element {
	if p.Index == nil {
		p.Index = NewIndex(p.Root)
	}
	return p.Index.WithAttr(local)
}
