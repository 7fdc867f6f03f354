package rules

import "fmt"

// NCTS conditions C0137-C0409 (invalidation, commodity codes, transport
// charges, places, incidents, release, location of goods).

// CTCC0137 checks condition C0137: a request to invalidate says why.
var CTCC0137 = &Rule{
	ID:           "ctc-c0137",
	Summary:      "Invalidation/justification is required in a message to NCTS (recipient NTA...) (C0137)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0137: a trader asking customs to invalidate a declaration (a message whose
messageRecipient starts with NTA, such as NTA.GB) must justify the request; in customs' answer
the justification is optional.

Failing:

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
    </Invalidation>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
      <justification>Declared twice by mistake</justification>
    </Invalidation>
`,
	Check: func(p *Pass) {
		if c1ToNTA(p) {
			requireChild(p, p.Root.ChildByLocalName("Invalidation"), "justification", "when messageRecipient starts with NTA (C0137)")
		}
	},
}

// c1CommodityCodes checks that the items of each house consignment have a
// CommodityCode unless the TIR exception applies (C0153, C0154).
func c1CommodityCodes(p *Pass, id string, security13 bool) {
	sec := Value(p.Root, "TransitOperation/security")
	tir := Value(p.Root, "TransitOperation/declarationType") == "TIR"
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		var why string
		switch {
		case security13 && oneOf(sec, "1", "3"):
			why = fmt.Sprintf("when TransitOperation/security is %s (%s)", sec, id)
		case !tir:
			why = fmt.Sprintf("when TransitOperation/declarationType is not TIR (%s)", id)
		case c1HasCode(hc, "PreviousDocument/type", "N830"):
			why = fmt.Sprintf("in a TIR house consignment that follows an export declaration (PreviousDocument N830) (%s)", id)
		default:
			continue
		}
		for _, c := range Elements(hc, "ConsignmentItem/Commodity") {
			requireChild(p, c, "CommodityCode", why)
		}
	}
}

// CTCC0153 checks condition C0153: commodity codes except under TIR.
var CTCC0153 = &Rule{
	ID:           "ctc-c0153",
	Summary:      "Commodity/CommodityCode is required, except in TIR house consignments that do not follow an export (N830) (C0153)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Doc: `Condition C0153: every goods item gives its commodity code (Commodity/CommodityCode), except under
a TIR declaration, where it is optional for the items of a house consignment without an export
declaration as previous document (HouseConsignment/PreviousDocument/type N830). Applies to IE013,
IE015, IE029 and, in phase 5, IE043 (phase 6 IE043 follows C0154, ctc-c0154).

Failing (T1, no commodity code):

    <Commodity>
      <descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>
      <GoodsMeasure>

Passing:

    <Commodity>
      <descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>
      <CommodityCode>
        <harmonizedSystemSubHeadingCode>611011</harmonizedSystemSubHeadingCode>
      </CommodityCode>
`,
	Check: func(p *Pass) {
		if p.MessageType == "CC043C" && p.Profile == "ctc-p6" {
			return // C0154
		}
		c1CommodityCodes(p, "C0153", false)
	},
}

// CTCC0154 checks condition C0154, phase 6's C0153 for the unloading
// permission.
var CTCC0154 = &Rule{
	ID:           "ctc-c0154",
	Summary:      "in a phase 6 unloading permission (IE043), CommodityCode is required with security 1 or 3, otherwise as C0153 (C0154)",
	Severity:     Error,
	MessageTypes: []string{"CC043C"},
	Profiles:     []string{"ctc-p6"},
	Doc: `Condition C0154 is phase 6's C0153 (ctc-c0153) for the unloading permission IE043: with safety and
security data (TransitOperation/security 1 or 3) every goods item gives its commodity code even
under TIR; otherwise the TIR exception of C0153 applies.

Failing (TIR with security 1, no commodity code):

    <declarationType>TIR</declarationType>
    ...
    <security>1</security>
    ...
    <Commodity>
      <descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>
      <GoodsMeasure>

Passing: the same Commodity with a CommodityCode.
`,
	Check: func(p *Pass) { c1CommodityCodes(p, "C0154", true) },
}

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

// CTCC0191 checks condition C0191: the place of unloading follows the
// security indicator.
var CTCC0191 = &Rule{
	ID:           "ctc-c0191",
	Summary:      "Consignment/PlaceOfUnloading: required with security 1 or 3, not used with security 0 (C0191)",
	Severity:     Error,
	MessageTypes: c1Declarations,
	Doc: `Condition C0191: the place of unloading is entry summary data. With TransitOperation/security 1 or 3
