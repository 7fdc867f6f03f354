package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// lrnMaxLength is the longest LRN CDS takes: DE 2/5 is an..22, though the
// schema allows 35 characters.
const lrnMaxLength = 22

// lrnOddCharacters lists, once each and quoted, the characters of an LRN
// that are neither ASCII letters nor digits.
func lrnOddCharacters(v string) []string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range v {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, fmt.Sprintf("%q", r))
	}
	return out
}

// cdsLRN checks the length and characters of a CDS LRN.
var cdsLRN = &Rule{
	ID:           "cds-lrn",
	Codes:        []string{"DMS10010"},
	Summary:      "a declaration's FunctionalReferenceID (the LRN) has at most 22 characters (error); it and an additional message's reference have only letters and digits (warning)",
	Severity:     Error,
	MessageTypes: []string{cdsDEC, cdsCOR, cdsINV, cdsGPR},
	Doc: `Declaration/FunctionalReferenceID of a declaration is its local reference number (LRN, DE 2/5).
The schema allows 35 characters, but the data element is an..22 and CDS rejects a declaration
with a longer LRN after accepting the message at the API: HMRC's Trade Test 1 export with a
longer one was answered with DMS10010 (today CDS10010) at 42A/D026
(Declaration/FunctionalReferenceID). A longer LRN on a declaration is an error.

On an additional message (an amendment, a cancellation, a goods presentation: FunctionCode 13)
the same element is the trader's reference to that message, which HMRC's annotated samples
describe as independent of the declaration, and CDS accepted one of 25 characters (the amendment
of scenario TT_Add_Item_Scenario_v1): its length is left to the schema.

Characters other than letters and digits are a warning, on every message. The data element is
defined as alphanumeric, yet CDS accepts LRNs with '.', '_', '-' and spaces (HMRC's own accepted
samples use all four), so they are worth a look rather than a rejection.

The notification's copy in Response/Declaration/FunctionalReferenceID is not checked: it
echoes what was sent.

Failing (25 characters; and an LRN with '-' and '_'):

    <FunctionalReferenceID>CLT26IM0314A01-RETRY-0002</FunctionalReferenceID>
    ...
    <FunctionalReferenceID>CLT-26_IM0314</FunctionalReferenceID>

Passing:

    <FunctionalReferenceID>CLT26IM0314A01</FunctionalReferenceID>
`,
	Check: func(p *Pass) {
		for _, lrn := range elementsAt(p.Root, "Declaration/FunctionalReferenceID") {
			v := lrn.Text()
			if strings.TrimSpace(v) == "" {
				continue // the schema reports a blank LRN
			}
			if n := utf8.RuneCountInString(v); n > lrnMaxLength && p.MessageType == cdsDEC {
				p.Reportf(lrn, "FunctionalReferenceID (the LRN) %q has %d characters: CDS takes at most %d and rejects a longer one with DMS10010 (the schema's limit of 35 is not CDS's)", v, n, lrnMaxLength)
			}
			if odd := lrnOddCharacters(v); len(odd) > 0 {
				p.reportUncoded(lrn, Warning, "FunctionalReferenceID (the LRN) %q contains %s: the LRN is alphanumeric, expected only letters and digits", v, strings.Join(odd, ", "))
			}
		}
	},
}

func init() {
	register(cdsLRN)
}
