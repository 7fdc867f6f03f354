package rules

import (
	"fmt"

	"github.com/customslint/customslint/xsd"
)

// NCTS conditions on the data of a declaration (IE015), its amendment
// (IE013) and the released declaration NCTS sends back (IE029, IE043,
// IE170): which data items a movement's own data make required or rule out.

// CTCC0411 checks condition C0411.
var CTCC0411 = &Rule{
	ID:           "ctc-c0411",
	Summary:      "TransitOperation/TIRCarnetNumber is given for a TIR declaration and only for one (C0411)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029"),
	Doc: `Condition C0411: a declaration of type TIR carries its TIR carnet number; any other declaration
type must not.

Failing (a T1 with a carnet number):

    <TransitOperation>
      <LRN>24GB000000001</LRN>
      <declarationType>T1</declarationType>
      <additionalDeclarationType>A</additionalDeclarationType>
      <TIRCarnetNumber>XB38471906</TIRCarnetNumber>

Passing:

    <TransitOperation>
      <LRN>24GB000000001</LRN>
      <declarationType>TIR</declarationType>
      <additionalDeclarationType>A</additionalDeclarationType>
      <TIRCarnetNumber>XB38471906</TIRCarnetNumber>
`,
	Check: func(p *Pass) {
		op := First(p.Root, "TransitOperation")
		decl, ok := Text(op, "declarationType")
		if !ok {
			return
		}
		if decl == "TIR" {
			c2Require(p, op, "TIRCarnetNumber", "declarationType is 'TIR'", "C0411")
		} else {
			c2Forbid(p, op, "TIRCarnetNumber", fmt.Sprintf("declarationType is '%s', not 'TIR'", decl), "C0411")
		}
	},
}

