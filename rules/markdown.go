package rules

import (
	"fmt"
	"strings"
)

//go:generate go run ./internal/gendocs -o ../docs/rules.md

// Markdown renders the documentation of every registered rule, the text
// behind the helpUri of SARIF reports (docs/rules.md).
func Markdown() string {
	var b strings.Builder
	b.WriteString("# customslint rules\n\n")
	b.WriteString("Generated from the rule registry by `go generate ./rules`; `customslint explain RULE` prints the same text.\n\n")
	b.WriteString("| rule | severity | message types | summary |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.TypesLabel(), r.Summary)
	}
	for _, r := range All() {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\nSeverity: %s. Message types: %s.\n\n", r.ID, r.Summary, r.Severity, r.TypesLabel())
		b.WriteString(strings.TrimRight(r.Doc, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}
