// Command gen turns the message model sources (model/src/SET/*.cm) into
// what the binary embeds: the model tables (model/tables/SET.tab,
// decoded by package model) and the XSD documents with their index
// (model/schemas). go generate ./model runs it; its output depends only
// on the sources, and a test checks the committed files are not stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "src", "folder of the model sets")
	out := flag.String("out", ".", "the model package folder to write to")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run writes the generated files into out, leaving unchanged ones alone,
// and removes generated files the sources no longer produce.
func run(src, out string) error {
	files, err := Generate(os.DirFS(src))
	if err != nil {
		return err
	}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() || !Generated(rel) {
			return nil
		}
		if _, keep := files[rel]; !keep {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove stale files: %w", err)
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
	return nil
}