// CTCC0489 checks condition C0489.
var CTCC0489 = &Rule{
	ID:           "ctc-c0489",
	Summary:      "IE029: Consignment/LocationOfGoods is required unless the office of departure's country is in CL147 (C0489)",
	Severity:     Error,
	MessageTypes: c2Msgs("029"),
	Doc: `Condition C0489: the released transit declaration (IE029) gives the location of goods, except
when the office of departure is in a country of the security agreement area, code list CL147
(CountryCustomsSecurityAgreementArea), where it is optional. The country is the first two
characters of the office's reference number.

Failing (Great Britain is not in CL147):

    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    ...
    <Consignment>
      (no LocationOfGoods)

Passing:

    <Consignment>
      ...
      <LocationOfGoods>
        <typeOfLocation>B</typeOfLocation>
        <qualifierOfIdentification>Y</qualifierOfIdentification>
        <authorisationNumber>GBAUT123456789000</authorisationNumber>
      </LocationOfGoods>
`,
	Check: func(p *Pass) {
		ref, ok := Text(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		cons := First(p.Root, "Consignment")
		if !ok || !cons.Valid() {
			return
		}
		if in, known := p.In("CL147", officeCountry(ref)); known && !in {
			c2Require(p, cons, "LocationOfGoods", fmt.Sprintf("the office of departure %s is not in a country of CL147 (security agreement area)", ref), "C0489")
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

// CTCC0531 checks condition C0531.
var CTCC0531 = &Rule{
	ID:           "ctc-c0531",
	Summary:      "ActiveBorderTransportMeans/conveyanceReferenceNumber is required with security 1-3 and border mode 4 (air) (C0531)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029"),
	Doc: `Condition C0531: with safety and security data (TransitOperation/security 1, 2 or 3) and air
transport at the border (Consignment/modeOfTransportAtTheBorder 4), each active border
transport means gives the conveyance reference (the flight number).

Failing:

    <modeOfTransportAtTheBorder>4</modeOfTransportAtTheBorder>
    ...
    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>GB000060</customsOfficeAtBorderReferenceNumber>
      <typeOfIdentification>40</typeOfIdentification>
      <identificationNumber>GFLYR</identificationNumber>
      <nationality>GB</nationality>
    </ActiveBorderTransportMeans>

Passing: the same with <conveyanceReferenceNumber>BA0304</conveyanceReferenceNumber>.
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if !c2Security(p, "1", "2", "3") || Value(cons, "modeOfTransportAtTheBorder") != "4" {
			return
		}
		why := fmt.Sprintf("security is '%s' and modeOfTransportAtTheBorder is '4'", Value(p.Root, "TransitOperation/security"))
		c2Each(cons, "ActiveBorderTransportMeans", func(a xsd.Element) { c2Require(p, a, "conveyanceReferenceNumber", why, "C0531") })
	},
}

// CTCC0542 checks condition C0542.
var CTCC0542 = &Rule{
	ID:           "ctc-c0542",
	Summary:      "Consignor: none with security 0 and reduced data set; never at both consignment and house consignment level (C0542)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0542: a declaration without safety and security data (security 0) using the reduced
data set (reducedDatasetIndicator 1) names no consignor at all. Otherwise the consignor is
given at consignment level or in the house consignments, not both.

Failing (consignor at both levels):

    <Consignment>
      ...
      <Consignor>
        <identificationNumber>GB556677889000</identificationNumber>
      </Consignor>
      ...
      <HouseConsignment>
        ...
        <Consignor>
          <identificationNumber>GB556677889000</identificationNumber>
        </Consignor>

Passing: the consignor at one level only.
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if c2Security(p, "0") && Value(p.Root, "TransitOperation/reducedDatasetIndicator") == "1" {
			why := "security is '0' and reducedDatasetIndicator is '1'"
			c2Forbid(p, cons, "Consignor", why, "C0542")
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) { c2Forbid(p, hc, "Consignor", why, "C0542") })
			return
		}
		if Has(cons, "Consignor") {
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) { c2Forbid(p, hc, "Consignor", "Consignment has a Consignor", "C0542") })
		}
	},
}

// CTCC0569 checks condition C0569.
var CTCC0569 = &Rule{
	ID:           "ctc-c0569",
	Summary:      "TransportEquipment has Seal when numberOfSeals is above 0, and none otherwise (C0569)",
	Severity:     Error,
	MessageTypes: c2Msgs("007", "013", "015", "029", "043", "170", "182"),
	Doc: `Condition C0569: a transport equipment (of the consignment, or of an incident) that declares a
number of seals above zero lists its seals; one with no number of seals or zero lists none.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>2</numberOfSeals>
    </TransportEquipment>

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>1</numberOfSeals>
      <Seal>
        <sequenceNumber>1</sequenceNumber>
        <identifier>GB1234</identifier>
      </Seal>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/TransportEquipment", "Consignment/Incident/TransportEquipment"} {
			c2Each(p.Root, path, func(te xsd.Element) {
				n := 0
				if Has(te, "numberOfSeals") {
					var ok bool
					if n, ok = c2Int(te, "numberOfSeals"); !ok {
						return
					}
				}
				if n > 0 {
					c2Require(p, te, "Seal", fmt.Sprintf("numberOfSeals is %d", n), "C0569")
				} else {
					c2Forbid(p, te, "Seal", "numberOfSeals is absent or 0", "C0569")
				}
			})
		}
	},
}

// CTCC0586 checks condition C0586.
var CTCC0586 = &Rule{
	ID:           "ctc-c0586",
	Summary:      "CountryOfRoutingOfConsignment is required with a binding itinerary or security 1-3 (C0586)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029", "043"),
	Doc: `Condition C0586: the countries of routing are required when the itinerary is binding
(TransitOperation/bindingItinerary 1) or the declaration carries safety and security data
(security 1, 2 or 3); otherwise they are optional. (Phase 6 attaches C0586 to IE043 too; in
phase 5 it is not checked there.) The transitional rule B1848 no longer applies (the phase 5
transitional period is over).

Failing:

    <TransitOperation>
      ...
      <security>2</security>
      ...
    <Consignment>
      (no CountryOfRoutingOfConsignment)

Passing:

    <CountryOfRoutingOfConsignment>
      <sequenceNumber>1</sequenceNumber>
      <country>GB</country>
    </CountryOfRoutingOfConsignment>
`,
	Check: func(p *Pass) {
		if c2Skip(p, "CC043C", "ctc-p6") {
			return
		}
		cons := First(p.Root, "Consignment")
		switch {
		case Value(p.Root, "TransitOperation/bindingItinerary") == "1":
			c2Require(p, cons, "CountryOfRoutingOfConsignment", "bindingItinerary is '1'", "C0586")
		case c2Security(p, "1", "2", "3"):
			c2Require(p, cons, "CountryOfRoutingOfConsignment", fmt.Sprintf("security is '%s'", Value(p.Root, "TransitOperation/security")), "C0586")
		}
	},
}

