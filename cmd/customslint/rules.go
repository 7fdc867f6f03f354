package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/customslint/customslint/rules"
)

// ruleInfo is one rule as `customslint rules --format json` and serve's
// GET /v1/rules list it.
type ruleInfo struct {
	ID           string   `json:"id"`
	Severity     string   `json:"severity"`
	MessageTypes []string `json:"messageTypes"`
	Profiles     []string `json:"profiles"`
	Codes        []string `json:"codes"`
	Summary      string   `json:"summary"`
	Doc          string   `json:"doc"`
}

// ruleInfos lists every registered rule; empty lists are [] so that
// readers need not tell absent from empty.
func ruleInfos() []ruleInfo {
	list := []ruleInfo{}
	for _, r := range rules.All() {
		list = append(list, ruleInfo{
			ID: r.ID, Severity: string(r.Severity), Summary: r.Summary, Doc: r.Documentation(),
			MessageTypes: orEmpty(r.MessageTypes),
			Profiles:     orEmpty(r.Profiles),
			Codes:        orEmpty(r.Codes),
		})
	}
	return list
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "Usage: customslint rules [--format text|json]")
		return exitUsage
	}
	switch *format {
	case "text":
		return rulesText(stdout)
	case "json":
		return rulesJSON(stdout)
	}
	fmt.Fprintf(stderr, "customslint: rules: unknown format %q (want text or json)\n", *format)
	return exitUsage
}

// rulesText writes the table of every rule.
func rulesText(stdout io.Writer) int {
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

// rulesJSON writes every rule as a JSON array.
func rulesJSON(stdout io.Writer) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // rule docs hold XML examples
	if err := enc.Encode(ruleInfos()); err != nil {
		return exitUsage
	}
	return exitOK
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
	fmt.Fprintf(stdout, "%s: %s\n\nSeverity: %s\nMessage types: %s\n\n%s", r.ID, r.Summary, r.Severity, explainTypes(r), r.Documentation())
	return exitOK
}

// explainTypes is the message types explain (and serve's rule page) shows
// for r: every one listed, or the rule's label when it lists none.
func explainTypes(r *rules.Rule) string {
	if len(r.MessageTypes) > 0 {
		return strings.Join(r.MessageTypes, ", ")
	}
	return r.TypesLabel()
}
