package rules

import (
	"strings"
)

// cdsCancellation checks what a cancellation request must carry.
var cdsCancellation = &Rule{
	ID:           "cds-cancellation",
	Summary:      "a cancellation (13/INV) carries the MRN in ID, a ChangeReasonCode 1, 2 or 3 and a reason text",
	Severity:     Error,
	MessageTypes: []string{cdsINV},
	Doc: `A cancellation request (FunctionCode 13, TypeCode INV) asks CDS to invalidate a declaration.
It must say which declaration and why:

  - Declaration/ID: the MRN of the declaration to cancel;
  - Amendment/ChangeReasonCode: the reason, coded 1, 2 or 3 (HMRC's samples cancel with 1,
    "the declaration is no longer required");
  - AdditionalInformation/StatementDescription: the reason in words (HMRC's samples use
    StatementTypeCode AES with it).

The cancellation schema makes the three elements mandatory but takes any ChangeReasonCode
of up to three characters, such as the amendment reason codes (32 ...). The rule reports the
missing elements too, at the Declaration or the element that should hold them, since it
must not rely on the schema having been checked; cds-function-type leaves the MRN of a
cancellation to this rule.

Failing (an amendment's reason code on a cancellation):

    <Amendment>
      <ChangeReasonCode>32</ChangeReasonCode>
    </Amendment>

Passing:

    <AdditionalInformation>
      <StatementDescription>Buyer withdrew the order; the goods will not leave the UK.</StatementDescription>
    </AdditionalInformation>
    <Amendment>
      <ChangeReasonCode>1</ChangeReasonCode>
    </Amendment>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			if id, _ := textAt(decl, "ID"); id == "" {
				p.Reportf(decl, "a cancellation (FunctionCode 13, TypeCode INV) needs the MRN of the declaration to cancel in Declaration/ID, and it has none")
			}
			amendments := elementsAt(decl, "Amendment")
			if len(amendments) == 0 {
				p.Reportf(decl, "a cancellation needs an Amendment with the ChangeReasonCode of the cancellation, 1, 2 or 3, and it has none")
			}
			for _, a := range amendments {
				crc := firstAt(a, "ChangeReasonCode")
				v := strings.TrimSpace(crc.Text())
				switch {
				case !crc.Valid():
					p.Reportf(a, "Amendment of a cancellation has no ChangeReasonCode: expected 1, 2 or 3")
				case v != "1" && v != "2" && v != "3":
					p.Reportf(crc, "ChangeReasonCode %q is not a cancellation reason: a cancellation takes 1, 2 or 3", v)
				}
			}
			infos := elementsAt(decl, "AdditionalInformation")
			explained := false
			for _, ai := range infos {
				if t, _ := textAt(ai, "StatementDescription"); t != "" {
					explained = true
				}
			}
			if !explained {
				at := decl
				if len(infos) > 0 {
					at = infos[0]
				}
				p.Reportf(at, "a cancellation needs its reason in words in AdditionalInformation/StatementDescription, and it has none")
			}
		}
	},
}

func init() {
	register(cdsCancellation)
}
