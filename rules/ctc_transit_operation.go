package rules

import (
	"fmt"
	"strings"
)

// The TransitOperation data group: declaration types (T1, T2, TIR ...), the
// TIR carnet and holder, and the declaration type of each item.

// ctcC0045 checks condition C0045: item declaration types go with a mixed
// declaration (T).
var ctcC0045 = &Rule{
	ID:           "ctc-c0045",
	Codes:        []string{"C0045"},
	Summary:      "ConsignmentItem/declarationType is required when TransitOperation/declarationType is T, and not used otherwise (C0045)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Doc: `Condition C0045: a declaration of type T mixes goods of several statuses, so each goods item gives
its own declaration type (T1, T2 ...). For any other declaration type the items take the
declaration's and ConsignmentItem/declarationType is not used.

Failing:

    <declarationType>T1</declarationType>
    ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <declarationType>T1</declarationType>

Passing:

    <declarationType>T</declarationType>
    ...
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <declarationType>T1</declarationType>
`,
	Check: func(p *Pass) {
		op := p.Root.ChildByLocalName("TransitOperation")
		dt, ok := textAt(op, "declarationType")
		if !ok {
			return // IE043 with CTLControl: no consignment either (C0027)
		}
		items := elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem")
		if dt == "T" {
			requireChildEach(p, items, "declarationType", "when TransitOperation/declarationType is T (C0045)")
			return
		}
		forbidChildEach(p, items, "declarationType", fmt.Sprintf("when TransitOperation/declarationType is %s, not T (C0045)", dt))
	},
}

// ctcC0411 checks condition C0411.
var ctcC0411 = &Rule{
	ID:           "ctc-c0411",
	Codes:        []string{"C0411"},
	Summary:      "TransitOperation/TIRCarnetNumber is given for a TIR declaration and only for one (C0411)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Doc: `Condition C0411: a declaration of type TIR carries its TIR carnet number; any other declaration
type must not.

Failing (a T1 with a carnet number):

    <TransitOperation>
      <LRN>24GB000000001</LRN>
      <declarationType>T1</declarationType>
      <additionalDeclarationType>A</additionalDeclarationType>
      <TIRCarnetNumber>XB38471906</TIRCarnetNumber>

Passing:

    <TransitOperation>
      <LRN>24GB000000001</LRN>
      <declarationType>TIR</declarationType>
      <additionalDeclarationType>A</additionalDeclarationType>
      <TIRCarnetNumber>XB38471906</TIRCarnetNumber>
`,
	Check: func(p *Pass) {
		op := firstAt(p.Root, "TransitOperation")
		decl, ok := textAt(op, "declarationType")
		if !ok {
			return
		}
		if decl == "TIR" {
			requireChild(p, op, "TIRCarnetNumber", "when declarationType is 'TIR' (C0411)")
		} else {
			forbidChild(p, op, "TIRCarnetNumber", fmt.Sprintf("when declarationType is '%s', not 'TIR' (C0411)", decl))
		}
	},
}

// ctcC0904 checks condition C0904, as far as the message tells.
var ctcC0904 = &Rule{
	ID:           "ctc-c0904",
	Codes:        []string{"C0904"},
	Summary:      "HolderOfTheTransitProcedure/TIRHolderIdentificationNumber is given for a TIR declaration and only for one (C0904)",
	Severity:     Error,
	MessageTypes: []string{"CC004C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC028C", "CC029C", "CC035C", "CC043C", "CC045C", "CC051C", "CC060C", "CC141C", "CC170C", "CC928C"},
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
		decl, ok := textAt(p.Root, "TransitOperation/declarationType")
		holder := firstAt(p.Root, "HolderOfTheTransitProcedure")
		if !ok || !holder.Valid() {
			return
		}
		if decl == "TIR" {
			requireChild(p, holder, "TIRHolderIdentificationNumber", "when declarationType is 'TIR' (C0904)")
		} else {
			forbidChild(p, holder, "TIRHolderIdentificationNumber", fmt.Sprintf("when declarationType is '%s', not 'TIR' (C0904)", decl))
		}
	},
}

// ctcR0020 checks NCTS rule R0020.
var ctcR0020 = &Rule{
	ID:           "ctc-r0020",
	Codes:        []string{"R0020"},
	Summary:      "T2/T2F goods leaving a CTC country name a previous document proving union status (CL178) (R0020)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0020: when the office of departure is in a common transit country outside the EU
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
`,
	Check: func(p *Pass) {
		dep, _ := officeAt(p, "CustomsOfficeOfDeparture")
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
		if hasUnion(textsAt(p.Root, "Consignment/PreviousDocument/type")) {
			return
		}
		header := valueAt(p.Root, "TransitOperation/declarationType")
		for _, item := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem") {
			t := valueAt(item, "declarationType")
			if t == "" {
				t = header
			}
			if !oneOf(t, "T2", "T2F") {
				continue
			}
			if !hasUnion(textsAt(item, "PreviousDocument/type")) {
				p.Reportf(item, "consignment item declared %s from %s (a CTC country, CL112) has no previous document proving union status (a type in CL178) at consignment or item level (R0020)", t, dep)
			}
		}
	},
}

