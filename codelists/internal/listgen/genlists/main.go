// Command genlists writes codelists/data/generated.lists from HMRC's
// reference data in the official folder (see package listgen).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/codelists/internal/listgen"
)

func main() {
	official := flag.String("official", "../../shared/official", "HMRC's official material (env CUSTOMSLINT_OFFICIAL overrides)")
	data := flag.String("data", "data", "the hand-written lists, whose IDs are not generated")
	out := flag.String("out", "data/generated.lists", "the file to write")
	flag.Parse()
	if env := os.Getenv("CUSTOMSLINT_OFFICIAL"); env != "" {
		*official = env
	}
	if err := run(*official, *data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlists:", err)
		os.Exit(1)
	}
}

func run(official, data, out string) error {
	hand, err := listgen.HandIDs(data)
	if err != nil {
		return err
	}
	res, err := listgen.Generate(official, hand, codelists.EntityCL)
	if err != nil {
		return err
	}
	b, err := listgen.Render(res)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
