package rules

import (
	"fmt"

	"github.com/customslint/customslint/xsd"
)

// Parties: holder of the transit procedure, consignor, consignee, carrier,
// guarantor, and their addresses.

// ctcC0001 checks condition C0001: where the consignee is declared.
var ctcC0001 = &Rule{
	ID:           "ctc-c0001",
	Codes:        []string{"C0001", "G0001"},
	Summary:      "the consignee is given once, at consignment or house consignment level, and is required for destinations in the common transit countries (C0001)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Condition C0001 of the NCTS specification decides where the consignee goes:

  - when Consignment has a Consignee, no HouseConsignment may have one;
  - when Consignment has none and the goods go to a common transit country (CL009), every
    HouseConsignment concerned needs its own Consignee: all of them when
    Consignment/countryOfDestination is in CL009, else those whose countryOfDestination is in
    CL009, else those holding a ConsignmentItem whose countryOfDestination is in CL009;
  - otherwise, when TransitOperation/security is 0 or 1, the consignee is optional;
  - otherwise (security 2 or 3), additional information code 30600 at consignment level
    forbids every consignee; at house consignment level it forbids the consignee of that
    house consignment and the consignment's (guideline G0001 explains this per house
    consignment).

The destinations need code list CL009; without it only the first point is checked. Applies to
IE013, IE015, IE029 and, in phase 5, IE043 (phase 6 IE043 follows C0003, ctc-c0003).

Failing (destination Italy, no consignee anywhere):

    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      ...
      <HouseConsignment>
        <sequenceNumber>1</sequenceNumber>

Passing:

    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      ...
      <HouseConsignment>
        <sequenceNumber>1</sequenceNumber>
        ...
        <Consignee>
`,
	Check: func(p *Pass) {
		if p.MessageType == "CC043C" && p.Profile == "ctc-p6" {
			return // C0003
		}
		checkConsignee(p, "C0001")
	},
}

// ctcC0003 checks condition C0003, phase 6's C0001 for the unloading
// permission.
var ctcC0003 = &Rule{
	ID:           "ctc-c0003",
	Codes:        []string{"C0003"},
	Summary:      "in a phase 6 unloading permission (IE043), security 1 or 3 puts the consignee at consignment level; otherwise as C0001 (C0003)",
	Severity:     Error,
	MessageTypes: []string{"CC043C"},
	Profiles:     []string{"ctc-p6"},
	Doc: `Condition C0003 is phase 6's version of C0001 (ctc-c0001) for the unloading permission IE043.
It adds a first case: when TransitOperation/security is 1 or 3, the consignee belongs at
consignment level (Consignment/Consignee required, HouseConsignment/Consignee not used). C0003
makes an exception for specific circumstance indicator F34, but IE043 carries no specific
circumstance indicator, so customslint applies the consignment-level case. Otherwise
the rule is C0001's, with "security 0" where C0001 says "security 0 or 1".

Failing (security 1, consignee per house consignment):

    <TransitOperation>
      ...
      <security>1</security>
    ...
    <HouseConsignment>
      ...
      <Consignee>

Passing:

    <Consignment>
      ...
      <Consignee>
`,
	Check: func(p *Pass) { checkConsignee(p, "C0003") },
}

// ctcC0250 checks the part of condition C0250 the message decides: a party
// without identification number needs name and address.
var ctcC0250 = &Rule{
	ID:           "ctc-c0250",
	Codes:        []string{"C0250"},
	Summary:      "a holder, consignor, consignee or guarantor without identificationNumber has a name and an Address (C0250)",
	Severity:     Error,
	MessageTypes: []string{"CC004C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC028C", "CC029C", "CC035C", "CC043C", "CC045C", "CC051C", "CC056C", "CC060C", "CC170C", "CC928C"},
	Doc: `Condition C0250: a party (holder of the transit procedure, consignor and consignee at
consignment and house consignment level, guarantor) identified by a number that NCTS finds in
the EU's economic operator register (EOS) or the national one is given by that number alone:
name and Address are then not used. In every other case, name and Address are required.

