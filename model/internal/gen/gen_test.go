package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/customslint/customslint/model/internal/cm"
)

// modelDir is the model package folder, from this one.
const modelDir = "../.."

// TestGeneratedFilesAreFresh regenerates everything from model/src and
// requires the committed files to be exactly that, and no other generated
// file to be there: run go generate ./model after changing a model.
func TestGeneratedFilesAreFresh(t *testing.T) {
	src := os.DirFS(filepath.Join(modelDir, "src"))
	want, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{SchemaList, tableFile("cds"), SchemaDir + "/cds/entry-cds-dec.xsd"} {
		if _, ok := want[k]; !ok {
			t.Errorf("the generator produced no %s", k)
		}
	}
	for name, data := range want {
		if !Generated(name) {
			t.Errorf("%s is generated but Generated does not own it (a stale one would stay)", name)
		}
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s: generation is not deterministic", name)
		}
		got, err := os.ReadFile(filepath.Join(modelDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s is missing: run go generate ./model", name)
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is stale: run go generate ./model", name)
		}
	}
	var extra []string
	err = filepath.WalkDir(modelDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(modelDir, p)
		rel = filepath.ToSlash(rel)
		if _, ok := want[rel]; Generated(rel) && !ok {
			extra = append(extra, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("generated files no model produces: %v (run go generate ./model)", extra)
	}
}

// TestRunWritesAndPrunes runs the generator on a small set into a
// temporary folder: it writes the tables and documents, and removes a
// generated file of a set that is gone while leaving other files alone.
func TestRunWritesAndPrunes(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	demo, err := os.ReadDir("../cm/testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(src, "demo"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range demo {
		data, err := os.ReadFile(filepath.Join("../cm/testdata/demo", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "demo", e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stale := []string{"tables/gone.tab", "schemas/gone/a.xsd"}
	kept := []string{"model.go", "schemas/schemas.go", "tables/notes.txt"}
	for _, f := range append(stale, kept...) {
		p := filepath.Join(out, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(src, out); err != nil {
		t.Fatal(err)
	}
	for _, f := range stale {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("stale %s was not removed", f)
		}
	}
	for _, f := range append(kept, SchemaList, tableFile("demo")) {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	tables, err := os.ReadFile(filepath.Join(out, tableFile("demo")))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"set\tdemo\tdemo\t", "particle\tsequence\t", "element\tOrder\t"} {
		if !strings.Contains(string(tables), s) {
			t.Errorf("demo tables lack %q", s)
		}
	}
	for _, s := range []string{"Order reference", "order.cm"} { // documentation, source files
		if strings.Contains(string(tables), s) {
			t.Errorf("demo tables hold %q", s)
		}
	}
	xsds, _ := filepath.Glob(filepath.Join(out, "schemas", "demo", "*.xsd"))
	if len(xsds) == 0 {
		t.Error("no XSD document written for the demo set")
	}
}

// TestTablesRefuseWhatTheyCannotHold checks the writer refuses a value
// with a tab (the field separator) and a list item with a comma.
func TestTablesRefuseWhatTheyCannotHold(t *testing.T) {
	fsys := fstest.MapFS{
		"s/set.cm": {Data: []byte("profile p\nentry M = s\n")},
		"s/s.cm":   {Data: []byte("schema s\n\nelement M\n  A 1 : string\n  B ? : string maxLength=3\n")},
	}
	set, err := cm.LoadSet(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setTables(set); err != nil {
		t.Fatalf("a plain set: %v", err)
	}
	set.Schemas["s"].Namespace = "urn:a\tb"
	if _, err := setTables(set); err == nil || !strings.Contains(err.Error(), "tab") {
		t.Errorf("a namespace with a tab: got %v, want an error", err)
	}
	set.Schemas["s"].Namespace = ""
	set.Entries[0].MessageTypes = []string{"M,N"}
	if _, err := setTables(set); err == nil || !strings.Contains(err.Error(), "comma") {
		t.Errorf("a message type with a comma: got %v, want an error", err)
	}
}
