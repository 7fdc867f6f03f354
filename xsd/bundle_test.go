package xsd_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// TestDirBundleConfinesSymlinks: a symbolic link inside a directory bundle
// is followed only when it resolves inside the bundle; one that points
// outside (to a file or a folder) is refused, naming the document.
func TestDirBundleConfinesSymlinks(t *testing.T) {
	schema := func(ref string) []byte {
		return []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" xmlns="urn:a">` + ref + `<xs:element name="A" type="xs:string"/></xs:schema>`)
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.xsd"), schema(""), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write("inside/types.xsd", []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xs:element name="B" type="xs:string"/></xs:schema>`))
	write("via-file.xsd", schema(`<xs:include schemaLocation="linked.xsd"/>`))
	write("via-folder.xsd", schema(`<xs:include schemaLocation="out/secret.xsd"/>`))
	write("via-relative.xsd", schema(`<xs:include schemaLocation="up.xsd"/>`))
	write("good.xsd", schema(`<xs:include schemaLocation="alias/types.xsd"/>`))
	link(filepath.Join(outside, "secret.xsd"), "linked.xsd")                  // absolute, outside
	link(outside, "out")                                                      // a folder outside
	link(filepath.Join("..", filepath.Base(outside), "secret.xsd"), "up.xsd") // relative, climbing out
	link("inside", "alias")                                                   // stays inside: fine
	link(filepath.Join(outside, "secret.xsd"), "entry-link.xsd")              // the entry itself

	b, err := xsd.DirBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range []string{"via-file.xsd", "via-folder.xsd", "via-relative.xsd", "entry-link.xsd"} {
		t.Run(entry, func(t *testing.T) {
			s, err := xsd.Compile(context.Background(), b, entry)
			if err == nil {
				s.Close()
				t.Fatal("compiled a schema through a link that leaves the bundle")
			}
			if !strings.Contains(err.Error(), "a symbolic link that leads outside the schema bundle") {
				t.Errorf("error %v does not say the path leaves the bundle", err)
			}
		})
	}
	s, err := xsd.Compile(context.Background(), b, "good.xsd")
	if err != nil {
		t.Fatalf("a link inside the bundle: %v", err)
	}
	s.Close()
}
