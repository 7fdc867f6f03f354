package rules

import (
	"fmt"
	"strings"
)

// The Guarantee data group: guarantee types, references (GRN, access code)
// and other guarantee references.

// ctcC0085 checks condition C0085: guarantee references by guarantee type.
var ctcC0085 = &Rule{
	ID:           "ctc-c0085",
	Codes:        []string{"C0085"},
	Summary:      "a Guarantee whose guaranteeType is in CL076 has a GuaranteeReference; other types have none (C0085)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0085: guarantee types that are referenced (code list CL076,
GuaranteeTypeWithReference: 0, 1, 2, 3, 4, 5, 9) need at least one GuaranteeReference; the other
types (8, A, B, J, R) have none. Needs CL076 (built in).

Failing:

    <Guarantee>
      <sequenceNumber>1</sequenceNumber>
      <guaranteeType>1</guaranteeType>
    </Guarantee>

Passing:

    <Guarantee>
      <sequenceNumber>1</sequenceNumber>
      <guaranteeType>1</guaranteeType>
      <GuaranteeReference>
        <sequenceNumber>1</sequenceNumber>
        <GRN>26GB0000018D4K7W2</GRN>
        ...
`,
	Check: func(p *Pass) {
		for _, g := range elementsAt(p.Root, "Guarantee") {
			t := valueAt(g, "guaranteeType")
			in, known := p.In("CL076", t)
			switch {
			case !known:
				return
			case in:
				requireChild(p, g, "GuaranteeReference", fmt.Sprintf("when guaranteeType %s is in CL076 (guarantee types with reference) (C0085)", quoteValue(t)))
			default:
				forbidChild(p, g, "GuaranteeReference", fmt.Sprintf("when guaranteeType %s is not in CL076 (guarantee types with reference) (C0085)", quoteValue(t)))
			}
		}
	},
}

// ctcC0086 checks condition C0086: GRN and access code by guarantee type.
var ctcC0086 = &Rule{
	ID:           "ctc-c0086",
	Codes:        []string{"C0086"},
	Summary:      "GuaranteeReference has GRN and accessCode when guaranteeType is in CL286, neither otherwise (C0086)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0086: guarantees registered with a guarantee reference number (code list CL286,
GuaranteeTypeWithGRN: 0, 1, 2, 4, 9) give GRN and accessCode in each GuaranteeReference; for the
other types (a cash guarantee, 3, for instance) neither is used. Needs CL286 (built in).

Failing:

    <guaranteeType>1</guaranteeType>
    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2</GRN>
      <amountToBeCovered>12500.00</amountToBeCovered>

Passing:

    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2</GRN>
      <accessCode>H7Q2</accessCode>
      <amountToBeCovered>12500.00</amountToBeCovered>
`,
	Check: func(p *Pass) {
		for _, g := range elementsAt(p.Root, "Guarantee") {
			t := valueAt(g, "guaranteeType")
			in, known := p.In("CL286", t)
			if !known {
				return
			}
			for _, ref := range elementsAt(g, "GuaranteeReference") {
				for _, name := range []string{"GRN", "accessCode"} {
					if in {
						requireChild(p, ref, name, fmt.Sprintf("when guaranteeType %s is in CL286 (guarantee types with GRN) (C0086)", quoteValue(t)))
					} else {
						forbidChild(p, ref, name, fmt.Sprintf("when guaranteeType %s is not in CL286 (guarantee types with GRN) (C0086)", quoteValue(t)))
					}
				}
			}
		}
	},
}

