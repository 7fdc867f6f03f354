package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Documents and references: previous and supporting documents, additional
// references (excise documents, e-AD) and additional information.

// ctcC0015 checks condition C0015: excise references carry their number.
var ctcC0015 = &Rule{
	ID:           "ctc-c0015",
	Codes:        []string{"C0015"},
	Summary:      "an item's AdditionalReference of an excise type (CL234: C651, C658) has a referenceNumber (C0015)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Condition C0015: an additional reference of a goods item whose type is an excise document (code
list CL234, DocumentTypeExcise: the e-AD C651 and its fallback C658) must give the document's
reference number; for other types referenceNumber is optional. Needs CL234 (built in).

Failing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
    </AdditionalReference>

Passing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>26GBA0000000000012345</referenceNumber>
    </AdditionalReference>
`,
	Check: func(p *Pass) {
		for _, ar := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference") {
			t := valueAt(ar, "type")
			if in, known := p.In("CL234", t); known && in {
				requireChild(p, ar, "referenceNumber", fmt.Sprintf("when its type %s is in CL234 (excise documents) (C0015)", t))
			}
		}
	},
}

// ctcC0035 checks condition C0035: T2 goods leaving a CTC country prove
// their status with a previous document.
var ctcC0035 = &Rule{
	ID:           "ctc-c0035",
	Codes:        []string{"C0035"},
	Summary:      "T2/T2F goods declared at an office in a CTC country have a PreviousDocument, per item or for the consignment (C0035)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0035: Union goods (declaration type T2 or T2F) placed under transit at an office of
departure in a CTC country (CL112: GB, CH, NO ...) need a previous document proving their status.
When Consignment has a PreviousDocument that suffices; otherwise every goods item concerned
needs its own: all items when TransitOperation/declarationType is T2 or T2F, else the items whose
own declarationType is T2 or T2F. Needs CL112 (built in).

Failing (T2 from Dover, no previous document):

    <declarationType>T2</declarationType>
    ...
    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        ...

Passing:

      <ConsignmentItem>
        ...
        <PreviousDocument>
          <sequenceNumber>1</sequenceNumber>
          <type>N820</type>
          <referenceNumber>26GB00000000000012</referenceNumber>
        </PreviousDocument>
`,
	Check: func(p *Pass) {
		dep := officeCountry(valueAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		in, known := p.In("CL112", dep)
		if !known || !in {
			return
		}
		cons := p.Root.ChildByLocalName("Consignment")
		if cons.ChildByLocalName("PreviousDocument").Valid() {
			return
		}
		dt := valueAt(p.Root, "TransitOperation/declarationType")
		for _, ci := range elementsAt(cons, "HouseConsignment/ConsignmentItem") {
			switch {
			case oneOf(dt, "T2", "T2F"):
				requireChild(p, ci, "PreviousDocument", fmt.Sprintf("when TransitOperation/declarationType is %s, the office of departure is in %s, a CTC country (CL112), and Consignment has no PreviousDocument (C0035)", dt, dep))
			case oneOf(valueAt(ci, "declarationType"), "T2", "T2F"):
				requireChild(p, ci, "PreviousDocument", fmt.Sprintf("when its declarationType is %s, the office of departure is in %s, a CTC country (CL112), and Consignment has no PreviousDocument (C0035)", valueAt(ci, "declarationType"), dep))
			}
		}
	},
}