Whether a number is registered needs those registers, so customslint checks only the case the
message decides: a party without identificationNumber must have both name and Address. (A TIR
holder known only by TIRHolderIdentificationNumber falls in that case too.) Which parties
apply depends on the message, as in the NCTS tables (guarantor: IE019, IE035, IE045;
consignors and consignees: IE013, IE015, IE029, IE043).

Failing:

    <Consignee>
      <name>Tessuti Adriatici SRL</name>
    </Consignee>

Passing:

    <Consignee>
      <name>Tessuti Adriatici SRL</name>
      <Address>
        <streetAndNumber>Via Napoli 114</streetAndNumber>
        <postcode>70123</postcode>
        <city>Bari</city>
        <country>IT</country>
      </Address>
    </Consignee>
`,
	Check: func(p *Pass) {
		for _, party := range identifiedParties {
			if !oneOf(p.MessageType, party.types...) {
				continue
			}
			for _, e := range elementsAt(p.Root, party.path) {
				if e.ChildByLocalName("identificationNumber").Valid() {
					continue
				}
				for _, name := range []string{"name", "Address"} {
					requireChild(p, e, name, "when it has no identificationNumber (C0250)")
				}
			}
		}
	},
}

// ctcC0349 checks condition C0349: the consignor is given at one level.
var ctcC0349 = &Rule{
	ID:           "ctc-c0349",
	Codes:        []string{"C0349"},
	Summary:      "HouseConsignment/Consignor is not used when Consignment has a Consignor (IE029, IE043) (C0349)",
	Severity:     Error,
	MessageTypes: []string{"CC029C", "CC043C"},
	Doc: `Condition C0349: a consignor declared for the whole consignment excludes consignors per house
consignment; without one, each house consignment may name its own. Attached to the release for
transit (IE029) and the unloading permission (IE043).

Failing:

    <Consignment>
      ...
      <Consignor>
        <identificationNumber>GB556677889000</identificationNumber>
      </Consignor>
      ...
      <HouseConsignment>
        ...
        <Consignor>

Passing: the Consignor in one of the two places only.
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		if cons.ChildByLocalName("Consignor").Valid() {
			forbidChildEach(p, elementsAt(cons, "HouseConsignment"), "Consignor", "when Consignment has a Consignor (C0349)")
		}
	},
}

// ctcC0505 checks condition C0505.
var ctcC0505 = &Rule{
	ID:           "ctc-c0505",
	Codes:        []string{"C0505"},
	Summary:      "an Address has a postcode unless its country is in CL505 (countries without postcodes) (C0505)",
	Severity:     Error,
	MessageTypes: []string{"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC028C", "CC029C", "CC035C", "CC043C", "CC045C", "CC051C", "CC055C", "CC056C", "CC060C", "CC141C", "CC170C", "CC182C", "CC928C"},
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
		for _, a := range postcodeAddresses {
			for _, addr := range elementsAt(p.Root, a.path) {
				holder := addr
				if a.countryInParent {
					holder = addr.Parent()
				}
				country, ok := textAt(holder, "country")
				if !ok {
					continue
				}
				if in, known := p.In("CL505", country); known && !in {
					requireChild(p, addr, "postcode", fmt.Sprintf("when the country %s is not in CL505 (countries without postcodes) (C0505)", country))
				}
			}
		}
	},
}

// ctcC0542 checks condition C0542.
var ctcC0542 = &Rule{
	ID:           "ctc-c0542",
	Codes:        []string{"C0542"},
	Summary:      "Consignor: none with security 0 and reduced data set; never at both consignment and house consignment level (C0542)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		cons := firstAt(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if oneOf(valueAt(p.Root, "TransitOperation/security"), "0") && valueAt(p.Root, "TransitOperation/reducedDatasetIndicator") == "1" {
			why := "security is '0' and reducedDatasetIndicator is '1'"
			forbidChild(p, cons, "Consignor", "when "+why+" (C0542)")
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "Consignor", "when "+why+" (C0542)")
			}
			return
		}
		if hasAt(cons, "Consignor") {
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "Consignor", "when Consignment has a Consignor (C0542)")
			}
		}
	},
}

