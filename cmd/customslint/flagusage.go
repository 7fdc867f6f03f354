package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// printFlags lists a command's flags as the README and the docs spell
// them (--name VALUE), with each default said once: the usage text's own
// "(default ...)" when it has one, else the flag's default value when it
// is not the zero value.
func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		if !strings.Contains(usage, "(default") && !zeroDefault(f) {
			if isStringFlag(f) {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			} else {
				usage += fmt.Sprintf(" (default %s)", f.DefValue)
			}
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	})
}

// zeroDefault reports whether a flag's default says nothing worth
// printing: false, 0, "" or an empty list.
func zeroDefault(f *flag.Flag) bool {
	switch f.DefValue {
	case "", "0", "false", "[]":
		return true
	}
	return false
}

// isStringFlag reports whether a flag holds a plain string, whose
// default is quoted as the flag package quotes it.
func isStringFlag(f *flag.Flag) bool {
	name, _ := flag.UnquoteUsage(f)
	return name == "string"
}