// CTCC0587 checks condition C0587.
var CTCC0587 = &Rule{
	ID:           "ctc-c0587",
	Summary:      "CustomsOfficeOfExitForTransitDeclared only with security 2 or 3 and an office of transit outside CL147 (C0587)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029"),
	Doc: `Condition C0587: offices of exit for transit may be declared only when the declaration carries
exit safety and security data (TransitOperation/security 2 or 3) and at least one declared
office of transit lies outside the security agreement area (its country, the first two
characters of its reference number, is not in code list CL147). Otherwise they must not be
declared. The transitional rule B1966 no longer applies (the phase 5 transitional period is
over).

Failing (security 0):

    <security>0</security>
    ...
    <CustomsOfficeOfExitForTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfExitForTransitDeclared>

Passing: the same with security 2 and an office of transit outside CL147, such as one in
Turkey (TR...); or no office of exit for transit at all.
`,
	Check: func(p *Pass) {
		exits := Elements(p.Root, "CustomsOfficeOfExitForTransitDeclared")
		sec, ok := Text(p.Root, "TransitOperation/security")
		if len(exits) == 0 || !ok {
			return
		}
		why := fmt.Sprintf("security is '%s', not 2 or 3", sec)
		if sec == "2" || sec == "3" {
			for _, ref := range Texts(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
				in, known := p.In("CL147", officeCountry(ref))
				if !known {
					return
				}
				if !in {
					return // optional
				}
			}
			why = "no CustomsOfficeOfTransitDeclared is outside the countries of CL147 (security agreement area)"
		}
		for _, e := range exits {
			p.Reportf(e, "CustomsOfficeOfExitForTransitDeclared must not be used when %s (C0587)", why)
		}
	},
}

// CTCC0598 checks condition C0598.
var CTCC0598 = &Rule{
	ID:           "ctc-c0598",
	Summary:      "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated is required with security 1 or 3 for an office in CL147 (C0598)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029"),
	Doc: `Condition C0598: with entry safety and security data (TransitOperation/security 1 or 3), each
declared office of transit in a country of the security agreement area (code list CL147, by
the first two characters of its reference number) needs its estimated arrival date and time.
The transitional rule B1831 no longer applies (the phase 5 transitional period is over).

Failing:

    <security>1</security>
    ...
    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>

Passing:

    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
      <arrivalDateAndTimeEstimated>2026-03-15T08:00:00</arrivalDateAndTimeEstimated>
    </CustomsOfficeOfTransitDeclared>
`,
	Check: func(p *Pass) {
		if !c2Security(p, "1", "3") {
			return
		}
		c2Each(p.Root, "CustomsOfficeOfTransitDeclared", func(o xsd.Element) {
			ref := Value(o, "referenceNumber")
			if in, known := p.In("CL147", officeCountry(ref)); known && in {
				c2Require(p, o, "arrivalDateAndTimeEstimated", fmt.Sprintf("security is '%s' and the office %s is in a country of CL147", Value(p.Root, "TransitOperation/security"), ref), "C0598")
			}
		})
	},
}

