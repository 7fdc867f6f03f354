package rules

import "fmt"

// Places: the location of goods and the places of loading and unloading.

// ctcC0191 checks condition C0191: the place of unloading follows the
// security indicator.
var ctcC0191 = &Rule{
	ID:           "ctc-c0191",
	Codes:        []string{"C0191"},
	Summary:      "Consignment/PlaceOfUnloading: required with security 1 or 3, not used with security 0 (C0191)",
	Severity:     Error,
	MessageTypes: declarationMessages,
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
		switch sec := valueAt(p.Root, "TransitOperation/security"); sec {
		case "1", "3":
			requireChild(p, cons, "PlaceOfUnloading", fmt.Sprintf("when TransitOperation/security is %s (C0191)", sec))
		case "0":
			forbidChild(p, cons, "PlaceOfUnloading", "when TransitOperation/security is 0 (C0191)")
		}
	},
}

// ctcC0382 checks condition C0382: house numbers where postcodes do not
// pin the address.
var ctcC0382 = &Rule{
	ID:           "ctc-c0382",
	Codes:        []string{"C0382"},
	Summary:      "LocationOfGoods/PostcodeAddress has houseNumber unless its country is in CL198 (C0382)",
	Severity:     Error,
	MessageTypes: locationOfGoodsMessages,
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
		for _, pa := range elementsAt(p.Root, "Consignment/LocationOfGoods/PostcodeAddress") {
			c := valueAt(pa, "country")
			if in, known := p.In("CL198", c); known && !in {
				requireChild(p, pa, "houseNumber", fmt.Sprintf("when its country %s is not in CL198 (postcode-only addresses) (C0382)", quoteValue(c)))
			}
		}
	},
}

// ctcC0387 checks condition C0387: a place without UN/LOCODE is given by
// country and location.
var ctcC0387 = &Rule{
	ID:           "ctc-c0387",
	Codes:        []string{"C0387"},
	Summary:      "PlaceOfLoading and PlaceOfUnloading without UNLocode have country and location (C0387)",
	Severity:     Error,
	MessageTypes: declarationAndPresentationMessages,
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
			for _, pl := range elementsAt(p.Root, path) {
				if pl.ChildByLocalName("UNLocode").Valid() {
					continue
				}
				requireChild(p, pl, "country", "when it has no UNLocode (C0387)")
				requireChild(p, pl, "location", "when it has no UNLocode (C0387)")
			}
		}
	},
}

// ctcC0394 checks condition C0394: a location of goods is identified the
// way its qualifier says, and only that way.
var ctcC0394 = &Rule{
	ID:           "ctc-c0394",
	Codes:        []string{"C0394"},
	Summary:      "LocationOfGoods has the one identification its qualifierOfIdentification names (T postcode ... Z address) and no other; no ContactPerson with V (C0394)",
	Severity:     Error,
	MessageTypes: locationOfGoodsMessages,
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
		for _, log := range elementsAt(p.Root, "Consignment/LocationOfGoods") {
			q := valueAt(log, "qualifierOfIdentification")
			want, ok := locationParts[q]
			if !ok {
				continue // not a CL326 code: the code list check's business
			}
			why := fmt.Sprintf("when qualifierOfIdentification is %s (C0394)", q)
			requireChild(p, log, want, why)
			for c := log.FirstChild(); c.Valid(); c = c.Next() {
				name := c.LocalName()
				if (name != want && isLocationPart(name)) || (name == "ContactPerson" && q == "V") {
					p.Reportf(c, "%s must not be used in LocationOfGoods %s", name, why)
				}
			}
		}
	},
}

// ctcC0403 checks condition C0403 (phase 5): the place of loading unless
// pre-lodged.
var ctcC0403 = &Rule{
	ID:           "ctc-c0403",
	Codes:        []string{"C0403"},
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
		if adt := valueAt(p.Root, "TransitOperation/additionalDeclarationType"); adt != "D" {
			requirePlaceOfLoading(p, fmt.Sprintf("when TransitOperation/additionalDeclarationType is %s, not D (C0403)", quoteValue(adt)))
		}
	},
}

