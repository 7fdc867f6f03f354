package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Transport means: departure and active border transport means, modes of
// transport and conveyance references.

// ctcC0029 checks condition C0029: safety and security data need the
// border mode of transport.
var ctcC0029 = &Rule{
	ID:           "ctc-c0029",
	Codes:        []string{"C0029"},
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
		if sec := valueAt(p.Root, "TransitOperation/security"); oneOf(sec, "1", "2", "3") {
			requireChild(p, p.Root.ChildByLocalName("Consignment"), "modeOfTransportAtTheBorder", fmt.Sprintf("when TransitOperation/security is %s (C0029)", sec))
		}
	},
}

// ctcC0339 checks condition C0339: departure transport means at one level,
// none for postal consignments.
var ctcC0339 = &Rule{
	ID:           "ctc-c0339",
	Codes:        []string{"C0339"},
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
		hcs := elementsAt(cons, "HouseConsignment")
		if valueAt(cons, "inlandModeOfTransport") == "5" {
			why := "when Consignment/inlandModeOfTransport is 5 (C0339)"
			forbidChild(p, cons, "DepartureTransportMeans", why)
			forbidChildEach(p, hcs, "DepartureTransportMeans", why)
			return
		}
		if cons.ChildByLocalName("DepartureTransportMeans").Valid() {
			forbidChildEach(p, hcs, "DepartureTransportMeans", "when Consignment has DepartureTransportMeans (C0339)")
		}
	},
}

// ctcC0531 checks condition C0531.
var ctcC0531 = &Rule{
	ID:           "ctc-c0531",
	Codes:        []string{"C0531"},
	Summary:      "ActiveBorderTransportMeans/conveyanceReferenceNumber is required with security 1-3 and border mode 4 (air) (C0531)",
	Severity:     Error,
	MessageTypes: declarationMessages,
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
		cons := firstAt(p.Root, "Consignment")
		if !oneOf(valueAt(p.Root, "TransitOperation/security"), "1", "2", "3") || valueAt(cons, "modeOfTransportAtTheBorder") != "4" {
			return
		}
		why := fmt.Sprintf("security is '%s' and modeOfTransportAtTheBorder is '4'", valueAt(p.Root, "TransitOperation/security"))
		for _, a := range elementsAt(cons, "ActiveBorderTransportMeans") {
			requireChild(p, a, "conveyanceReferenceNumber", "when "+why+" (C0531)")
		}
	},
}

// ctcC0599 checks condition C0599.
var ctcC0599 = &Rule{
	ID:           "ctc-c0599",
	Codes:        []string{"C0599"},
	Summary:      "Consignment/modeOfTransportAtTheBorder is required for a standard declaration with security data (C0599)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		if oneOf(valueAt(p.Root, "TransitOperation/security"), sec...) && valueAt(p.Root, "TransitOperation/additionalDeclarationType") == "A" {
			why := fmt.Sprintf("security is '%s' and additionalDeclarationType is 'A'", valueAt(p.Root, "TransitOperation/security"))
			requireChild(p, firstAt(p.Root, "Consignment"), "modeOfTransportAtTheBorder", "when "+why+" (C0599)")
		}
	},
}

// ctcC0806 checks condition C0806.
var ctcC0806 = &Rule{
	ID:           "ctc-c0806",
	Codes:        []string{"C0806"},
	Summary:      "ActiveBorderTransportMeans: none with border mode 5; required for a standard declaration with exit security data (C0806)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		cons := firstAt(p.Root, "Consignment")
		if valueAt(cons, "modeOfTransportAtTheBorder") == "5" {
			forbidChild(p, cons, "ActiveBorderTransportMeans", "when modeOfTransportAtTheBorder is '5' (fixed transport installations) (C0806)")
			return
		}
		sec := []string{"1", "2", "3"}
		if p.Profile == "ctc-p6" {
			sec = []string{"2"}
		}
		if oneOf(valueAt(p.Root, "TransitOperation/security"), sec...) && valueAt(p.Root, "TransitOperation/additionalDeclarationType") == "A" {
			why := fmt.Sprintf("security is '%s' and additionalDeclarationType is 'A'", valueAt(p.Root, "TransitOperation/security"))
			requireChild(p, cons, "ActiveBorderTransportMeans", "when "+why+" (C0806)")
		}
	},
}

// ctcC0807 checks condition C0807, as far as the message tells.
var ctcC0807 = &Rule{
	ID:           "ctc-c0807",
	Codes:        []string{"C0807"},
	Summary:      "IE170: no ActiveBorderTransportMeans with border mode 5 (C0807)",
	Severity:     Error,
	MessageTypes: []string{"CC170C"},
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
		cons := firstAt(p.Root, "Consignment")
		if valueAt(cons, "modeOfTransportAtTheBorder") == "5" {
			forbidChild(p, cons, "ActiveBorderTransportMeans", "when modeOfTransportAtTheBorder is '5' (fixed transport installations) (C0807)")
		}
	},
}