// CTCC0599 checks condition C0599.
var CTCC0599 = &Rule{
	ID:           "ctc-c0599",
	Summary:      "Consignment/modeOfTransportAtTheBorder is required for a standard declaration with security data (C0599)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0599: a standard declaration (additionalDeclarationType A) with safety and security
data gives the mode of transport at the border. Phase 5 asks it for security 1, 2 or 3; phase
6 only for security 2 (exit data). The transitional rule B1889 no longer applies (the phase 5
transitional period is over).

Failing (phase 6):

    <additionalDeclarationType>A</additionalDeclarationType>
    <security>2</security>
    ...
    <Consignment>
      (no modeOfTransportAtTheBorder)

Passing:

    <Consignment>
      ...
      <modeOfTransportAtTheBorder>3</modeOfTransportAtTheBorder>
`,
	Check: func(p *Pass) {
		sec := []string{"1", "2", "3"}
		if p.Profile == "ctc-p6" {
			sec = []string{"2"}
		}
		if c2Security(p, sec...) && Value(p.Root, "TransitOperation/additionalDeclarationType") == "A" {
			why := fmt.Sprintf("security is '%s' and additionalDeclarationType is 'A'", Value(p.Root, "TransitOperation/security"))
			c2Require(p, First(p.Root, "Consignment"), "modeOfTransportAtTheBorder", why, "C0599")
		}
	},
}

// CTCC0670 checks condition C0670.
var CTCC0670 = &Rule{
	ID:           "ctc-c0670",
	Summary:      "TransportEquipment/GoodsReference is required unless there is a single transport equipment (C0670)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029", "043", "170"),
	Doc: `Condition C0670: when the consignment has several transport equipments, each says which goods
items it holds (GoodsReference). With a single one, the references are optional; phase 5 also
asks that single one to carry a container identification number for that.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
    <TransportEquipment>
      <sequenceNumber>2</sequenceNumber>
      ...

Passing: each with
    <GoodsReference>
      <sequenceNumber>1</sequenceNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    </GoodsReference>
`,
	Check: func(p *Pass) {
		tes := Elements(p.Root, "Consignment/TransportEquipment")
		why := fmt.Sprintf("Consignment has %d TransportEquipment", len(tes))
		if len(tes) == 1 {
			if p.Profile == "ctc-p6" || Has(tes[0], "containerIdentificationNumber") {
				return
			}
			why = "the only TransportEquipment has no containerIdentificationNumber"
		}
		for _, te := range tes {
			c2Require(p, te, "GoodsReference", why, "C0670")
		}
	},
}

// CTCC0671 checks condition C0671.
var CTCC0671 = &Rule{
	ID:           "ctc-c0671",
	Summary:      "LocationOfGoods/additionalIdentifier only with an economic operator or an authorisation number (C0671)",
	Severity:     Error,
	MessageTypes: c2Msgs("007", "013", "015", "029", "170"),
	Doc: `Condition C0671: the additional identifier of a location of goods refines an economic
operator's identification number or an authorisation number; without either it must not be
used.

Failing:

    <LocationOfGoods>
      <typeOfLocation>A</typeOfLocation>
      <qualifierOfIdentification>V</qualifierOfIdentification>
      <additionalIdentifier>0001</additionalIdentifier>
      <CustomsOffice>
        <referenceNumber>GB000060</referenceNumber>
      </CustomsOffice>
    </LocationOfGoods>

Passing:

    <LocationOfGoods>
      <typeOfLocation>B</typeOfLocation>
      <qualifierOfIdentification>Y</qualifierOfIdentification>
      <authorisationNumber>GBAUT123456789000</authorisationNumber>
      <additionalIdentifier>0001</additionalIdentifier>
    </LocationOfGoods>
`,
	Check: func(p *Pass) {
		c2Each(p.Root, "Consignment/LocationOfGoods", func(l xsd.Element) {
			if !Has(l, "EconomicOperator/identificationNumber") && !Has(l, "authorisationNumber") {
				c2Forbid(p, l, "additionalIdentifier", "it has neither authorisationNumber nor EconomicOperator/identificationNumber", "C0671")
			}
		})
	},
}

// CTCC0710 checks condition C0710.
var CTCC0710 = &Rule{
	ID:           "ctc-c0710",
	Summary:      "Consignment/LocationOfGoods is required unless the declaration is pre-lodged (D) or departs from a CL147 country (C0710)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0710: a declaration gives the location of goods, unless it is pre-lodged
(additionalDeclarationType D) or its office of departure is in a country of the security
agreement area (code list CL147, by the first two characters of the reference number). The
transitional rule B1804 that made it optional everywhere applied only until the end of the
phase 5 transitional period, which is over.

Failing (a standard declaration from Great Britain):

    <additionalDeclarationType>A</additionalDeclarationType>
    ...
    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    ...
    <Consignment>
      (no LocationOfGoods)

Passing:

    <LocationOfGoods>
      <typeOfLocation>B</typeOfLocation>
      <qualifierOfIdentification>Y</qualifierOfIdentification>
      <authorisationNumber>GBAUT123456789000</authorisationNumber>
    </LocationOfGoods>
`,
	Check: func(p *Pass) {
		adt, ok := Text(p.Root, "TransitOperation/additionalDeclarationType")
		ref, ok2 := Text(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		if !ok || !ok2 || adt == "D" {
			return
		}
		if in, known := p.In("CL147", officeCountry(ref)); known && !in {
			why := fmt.Sprintf("additionalDeclarationType is '%s' and the office of departure %s is not in a country of CL147", adt, ref)
			c2Require(p, First(p.Root, "Consignment"), "LocationOfGoods", why, "C0710")
		}
	},
}

// CTCC0806 checks condition C0806.
var CTCC0806 = &Rule{
	ID:           "ctc-c0806",
	Summary:      "ActiveBorderTransportMeans: none with border mode 5; required for a standard declaration with exit security data (C0806)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0806: with fixed transport installations at the border (modeOfTransportAtTheBorder 5)
there is no active border transport means. Otherwise a standard declaration (additional
declaration type A) with safety and security data needs one: in phase 5 for security 1, 2 or
3, in phase 6 for security 2. The transitional rule B1806 no longer applies (the phase 5
transitional period is over).

Failing:

    <modeOfTransportAtTheBorder>5</modeOfTransportAtTheBorder>
    ...
    <ActiveBorderTransportMeans>
      ...

Passing (border mode 5, no ActiveBorderTransportMeans), or with mode 3:

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>GB000060</customsOfficeAtBorderReferenceNumber>
      <typeOfIdentification>30</typeOfIdentification>
      <identificationNumber>KX25HTR</identificationNumber>
      <nationality>GB</nationality>
    </ActiveBorderTransportMeans>
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if Value(cons, "modeOfTransportAtTheBorder") == "5" {
			c2Forbid(p, cons, "ActiveBorderTransportMeans", "modeOfTransportAtTheBorder is '5' (fixed transport installations)", "C0806")
			return
		}
		sec := []string{"1", "2", "3"}
		if p.Profile == "ctc-p6" {
			sec = []string{"2"}
		}
		if c2Security(p, sec...) && Value(p.Root, "TransitOperation/additionalDeclarationType") == "A" {
			why := fmt.Sprintf("security is '%s' and additionalDeclarationType is 'A'", Value(p.Root, "TransitOperation/security"))
			c2Require(p, cons, "ActiveBorderTransportMeans", why, "C0806")
		}
	},
}

