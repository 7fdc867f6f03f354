package rules

import (
	"math/big"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// NCTS rules (R...) on transport means, equipment, seals, packaging and
// masses, phases 5 and 6.

// ---- Transport means

var CTCR0076 = rNew("ctc-r0076", "an active border transport means identified by a registration-type number has no lower-case letters (R0076)", rDecl170, `NCTS rule R0076: when ActiveBorderTransportMeans/typeOfIdentification is 10, 21, 30, 40, 41
or 80 (IMO ship number, wagon number, vehicle registration, IATA flight number, aircraft
registration, inland vessel number), identificationNumber has no lower-case letters.

Failing:

    <typeOfIdentification>30</typeOfIdentification>
    <identificationNumber>kx25htr</identificationNumber>

Passing:

    <identificationNumber>KX25HTR</identificationNumber>
`, func(p *Pass) {
	for _, m := range Elements(p.Root, "Consignment/ActiveBorderTransportMeans") {
		t := Value(m, "typeOfIdentification")
		if id := First(m, "identificationNumber"); id.Valid() && oneOf(t, "10", "21", "30", "40", "41", "80") && rHasLower(id.Text()) {
			p.Reportf(id, "identification number %q of type %s has lower-case letters (R0076)", strings.TrimSpace(id.Text()), t)
		}
	}
})

// rDepartureMeans are the departure transport means R0472/R0473 look at:
// the consignment's, or failing them those of every house consignment.
func rDepartureMeans(p *Pass) []xsd.Element {
	if ms := Elements(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
		return ms
	}
	return Elements(p.Root, "Consignment/HouseConsignment/DepartureTransportMeans")
}

var CTCR0472 = rNew("ctc-r0472", "the type of identification of a departure transport means starts with the inland mode of transport (R0472)", rTransport, `NCTS rule R0472: when Consignment/inlandModeOfTransport is 1, 2, 3, 4 or 8, the first digit
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
`, func(p *Pass) {
	mode := Value(p.Root, "Consignment/inlandModeOfTransport")
	if !oneOf(mode, "1", "2", "3", "4", "8") {
		return
	}
	for _, m := range rDepartureMeans(p) {
		if t := First(m, "typeOfIdentification"); t.Valid() && !strings.HasPrefix(strings.TrimSpace(t.Text()), mode) {
			p.Reportf(t, "type of identification %s does not start with the inland mode of transport %s (R0472)", strings.TrimSpace(t.Text()), mode)
		}
	}
})

var CTCR0473 = rNew("ctc-r0473", "a departure transport means identified by a registration-type number has no lower-case letters (R0473)", rTransport, `NCTS rule R0473: when a departure transport means' typeOfIdentification is 10, 20, 21, 30,
31, 40, 41 or 80, its identificationNumber has no lower-case letters. The means are those of
the consignment, or failing them those of the house consignments.

Failing:

    <typeOfIdentification>30</typeOfIdentification>
    <identificationNumber>kx25htr</identificationNumber>

Passing:

    <identificationNumber>KX25HTR</identificationNumber>
`, func(p *Pass) {
	for _, m := range rDepartureMeans(p) {
		t := Value(m, "typeOfIdentification")
		if id := First(m, "identificationNumber"); id.Valid() && oneOf(t, "10", "20", "21", "30", "31", "40", "41", "80") && rHasLower(id.Text()) {
			p.Reportf(id, "identification number %q of type %s has lower-case letters (R0473)", strings.TrimSpace(id.Text()), t)
		}
	}
})

// rMeansGroups are the lists of departure transport means of the
// consignment and of each house consignment (empty lists left out).
func rMeansGroups(p *Pass) [][]xsd.Element {
	var out [][]xsd.Element
	if ms := Elements(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
		out = append(out, ms)
	}
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		if ms := Elements(hc, "DepartureTransportMeans"); len(ms) > 0 {
			out = append(out, ms)
		}
	}
	return out
}

