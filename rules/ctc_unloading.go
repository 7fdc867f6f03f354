package rules

import "fmt"

// Arrival and unloading: unloading permissions (IE043), unloading remarks
// (IE044) and goods release notifications (IE025).

// ctcC0027 checks condition C0027: the first unloading permission carries
// the declaration, later ones (CTLControl) do not.
var ctcC0027 = &Rule{
	ID:           "ctc-c0027",
	Codes:        []string{"C0027"},
	Summary:      "an unloading permission (IE043) with CTLControl omits holder, consignment, declaration type and acceptance date; without it, all are required (C0027)",
	Severity:     Error,
	MessageTypes: []string{"CC043C"},
	Doc: `Condition C0027: the first unloading permission (IE043) gives the declaration's data:
HolderOfTheTransitProcedure, Consignment (with grossMass), TransitOperation/declarationType and
TransitOperation/declarationAcceptanceDate are required. A later permission to continue
unloading carries CTLControl instead, and then none of them is used.

Failing (a first permission without the consignment):

    <TransitOperation>
      <MRN>26GB00000000000018</MRN>
      <declarationType>T1</declarationType>
      <declarationAcceptanceDate>2026-03-14</declarationAcceptanceDate>
      ...
    <TraderAtDestination>...</TraderAtDestination>
    </ncts:CC043C>

Passing (a permission to continue unloading):

    <TransitOperation>
      <MRN>26GB00000000000018</MRN>
      <security>0</security>
      <reducedDatasetIndicator>0</reducedDatasetIndicator>
    </TransitOperation>
    ...
    <CTLControl>
      <continueUnloading>1</continueUnloading>
    </CTLControl>
`,
	Check: func(p *Pass) {
		op := p.Root.ChildByLocalName("TransitOperation")
		cons := p.Root.ChildByLocalName("Consignment")
		if p.Root.ChildByLocalName("CTLControl").Valid() {
			why := "when CTLControl is present (C0027)"
			forbidChild(p, p.Root, "HolderOfTheTransitProcedure", why)
			forbidChild(p, p.Root, "Consignment", why)
			forbidChild(p, op, "declarationType", why)
			forbidChild(p, op, "declarationAcceptanceDate", why)
			return
		}
		why := "when CTLControl is absent (C0027)"
		requireChild(p, p.Root, "HolderOfTheTransitProcedure", why)
		requireChild(p, p.Root, "Consignment", why)
		requireChild(p, op, "declarationType", why)
		requireChild(p, op, "declarationAcceptanceDate", why)
		requireChild(p, cons, "grossMass", why)
	},
}

// ctcC0352 checks condition C0352: a release with goods not released lists
// the consignment.
var ctcC0352 = &Rule{
	ID:           "ctc-c0352",
	Codes:        []string{"C0352"},
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
		if ri := valueAt(p.Root, "TransitOperation/releaseIndicator"); oneOf(ri, "2", "3") {
			requireChild(p, p.Root, "Consignment", fmt.Sprintf("when TransitOperation/releaseIndicator is %s (C0352)", ri))
		} else {
			forbidChild(p, p.Root, "Consignment", fmt.Sprintf("when TransitOperation/releaseIndicator is %s, not 2 or 3 (C0352)", quoteValue(ri)))
		}
	},
}

// ctcC0353 checks condition C0353: a house consignment released with
// discrepancies lists its items.
var ctcC0353 = &Rule{
	ID:           "ctc-c0353",
	Codes:        []string{"C0353"},
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
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			if rt := valueAt(hc, "releaseType"); rt == "1" {
				requireChild(p, hc, "ConsignmentItem", "when its releaseType is 1 (C0353)")
			} else {
				forbidChild(p, hc, "ConsignmentItem", fmt.Sprintf("when its releaseType is %s, not 1 (C0353)", quoteValue(rt)))
			}
		}
	},
}

// ctcC0816 checks condition C0816.
var ctcC0816 = &Rule{
	ID:           "ctc-c0816",
	Codes:        []string{"C0816"},
	Summary:      "IE044: CommodityCode/combinedNomenclatureCode is not used at a destination office in a CTC country, AD or SM (C0816)",
	Severity:     Error,
	MessageTypes: []string{"CC044C"},
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
		ref, ok := textAt(p.Root, "CustomsOfficeOfDestinationActual/referenceNumber")
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
		for _, cc := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/Commodity/CommodityCode") {
			forbidChild(p, cc, "combinedNomenclatureCode", "when "+why+" (C0816)")
		}
	},
}

func init() {
	register(ctcC0027, ctcC0352, ctcC0353, ctcC0816)
}
