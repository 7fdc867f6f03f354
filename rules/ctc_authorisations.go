package rules

import (
	"fmt"
	"strings"
)

// Authorisations (C521 simplified procedure, C524 reduced dataset), the
// limit date and control results they bring.

// ctcC0101 checks condition C0101: a reduced data set rests on an
// authorisation.
var ctcC0101 = &Rule{
	ID:           "ctc-c0101",
	Codes:        []string{"C0101"},
	Summary:      "a declaration with reducedDatasetIndicator 1 has an Authorisation (C0101)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0101: a declaration using the reduced data set (TransitOperation/reducedDatasetIndicator
1) must name at least one Authorisation; otherwise authorisations are optional.

Failing:

    <reducedDatasetIndicator>1</reducedDatasetIndicator>
    ...
    </TransitOperation>
    <CustomsOfficeOfDeparture>

Passing:

    </TransitOperation>
    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C524</type>
      <referenceNumber>GBTRD123456</referenceNumber>
    </Authorisation>
    <CustomsOfficeOfDeparture>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/reducedDatasetIndicator") == "1" {
			requireChild(p, p.Root, "Authorisation", "when TransitOperation/reducedDatasetIndicator is 1 (C0101)")
		}
	},
}

// ctcC0102 checks condition C0102: an arrival under the simplified
// procedure names the authorisation.
var ctcC0102 = &Rule{
	ID:           "ctc-c0102",
	Codes:        []string{"C0102"},
	Summary:      "an arrival notification (IE007) has an Authorisation exactly when simplifiedProcedure is 1 (C0102)",
	Severity:     Error,
	MessageTypes: []string{"CC007C"},
	Doc: `Condition C0102: an arrival notification under the simplified procedure (authorised consignee,
TransitOperation/simplifiedProcedure 1) must give the Authorisation; an arrival under the
normal procedure gives none.

Failing:

    <simplifiedProcedure>0</simplifiedProcedure>
    ...
    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C522</type>

Passing:

    <simplifiedProcedure>1</simplifiedProcedure>
    ...
    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C522</type>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/simplifiedProcedure") == "1" {
			requireChild(p, p.Root, "Authorisation", "when TransitOperation/simplifiedProcedure is 1 (C0102)")
			return
		}
		forbidChild(p, p.Root, "Authorisation", "when TransitOperation/simplifiedProcedure is not 1 (C0102)")
	},
}

// ctcC0839 checks condition C0839.
var ctcC0839 = &Rule{
	ID:           "ctc-c0839",
	Codes:        []string{"C0839"},
	Summary:      "TransitOperation/limitDate only with authorisation C521, and then required unless pre-lodged (C0839)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Doc: `Condition C0839: the limit date belongs to the authorised consignor's procedure (authorisation
type C521). Without such an authorisation there is no limit date; with it, a standard
declaration gives one and a pre-lodged one (additionalDeclarationType D) may.

Failing (no C521 authorisation):

    <TransitOperation>
      ...
      <limitDate>2026-03-27</limitDate>
    </TransitOperation>

Passing:

    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C521</type>
      <referenceNumber>GBACR778899001000-2025-02</referenceNumber>
    </Authorisation>
`,
	Check: func(p *Pass) {
		op := firstAt(p.Root, "TransitOperation")
		c521 := false
		for _, t := range textsAt(p.Root, "Authorisation/type") {
			c521 = c521 || t == "C521"
		}
		if !c521 {
			forbidChild(p, op, "limitDate", "when there is no Authorisation of type 'C521' (C0839)")
			return
		}
		if adt, ok := textAt(op, "additionalDeclarationType"); ok && adt != "D" {
			requireChild(p, op, "limitDate", fmt.Sprintf("when there is an Authorisation of type 'C521' and additionalDeclarationType is '%s' (C0839)", adt))
		}
	},
}

// ctcG0160 checks guideline G0160: a release under the simplified
// procedure gives the control result.
var ctcG0160 = &Rule{
	ID:           "ctc-g0160",
	Codes:        []string{"G0160"},
	Summary:      "a release for transit (IE029) under the simplified procedure (Authorisation C521) has ControlResult (G0160)",
	Severity:     Warning,
	MessageTypes: []string{"CC029C"},
	Doc: `Guideline G0160: a declaration under the simplified procedure (authorised consignor, whose
Authorisation has type C521) is released with a ControlResult (A3 when the office did not
control). customslint warns about an IE029 with a C521 authorisation and no ControlResult.

Failing:

    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C521</type>
      ...
    (no ControlResult)

Passing:

    <ControlResult>
      <code>A3</code>
      ...
    </ControlResult>
