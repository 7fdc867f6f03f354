package rules

import (
	"math/big"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// cdsPackagedTypes are the third letters of the declaration types
// (TypeCode IMA, EXD ...) CDS12058 is checked on: standard and simplified
// declarations, frontier (A, B, C) and pre-lodged (D, E, F). HMRC accepted
// an EXK and two IMZ declarations whose only packaging quantity is 0, so
// entries in the declarant's records (J, K) and supplementary declarations
// (X, Y, Z) are left out, as are the others.
const cdsPackagedTypes = "ABCDEF"

// cdsNumberMax is the longest mass or quantity text cds-mass reads: the
// schema's decimals have at most 16 digits, and a longer text (which the
// schema reports) is not parsed, so that a hostile one costs nothing.
const cdsNumberMax = 40

// cdsNumber parses a mass or quantity of at most cdsNumberMax characters.
func cdsNumber(e xsd.Element) (*big.Rat, bool) {
	s := strings.TrimSpace(e.Text())
	if len(s) > cdsNumberMax {
		return nil, false
	}
	return decimal(s)
}

// cdsMass checks each goods item's net mass against its gross mass and the
// declaration's packaging quantities.
var cdsMass = &Rule{
	ID:           "cds-mass",
	Codes:        []string{"CDS11006", "CDS12058"},
	Summary:      "a goods item's net mass is lower than its gross mass; on a standard or simplified declaration, one packaging quantity is above zero",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `Checks the masses and packaging quantities of a declaration's goods items.

- A goods item's net mass, Commodity/GoodsMeasure/NetNetWeightMeasure (DE 6/1), must be lower
  than its gross mass, GrossMassMeasure (DE 6/5): CDS rejects a net mass equal to or above the
  gross mass with CDS11006 ("Net Mass must be lower than Gross Mass"). An item without one of
  the two is not checked.
- At least one packaging quantity, GovernmentAgencyGoodsItem/Packaging/QuantityQuantity
  (DE 6/10, number of packages), of the declaration must be above zero: CDS rejects a
  declaration whose quantities are all zero with CDS12058. HMRC published as accepted an EXK
  (entry in the declarant's records) and two IMZ (supplementary) declarations whose only
  packaging quantity is 0, so the check applies only to the declaration types where every
  accepted sample agrees: TypeCode ending A, B, C, D, E or F (standard and simplified, frontier
  and pre-lodged). A declaration without any packaging quantity is not checked. (All three
  accepted samples declare unpacked goods, package type NE; no published sample shows whether
  CDS would take 0 for NE on the other types.)

Failing (net mass equal to the gross mass; and, on an IMA, a single packaging quantity of 0):

    <GoodsMeasure>
      <GrossMassMeasure unitCode="KGM">150</GrossMassMeasure>
      <NetNetWeightMeasure unitCode="KGM">150</NetNetWeightMeasure>
    </GoodsMeasure>
    ...
    <Packaging><SequenceNumeric>1</SequenceNumeric><QuantityQuantity>0</QuantityQuantity>...</Packaging>

Passing:

    <GoodsMeasure>
      <GrossMassMeasure unitCode="KGM">150</GrossMassMeasure>
      <NetNetWeightMeasure unitCode="KGM">140.5</NetNetWeightMeasure>
    </GoodsMeasure>
    ...
    <Packaging><SequenceNumeric>1</SequenceNumeric><QuantityQuantity>10</QuantityQuantity>...</Packaging>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			items := elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem")
			for _, item := range items {
				for _, gm := range elementsAt(item, "Commodity/GoodsMeasure") {
					checkNetMass(p, firstAt(gm, "NetNetWeightMeasure"), firstAt(gm, "GrossMassMeasure"))
				}
			}
			if t := valueAt(decl, "TypeCode"); len(t) == 3 && strings.ContainsRune(cdsPackagedTypes, rune(t[2])) {
				var qs []xsd.Element
				for _, item := range items {
					qs = append(qs, elementsAt(item, "Packaging/QuantityQuantity")...)
				}
				checkPackageQuantities(p, qs, t)
			}
		}
	},
}

// checkNetMass reports a net mass that is not lower than the gross mass.
func checkNetMass(p *Pass, net, gross xsd.Element) {
	if !net.Valid() || !gross.Valid() {
		return
	}
	n, ok := cdsNumber(net)
	g, ok2 := cdsNumber(gross)
	if !ok || !ok2 {
		return // the schema reports it
	}
	if n.Cmp(g) >= 0 {
		p.reportCode(net, "CDS11006", "net mass NetNetWeightMeasure (DE 6/1) %s is not lower than the goods item's gross mass GrossMassMeasure (DE 6/5) %s: CDS rejects this with CDS11006 (net mass must be lower than gross mass); the gross mass includes the packaging, declare the net mass without it", showDecimal(n), showDecimal(g))
	}
}

// checkPackageQuantities reports the first packaging quantity when every
// one of the declaration's is zero (or below).
func checkPackageQuantities(p *Pass, qs []xsd.Element, typeCode string) {
	if len(qs) == 0 {
		return
	}
	for _, q := range qs {
		r, ok := cdsNumber(q)
		if !ok || r.Sign() > 0 {
			return // above zero, or left to the schema
		}
	}
	p.reportCode(qs[0], "CDS12058", "every packaging quantity QuantityQuantity (DE 6/10, number of packages) of this %s declaration is zero: CDS rejects this with CDS12058 (at least one packaging quantity must be greater than zero); declare the number of packages", typeCode)
}

func init() {
	register(cdsMass)
}