// ctcC0826 checks condition C0826.
var ctcC0826 = &Rule{
	ID:           "ctc-c0826",
	Codes:        []string{"C0826"},
	Summary:      "DepartureTransportMeans: none with inland mode 5; never at both consignment and house consignment level (C0826)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		cons := firstAt(p.Root, "Consignment")
		if !cons.Valid() {
			return
		}
		if valueAt(cons, "inlandModeOfTransport") == "5" {
			why := "inlandModeOfTransport is '5' (fixed transport installations)"
			forbidChild(p, cons, "DepartureTransportMeans", "when "+why+" (C0826)")
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "DepartureTransportMeans", "when "+why+" (C0826)")
			}
			return
		}
		if hasAt(cons, "DepartureTransportMeans") {
			for _, hc := range elementsAt(cons, "HouseConsignment") {
				forbidChild(p, hc, "DepartureTransportMeans", "when Consignment has DepartureTransportMeans (C0826)")
			}
		}
	},
}

// ctcC0833 checks condition C0833, as far as the message tells.
var ctcC0833 = &Rule{
	ID:           "ctc-c0833",
	Codes:        []string{"C0833"},
	Summary:      "IE170: no DepartureTransportMeans, at either level, with inland mode 5 (C0833)",
	Severity:     Error,
	MessageTypes: []string{"CC170C"},
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
		cons := firstAt(p.Root, "Consignment")
		if valueAt(cons, "inlandModeOfTransport") != "5" {
			return
		}
		why := "inlandModeOfTransport is '5' (fixed transport installations)"
		forbidChild(p, cons, "DepartureTransportMeans", "when "+why+" (C0833)")
		for _, hc := range elementsAt(cons, "HouseConsignment") {
			forbidChild(p, hc, "DepartureTransportMeans", "when "+why+" (C0833)")
		}
	},
}

// ctcC0908 checks condition C0908.
var ctcC0908 = &Rule{
	ID:           "ctc-c0908",
	Codes:        []string{"C0908"},
	Summary:      "IE029: ActiveBorderTransportMeans: none with border mode 5; required with security 1-3 (C0908)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
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
		cons := firstAt(p.Root, "Consignment")
		if valueAt(cons, "modeOfTransportAtTheBorder") == "5" {
			forbidChild(p, cons, "ActiveBorderTransportMeans", "when modeOfTransportAtTheBorder is '5' (fixed transport installations) (C0908)")
			return
		}
		if oneOf(valueAt(p.Root, "TransitOperation/security"), "1", "2", "3") {
			requireChild(p, cons, "ActiveBorderTransportMeans", fmt.Sprintf("when security is '%s' (C0908)", valueAt(p.Root, "TransitOperation/security")))
		}
	},
}

