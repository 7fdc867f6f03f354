package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// At which level data is declared: consignment, house consignment or
// consignment item (countries, UCR, transport charges, data common to all).

// ctcC0186 checks condition C0186: transport charges only with safety and
// security data.
var ctcC0186 = &Rule{
	ID:           "ctc-c0186",
	Codes:        []string{"C0186"},
	Summary:      "TransportCharges (consignment or house consignment) is not used when TransitOperation/security is 0 (C0186)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0186: the method of payment of transport charges is safety and security data; a
declaration without it (TransitOperation/security 0) gives no TransportCharges, neither for the
consignment nor for a house consignment. With security 1, 2 or 3 it is optional.

Failing:

    <security>0</security>
    ...
    <TransportCharges>
      <methodOfPayment>A</methodOfPayment>
    </TransportCharges>

Passing: the same declaration with security 1, or without TransportCharges.
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/security") != "0" {
			return
		}
		why := "when TransitOperation/security is 0 (C0186)"
		cons := p.Root.ChildByLocalName("Consignment")
		forbidChild(p, cons, "TransportCharges", why)
		forbidChildEach(p, elementsAt(cons, "HouseConsignment"), "TransportCharges", why)
	},
}

// ctcC0337 checks condition C0337: transport charges at one level.
var ctcC0337 = &Rule{
	ID:           "ctc-c0337",
	Codes:        []string{"C0337"},
	Summary:      "HouseConsignment/TransportCharges is not used when Consignment has TransportCharges (C0337)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0337: transport charges given for the whole consignment exclude transport charges per
house consignment.

Failing:

    <Consignment>
      ...
      <TransportCharges>
        <methodOfPayment>A</methodOfPayment>
      </TransportCharges>
      <HouseConsignment>
        ...
        <TransportCharges>

Passing: TransportCharges in one of the two places only.
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		if cons.ChildByLocalName("TransportCharges").Valid() {
			forbidChildEach(p, elementsAt(cons, "HouseConsignment"), "TransportCharges", "when Consignment has TransportCharges (C0337)")
		}
	},
}

// ctcC0343 checks condition C0343: the country of destination at exactly
// one level.
var ctcC0343 = &Rule{
	ID:           "ctc-c0343",
	Codes:        []string{"C0343"},
	Summary:      "countryOfDestination is given at one level: consignment, else house consignment, else every item (C0343)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Condition C0343: the country of destination is given once per goods item, at the highest level
that holds for all of them. When Consignment has countryOfDestination, neither house
consignments nor items have one; else a house consignment with a countryOfDestination covers
its items, which have none; else each item of that house consignment needs its own.

Failing:

    <Consignment>
      ...
      <countryOfDestination>IT</countryOfDestination>
      ...
      <HouseConsignment>
        <sequenceNumber>1</sequenceNumber>
        <countryOfDestination>IT</countryOfDestination>

Passing: countryOfDestination in Consignment only.
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		hcs := elementsAt(cons, "HouseConsignment")
		if cons.ChildByLocalName("countryOfDestination").Valid() {
			why := "when Consignment has a countryOfDestination (C0343)"
			forbidChildEach(p, hcs, "countryOfDestination", why)
			forbidChildEach(p, elementsAt(cons, "HouseConsignment/ConsignmentItem"), "countryOfDestination", why)
			return
		}
		for _, hc := range hcs {
			items := elementsAt(hc, "ConsignmentItem")
			if hc.ChildByLocalName("countryOfDestination").Valid() {
				forbidChildEach(p, items, "countryOfDestination", "when its HouseConsignment has a countryOfDestination (C0343)")
				continue
			}
			requireChildEach(p, items, "countryOfDestination", "when neither Consignment nor its HouseConsignment has a countryOfDestination (C0343)")
		}
	},
}

