package validate

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"

	"github.com/customslint/customslint/internal/jsondoc"
	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/transform"
)

// badItemBudget bounds the array items wrong at a glance (see glanceBad)
// that the JSON Schema library is given: it builds every error before
// customslint can cap them, one or more per wrong item, and a 2 MB message
// holds a million wrong items. Past the budget, arrays are cut to their
// minimum: the report already has more errors than it keeps
// (DefaultMaxFindings).
const badItemBudget = 1000

// checkEvery is how many values the bounding walk reads between two looks
// at its context.
const checkEvery = 4096

// openMember matches the members any object may carry besides the model's
// (transform's openProperties): namespace declarations and xsi attributes.
var openMember = regexp.MustCompile(`^@xmlns(:\w+)?$|^@xsi:\w+$`)

// bounds is what boundInstance cut from a message, for the errors about
// what it cut to tell the message's own figures.
type bounds struct {
	items   map[string]int // pointer of an array cut to its maxItems+1 -> its length
	members map[string]int // pointer of an object -> its members the model does not have
}

// bounder walks a decoded message along its view's model.
type bounder struct {
	ctx   context.Context
	steps int
	bad   int // items wrong at a glance kept so far
	b     bounds
	err   error
}

// boundInstance returns the message as the JSON Schema library is to see
// it, its cost bounded by the model rather than by the input: an array
// longer than its element's maxOccurs keeps maxOccurs+1 items (the
// library reports maxItems; bounds keeps the real length), an object keeps
// maxListed of the members the model does not have (the least, which are
// those the error names; bounds keeps how many there are), and past
// badItemBudget wrong items arrays are cut to their minimum. The message
// is not modified: what changes is copied. The error is the context's.
func boundInstance(ctx context.Context, view *transform.View, inst any) (any, bounds, error) {
	w := &bounder{ctx: ctx, b: bounds{items: map[string]int{}, members: map[string]int{}}}
	top, ok := inst.(map[string]any)
	if !ok {
		return inst, w.b, ctx.Err()
	}
	root, ok := top[view.RootKey]
	if !ok {
		return inst, w.b, ctx.Err()
	}
	nv, changed := w.occurrence(view.Root, root, "/"+jsondoc.EscapeToken(view.RootKey))
	if w.err == nil {
		w.err = ctx.Err()
	}
	if w.err != nil {
		return nil, bounds{}, w.err
	}
	if changed {
		top = maps.Clone(top)
		top[view.RootKey] = nv
	}
	return top, w.b, nil
}

// stopped counts a step and reports whether the walk is to stop.
func (w *bounder) stopped() bool {
	if w.err != nil {
		return true
	}
	if w.steps++; w.steps%checkEvery == 0 {
		w.err = w.ctx.Err()
	}
	return w.err != nil
}

// occurrence bounds one occurrence of element n; changed tells whether the
// value returned is a bounded copy.
func (w *bounder) occurrence(n *transform.Node, v any, ptr string) (any, bool) {
	if w.stopped() || n.Kind != transform.Object {
		return v, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		return v, false // one type error
	}
	var out map[string]any // m's copy, once something changes
	own := func() map[string]any {
		if out == nil {
			out = maps.Clone(m)
		}
		return out
	}
	set := func(k string, x any) { own()[k] = x }
	for _, c := range n.Children {
		cv, ok := m[c.Key]
		if !ok {
			continue
		}
		cptr := ptr + "/" + jsondoc.EscapeToken(c.Key)
		if arr, isArr := cv.([]any); c.Array && isArr {
			if nv, changed := w.array(c, arr, cptr); changed {
				set(c.Key, nv)
			}
		} else if !c.Array {
			if nv, changed := w.occurrence(c, cv, cptr); changed {
				set(c.Key, nv)
			}
		}
	}
	if extra := unknownMembers(n, m); len(extra) > maxListed {
		keep := map[string]bool{}
		for _, k := range leastSorted(extra, maxListed) {
			keep[k] = true
		}
		for _, k := range extra {
			if !keep[k] {
				delete(own(), k)
			}
		}
		w.b.members[ptr] = len(extra)
	}
	if out == nil {
		return v, false
	}
	return out, true
}

// unknownMembers lists the members of an object of element n that its
// model does not have.
func unknownMembers(n *transform.Node, m map[string]any) []string {
	if len(m) <= len(n.Children)+len(n.Attrs) {
		return nil // too few to list more than maxListed
	}
	attrs := map[string]bool{}
	for _, a := range n.Attrs {
		attrs["@"+a.Name] = true
	}
	var out []string
	for k := range m {
		if n.Child(k) == nil && !attrs[k] && !openMember.MatchString(k) {
			out = append(out, k)
		}
	}
	return out
}

// array bounds the array of a repeating element c.
func (w *bounder) array(c *transform.Node, arr []any, ptr string) ([]any, bool) {
	keep := len(arr)
	if c.Max != model.Unbounded && keep > c.Max {
		keep = c.Max + 1
	}
	var out []any
	for i := 0; i < keep; i++ {
		if w.stopped() {
			return arr, false
		}
		if w.bad >= badItemBudget && i >= c.Min {
			keep = i
			break
		}
		if glanceBad(c, arr[i], 0) {
			w.bad++
		}
		if nv, changed := w.occurrence(c, arr[i], fmt.Sprintf("%s/%d", ptr, i)); changed {
			if out == nil {
				out = append([]any(nil), arr[:keep]...)
			}
			out[i] = nv
		}
	}
	if c.Max != model.Unbounded && len(arr) > c.Max && keep == c.Max+1 {
		w.b.items[ptr] = len(arr)
	}
	if keep == len(arr) {
		if out == nil {
			return arr, false
		}
		return out, true
	}
	if out == nil {
		return arr[:keep:keep], true
	}
	return out[:keep:keep], true
}

// glanceBad reports whether an occurrence of element n is wrong at a
// glance: of the wrong kind, or an object without a member its model
// requires, or with such a member (not repeating) wrong at a glance, down
// to maxGlance levels. Values' facets (patterns, lengths, codes) are not
// looked at.
func glanceBad(n *transform.Node, v any, depth int) bool {
	switch n.Kind {
	case transform.Object:
		m, ok := v.(map[string]any)
		if !ok {
			return true
		}
		for _, a := range n.Attrs {
			if _, ok := m["@"+a.Name]; a.Required && !ok {
				return true
			}
		}
		for _, c := range n.Children {
			cv, ok := m[c.Key]
			switch {
			case !ok:
				if c.Min > 0 {
					return true
				}
			case c.Array:
				if _, ok := cv.([]any); !ok {
					return true
				}
			case depth < maxGlance && glanceBad(c, cv, depth+1):
				return true
			}
		}
		return false
	case transform.String:
		_, ok := v.(string)
		return !ok && !n.Text
	}
	_, ok := v.(json.Number)
	return !ok && !n.Text
}

// maxGlance bounds the levels glanceBad reads.
const maxGlance = 16
