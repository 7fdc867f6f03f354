// Package models embeds customslint's message models (one folder per
// profile: cds, ctc-p4 ...) and loads them. The format is described in
// xsd/model/FORMAT.md.
package models

import (
	_ "embed" // models.zip
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/customslint/customslint/xsd/internal/zipfs"
	"github.com/customslint/customslint/xsd/model"
)

//go:embed models.zip
var packed string

// FS holds the model files, as SET/*.cm: the files of xsd/models, packed
// by go generate (in xsd/schemas) into models.zip, which the binary embeds
// (a ninth of their size).
var FS = zipfs.Must("xsd/models/models.zip", packed)

var (
	mu     sync.Mutex
	loaded = map[string]*model.Set{}
)

// Names returns the set names (folders), sorted.
func Names() ([]string, error) {
	ents, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// LoadAll parses every set of fsys (folders holding a set.cm).
func LoadAll(fsys fs.FS) (map[string]*model.Set, error) {
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	out := map[string]*model.Set{}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		set, err := model.LoadSet(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("models %s:\n%w", e.Name(), err)
		}
		out[e.Name()] = set
	}
	return out, nil
}

// Set returns the parsed embedded set with this name. Each set is parsed
// once, on first use.
func Set(name string) (*model.Set, error) {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := loaded[name]; ok {
		return s, nil
	}
	if _, err := fs.Stat(FS, name); err != nil {
		return nil, fmt.Errorf("no model set %q", name)
	}
	s, err := model.LoadSet(FS, name)
	if err != nil {
		return nil, fmt.Errorf("models %s:\n%w", name, err)
	}
	loaded[name] = s
	return s, nil
}
