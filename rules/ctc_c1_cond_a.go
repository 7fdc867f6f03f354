package rules

import (
	"fmt"
	"strings"
)

// NCTS conditions C0015-C0130 (declaration data, transport, guarantees,
// invalidation).

// CTCC0015 checks condition C0015: excise references carry their number.
var CTCC0015 = &Rule{
	ID:           "ctc-c0015",
	Summary:      "an item's AdditionalReference of an excise type (CL234: C651, C658) has a referenceNumber (C0015)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
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
		for _, ar := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference") {
			t := Value(ar, "type")
			if in, known := p.In("CL234", t); known && in {
				requireChild(p, ar, "referenceNumber", fmt.Sprintf("when its type %s is in CL234 (excise documents) (C0015)", t))
			}
		}
	},
}

// CTCC0027 checks condition C0027: the first unloading permission carries
// the declaration, later ones (CTLControl) do not.
var CTCC0027 = &Rule{
	ID:           "ctc-c0027",
	Summary:      "an unloading permission (IE043) with CTLControl omits holder, consignment, declaration type and acceptance date; without it, all are required (C0027)",
	Severity:     Error,
	MessageTypes: []string{"CC043C"},
	Doc: `Condition C0027: the first unloading permission (IE043) gives the declaration's data:
HolderOfTheTransitProcedure, Consignment (with grossMass), TransitOperation/declarationType and
TransitOperation/declarationAcceptanceDate are required. A later permission to continue
unloading carries CTLControl instead, and then none of them is used.

Failing (a first permission without the consignment):

    <TransitOperation>
      <MRN>26GB00000000000018</MRN>
      <declarationType>T1</declarationType>
      <declarationAcceptanceDate>2026-03-14</declarationAcceptanceDate>
      ...
    <TraderAtDestination>...</TraderAtDestination>
    </ncts:CC043C>

Passing (a permission to continue unloading):

    <TransitOperation>
      <MRN>26GB00000000000018</MRN>
      <security>0</security>
      <reducedDatasetIndicator>0</reducedDatasetIndicator>
    </TransitOperation>
    ...
    <CTLControl>
      <continueUnloading>1</continueUnloading>
    </CTLControl>
`,
	Check: func(p *Pass) {
		op := p.Root.ChildByLocalName("TransitOperation")
		cons := p.Root.ChildByLocalName("Consignment")
		if p.Root.ChildByLocalName("CTLControl").Valid() {
			why := "when CTLControl is present (C0027)"
			forbidChild(p, p.Root, "HolderOfTheTransitProcedure", why)
			forbidChild(p, p.Root, "Consignment", why)
			forbidChild(p, op, "declarationType", why)
			forbidChild(p, op, "declarationAcceptanceDate", why)
			return
		}
		why := "when CTLControl is absent (C0027)"
		requireChild(p, p.Root, "HolderOfTheTransitProcedure", why)
		requireChild(p, p.Root, "Consignment", why)
		requireChild(p, op, "declarationType", why)
		requireChild(p, op, "declarationAcceptanceDate", why)
		requireChild(p, cons, "grossMass", why)
	},
}

// CTCC0029 checks condition C0029: safety and security data need the
// border mode of transport.
var CTCC0029 = &Rule{
	ID:           "ctc-c0029",
	Summary:      "a release for transit (IE029) with security 1, 2 or 3 has Consignment/modeOfTransportAtTheBorder (C0029)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
	Doc: `Condition C0029: when the movement carries safety and security data (TransitOperation/security
1, 2 or 3), the release for transit must give the mode of transport at the border; with
security 0 it is optional.

Failing:

    <security>2</security>
    ...
    <Consignment>
      <inlandModeOfTransport>3</inlandModeOfTransport>
      <grossMass>540.5</grossMass>

Passing:

    <Consignment>
      <inlandModeOfTransport>3</inlandModeOfTransport>
      <modeOfTransportAtTheBorder>3</modeOfTransportAtTheBorder>
      <grossMass>540.5</grossMass>
`,
	Check: func(p *Pass) {
		if sec := Value(p.Root, "TransitOperation/security"); oneOf(sec, "1", "2", "3") {
			requireChild(p, p.Root.ChildByLocalName("Consignment"), "modeOfTransportAtTheBorder", fmt.Sprintf("when TransitOperation/security is %s (C0029)", sec))
		}
	},
}

