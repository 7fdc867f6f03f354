package rules

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Goods: consignment items, commodity codes, packaging and masses.

// ctcC0060 checks condition C0060: package counts and marks by kind of
// package.
var ctcC0060 = &Rule{
	ID:           "ctc-c0060",
	Codes:        []string{"C0060"},
	Summary:      "Packaging: bulk (CL181) has no numberOfPackages; unpacked (CL182) has numberOfPackages; other kinds have numberOfPackages and shippingMarks (C0060)",
	Severity:     Error,
	MessageTypes: goodsItemMessages,
	Doc: `Condition C0060, per Packaging of a goods item, by typeOfPackages:

  - bulk (CL181: VG, VL, VO ...): numberOfPackages not used, shippingMarks optional;
  - unpacked (CL182: NE, NF, NG): numberOfPackages required, shippingMarks optional;
  - any other kind of package: numberOfPackages and shippingMarks required.

Needs CL181 and CL182 (built in).

Failing (cartons without marks):

    <Packaging>
      <sequenceNumber>1</sequenceNumber>
      <typeOfPackages>CT</typeOfPackages>
      <numberOfPackages>20</numberOfPackages>
    </Packaging>

Passing:

    <Packaging>
      <sequenceNumber>1</sequenceNumber>
      <typeOfPackages>CT</typeOfPackages>
      <numberOfPackages>20</numberOfPackages>
      <shippingMarks>PWL/BARI/1-20</shippingMarks>
    </Packaging>
`,
	Check: func(p *Pass) {
		for _, pk := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Packaging") {
			t := valueAt(pk, "typeOfPackages")
			bulk, known1 := p.In("CL181", t)
			if !known1 {
				return
			}
			if bulk {
				forbidChild(p, pk, "numberOfPackages", fmt.Sprintf("when typeOfPackages %s is a bulk kind (CL181) (C0060)", t))
				continue
			}
			unpacked, known2 := p.In("CL182", t)
			if !known2 {
				return
			}
			if unpacked {
				requireChild(p, pk, "numberOfPackages", fmt.Sprintf("when typeOfPackages %s is an unpacked kind (CL182) (C0060)", t))
				continue
			}
			why := fmt.Sprintf("when typeOfPackages %s is neither bulk (CL181) nor unpacked (CL182) (C0060)", t)
			requireChild(p, pk, "numberOfPackages", why)
			requireChild(p, pk, "shippingMarks", why)
		}
	},
}

// ctcC0153 checks condition C0153: commodity codes except under TIR.
var ctcC0153 = &Rule{
	ID:           "ctc-c0153",
	Codes:        []string{"C0153"},
	Summary:      "Commodity/CommodityCode is required, except in TIR house consignments that do not follow an export (N830) (C0153)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
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
		requireCommodityCodes(p, "C0153", false)
	},
}

// ctcC0154 checks condition C0154, phase 6's C0153 for the unloading
// permission.
var ctcC0154 = &Rule{
	ID:           "ctc-c0154",
	Codes:        []string{"C0154"},
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
	Check: func(p *Pass) { requireCommodityCodes(p, "C0154", true) },
}

// ctcC0821 checks condition C0821.
var ctcC0821 = &Rule{
	ID:           "ctc-c0821",
	Codes:        []string{"C0821"},
	Summary:      "CommodityCode/combinedNomenclatureCode is not used when the office of departure is in a CTC country (CL112) (C0821)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		ref, ok := textAt(p.Root, "CustomsOfficeOfDeparture/referenceNumber")
		if !ok {
			return
		}
		if in, known := p.In("CL112", officeCountry(ref)); known && in {
			why := fmt.Sprintf("the office of departure %s is in a CTC country (CL112)", ref)
			for _, cc := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Commodity/CommodityCode") {
				forbidChild(p, cc, "combinedNomenclatureCode", "when "+why+" (C0821)")
			}
		}
	},
}

