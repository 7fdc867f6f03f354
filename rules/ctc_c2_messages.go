package rules

import (
	"fmt"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// NCTS conditions on the other messages: controls (IE060), rejections
// (IE056, IE057), incidents (IE007, IE043, IE182), unloading remarks
// (IE044), invalidation (IE009, IE014), presentation notifications (IE170),
// and the addresses, header and holder shared by many messages.

// CTCC0451 checks condition C0451.
var CTCC0451 = &Rule{
	ID:           "ctc-c0451",
	Summary:      "IE060: TypeOfControls/text is required for a control of type 50 (C0451)",
	Severity:     Error,
	MessageTypes: c2Msgs("060"),
	Doc: `Condition C0451: in a notification of controls (IE060), a control of type 50 (other) is
described in its text.

Failing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>50</type>
    </TypeOfControls>

Passing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>50</type>
      <text>Sampling of the goods for analysis</text>
    </TypeOfControls>
`,
	Check: func(p *Pass) {
		c2Each(p.Root, "TypeOfControls", func(t xsd.Element) {
			if Value(t, "type") == "50" {
				c2Require(p, t, "text", "type is '50'", "C0451")
			}
		})
	},
}

// CTCC0452 checks condition C0452.
var CTCC0452 = &Rule{
	ID:           "ctc-c0452",
	Summary:      "IE060: TypeOfControls is not used for notification types 1 and 2 and required otherwise (C0452)",
	Severity:     Error,
	MessageTypes: c2Msgs("060"),
	Doc: `Condition C0452: a notification of controls (IE060) of notification type 1 or 2 lists no type
of control; any other notification type (0, the intention to control) lists at least one.

Failing:

    <TransitOperation>
      <LRN>CLTT1GB26031402</LRN>
      <controlNotificationDateAndTime>2026-03-14T10:00:00</controlNotificationDateAndTime>
      <notificationType>0</notificationType>
    </TransitOperation>
    ...
    (no TypeOfControls)

Passing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>44</type>
    </TypeOfControls>
`,
	Check: func(p *Pass) {
		nt, ok := Text(p.Root, "TransitOperation/notificationType")
		switch {
		case !ok:
		case nt == "1" || nt == "2":
			c2Forbid(p, p.Root, "TypeOfControls", fmt.Sprintf("notificationType is '%s'", nt), "C0452")
		default:
			c2Require(p, p.Root, "TypeOfControls", fmt.Sprintf("notificationType is '%s', not 1 or 2", nt), "C0452")
		}
	},
}

// CTCC0455 checks condition C0455.
var CTCC0455 = &Rule{
	ID:           "ctc-c0455",
	Summary:      "IE060: RequestedDocument is required for notification type 1, optional for 0, not used otherwise (C0455)",
	Severity:     Error,
	MessageTypes: c2Msgs("060"),
	Doc: `Condition C0455: a notification of controls (IE060) of notification type 1 (documents
requested) lists the requested documents; type 0 may; any other type lists none.

Failing:

    <notificationType>1</notificationType>
    ...
    (no RequestedDocument)

Passing:

    <RequestedDocument>
      <sequenceNumber>1</sequenceNumber>
      <documentType>N935</documentType>
    </RequestedDocument>
`,
	Check: func(p *Pass) {
		nt, ok := Text(p.Root, "TransitOperation/notificationType")
		switch {
		case !ok, nt == "0":
		case nt == "1":
			c2Require(p, p.Root, "RequestedDocument", "notificationType is '1'", "C0455")
		default:
			c2Forbid(p, p.Root, "RequestedDocument", fmt.Sprintf("notificationType is '%s', not 0 or 1", nt), "C0455")
		}
	},
}

// CTCC0460 checks condition C0460.
var CTCC0460 = &Rule{
	ID:           "ctc-c0460",
	Summary:      "Incident/Location gives exactly the identification its qualifier names: W GNSS, U UNLocode, Z Address (C0460)",
	Severity:     Error,
	MessageTypes: c2Msgs("007", "043", "182"),
	Doc: `Condition C0460: the place of an incident is identified the way its qualifierOfIdentification
says, and only that way: W by GNSS coordinates, U by UN/LOCODE, Z by address.

Failing (qualifier U with coordinates):

    <Location>
      <qualifierOfIdentification>U</qualifierOfIdentification>
      <country>FR</country>
      <GNSS>
        <latitude>50.9513</latitude>
        <longitude>1.8587</longitude>
      </GNSS>
    </Location>

Passing:

    <Location>
      <qualifierOfIdentification>U</qualifierOfIdentification>
      <UNLocode>FRCQF</UNLocode>
      <country>FR</country>
    </Location>
`,
	Check: func(p *Pass) {
		ways := map[string]string{"W": "GNSS", "U": "UNLocode", "Z": "Address"}
		c2Each(p.Root, "Consignment/Incident/Location", func(l xsd.Element) {
			q := Value(l, "qualifierOfIdentification")
			want, ok := ways[q]
			if !ok {
				return
			}
			why := fmt.Sprintf("qualifierOfIdentification is '%s'", q)
			c2Require(p, l, want, why, "C0460")
			for _, other := range []string{"UNLocode", "GNSS", "Address"} {
				if other != want {
					c2Forbid(p, l, other, why, "C0460")
				}
			}
		})
	},
}

// CTCC0492 checks condition C0492.
var CTCC0492 = &Rule{
	ID:           "ctc-c0492",
	Summary:      "IE056 (phase 5), IE057: TransitOperation/rejectionReason is required for rejection code 4 (C0492)",
	Severity:     Error,
	MessageTypes: c2Msgs("056", "057"),
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
		if c2Skip(p, "CC056C", "ctc-p5") {
			return
		}
		op := First(p.Root, "TransitOperation")
		if Value(op, "rejectionCode") == "4" {
			c2Require(p, op, "rejectionReason", "rejectionCode is '4'", "C0492")
		}
	},
}