// CTCC0030 checks condition C0030: when offices of transit are required,
// optional or not allowed.
var CTCC0030 = &Rule{
	ID:           "ctc-c0030",
	Summary:      "CustomsOfficeOfTransitDeclared: not used for TIR and T2SM, required when the movement crosses into or through CTC countries, Andorra or an exit office (C0030)",
	Severity:     Error,
	MessageTypes: c1Declarations,
	Doc: `Condition C0030 decides, in this order, whether a declaration names offices of transit:

 1. declarationType TIR or T2SM: CustomsOfficeOfTransitDeclared is not used;
 2. offices of departure and destination (declared) in the same CTC country (CL112: GB, CH,
    NO ...): optional;
 3. declarationType T2: required;
 4. declarationType T with at least one item of declaration type T2: required;
 5. office of departure or of destination in a CTC country (CL112): required;
 6. a country of routing in CL112: required;
 7. office of departure or of destination in Andorra (AD): required;
 8. CustomsOfficeOfExitForTransitDeclared present: required;
 9. otherwise optional.

An office's country is the first two characters of its reference number. Steps 2, 5 and 6 need
CL112 (built in). A declaration from Great Britain to the EU therefore always names its office
of transit.

Failing (Dover to Bari, no office of transit):

    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    </CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared>
      <referenceNumber>IT018100</referenceNumber>
    </CustomsOfficeOfDestinationDeclared>
    <HolderOfTheTransitProcedure>

Passing:

    <CustomsOfficeOfDestinationDeclared>
      <referenceNumber>IT018100</referenceNumber>
    </CustomsOfficeOfDestinationDeclared>
    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>
`,
	Check: func(p *Pass) {
		const name = "CustomsOfficeOfTransitDeclared"
		dt := Value(p.Root, "TransitOperation/declarationType")
		if oneOf(dt, "TIR", "T2SM") {
			forbidChild(p, p.Root, name, fmt.Sprintf("when TransitOperation/declarationType is %s (C0030)", dt))
			return
		}
		dep := officeCountry(Value(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		dst := officeCountry(Value(p.Root, "CustomsOfficeOfDestinationDeclared/referenceNumber"))
		in112 := func(c string) (bool, bool) { return p.In("CL112", c) }
		if dep != "" && dep == dst {
			in, known := in112(dep)
			if !known {
				return
			}
			if in {
				return // optional within one CTC country
			}
		}
		require := func(why string) { requireChild(p, p.Root, name, why+" (C0030)") }
		if dt == "T2" {
			require("when TransitOperation/declarationType is T2")
			return
		}
		if dt == "T" && c1HasCode(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationType", "T2") {
			require("when TransitOperation/declarationType is T and an item's declarationType is T2")
			return
		}
		depIn, known1 := in112(dep)
		dstIn, known2 := in112(dst)
		if !known1 || !known2 {
			return
		}
		switch {
		case depIn:
			require(fmt.Sprintf("when the office of departure is in %s, a CTC country (CL112)", dep))
			return
		case dstIn:
			require(fmt.Sprintf("when the office of destination is in %s, a CTC country (CL112)", dst))
			return
		}
		for _, c := range Texts(p.Root, "Consignment/CountryOfRoutingOfConsignment/country") {
			if in, _ := in112(c); in {
				require(fmt.Sprintf("when country of routing %s is a CTC country (CL112)", c))
				return
			}
		}
		if dep == "AD" || dst == "AD" {
			require("when the office of departure or destination is in Andorra")
			return
		}
		if p.Root.ChildByLocalName("CustomsOfficeOfExitForTransitDeclared").Valid() {
			require("when CustomsOfficeOfExitForTransitDeclared is present")
		}
	},
}

// CTCC0035 checks condition C0035: T2 goods leaving a CTC country prove
// their status with a previous document.
var CTCC0035 = &Rule{
	ID:           "ctc-c0035",
	Summary:      "T2/T2F goods declared at an office in a CTC country have a PreviousDocument, per item or for the consignment (C0035)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		dep := officeCountry(Value(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		in, known := p.In("CL112", dep)
		if !known || !in {
			return
		}
		cons := p.Root.ChildByLocalName("Consignment")
		if cons.ChildByLocalName("PreviousDocument").Valid() {
			return
		}
		dt := Value(p.Root, "TransitOperation/declarationType")
		for _, ci := range Elements(cons, "HouseConsignment/ConsignmentItem") {
			switch {
			case oneOf(dt, "T2", "T2F"):
				requireChild(p, ci, "PreviousDocument", fmt.Sprintf("when TransitOperation/declarationType is %s, the office of departure is in %s, a CTC country (CL112), and Consignment has no PreviousDocument (C0035)", dt, dep))
			case oneOf(Value(ci, "declarationType"), "T2", "T2F"):
				requireChild(p, ci, "PreviousDocument", fmt.Sprintf("when its declarationType is %s, the office of departure is in %s, a CTC country (CL112), and Consignment has no PreviousDocument (C0035)", Value(ci, "declarationType"), dep))
			}
		}
	},
}

// c1Incidents are the messages carrying Consignment/Incident; IE007 only in
// phase 5.
var c1Incidents = []string{"CC007C", "CC043C", "CC182C"}

// CTCC0040 checks condition C0040: goods put into a container during a
// transhipment list the equipment.
var CTCC0040 = &Rule{
	ID:           "ctc-c0040",
	Summary:      "an Incident whose Transhipment has containerIndicator 1 has TransportEquipment (C0040)",
	Severity:     Error,
	MessageTypes: c1Incidents,
	Doc: `Condition C0040: when an incident's transhipment moved the goods into a container
(Transhipment/containerIndicator 1), the incident must describe the transport equipment;
otherwise Incident/TransportEquipment is optional. Applies to the incidents of IE043, IE182 and
phase 5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>3</code>
      ...
      <Transhipment>
        <containerIndicator>1</containerIndicator>

Passing: the same Incident with a TransportEquipment before its Transhipment.
`,
	Check: func(p *Pass) {
		for _, inc := range Elements(p.Root, "Consignment/Incident") {
			if Value(inc, "Transhipment/containerIndicator") == "1" {
				requireChild(p, inc, "TransportEquipment", "when its Transhipment/containerIndicator is 1 (C0040)")
			}
		}
	},
}

// CTCC0045 checks condition C0045: item declaration types go with a mixed
// declaration (T).
var CTCC0045 = &Rule{
	ID:           "ctc-c0045",
	Summary:      "ConsignmentItem/declarationType is required when TransitOperation/declarationType is T, and not used otherwise (C0045)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Doc: `Condition C0045: a declaration of type T mixes goods of several statuses, so each goods item gives
its own declaration type (T1, T2 ...). For any other declaration type the items take the
declaration's and ConsignmentItem/declarationType is not used.

Failing:

    <declarationType>T1</declarationType>
    ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <declarationType>T1</declarationType>

Passing:

    <declarationType>T</declarationType>
    ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <declarationType>T1</declarationType>
`,
	Check: func(p *Pass) {
		op := p.Root.ChildByLocalName("TransitOperation")
		dt, ok := Text(op, "declarationType")
		if !ok {
			return // IE043 with CTLControl: no consignment either (C0027)
		}
		items := Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem")
		if dt == "T" {
			c1RequireAll(p, items, "declarationType", "when TransitOperation/declarationType is T (C0045)")
			return
		}
		c1ForbidAll(p, items, "declarationType", fmt.Sprintf("when TransitOperation/declarationType is %s, not T (C0045)", dt))
	},
}

// CTCC0055 checks condition C0055: container numbers follow the container
// indicator.
var CTCC0055 = &Rule{
	ID:           "ctc-c0055",
	Summary:      "containerIndicator 0 forbids TransportEquipment/containerIdentificationNumber; 1 requires it in at least one TransportEquipment (C0055)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C", "CC170C"}),
	Doc: `Condition C0055: goods declared as not containerised (Consignment/containerIndicator 0) have no
container numbers; containerised goods (1) give the number of at least one container among
their transport equipment. Without a container indicator, C0823 excludes transport equipment
altogether, so this rule says nothing then.

Failing:

    <containerIndicator>1</containerIndicator>
    ...
    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>1</numberOfSeals>

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>1</numberOfSeals>
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		tes := Elements(cons, "TransportEquipment")
		switch Value(cons, "containerIndicator") {
		case "0":
			c1ForbidAll(p, tes, "containerIdentificationNumber", "when Consignment/containerIndicator is 0 (C0055)")
		case "1":
			if len(tes) == 0 {
				return // C0823/C0872 require the equipment itself
			}
			for _, te := range tes {
				if te.ChildByLocalName("containerIdentificationNumber").Valid() {
					return
				}
			}
			p.Reportf(tes[0], "containerIdentificationNumber is required in at least one TransportEquipment when Consignment/containerIndicator is 1 (C0055)")
		}
	},
}