// ctcG0090 checks guideline G0090: no carrier when the holder carries.
var ctcG0090 = &Rule{
	ID:           "ctc-g0090",
	Codes:        []string{"G0090"},
	Summary:      "Consignment/Carrier is omitted when it is the holder of the transit procedure (same identificationNumber) (G0090)",
	Severity:     Warning,
	MessageTypes: declarationMessages,
	Doc: `Guideline G0090: the Carrier group names a carrier other than the holder of the transit
procedure; when the holder carries the goods itself, Carrier is left out. customslint warns when
Carrier/identificationNumber is the holder's identificationNumber.

Failing:

    <HolderOfTheTransitProcedure>
      <identificationNumber>GB123456789000</identificationNumber>
    ...
    <Carrier>
      <identificationNumber>GB123456789000</identificationNumber>
    </Carrier>

Passing: no Carrier, or a Carrier with another number.
`,
	Check: func(p *Pass) {
		holder := valueAt(p.Root, "HolderOfTheTransitProcedure/identificationNumber")
		if holder == "" {
			return
		}
		for _, c := range elementsAt(p.Root, "Consignment/Carrier") {
			if valueAt(c, "identificationNumber") == holder {
				p.Reportf(c, "Carrier is the holder of the transit procedure (identificationNumber %s) and should be left out (G0090)", holder)
			}
		}
	},
}

// checkConsignee checks C0001 or, with id C0003, C0003. The cases are
// tried in order; the first that applies decides.
func checkConsignee(p *Pass, id string) {
	cons := p.Root.ChildByLocalName("Consignment")
	if !cons.Valid() {
		return
	}
	c := &consigneeCheck{p: p, id: id, cons: cons, cc: cons.ChildByLocalName("Consignee"),
		hcs: elementsAt(cons, "HouseConsignment"), sec: valueAt(p.Root, "TransitOperation/security")}
	if c.bySecurity() {
		return
	}
	// In every remaining case a consignment-level consignee excludes
	// house consignment ones.
	if c.cc.Valid() {
		forbidChildEach(p, c.hcs, "Consignee", fmt.Sprintf("when Consignment has a Consignee (%s)", id))
	}
	// Destinations in the common transit countries.
	if c.byConsignmentDestination() || c.byHouseDestination() || c.byItemDestination() {
		return
	}
	if (id == "C0001" && oneOf(c.sec, "0", "1")) || (id == "C0003" && c.sec == "0") {
		return // optional
	}
	c.by30600()
}

// consigneeCheck is one message's check of C0001 or C0003 (id).
type consigneeCheck struct {
	p    *Pass
	id   string
	cons xsd.Element   // Consignment
	cc   xsd.Element   // Consignment/Consignee, if any
	hcs  []xsd.Element // the HouseConsignments
	sec  string        // TransitOperation/security
}

// bySecurity applies C0003's rule for security 1 or 3: a consignment-level
// consignee, none per house consignment. C0003's exception for specific
// circumstance indicator F34 cannot arise: IE043 has no
// TransitOperation/specificCircumstanceIndicator.
func (c *consigneeCheck) bySecurity() bool {
	if c.id != "C0003" || !oneOf(c.sec, "1", "3") {
		return false
	}
	why := fmt.Sprintf("when TransitOperation/security is %s (%s)", c.sec, c.id)
	requireChild(c.p, c.cons, "Consignee", why)
	forbidChildEach(c.p, c.hcs, "Consignee", why)
	return true
}

// byConsignmentDestination decides when Consignment/countryOfDestination
// is in CL009 (or the code list is unknown).
func (c *consigneeCheck) byConsignmentDestination() bool {
	dest, ok := textAt(c.cons, "countryOfDestination")
	if !ok {
		return false
	}
	in, known := c.p.In("CL009", dest)
	if !known {
		return true
	}
	if !in {
		return false
	}
	if !c.cc.Valid() {
		requireChildEach(c.p, c.hcs, "Consignee", fmt.Sprintf("when Consignment/countryOfDestination %s is in CL009 (common transit countries) and Consignment has no Consignee (%s)", dest, c.id))
	}
	return true
}