var CTCR0474 = rNew("ctc-r0474", "by road, the first departure transport means is a vehicle registration (30) (R0474)", rTransport, `NCTS rule R0474: when Consignment/inlandModeOfTransport is 3 (road), the first departure
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
`, func(p *Pass) {
	if Value(p.Root, "Consignment/inlandModeOfTransport") != "3" {
		return
	}
	for _, ms := range rMeansGroups(p) {
		if t := First(ms[0], "typeOfIdentification"); t.Valid() && strings.TrimSpace(t.Text()) != "30" {
			p.Reportf(t, "by road the first departure transport means is identified by type 30 (vehicle registration), not %s (R0474)", strings.TrimSpace(t.Text()))
		}
	}
})

var CTCR0476 = rNew("ctc-r0476", "by road, the second and third departure transport means are trailers (31) (R0476)", rTransport, `NCTS rule R0476: when Consignment/inlandModeOfTransport is 3 (road) and there are several
departure transport means (of the consignment, or else of a house consignment), the second
and third have typeOfIdentification 31 (registration number of a trailer).

Failing:

    <DepartureTransportMeans>
      <sequenceNumber>2</sequenceNumber>
      <typeOfIdentification>30</typeOfIdentification>

Passing:

      <typeOfIdentification>31</typeOfIdentification>
`, func(p *Pass) {
	if Value(p.Root, "Consignment/inlandModeOfTransport") != "3" {
		return
	}
	groups := rMeansGroups(p)
	if ms := Elements(p.Root, "Consignment/DepartureTransportMeans"); len(ms) > 0 {
		groups = [][]xsd.Element{ms}
	}
	for _, ms := range groups {
		for i := 1; i < len(ms) && i < 3; i++ {
			if t := First(ms[i], "typeOfIdentification"); t.Valid() && strings.TrimSpace(t.Text()) != "31" {
				p.Reportf(t, "by road the %s departure transport means is a trailer, type 31, not %s (R0476)", rOrdinal(i+1), strings.TrimSpace(t.Text()))
			}
		}
	}
})

var CTCR0855 = rNew("ctc-r0855", "departure transport means: up to 3 by road, several by rail, one otherwise (R0855)", rTransport, `NCTS rule R0855: the consignment, and each house consignment, has at most 3 departure
transport means when Consignment/inlandModeOfTransport is 3 (road: a vehicle and up to two
trailers), any number when it is 2 (rail), and at most one otherwise (also when no inland
mode is given).

Failing:

    <inlandModeOfTransport>4</inlandModeOfTransport>
    ...
    <DepartureTransportMeans>...1...</DepartureTransportMeans>
    <DepartureTransportMeans>...2...</DepartureTransportMeans>

Passing: one departure transport means.
`, func(p *Pass) {
	mode := Value(p.Root, "Consignment/inlandModeOfTransport")
	max := 1
	switch mode {
	case "2":
		return
	case "3":
		max = 3
	}
	for _, ms := range rMeansGroups(p) {
		if len(ms) > max {
			p.Reportf(ms[max], "%d departure transport means; with inland mode of transport %q at most %d (R0855)", len(ms), mode, max)
		}
	}
})

var CTCR0789 = rNew("ctc-r0789", "without declared offices of transit, one active border transport means at most (R0789)", rDecl, `NCTS rule R0789: a declaration may give up to 9 active border transport means when it
declares offices of transit, and at most one when it declares none.

Failing (no CustomsOfficeOfTransitDeclared):

    <ActiveBorderTransportMeans>...1...</ActiveBorderTransportMeans>
    <ActiveBorderTransportMeans>...2...</ActiveBorderTransportMeans>

Passing: one active border transport means, or offices of transit declared.
`, func(p *Pass) {
	if Has(p.Root, "CustomsOfficeOfTransitDeclared") {
		return
	}
	if ms := Elements(p.Root, "Consignment/ActiveBorderTransportMeans"); len(ms) > 1 {
		p.Reportf(ms[1], "%d active border transport means without a declared office of transit; at most one (R0789)", len(ms))
	}
})

