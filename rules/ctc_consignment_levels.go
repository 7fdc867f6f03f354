package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// At which level data is declared: consignment, house consignment or
// consignment item (countries, UCR, transport charges, data common to all).

// CTCC0186 checks condition C0186: transport charges only with safety and
// security data.
var CTCC0186 = &Rule{
	ID:           "ctc-c0186",
	Summary:      "TransportCharges (consignment or house consignment) is not used when TransitOperation/security is 0 (C0186)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		if Value(p.Root, "TransitOperation/security") != "0" {
			return
		}
		why := "when TransitOperation/security is 0 (C0186)"
		cons := p.Root.ChildByLocalName("Consignment")
		forbidChild(p, cons, "TransportCharges", why)
		c1ForbidAll(p, Elements(cons, "HouseConsignment"), "TransportCharges", why)
	},
}

// CTCC0337 checks condition C0337: transport charges at one level.
var CTCC0337 = &Rule{
	ID:           "ctc-c0337",
	Summary:      "HouseConsignment/TransportCharges is not used when Consignment has TransportCharges (C0337)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
			c1ForbidAll(p, Elements(cons, "HouseConsignment"), "TransportCharges", "when Consignment has TransportCharges (C0337)")
		}
	},
}

// CTCC0343 checks condition C0343: the country of destination at exactly
// one level.
var CTCC0343 = &Rule{
	ID:           "ctc-c0343",
	Summary:      "countryOfDestination is given at one level: consignment, else house consignment, else every item (C0343)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
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
		hcs := Elements(cons, "HouseConsignment")
		if cons.ChildByLocalName("countryOfDestination").Valid() {
			why := "when Consignment has a countryOfDestination (C0343)"
			c1ForbidAll(p, hcs, "countryOfDestination", why)
			c1ForbidAll(p, Elements(cons, "HouseConsignment/ConsignmentItem"), "countryOfDestination", why)
			return
		}
		for _, hc := range hcs {
			items := Elements(hc, "ConsignmentItem")
			if hc.ChildByLocalName("countryOfDestination").Valid() {
				c1ForbidAll(p, items, "countryOfDestination", "when its HouseConsignment has a countryOfDestination (C0343)")
				continue
			}
			c1RequireAll(p, items, "countryOfDestination", "when neither Consignment nor its HouseConsignment has a countryOfDestination (C0343)")
		}
	},
}

// CTCC0502 checks condition C0502.
var CTCC0502 = &Rule{
	ID:           "ctc-c0502",
	Summary:      "referenceNumberUCR at one level only: consignment, house consignment or each consignment item (C0502)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029", "043"),
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
		if c2Skip(p, "CC043C", "ctc-p6") {
			return
		}
		cons := First(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if Has(cons, "referenceNumberUCR") {
			why := "Consignment has referenceNumberUCR"
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) {
				c2Forbid(p, hc, "referenceNumberUCR", why, "C0502")
				c2Each(hc, "ConsignmentItem", func(ci xsd.Element) { c2Forbid(p, ci, "referenceNumberUCR", why, "C0502") })
			})
			return
		}
		consDoc := Has(cons, "TransportDocument")
		c2Each(cons, "HouseConsignment", func(hc xsd.Element) {
			switch {
			case Has(hc, "referenceNumberUCR"):
				c2Each(hc, "ConsignmentItem", func(ci xsd.Element) {
					c2Forbid(p, ci, "referenceNumberUCR", "its HouseConsignment has referenceNumberUCR", "C0502")
				})
			case consDoc || Has(hc, "TransportDocument"):
				// optional
			default:
				c2Each(hc, "ConsignmentItem", func(ci xsd.Element) {
					c2Require(p, ci, "referenceNumberUCR", "neither Consignment nor its HouseConsignment has referenceNumberUCR or a TransportDocument", "C0502")
				})
			}
		})
	},
}

// CTCC0909 checks condition C0909.
var CTCC0909 = &Rule{
	ID:           "ctc-c0909",
	Summary:      "countryOfDispatch at one level only: consignment, house consignment or each consignment item (C0909)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029"),
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
		cons := First(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if Has(cons, "countryOfDispatch") {
			why := "Consignment has countryOfDispatch"
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) {
				c2Forbid(p, hc, "countryOfDispatch", why, "C0909")
				c2Each(hc, "ConsignmentItem", func(ci xsd.Element) { c2Forbid(p, ci, "countryOfDispatch", why, "C0909") })
			})
			return
		}
		c2Each(cons, "HouseConsignment", func(hc xsd.Element) {
			if Has(hc, "countryOfDispatch") {
				c2Each(hc, "ConsignmentItem", func(ci xsd.Element) {
					c2Forbid(p, ci, "countryOfDispatch", "its HouseConsignment has countryOfDispatch", "C0909")
				})
				return
			}
			c2Each(hc, "ConsignmentItem", func(ci xsd.Element) {
				c2Require(p, ci, "countryOfDispatch", "neither Consignment nor its HouseConsignment has countryOfDispatch", "C0909")
			})
		})
	},
}

var CTCR0506 = rNew("ctc-r0506", "data given identically for every house consignment is declared at consignment level (R0506)", rDecl170, `NCTS rule R0506: when every house consignment gives its Consignor, Consignee,
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
`, func(p *Pass) {
	hcs := Elements(p.Root, "Consignment/HouseConsignment")
	for _, name := range []string{"Consignor", "Consignee", "DepartureTransportMeans", "TransportCharges", "referenceNumberUCR", "countryOfDispatch", "countryOfDestination"} {
		rSameEverywhere(p, hcs, name, "house consignment", "consignment", "R0506")
	}
})

var CTCR0507 = rNew("ctc-r0507", "data given identically for every consignment item is declared higher up (R0507)", rDecl, `NCTS rule R0507: when every consignment item (across all house consignments) gives its
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
`, func(p *Pass) {
	items := rItemsOf(p)
	for _, name := range []string{"countryOfDispatch", "countryOfDestination", "referenceNumberUCR", "declarationType"} {
		rSameEverywhere(p, items, name, "consignment item", "house consignment or consignment", "R0507")
	}
})

// rSameEverywhere reports a data item or group that every one of several
// owners gives with the same content: it belongs one level up.
func rSameEverywhere(p *Pass, owners []xsd.Element, name, ownerName, up, id string) {
	if len(owners) < 2 {
		return
	}
	var first string
	var at xsd.Element
	for i, o := range owners {
		els := Elements(o, name)
		if len(els) == 0 {
			return
		}
		var b strings.Builder
		for _, e := range els {
			b.WriteString(rCanon(e))
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
	Register(CTCC0186, CTCC0337, CTCC0343, CTCC0502, CTCC0909, CTCR0506, CTCR0507)
}