// byHouseDestination decides when a HouseConsignment's
// countryOfDestination is in CL009 (or the code list is unknown).
func (c *consigneeCheck) byHouseDestination() bool {
	var byHC []xsd.Element
	var hcDest []string
	for _, hc := range c.hcs {
		d, ok := textAt(hc, "countryOfDestination")
		if !ok {
			continue
		}
		in, known := c.p.In("CL009", d)
		if !known {
			return true
		}
		if in {
			byHC = append(byHC, hc)
			hcDest = append(hcDest, d)
		}
	}
	if len(byHC) == 0 {
		return false
	}
	if !c.cc.Valid() {
		for i, hc := range byHC {
			requireChild(c.p, hc, "Consignee", fmt.Sprintf("when its countryOfDestination %s is in CL009 (common transit countries) and Consignment has no Consignee (%s)", hcDest[i], c.id))
		}
	}
	return true
}

// byItemDestination decides when a ConsignmentItem's countryOfDestination
// is in CL009 (or the code list is unknown).
func (c *consigneeCheck) byItemDestination() bool {
	byItem := map[int]string{} // house consignment -> its first such country
	for i, hc := range c.hcs {
		for _, d := range textsAt(hc, "ConsignmentItem/countryOfDestination") {
			in, known := c.p.In("CL009", d)
			if !known {
				return true
			}
			if _, seen := byItem[i]; in && !seen {
				byItem[i] = d
			}
		}
	}
	if len(byItem) == 0 {
		return false
	}
	if !c.cc.Valid() {
		for i, hc := range c.hcs {
			if d, ok := byItem[i]; ok {
				requireChild(c.p, hc, "Consignee", fmt.Sprintf("when one of its ConsignmentItems has countryOfDestination %s in CL009 (common transit countries) and Consignment has no Consignee (%s)", d, c.id))
			}
		}
	}
	return true
}

// by30600 applies the rule for additional information code 30600, on the
// consignment or on house consignments: no consignee.
func (c *consigneeCheck) by30600() {
	if hasText(c.cons, "AdditionalInformation/code", "30600") {
		why := fmt.Sprintf("when Consignment/AdditionalInformation/code is 30600 (%s)", c.id)
		forbidChild(c.p, c.cons, "Consignee", why)
		if !c.cc.Valid() {
			forbidChildEach(c.p, c.hcs, "Consignee", why)
		}
		return
	}
	var with30600 []xsd.Element
	for _, hc := range c.hcs {
		if hasText(hc, "AdditionalInformation/code", "30600") {
			with30600 = append(with30600, hc)
		}
	}
	if len(with30600) > 0 {
		forbidChild(c.p, c.cons, "Consignee", fmt.Sprintf("when a HouseConsignment has AdditionalInformation/code 30600 (%s)", c.id))
		if !c.cc.Valid() {
			forbidChildEach(c.p, with30600, "Consignee", fmt.Sprintf("when its AdditionalInformation/code is 30600 (%s)", c.id))
		}
	}
}

// identifiedParties are the party groups C0250 covers, with the messages whose
// tables attach it to them.
var identifiedParties = []struct {
	path  string
	types []string
}{
	{"HolderOfTheTransitProcedure", []string{"CC004C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC028C", "CC029C", "CC035C", "CC045C", "CC051C", "CC056C", "CC060C", "CC170C", "CC928C"}},
	{"Consignment/Consignor", []string{"CC013C", "CC015C", "CC029C", "CC043C"}},
	{"Consignment/Consignee", []string{"CC013C", "CC015C", "CC029C", "CC043C"}},
	{"Consignment/HouseConsignment/Consignor", []string{"CC013C", "CC015C", "CC029C", "CC043C"}},
	{"Consignment/HouseConsignment/Consignee", []string{"CC013C", "CC015C", "CC029C", "CC043C"}},
	{"Guarantor", []string{"CC019C", "CC035C", "CC045C"}},
}

// postcodeAddresses are the addresses of C0505. An incident's address has
// no country of its own: the country is its Location's.
var postcodeAddresses = []struct {
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

func init() {
	register(ctcC0001, ctcC0003, ctcC0250, ctcC0349, ctcC0505, ctcC0542, ctcG0090)
}
