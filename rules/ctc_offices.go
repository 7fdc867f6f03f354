package rules

import (
	"fmt"
	"strings"
)

// Customs offices and the route: offices of departure, transit, exit and
// destination, their estimated arrival times and the countries of routing.

// ctcC0030 checks condition C0030: when offices of transit are required,
// optional or not allowed.
var ctcC0030 = &Rule{
	ID:           "ctc-c0030",
	Codes:        []string{"C0030"},
	Summary:      "CustomsOfficeOfTransitDeclared: not used for TIR and T2SM, required when the movement crosses into or through CTC countries, Andorra or an exit office (C0030)",
	Severity:     Error,
	MessageTypes: declarationMessages,
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
		dt := valueAt(p.Root, "TransitOperation/declarationType")
		if oneOf(dt, "TIR", "T2SM") {
			forbidChild(p, p.Root, name, fmt.Sprintf("when TransitOperation/declarationType is %s (C0030)", dt))
			return
		}
		dep := officeCountry(valueAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber"))
		dst := officeCountry(valueAt(p.Root, "CustomsOfficeOfDestinationDeclared/referenceNumber"))
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
		if dt == "T" && hasText(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationType", "T2") {
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
		for _, c := range textsAt(p.Root, "Consignment/CountryOfRoutingOfConsignment/country") {
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

// ctcC0586 checks condition C0586.
var ctcC0586 = &Rule{
	ID:           "ctc-c0586",
	Codes:        []string{"C0586"},
	Summary:      "CountryOfRoutingOfConsignment is required with a binding itinerary or security 1-3 (C0586)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
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
		if skipOutsidePhase(p, "CC043C", "ctc-p6") {
			return
		}
		cons := firstAt(p.Root, "Consignment")
		switch {
		case valueAt(p.Root, "TransitOperation/bindingItinerary") == "1":
			requireChild(p, cons, "CountryOfRoutingOfConsignment", "when bindingItinerary is '1' (C0586)")
		case oneOf(valueAt(p.Root, "TransitOperation/security"), "1", "2", "3"):
			requireChild(p, cons, "CountryOfRoutingOfConsignment", fmt.Sprintf("when security is '%s' (C0586)", valueAt(p.Root, "TransitOperation/security")))
		}
	},
}

// ctcC0587 checks condition C0587.
var ctcC0587 = &Rule{
	ID:           "ctc-c0587",
	Codes:        []string{"C0587"},
	Summary:      "CustomsOfficeOfExitForTransitDeclared only with security 2 or 3 and an office of transit outside CL147 (C0587)",
	Severity:     Error,
	MessageTypes: declarationMessages,
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
		exits := elementsAt(p.Root, "CustomsOfficeOfExitForTransitDeclared")
		sec, ok := textAt(p.Root, "TransitOperation/security")
		if len(exits) == 0 || !ok {
			return
		}
		why := fmt.Sprintf("security is '%s', not 2 or 3", sec)
		if sec == "2" || sec == "3" {
			for _, ref := range textsAt(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
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

// ctcC0598 checks condition C0598.
var ctcC0598 = &Rule{
	ID:           "ctc-c0598",
	Codes:        []string{"C0598"},
	Summary:      "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated is required with security 1 or 3 for an office in CL147 (C0598)",
	Severity:     Error,
	MessageTypes: declarationMessages,
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
		if !oneOf(valueAt(p.Root, "TransitOperation/security"), "1", "3") {
			return
		}
		for _, o := range elementsAt(p.Root, "CustomsOfficeOfTransitDeclared") {
			ref := valueAt(o, "referenceNumber")
			if in, known := p.In("CL147", officeCountry(ref)); known && in {
				requireChild(p, o, "arrivalDateAndTimeEstimated", fmt.Sprintf("when security is '%s' and the office %s is in a country of CL147 (C0598)", valueAt(p.Root, "TransitOperation/security"), ref))
			}
		}
	},
}

// ctcG0789 checks guideline G0789: the border office of an active means
// of transport is one of the declared offices.
var ctcG0789 = &Rule{
	ID:           "ctc-g0789",
	Codes:        []string{"G0789"},
	Summary:      "ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber is a declared office of transit, exit for transit or destination (G0789)",
	Severity:     Warning,
	MessageTypes: []string{"CC013C", "CC015C"},
	Doc: `Guideline G0789: customsOfficeAtBorderReferenceNumber tells at which border crossing point the
active means of transport will be; it is the reference number of one of the declaration's
CustomsOfficeOfTransitDeclared, CustomsOfficeOfExitForTransitDeclared or its
CustomsOfficeOfDestinationDeclared. The office of departure is none of these. (The presentation
notification IE170 names no such offices and is not checked.)

Failing (transit office FR001260, destination IT018100):

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>GB000060</customsOfficeAtBorderReferenceNumber>

Passing:

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>FR001260</customsOfficeAtBorderReferenceNumber>
`,
	Check: func(p *Pass) {
		offices := map[string]bool{}
		for _, path := range []string{"CustomsOfficeOfTransitDeclared/referenceNumber", "CustomsOfficeOfExitForTransitDeclared/referenceNumber", "CustomsOfficeOfDestinationDeclared/referenceNumber"} {
			for _, r := range textsAt(p.Root, path) {
				offices[r] = true
			}
		}
		for _, e := range elementsAt(p.Root, "Consignment/ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber") {
			if r := strings.TrimSpace(e.Text()); !offices[r] {
				p.Reportf(e, "customsOfficeAtBorderReferenceNumber %s is not a declared office of transit, exit for transit or destination (G0789)", quoteValue(r))
			}
		}
	},
}

// ctcR0003 checks NCTS rule R0003.
var ctcR0003 = &Rule{
	ID:           "ctc-r0003",
	Codes:        []string{"R0003"},
	Summary:      "each declared office of transit appears once (R0003)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0003: the reference numbers of the declared offices of transit
(CustomsOfficeOfTransitDeclared/referenceNumber) are unique in the declaration; an office
is declared once however often the route passes it.

Failing:

    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>
    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>2</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>

Passing: each office once.
`,
	Check: func(p *Pass) {
		seen := map[string]bool{}
		for _, el := range elementsAt(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
			v := strings.TrimSpace(el.Text())
			if seen[v] {
				p.Reportf(el, "office of transit %s is declared more than once; each declared office of transit must be unique (R0003)", v)
			}
			seen[v] = true
		}
	},
}

// ctcR0004 checks NCTS rule R0004.
var ctcR0004 = &Rule{
	ID:           "ctc-r0004",
	Codes:        []string{"R0004"},
	Summary:      "estimated arrival at an office of transit is after the release date (R0004)",
	Severity:     Error,
	MessageTypes: []string{"CC029C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0004: in the release for transit (IE029), each office of transit's estimated
arrival (arrivalDateAndTimeEstimated) is later than TransitOperation/releaseDate. The release
date has no time: customslint takes it as its first instant, so an arrival on the release day
passes and one the day before fails.

Failing:

    <releaseDate>2026-03-14</releaseDate>
    ...
    <arrivalDateAndTimeEstimated>2026-03-13T18:00:00</arrivalDateAndTimeEstimated>

Passing:

    <arrivalDateAndTimeEstimated>2026-03-15T18:00:00</arrivalDateAndTimeEstimated>
`,
	Check: func(p *Pass) {
		rel, ok := parseDateTime(valueAt(p.Root, "TransitOperation/releaseDate"))
		if !ok {
			return
		}
		for _, el := range elementsAt(p.Root, "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated") {
			if t, ok := parseDateTime(el.Text()); ok && !t.After(rel) {
				p.Reportf(el, "estimated arrival %s is not after the release date %s (R0004)", strings.TrimSpace(el.Text()), rel.Format("2006-01-02"))
			}
		}
	},
}

// ctcR0005 checks NCTS rule R0005.
var ctcR0005 = &Rule{
	ID:           "ctc-r0005",
	Codes:        []string{"R0005"},
	Summary:      "estimated arrival at an office of transit is after the message's preparation time (R0005)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0005: each office of transit's estimated arrival (arrivalDateAndTimeEstimated)
is later than the message's preparationDateAndTime: a declaration cannot plan an arrival in
the past.

Failing:

    <preparationDateAndTime>2026-03-14T09:30:00</preparationDateAndTime>
    ...
    <arrivalDateAndTimeEstimated>2026-03-14T08:00:00</arrivalDateAndTimeEstimated>

Passing:

    <arrivalDateAndTimeEstimated>2026-03-14T18:00:00</arrivalDateAndTimeEstimated>
`,
	Check: func(p *Pass) {
		prep, ok := parseDateTime(valueAt(p.Root, "preparationDateAndTime"))
		if !ok {
			return
		}
		for _, el := range elementsAt(p.Root, "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated") {
			if t, ok := parseDateTime(el.Text()); ok && !t.After(prep) {
				p.Reportf(el, "estimated arrival %s is not after the message's preparation date and time %s (R0005)", strings.TrimSpace(el.Text()), prep.Format("2006-01-02T15:04:05"))
			}
		}
	},
}

// ctcR0006 checks NCTS rule R0006.
var ctcR0006 = &Rule{
	ID:           "ctc-r0006",
	Codes:        []string{"R0006"},
	Summary:      "a destination in a CTC country needs an office of transit there; from a CTC country into the EU, one in the EU (R0006)",
	Severity:     Warning,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0006, on the route's offices of transit:
- when the office of destination is in a common transit country outside the EU (CL112:
  CH, GB, IS, MK, NO, RS, TR, UA), at least one declared office of transit is in that same
  country (the office where the goods enter it);
- when the office of departure is in such a country and the office of destination in the EU
  (CL010), at least one declared office of transit is in the EU.
customslint does not apply the first part when departure and destination are in the same
country: such a movement enters no country (a movement within Great Britain declares no office
of transit). Read literally, the second part also asks for an office of transit when the
office of destination is itself the office of entry into the EU (Dover to Calais); HMRC does
not say how its NCTS applies it there, so customslint reports a warning. Both parts need the
code lists; without them the rule is silent.

Failing (Dover to Bern, no Swiss office of transit):

    <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>CH002011</referenceNumber></CustomsOfficeOfDestinationDeclared>
    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>

Passing: a second office of transit CH00xxxx at the Swiss border. A declaration without offices
of transit is left to C0030 (the tables attach R0006 to the office of transit), so a TIR movement,
which declares none, passes.
`,
	Check: func(p *Pass) {
		dep, _ := officeAt(p, "CustomsOfficeOfDeparture")
		dest, destEl := officeAt(p, "CustomsOfficeOfDestinationDeclared")
		if !destEl.Valid() {
			return
		}
		var transit []string
		for _, v := range textsAt(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
			transit = append(transit, officeCountry(v))
		}
		if len(transit) == 0 {
			// The tables attach R0006 to the office of transit's reference
			// number: it applies to declared offices of transit; whether
			// there must be any is C0030's question (a TIR movement has none).
			return
		}
		if in, known := p.In("CL112", dest); known && in && dep != dest {
			if !oneOf(dest, transit...) {
				p.Reportf(destEl, "the office of destination is in %s, a common transit country outside the EU (CL112): at least one declared office of transit must be in %s (R0006)", dest, dest)
			}
			return
		}
		depIn, k1 := p.In("CL112", dep)
		destIn, k2 := p.In("CL010", dest)
		if !k1 || !k2 || !depIn || !destIn {
			return
		}
		for _, c := range transit {
			if in, known := p.In("CL010", c); !known || in {
				return
			}
		}
		p.Reportf(destEl, "the movement goes from %s (CL112) into the EU (%s): at least one declared office of transit must be in the EU (CL010) (R0006)", dep, dest)
	},
}

// ctcR0103 checks NCTS rule R0103.
var ctcR0103 = &Rule{
	ID:           "ctc-r0103",
	Codes:        []string{"R0103"},
	Summary:      "a declared office of exit for transit is neither a declared office of transit nor the office of destination (R0103)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0103: an office of exit for transit (CustomsOfficeOfExitForTransitDeclared) is
a different office from every declared office of transit and from the declared office of
destination.

Failing:

    <CustomsOfficeOfDestinationDeclared><referenceNumber>FR001260</referenceNumber></CustomsOfficeOfDestinationDeclared>
    <CustomsOfficeOfExitForTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfExitForTransitDeclared>

Passing: an exit office that is neither.
`,
	Check: func(p *Pass) {
		transit := textsAt(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber")
		dest := valueAt(p.Root, "CustomsOfficeOfDestinationDeclared/referenceNumber")
		for _, el := range elementsAt(p.Root, "CustomsOfficeOfExitForTransitDeclared/referenceNumber") {
			v := strings.TrimSpace(el.Text())
			switch {
			case v == dest:
				p.Reportf(el, "office of exit for transit %s is also the office of destination (R0103)", v)
			case oneOf(v, transit...):
				p.Reportf(el, "office of exit for transit %s is also a declared office of transit (R0103)", v)
			}
		}
	},
}

// ctcR0904 checks NCTS rule R0904.
var ctcR0904 = &Rule{
	ID:           "ctc-r0904",
	Codes:        []string{"R0904"},
	Summary:      "from Andorra or San Marino, the office of destination is in an EU member state (CL553) (R0904)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0904: a movement that starts at an office in Andorra (AD) or San Marino (SM)
ends at an office in an EU member state (code list CL553, MSCountry). Silent without CL553.

Failing:

    <CustomsOfficeOfDeparture><referenceNumber>SM000001</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>CH002011</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: destination IT018100.
`,
	Check: func(p *Pass) {
		dep, _ := officeAt(p, "CustomsOfficeOfDeparture")
		dest, destEl := officeAt(p, "CustomsOfficeOfDestinationDeclared")
		if !destEl.Valid() || !oneOf(dep, "AD", "SM") {
			return
		}
		if in, known := p.In("CL553", dest); known && !in {
			p.Reportf(destEl, "a movement from %s must end in an EU member state (CL553); %s is not one (R0904)", dep, dest)
		}
	},
}

// ctcR0905 checks NCTS rule R0905.
var ctcR0905 = &Rule{
	ID:           "ctc-r0905",
	Codes:        []string{"R0905"},
	Summary:      "from a CTC country (CL112), the office of destination is not in Andorra or San Marino (R0905)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0905: a movement that starts in a common transit country outside the EU (CL112:
CH, GB, NO ...) cannot end in Andorra (AD) or San Marino (SM). Silent without CL112.

Failing:

    <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>AD000001</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: destination FR001260.
`,
	Check: func(p *Pass) {
		dep, _ := officeAt(p, "CustomsOfficeOfDeparture")
		dest, destEl := officeAt(p, "CustomsOfficeOfDestinationDeclared")
		if !destEl.Valid() || !oneOf(dest, "AD", "SM") {
			return
		}
		if in, known := p.In("CL112", dep); known && in {
			p.Reportf(destEl, "a movement from %s (a CTC country, CL112) cannot end in %s (R0905)", dep, dest)
		}
	},
}

// ctcR0906 checks NCTS rule R0906.
var ctcR0906 = &Rule{
	ID:           "ctc-r0906",
	Codes:        []string{"R0906"},
	Summary:      "to Andorra, an office of transit is in Andorra (R0906)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0906: when the office of destination is in Andorra (AD), the route declares an
office of transit in Andorra (customslint asks for at least one, the office where the goods
enter Andorra; the rule's second part, on actual offices of transit, concerns messages
NCTS exchanges).

Failing:

    <CustomsOfficeOfDestinationDeclared><referenceNumber>AD000001</referenceNumber></CustomsOfficeOfDestinationDeclared>
    <CustomsOfficeOfTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfTransitDeclared>

Passing: an office of transit AD000002 as well.
`,
	Check: func(p *Pass) {
		dest, destEl := officeAt(p, "CustomsOfficeOfDestinationDeclared")
		if dest != "AD" {
			return
		}
		for _, v := range textsAt(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
			if officeCountry(v) == "AD" {
				return
			}
		}
		p.Reportf(destEl, "the office of destination is in Andorra: at least one declared office of transit must be in Andorra (AD) (R0906)")
	},
}

func init() {
	register(ctcC0030, ctcC0586, ctcC0587, ctcC0598, ctcG0789, ctcR0003, ctcR0004, ctcR0005, ctcR0006, ctcR0103, ctcR0904, ctcR0905, ctcR0906)
}