// ctcC0502 checks condition C0502.
var ctcC0502 = &Rule{
	ID:           "ctc-c0502",
	Codes:        []string{"C0502"},
	Summary:      "referenceNumberUCR at one level only: consignment, house consignment or each consignment item (C0502)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Condition C0502: the unique consignment reference (UCR) is declared at one level. When
Consignment has referenceNumberUCR, no house consignment or item repeats it; when a house
consignment has one, its items do not. Otherwise each item of that house consignment needs its
own UCR, unless a transport document is declared (at consignment level or in that house
consignment), which makes the item UCR optional. Each house consignment is judged on its own.
(Phase 6 attaches C0502 to IE043 too; in phase 5 it is not checked there.) The transitional
rule B1895 that relaxed it no longer applies (the phase 5 transitional period is over).

Failing (no UCR anywhere and no transport document):

    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <grossMass>540.5</grossMass>
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <Commodity>

Passing:

    <ConsignmentItem>
      <goodsItemNumber>1</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
      <referenceNumberUCR>4GB123456789000-0001</referenceNumberUCR>
`,
	Check: func(p *Pass) {
		if skipOutsidePhase(p, "CC043C", "ctc-p6") {
			return
		}
		cons := firstAt(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if hasAt(cons, "referenceNumberUCR") {
			why := "Consignment has referenceNumberUCR"
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "referenceNumberUCR", "when "+why+" (C0502)")
				for _, ci := range elementsAt(hc, "ConsignmentItem") {
					forbidChild(p, ci, "referenceNumberUCR", "when "+why+" (C0502)")
				}
			}
			return
		}
		consDoc := hasAt(cons, "TransportDocument")
		for _, hc := range elementsAt(cons, "HouseConsignment") {
			switch {
			case hasAt(hc, "referenceNumberUCR"):
				for _, ci := range elementsAt(hc, "ConsignmentItem") {
					forbidChild(p, ci, "referenceNumberUCR", "when its HouseConsignment has referenceNumberUCR (C0502)")
				}
			case consDoc || hasAt(hc, "TransportDocument"):
				// optional
			default:
				for _, ci := range elementsAt(hc, "ConsignmentItem") {
					requireChild(p, ci, "referenceNumberUCR", "when neither Consignment nor its HouseConsignment has referenceNumberUCR or a TransportDocument (C0502)")
				}
			}
		}
	},
}

// ctcC0909 checks condition C0909.
var ctcC0909 = &Rule{
	ID:           "ctc-c0909",
	Codes:        []string{"C0909"},
	Summary:      "countryOfDispatch at one level only: consignment, house consignment or each consignment item (C0909)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0909: the country of dispatch is declared at one level. Given for the consignment,
no house consignment or item repeats it; given for a house consignment, its items do not;
otherwise each item of that house consignment gives its own. The transitional rule B1965 no
longer applies (the phase 5 transitional period is over).

Failing (nowhere):

    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <Commodity>

Passing:

    <Consignment>
      <countryOfDispatch>GB</countryOfDispatch>
      <countryOfDestination>IT</countryOfDestination>
`,
	Check: func(p *Pass) {
		cons := firstAt(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if hasAt(cons, "countryOfDispatch") {
			why := "Consignment has countryOfDispatch"
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "countryOfDispatch", "when "+why+" (C0909)")
				for _, ci := range elementsAt(hc, "ConsignmentItem") {
					forbidChild(p, ci, "countryOfDispatch", "when "+why+" (C0909)")
				}
			}
			return
		}
		for _, hc := range elementsAt(cons, "HouseConsignment") {
			if hasAt(hc, "countryOfDispatch") {
				for _, ci := range elementsAt(hc, "ConsignmentItem") {
					forbidChild(p, ci, "countryOfDispatch", "when its HouseConsignment has countryOfDispatch (C0909)")
				}
				continue
			}
			for _, ci := range elementsAt(hc, "ConsignmentItem") {
				requireChild(p, ci, "countryOfDispatch", "when neither Consignment nor its HouseConsignment has countryOfDispatch (C0909)")
			}
		}
	},
}

// ctcR0506 checks NCTS rule R0506.
var ctcR0506 = &Rule{
	ID:           "ctc-r0506",
	Codes:        []string{"R0506"},
	Summary:      "data given identically for every house consignment is declared at consignment level (R0506)",
	Severity:     Error,
	MessageTypes: declarationAndPresentationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0506: when every house consignment gives its Consignor, Consignee,
DepartureTransportMeans, TransportCharges, referenceNumberUCR, countryOfDispatch or
countryOfDestination, at least one must differ from the others; data common to all house
consignments is declared once, at consignment level. customslint applies it from two house
consignments on.

Failing (two house consignments, both with countryOfDispatch GB):

    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <countryOfDispatch>GB</countryOfDispatch>
    ...
    <HouseConsignment>
      <sequenceNumber>2</sequenceNumber>
      <countryOfDispatch>GB</countryOfDispatch>

Passing: Consignment/countryOfDispatch GB instead.
`,
	Check: func(p *Pass) {
		hcs := elementsAt(p.Root, "Consignment/HouseConsignment")
		for _, name := range []string{"Consignor", "Consignee", "DepartureTransportMeans", "TransportCharges", "referenceNumberUCR", "countryOfDispatch", "countryOfDestination"} {
			reportSameEverywhere(p, hcs, name, "house consignment", "consignment", "R0506")
		}
	},
}

// ctcR0507 checks NCTS rule R0507.
var ctcR0507 = &Rule{
	ID:           "ctc-r0507",
	Codes:        []string{"R0507"},
	Summary:      "data given identically for every consignment item is declared higher up (R0507)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0507: when every consignment item (across all house consignments) gives its
countryOfDispatch, countryOfDestination, referenceNumberUCR or declarationType, at least one
must differ from the others; data common to all items is declared at house consignment or
consignment level. customslint applies it from two items on.

Failing (two items, both with declarationType T2):

    <ConsignmentItem>
      <goodsItemNumber>1</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
      <declarationType>T2</declarationType>
    ...

Passing: TransitOperation/declarationType T2 instead.
`,
	Check: func(p *Pass) {
		items := consignmentItems(p)
		for _, name := range []string{"countryOfDispatch", "countryOfDestination", "referenceNumberUCR", "declarationType"} {
			reportSameEverywhere(p, items, name, "consignment item", "house consignment or consignment", "R0507")
		}
	},
}

// reportSameEverywhere reports a data item or group that every one of several
// owners gives with the same content: it belongs one level up.
func reportSameEverywhere(p *Pass, owners []xsd.Element, name, ownerName, up, id string) {
	if len(owners) < 2 {
		return
	}
	var first string
	var at xsd.Element
	for i, o := range owners {
		els := elementsAt(o, name)
		if len(els) == 0 {
			return
		}
		var b strings.Builder
		for _, e := range els {
			b.WriteString(canonicalContent(e))
		}
		if i == 0 {
			first, at = b.String(), els[0]
		} else if b.String() != first {
			return
		}
	}
	p.Reportf(at, "%s is the same in all %d %ss; declare it once at %s level (%s)", name, len(owners), ownerName, up, id)
}

func init() {
	register(ctcC0186, ctcC0337, ctcC0343, ctcC0502, ctcC0909, ctcR0506, ctcR0507)
}