`,
	Check: func(p *Pass) {
		if hasText(p.Root, "Authorisation/type", "C521") && !p.Root.ChildByLocalName("ControlResult").Valid() {
			p.Reportf(p.Root, "ControlResult is expected in %s when an Authorisation has type C521 (simplified procedure) (G0160)", p.Root.LocalName())
		}
	},
}

// ctcR0350 checks NCTS rule R0350.
var ctcR0350 = &Rule{
	ID:           "ctc-r0350",
	Codes:        []string{"R0350"},
	Summary:      "the reduced dataset by road, rail or air needs an authorisation C524 (R0350)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0350: a declaration with the reduced dataset (reducedDatasetIndicator 1) whose
inland mode of transport is sea (1), rail (2) or air (4) declares an authorisation of type
C524 (use of the reduced dataset). ctc-r0859 asks the same of every reduced-dataset
declaration.

Failing:

    <reducedDatasetIndicator>1</reducedDatasetIndicator>
    ...
    <inlandModeOfTransport>4</inlandModeOfTransport>
    (no Authorisation with type C524)

Passing: an Authorisation with type C524.
`,
	Check: func(p *Pass) {
		rdi := firstAt(p.Root, "TransitOperation/reducedDatasetIndicator")
		if strings.TrimSpace(rdi.Text()) != "1" || !oneOf(valueAt(p.Root, "Consignment/inlandModeOfTransport"), "1", "2", "4") {
			return
		}
		if !hasText(p.Root, "Authorisation/type", "C524") {
			p.Reportf(rdi, "the reduced dataset with inland mode of transport %s needs an authorisation of type C524 (R0350)", valueAt(p.Root, "Consignment/inlandModeOfTransport"))
		}
	},
}

// ctcR0859 checks NCTS rule R0859.
var ctcR0859 = &Rule{
	ID:           "ctc-r0859",
	Codes:        []string{"R0859"},
	Summary:      "an authorisation C524 is declared exactly when the reduced dataset is used (R0859)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0859: with reducedDatasetIndicator 1 at least one Authorisation has type C524
(authorisation to use the reduced dataset); otherwise no Authorisation has type C524.

Failing:

    <reducedDatasetIndicator>0</reducedDatasetIndicator>
    ...
    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C524</type>

Passing: reducedDatasetIndicator 1 with that authorisation.
`,
	Check: func(p *Pass) {
		rdi := firstAt(p.Root, "TransitOperation/reducedDatasetIndicator")
		if !rdi.Valid() {
			return
		}
		if strings.TrimSpace(rdi.Text()) == "1" {
			if !hasText(p.Root, "Authorisation/type", "C524") {
				p.Reportf(rdi, "the reduced dataset needs an authorisation of type C524 (R0859)")
			}
			return
		}
		for _, el := range elementsAt(p.Root, "Authorisation/type") {
			if strings.TrimSpace(el.Text()) == "C524" {
				p.Reportf(el, "an authorisation of type C524 (reduced dataset) is declared, but reducedDatasetIndicator is not 1 (R0859)")
			}
		}
	},
}

// ctcR0910 checks NCTS rule R0910.
var ctcR0910 = &Rule{
	ID:           "ctc-r0910",
	Codes:        []string{"R0910"},
	Summary:      "without a simplified procedure (C521), the control result code is in CL195 (R0910)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0910, on the release for transit (IE029): unless the declaration has an
authorisation of type C521 (authorised consignor), ControlResult/code is in CL195
(ControlResultCodeDepartureSimplifiedExcluded). customslint reads the authorisations the
IE029 repeats from the declaration. Silent without CL195.

Failing (no authorisation C521, a control result code of the simplified procedure):

    <ControlResult>
      <code>A3</code>

Passing: a code in CL195, or an authorisation C521.
`,
	Check: func(p *Pass) {
		if hasText(p.Root, "Authorisation/type", "C521") {
			return
		}
		for _, el := range elementsAt(p.Root, "ControlResult/code") {
			v := strings.TrimSpace(el.Text())
			if in, known := p.In("CL195", v); known && !in {
				p.Reportf(el, "without an authorisation C521 the control result code must be in CL195; %s is not (R0910)", v)
			}
		}
	},
}

// ctcR0912 checks NCTS rule R0912.
var ctcR0912 = &Rule{
	ID:           "ctc-r0912",
	Codes:        []string{"R0912"},
	Summary:      "for a TIR movement, the control result code is in CL195 (R0912)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0912, on the release for transit (IE029): when TransitOperation/declarationType is
TIR, ControlResult/code is in CL195 (ControlResultCodeDepartureSimplifiedExcluded). Silent
without CL195.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <ControlResult>
      <code>A3</code>

Passing: a code in CL195.
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/declarationType") != "TIR" {
			return
		}
		for _, el := range elementsAt(p.Root, "ControlResult/code") {
			v := strings.TrimSpace(el.Text())
			if in, known := p.In("CL195", v); known && !in {
				p.Reportf(el, "a TIR movement's control result code must be in CL195; %s is not (R0912)", v)
			}
		}
	},
}

func init() {
	register(ctcC0101, ctcC0102, ctcC0839, ctcG0160, ctcR0350, ctcR0859, ctcR0910, ctcR0912)
}
