// Command gendatasets writes rules/cds_datasets_gen.go from the data-set
// CSVs (see package datasetgen). Run from the module root:
//
//	go run ./rules/internal/datasetgen/gendatasets -root . -out rules/cds_datasets_gen.go
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/customslint/customslint/rules/internal/datasetgen"
)

func main() {
	root := flag.String("root", "..", "the module root")
	out := flag.String("out", "cds_datasets_gen.go", "the Go file to write")
	flag.Parse()
	src, err := datasetgen.Build(func(name string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(*root, name))
	})
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendatasets:", err)
		os.Exit(1)
	}
}