// ctcC0404 checks condition C0404 (phase 5): a presentation notification
// gives the place of loading.
var ctcC0404 = &Rule{
	ID:           "ctc-c0404",
	Codes:        []string{"C0404"},
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
	Check: func(p *Pass) { requirePlaceOfLoading(p, "in a presentation notification (C0404)") },
}

// ctcC0409 checks condition C0409 (phase 6): the place of loading unless
// pre-lodged or departing from a country that does not need it.
var ctcC0409 = &Rule{
	ID:           "ctc-c0409",
	Codes:        []string{"C0409"},
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
		if valueAt(p.Root, "TransitOperation/additionalDeclarationType") == "D" {
			return
		}
		dep := officeCountry(valueAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		in, known := p.In("CL289", dep)
		if !known || in {
			return
		}
		requirePlaceOfLoading(p, fmt.Sprintf("when the declaration is not pre-lodged and the office of departure's country %s is not in CL289 (C0409)", quoteValue(dep)))
	},
}

// ctcC0489 checks condition C0489.
var ctcC0489 = &Rule{
	ID:           "ctc-c0489",
	Codes:        []string{"C0489"},
	Summary:      "IE029: Consignment/LocationOfGoods is required unless the office of departure's country is in CL147 (C0489)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
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
		ref, ok := textAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		cons := firstAt(p.Root, "Consignment")
		if !ok || !cons.Valid() {
			return
		}
		if in, known := p.In("CL147", officeCountry(ref)); known && !in {
			requireChild(p, cons, "LocationOfGoods", fmt.Sprintf("when the office of departure %s is not in a country of CL147 (security agreement area) (C0489)", ref))
		}
	},
}

// ctcC0671 checks condition C0671.
var ctcC0671 = &Rule{
	ID:           "ctc-c0671",
	Codes:        []string{"C0671"},
	Summary:      "LocationOfGoods/additionalIdentifier only with an economic operator or an authorisation number (C0671)",
	Severity:     Error,
	MessageTypes: locationOfGoodsMessages,
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
		for _, l := range elementsAt(p.Root, "Consignment/LocationOfGoods") {
			if !hasAt(l, "EconomicOperator/identificationNumber") && !hasAt(l, "authorisationNumber") {
				forbidChild(p, l, "additionalIdentifier", "when it has neither authorisationNumber nor EconomicOperator/identificationNumber (C0671)")
			}
		}
	},
}

// ctcC0710 checks condition C0710.
var ctcC0710 = &Rule{
	ID:           "ctc-c0710",
	Codes:        []string{"C0710"},
	Summary:      "Consignment/LocationOfGoods is required unless the declaration is pre-lodged (D) or departs from a CL147 country (C0710)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		adt, ok := textAt(p.Root, "TransitOperation/additionalDeclarationType")
		ref, ok2 := textAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		if !ok || !ok2 || adt == "D" {
			return
		}
		if in, known := p.In("CL147", officeCountry(ref)); known && !in {
			why := fmt.Sprintf("additionalDeclarationType is '%s' and the office of departure %s is not in a country of CL147", adt, ref)
			requireChild(p, firstAt(p.Root, "Consignment"), "LocationOfGoods", "when "+why+" (C0710)")
		}
	},
}

// locationParts are the ways of identifying a location of goods, by
// qualifier of identification (CL326): the part it requires.
var locationParts = map[string]string{
	"T": "PostcodeAddress",
	"U": "UNLocode",
	"V": "CustomsOffice",
	"W": "GNSS",
	"X": "EconomicOperator",
	"Y": "authorisationNumber",
	"Z": "Address",
}

// isLocationPart reports whether name is one of the ways of identifying a
// location of goods.
func isLocationPart(name string) bool {
	for _, part := range locationParts {
		if part == name {
			return true
		}
	}
	return false
}

// requirePlaceOfLoading requires Consignment/PlaceOfLoading with the reason.
func requirePlaceOfLoading(p *Pass, why string) {
	requireChild(p, p.Root.ChildByLocalName("Consignment"), "PlaceOfLoading", why)
}

func init() {
	register(ctcC0191, ctcC0382, ctcC0387, ctcC0394, ctcC0403, ctcC0404, ctcC0409, ctcC0489, ctcC0671, ctcC0710)
}