// ctcC0837 checks condition C0837.
var ctcC0837 = &Rule{
	ID:           "ctc-c0837",
	Codes:        []string{"C0837"},
	Summary:      "GoodsMeasure/netMass: required under a N830 previous document, not used with the reduced data set (C0837)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
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
		rdi := valueAt(p.Root, "TransitOperation/reducedDatasetIndicator") == "1"
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			n830 := false
			for _, t := range textsAt(hc, "PreviousDocument/type") {
				n830 = n830 || t == "N830"
			}
			for _, c := range elementsAt(hc, "ConsignmentItem/Commodity") {
				switch {
				case n830:
					if gm := firstAt(c, "GoodsMeasure"); gm.Valid() {
						requireChild(p, gm, "netMass", "when its HouseConsignment has a PreviousDocument of type 'N830' (C0837)")
					} else {
						requireChild(p, c, "GoodsMeasure/netMass", "when its HouseConsignment has a PreviousDocument of type 'N830' (C0837)")
					}
				case rdi:
					for _, gm := range elementsAt(c, "GoodsMeasure") {
						forbidChild(p, gm, "netMass", "when reducedDatasetIndicator is '1' (C0837)")
					}
				}
			}
		}
	},
}

// ctcR0219 checks NCTS rule R0219.
var ctcR0219 = &Rule{
	ID:           "ctc-r0219",
	Codes:        []string{"R0219"},
	Summary:      "an item with a packaging of 0 packages has no packaging with packages (R0219)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0219: when one packaging of a consignment item has numberOfPackages 0 (the item's
goods are packed with another item's), every other packaging of that item also has 0.

Failing:

    <Packaging><sequenceNumber>1</sequenceNumber><typeOfPackages>CT</typeOfPackages><numberOfPackages>0</numberOfPackages>...
    <Packaging><sequenceNumber>2</sequenceNumber><typeOfPackages>CT</typeOfPackages><numberOfPackages>4</numberOfPackages>...

Passing: both 0, or no packaging with 0.
`,
	Check: func(p *Pass) {
		if p.Profile == "ctc-p5" && p.MessageType == "CC025C" {
			return // phase 5 does not attach R0219 to IE025
		}
		for _, item := range consignmentItems(p) {
			if !hasZeroPackages(item) {
				continue
			}
			for _, el := range elementsAt(item, "Packaging/numberOfPackages") {
				if !isZero(el.Text()) {
					p.Reportf(el, "this consignment item has a packaging of 0 packages, so every packaging of it has 0, not %s (R0219)", strings.TrimSpace(el.Text()))
				}
			}
		}
	},
}

// ctcR0220 checks NCTS rule R0220.
var ctcR0220 = &Rule{
	ID:           "ctc-r0220",
	Codes:        []string{"R0220"},
	Summary:      "a packaging of 0 packages is not of an unpacked kind (CL182) (R0220)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0220: a packaging with numberOfPackages 0 does not have a typeOfPackages of the
unpacked kinds (CL182: NE, NF, NG): unpacked goods are not packed with another item. Silent
without CL182.

Failing:

    <typeOfPackages>NE</typeOfPackages>
    <numberOfPackages>0</numberOfPackages>

Passing: a packed kind (CT, BX ...), or a number of packages.
`,
	Check: func(p *Pass) {
		if p.Profile == "ctc-p5" && p.MessageType == "CC025C" {
			return // phase 5 does not attach R0220 to IE025
		}
		for _, pk := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Packaging") {
			t := firstAt(pk, "typeOfPackages")
			if !t.Valid() || !isZero(valueAt(pk, "numberOfPackages")) {
				continue
			}
			if in, known := p.In("CL182", strings.TrimSpace(t.Text())); known && in {
				p.Reportf(t, "a packaging of 0 packages cannot be of the unpacked kind %s (CL182) (R0220)", strings.TrimSpace(t.Text()))
			}
		}
	},
}