// ctcR0601 checks NCTS rule R0601.
var ctcR0601 = &Rule{
	ID:           "ctc-r0601",
	Codes:        []string{"R0601"},
	Summary:      "excise goods: export followed by transit is T1 (or TIR); EU goods under excise suspension are T2/T2F (R0601)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0601, for a consignment item with an additional reference of an excise type
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
`,
	Check: func(p *Pass) {
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
		header := firstAt(p.Root, "TransitOperation/declarationType")
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			export := oneOf("N830", textsAt(hc, "PreviousDocument/type")...)
			for _, item := range elementsAt(hc, "ConsignmentItem") {
				if !excise(textsAt(item, "AdditionalReference/type")) {
					continue
				}
				var want []string
				var why string
				switch {
				case export:
					want, why = []string{"T1"}, "export of excise goods followed by transit (previous document N830)"
				case excise(textsAt(item, "SupportingDocument/type")):
					want, why = []string{"T2", "T2F"}, "EU goods under excise suspension (excise supporting document)"
				default:
					continue
				}
				if it := firstAt(item, "declarationType"); it.Valid() {
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
						p.Reportf(header, "%s in consignment item %s: declarationType must be %s, not %s (R0601)", why, valueAt(item, "goodsItemNumber"), strings.Join(want, " or "), v)
					}
				}
			}
		}
	},
}

// ctcR0849 checks NCTS rule R0849.
var ctcR0849 = &Rule{
	ID:           "ctc-r0849",
	Codes:        []string{"R0849"},
	Summary:      "a TIR declaration does not use the reduced dataset (R0849)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0849: when TransitOperation/declarationType is TIR, reducedDatasetIndicator is 0.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <reducedDatasetIndicator>1</reducedDatasetIndicator>

Passing:

    <reducedDatasetIndicator>0</reducedDatasetIndicator>
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/declarationType") != "TIR" {
			return
		}
		if el := firstAt(p.Root, "TransitOperation/reducedDatasetIndicator"); el.Valid() && strings.TrimSpace(el.Text()) != "0" {
			p.Reportf(el, "a TIR declaration cannot use the reduced dataset: reducedDatasetIndicator must be 0 (R0849)")
		}
	},
}

// ctcR0901 checks NCTS rule R0901.
var ctcR0901 = &Rule{
	ID:           "ctc-r0901",
	Codes:        []string{"R0901"},
	Summary:      "a TIR movement starts and ends in the EU (CL010) (R0901)",
	Severity:     Warning,
	MessageTypes: departureDeclarations,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0901: when TransitOperation/declarationType is TIR, the offices of departure and of
destination are both in the EU (CL010): in the EU, NCTS carries a TIR movement only within
the Union. The UK declares TIR movements that start in Great Britain in its own NCTS, and
HMRC does not say how it applies this rule to them, so customslint reports a warning. Silent
without CL010.

Failing:

    <declarationType>TIR</declarationType>
    ...
    <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>

Passing: departure FR001260.
`,
	Check: func(p *Pass) {
		if valueAt(p.Root, "TransitOperation/declarationType") != "TIR" {
			return
		}
		for _, g := range []string{"CustomsOfficeOfDeparture", "CustomsOfficeOfDestinationDeclared"} {
			c, el := officeAt(p, g)
			if !el.Valid() {
				continue
			}
			if in, known := p.In("CL010", c); known && !in {
				p.Reportf(el, "a TIR declaration's %s must be in the EU (CL010); %s is not (R0901)", g, c)
			}
		}
	},
}