// ctcC0298 checks condition C0298: a quantity has its unit.
var ctcC0298 = &Rule{
	ID:           "ctc-c0298",
	Codes:        []string{"C0298"},
	Summary:      "an item's PreviousDocument has measurementUnitAndQualifier exactly when it has quantity (C0298)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0298: in the previous document of a goods item, a quantity needs its measurement unit
(measurementUnitAndQualifier) and a unit without quantity is not used.

Failing:

    <PreviousDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>N337</type>
      <referenceNumber>26GB00000000000012</referenceNumber>
      <quantity>120</quantity>
    </PreviousDocument>

Passing:

    <PreviousDocument>
      ...
      <measurementUnitAndQualifier>KGM</measurementUnitAndQualifier>
      <quantity>120</quantity>
    </PreviousDocument>
`,
	Check: func(p *Pass) {
		for _, pd := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument") {
			if pd.ChildByLocalName("quantity").Valid() {
				requireChild(p, pd, "measurementUnitAndQualifier", "when it has a quantity (C0298)")
			} else {
				forbidChild(p, pd, "measurementUnitAndQualifier", "when it has no quantity (C0298)")
			}
		}
	},
}

// ctcG0026 checks guideline G0026: one export declaration per house
// consignment, in standard declarations.
var ctcG0026 = &Rule{
	ID:           "ctc-g0026",
	Codes:        []string{"G0026"},
	Summary:      "a HouseConsignment has at most one PreviousDocument, and only in a standard declaration (additionalDeclarationType A) (G0026)",
	Severity:     Warning,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Guideline G0026: the previous document of a house consignment serves export followed by transit
(type N830, the export declaration's MRN). Although the schema allows 99, a house consignment
has at most one, and only in a standard declaration (TransitOperation/additionalDeclarationType
A; IE043, which has no additional declaration type, is checked for the count only).

Failing:

    <HouseConsignment>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>
        <referenceNumber>26GB0000000000ABC1</referenceNumber>
      </PreviousDocument>
      <PreviousDocument>
        <sequenceNumber>2</sequenceNumber>
        <type>N830</type>
        <referenceNumber>26GB0000000000ABC2</referenceNumber>
      </PreviousDocument>

Passing: one PreviousDocument per HouseConsignment.
`,
	Check: func(p *Pass) {
		adt, hasADT := textAt(p.Root, "TransitOperation/additionalDeclarationType")
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			pds := elementsAt(hc, "PreviousDocument")
			if len(pds) == 0 {
				continue
			}
			if hasADT && adt != "A" {
				p.Reportf(pds[0], "PreviousDocument is used in HouseConsignment only in a standard declaration (additionalDeclarationType A, not %s) (G0026)", quoteValue(adt))
			}
			for _, pd := range pds[1:] {
				p.Reportf(pd, "HouseConsignment has more than one PreviousDocument; it gives at most one export declaration (G0026)")
			}
		}
	},
}

// ctcG0050 checks guideline G0050 (and G0424): an e-AD reference is an ARC.
var ctcG0050 = &Rule{
	ID:           "ctc-g0050",
	Codes:        []string{"G0050", "G0424"},
	Summary:      "an item's AdditionalReference of type C651 (e-AD) has an ARC as referenceNumber (G0050, G0424)",
	Severity:     Warning,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Guidelines G0050 and G0424: the additional reference of an excise movement gives the EMCS
administrative reference code (ARC) for type C651 (e-AD), or the national fallback number for
C658. An ARC has 21 characters: the year's last two digits, the Member State's two letters,
sixteen letters or digits, and a check digit. customslint warns when a C651 reference holds no
such code (the fallback number has no common form and is not checked).

Failing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>EMCS-4471</referenceNumber>
    </AdditionalReference>

Passing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>26DEA7K2Q9W4R1T8Y6U33</referenceNumber>
    </AdditionalReference>
`,
	Check: func(p *Pass) {
		checkARC(p, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference", "G0050")
	},
}

// ctcG0414 checks guideline G0414: an e-AD supporting document is an ARC.
var ctcG0414 = &Rule{
	ID:           "ctc-g0414",
	Codes:        []string{"G0414"},
	Summary:      "an item's SupportingDocument of type C651 (e-AD) has an ARC as referenceNumber (G0414)",
	Severity:     Warning,
	MessageTypes: []string{"CC013C", "CC015C"},
	Doc: `Guideline G0414: a supporting document of excise goods of type C651 (e-AD) gives the EMCS
administrative reference code (ARC); one of type C658 the national fallback number. An ARC has
21 characters: the year's last two digits, the Member State's two letters, sixteen letters or
digits, and a check digit. customslint warns when a C651 document holds no such code.

Failing:

    <SupportingDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>see invoice</referenceNumber>
    </SupportingDocument>

Passing:

    <SupportingDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>26DEA7K2Q9W4R1T8Y6U33</referenceNumber>
    </SupportingDocument>
`,
	Check: func(p *Pass) {
		checkARC(p, "Consignment/HouseConsignment/ConsignmentItem/SupportingDocument", "G0414")
	},
}

// ctcG0991 checks guideline G0991 (phase 5): after the transitional period
// N830 is an export type of the house consignment only.
var ctcG0991 = &Rule{
	ID:           "ctc-g0991",
	Codes:        []string{"G0991"},
	Summary:      "a phase 5 consignment or item PreviousDocument does not have type N830, valid only at house consignment level since the transitional period ended (G0991)",
	Severity:     Warning,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     []string{"ctc-p5"},
	Doc: `Guideline G0991 (phase 5): during the NCTS transitional period the export declaration N830 was also
a valid previous document type (code list CL214). Since the period ended it is valid only as the
export type of a house consignment (CL228), which marks export followed by transit; a previous
document of the consignment or of a goods item with type N830 is no longer valid.

Failing:

    <ConsignmentItem>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>

Passing:

    <HouseConsignment>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/PreviousDocument/type", "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type"} {
			for _, e := range elementsAt(p.Root, path) {
				if strings.TrimSpace(e.Text()) == "N830" {
					p.Reportf(e, "type N830 is valid only in HouseConsignment/PreviousDocument since the transitional period ended, not in %s (G0991)", documentOwner(e))
				}
			}
		}
	},
}