// CTCC0821 checks condition C0821.
var CTCC0821 = &Rule{
	ID:           "ctc-c0821",
	Summary:      "CommodityCode/combinedNomenclatureCode is not used when the office of departure is in a CTC country (CL112) (C0821)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0821: the combined nomenclature code is an EU subdivision of the HS code; a
declaration lodged in a common transit country outside the EU (code list CL112, by the first
two characters of the office of departure's reference number: GB, CH, NO ...) must not give
it.

Failing:

    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    ...
    <CommodityCode>
      <harmonizedSystemSubHeadingCode>611011</harmonizedSystemSubHeadingCode>
      <combinedNomenclatureCode>30</combinedNomenclatureCode>
    </CommodityCode>

Passing:

    <CommodityCode>
      <harmonizedSystemSubHeadingCode>611011</harmonizedSystemSubHeadingCode>
    </CommodityCode>
`,
	Check: func(p *Pass) {
		ref, ok := Text(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		if !ok {
			return
		}
		if in, known := p.In("CL112", officeCountry(ref)); known && in {
			why := fmt.Sprintf("the office of departure %s is in a CTC country (CL112)", ref)
			c2Each(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Commodity/CommodityCode", func(cc xsd.Element) {
				c2Forbid(p, cc, "combinedNomenclatureCode", why, "C0821")
			})
		}
	},
}

// CTCC0822 checks condition C0822.
var CTCC0822 = &Rule{
	ID:           "ctc-c0822",
	Summary:      "Consignment/containerIndicator is required unless the declaration is pre-lodged (D) (C0822)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0822: a declaration says whether the goods travel in containers
(Consignment/containerIndicator), except a pre-lodged one (additionalDeclarationType D), for
which it is optional.

Failing:

    <additionalDeclarationType>A</additionalDeclarationType>
    ...
    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      <inlandModeOfTransport>3</inlandModeOfTransport>

Passing:

    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      <containerIndicator>0</containerIndicator>
      <inlandModeOfTransport>3</inlandModeOfTransport>
`,
	Check: func(p *Pass) {
		adt, ok := Text(p.Root, "TransitOperation/additionalDeclarationType")
		if ok && adt != "D" {
			c2Require(p, First(p.Root, "Consignment"), "containerIndicator", fmt.Sprintf("additionalDeclarationType is '%s', not 'D'", adt), "C0822")
		}
	},
}

// CTCC0823 checks condition C0823.
var CTCC0823 = &Rule{
	ID:           "ctc-c0823",
	Summary:      "Consignment/TransportEquipment: required with containerIndicator 1, not used without containerIndicator (C0823)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "170"),
	Doc: `Condition C0823: goods declared as containerised (Consignment/containerIndicator 1) need their
transport equipment; with containerIndicator 0 it is optional; without a containerIndicator
there must be no transport equipment. In a presentation notification (IE170) the rule reads the
message's own containerIndicator, as the condition is written, even where the declaration gave
one.

Failing:

    <Consignment>
      <containerIndicator>1</containerIndicator>
      ...
      (no TransportEquipment)

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		ci, ok := Text(cons, "containerIndicator")
		switch {
		case !ok:
			c2Forbid(p, cons, "TransportEquipment", "Consignment has no containerIndicator", "C0823")
		case ci == "1":
			c2Require(p, cons, "TransportEquipment", "containerIndicator is '1'", "C0823")
		}
	},
}

// CTCC0826 checks condition C0826.
var CTCC0826 = &Rule{
	ID:           "ctc-c0826",
	Summary:      "DepartureTransportMeans: none with inland mode 5; never at both consignment and house consignment level (C0826)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Doc: `Condition C0826: goods leaving by fixed transport installations (inlandModeOfTransport 5) have
no departure transport means. Otherwise the means are declared at consignment level or in the
house consignments, not both. The transitional rule B1891 no longer applies (the phase 5
transitional period is over).

Failing:

    <Consignment>
      ...
      <DepartureTransportMeans>
        ...
      <HouseConsignment>
        ...
        <DepartureTransportMeans>

Passing: the means at one level only.
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if Value(cons, "inlandModeOfTransport") == "5" {
			why := "inlandModeOfTransport is '5' (fixed transport installations)"
			c2Forbid(p, cons, "DepartureTransportMeans", why, "C0826")
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) { c2Forbid(p, hc, "DepartureTransportMeans", why, "C0826") })
			return
		}
		if Has(cons, "DepartureTransportMeans") {
			c2Each(cons, "HouseConsignment", func(hc xsd.Element) {
				c2Forbid(p, hc, "DepartureTransportMeans", "Consignment has DepartureTransportMeans", "C0826")
			})
		}
	},
}