// ctcR0909 checks NCTS rule R0909.
var ctcR0909 = &Rule{
	ID:           "ctc-r0909",
	Codes:        []string{"R0909"},
	Summary:      "to San Marino: from Italy T2SM, from another EU country T2 or T2F (R0909)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0909: when the office of destination (declared, or actual where the message has
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
`,
	Check: func(p *Pass) {
		dep, _ := officeAt(p, "CustomsOfficeOfDeparture")
		sm := false
		for _, g := range []string{"CustomsOfficeOfDestinationDeclared", "CustomsOfficeOfDestinationActual"} {
			if c, el := officeAt(p, g); el.Valid() && c == "SM" {
				sm = true
			}
		}
		if !sm || dep == "" {
			return
		}
		dt := firstAt(p.Root, "TransitOperation/declarationType")
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
		for _, t := range itemDeclarationTypes(p) {
			if oneOf(t, "T2", "T2F") {
				return
			}
		}
		p.Reportf(report, "a movement from %s (EU) to San Marino is declared T2 or T2F (in TransitOperation or a consignment item), not %q (R0909)", dep, v)
	},
}

// ctcR0911 checks NCTS rule R0911.
var ctcR0911 = &Rule{
	ID:           "ctc-r0911",
	Codes:        []string{"R0911"},
	Summary:      "from San Marino into the EU, the declaration type is T2 or T2F (R0911)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0911: when the office of departure is in San Marino (SM) and the office of
destination (declared, or actual where the message has one) is in the EU (CL010),
TransitOperation/declarationType is T2 or T2F. Silent without CL010.

Failing:

    <declarationType>T1</declarationType>
    ...
    <CustomsOfficeOfDeparture><referenceNumber>SM000001</referenceNumber></CustomsOfficeOfDeparture>
    <CustomsOfficeOfDestinationDeclared><referenceNumber>IT018100</referenceNumber></CustomsOfficeOfDestinationDeclared>

Passing: declarationType T2.
`,
	Check: func(p *Pass) {
		if dep, _ := officeAt(p, "CustomsOfficeOfDeparture"); dep != "SM" {
			return
		}
		eu := false
		for _, g := range []string{"CustomsOfficeOfDestinationDeclared", "CustomsOfficeOfDestinationActual"} {
			if c, el := officeAt(p, g); el.Valid() {
				if in, known := p.In("CL010", c); known && in {
					eu = true
				}
			}
		}
		dt := firstAt(p.Root, "TransitOperation/declarationType")
		if eu && dt.Valid() && !oneOf(strings.TrimSpace(dt.Text()), "T2", "T2F") {
			p.Reportf(dt, "a movement from San Marino into the EU is declared T2 or T2F, not %s (R0911)", strings.TrimSpace(dt.Text()))
		}
	},
}

// ctcR0990 checks NCTS rule R0990.
var ctcR0990 = &Rule{
	ID:           "ctc-r0990",
	Codes:        []string{"R0990"},
	Summary:      "a TIR carnet number has 10 or 11 characters (R0990)",
	Severity:     Error,
	MessageTypes: declarationMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0990: TransitOperation/TIRCarnetNumber has the form an10 or an11 (two letters,
one of them X, then 8 or 9 digits) and follows the IRU's algorithm. The schema also takes
the short numbers of old carnets; customslint checks the length. The IRU's check of the
number is not published in HMRC's tables and is not checked.

Failing:

    <TIRCarnetNumber>1234567</TIRCarnetNumber>

Passing:

    <TIRCarnetNumber>XA26123456</TIRCarnetNumber>
`,
	Check: func(p *Pass) {
		el := firstAt(p.Root, "TransitOperation/TIRCarnetNumber")
		if !el.Valid() {
			return
		}
		if v := strings.TrimSpace(el.Text()); len(v) != 10 && len(v) != 11 {
			p.Reportf(el, "TIR carnet number %s has %d characters; it has 10 or 11 (R0990)", v, len(v))
		}
	},
}

// itemDeclarationTypes are the declaration types of the consignment items.
func itemDeclarationTypes(p *Pass) []string {
	return textsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationType")
}

func init() {
	register(ctcC0045, ctcC0411, ctcC0904, ctcR0020, ctcR0601, ctcR0849, ctcR0901, ctcR0909, ctcR0911, ctcR0990)
}