var CTCR0315 = rNew("ctc-r0315", "by air at the border, the conveyance reference is a flight number (R0315)", rDecl170, `NCTS rule R0315: when Consignment/modeOfTransportAtTheBorder is 4 (air), an active border
transport means' conveyanceReferenceNumber is the IATA/ICAO flight number, at most 8
characters: the airline's prefix (up to 3 letters or digits), the flight's number (up to 4
digits) and an optional letter. (Whether it must be given is condition C0531.)

Failing:

    <modeOfTransportAtTheBorder>4</modeOfTransportAtTheBorder>
    ...
    <conveyanceReferenceNumber>FLIGHT-BA-0123</conveyanceReferenceNumber>

Passing:

    <conveyanceReferenceNumber>BA0123</conveyanceReferenceNumber>
`, func(p *Pass) {
	if Value(p.Root, "Consignment/modeOfTransportAtTheBorder") != "4" {
		return
	}
	for _, el := range Elements(p.Root, "Consignment/ActiveBorderTransportMeans/conveyanceReferenceNumber") {
		if v := strings.TrimSpace(el.Text()); len(v) > 8 || !rFlight.MatchString(v) {
			p.Reportf(el, "by air the conveyance reference number is a flight number (airline prefix of up to 3 characters, up to 4 digits, an optional letter; 8 at most), not %q (R0315)", v)
		}
	}
})

// ---- Transport equipment and seals

// rEquipment are the transport equipment of the consignment and, when
// incidents too, those of the incidents.
func rEquipment(p *Pass, incidents bool) []xsd.Element {
	out := Elements(p.Root, "Consignment/TransportEquipment")
	if incidents {
		out = append(out, Elements(p.Root, "Consignment/Incident/TransportEquipment")...)
	}
	return out
}

