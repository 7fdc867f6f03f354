package rules

import (
	"strings"
)

// additionalDeclarationTypes are the letters of DE 1/2 (additional
// declaration type) that CDS takes after IM, EX or CO in a declaration's
// TypeCode:
//
//	A  standard declaration, goods arrived (frontier)
//	B  simplified declaration on an occasional basis, goods arrived
//	C  simplified declaration with regular use, goods arrived
//	D  standard declaration lodged before the goods arrive (pre-lodged)
//	E  simplified declaration on an occasional basis, pre-lodged
//	F  simplified declaration with regular use, pre-lodged
//	J  customs clearance request or EIDR notification, goods arrived
//	K  customs clearance request or EIDR notification, pre-lodged
//	Q  final supplementary declaration (imports)
//	X  supplementary declaration after a simplified declaration B or E
//	Y  supplementary declaration after a simplified declaration C or F
//	Z  supplementary declaration after an entry in the declarant's records
const additionalDeclarationTypes = "ABCDEFJKQXYZ"

// cdsDeclarationType reports whether a FunctionCode 9 TypeCode is IM, EX or
// CO and one additional declaration type letter.
func cdsDeclarationType(tc string) bool {
	if len(tc) != 3 {
		return false
	}
	switch tc[:2] {
	case "IM", "EX", "CO":
		return strings.IndexByte(additionalDeclarationTypes, tc[2]) >= 0
	}
	return false
}

// cdsFunction13Types names the TypeCodes of FunctionCode 13.
var cdsFunction13Types = map[string]string{
	"COR": "an amendment",
	"INV": "a cancellation",
	"GPR": "a goods presentation",
}

// cdsFunctionType checks that FunctionCode and TypeCode make a CDS message.
var cdsFunctionType = &Rule{
	ID:       "cds-function-type",
	Summary:  "FunctionCode 9 goes with TypeCode IM/EX/CO + additional declaration type; 13 with COR, INV or GPR and the MRN in Declaration/ID",
	Severity: Error,
	Profiles: []string{"cds"},
	Doc: `A CDS message says what it is with two codes of its Declaration:

  - FunctionCode 9, a declaration: TypeCode is the declaration type (DE 1/1: IM import, EX
    export, CO for goods moving to or from special fiscal territories) followed by the
    additional declaration type (DE 1/2), one letter: A, B, C, D, E, F, J, K, Q, X, Y or Z
    (IMZ, EXD, COA ...). A and D are standard declarations (arrived, pre-lodged); B, C, E, F
    simplified ones; J and K customs clearance requests and EIDR notifications; X, Y and Z
    supplementary declarations; Q a final supplementary declaration.
  - FunctionCode 13, a request about a declaration already made: TypeCode COR (amendment),
    INV (cancellation) or GPR (goods presentation), and Declaration/ID the MRN of that
    declaration. The CSP refuses an amendment or goods presentation without it (error 60889,
    "For an amendment the MRN must be present"). The MRN of a cancellation is checked by
    cds-cancellation, so that it is reported once.

The schema takes any TypeCode of up to three characters, and customslint validates a
message whose codes fit no CDS message as a declaration, with a message-type warning; this
rule says what is wrong and what is expected. Messages of FunctionCode 14, which the schema also allows, are not checked; DMS
notifications have no Declaration FunctionCode and are not checked either.

Failing (a declaration type with an amendment's FunctionCode; an amendment without its MRN):

    <Declaration>
      <FunctionCode>13</FunctionCode>
      <FunctionalReferenceID>CLT26IM0314A01</FunctionalReferenceID>
      <TypeCode>IMZ</TypeCode>
    ...
    <Declaration>
      <FunctionCode>13</FunctionCode>
      <FunctionalReferenceID>CLT26IM0314A01</FunctionalReferenceID>
      <TypeCode>COR</TypeCode>

Passing:

    <Declaration>
      <FunctionCode>13</FunctionCode>
      <FunctionalReferenceID>CLT26IM0314A01</FunctionalReferenceID>
      <ID>26GBK7QX3M9D2PLR47</ID>
      <TypeCode>COR</TypeCode>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			fc, _ := textAt(decl, "FunctionCode")
			tcEl := firstAt(decl, "TypeCode")
			tc := strings.TrimSpace(tcEl.Text())
			switch fc {
			case "9":
				switch {
				case !tcEl.Valid():
					p.Reportf(decl, "Declaration of FunctionCode 9 has no TypeCode: expected the declaration type IM, EX or CO followed by the additional declaration type (one of %s), e.g. IMZ or EXD", adtLetters())
				case cdsFunction13Types[tc] != "":
					p.Reportf(tcEl, "TypeCode %q with FunctionCode 9: %s is %s and goes with FunctionCode 13; a declaration (FunctionCode 9) has IM, EX or CO followed by the additional declaration type (one of %s)", tc, tc, cdsFunction13Types[tc], adtLetters())
				case !cdsDeclarationType(tc):
					p.Reportf(tcEl, "TypeCode %q is not a CDS declaration type: with FunctionCode 9 expected IM, EX or CO followed by the additional declaration type, one of %s (e.g. IMZ or EXD)", tc, adtLetters())
				}
			case "13":
				what := cdsFunction13Types[tc]
				switch {
				case !tcEl.Valid():
					p.Reportf(decl, "Declaration of FunctionCode 13 has no TypeCode: expected COR (amendment), INV (cancellation) or GPR (goods presentation)")
					continue
				case what == "" && cdsDeclarationType(tc):
					p.Reportf(tcEl, "TypeCode %q with FunctionCode 13: %s is a declaration type and goes with FunctionCode 9; FunctionCode 13 takes COR (amendment), INV (cancellation) or GPR (goods presentation)", tc, tc)
					continue
				case what == "":
					p.Reportf(tcEl, "TypeCode %q with FunctionCode 13: expected COR (amendment), INV (cancellation) or GPR (goods presentation)", tc)
					continue
				case tc == "INV":
					continue // cds-cancellation checks its MRN
				}
				if id, _ := textAt(decl, "ID"); id == "" {
					p.Reportf(decl, "For an amendment the MRN must be present: %s (FunctionCode 13, TypeCode %s) needs the MRN of its declaration in Declaration/ID (CSP error 60889)", what, tc)
				}
			}
		}
	},
}

// letters lists the additional declaration types for messages.
func adtLetters() string {
	l := strings.Split(additionalDeclarationTypes, "")
	return strings.Join(l[:len(l)-1], ", ") + " or " + l[len(l)-1]
}

func init() {
	register(cdsFunctionType)
}
