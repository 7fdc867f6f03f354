package validate_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// moveOut moves name out of the bundle dir and leaves a symbolic link to
// where it went.
func moveOut(t *testing.T, dir, name string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.Rename(filepath.Join(dir, name), out); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(out, filepath.Join(dir, name)); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestSchemasBundleConfinesSymlinks: a --schemas bundle whose documents
// are symbolic links to files outside it is not read through them: the
// check of a message fails with an error naming the link (CDS), or the
// bundle is refused when its entry documents are read (CTC).
func TestSchemasBundleConfinesSymlinks(t *testing.T) {
	t.Run("cds included document", func(t *testing.T) {
		dir := t.TempDir()
		copyTree(t, cdsMini, dir)
		moveOut(t, dir, filepath.Join("wco", "declaration", "Types.xsd"))
		e, err := validate.New(validate.Options{Schemas: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		_, err = e.Check(context.Background(), "d.xml", []byte(decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n")))
		if err == nil || !strings.Contains(err.Error(), "Types.xsd is a symbolic link that leads outside the schema bundle") {
			t.Fatalf("got %v, want the link refused", err)
		}
	})
	t.Run("ctc entry document", func(t *testing.T) {
		dir := t.TempDir()
		copyTree(t, p6Mini, dir)
		moveOut(t, dir, "cc015c.xsd")
		e, err := validate.New(validate.Options{Schemas: []string{dir}})
		if err == nil {
			e.Close()
			t.Fatal("a bundle whose cc015c.xsd leads outside was accepted")
		}
		if !strings.Contains(err.Error(), "cc015c.xsd") || !strings.Contains(err.Error(), "escapes") {
			t.Errorf("error %v does not name the link", err)
		}
	})
}
