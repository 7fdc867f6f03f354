package rules

import (
	"regexp"
	"strings"
)

// Rejections (IE056, IE057) and their functional errors.

// ctcC0492 checks condition C0492.
var ctcC0492 = &Rule{
	ID:           "ctc-c0492",
	Codes:        []string{"C0492"},
	Summary:      "IE056 (phase 5), IE057: TransitOperation/rejectionReason is required for rejection code 4 (C0492)",
	Severity:     Error,
	MessageTypes: []string{"CC056C", "CC057C"},
	Doc: `Condition C0492: a rejection (IE056 in phase 5, IE057 in both phases) with rejection code 4
explains itself in rejectionReason. (Phase 6 governs the IE056 by C0495, which depends on the
declaration rejected and is not checked.)

Failing:

    <TransitOperation>
      <MRN>26GB00000000000017</MRN>
      <businessRejectionType>057</businessRejectionType>
      <rejectionDateAndTime>2026-03-14T10:00:00</rejectionDateAndTime>
      <rejectionCode>4</rejectionCode>
    </TransitOperation>

Passing: the same with <rejectionReason>Arrival already registered</rejectionReason>.
`,
	Check: func(p *Pass) {
		if skipOutsidePhase(p, "CC056C", "ctc-p5") {
			return
		}
		op := firstAt(p.Root, "TransitOperation")
		if valueAt(op, "rejectionCode") == "4" {
			requireChild(p, op, "rejectionReason", "when rejectionCode is '4' (C0492)")
		}
	},
}

// ctcG0010 checks guideline G0010: the error reason names what failed.
var ctcG0010 = &Rule{
	ID:           "ctc-g0010",
	Codes:        []string{"G0010"},
	Summary:      "FunctionalError/errorReason has the form its errorCode calls for: CLnnn for 12, Cnnnn/Tnnnn for 13 and 15, Rnnnn/Tnnnn for 14 ... N/A otherwise (G0010)",
	Severity:     Warning,
	MessageTypes: []string{"CC056C", "CC057C"},
	Doc: `Guideline G0010: the reason of a functional error in a rejection (IE056, IE057) names what failed,
in a form set by the error code:

  - 12 (code list): the code list, CLnnn;
  - 13 and 15 (condition, technical rule): Cnnnn or Tnnnn;
  - 14 (rule): Rnnnn or Tnnnn;
  - 50 (transitional rule): Ennnn or Bnnnn;
  - 51 and 52 (exceptions): ieCAvB or NCAvB;
  - any other code: N/A.

customslint warns when the reason lacks that form; it helps those who write or test rejection
messages (NCTS sends them to traders).

Failing:

    <errorCode>12</errorCode>
    <errorReason>N/A</errorReason>

Passing:

    <errorCode>12</errorCode>
    <errorReason>CL017</errorReason>
`,
	Check: func(p *Pass) {
	next:
		for _, fe := range elementsAt(p.Root, "FunctionalError") {
			code := valueAt(fe, "errorCode")
			reason := fe.ChildByLocalName("errorReason")
			if !reason.Valid() {
				continue
			}
			r := strings.TrimSpace(reason.Text())
			for _, f := range errorReasonForms {
				if oneOf(code, f.codes...) {
					if !f.re.MatchString(r) {
						p.Reportf(reason, "errorReason %q should name %s for errorCode %s (G0010)", r, f.what, code)
					}
					continue next
				}
			}
			if r != "N/A" {
				p.Reportf(reason, "errorReason %q should be N/A for errorCode %s (G0010)", r, quoteValue(code))
			}
		}
	},
}

// ctcR0852 checks NCTS rule R0852.
var ctcR0852 = &Rule{
	ID:           "ctc-r0852",
	Codes:        []string{"R0852"},
	Summary:      "a rejection from a country in CL167 has no business rejection type A13, A15 or A71 (R0852)",
	Severity:     Error,
	MessageTypes: []string{"CC056C"},
	Profiles:     []string{"ctc-p6"},
	Doc: `NCTS rule R0852 (phase 6), on a rejection from the office of departure (IE056): when the
last two characters of messageSender (the sending country) are in CL167 (CountryCodesOptOut),
TransitOperation/businessRejectionType is not A13, A15 or A71. Silent without CL167.

Failing (from a country of CL167):

    <businessRejectionType>A13</businessRejectionType>

Passing:

    <businessRejectionType>015</businessRejectionType>
`,
	Check: func(p *Pass) {
		if !senderIn(p, "CL167") {
			return
		}
		if el := firstAt(p.Root, "TransitOperation/businessRejectionType"); el.Valid() && oneOf(strings.TrimSpace(el.Text()), "A13", "A15", "A71") {
			p.Reportf(el, "business rejection type %s is not used by a country of CL167 (R0852)", strings.TrimSpace(el.Text()))
		}
	}}

// errorReasonForms are the forms of FunctionalError/errorReason by error code
// (G0010); any other code has "N/A".
var errorReasonForms = []struct {
	codes []string
	re    *regexp.Regexp
	what  string
}{
	{[]string{"12"}, regexp.MustCompile(`\bCL[0-9]{3}\b`), "the code list that failed (CLnnn)"},
	{[]string{"13", "15"}, regexp.MustCompile(`\b[CT][0-9]{4}\b`), "the condition or technical rule that failed (Cnnnn or Tnnnn)"},
	{[]string{"14"}, regexp.MustCompile(`\b[RT][0-9]{4}\b`), "the rule or technical rule that failed (Rnnnn or Tnnnn)"},
	{[]string{"50"}, regexp.MustCompile(`\b[EB][0-9]{4}\b`), "the transitional rule that failed (Ennnn or Bnnnn)"},
	{[]string{"51", "52"}, regexp.MustCompile(`^(ieCAvB|NCAvB)$`), "ieCAvB or NCAvB, who threw the exception"},
}

func init() {
	register(ctcC0492, ctcG0010, ctcR0852)
}