// ctcR0221 checks NCTS rule R0221.
var ctcR0221 = &Rule{
	ID:           "ctc-r0221",
	Codes:        []string{"R0221"},
	Summary:      "gross mass is 0 exactly for items packed with another (0 packages), which leave a heavier item in the house consignment (R0221)",
	Severity:     Error,
	MessageTypes: goodsItemMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0221, on a consignment item's Commodity/GoodsMeasure/grossMass:
- when a packaging of the item has numberOfPackages 0 (its goods travel in another item's
  packages), its gross mass is 0, and another item of the same house consignment has a gross
  mass other than 0;
- otherwise its gross mass is not 0.

Failing:

    <numberOfPackages>0</numberOfPackages>
    ...
    <grossMass>12.5</grossMass>

Passing: grossMass 0, the mass declared on the item whose packages carry the goods.
`,
	Check: func(p *Pass) {
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			items := elementsAt(hc, "ConsignmentItem")
			for i, item := range items {
				g, el, ok := itemGrossMass(item)
				if !ok {
					continue
				}
				if !hasZeroPackages(item) {
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
					if og, _, ok := itemGrossMass(o); j != i && ok && og.Sign() != 0 {
						other = true
					}
				}
				if !other {
					p.Reportf(el, "this item packed with another has gross mass 0, but no other item of the house consignment has a gross mass (R0221)")
				}
			}
		}
	},
}

// ctcR0223 checks NCTS rule R0223.
var ctcR0223 = &Rule{
	ID:           "ctc-r0223",
	Codes:        []string{"R0223"},
	Summary:      "an item's net mass is at most its gross mass (R0223)",
	Severity:     Error,
	MessageTypes: goodsItemMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0223: when a consignment item's gross mass is above 0, its net mass
(Commodity/GoodsMeasure/netMass) is not above it.

Failing:

    <grossMass>540.5</grossMass>
    <netMass>600</netMass>

Passing:

    <netMass>512</netMass>
`,
	Check: func(p *Pass) {
		for _, item := range consignmentItems(p) {
			g, _, ok := itemGrossMass(item)
			if !ok || g.Sign() <= 0 {
				continue
			}
			el := firstAt(item, "Commodity/GoodsMeasure/netMass")
			if n, ok := decimal(el.Text()); el.Valid() && ok && n.Cmp(g) > 0 {
				p.Reportf(el, "net mass %s is above the gross mass %s (R0223)", strings.TrimSpace(el.Text()), g.FloatString(6))
			}
		}
	},
}

// ctcR0364 checks NCTS rule R0364.
var ctcR0364 = &Rule{
	ID:           "ctc-r0364",
	Codes:        []string{"R0364"},
	Summary:      "an item packed with another (0 packages) shares its shipping marks with a packed item of the house consignment (R0364)",
	Severity:     Error,
	MessageTypes: goodsItemMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0364: when a consignment item's packaging has numberOfPackages 0, another item of
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
`,
	Check: func(p *Pass) {
		_, k1 := p.In("CL181", "VG")
		_, k2 := p.In("CL182", "NE")
		listsKnown := k1 && k2
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			items := elementsAt(hc, "ConsignmentItem")
			for i, item := range items {
				for _, pk := range elementsAt(item, "Packaging") {
					n := firstAt(pk, "numberOfPackages")
					if !n.Valid() || !isZero(n.Text()) {
						continue
					}
					marks := valueAt(pk, "shippingMarks")
					found, foundAny := false, false
					for j, other := range items {
						if j == i {
							continue
						}
						for _, op := range elementsAt(other, "Packaging") {
							on, ok := decimal(valueAt(op, "numberOfPackages"))
							if !ok || on.Sign() <= 0 || valueAt(op, "shippingMarks") != marks {
								continue
							}
							foundAny = true
							t := valueAt(op, "typeOfPackages")
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
	},
}

// ctcR0983 checks NCTS rule R0983.
var ctcR0983 = &Rule{
	ID:           "ctc-r0983",
	Codes:        []string{"R0983"},
	Summary:      "a house consignment's gross mass is at least the sum of its items' (R0983)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0983: HouseConsignment/grossMass is greater than or equal to the sum of the gross
masses its consignment items give.

Failing:

    <HouseConsignment>
      <grossMass>500</grossMass>
      <ConsignmentItem> ... <grossMass>540.5</grossMass> ...

Passing: HouseConsignment/grossMass 540.5 or more.
`,
	Check: func(p *Pass) {
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			el := firstAt(hc, "grossMass")
			g, ok := decimal(el.Text())
			if !el.Valid() || !ok {
				continue
			}
			if sum, ok := sumAt(elementsAt(hc, "ConsignmentItem"), "Commodity/GoodsMeasure/grossMass"); ok && g.Cmp(sum) < 0 {
				p.Reportf(el, "house consignment gross mass %s is less than the sum of its items' gross masses, %s (R0983)", strings.TrimSpace(el.Text()), showDecimal(sum))
			}
		}
	},
}