it is required; with 0 it is not used; with 2 it is optional.

Failing:

    <security>1</security>
    ...
    <PlaceOfLoading>
      <UNLocode>GBDVR</UNLocode>
    </PlaceOfLoading>
    <HouseConsignment>

Passing:

    <PlaceOfLoading>
      <UNLocode>GBDVR</UNLocode>
    </PlaceOfLoading>
    <PlaceOfUnloading>
      <UNLocode>FRDKK</UNLocode>
    </PlaceOfUnloading>
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		switch sec := Value(p.Root, "TransitOperation/security"); sec {
		case "1", "3":
			requireChild(p, cons, "PlaceOfUnloading", fmt.Sprintf("when TransitOperation/security is %s (C0191)", sec))
		case "0":
			forbidChild(p, cons, "PlaceOfUnloading", "when TransitOperation/security is 0 (C0191)")
		}
	},
}

// CTCC0240 checks condition C0240: what an incident describes by its code.
var CTCC0240 = &Rule{
	ID:           "ctc-c0240",
	Summary:      "Incident: code 2/4 (P6 also 7) needs TransportEquipment and no Transhipment; 3/6 (P6 also 8) needs Transhipment; other codes neither (C0240)",
	Severity:     Error,
	MessageTypes: c1Incidents,
	Doc: `Condition C0240, per Incident by its code:

  - seals broken or tampered with (2), sealed means of transport unloaded in an emergency (4),
    and in phase 6 also code 7: the incident describes the TransportEquipment and has no
    Transhipment;
  - goods moved to another means of transport (3), a means of transport changed (6), and in
    phase 6 also code 8: Transhipment is required, TransportEquipment optional;
  - any other code: neither TransportEquipment nor Transhipment.

Applies to the incidents of IE043, IE182 and phase 5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>1</code>
      ...
      <Transhipment>

Passing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>3</code>
      ...
      <Transhipment>
`,
	Check: func(p *Pass) {
		equipment, transhipment := []string{"2", "4"}, []string{"3", "6"}
		if p.Profile == "ctc-p6" {
			equipment, transhipment = append(equipment, "7"), append(transhipment, "8")
		}
		for _, inc := range Elements(p.Root, "Consignment/Incident") {
			code := Value(inc, "code")
			why := fmt.Sprintf("when the incident's code is %s (C0240)", c1Quote(code))
			switch {
			case oneOf(code, equipment...):
				requireChild(p, inc, "TransportEquipment", why)
				forbidChild(p, inc, "Transhipment", why)
			case oneOf(code, transhipment...):
				requireChild(p, inc, "Transhipment", why)
			default:
				forbidChild(p, inc, "TransportEquipment", why)
				forbidChild(p, inc, "Transhipment", why)
			}
		}
	},
}

// CTCC0298 checks condition C0298: a quantity has its unit.
var CTCC0298 = &Rule{
	ID:           "ctc-c0298",
	Summary:      "an item's PreviousDocument has measurementUnitAndQualifier exactly when it has quantity (C0298)",
	Severity:     Error,
	MessageTypes: c1Declarations,
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
		for _, pd := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument") {
			if pd.ChildByLocalName("quantity").Valid() {
				requireChild(p, pd, "measurementUnitAndQualifier", "when it has a quantity (C0298)")
			} else {
				forbidChild(p, pd, "measurementUnitAndQualifier", "when it has no quantity (C0298)")
			}
		}
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