// c2PostcodeAddresses are the addresses of C0505. An incident's address has
// no country of its own: the country is its Location's.
var c2PostcodeAddresses = []struct {
	path            string
	countryInParent bool
}{
	{"HolderOfTheTransitProcedure/Address", false},
	{"Consignment/Consignor/Address", false},
	{"Consignment/Consignee/Address", false},
	{"Consignment/Incident/Location/Address", true},
	{"Consignment/LocationOfGoods/Address", false},
	{"Consignment/HouseConsignment/Consignor/Address", false},
	{"Consignment/HouseConsignment/Consignee/Address", false},
	{"Guarantor/Address", false},
	{"GuaranteeReference/Guarantor/Address", false},
	{"GuaranteeReference/Guarantor/AgentInCountryOfCompetentAuthority/Address", false},
	{"GuaranteeReference/Owner/Address", false},
	{"Consignment/ConsigneeActual/Address", false},
}

// CTCC0505 checks condition C0505.
var CTCC0505 = &Rule{
	ID:           "ctc-c0505",
	Summary:      "an Address has a postcode unless its country is in CL505 (countries without postcodes) (C0505)",
	Severity:     Error,
	MessageTypes: c2Msgs("004", "007", "009", "013", "014", "015", "019", "022", "028", "029", "035", "043", "045", "051", "055", "056", "060", "141", "170", "182", "928"),
	Doc: `Condition C0505: the addresses of the holder of the procedure, consignor, consignee (of the
consignment or a house consignment), location of goods, place of an incident, guarantor and
actual consignee include a postcode, unless their country is one of code list CL505
(CountryWithoutZip), where postcodes are optional. For an incident's place, the country is
Location/country.

Failing:

    <Address>
      <streetAndNumber>Via Napoli 114</streetAndNumber>
      <city>Bari</city>
      <country>IT</country>
    </Address>

Passing:

    <Address>
      <streetAndNumber>Via Napoli 114</streetAndNumber>
      <postcode>70123</postcode>
      <city>Bari</city>
      <country>IT</country>
    </Address>
`,
	Check: func(p *Pass) {
		for _, a := range c2PostcodeAddresses {
			c2Each(p.Root, a.path, func(addr xsd.Element) {
				holder := addr
				if a.countryInParent {
					holder = addr.Parent()
				}
				country, ok := Text(holder, "country")
				if !ok {
					return
				}
				if in, known := p.In("CL505", country); known && !in {
					c2Require(p, addr, "postcode", fmt.Sprintf("the country %s is not in CL505 (countries without postcodes)", country), "C0505")
				}
			})
		}
	},
}