// CTCC0060 checks condition C0060: package counts and marks by kind of
// package.
var CTCC0060 = &Rule{
	ID:           "ctc-c0060",
	Summary:      "Packaging: bulk (CL181) has no numberOfPackages; unpacked (CL182) has numberOfPackages; other kinds have numberOfPackages and shippingMarks (C0060)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC025C", "CC043C"}),
	Doc: `Condition C0060, per Packaging of a goods item, by typeOfPackages:

  - bulk (CL181: VG, VL, VO ...): numberOfPackages not used, shippingMarks optional;
  - unpacked (CL182: NE, NF, NG): numberOfPackages required, shippingMarks optional;
  - any other kind of package: numberOfPackages and shippingMarks required.

Needs CL181 and CL182 (built in).

Failing (cartons without marks):

    <Packaging>
      <sequenceNumber>1</sequenceNumber>
      <typeOfPackages>CT</typeOfPackages>
      <numberOfPackages>20</numberOfPackages>
    </Packaging>

Passing:

    <Packaging>
      <sequenceNumber>1</sequenceNumber>
      <typeOfPackages>CT</typeOfPackages>
      <numberOfPackages>20</numberOfPackages>
      <shippingMarks>PWL/BARI/1-20</shippingMarks>
    </Packaging>
`,
	Check: func(p *Pass) {
		for _, pk := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Packaging") {
			t := Value(pk, "typeOfPackages")
			bulk, known1 := p.In("CL181", t)
			if !known1 {
				return
			}
			if bulk {
				forbidChild(p, pk, "numberOfPackages", fmt.Sprintf("when typeOfPackages %s is a bulk kind (CL181) (C0060)", t))
				continue
			}
			unpacked, known2 := p.In("CL182", t)
			if !known2 {
				return
			}
			if unpacked {
				requireChild(p, pk, "numberOfPackages", fmt.Sprintf("when typeOfPackages %s is an unpacked kind (CL182) (C0060)", t))
				continue
			}
			why := fmt.Sprintf("when typeOfPackages %s is neither bulk (CL181) nor unpacked (CL182) (C0060)", t)
			requireChild(p, pk, "numberOfPackages", why)
			requireChild(p, pk, "shippingMarks", why)
		}
	},
}