// CTCC0339 checks condition C0339: departure transport means at one level,
// none for postal consignments.
var CTCC0339 = &Rule{
	ID:           "ctc-c0339",
	Summary:      "DepartureTransportMeans: none with inlandModeOfTransport 5; at house consignment level only when Consignment has none (IE029, IE043) (C0339)",
	Severity:     Error,
	MessageTypes: []string{"CC029C", "CC043C"},
	Doc: `Condition C0339: a postal consignment (Consignment/inlandModeOfTransport 5) has no departure
transport means at all. Otherwise the means given for the consignment exclude means per house
consignment.

Failing:

    <inlandModeOfTransport>5</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>

Passing: inlandModeOfTransport 5 without any DepartureTransportMeans.
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		hcs := Elements(cons, "HouseConsignment")
		if Value(cons, "inlandModeOfTransport") == "5" {
			why := "when Consignment/inlandModeOfTransport is 5 (C0339)"
			forbidChild(p, cons, "DepartureTransportMeans", why)
			c1ForbidAll(p, hcs, "DepartureTransportMeans", why)
			return
		}
		if cons.ChildByLocalName("DepartureTransportMeans").Valid() {
			c1ForbidAll(p, hcs, "DepartureTransportMeans", "when Consignment has DepartureTransportMeans (C0339)")
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

// CTCC0352 checks condition C0352: a release with goods not released lists
// the consignment.
var CTCC0352 = &Rule{
	ID:           "ctc-c0352",
	Summary:      "a goods release notification (IE025) has Consignment exactly when releaseIndicator is 2 or 3 (C0352)",
	Severity:     Error,
	MessageTypes: []string{"CC025C"},
	Doc: `Condition C0352: a goods release notification (IE025) details the consignment (Consignment,
its house consignments and their release types) when TransitOperation/releaseIndicator is 2 or
3, and has no Consignment for any other release indicator.

Failing:

    <releaseIndicator>1</releaseIndicator>
    ...
    <Consignment>

Passing:

    <releaseIndicator>3</releaseIndicator>
    ...
    <Consignment>
`,
	Check: func(p *Pass) {
		if ri := Value(p.Root, "TransitOperation/releaseIndicator"); oneOf(ri, "2", "3") {
			requireChild(p, p.Root, "Consignment", fmt.Sprintf("when TransitOperation/releaseIndicator is %s (C0352)", ri))
		} else {
			forbidChild(p, p.Root, "Consignment", fmt.Sprintf("when TransitOperation/releaseIndicator is %s, not 2 or 3 (C0352)", c1Quote(ri)))
		}
	},
}

// CTCC0353 checks condition C0353: a house consignment released with
// discrepancies lists its items.
var CTCC0353 = &Rule{
	ID:           "ctc-c0353",
	Summary:      "in a goods release notification (IE025), a HouseConsignment has ConsignmentItem exactly when its releaseType is 1 (C0353)",
	Severity:     Error,
	MessageTypes: []string{"CC025C"},
	Doc: `Condition C0353: in a goods release notification, a house consignment whose releaseType is 1
lists its goods items (ConsignmentItem); with any other release type it lists none.

Failing:

    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <releaseType>1</releaseType>
    </HouseConsignment>

Passing:

    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <releaseType>1</releaseType>
      <ConsignmentItem>
        ...
`,
	Check: func(p *Pass) {
		for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
			if rt := Value(hc, "releaseType"); rt == "1" {
				requireChild(p, hc, "ConsignmentItem", "when its releaseType is 1 (C0353)")
			} else {
				forbidChild(p, hc, "ConsignmentItem", fmt.Sprintf("when its releaseType is %s, not 1 (C0353)", c1Quote(rt)))
			}
		}
	},
}

// c1LocationTypes are the messages with Consignment/LocationOfGoods.
var c1LocationTypes = []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC170C"}

// CTCC0382 checks condition C0382: house numbers where postcodes do not
// pin the address.
var CTCC0382 = &Rule{
	ID:           "ctc-c0382",
	Summary:      "LocationOfGoods/PostcodeAddress has houseNumber unless its country is in CL198 (C0382)",
	Severity:     Error,
	MessageTypes: c1LocationTypes,
	Doc: `Condition C0382: a location of goods given by postcode (PostcodeAddress) needs the house number,
except in countries whose postcodes identify a single address (code list CL198,
CountryAddressPostcodeOnly: IE, LU), where it is optional. Needs CL198 (built in).

Failing:

    <PostcodeAddress>
      <postcode>CT17 9AB</postcode>
      <country>GB</country>
    </PostcodeAddress>

Passing:

    <PostcodeAddress>
      <houseNumber>7</houseNumber>
      <postcode>CT17 9AB</postcode>
      <country>GB</country>
    </PostcodeAddress>
`,
	Check: func(p *Pass) {
		for _, pa := range Elements(p.Root, "Consignment/LocationOfGoods/PostcodeAddress") {
			c := Value(pa, "country")
			if in, known := p.In("CL198", c); known && !in {
				requireChild(p, pa, "houseNumber", fmt.Sprintf("when its country %s is not in CL198 (postcode-only addresses) (C0382)", c1Quote(c)))
			}
		}
	},
}

// CTCC0387 checks condition C0387: a place without UN/LOCODE is given by
// country and location.
var CTCC0387 = &Rule{
	ID:           "ctc-c0387",
	Summary:      "PlaceOfLoading and PlaceOfUnloading without UNLocode have country and location (C0387)",
	Severity:     Error,
	MessageTypes: c1Types(c1Declarations, []string{"CC170C"}),
	Doc: `Condition C0387: a place of loading or unloading is given by its UN/LOCODE or, without one, by
country and location (both required then; optional next to a UN/LOCODE).

Failing:

    <PlaceOfLoading>
      <location>Dover</location>
    </PlaceOfLoading>

Passing:

    <PlaceOfLoading>
      <country>GB</country>
      <location>Dover</location>
    </PlaceOfLoading>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/PlaceOfLoading", "Consignment/PlaceOfUnloading"} {
			for _, pl := range Elements(p.Root, path) {
				if pl.ChildByLocalName("UNLocode").Valid() {
					continue
				}
				requireChild(p, pl, "country", "when it has no UNLocode (C0387)")
				requireChild(p, pl, "location", "when it has no UNLocode (C0387)")
			}
		}
	},
}

