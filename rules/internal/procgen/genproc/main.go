// Command genproc writes rules/cds_procedure_codes_gen.go from the
// procedure code CSVs (HMRC's shared tables and datasets/).
//
//	go run ./internal/procgen/genproc -shared ../../shared/official/cds/datasets -datasets ../datasets -out cds_procedure_codes_gen.go
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/customslint/customslint/rules/internal/procgen"
)

func main() {
	shared := flag.String("shared", "../../shared/official/cds/datasets", "the shared datasets folder")
	datasets := flag.String("datasets", "../datasets", "the project's datasets folder")
	out := flag.String("out", "cds_procedure_codes_gen.go", "the Go file to write")
	flag.Parse()
	if err := run(*shared, *datasets, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genproc:", err)
		os.Exit(1)
	}
}

func run(shared, datasets, out string) error {
	t, err := procgen.Load(shared, datasets)
	if err != nil {
		return err
	}
	src, err := procgen.Render(t)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}
