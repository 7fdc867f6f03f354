package schemas_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/xsd"
	"github.com/customslint/customslint/xsd/internal/gen"
	"github.com/customslint/customslint/xsd/models"
	"github.com/customslint/customslint/xsd/schemas"
)

// TestGeneratedFilesAreFresh regenerates everything from the models and
// requires the committed files to be exactly that: run go generate ./...
// after changing a model.
func TestGeneratedFilesAreFresh(t *testing.T) {
	want, err := gen.Generate(os.DirFS("../models"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := gen.Generate(os.DirFS("../models"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range want {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s: generation is not deterministic", name)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%s is missing: run go generate ./...", name)
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is stale: run go generate ./...", name)
		}
	}
	// The binary embeds schemas.zip: it must hold exactly these documents.
	shipped := map[string][]byte{}
	err = fs.WalkDir(schemas.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			shipped[p], err = fs.ReadFile(schemas.FS, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(want, gen.IndexFile)
	if same, diff := gen.SameFiles(shipped, want); !same {
		t.Errorf("schemas.zip is stale (%s): run go generate ./...", diff)
	}
	var extra []string
	err = filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xsd") {
			if _, ok := want[filepath.ToSlash(p)]; !ok {
				extra = append(extra, p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("generated files no model produces: %v (run go generate ./...)", extra)
	}
}

// TestModelsZipIsFresh checks the models the binary embeds (models.zip)
// are exactly the model files of xsd/models.
func TestModelsZipIsFresh(t *testing.T) {
	onDisk, err := gen.ModelFiles(os.DirFS("../models"))
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := gen.ModelFiles(models.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) == 0 {
		t.Fatal("no model files")
	}
	if same, diff := gen.SameFiles(shipped, onDisk); !same {
		t.Errorf("xsd/models/models.zip is stale (%s): run go generate ./...", diff)
	}
}

// TestIndexMatchesFiles checks that every entry of the index exists.
func TestIndexMatchesFiles(t *testing.T) {
	if len(schemas.Sets) == 0 {
		t.Fatal("no embedded set")
	}
	for _, s := range schemas.Sets {
		for mt, entry := range s.Entries {
			if _, err := fs.Stat(s.Files(), entry); err != nil {
				t.Errorf("%s %s: %v", s.Name, mt, err)
			}
		}
	}
}

// TestShippedReferencesStayInTheBundle runs the reference check Compile
// skips for shipped bundles (xsd.ShippedBundle) on every entry of every
// set: each xs:include and xs:import names a file of the same set.
func TestShippedReferencesStayInTheBundle(t *testing.T) {
	for _, s := range schemas.Sets {
		b := xsd.FSBundle("embedded:"+s.Name, s.Files())
		for mt, entry := range s.Entries {
			if errs := b.Check(entry); len(errs) > 0 {
				t.Errorf("%s %s (%s): %v", s.Name, mt, entry, errs)
			}
		}
	}
}