// c1LocationParts are the ways of identifying a location of goods, by
// qualifier of identification (CL326): the part it requires.
var c1LocationParts = map[string]string{
	"T": "PostcodeAddress",
	"U": "UNLocode",
	"V": "CustomsOffice",
	"W": "GNSS",
	"X": "EconomicOperator",
	"Y": "authorisationNumber",
	"Z": "Address",
}

// CTCC0394 checks condition C0394: a location of goods is identified the
// way its qualifier says, and only that way.
var CTCC0394 = &Rule{
	ID:           "ctc-c0394",
	Summary:      "LocationOfGoods has the one identification its qualifierOfIdentification names (T postcode ... Z address) and no other; no ContactPerson with V (C0394)",
	Severity:     Error,
	MessageTypes: c1LocationTypes,
	Doc: `Condition C0394: a location of goods is identified in exactly the way its qualifierOfIdentification
says, and the other ways are not used:

  - T: PostcodeAddress;     - U: UNLocode;      - V: CustomsOffice;
  - W: GNSS;                - X: EconomicOperator;
  - Y: authorisationNumber; - Z: Address.

ContactPerson is optional, except with V (a customs office), where it is not used.
additionalIdentifier is not governed by this condition.

Failing (qualifier Y with an address as well):

    <LocationOfGoods>
      <typeOfLocation>B</typeOfLocation>
      <qualifierOfIdentification>Y</qualifierOfIdentification>
      <authorisationNumber>GBAUT123456789000</authorisationNumber>
      <Address>

Passing:

    <LocationOfGoods>
      <typeOfLocation>B</typeOfLocation>
      <qualifierOfIdentification>Y</qualifierOfIdentification>
      <authorisationNumber>GBAUT123456789000</authorisationNumber>
    </LocationOfGoods>
`,
	Check: func(p *Pass) {
		for _, log := range Elements(p.Root, "Consignment/LocationOfGoods") {
			q := Value(log, "qualifierOfIdentification")
			want, ok := c1LocationParts[q]
			if !ok {
				continue // not a CL326 code: the code list check's business
			}
			why := fmt.Sprintf("when qualifierOfIdentification is %s (C0394)", q)
			requireChild(p, log, want, why)
			for c := log.FirstChild(); c.Valid(); c = c.Next() {
				name := c.LocalName()
				if (name != want && c1IsLocationPart(name)) || (name == "ContactPerson" && q == "V") {
					p.Reportf(c, "%s must not be used in LocationOfGoods %s", name, why)
				}
			}
		}
	},
}

func c1IsLocationPart(name string) bool {
	for _, part := range c1LocationParts {
		if part == name {
			return true
		}
	}
	return false
}

// CTCC0396 checks condition C0396: the seals of equipment after a seal
// incident.
var CTCC0396 = &Rule{
	ID:           "ctc-c0396",
	Summary:      "the TransportEquipment of an Incident with code 2 (P6: 2 or 7) has numberOfSeals (C0396)",
	Severity:     Error,
	MessageTypes: c1Incidents,
	Doc: `Condition C0396: after an incident with the seals (code 2, broken or tampered seals; in phase 6
also code 7), each transport equipment the incident describes gives its number of seals.
Otherwise numberOfSeals is optional there. Applies to the incidents of IE043, IE182 and phase
5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>2</code>
      ...
      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      </TransportEquipment>

Passing:

      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
        <numberOfSeals>1</numberOfSeals>
        ...
`,
	Check: func(p *Pass) {
		codes := []string{"2"}
		if p.Profile == "ctc-p6" {
			codes = append(codes, "7")
		}
		for _, inc := range Elements(p.Root, "Consignment/Incident") {
			code := Value(inc, "code")
			if oneOf(code, codes...) {
				c1RequireAll(p, Elements(inc, "TransportEquipment"), "numberOfSeals", fmt.Sprintf("when its Incident's code is %s (C0396)", code))
			}
		}
	},
}