// CTCC0511 checks condition C0511.
var CTCC0511 = &Rule{
	ID:       "ctc-c0511",
	Summary:  "correlationIdentifier is required for the message types of CL610 and not used for those of CL385 (C0511)",
	Severity: Error,
	MessageTypes: c2Msgs("004", "007", "009", "013", "014", "015", "019", "022", "025", "028", "029", "035", "043", "044",
		"045", "051", "055", "056", "057", "060", "141", "170", "182", "928"),
	Doc: `Condition C0511: messages whose type is in code list CL610 (MessageWithCorrelationIdentifier)
carry a correlationIdentifier; those in CL385 (MessageTypeWithoutHeader) must not; for the
others it is optional. customslint does not carry CL610 and CL385 (HMRC's reference data
lacks them), so the rule is silent until they are loaded (--codelists). The transitional rule
B1833 that made it optional no longer applies.

Failing (with CL610 listing the message type):

    <messageType>CC015C</messageType>
    (no correlationIdentifier)

Passing:

    <messageType>CC015C</messageType>
    <correlationIdentifier>CLT5M26031400012</correlationIdentifier>
`,
	Check: func(p *Pass) {
		mt, ok := Text(p.Root, "messageType")
		if !ok {
			return
		}
		in610, known := p.In("CL610", mt)
		if !known {
			return
		}
		if in610 {
			c2Require(p, p.Root, "correlationIdentifier", fmt.Sprintf("messageType %s is in CL610", mt), "C0511")
			return
		}
		if in385, known := p.In("CL385", mt); known && in385 {
			c2Forbid(p, p.Root, "correlationIdentifier", fmt.Sprintf("messageType %s is in CL385", mt), "C0511")
		}
	},
}

// CTCC0685 checks condition C0685 (phase 5), as far as the message tells.
var CTCC0685 = &Rule{
	ID:           "ctc-c0685",
	Summary:      "IE060 (phase 5): TransitOperation has exactly one of MRN and LRN (C0685)",
	Severity:     Error,
	MessageTypes: c2Msgs("060"),
	Profiles:     []string{"ctc-p5"},
	Doc: `Condition C0685 of NCTS phase 5: a notification of controls (IE060) names the movement by its
MRN once the declaration is accepted, by its LRN before, never both. Which of the two depends
on the declaration's state in NCTS, which the message does not show; customslint checks what
the message does decide: exactly one of them.

Failing:

    <TransitOperation>
      <LRN>CLTT1GB26031402</LRN>
      <MRN>26GB00000000000017</MRN>

Passing:

    <TransitOperation>
      <MRN>26GB00000000000017</MRN>
`,
	Check: func(p *Pass) {
		op := First(p.Root, "TransitOperation")
		if !op.Valid() {
			return
		}
		lrn, mrn := First(op, "LRN"), First(op, "MRN")
		switch {
		case !lrn.Valid() && !mrn.Valid():
			p.Reportf(op, "MRN (declaration accepted) or LRN (not yet accepted) is required in TransitOperation, neither was found (C0685)")
		case lrn.Valid() && mrn.Valid():
			p.Reportf(lrn, "only one of MRN and LRN may be given in TransitOperation, both were found (C0685)")
		}
	},
}