// ctcR0023 checks NCTS rule R0023.
var ctcR0023 = &Rule{
	ID:           "ctc-r0023",
	Codes:        []string{"R0023"},
	Summary:      "the reference number of an excise additional reference (CL234) is not 0 (R0023)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C", "CC029C", "CC043C", "CC044C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0023: when a consignment item's AdditionalReference/type is an excise document
(CL234: C651, C658), its referenceNumber (the e-AD's ARC) is not 0. Silent without CL234.

Failing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>0</referenceNumber>

Passing: the ARC, 26GBAAAAAAAAAAAAAAAA1.
`,
	Check: func(p *Pass) {
		for _, ar := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference") {
			ref := firstAt(ar, "referenceNumber")
			if !ref.Valid() || strings.TrimSpace(ref.Text()) != "0" {
				continue
			}
			if in, known := p.In("CL234", valueAt(ar, "type")); known && in {
				p.Reportf(ref, "an excise additional reference (%s, CL234) needs its reference number, not 0 (R0023)", valueAt(ar, "type"))
			}
		}
	},
}

// ctcR3060 checks NCTS rule R3060.
var ctcR3060 = &Rule{
	ID:           "ctc-r3060",
	Codes:        []string{"R3060"},
	Summary:      "no additional information 30600 at consignment level when a destination is in CL009 (R3060)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: r30600Doc + `NCTS rule R3060: when the country of destination of the
consignment, of a house consignment or of a consignment item is a common transit country
(CL009), Consignment/AdditionalInformation/code is not 30600. Silent without CL009.

Failing:

    <countryOfDestination>IT</countryOfDestination>
    ...
    <AdditionalInformation>
      <sequenceNumber>1</sequenceNumber>
      <code>30600</code>

Passing: another code, or a destination outside CL009.
`,
	Check: check30600("R3060", "consignment", "Consignment/AdditionalInformation/code"),
}

// ctcR3061 checks NCTS rule R3061.
var ctcR3061 = &Rule{
	ID:           "ctc-r3061",
	Codes:        []string{"R3061"},
	Summary:      "no additional information 30600 on a consignment item (R3061)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: r30600Doc + `NCTS rule R3061: a consignment item's AdditionalInformation/code is never 30600.

Failing:

    <ConsignmentItem>
      ...
      <AdditionalInformation>
        <sequenceNumber>1</sequenceNumber>
        <code>30600</code>

Passing: another code.
`,
	Check: check30600("R3061", "consignment item", "Consignment/HouseConsignment/ConsignmentItem/AdditionalInformation/code"),
}

// ctcR3062 checks NCTS rule R3062.
var ctcR3062 = &Rule{
	ID:           "ctc-r3062",
	Codes:        []string{"R3062"},
	Summary:      "no additional information 30600 on a house consignment when a destination is in CL009 (R3062)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: r30600Doc + `NCTS rule R3062: when the country of destination of the
consignment, of a house consignment or of a consignment item is a common transit country
(CL009), a house consignment's AdditionalInformation/code is not 30600. Silent without CL009.

Failing:

    <HouseConsignment>
      ...
      <AdditionalInformation>
        <sequenceNumber>1</sequenceNumber>
        <code>30600</code>

Passing: another code, or a destination outside CL009.
`,
	Check: check30600("R3062", "house consignment", "Consignment/HouseConsignment/AdditionalInformation/code"),
}

// arcPattern finds an EMCS administrative reference code: two digits of year,
// two letters of Member State, sixteen characters, a check digit.
var arcPattern = regexp.MustCompile(`(^|[^A-Z0-9])[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]([^A-Z0-9]|$)`)

// checkARC warns about references of type C651 (e-AD) without an ARC.
func checkARC(p *Pass, path, id string) {
	for _, ref := range elementsAt(p.Root, path) {
		if valueAt(ref, "type") != "C651" {
			continue
		}
		n := ref.ChildByLocalName("referenceNumber")
		if n.Valid() && !arcPattern.MatchString(strings.TrimSpace(n.Text())) {
			p.Reportf(n, "referenceNumber %q of a %s of type C651 (e-AD) should hold its ARC, 21 characters: 2 digits, 2 letters, 16 letters or digits, 1 digit (%s)", strings.TrimSpace(n.Text()), ref.LocalName(), id)
		}
	}
}

// documentOwner names the group holding a previous document's type:
// "Consignment/PreviousDocument".
func documentOwner(typ xsd.Element) string {
	pd := typ.Parent()
	return fmt.Sprintf("%s/%s", pd.Parent().LocalName(), pd.LocalName())
}

// commonTransitDestination reports whether a country of destination of the
// consignment, a house consignment or an item is in CL009; known is false
// without the list.
func commonTransitDestination(p *Pass) (in, known bool) {
	if _, known := p.In("CL009", "GB"); !known {
		return false, false
	}
	for _, path := range []string{"Consignment/countryOfDestination", "Consignment/HouseConsignment/countryOfDestination", "Consignment/HouseConsignment/ConsignmentItem/countryOfDestination"} {
		for _, c := range textsAt(p.Root, path) {
			if in, _ := p.In("CL009", c); in {
				return true, true
			}
		}
	}
	return false, true
}

func check30600(id, level, path string) func(*Pass) {
	return func(p *Pass) {
		els := elementsAt(p.Root, path)
		var hit []xsd.Element
		for _, el := range els {
			if strings.TrimSpace(el.Text()) == "30600" {
				hit = append(hit, el)
			}
		}
		if len(hit) == 0 {
			return
		}
		if id != "R3061" {
			if in, known := commonTransitDestination(p); !known || !in {
				return
			}
		}
		for _, el := range hit {
			if id == "R3061" {
				p.Reportf(el, "additional information 30600 is not used at %s level (%s)", level, id)
			} else {
				p.Reportf(el, "additional information 30600 is not used at %s level when a country of destination is a common transit country (CL009) (%s)", level, id)
			}
		}
	}
}

const r30600Doc = `NCTS refuses additional information code 30600 in the places these rules name. `

func init() {
	register(ctcC0015, ctcC0035, ctcC0298, ctcG0026, ctcG0050, ctcG0414, ctcG0991, ctcR0023, ctcR3060, ctcR3061, ctcR3062)
}