// CTCC0085 checks condition C0085: guarantee references by guarantee type.
var CTCC0085 = &Rule{
	ID:           "ctc-c0085",
	Summary:      "a Guarantee whose guaranteeType is in CL076 has a GuaranteeReference; other types have none (C0085)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		for _, g := range Elements(p.Root, "Guarantee") {
			t := Value(g, "guaranteeType")
			in, known := p.In("CL076", t)
			switch {
			case !known:
				return
			case in:
				requireChild(p, g, "GuaranteeReference", fmt.Sprintf("when guaranteeType %s is in CL076 (guarantee types with reference) (C0085)", c1Quote(t)))
			default:
				forbidChild(p, g, "GuaranteeReference", fmt.Sprintf("when guaranteeType %s is not in CL076 (guarantee types with reference) (C0085)", c1Quote(t)))
			}
		}
	},
}

// CTCC0086 checks condition C0086: GRN and access code by guarantee type.
var CTCC0086 = &Rule{
	ID:           "ctc-c0086",
	Summary:      "GuaranteeReference has GRN and accessCode when guaranteeType is in CL286, neither otherwise (C0086)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		for _, g := range Elements(p.Root, "Guarantee") {
			t := Value(g, "guaranteeType")
			in, known := p.In("CL286", t)
			if !known {
				return
			}
			for _, ref := range Elements(g, "GuaranteeReference") {
				for _, name := range []string{"GRN", "accessCode"} {
					if in {
						requireChild(p, ref, name, fmt.Sprintf("when guaranteeType %s is in CL286 (guarantee types with GRN) (C0086)", c1Quote(t)))
					} else {
						forbidChild(p, ref, name, fmt.Sprintf("when guaranteeType %s is not in CL286 (guarantee types with GRN) (C0086)", c1Quote(t)))
					}
				}
			}
		}
	},
}