// ctcR0994 checks NCTS rule R0994.
var ctcR0994 = &Rule{
	ID:           "ctc-r0994",
	Codes:        []string{"R0994"},
	Summary:      "the consignment's gross mass is at least the sum of its house consignments' (R0994)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0994: Consignment/grossMass is greater than or equal to the sum of the house
consignments' gross masses.

Failing:

    <Consignment>
      ...
      <grossMass>500</grossMass>
      ...
      <HouseConsignment> ... <grossMass>540.5</grossMass>

Passing: Consignment/grossMass 540.5 or more.
`,
	Check: func(p *Pass) {
		el := firstAt(p.Root, "Consignment/grossMass")
		g, ok := decimal(el.Text())
		if !el.Valid() || !ok {
			return
		}
		if sum, ok := sumAt(elementsAt(p.Root, "Consignment/HouseConsignment"), "grossMass"); ok && g.Cmp(sum) < 0 {
			p.Reportf(el, "consignment gross mass %s is less than the sum of its house consignments' gross masses, %s (R0994)", strings.TrimSpace(el.Text()), showDecimal(sum))
		}
	},
}

// requireCommodityCodes checks that the items of each house consignment have a
// CommodityCode unless the TIR exception applies (C0153, C0154).
func requireCommodityCodes(p *Pass, id string, security13 bool) {
	sec := valueAt(p.Root, "TransitOperation/security")
	tir := valueAt(p.Root, "TransitOperation/declarationType") == "TIR"
	for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
		var why string
		switch {
		case security13 && oneOf(sec, "1", "3"):
			why = fmt.Sprintf("when TransitOperation/security is %s (%s)", sec, id)
		case !tir:
			why = fmt.Sprintf("when TransitOperation/declarationType is not TIR (%s)", id)
		case hasText(hc, "PreviousDocument/type", "N830"):
			why = fmt.Sprintf("in a TIR house consignment that follows an export declaration (PreviousDocument N830) (%s)", id)
		default:
			continue
		}
		for _, c := range elementsAt(hc, "ConsignmentItem/Commodity") {
			requireChild(p, c, "CommodityCode", why)
		}
	}
}

// consignmentItems are the consignment items of the message (every house
// consignment).
func consignmentItems(p *Pass) []xsd.Element {
	return elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem")
}

// hasZeroPackages reports whether an item has a packaging of 0 packages.
func hasZeroPackages(item xsd.Element) bool {
	for _, n := range textsAt(item, "Packaging/numberOfPackages") {
		if isZero(n) {
			return true
		}
	}
	return false
}

// itemGrossMass is an item's gross mass, if given and a number.
func itemGrossMass(item xsd.Element) (*big.Rat, xsd.Element, bool) {
	el := firstAt(item, "Commodity/GoodsMeasure/grossMass")
	if !el.Valid() {
		return nil, el, false
	}
	r, ok := decimal(el.Text())
	return r, el, ok
}

func init() {
	register(ctcC0060, ctcC0153, ctcC0154, ctcC0821, ctcC0837, ctcR0219, ctcR0220, ctcR0221, ctcR0223, ctcR0364, ctcR0983, ctcR0994)
}