// ctcR0076 checks NCTS rule R0076.
var ctcR0076 = &Rule{
	ID:           "ctc-r0076",
	Codes:        []string{"R0076"},
	Summary:      "an active border transport means identified by a registration-type number has no lower-case letters (R0076)",
	Severity:     Error,
	MessageTypes: declarationAndPresentationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0076: when ActiveBorderTransportMeans/typeOfIdentification is 10, 21, 30, 40, 41
or 80 (IMO ship number, wagon number, vehicle registration, IATA flight number, aircraft
registration, inland vessel number), identificationNumber has no lower-case letters.

Failing:

    <typeOfIdentification>30</typeOfIdentification>
    <identificationNumber>kx25htr</identificationNumber>

Passing:

    <identificationNumber>KX25HTR</identificationNumber>
`,
	Check: func(p *Pass) {
		for _, m := range elementsAt(p.Root, "Consignment/ActiveBorderTransportMeans") {
			t := valueAt(m, "typeOfIdentification")
			if id := firstAt(m, "identificationNumber"); id.Valid() && oneOf(t, "10", "21", "30", "40", "41", "80") && hasLower(id.Text()) {
				p.Reportf(id, "identification number %q of type %s has lower-case letters (R0076)", strings.TrimSpace(id.Text()), t)
			}
		}
	},
}

// ctcR0315 checks NCTS rule R0315.
var ctcR0315 = &Rule{
	ID:           "ctc-r0315",
	Codes:        []string{"R0315"},
	Summary:      "by air at the border, the conveyance reference is a flight number (R0315)",
	Severity:     Error,
	MessageTypes: declarationAndPresentationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0315: when Consignment/modeOfTransportAtTheBorder is 4 (air), an active border
transport means' conveyanceReferenceNumber is the IATA/ICAO flight number, at most 8
characters: the airline's prefix (up to 3 letters or digits), the flight's number (up to 4
digits) and an optional letter. (Whether it must be given is condition C0531.)

Failing:

    <modeOfTransportAtTheBorder>4</modeOfTransportAtTheBorder>
    ...
    <conveyanceReferenceNumber>FLIGHT-BA-0123</conveyanceReferenceNumber>

Passing:

    <conveyanceReferenceNumber>BA0123</conveyanceReferenceNumber>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "Consignment/modeOfTransportAtTheBorder") != "4" {
			return
		}
		for _, el := range elementsAt(p.Root, "Consignment/ActiveBorderTransportMeans/conveyanceReferenceNumber") {
			if v := strings.TrimSpace(el.Text()); len(v) > 8 || !flightNumber.MatchString(v) {
				p.Reportf(el, "by air the conveyance reference number is a flight number (airline prefix of up to 3 characters, up to 4 digits, an optional letter; 8 at most), not %q (R0315)", v)
			}
		}
	},
}

// ctcR0472 checks NCTS rule R0472.
var ctcR0472 = &Rule{
	ID:           "ctc-r0472",
	Codes:        []string{"R0472"},
	Summary:      "the type of identification of a departure transport means starts with the inland mode of transport (R0472)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0472: when Consignment/inlandModeOfTransport is 1, 2, 3, 4 or 8, the first digit
of each departure transport means' typeOfIdentification equals it (30 or 31 for road, 2x for
rail ...). The means are those of the consignment, or failing them those of the house
consignments.

Failing:

    <inlandModeOfTransport>3</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <typeOfIdentification>21</typeOfIdentification>

Passing:

      <typeOfIdentification>30</typeOfIdentification>
`,
	Check: func(p *Pass) {
		mode := valueAt(p.Root, "Consignment/inlandModeOfTransport")
		if !oneOf(mode, "1", "2", "3", "4", "8") {
			return
		}
		for _, m := range departureMeans(p) {
			if t := firstAt(m, "typeOfIdentification"); t.Valid() && !strings.HasPrefix(strings.TrimSpace(t.Text()), mode) {
				p.Reportf(t, "type of identification %s does not start with the inland mode of transport %s (R0472)", strings.TrimSpace(t.Text()), mode)
			}
		}
	},
}

// ctcR0473 checks NCTS rule R0473.
var ctcR0473 = &Rule{
	ID:           "ctc-r0473",
	Codes:        []string{"R0473"},
	Summary:      "a departure transport means identified by a registration-type number has no lower-case letters (R0473)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0473: when a departure transport means' typeOfIdentification is 10, 20, 21, 30,
31, 40, 41 or 80, its identificationNumber has no lower-case letters. The means are those of
the consignment, or failing them those of the house consignments.

Failing:

    <typeOfIdentification>30</typeOfIdentification>
    <identificationNumber>kx25htr</identificationNumber>

Passing:

    <identificationNumber>KX25HTR</identificationNumber>
`,
	Check: func(p *Pass) {
		for _, m := range departureMeans(p) {
			t := valueAt(m, "typeOfIdentification")
			if id := firstAt(m, "identificationNumber"); id.Valid() && oneOf(t, "10", "20", "21", "30", "31", "40", "41", "80") && hasLower(id.Text()) {
				p.Reportf(id, "identification number %q of type %s has lower-case letters (R0473)", strings.TrimSpace(id.Text()), t)
			}
		}
	},
}

// ctcR0474 checks NCTS rule R0474.
var ctcR0474 = &Rule{
	ID:           "ctc-r0474",
	Codes:        []string{"R0474"},
	Summary:      "by road, the first departure transport means is a vehicle registration (30) (R0474)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0474: when Consignment/inlandModeOfTransport is 3 (road), the first departure
transport means of the consignment, and of each house consignment that has some, has
typeOfIdentification 30 (registration number of the road vehicle).

Failing:

    <inlandModeOfTransport>3</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <typeOfIdentification>31</typeOfIdentification>

Passing:

      <typeOfIdentification>30</typeOfIdentification>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "Consignment/inlandModeOfTransport") != "3" {
			return
		}
		for _, ms := range departureMeansGroups(p) {
			if t := firstAt(ms[0], "typeOfIdentification"); t.Valid() && strings.TrimSpace(t.Text()) != "30" {
				p.Reportf(t, "by road the first departure transport means is identified by type 30 (vehicle registration), not %s (R0474)", strings.TrimSpace(t.Text()))
			}
		}
	},
}

// ctcR0476 checks NCTS rule R0476.
var ctcR0476 = &Rule{
	ID:           "ctc-r0476",
	Codes:        []string{"R0476"},
	Summary:      "by road, the second and third departure transport means are trailers (31) (R0476)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0476: when Consignment/inlandModeOfTransport is 3 (road) and there are several
departure transport means (of the consignment, or else of a house consignment), the second
and third have typeOfIdentification 31 (registration number of a trailer).

Failing:

    <DepartureTransportMeans>
      <sequenceNumber>2</sequenceNumber>
      <typeOfIdentification>30</typeOfIdentification>

Passing:

      <typeOfIdentification>31</typeOfIdentification>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "Consignment/inlandModeOfTransport") != "3" {
			return
		}
		groups := departureMeansGroups(p)
		if ms := elementsAt(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
			groups = [][]xsd.Element{ms}
		}
		for _, ms := range groups {
			for i := 1; i < len(ms) && i < 3; i++ {
				if t := firstAt(ms[i], "typeOfIdentification"); t.Valid() && strings.TrimSpace(t.Text()) != "31" {
					p.Reportf(t, "by road the %s departure transport means is a trailer, type 31, not %s (R0476)", ordinal(i+1), strings.TrimSpace(t.Text()))
				}
			}
		}
	},
}

// ctcR0789 checks NCTS rule R0789.
var ctcR0789 = &Rule{
	ID:           "ctc-r0789",
	Codes:        []string{"R0789"},
	Summary:      "without declared offices of transit, one active border transport means at most (R0789)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0789: a declaration may give up to 9 active border transport means when it
declares offices of transit, and at most one when it declares none.

Failing (no CustomsOfficeOfTransitDeclared):

    <ActiveBorderTransportMeans>...1...</ActiveBorderTransportMeans>
    <ActiveBorderTransportMeans>...2...</ActiveBorderTransportMeans>

Passing: one active border transport means, or offices of transit declared.
`,
	Check: func(p *Pass) {
		if hasAt(p.Root, "CustomsOfficeOfTransitDeclared") {
			return
		}
		if ms := elementsAt(p.Root, "Consignment/ActiveBorderTransportMeans"); len(ms) > 1 {
			p.Reportf(ms[1], "%d active border transport means without a declared office of transit; at most one (R0789)", len(ms))
		}
	},
}