// CTCC0807 checks condition C0807, as far as the message tells.
var CTCC0807 = &Rule{
	ID:           "ctc-c0807",
	Summary:      "IE170: no ActiveBorderTransportMeans with border mode 5 (C0807)",
	Severity:     Error,
	MessageTypes: c2Msgs("170"),
	Doc: `Condition C0807: a presentation notification (IE170) for goods crossing the border by fixed
transport installations (modeOfTransportAtTheBorder 5) has no active border transport means.
Whether it needs one otherwise depends on the declaration it completes (its security and, in
phase 6, its own border means), which the message does not show; that part is not checked.

Failing:

    <modeOfTransportAtTheBorder>5</modeOfTransportAtTheBorder>
    ...
    <ActiveBorderTransportMeans>

Passing: no ActiveBorderTransportMeans, or another border mode.
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if Value(cons, "modeOfTransportAtTheBorder") == "5" {
			c2Forbid(p, cons, "ActiveBorderTransportMeans", "modeOfTransportAtTheBorder is '5' (fixed transport installations)", "C0807")
		}
	},
}

// CTCC0816 checks condition C0816.
var CTCC0816 = &Rule{
	ID:           "ctc-c0816",
	Summary:      "IE044: CommodityCode/combinedNomenclatureCode is not used at a destination office in a CTC country, AD or SM (C0816)",
	Severity:     Error,
	MessageTypes: c2Msgs("044"),
	Doc: `Condition C0816: unloading remarks (IE044) sent to an office of destination in a common
transit country outside the EU (code list CL112), Andorra or San Marino give no combined
nomenclature code, an EU subdivision. The country is the first two characters of
CustomsOfficeOfDestinationActual/referenceNumber.

Failing:

    <CustomsOfficeOfDestinationActual>
      <referenceNumber>GB000060</referenceNumber>
    ...
    <CommodityCode>
      <harmonizedSystemSubHeadingCode>611011</harmonizedSystemSubHeadingCode>
      <combinedNomenclatureCode>30</combinedNomenclatureCode>
    </CommodityCode>

Passing: the HS code alone.
`,
	Check: func(p *Pass) {
		ref, ok := Text(p.Root, "CustomsOfficeOfDestinationActual/referenceNumber")
		if !ok {
			return
		}
		country := officeCountry(ref)
		in := country == "AD" || country == "SM"
		if !in {
			var known bool
			if in, known = p.In("CL112", country); !known {
				return
			}
		}
		if !in {
			return
		}
		why := fmt.Sprintf("the office of destination %s is in a CTC country (CL112), Andorra or San Marino", ref)
		c2Each(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Commodity/CommodityCode", func(cc xsd.Element) {
			c2Forbid(p, cc, "combinedNomenclatureCode", why, "C0816")
		})
	},
}

// CTCC0820 checks condition C0820.
var CTCC0820 = &Rule{
	ID:           "ctc-c0820",
	Summary:      "Incident with container transhipment: containerIdentificationNumber on each (phase 5) or at least one (phase 6) transport equipment (C0820)",
	Severity:     Error,
	MessageTypes: c2Msgs("007", "043", "182"),
	Doc: `Condition C0820: when an incident's goods were transhipped into containers
(Transhipment/containerIndicator 1), the incident's transport equipment identifies its
containers: in phase 5 every TransportEquipment of the incident has a
containerIdentificationNumber; in phase 6 at least one of them does (so an incident with no
transport equipment at all breaks it too).

Failing:

    <Incident>
      ...
      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <numberOfSeals>0</numberOfSeals>
      </TransportEquipment>
      <Transhipment>
        <containerIndicator>1</containerIndicator>

Passing:

      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
        <numberOfSeals>0</numberOfSeals>
      </TransportEquipment>
`,
	Check: func(p *Pass) {
		c2Each(p.Root, "Consignment/Incident", func(inc xsd.Element) {
			if Value(inc, "Transhipment/containerIndicator") != "1" {
				return
			}
			why := "the incident's Transhipment/containerIndicator is '1'"
			tes := Elements(inc, "TransportEquipment")
			if p.Profile == "ctc-p5" {
				for _, te := range tes {
					c2Require(p, te, "containerIdentificationNumber", why, "C0820")
				}
				return
			}
			for _, te := range tes {
				if Has(te, "containerIdentificationNumber") {
					return
				}
			}
			p.Reportf(inc, "a TransportEquipment with containerIdentificationNumber is required in Incident when %s (C0820)", why)
		})
	},
}

// CTCC0833 checks condition C0833, as far as the message tells.
var CTCC0833 = &Rule{
	ID:           "ctc-c0833",
	Summary:      "IE170: no DepartureTransportMeans, at either level, with inland mode 5 (C0833)",
	Severity:     Error,
	MessageTypes: c2Msgs("170"),
	Doc: `Condition C0833: a presentation notification (IE170) for goods leaving by fixed transport
installations (inlandModeOfTransport 5) has no departure transport means, neither for the
consignment nor for a house consignment. Its other branch depends on the departure transport
means of the declaration (IE015, IE013), which the message does not show; it is not checked.

Failing:

    <inlandModeOfTransport>5</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>

Passing: no DepartureTransportMeans, or another inland mode.
`,
	Check: func(p *Pass) {
		cons := First(p.Root, "Consignment")
		if Value(cons, "inlandModeOfTransport") != "5" {
			return
		}
		why := "inlandModeOfTransport is '5' (fixed transport installations)"
		c2Forbid(p, cons, "DepartureTransportMeans", why, "C0833")
		c2Each(cons, "HouseConsignment", func(hc xsd.Element) { c2Forbid(p, hc, "DepartureTransportMeans", why, "C0833") })
	},
}

// CTCC0870 checks condition C0870.
var CTCC0870 = &Rule{
	ID:           "ctc-c0870",
	Summary:      "Invalidation/decisionDateAndTime is not sent to NCTS (recipient NTA...) and required otherwise (C0870)",
	Severity:     Error,
	MessageTypes: c2Msgs("009", "014"),
	Doc: `Condition C0870: an invalidation request sent to a customs system (messageRecipient starting
with NTA, as a trader's IE014 to NTA.GB) carries no decision date, which the office sets; an
invalidation decision sent by customs (IE009 to the trader) has one.

Failing (an IE014):

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <decisionDateAndTime>2026-03-14T10:05:00</decisionDateAndTime>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		rec, ok := Text(p.Root, "messageRecipient")
		inv := First(p.Root, "Invalidation")
		if !ok || !inv.Valid() {
			return
		}
		if strings.HasPrefix(rec, "NTA") {
			c2Forbid(p, inv, "decisionDateAndTime", fmt.Sprintf("messageRecipient %s is a customs system (NTA...)", rec), "C0870")
		} else {
			c2Require(p, inv, "decisionDateAndTime", fmt.Sprintf("messageRecipient %s is not a customs system (NTA...)", rec), "C0870")
		}
	},
}

