package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/customslint/customslint/rules"
)

func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "customslint: rules takes no arguments")
		return exitUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tMESSAGE TYPES\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.TypesLabel(), r.Summary)
	}
	if err := tw.Flush(); err != nil {
		return exitUsage
	}
	return exitOK
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "Usage: customslint explain RULE")
		return exitUsage
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "customslint: unknown rule %q (customslint rules lists them)\n", args[0])
		return exitUsage
	}
	types := r.TypesLabel()
	if len(r.MessageTypes) > 0 {
		types = strings.Join(r.MessageTypes, ", ")
	}
	fmt.Fprintf(stdout, "%s: %s\n\nSeverity: %s\nMessage types: %s\n\n%s", r.ID, r.Summary, r.Severity, types, r.Doc)
	return exitOK
}