var CTCR0106 = rNew("ctc-r0106", "numberOfSeals equals the highest seal sequence number of its transport equipment (R0106)",
	[]string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"}, `NCTS rule R0106: a transport equipment's numberOfSeals equals the highest
Seal/sequenceNumber of that equipment (0 without seals), for the consignment's equipment and
an incident's.

Failing:

    <numberOfSeals>2</numberOfSeals>
    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>GB-SEAL-0001</identifier>
    </Seal>

Passing:

    <numberOfSeals>1</numberOfSeals>
`, func(p *Pass) {
		for _, te := range rEquipment(p, true) {
			ns := First(te, "numberOfSeals")
			n, ok := rInt(ns.Text())
			if !ns.Valid() || !ok {
				continue
			}
			max := 0
			for _, s := range Texts(te, "Seal/sequenceNumber") {
				v, ok := rInt(s)
				if !ok {
					max = -1
					break
				}
				if v > max {
					max = v
				}
			}
			if max >= 0 && n != max {
				p.Reportf(ns, "numberOfSeals is %d, the highest seal sequence number of this transport equipment is %d (R0106)", n, max)
			}
		}
	})

var CTCR0107 = rNew("ctc-r0107", "each seal identifier appears once (R0107)",
	[]string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC044C", "CC170C", "CC182C"}, `NCTS rule R0107: a seal identifier (TransportEquipment/Seal/identifier) is unique in the
declaration: across all the consignment's transport equipment, and across the equipment of
each incident.

Failing:

    <Seal><sequenceNumber>1</sequenceNumber><identifier>GB-SEAL-0001</identifier></Seal>
    <Seal><sequenceNumber>2</sequenceNumber><identifier>GB-SEAL-0001</identifier></Seal>

Passing: GB-SEAL-0001 and GB-SEAL-0002.
`, func(p *Pass) {
		if p.Profile == "ctc-p6" && oneOf(p.MessageType, "CC007C", "CC044C") {
			return // phase 6 does not attach R0107 to these
		}
		check := func(scope xsd.Element, path string) {
			seen := map[string]bool{}
			for _, el := range Elements(scope, path) {
				v := strings.TrimSpace(el.Text())
				if seen[v] {
					p.Reportf(el, "seal identifier %s is used twice (R0107)", v)
				}
				seen[v] = true
			}
		}
		check(p.Root, "Consignment/TransportEquipment/Seal/identifier")
		for _, inc := range Elements(p.Root, "Consignment/Incident") {
			check(inc, "TransportEquipment/Seal/identifier")
		}
	})

var CTCR0448 = rNew("ctc-r0448", "a transport equipment without container number has seals (numberOfSeals not 0) (R0448)",
	[]string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"}, `NCTS rule R0448: a transport equipment without containerIdentificationNumber (the seals on
the vehicle itself) cannot declare numberOfSeals 0. Phase 5 applies this to the equipment of
incidents too; phase 6 to the consignment's only.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>0</numberOfSeals>

Passing: a container number, or seals.
`, func(p *Pass) {
		for _, te := range rEquipment(p, p.Profile == "ctc-p5") {
			if Has(te, "containerIdentificationNumber") {
				continue
			}
			if ns := First(te, "numberOfSeals"); ns.Valid() {
				if n, ok := rInt(ns.Text()); ok && n == 0 {
					p.Reportf(ns, "a transport equipment without container identification number cannot have numberOfSeals 0 (R0448)")
				}
			}
		}
	})

// ---- Packaging and masses

// rZero reports whether a number is zero.
func rZero(s string) bool {
	r, ok := rNum(s)
	return ok && r.Sign() == 0
}

// rItemsOf are the consignment items of the message (every house
// consignment).
func rItemsOf(p *Pass) []xsd.Element {
	return Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem")
}

// rHasZeroPackages reports whether an item has a packaging of 0 packages.
func rHasZeroPackages(item xsd.Element) bool {
	for _, n := range Texts(item, "Packaging/numberOfPackages") {
		if rZero(n) {
			return true
		}
	}
	return false
}

var CTCR0219 = rNew("ctc-r0219", "an item with a packaging of 0 packages has no packaging with packages (R0219)", []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"}, `NCTS rule R0219: when one packaging of a consignment item has numberOfPackages 0 (the item's
goods are packed with another item's), every other packaging of that item also has 0.

Failing:

    <Packaging><sequenceNumber>1</sequenceNumber><typeOfPackages>CT</typeOfPackages><numberOfPackages>0</numberOfPackages>...
    <Packaging><sequenceNumber>2</sequenceNumber><typeOfPackages>CT</typeOfPackages><numberOfPackages>4</numberOfPackages>...

Passing: both 0, or no packaging with 0.
`, func(p *Pass) {
	if p.Profile == "ctc-p5" && p.MessageType == "CC025C" {
		return // phase 5 does not attach R0219 to IE025
	}
	for _, item := range rItemsOf(p) {
		if !rHasZeroPackages(item) {
			continue
		}
		for _, el := range Elements(item, "Packaging/numberOfPackages") {
			if !rZero(el.Text()) {
				p.Reportf(el, "this consignment item has a packaging of 0 packages, so every packaging of it has 0, not %s (R0219)", strings.TrimSpace(el.Text()))
			}
		}
	}
})

var CTCR0220 = rNew("ctc-r0220", "a packaging of 0 packages is not of an unpacked kind (CL182) (R0220)", []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"}, `NCTS rule R0220: a packaging with numberOfPackages 0 does not have a typeOfPackages of the
unpacked kinds (CL182: NE, NF, NG): unpacked goods are not packed with another item. Silent
without CL182.

Failing:

    <typeOfPackages>NE</typeOfPackages>
    <numberOfPackages>0</numberOfPackages>

Passing: a packed kind (CT, BX ...), or a number of packages.
`, func(p *Pass) {
	if p.Profile == "ctc-p5" && p.MessageType == "CC025C" {
		return // phase 5 does not attach R0220 to IE025
	}
	for _, pk := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Packaging") {
		t := First(pk, "typeOfPackages")
		if !t.Valid() || !rZero(Value(pk, "numberOfPackages")) {
			continue
		}
		if in, known := p.In("CL182", strings.TrimSpace(t.Text())); known && in {
			p.Reportf(t, "a packaging of 0 packages cannot be of the unpacked kind %s (CL182) (R0220)", strings.TrimSpace(t.Text()))
		}
	}
})

var CTCR0364 = rNew("ctc-r0364", "an item packed with another (0 packages) shares its shipping marks with a packed item of the house consignment (R0364)", rGoods, `NCTS rule R0364: when a consignment item's packaging has numberOfPackages 0, another item of
the same house consignment has a packaging with the same shippingMarks, a number of packages
above 0 and a typeOfPackages that is neither bulk (CL181) nor unpacked (CL182): the packages
the goods travel in. Without CL181 and CL182 customslint reports only items with no such
packaging of any kind.

Failing (no other item with marks PWL/BARI/1-20):

    <Packaging>
      <sequenceNumber>1</sequenceNumber>
      <typeOfPackages>CT</typeOfPackages>
      <numberOfPackages>0</numberOfPackages>
      <shippingMarks>PWL/BARI/1-20</shippingMarks>

Passing: another item of the house consignment with that packaging and 20 packages.
`, func(p *Pass) {
	_, k1 := p.In("CL181", "VG")
	_, k2 := p.In("CL182", "NE")
	listsKnown := k1 && k2
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		items := Elements(hc, "ConsignmentItem")
		for i, item := range items {
			for _, pk := range Elements(item, "Packaging") {
				n := First(pk, "numberOfPackages")
				if !n.Valid() || !rZero(n.Text()) {
					continue
				}
				marks := Value(pk, "shippingMarks")
				found, foundAny := false, false
				for j, other := range items {
					if j == i {
						continue
					}
					for _, op := range Elements(other, "Packaging") {
						on, ok := rNum(Value(op, "numberOfPackages"))
						if !ok || on.Sign() <= 0 || Value(op, "shippingMarks") != marks {
							continue
						}
						foundAny = true
						t := Value(op, "typeOfPackages")
						bulk, _ := p.In("CL181", t)
						unpacked, _ := p.In("CL182", t)
						if !bulk && !unpacked {
							found = true
						}
					}
				}
				if !foundAny || (listsKnown && !found) {
					p.Reportf(n, "0 packages, but no other consignment item of this house consignment has a packaging with shipping marks %q, packages and a packed kind (not CL181, CL182) (R0364)", marks)
				}
			}
		}
	}
})

// rItemGross is an item's gross mass, if given and a number.
func rItemGross(item xsd.Element) (*big.Rat, xsd.Element, bool) {
	el := First(item, "Commodity/GoodsMeasure/grossMass")
	if !el.Valid() {
		return nil, el, false
	}
	r, ok := rNum(el.Text())
	return r, el, ok
}

var CTCR0221 = rNew("ctc-r0221", "gross mass is 0 exactly for items packed with another (0 packages), which leave a heavier item in the house consignment (R0221)", rGoods, `NCTS rule R0221, on a consignment item's Commodity/GoodsMeasure/grossMass:
- when a packaging of the item has numberOfPackages 0 (its goods travel in another item's
  packages), its gross mass is 0, and another item of the same house consignment has a gross
  mass other than 0;
- otherwise its gross mass is not 0.

Failing:

    <numberOfPackages>0</numberOfPackages>
    ...
    <grossMass>12.5</grossMass>

Passing: grossMass 0, the mass declared on the item whose packages carry the goods.
`, func(p *Pass) {
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		items := Elements(hc, "ConsignmentItem")
		for i, item := range items {
			g, el, ok := rItemGross(item)
			if !ok {
				continue
			}
			if !rHasZeroPackages(item) {
				if g.Sign() == 0 {
					p.Reportf(el, "gross mass 0 is only for an item packed with another (a packaging of 0 packages) (R0221)")
				}
				continue
			}
			if g.Sign() != 0 {
				p.Reportf(el, "this item has a packaging of 0 packages, so its gross mass is 0, not %s (R0221)", strings.TrimSpace(el.Text()))
				continue
			}
			other := false
			for j, o := range items {
				if og, _, ok := rItemGross(o); j != i && ok && og.Sign() != 0 {
					other = true
				}
			}
			if !other {
				p.Reportf(el, "this item packed with another has gross mass 0, but no other item of the house consignment has a gross mass (R0221)")
			}
		}
	}
})

var CTCR0223 = rNew("ctc-r0223", "an item's net mass is at most its gross mass (R0223)", rGoods, `NCTS rule R0223: when a consignment item's gross mass is above 0, its net mass
(Commodity/GoodsMeasure/netMass) is not above it.

Failing:

    <grossMass>540.5</grossMass>
    <netMass>600</netMass>

Passing:

    <netMass>512</netMass>
`, func(p *Pass) {
	for _, item := range rItemsOf(p) {
		g, _, ok := rItemGross(item)
		if !ok || g.Sign() <= 0 {
			continue
		}
		el := First(item, "Commodity/GoodsMeasure/netMass")
		if n, ok := rNum(el.Text()); el.Valid() && ok && n.Cmp(g) > 0 {
			p.Reportf(el, "net mass %s is above the gross mass %s (R0223)", strings.TrimSpace(el.Text()), g.FloatString(6))
		}
	}
})

// rSum adds the numbers at path under each element; ok is false when one is
// not a number.
func rSum(els []xsd.Element, path string) (*big.Rat, bool) {
	sum := new(big.Rat)
	for _, e := range els {
		if el := First(e, path); el.Valid() {
			r, ok := rNum(el.Text())
			if !ok {
				return nil, false
			}
			sum.Add(sum, r)
		}
	}
	return sum, true
}

// rShow prints a decimal without trailing zeros.
func rShow(r *big.Rat) string {
	s := r.FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

var CTCR0983 = rNew("ctc-r0983", "a house consignment's gross mass is at least the sum of its items' (R0983)", rDecl2943, `NCTS rule R0983: HouseConsignment/grossMass is greater than or equal to the sum of the gross
masses its consignment items give.

Failing:

    <HouseConsignment>
      <grossMass>500</grossMass>
      <ConsignmentItem> ... <grossMass>540.5</grossMass> ...

Passing: HouseConsignment/grossMass 540.5 or more.
`, func(p *Pass) {
	for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
		el := First(hc, "grossMass")
		g, ok := rNum(el.Text())
		if !el.Valid() || !ok {
			continue
		}
		if sum, ok := rSum(Elements(hc, "ConsignmentItem"), "Commodity/GoodsMeasure/grossMass"); ok && g.Cmp(sum) < 0 {
			p.Reportf(el, "house consignment gross mass %s is less than the sum of its items' gross masses, %s (R0983)", strings.TrimSpace(el.Text()), rShow(sum))
		}
	}
})

var CTCR0994 = rNew("ctc-r0994", "the consignment's gross mass is at least the sum of its house consignments' (R0994)", rDecl2943, `NCTS rule R0994: Consignment/grossMass is greater than or equal to the sum of the house
consignments' gross masses.

Failing:

    <Consignment>
      ...
      <grossMass>500</grossMass>
      ...
      <HouseConsignment> ... <grossMass>540.5</grossMass>

Passing: Consignment/grossMass 540.5 or more.
`, func(p *Pass) {
	el := First(p.Root, "Consignment/grossMass")
	g, ok := rNum(el.Text())
	if !el.Valid() || !ok {
		return
	}
	if sum, ok := rSum(Elements(p.Root, "Consignment/HouseConsignment"), "grossMass"); ok && g.Cmp(sum) < 0 {
		p.Reportf(el, "consignment gross mass %s is less than the sum of its house consignments' gross masses, %s (R0994)", strings.TrimSpace(el.Text()), rShow(sum))
	}
})

var CTCR0023 = rNew("ctc-r0023", "the reference number of an excise additional reference (CL234) is not 0 (R0023)", []string{"CC013C", "CC015C", "CC029C", "CC043C", "CC044C"}, `NCTS rule R0023: when a consignment item's AdditionalReference/type is an excise document
(CL234: C651, C658), its referenceNumber (the e-AD's ARC) is not 0. Silent without CL234.

Failing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>0</referenceNumber>

Passing: the ARC, 26GBAAAAAAAAAAAAAAAA1.
`, func(p *Pass) {
	for _, ar := range Elements(p.Root, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference") {
		ref := First(ar, "referenceNumber")
		if !ref.Valid() || strings.TrimSpace(ref.Text()) != "0" {
			continue
		}
		if in, known := p.In("CL234", Value(ar, "type")); known && in {
			p.Reportf(ref, "an excise additional reference (%s, CL234) needs its reference number, not 0 (R0023)", Value(ar, "type"))
		}
	}
})

// ---- Data common to every house consignment or item

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

func init() {
	Register(
		CTCR0003, CTCR0004, CTCR0005, CTCR0006, CTCR0007, CTCR0020, CTCR0023, CTCR0054, CTCR0055,
		CTCR0076, CTCR0103, CTCR0106, CTCR0107, CTCR0219, CTCR0220, CTCR0221, CTCR0223, CTCR0315,
		CTCR0318, CTCR0350, CTCR0364, CTCR0448, CTCR0472, CTCR0473, CTCR0474, CTCR0476,
		CTCR0506, CTCR0507, CTCR0601, CTCR0789, CTCR0849, CTCR0852, CTCR0855, CTCR0859, CTCR0900,
		CTCR0901, CTCR0904, CTCR0905, CTCR0906, CTCR0909, CTCR0910, CTCR0911, CTCR0912, CTCR0983,
		CTCR0987, CTCR0988, CTCR0990, CTCR0994, CTCR3060, CTCR3061, CTCR3062,
	)
	notChecked("needs the request or rejected message it answers (correlationIdentifier names another message)", "R0008")
	notChecked("needs the declaration: the IE170 names goods items by number only, their house consignments and the specific circumstance indicator are in the IE015", "R0010")
	notChecked("needs the TARIC database", "R0060")
	notChecked("keyed on the recipient's country, which the IE043's messageRecipient (the trader) does not carry", "R0093")
	notChecked("guideline: which language NCTS uses with the trader", "R0100")
	notChecked("enforced by the schema: Invalidation/decision is a flag, 0 or 1", "R0102")
	notChecked("enforced by the schema: the phase 6 IE056's FunctionalError/errorCode takes only the codes of CL180", "R0437")
	notChecked("needs the authorisation register (whether the authorisation foresees seals)", "R0165")
	notChecked("needs the authorisation register (a valid reduced dataset authorisation of the holder)", "R0352")
	notChecked("needs the movement's state and the declaration or amendment it amends", "R0520")
	notChecked("needs the declaration (IE015/IE013) the presentation notification refers to", "R0790")
	notChecked("needs the EORI and TCUIN registers", "R0840", "R0851")
	notChecked("needs the EORI/TCUIN and TIN registers and where the sender is established", "R0850", "R0860")
	notChecked("needs the messages NCTS exchanged for the movement (the offices must be those of the declaration)", "R0871")
}