// CTCC0904 checks condition C0904, as far as the message tells.
var CTCC0904 = &Rule{
	ID:       "ctc-c0904",
	Summary:  "HolderOfTheTransitProcedure/TIRHolderIdentificationNumber is given for a TIR declaration and only for one (C0904)",
	Severity: Error,
	MessageTypes: c2Msgs("004", "009", "013", "014", "015", "019", "022", "028", "029", "035", "043", "045", "051", "060",
		"141", "170", "928"),
	Doc: `Condition C0904: the holder of a TIR movement is identified by the TIR holder's identification
number, and only a TIR movement has one. customslint checks the messages that state the
declaration type (TransitOperation/declarationType: IE013, IE015, IE029, IE043); in the others
the rule refers to the declaration (IE015, IE013), which the message does not show.

Failing:

    <declarationType>T1</declarationType>
    ...
    <HolderOfTheTransitProcedure>
      <TIRHolderIdentificationNumber>GBR/047/1183</TIRHolderIdentificationNumber>

Passing:

    <declarationType>TIR</declarationType>
    ...
    <HolderOfTheTransitProcedure>
      <TIRHolderIdentificationNumber>GBR/047/1183</TIRHolderIdentificationNumber>
`,
	Check: func(p *Pass) {
		decl, ok := Text(p.Root, "TransitOperation/declarationType")
		holder := First(p.Root, "HolderOfTheTransitProcedure")
		if !ok || !holder.Valid() {
			return
		}
		if decl == "TIR" {
			c2Require(p, holder, "TIRHolderIdentificationNumber", "declarationType is 'TIR'", "C0904")
		} else {
			c2Forbid(p, holder, "TIRHolderIdentificationNumber", fmt.Sprintf("declarationType is '%s', not 'TIR'", decl), "C0904")
		}
	},
}

func init() {
	Register(CTCC0451, CTCC0452, CTCC0455, CTCC0460, CTCC0492, CTCC0505, CTCC0511, CTCC0685, CTCC0807,
		CTCC0816, CTCC0820, CTCC0833, CTCC0870, CTCC0904)
}