// CTCC0837 checks condition C0837.
var CTCC0837 = &Rule{
	ID:           "ctc-c0837",
	Summary:      "GoodsMeasure/netMass: required under a N830 previous document, not used with the reduced data set (C0837)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015", "029", "043"),
	Doc: `Condition C0837: when a house consignment refers to an export declaration (PreviousDocument of
type N830), each of its items gives its net mass. Otherwise, with the reduced data set
(reducedDatasetIndicator 1), items give none; else it is optional. Each house consignment is
judged on its own. The transitional rule B1805 no longer applies (the phase 5 transitional
period is over).

Failing:

    <reducedDatasetIndicator>1</reducedDatasetIndicator>
    ...
    <GoodsMeasure>
      <grossMass>540.5</grossMass>
      <netMass>512</netMass>
    </GoodsMeasure>

Passing:

    <GoodsMeasure>
      <grossMass>540.5</grossMass>
    </GoodsMeasure>
`,
	Check: func(p *Pass) {
		rdi := Value(p.Root, "TransitOperation/reducedDatasetIndicator") == "1"
		c2Each(p.Root, "Consignment/HouseConsignment", func(hc xsd.Element) {
			n830 := false
			for _, t := range Texts(hc, "PreviousDocument/type") {
				n830 = n830 || t == "N830"
			}
			c2Each(hc, "ConsignmentItem/Commodity", func(c xsd.Element) {
				switch {
				case n830:
					if gm := First(c, "GoodsMeasure"); gm.Valid() {
						c2Require(p, gm, "netMass", "its HouseConsignment has a PreviousDocument of type 'N830'", "C0837")
					} else {
						c2Require(p, c, "GoodsMeasure/netMass", "its HouseConsignment has a PreviousDocument of type 'N830'", "C0837")
					}
				case rdi:
					c2Each(c, "GoodsMeasure", func(gm xsd.Element) { c2Forbid(p, gm, "netMass", "reducedDatasetIndicator is '1'", "C0837") })
				}
			})
		})
	},
}

