// Package codelists holds the code lists customslint checks codes against:
// the lists the project carries itself (ISO countries and currencies, CDS
// and NCTS lists small enough to own, written in codelists/data) and large
// official lists loaded at run time from HMRC's published reference data
// (Load, the CLI's --codelists DIR).
//
// A list has an ID (the NCTS number "CL009", or a "cds-" name such as
// "cds-change-reason") and a name (the EU entity name "CountryCodesCommonTransit");
// either finds it. Rules ask a Set whether a list is available and whether it
// holds a code; a rule whose list is not available decides nothing.
package codelists

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// List is one code list.
type List struct {
	ID     string // CL009, cds-country ...
	Name   string // CountryCodesCommonTransit ...
	Source string // "built in" or the file it was loaded from
	codes  map[string]string
	// fill, when set, makes the codes on first use (a list derived from a
	// model that most runs never ask for).
	fill func() map[string]string
	once sync.Once
	// sorted, when set, holds the codes as sorted lines without
	// descriptions (the generated lists): Has searches them without
	// making a map.
	sorted *sortedCodes
	// countries are the first two letters of the codes (Countries), made
	// on first use.
	countries     map[string]bool
	countriesOnce sync.Once
}

// Countries reports the countries the list has codes of, for lists of
// customs offices (GB000060 is in GB): the first two letters of its codes.
func (l *List) Countries() map[string]bool {
	l.countriesOnce.Do(func() {
		l.countries = map[string]bool{}
		for c := range l.all() {
			if len(c) >= 2 {
				l.countries[c[:2]] = true
			}
		}
	})
	return l.countries
}

// all returns the codes, making them first for a lazy list.
func (l *List) all() map[string]string {
	if l.fill != nil {
		l.once.Do(func() { l.codes = l.fill() })
	}
	return l.codes
}

// NewList makes a list from codes and their descriptions.
func NewList(id, name, source string, codes map[string]string) *List {
	return &List{ID: id, Name: name, Source: source, codes: maps.Clone(codes)}
}

// Has reports whether the list holds the code (exactly, case included).
func (l *List) Has(code string) bool {
	if l == nil {
		return false
	}
	if l.sorted != nil {
		return l.sorted.has(code)
	}
	_, ok := l.all()[code]
	return ok
}

// Description is the code's description, or "".
func (l *List) Description(code string) string {
	if l == nil || l.sorted != nil {
		return ""
	}
	return l.all()[code]
}

// Len is the number of codes.
func (l *List) Len() int { return len(l.all()) }

// Codes returns the codes, sorted.
func (l *List) Codes() []string {
	out := slices.Collect(maps.Keys(l.all()))
	sort.Strings(out)
	return out
}

// Label names the list for people: "CL009 (CountryCodesCommonTransit)".
func (l *List) Label() string {
	if l.Name == "" || l.Name == l.ID {
		return l.ID
	}
	return l.ID + " (" + l.Name + ")"
}

// Set is a collection of lists, found by ID or name. A Set is read-only once
// built and safe for concurrent use.
type Set struct {
	byKey map[string]*List // ID and name, lower case
	lists []*List
}

// NewSet makes a set; a later list replaces an earlier one with the same ID.
func NewSet(lists ...*List) *Set {
	s := &Set{byKey: map[string]*List{}}
	for _, l := range lists {
		s.add(l)
	}
	return s
}

func (s *Set) add(l *List) {
	if old, ok := s.byKey[strings.ToLower(l.ID)]; ok {
		s.lists = slices.DeleteFunc(s.lists, func(x *List) bool { return x == old })
		delete(s.byKey, strings.ToLower(old.Name))
	}
	s.lists = append(s.lists, l)
	s.byKey[strings.ToLower(l.ID)] = l
	if l.Name != "" {
		s.byKey[strings.ToLower(l.Name)] = l
	}
}

// Lookup finds a list by ID or name (any case).
func (s *Set) Lookup(idOrName string) (*List, bool) {
	if s == nil {
		return nil, false
	}
	l, ok := s.byKey[strings.ToLower(idOrName)]
	return l, ok
}

// In reports whether the list is available and holds the code. known is
// false when the set has no such list (the caller cannot decide).
func (s *Set) In(list, code string) (in, known bool) {
	l, ok := s.Lookup(list)
	if !ok {
		return false, false
	}
	return l.Has(code), true
}

// Lists returns every list, sorted by ID.
func (s *Set) Lists() []*List {
	out := slices.Clone(s.lists)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// With returns a set holding s's lists and then other's, which replace
// s's lists of the same ID.
func (s *Set) With(other *Set) *Set {
	out := NewSet(s.lists...)
	for _, l := range other.lists {
		out.add(l)
	}
	return out
}

// String summarises the set: "12 lists".
func (s *Set) String() string { return fmt.Sprintf("%d lists", len(s.lists)) }
