package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/customslint/customslint/codelists"
)

//go:generate go run ./internal/gendocs -o ../docs/rules.md

// Markdown renders the documentation of every registered rule, the text
// behind the helpUri of SARIF reports (docs/rules.md).
func Markdown() string {
	var b strings.Builder
	b.WriteString("# customslint rules\n\n")
	b.WriteString("Generated from the rule registry by `go generate ./rules`; `customslint explain RULE` prints the same text.\n\n")
	b.WriteString("| rule | severity | message types | codes | source | summary |\n|---|---|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.TypesLabel(), strings.Join(r.Codes, ", "), r.source, r.Summary)
	}
	for _, r := range All() {
		types := r.TypesLabel()
		if len(r.MessageTypes) > 0 {
			types = strings.Join(r.MessageTypes, ", ")
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\nSeverity: %s. Message types: %s.", r.ID, r.Summary, r.Severity, types)
		if len(r.Codes) > 0 {
			fmt.Fprintf(&b, " Codes: %s.", strings.Join(r.Codes, ", "))
		}
		if r.source != "" {
			fmt.Fprintf(&b, " Source: [rules/%s](../rules/%s).", r.source, r.source)
		}
		b.WriteString("\n\n")
		b.WriteString(strings.TrimRight(r.Documentation(), "\n"))
		b.WriteString("\n")
	}
	b.WriteString("\n## NCTS rules and conditions customslint does not check\n\n")
	b.WriteString("The EU's NCTS rules and conditions (phases 5 and 6) that cannot be decided from a message alone, or state no constraint, with the reason; NCTS applies them after HMRC's API has accepted the message. The others are checked by the rules above (the codes column names the entries each rule implements: ctc-mrn covers R0028, R0410 and R0416) or by the xsd stage (C0410, G0005).\n\n| entry | why it is not checked |\n|---|---|\n")
	nc := notCheckedEntries()
	ids := make([]string, 0, len(nc))
	for id := range nc {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "| %s | %s |\n", id, strings.ReplaceAll(nc[id], "|", "\\|"))
	}
	writeCDSCodes(&b)
	return b.String()
}

// writeCDSCodes writes the table of CDS validation codes: the rule that
// anticipates each, or why none does.
func writeCDSCodes(b *strings.Builder) {
	b.WriteString("\n## CDS validation codes\n\n")
	b.WriteString("Every validation code of HMRC's CDS list (the exports frontend's dmsErrorCodes.json) and the earlier DMS numbers HMRC's 2018 Trade Test 1 notifications use, with the rule that anticipates it or why none does: CDS checks most of the others against its registers, the tariff or what it has received before. The meaning column is customslint's wording (code list cds-validation-code).\n\n")
	b.WriteString("| code | meaning | anticipated by | why not |\n|---|---|---|---|\n")
	vc, _ := codelists.Builtin().Lookup("cds-validation-code")
	meaning := func(code string) string {
		if vc == nil {
			return ""
		}
		return strings.ReplaceAll(vc.Description(code), "|", "\\|")
	}
	why := cdsNotCheckedEntries()
	for _, code := range cdsCodeEntries() {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", code, meaning(code), strings.Join(cdsCodeRules(code), ", "), strings.ReplaceAll(why[code], "|", "\\|"))
	}
	legacy := make([]string, 0, len(cdsLegacyCodes))
	for c := range cdsLegacyCodes {
		legacy = append(legacy, c)
	}
	sort.Strings(legacy)
	for _, old := range legacy {
		code := cdsLegacyCodes[old]
		fmt.Fprintf(b, "| %s | earlier number of %s | %s | %s |\n", old, code, strings.Join(cdsCodeRules(code), ", "), why[code])
	}
}
