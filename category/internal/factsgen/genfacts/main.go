// Command genfacts writes category/facts_gen.go from category/data/facts.csv.
//
//	go run ./internal/factsgen/genfacts -in data/facts.csv -out facts_gen.go
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/customslint/customslint/category/internal/factsgen"
)

func main() {
	in := flag.String("in", "data/facts.csv", "the facts CSV")
	out := flag.String("out", "facts_gen.go", "the Go file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genfacts:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open facts: %w", err)
	}
	defer f.Close()
	rows, err := factsgen.Parse(f)
	if err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	src, err := factsgen.Render(rows)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