// ctcR0855 checks NCTS rule R0855.
var ctcR0855 = &Rule{
	ID:           "ctc-r0855",
	Codes:        []string{"R0855"},
	Summary:      "departure transport means: up to 3 by road, several by rail, one otherwise (R0855)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0855: the consignment, and each house consignment, has at most 3 departure
transport means when Consignment/inlandModeOfTransport is 3 (road: a vehicle and up to two
trailers), any number when it is 2 (rail), and at most one otherwise (also when no inland
mode is given).

Failing:

    <inlandModeOfTransport>4</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>...1...</DepartureTransportMeans>
    <DepartureTransportMeans>...2...</DepartureTransportMeans>

Passing: one departure transport means.
`,
	Check: func(p *Pass) {
		mode := valueAt(p.Root, "Consignment/inlandModeOfTransport")
		max := 1
		switch mode {
		case "2":
			return
		case "3":
			max = 3
		}
		for _, ms := range departureMeansGroups(p) {
			if len(ms) > max {
				p.Reportf(ms[max], "%d departure transport means; with inland mode of transport %q at most %d (R0855)", len(ms), mode, max)
			}
		}
	},
}

// departureMeans are the departure transport means R0472/R0473 look at:
// the consignment's, or failing them those of every house consignment.
func departureMeans(p *Pass) []xsd.Element {
	if ms := elementsAt(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
		return ms
	}
	return elementsAt(p.Root, "Consignment/HouseConsignment/DepartureTransportMeans")
}

// departureMeansGroups are the lists of departure transport means of the
// consignment and of each house consignment (empty lists left out).
func departureMeansGroups(p *Pass) [][]xsd.Element {
	var out [][]xsd.Element
	if ms := elementsAt(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
		out = append(out, ms)
	}
	for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
		if ms := elementsAt(hc, "DepartureTransportMeans"); len(ms) > 0 {
			out = append(out, ms)
		}
	}
	return out
}

// flightNumber is an IATA/ICAO flight number: an airline prefix of up to 3
// characters, up to 4 digits, an optional letter.
var flightNumber = regexp.MustCompile(`^[A-Za-z0-9]{1,3}[0-9]{1,4}[A-Za-z]?$`)

func init() {
	register(ctcC0029, ctcC0339, ctcC0531, ctcC0599, ctcC0806, ctcC0807, ctcC0826, ctcC0833, ctcC0908, ctcR0076, ctcR0315, ctcR0472, ctcR0473, ctcR0474, ctcR0476, ctcR0789, ctcR0855)
}
