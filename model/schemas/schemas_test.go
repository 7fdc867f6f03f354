package schemas_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/model/schemas"
	"github.com/customslint/customslint/xsd"
)

// TestEmbeddedFilesAreTheFolders checks the binary embeds exactly the
// documents of the set folders (a new set needs its folder in the embed
// directive of schemas.go), and every set of the index. Whether the documents are
// what the models produce is model/internal/gen's staleness test.
func TestEmbeddedFilesAreTheFolders(t *testing.T) {
	onDisk := map[string]bool{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xsd") {
			onDisk[filepath.ToSlash(p)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	shipped := map[string]bool{}
	err = fs.WalkDir(schemas.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			shipped[p] = true
			if !onDisk[p] {
				t.Errorf("embedded %s is not an XSD document of the folders", p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range onDisk {
		if !shipped[p] {
			t.Errorf("%s is not embedded: add its folder to the embed directive of schemas.go", p)
		}
	}
	for _, s := range schemas.Sets {
		if _, err := fs.Stat(schemas.FS, s.Name); err != nil {
			t.Errorf("set %s has no embedded folder", s.Name)
		}
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