// c1PlaceOfLoading requires Consignment/PlaceOfLoading with the reason.
func c1PlaceOfLoading(p *Pass, why string) {
	requireChild(p, p.Root.ChildByLocalName("Consignment"), "PlaceOfLoading", why)
}

// CTCC0403 checks condition C0403 (phase 5): the place of loading unless
// pre-lodged.
var CTCC0403 = &Rule{
	ID:           "ctc-c0403",
	Summary:      "a phase 5 declaration (IE013, IE015) has Consignment/PlaceOfLoading unless additionalDeclarationType is D (C0403)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C"},
	Profiles:     []string{"ctc-p5"},
	Doc: `Condition C0403 (phase 5): a standard declaration (additionalDeclarationType A) gives the place of
loading; a pre-lodged one (D) may leave it to the presentation notification (IE170, C0404).

Failing:

    <additionalDeclarationType>A</additionalDeclarationType>
    ... a Consignment without PlaceOfLoading

Passing:

    <PlaceOfLoading>
      <UNLocode>GBDVR</UNLocode>
    </PlaceOfLoading>
`,
	Check: func(p *Pass) {
		if adt := Value(p.Root, "TransitOperation/additionalDeclarationType"); adt != "D" {
			c1PlaceOfLoading(p, fmt.Sprintf("when TransitOperation/additionalDeclarationType is %s, not D (C0403)", c1Quote(adt)))
		}
	},
}

// CTCC0404 checks condition C0404 (phase 5): a presentation notification
// gives the place of loading.
var CTCC0404 = &Rule{
	ID:           "ctc-c0404",
	Summary:      "a phase 5 presentation notification (IE170) has Consignment/PlaceOfLoading (C0404)",
	Severity:     Error,
	MessageTypes: []string{"CC170C"},
	Profiles:     []string{"ctc-p5"},
	Doc: `Condition C0404 (phase 5): the presentation notification of a pre-lodged declaration (IE170)
always gives the place of loading.

Failing: a CC170C whose Consignment has no PlaceOfLoading.

Passing:

    <PlaceOfLoading>
      <UNLocode>GBDVR</UNLocode>
    </PlaceOfLoading>
`,
	Check: func(p *Pass) { c1PlaceOfLoading(p, "in a presentation notification (C0404)") },
}

// CTCC0409 checks condition C0409 (phase 6): the place of loading unless
// pre-lodged or departing from a country that does not need it.
var CTCC0409 = &Rule{
	ID:           "ctc-c0409",
	Summary:      "a phase 6 declaration (IE013, IE015) has Consignment/PlaceOfLoading unless pre-lodged (D) or departing from a CL289 country (C0409)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C"},
	Profiles:     []string{"ctc-p6"},
	Doc: `Condition C0409 (phase 6): the place of loading is required, except in a pre-lodged declaration
(additionalDeclarationType D) and when the office of departure is in a country of code list
CL289 (CountryPlaceOfLoadingNotRequired), where it is optional. CL289 is not built in; load it
with --codelists to check declarations other than pre-lodged ones.

Failing (with CL289 loaded and GB not in it):

    <additionalDeclarationType>A</additionalDeclarationType>
    ... a Consignment without PlaceOfLoading

Passing:

    <PlaceOfLoading>
      <UNLocode>GBDVR</UNLocode>
    </PlaceOfLoading>
`,
	Check: func(p *Pass) {
		if Value(p.Root, "TransitOperation/additionalDeclarationType") == "D" {
			return
		}
		dep := officeCountry(Value(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		in, known := p.In("CL289", dep)
		if !known || in {
			return
		}
		c1PlaceOfLoading(p, fmt.Sprintf("when the declaration is not pre-lodged and the office of departure's country %s is not in CL289 (C0409)", c1Quote(dep)))
	},
}

func init() {
	Register(CTCC0137, CTCC0153, CTCC0154, CTCC0186, CTCC0191, CTCC0240, CTCC0298, CTCC0337, CTCC0339,
		CTCC0343, CTCC0352, CTCC0353, CTCC0382, CTCC0387, CTCC0394, CTCC0396, CTCC0403, CTCC0404, CTCC0409)
}