// ctcC0130 checks condition C0130: the other guarantee reference by type.
var ctcC0130 = &Rule{
	ID:           "ctc-c0130",
	Codes:        []string{"C0130"},
	Summary:      "Guarantee/otherGuaranteeReference: required for type 8, optional for 3, not used otherwise (C0130)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0130: a guarantee of type 8 (not required for certain public bodies) gives an
otherGuaranteeReference; a type 3 (cash) guarantee may; no other type uses it.

Failing:

    <Guarantee>
      <sequenceNumber>1</sequenceNumber>
      <guaranteeType>8</guaranteeType>
    </Guarantee>

Passing:

    <Guarantee>
      <sequenceNumber>1</sequenceNumber>
      <guaranteeType>8</guaranteeType>
      <otherGuaranteeReference>EXEMPT-2026-17</otherGuaranteeReference>
    </Guarantee>
`,
	Check: func(p *Pass) {
		for _, g := range elementsAt(p.Root, "Guarantee") {
			switch t := valueAt(g, "guaranteeType"); t {
			case "8":
				requireChild(p, g, "otherGuaranteeReference", "when guaranteeType is 8 (C0130)")
			case "3":
			default:
				forbidChild(p, g, "otherGuaranteeReference", fmt.Sprintf("when guaranteeType is %s, not 3 or 8 (C0130)", quoteValue(t)))
			}
		}
	},
}

// ctcR0318 checks NCTS rule R0318.
var ctcR0318 = &Rule{
	ID:           "ctc-r0318",
	Codes:        []string{"R0318"},
	Summary:      "a GRN has 24 characters for guarantee type 4, 17 otherwise (R0318)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0318: a guarantee reference number (GuaranteeReference/GRN) is 24 characters long
for guarantee type 4 (individual guarantee by vouchers) and 17 for every other type.

Failing:

    <guaranteeType>1</guaranteeType>
    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2A123456</GRN>

Passing:

      <GRN>26GB0000018D4K7W2</GRN>
`,
	Check: func(p *Pass) {
		for _, g := range elementsAt(p.Root, "Guarantee") {
			gt := valueAt(g, "guaranteeType")
			want := 17
			if gt == "4" {
				want = 24
			}
			for _, el := range elementsAt(g, "GuaranteeReference/GRN") {
				if v := strings.TrimSpace(el.Text()); len(v) != want {
					p.Reportf(el, "GRN %s has %d characters; for guarantee type %s it has %d (R0318)", v, len(v), gt, want)
				}
			}
		}
	},
}

// ctcR0900 checks NCTS rule R0900.
var ctcR0900 = &Rule{
	ID:           "ctc-r0900",
	Codes:        []string{"R0900"},
	Summary:      "guarantee type: B for TIR, else in CL230 (departure in the EU, SM or AD) or CL229 (R0900)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0900, on Guarantee/guaranteeType:
- a TIR declaration's guarantee is of type B;
- otherwise, from an office of departure in the EU (CL010), San Marino or Andorra, the type
  is in CL230 (GuaranteeTypeEUNonTIR), and from anywhere else in CL229 (GuaranteeTypeCTC).
The second part is silent without the lists.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <guaranteeType>1</guaranteeType>

Passing:

    <guaranteeType>B</guaranteeType>
`,
	Check: func(p *Pass) {
		types := elementsAt(p.Root, "Guarantee/guaranteeType")
		if valueAt(p.Root, "TransitOperation/declarationType") == "TIR" {
			for _, el := range types {
				if v := strings.TrimSpace(el.Text()); v != "B" {
					p.Reportf(el, "a TIR declaration's guarantee is of type B, not %s (R0900)", v)
				}
			}
			return
		}
		dep, depEl := officeAt(p, "CustomsOfficeOfDeparture")
		if !depEl.Valid() {
			return
		}
		list := "CL229"
		if in, known := p.In("CL010", dep); !known {
			return
		} else if in || oneOf(dep, "SM", "AD") {
			list = "CL230"
		}
		for _, el := range types {
			v := strings.TrimSpace(el.Text())
			if in, known := p.In(list, v); known && !in {
				p.Reportf(el, "guarantee type %s is not in %s, the guarantee types allowed from an office of departure in %s (R0900)", v, list, dep)
			}
		}
	},
}

func init() {
	register(ctcC0085, ctcC0086, ctcC0130, ctcR0318, ctcR0900)
}