// CTCC0839 checks condition C0839.
var CTCC0839 = &Rule{
	ID:           "ctc-c0839",
	Summary:      "TransitOperation/limitDate only with authorisation C521, and then required unless pre-lodged (C0839)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
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
		op := First(p.Root, "TransitOperation")
		c521 := false
		for _, t := range Texts(p.Root, "Authorisation/type") {
			c521 = c521 || t == "C521"
		}
		if !c521 {
			c2Forbid(p, op, "limitDate", "there is no Authorisation of type 'C521'", "C0839")
			return
		}
		if adt, ok := Text(op, "additionalDeclarationType"); ok && adt != "D" {
			c2Require(p, op, "limitDate", fmt.Sprintf("there is an Authorisation of type 'C521' and additionalDeclarationType is '%s'", adt), "C0839")
		}
	},
}

// CTCC0872 checks condition C0872.
var CTCC0872 = &Rule{
	ID:           "ctc-c0872",
	Summary:      "IE029, IE043: Consignment/TransportEquipment is required with containerIndicator 1 (C0872)",
	Severity:     Error,
	MessageTypes: c2Msgs("029", "043"),
	Doc: `Condition C0872: in the released declaration (IE029) and the unloading permission (IE043),
containerised goods (Consignment/containerIndicator 1) come with their transport equipment.

Failing:

    <Consignment>
      <containerIndicator>1</containerIndicator>
      ...
      (no TransportEquipment)

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if Value(cons, "containerIndicator") == "1" {
			c2Require(p, cons, "TransportEquipment", "containerIndicator is '1'", "C0872")
		}
	},
}

// CTCC0908 checks condition C0908.
var CTCC0908 = &Rule{
	ID:           "ctc-c0908",
	Summary:      "IE029: ActiveBorderTransportMeans: none with border mode 5; required with security 1-3 (C0908)",
	Severity:     Error,
	MessageTypes: c2Msgs("029"),
	Doc: `Condition C0908: in the released declaration (IE029), fixed transport installations at the
border (modeOfTransportAtTheBorder 5) rule out an active border transport means; otherwise a
declaration with safety and security data (security 1, 2 or 3) has one.

Failing:

    <security>1</security>
    ...
    <Consignment>
      <modeOfTransportAtTheBorder>3</modeOfTransportAtTheBorder>
      ...
      (no ActiveBorderTransportMeans)

Passing:

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      ...
    </ActiveBorderTransportMeans>
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if Value(cons, "modeOfTransportAtTheBorder") == "5" {
			c2Forbid(p, cons, "ActiveBorderTransportMeans", "modeOfTransportAtTheBorder is '5' (fixed transport installations)", "C0908")
			return
		}
		if c2Security(p, "1", "2", "3") {
			c2Require(p, cons, "ActiveBorderTransportMeans", fmt.Sprintf("security is '%s'", Value(p.Root, "TransitOperation/security")), "C0908")
		}
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

func init() {
	Register(CTCC0411, CTCC0489, CTCC0502, CTCC0531, CTCC0542, CTCC0569, CTCC0586, CTCC0587,
		CTCC0598, CTCC0599, CTCC0670, CTCC0671, CTCC0710, CTCC0806, CTCC0821, CTCC0822, CTCC0823,
		CTCC0826, CTCC0837, CTCC0839, CTCC0872, CTCC0908, CTCC0909)
	// C0410 (phase 6) makes IE029's PlaceOfLoading optional for departures
	// from CL289 countries and required otherwise, but the phase 6 schema
	// requires it in every IE029: a schema-valid message always keeps C0410.
	coveredBy(XSDID, "C0410")
}
