package model_test

import (
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/model/internal/cm"
)

// TestTablesEqualSources parses every set of model/src and requires the
// generated tables to hold the same models, field by field (less the
// documentation and source positions the tables leave out).
func TestTablesEqualSources(t *testing.T) {
	dirs, err := os.ReadDir("src")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range dirs {
		if d.IsDir() {
			names = append(names, d.Name())
		}
	}
	if got := model.Names(); !slices.Equal(got, names) {
		t.Fatalf("Names() = %v, want the folders of model/src %v", got, names)
	}
	for _, name := range names {
		src, err := cm.LoadSet(os.DirFS("src"), name)
		if err != nil {
			t.Fatal(err)
		}
		set, err := model.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		var diffs []string
		same(reflect.ValueOf(src), reflect.ValueOf(set), name, &diffs)
		for i, d := range diffs {
			if i == 10 {
				t.Errorf("%s: ... and %d more", name, len(diffs)-i)
				break
			}
			t.Errorf("%s: %s (run go generate ./model)", name, d)
		}
		for id, s := range src.Schemas {
			for _, d := range s.Defs {
				var found bool
				switch d.(type) {
				case *cm.Element:
					_, found = set.Schemas[id].Element(d.DefName())
				case *cm.Group:
					_, found = set.Schemas[id].Group(d.DefName())
				default:
					_, found = set.Schemas[id].Type(d.DefName())
				}
				if !found {
					t.Errorf("%s: schema %s: no lookup of %s", name, id, d.DefName())
				}
			}
		}
	}
	if _, err := model.Lookup("nope"); err == nil {
		t.Error("Lookup of an unknown set succeeded")
	}
}

// dropped are the fields of cm's types the tables leave out.
var dropped = map[string]bool{"Doc": true, "Line": true, "File": true}

// same compares a value of cm's types with one of model's.
func same(a, b reflect.Value, at string, diffs *[]string) {
	bad := func(format string, args ...any) { *diffs = append(*diffs, at+": "+fmt.Sprintf(format, args...)) }
	if a.Kind() != b.Kind() {
		bad("kind %s, tables %s", a.Kind(), b.Kind())
		return
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				bad("nil %v, tables nil %v", a.IsNil(), b.IsNil())
			}
			return
		}
		same(a.Elem(), b.Elem(), at, diffs)
	case reflect.Struct:
		if a.Type().Name() != b.Type().Name() {
			bad("type %s, tables %s", a.Type().Name(), b.Type().Name())
			return
		}
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if !f.IsExported() || dropped[f.Name] {
				continue
			}
			bf := b.FieldByName(f.Name)
			if !bf.IsValid() {
				bad("the tables have no field %s", f.Name)
				continue
			}
			same(a.Field(i), bf, at+"."+f.Name, diffs)
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			bad("%d items, tables %d", a.Len(), b.Len())
			return
		}
		for i := 0; i < a.Len(); i++ {
			same(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", at, i), diffs)
		}
	case reflect.Map:
		if a.Len() != b.Len() {
			bad("%d keys, tables %d", a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				bad("no key %v in the tables", k)
				continue
			}
			same(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", at, k), diffs)
		}
	default:
		if fmt.Sprint(a.Interface()) != fmt.Sprint(b.Interface()) {
			bad("%v, tables %v", a.Interface(), b.Interface())
		}
	}
}

// TestBinaryCarriesNoModelParser checks that the command's dependencies
// hold neither the model parser nor the generator: the binary uses the
// generated tables only.
func TestBinaryCarriesNoModelParser(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}} {{join .EmbedFiles \" \"}}",
		"github.com/customslint/customslint/cmd/customslint").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	var sawModel bool
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		sawModel = sawModel || pkg == "github.com/customslint/customslint/model"
		if strings.HasPrefix(pkg, "github.com/customslint/customslint/model/internal/") {
			t.Errorf("the command depends on %s", pkg)
		}
		for _, f := range fields[1:] {
			if strings.HasSuffix(f, ".cm") {
				t.Errorf("%s embeds the model source %s", pkg, f)
			}
		}
	}
	if !sawModel {
		t.Errorf("go list -deps names no model package:\n%s", out)
	}
}
