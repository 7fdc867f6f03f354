// Command gendocs writes docs/rules.md from the rule registry.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/customslint/customslint/rules"
)

func main() {
	out := flag.String("o", "../docs/rules.md", "output file")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(rules.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
