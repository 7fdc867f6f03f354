package rules

import (
	"regexp"
	"strings"
	"time"

	"github.com/customslint/customslint/xsd"
)

// NCTS rules (R...) on offices, dates, declaration types, guarantees,
// authorisations and numbering, phases 5 and 6. Transport and goods rules
// are in ctc_r_goods.go.

// ---- Offices

var CTCR0003 = rNew("ctc-r0003", "each declared office of transit appears once (R0003)", rDecl29, `NCTS rule R0003: the reference numbers of the declared offices of transit
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
`, func(p *Pass) {
	seen := map[string]bool{}
	for _, el := range Elements(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
		v := strings.TrimSpace(el.Text())
		if seen[v] {
			p.Reportf(el, "office of transit %s is declared more than once; each declared office of transit must be unique (R0003)", v)
		}
		seen[v] = true
	}
})

var CTCR0006 = rWarning(rNew("ctc-r0006", "a destination in a CTC country needs an office of transit there; from a CTC country into the EU, one in the EU (R0006)", rDecl29, `NCTS rule R0006, on the route's offices of transit:
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
`, func(p *Pass) {
	dep, _ := rOffice(p, "CustomsOfficeOfDeparture")
	dest, destEl := rOffice(p, "CustomsOfficeOfDestinationDeclared")
	if !destEl.Valid() {
		return
	}
	var transit []string
	for _, v := range Texts(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
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
}))

var CTCR0103 = rNew("ctc-r0103", "a declared office of exit for transit is neither a declared office of transit nor the office of destination (R0103)", rDecl29, `NCTS rule R0103: an office of exit for transit (CustomsOfficeOfExitForTransitDeclared) is
a different office from every declared office of transit and from the declared office of
destination.

Failing:

    <CustomsOfficeOfDestinationDeclared><referenceNumber>FR001260</referenceNumber></CustomsOfficeOfDestinationDeclared>
    <CustomsOfficeOfExitForTransitDeclared>
      <sequenceNumber>1</sequenceNumber>
      <referenceNumber>FR001260</referenceNumber>
    </CustomsOfficeOfExitForTransitDeclared>

Passing: an exit office that is neither.
`, func(p *Pass) {
	transit := Texts(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber")
	dest := Value(p.Root, "CustomsOfficeOfDestinationDeclared/referenceNumber")
	for _, el := range Elements(p.Root, "CustomsOfficeOfExitForTransitDeclared/referenceNumber") {
		v := strings.TrimSpace(el.Text())
		switch {
		case v == dest:
			p.Reportf(el, "office of exit for transit %s is also the office of destination (R0103)", v)
		case oneOf(v, transit...):
			p.Reportf(el, "office of exit for transit %s is also a declared office of transit (R0103)", v)
		}
	}
})

var CTCR0904 = rNew("ctc-r0904", "from Andorra or San Marino, the office of destination is in an EU member state (CL553) (R0904)", rDecl, `NCTS rule R0904: a movement that starts at an office in Andorra (AD) or San Marino (SM)
ends at an office in an EU member state (code list CL553, MSCountry). Silent without CL553.

Failing:

    <CustomsOfficeOfDeparture><referenceNumber>SM000001</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>CH002011</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: destination IT018100.
`, func(p *Pass) {
	dep, _ := rOffice(p, "CustomsOfficeOfDeparture")
	dest, destEl := rOffice(p, "CustomsOfficeOfDestinationDeclared")
	if !destEl.Valid() || !oneOf(dep, "AD", "SM") {
		return
	}
	if in, known := p.In("CL553", dest); known && !in {
		p.Reportf(destEl, "a movement from %s must end in an EU member state (CL553); %s is not one (R0904)", dep, dest)
	}
})

var CTCR0905 = rNew("ctc-r0905", "from a CTC country (CL112), the office of destination is not in Andorra or San Marino (R0905)", rDecl, `NCTS rule R0905: a movement that starts in a common transit country outside the EU (CL112:
CH, GB, NO ...) cannot end in Andorra (AD) or San Marino (SM). Silent without CL112.

Failing:

    <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>AD000001</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: destination FR001260.
`, func(p *Pass) {
	dep, _ := rOffice(p, "CustomsOfficeOfDeparture")
	dest, destEl := rOffice(p, "CustomsOfficeOfDestinationDeclared")
	if !destEl.Valid() || !oneOf(dest, "AD", "SM") {
		return
	}
	if in, known := p.In("CL112", dep); known && in {
		p.Reportf(destEl, "a movement from %s (a CTC country, CL112) cannot end in %s (R0905)", dep, dest)
	}
})

var CTCR0906 = rNew("ctc-r0906", "to Andorra, an office of transit is in Andorra (R0906)", rDecl, `NCTS rule R0906: when the office of destination is in Andorra (AD), the route declares an
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
`, func(p *Pass) {
	dest, destEl := rOffice(p, "CustomsOfficeOfDestinationDeclared")
	if dest != "AD" {
		return
	}
	for _, v := range Texts(p.Root, "CustomsOfficeOfTransitDeclared/referenceNumber") {
		if officeCountry(v) == "AD" {
			return
		}
	}
	p.Reportf(destEl, "the office of destination is in Andorra: at least one declared office of transit must be in Andorra (AD) (R0906)")
})

// ---- Dates

// rDateTime parses an NCTS date and time (no time zone) or date.
func rDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var CTCR0004 = rNew("ctc-r0004", "estimated arrival at an office of transit is after the release date (R0004)", []string{"CC029C"}, `NCTS rule R0004: in the release for transit (IE029), each office of transit's estimated
arrival (arrivalDateAndTimeEstimated) is later than TransitOperation/releaseDate. The release
date has no time: customslint takes it as its first instant, so an arrival on the release day
passes and one the day before fails.

Failing:

    <releaseDate>2026-03-14</releaseDate>
    ...
    <arrivalDateAndTimeEstimated>2026-03-13T18:00:00</arrivalDateAndTimeEstimated>

Passing:

    <arrivalDateAndTimeEstimated>2026-03-15T18:00:00</arrivalDateAndTimeEstimated>
`, func(p *Pass) {
	rel, ok := rDateTime(Value(p.Root, "TransitOperation/releaseDate"))
	if !ok {
		return
	}
	for _, el := range Elements(p.Root, "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated") {
		if t, ok := rDateTime(el.Text()); ok && !t.After(rel) {
			p.Reportf(el, "estimated arrival %s is not after the release date %s (R0004)", strings.TrimSpace(el.Text()), rel.Format("2006-01-02"))
		}
	}
})

var CTCR0005 = rNew("ctc-r0005", "estimated arrival at an office of transit is after the message's preparation time (R0005)", rDecl, `NCTS rule R0005: each office of transit's estimated arrival (arrivalDateAndTimeEstimated)
is later than the message's preparationDateAndTime: a declaration cannot plan an arrival in
the past.

Failing:

    <preparationDateAndTime>2026-03-14T09:30:00</preparationDateAndTime>
    ...
    <arrivalDateAndTimeEstimated>2026-03-14T08:00:00</arrivalDateAndTimeEstimated>

Passing:

    <arrivalDateAndTimeEstimated>2026-03-14T18:00:00</arrivalDateAndTimeEstimated>
`, func(p *Pass) {
	prep, ok := rDateTime(Value(p.Root, "preparationDateAndTime"))
	if !ok {
		return
	}
	for _, el := range Elements(p.Root, "CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated") {
		if t, ok := rDateTime(el.Text()); ok && !t.After(prep) {
			p.Reportf(el, "estimated arrival %s is not after the message's preparation date and time %s (R0005)", strings.TrimSpace(el.Text()), prep.Format("2006-01-02T15:04:05"))
		}
	}
})

// ---- Declaration types

// rItemTypes are the declaration types of the consignment items.
func rItemTypes(p *Pass) []string {
	return Texts(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationType")
}

var CTCR0020 = rNew("ctc-r0020", "T2/T2F goods leaving a CTC country name a previous document proving union status (CL178) (R0020)", rDecl2943, `NCTS rule R0020: when the office of departure is in a common transit country outside the EU
(CL112) and goods are declared T2 or T2F (in TransitOperation/declarationType, or in a
consignment item's declarationType), their union status must be proved: for each such
consignment item, a previous document whose type is in CL178 (PreviousDocumentUnionGoods:
T2L, T2LF ...) at consignment level or in that item. Silent without CL112 and CL178.

Failing (T2 from Dover, previous document an export declaration):

    <declarationType>T2</declarationType>
    ...
    <PreviousDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>N830</type>

Passing: a previous document of type N825 (T2L) instead.
`, func(p *Pass) {
	dep, _ := rOffice(p, "CustomsOfficeOfDeparture")
	if in, known := p.In("CL112", dep); !known || !in {
		return
	}
	if _, known := p.In("CL178", "N825"); !known {
		return
	}
	hasUnion := func(types []string) bool {
		for _, t := range types {
			if in, _ := p.In("CL178", t); in {
				return true
			}
		}
		return false
	}
	if hasUnion(Texts(p.Root, "Consignment/PreviousDocument/type")) {
		return
	}
	header := Value(p.Root, "TransitOperation/declarationType")
	for _, item := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem") {
		t := Value(item, "declarationType")
		if t == "" {
			t = header
		}
		if !oneOf(t, "T2", "T2F") {
			continue
		}
		if !hasUnion(Texts(item, "PreviousDocument/type")) {
			p.Reportf(item, "consignment item declared %s from %s (a CTC country, CL112) has no previous document proving union status (a type in CL178) at consignment or item level (R0020)", t, dep)
		}
	}
})

var CTCR0601 = rNew("ctc-r0601", "excise goods: export followed by transit is T1 (or TIR); EU goods under excise suspension are T2/T2F (R0601)", rDecl2943, `NCTS rule R0601, for a consignment item with an additional reference of an excise type
(CL234: C651, C658):
- when its house consignment has a previous document N830 (export declaration: export of
  excise goods followed by transit), the item's declarationType is T1, or without one the
  declaration's is T1 or TIR;
- otherwise, when the item has a supporting document of an excise type (EU goods under excise
  suspension), the item's declarationType is T2 or T2F, or without one the declaration's.
Silent without CL234.

Failing (export followed by transit declared T2):

    <declarationType>T2</declarationType>
    ...
    <HouseConsignment>
      <PreviousDocument><sequenceNumber>1</sequenceNumber><type>N830</type>...
      <ConsignmentItem>
        <AdditionalReference><sequenceNumber>1</sequenceNumber><type>C651</type>...

Passing: declarationType T1.
`, func(p *Pass) {
	if _, known := p.In("CL234", "C651"); !known {
		return
	}
	excise := func(types []string) bool {
		for _, t := range types {
			if in, _ := p.In("CL234", t); in {
				return true
			}
		}
		return false
	}
	header := First(p.Root, "TransitOperation/declarationType")
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		export := oneOf("N830", Texts(hc, "PreviousDocument/type")...)
		for _, item := range Elements(hc, "ConsignmentItem") {
			if !excise(Texts(item, "AdditionalReference/type")) {
				continue
			}
			var want []string
			var why string
			switch {
			case export:
				want, why = []string{"T1"}, "export of excise goods followed by transit (previous document N830)"
			case excise(Texts(item, "SupportingDocument/type")):
				want, why = []string{"T2", "T2F"}, "EU goods under excise suspension (excise supporting document)"
			default:
				continue
			}
			if it := First(item, "declarationType"); it.Valid() {
				if v := strings.TrimSpace(it.Text()); !oneOf(v, want...) {
					p.Reportf(it, "%s: the item's declarationType must be %s, not %s (R0601)", why, strings.Join(want, " or "), v)
				}
				continue
			}
			if export {
				want = []string{"T1", "TIR"}
			}
			if header.Valid() {
				if v := strings.TrimSpace(header.Text()); !oneOf(v, want...) {
					p.Reportf(header, "%s in consignment item %s: declarationType must be %s, not %s (R0601)", why, Value(item, "goodsItemNumber"), strings.Join(want, " or "), v)
				}
			}
		}
	}
})

var CTCR0849 = rNew("ctc-r0849", "a TIR declaration does not use the reduced dataset (R0849)", rDecl, `NCTS rule R0849: when TransitOperation/declarationType is TIR, reducedDatasetIndicator is 0.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <reducedDatasetIndicator>1</reducedDatasetIndicator>

Passing:

    <reducedDatasetIndicator>0</reducedDatasetIndicator>
`, func(p *Pass) {
	if Value(p.Root, "TransitOperation/declarationType") != "TIR" {
		return
	}
	if el := First(p.Root, "TransitOperation/reducedDatasetIndicator"); el.Valid() && strings.TrimSpace(el.Text()) != "0" {
		p.Reportf(el, "a TIR declaration cannot use the reduced dataset: reducedDatasetIndicator must be 0 (R0849)")
	}
})

var CTCR0901 = rWarning(rNew("ctc-r0901", "a TIR movement starts and ends in the EU (CL010) (R0901)", rDecl, `NCTS rule R0901: when TransitOperation/declarationType is TIR, the offices of departure and of
destination are both in the EU (CL010): in the EU, NCTS carries a TIR movement only within
the Union. The UK declares TIR movements that start in Great Britain in its own NCTS, and
HMRC does not say how it applies this rule to them, so customslint reports a warning. Silent
without CL010.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>

Passing: departure FR001260.
`, func(p *Pass) {
	if Value(p.Root, "TransitOperation/declarationType") != "TIR" {
		return
	}
	for _, g := range []string{"CustomsOfficeOfDeparture", "CustomsOfficeOfDestinationDeclared"} {
		c, el := rOffice(p, g)
		if !el.Valid() {
			continue
		}
		if in, known := p.In("CL010", c); known && !in {
			p.Reportf(el, "a TIR declaration's %s must be in the EU (CL010); %s is not (R0901)", g, c)
		}
	}
}))

var CTCR0909 = rNew("ctc-r0909", "to San Marino: from Italy T2SM, from another EU country T2 or T2F (R0909)", rDecl2943, `NCTS rule R0909: when the office of destination (declared, or actual where the message has
one) is in San Marino (SM):
- from an office of departure in Italy, TransitOperation/declarationType is T2SM;
- from another EU country (CL010), the declaration type is T2 or T2F, in TransitOperation or
  in at least one consignment item.
The second part is silent without CL010.

Failing:

    <declarationType>T1</declarationType>
    ...
    <CustomsOfficeOfDeparture><referenceNumber>IT018100</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>SM000001</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: declarationType T2SM.
`, func(p *Pass) {
	dep, _ := rOffice(p, "CustomsOfficeOfDeparture")
	sm := false
	for _, g := range []string{"CustomsOfficeOfDestinationDeclared", "CustomsOfficeOfDestinationActual"} {
		if c, el := rOffice(p, g); el.Valid() && c == "SM" {
			sm = true
		}
	}
	if !sm || dep == "" {
		return
	}
	dt := First(p.Root, "TransitOperation/declarationType")
	v := strings.TrimSpace(dt.Text())
	report := p.Root.ChildByLocalName("TransitOperation")
	if dt.Valid() {
		report = dt
	}
	if !report.Valid() {
		return
	}
	if dep == "IT" {
		if v != "T2SM" {
			p.Reportf(report, "a movement from Italy to San Marino is declared T2SM, not %q (R0909)", v)
		}
		return
	}
	if in, known := p.In("CL010", dep); !known || !in {
		return
	}
	if oneOf(v, "T2", "T2F") {
		return
	}
	for _, t := range rItemTypes(p) {
		if oneOf(t, "T2", "T2F") {
			return
		}
	}
	p.Reportf(report, "a movement from %s (EU) to San Marino is declared T2 or T2F (in TransitOperation or a consignment item), not %q (R0909)", dep, v)
})

var CTCR0911 = rNew("ctc-r0911", "from San Marino into the EU, the declaration type is T2 or T2F (R0911)", rDecl2943, `NCTS rule R0911: when the office of departure is in San Marino (SM) and the office of
destination (declared, or actual where the message has one) is in the EU (CL010),
TransitOperation/declarationType is T2 or T2F. Silent without CL010.

Failing:

    <declarationType>T1</declarationType>
    ...
    <CustomsOfficeOfDeparture><referenceNumber>SM000001</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>IT018100</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: declarationType T2.
`, func(p *Pass) {
	if dep, _ := rOffice(p, "CustomsOfficeOfDeparture"); dep != "SM" {
		return
	}
	eu := false
	for _, g := range []string{"CustomsOfficeOfDestinationDeclared", "CustomsOfficeOfDestinationActual"} {
		if c, el := rOffice(p, g); el.Valid() {
			if in, known := p.In("CL010", c); known && in {
				eu = true
			}
		}
	}
	dt := First(p.Root, "TransitOperation/declarationType")
	if eu && dt.Valid() && !oneOf(strings.TrimSpace(dt.Text()), "T2", "T2F") {
		p.Reportf(dt, "a movement from San Marino into the EU is declared T2 or T2F, not %s (R0911)", strings.TrimSpace(dt.Text()))
	}
})

// ---- Guarantees, authorisations, control results

var CTCR0318 = rNew("ctc-r0318", "a GRN has 24 characters for guarantee type 4, 17 otherwise (R0318)", rDecl29, `NCTS rule R0318: a guarantee reference number (GuaranteeReference/GRN) is 24 characters long
for guarantee type 4 (individual guarantee by vouchers) and 17 for every other type.

Failing:

    <guaranteeType>1</guaranteeType>
    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2A123456</GRN>

Passing:

      <GRN>26GB0000018D4K7W2</GRN>
`, func(p *Pass) {
	for _, g := range Elements(p.Root, "Guarantee") {
		gt := Value(g, "guaranteeType")
		want := 17
		if gt == "4" {
			want = 24
		}
		for _, el := range Elements(g, "GuaranteeReference/GRN") {
			if v := strings.TrimSpace(el.Text()); len(v) != want {
				p.Reportf(el, "GRN %s has %d characters; for guarantee type %s it has %d (R0318)", v, len(v), gt, want)
			}
		}
	}
})

var CTCR0900 = rNew("ctc-r0900", "guarantee type: B for TIR, else in CL230 (departure in the EU, SM or AD) or CL229 (R0900)", rDecl29, `NCTS rule R0900, on Guarantee/guaranteeType:
- a TIR declaration's guarantee is of type B;
- otherwise, from an office of departure in the EU (CL010), San Marino or Andorra, the type
  is in CL230 (GuaranteeTypeEUNonTIR), and from anywhere else in CL229 (GuaranteeTypeCTC).
The second part is silent without the lists.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <guaranteeType>1</guaranteeType>

Passing:

    <guaranteeType>B</guaranteeType>
`, func(p *Pass) {
	types := Elements(p.Root, "Guarantee/guaranteeType")
	if Value(p.Root, "TransitOperation/declarationType") == "TIR" {
		for _, el := range types {
			if v := strings.TrimSpace(el.Text()); v != "B" {
				p.Reportf(el, "a TIR declaration's guarantee is of type B, not %s (R0900)", v)
			}
		}
		return
	}
	dep, depEl := rOffice(p, "CustomsOfficeOfDeparture")
	if !depEl.Valid() {
		return
	}
	list := "CL229"
	if in, known := p.In("CL010", dep); !known {
		return
	} else if in || oneOf(dep, "SM", "AD") {
		list = "CL230"
	}
	for _, el := range types {
		v := strings.TrimSpace(el.Text())
		if in, known := p.In(list, v); known && !in {
			p.Reportf(el, "guarantee type %s is not in %s, the guarantee types allowed from an office of departure in %s (R0900)", v, list, dep)
		}
	}
})

// rHasAuthorisation reports whether the message declares an authorisation
// of this type.
func rHasAuthorisation(p *Pass, typ string) bool {
	return oneOf(typ, Texts(p.Root, "Authorisation/type")...)
}

var CTCR0350 = rNew("ctc-r0350", "the reduced dataset by road, rail or air needs an authorisation C524 (R0350)", rDecl29, `NCTS rule R0350: a declaration with the reduced dataset (reducedDatasetIndicator 1) whose
inland mode of transport is sea (1), rail (2) or air (4) declares an authorisation of type
C524 (use of the reduced dataset). ctc-r0859 asks the same of every reduced-dataset
declaration.

Failing:

    <reducedDatasetIndicator>1</reducedDatasetIndicator>
    ...
    <inlandModeOfTransport>4</inlandModeOfTransport>
    (no Authorisation with type C524)

Passing: an Authorisation with type C524.
`, func(p *Pass) {
	rdi := First(p.Root, "TransitOperation/reducedDatasetIndicator")
	if strings.TrimSpace(rdi.Text()) != "1" || !oneOf(Value(p.Root, "Consignment/inlandModeOfTransport"), "1", "2", "4") {
		return
	}
	if !rHasAuthorisation(p, "C524") {
		p.Reportf(rdi, "the reduced dataset with inland mode of transport %s needs an authorisation of type C524 (R0350)", Value(p.Root, "Consignment/inlandModeOfTransport"))
	}
})

var CTCR0859 = rNew("ctc-r0859", "an authorisation C524 is declared exactly when the reduced dataset is used (R0859)", rDecl, `NCTS rule R0859: with reducedDatasetIndicator 1 at least one Authorisation has type C524
(authorisation to use the reduced dataset); otherwise no Authorisation has type C524.

Failing:

    <reducedDatasetIndicator>0</reducedDatasetIndicator>
    ...
    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C524</type>

Passing: reducedDatasetIndicator 1 with that authorisation.
`, func(p *Pass) {
	rdi := First(p.Root, "TransitOperation/reducedDatasetIndicator")
	if !rdi.Valid() {
		return
	}
	if strings.TrimSpace(rdi.Text()) == "1" {
		if !rHasAuthorisation(p, "C524") {
			p.Reportf(rdi, "the reduced dataset needs an authorisation of type C524 (R0859)")
		}
		return
	}
	for _, el := range Elements(p.Root, "Authorisation/type") {
		if strings.TrimSpace(el.Text()) == "C524" {
			p.Reportf(el, "an authorisation of type C524 (reduced dataset) is declared, but reducedDatasetIndicator is not 1 (R0859)")
		}
	}
})

var CTCR0910 = rNew("ctc-r0910", "without a simplified procedure (C521), the control result code is in CL195 (R0910)", []string{"CC029C"}, `NCTS rule R0910, on the release for transit (IE029): unless the declaration has an
authorisation of type C521 (authorised consignor), ControlResult/code is in CL195
(ControlResultCodeDepartureSimplifiedExcluded). customslint reads the authorisations the
IE029 repeats from the declaration. Silent without CL195.

Failing (no authorisation C521, a control result code of the simplified procedure):

    <ControlResult>
      <code>A3</code>

Passing: a code in CL195, or an authorisation C521.
`, func(p *Pass) {
	if rHasAuthorisation(p, "C521") {
		return
	}
	for _, el := range Elements(p.Root, "ControlResult/code") {
		v := strings.TrimSpace(el.Text())
		if in, known := p.In("CL195", v); known && !in {
			p.Reportf(el, "without an authorisation C521 the control result code must be in CL195; %s is not (R0910)", v)
		}
	}
})

var CTCR0912 = rNew("ctc-r0912", "for a TIR movement, the control result code is in CL195 (R0912)", []string{"CC029C"}, `NCTS rule R0912, on the release for transit (IE029): when TransitOperation/declarationType is
TIR, ControlResult/code is in CL195 (ControlResultCodeDepartureSimplifiedExcluded). Silent
without CL195.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <ControlResult>
      <code>A3</code>

Passing: a code in CL195.
`, func(p *Pass) {
	if Value(p.Root, "TransitOperation/declarationType") != "TIR" {
		return
	}
	for _, el := range Elements(p.Root, "ControlResult/code") {
		v := strings.TrimSpace(el.Text())
		if in, known := p.In("CL195", v); known && !in {
			p.Reportf(el, "a TIR movement's control result code must be in CL195; %s is not (R0912)", v)
		}
	}
})

var CTCR0990 = rNew("ctc-r0990", "a TIR carnet number has 10 or 11 characters (R0990)", rDecl29, `NCTS rule R0990: TransitOperation/TIRCarnetNumber has the form an10 or an11 (two letters,
one of them X, then 8 or 9 digits) and follows the IRU's algorithm. The schema also takes
the short numbers of old carnets; customslint checks the length. The IRU's check of the
number is not published in HMRC's tables and is not checked.

Failing:

    <TIRCarnetNumber>1234567</TIRCarnetNumber>

Passing:

    <TIRCarnetNumber>XA26123456</TIRCarnetNumber>
`, func(p *Pass) {
	el := First(p.Root, "TransitOperation/TIRCarnetNumber")
	if !el.Valid() {
		return
	}
	if v := strings.TrimSpace(el.Text()); len(v) != 10 && len(v) != 11 {
		p.Reportf(el, "TIR carnet number %s has %d characters; it has 10 or 11 (R0990)", v, len(v))
	}
})

// ---- Rejections (IE056)

var CTCR0852 = &Rule{ID: "ctc-r0852", Summary: "a rejection from a country in CL167 has no business rejection type A13, A15 or A71 (R0852)", Severity: Error,
	MessageTypes: []string{"CC056C"}, Profiles: []string{"ctc-p6"},
	Doc: `NCTS rule R0852 (phase 6), on a rejection from the office of departure (IE056): when the
last two characters of messageSender (the sending country) are in CL167 (CountryCodesOptOut),
TransitOperation/businessRejectionType is not A13, A15 or A71. Silent without CL167.

Failing (from a country of CL167):

    <businessRejectionType>A13</businessRejectionType>

Passing:

    <businessRejectionType>015</businessRejectionType>
`,
	Check: func(p *Pass) {
		if !rSenderIn(p, "CL167") {
			return
		}
		if el := First(p.Root, "TransitOperation/businessRejectionType"); el.Valid() && oneOf(strings.TrimSpace(el.Text()), "A13", "A15", "A71") {
			p.Reportf(el, "business rejection type %s is not used by a country of CL167 (R0852)", strings.TrimSpace(el.Text()))
		}
	}}

// rSenderIn reports whether the last two characters of messageSender are
// in a list (false when the list is not available).
func rSenderIn(p *Pass, list string) bool {
	s := Value(p.Root, "messageSender")
	if len(s) < 2 {
		return false
	}
	in, known := p.In(list, s[len(s)-2:])
	return known && in
}

// ---- Additional information 30600

// rCommonTransitDestination reports whether a country of destination of the
// consignment, a house consignment or an item is in CL009; known is false
// without the list.
func rCommonTransitDestination(p *Pass) (in, known bool) {
	if _, known := p.In("CL009", "GB"); !known {
		return false, false
	}
	for _, path := range []string{"Consignment/countryOfDestination", "Consignment/HouseConsignment/countryOfDestination", "Consignment/HouseConsignment/ConsignmentItem/countryOfDestination"} {
		for _, c := range Texts(p.Root, path) {
			if in, _ := p.In("CL009", c); in {
				return true, true
			}
		}
	}
	return false, true
}

func r30600(id, level, path string) func(*Pass) {
	return func(p *Pass) {
		els := Elements(p.Root, path)
		var hit []xsd.Element
		for _, el := range els {
			if strings.TrimSpace(el.Text()) == "30600" {
				hit = append(hit, el)
			}
		}
		if len(hit) == 0 {
			return
		}
		if id != "R3061" {
			if in, known := rCommonTransitDestination(p); !known || !in {
				return
			}
		}
		for _, el := range hit {
			if id == "R3061" {
				p.Reportf(el, "additional information 30600 is not used at %s level (%s)", level, id)
			} else {
				p.Reportf(el, "additional information 30600 is not used at %s level when a country of destination is a common transit country (CL009) (%s)", level, id)
			}
		}
	}
}

const r30600Doc = `NCTS refuses additional information code 30600 in the places these rules name. `

var CTCR3060 = rNew("ctc-r3060", "no additional information 30600 at consignment level when a destination is in CL009 (R3060)", rDecl2943, r30600Doc+`NCTS rule R3060: when the country of destination of the
consignment, of a house consignment or of a consignment item is a common transit country
(CL009), Consignment/AdditionalInformation/code is not 30600. Silent without CL009.

Failing:

    <countryOfDestination>IT</countryOfDestination>
    ...
    <AdditionalInformation>
      <sequenceNumber>1</sequenceNumber>
      <code>30600</code>

Passing: another code, or a destination outside CL009.
`, r30600("R3060", "consignment", "Consignment/AdditionalInformation/code"))

var CTCR3061 = rNew("ctc-r3061", "no additional information 30600 on a consignment item (R3061)", rDecl2943, r30600Doc+`NCTS rule R3061: a consignment item's AdditionalInformation/code is never 30600.

Failing:

    <ConsignmentItem>
      ...
      <AdditionalInformation>
        <sequenceNumber>1</sequenceNumber>
        <code>30600</code>

Passing: another code.
`, r30600("R3061", "consignment item", "Consignment/HouseConsignment/ConsignmentItem/AdditionalInformation/code"))

var CTCR3062 = rNew("ctc-r3062", "no additional information 30600 on a house consignment when a destination is in CL009 (R3062)", rDecl2943, r30600Doc+`NCTS rule R3062: when the country of destination of the
consignment, of a house consignment or of a consignment item is a common transit country
(CL009), a house consignment's AdditionalInformation/code is not 30600. Silent without CL009.

Failing:

    <HouseConsignment>
      ...
      <AdditionalInformation>
        <sequenceNumber>1</sequenceNumber>
        <code>30600</code>

Passing: another code, or a destination outside CL009.
`, r30600("R3062", "house consignment", "Consignment/HouseConsignment/AdditionalInformation/code"))

// ---- Numbering

// rSequential reports elements whose i-th (from 1) value is not i.
func rSequential(p *Pass, els []xsd.Element, what, id string) {
	for i, el := range els {
		v := strings.TrimSpace(el.Text())
		if n, ok := rInt(v); ok && n == i+1 {
			continue
		}
		p.Reportf(el, "%s is %s in the %s iteration; iterations are numbered 1, 2, 3 ... in order (%s)", what, v, rOrdinal(i+1), id)
	}
}

var CTCR0007 = rNew("ctc-r0007", "declaration goods item numbers run 1, 2, 3 ... over the whole declaration (R0007)", rDecl2943, `NCTS rule R0007: ConsignmentItem/declarationGoodsItemNumber is unique in the declaration:
the consignment items, across all house consignments in document order, are numbered from 1
up by 1.

Failing (two house consignments, one item each):

    <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    ...
    <declarationGoodsItemNumber>1</declarationGoodsItemNumber>

Passing: 1, then 2.
`, func(p *Pass) {
	rSequential(p, Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber"), "declarationGoodsItemNumber", "R0007")
})

var CTCR0988 = rNew("ctc-r0988", "goods item numbers run 1, 2, 3 ... in each house consignment (R0988)", rDecl2943, `NCTS rule R0988: ConsignmentItem/goodsItemNumber numbers the items of a house consignment
from 1 up by 1, in order.

Failing:

    <goodsItemNumber>1</goodsItemNumber>
    ...
    <goodsItemNumber>3</goodsItemNumber>

Passing: 1, then 2.
`, func(p *Pass) {
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		rSequential(p, Elements(hc, "ConsignmentItem/goodsItemNumber"), "goodsItemNumber", "R0988")
	}
})

var CTCR0987 = rNew("ctc-r0987", "sequence numbers run 1, 2, 3 ... in each data group (R0987)",
	[]string{"CC007C", "CC013C", "CC015C", "CC022C", "CC029C", "CC043C", "CC055C", "CC060C", "CC170C", "CC182C"}, `NCTS rule R0987: the sequenceNumber of a repeated data group (offices of transit,
guarantees, house consignments, packagings, seals, documents ...) numbers its iterations under
the same parent from 1 up by 1, in order.

Failing:

    <CountryOfRoutingOfConsignment>
      <sequenceNumber>1</sequenceNumber>
      <country>GB</country>
    </CountryOfRoutingOfConsignment>
    <CountryOfRoutingOfConsignment>
      <sequenceNumber>3</sequenceNumber>
      <country>FR</country>
    </CountryOfRoutingOfConsignment>

Passing: 1, then 2.
`, func(p *Pass) {
		rWalk(p.Root, func(parent xsd.Element) {
			groups := map[string][]xsd.Element{}
			var order []string
			for c := parent.FirstChild(); c.Valid(); c = c.Next() {
				seq := c.ChildByLocalName("sequenceNumber")
				if !seq.Valid() {
					continue
				}
				if _, ok := groups[c.LocalName()]; !ok {
					order = append(order, c.LocalName())
				}
				groups[c.LocalName()] = append(groups[c.LocalName()], seq)
			}
			for _, name := range order {
				rSequential(p, groups[name], name+"/sequenceNumber", "R0987")
			}
		})
	})

var CTCR0054 = rNew("ctc-r0054", "sequence numbers are unique in each data group of unloading remarks or a goods release (R0054)", rUnloadRecv, `NCTS rule R0054, on unloading remarks (IE044) and the goods release notification (IE025):
the sequenceNumber of a data group names the iteration of the declaration it reports on, or
the next free number for a new one. customslint checks what the message alone decides: no
two iterations of a data group under the same parent share a sequence number (whether each
matches the declaration is for NCTS to check).

Failing:

    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>SEAL-1</identifier>
    </Seal>
    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>SEAL-2</identifier>
    </Seal>

Passing: sequence numbers 1 and 2.
`, func(p *Pass) {
	rWalk(p.Root, func(parent xsd.Element) {
		seen := map[string]bool{}
		for c := parent.FirstChild(); c.Valid(); c = c.Next() {
			seq := c.ChildByLocalName("sequenceNumber")
			if !seq.Valid() {
				continue
			}
			k := c.LocalName() + "\x00" + strings.TrimSpace(seq.Text())
			if seen[k] {
				p.Reportf(seq, "sequence number %s is used twice for %s under the same %s (R0054)", strings.TrimSpace(seq.Text()), c.LocalName(), parent.LocalName())
			}
			seen[k] = true
		}
	})
})

var CTCR0055 = rNew("ctc-r0055", "goods item numbers are unique in unloading remarks or a goods release (R0055)", rUnloadRecv, `NCTS rule R0055, on unloading remarks (IE044) and the goods release notification (IE025): a
consignment item's declarationGoodsItemNumber and goodsItemNumber name the item of the
declaration it reports on, or the next free numbers for a new item. customslint checks what
the message alone decides: declarationGoodsItemNumber is unique in the message, and
goodsItemNumber in its house consignment.

Failing:

    <ConsignmentItem>
      <goodsItemNumber>1</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    ...
    <ConsignmentItem>
      <goodsItemNumber>2</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>

Passing: declarationGoodsItemNumber 1 and 2.
`, func(p *Pass) {
	seen := map[string]bool{}
	for _, el := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber") {
		v := strings.TrimSpace(el.Text())
		if seen[v] {
			p.Reportf(el, "declarationGoodsItemNumber %s is used by two consignment items (R0055)", v)
		}
		seen[v] = true
	}
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		seen := map[string]bool{}
		for _, el := range Elements(hc, "ConsignmentItem/goodsItemNumber") {
			v := strings.TrimSpace(el.Text())
			if seen[v] {
				p.Reportf(el, "goodsItemNumber %s is used by two consignment items of this house consignment (R0055)", v)
			}
			seen[v] = true
		}
	}
})

// rFlight is an IATA/ICAO flight number: an airline prefix of up to 3
// characters, up to 4 digits, an optional letter.
var rFlight = regexp.MustCompile(`^[A-Za-z0-9]{1,3}[0-9]{1,4}[A-Za-z]?$`)