// CTCC0101 checks condition C0101: a reduced data set rests on an
// authorisation.
var CTCC0101 = &Rule{
	ID:           "ctc-c0101",
	Summary:      "a declaration with reducedDatasetIndicator 1 has an Authorisation (C0101)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		if Value(p.Root, "TransitOperation/reducedDatasetIndicator") == "1" {
			requireChild(p, p.Root, "Authorisation", "when TransitOperation/reducedDatasetIndicator is 1 (C0101)")
		}
	},
}

// CTCC0102 checks condition C0102: an arrival under the simplified
// procedure names the authorisation.
var CTCC0102 = &Rule{
	ID:           "ctc-c0102",
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
		if Value(p.Root, "TransitOperation/simplifiedProcedure") == "1" {
			requireChild(p, p.Root, "Authorisation", "when TransitOperation/simplifiedProcedure is 1 (C0102)")
			return
		}
		forbidChild(p, p.Root, "Authorisation", "when TransitOperation/simplifiedProcedure is not 1 (C0102)")
	},
}

// c1ToNTA reports whether the message goes to a national transit
// application (the trader's request), by its recipient.
func c1ToNTA(p *Pass) bool {
	return strings.HasPrefix(Value(p.Root, "messageRecipient"), "NTA")
}

// CTCC0128 checks condition C0128: only customs' answer carries the
// decision.
var CTCC0128 = &Rule{
	ID:           "ctc-c0128",
	Summary:      "Invalidation/decision is not used in a message to NCTS (recipient NTA...) and is required otherwise (C0128)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0128: an invalidation request sent to customs (messageRecipient starting with NTA,
HMRC's NTA.GB and NTA.XI) cannot carry the decision, which is customs' to take; the decision
message customs send back (IE009, to a trader) must carry it.

Failing (a trader's IE014 with a decision):

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <decision>1</decision>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		inv := p.Root.ChildByLocalName("Invalidation")
		if c1ToNTA(p) {
			forbidChild(p, inv, "decision", "when messageRecipient starts with NTA (C0128)")
			return
		}
		requireChild(p, inv, "decision", "when messageRecipient does not start with NTA (C0128)")
	},
}

// CTCC0129 checks condition C0129: the request time goes with a request.
var CTCC0129 = &Rule{
	ID:           "ctc-c0129",
	Summary:      "Invalidation/requestDateAndTime is required unless initiatedByCustoms is 1, then not used (C0129)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0129: an invalidation requested by the trader (initiatedByCustoms 0) gives the time of
the request; one started by customs (1) has no request and so no requestDateAndTime.

Failing:

    <Invalidation>
      <initiatedByCustoms>0</initiatedByCustoms>
      <justification>Declared twice</justification>
    </Invalidation>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		inv := p.Root.ChildByLocalName("Invalidation")
		if Value(inv, "initiatedByCustoms") == "1" {
			forbidChild(p, inv, "requestDateAndTime", "when initiatedByCustoms is 1 (C0129)")
			return
		}
		requireChild(p, inv, "requestDateAndTime", "when initiatedByCustoms is not 1 (C0129)")
	},
}

// CTCC0130 checks condition C0130: the other guarantee reference by type.
var CTCC0130 = &Rule{
	ID:           "ctc-c0130",
	Summary:      "Guarantee/otherGuaranteeReference: required for type 8, optional for 3, not used otherwise (C0130)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		for _, g := range Elements(p.Root, "Guarantee") {
			switch t := Value(g, "guaranteeType"); t {
			case "8":
				requireChild(p, g, "otherGuaranteeReference", "when guaranteeType is 8 (C0130)")
			case "3":
			default:
				forbidChild(p, g, "otherGuaranteeReference", fmt.Sprintf("when guaranteeType is %s, not 3 or 8 (C0130)", c1Quote(t)))
			}
		}
	},
}

func init() {
	Register(CTCC0015, CTCC0027, CTCC0029, CTCC0030, CTCC0035, CTCC0040, CTCC0045, CTCC0055, CTCC0060,
		CTCC0085, CTCC0086, CTCC0101, CTCC0102, CTCC0128, CTCC0129, CTCC0130)
}
