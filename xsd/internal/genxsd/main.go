// Command genxsd turns the message models (xsd/models) into the XSD files
// and their index (xsd/schemas), and packs what the binary embeds: the XSD
// files into xsd/schemas/schemas.zip and the models into
// xsd/models/models.zip. It is run by go generate in xsd/schemas; its
// output depends only on the models.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/customslint/customslint/xsd/internal/gen"
)

func main() {
	models := flag.String("models", "../models", "folder of the model sets")
	out := flag.String("out", ".", "folder to write the schemas and the index to")
	flag.Parse()
	if err := run(*models, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genxsd:", err)
		os.Exit(1)
	}
}

func run(models, out string) error {
	files, err := gen.Generate(os.DirFS(models))
	if err != nil {
		return err
	}
	// Remove generated files the models no longer produce.
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if !d.IsDir() && (strings.HasSuffix(p, ".xsd") || rel == gen.IndexFile) {
			if _, keep := files[rel]; !keep {
				return os.Remove(p)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for name, data := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	delete(files, gen.IndexFile)
	if err := writeZip(filepath.Join(out, gen.SchemasZip), files); err != nil {
		return err
	}
	modelFiles, err := gen.ModelFiles(os.DirFS(models))
	if err != nil {
		return err
	}
	return writeZip(filepath.Join(models, gen.ModelsZip), modelFiles)
}

// writeZip packs files into the archive at p unless it already holds
// exactly them (another Go release may compress the same files to other
// bytes: the archive changes only when its files do).
func writeZip(p string, files map[string][]byte) error {
	if old, err := os.ReadFile(p); err == nil {
		if got, err := gen.Unpack(old); err == nil {
			if same, _ := gen.SameFiles(got, files); same {
				return nil
			}
		}
	}
	data, err := gen.Pack(files)
	if err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
