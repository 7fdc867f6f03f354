package rules

import (
	"strings"

	"github.com/customslint/customslint/category"
)

// cdsCategory reports a declaration whose goods items derive different
// declaration categories.
var cdsCategory = &Rule{
	ID:           "cds-category",
	Codes:        []string{"CDS11005"},
	Summary:      "all goods items of a declaration derive one declaration category (H1, H2, B1 ...) from their procedure codes",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `A declaration (FunctionCode 9) has one declaration category, the HMRC data set CDS checks it
against (H1, H2, I1 C&F, B1, C21i ...). It follows from DE 1/1 and 1/2 (Declaration/TypeCode)
and, for each goods item, DE 1/10 (GovernmentProcedure CurrentCode + PreviousCode, WCO 166) and
DE 1/11 (the additional procedure codes, 1H7 for H7): package category derives it. When the
goods items derive different categories, CDS rejects the declaration with CDS11005 (the requested
procedure of each goods item must derive the same declaration category) and checks no further;
the report then gives the declaration no category. The finding is at the procedure code of each
goods item whose category differs from the first item's.

Amendments, cancellations, goods presentations and notifications have no category and are not
checked. An item whose codes derive no category (an unknown requested procedure) is left to
cds-procedure.

Failing (release to free circulation, H1, and entry to a customs warehouse, H2, on one
declaration):

    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>1</SequenceNumeric>
      <GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
    </GovernmentAgencyGoodsItem>
    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>2</SequenceNumeric>
      <GovernmentProcedure><CurrentCode>71</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
    </GovernmentAgencyGoodsItem>

Passing (both items H1):

    ... <CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode> ...
    ... <CurrentCode>40</CurrentCode><PreviousCode>71</PreviousCode> ...
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			checkCategory(p, valueAt(decl, "FunctionCode"), valueAt(decl, "TypeCode"), p.Index.goodsItems(decl))
		}
	},
}

// checkCategory derives the declaration's category and reports each
// goods item whose category differs from the first item's.
func checkCategory(p *Pass, functionCode, typeCode string, items []cdsGoodsItem) {
	in := category.Declaration{FunctionCode: functionCode, TypeCode: typeCode}
	for _, it := range items {
		ci := category.Item{Procedure: it.procedureCode()}
		for _, gp := range it.additional {
			ci.Additional = append(ci.Additional, current(gp))
		}
		in.Items = append(in.Items, ci)
	}
	res := category.Derive(in)
	if res.Status != category.Mixed {
		return
	}
	first := res.Items[0].Category
	var names []string
	for _, c := range res.Distinct() {
		names = append(names, string(c))
	}
	for i, r := range res.Items {
		if r.Category == first {
			continue
		}
		it := items[i]
		p.reportCode(elementOr(firstAt(it.procedure, "CurrentCode"), it.item), "CDS11005",
			"%s's procedure code (DE 1/10) %s derives declaration category %s, but %s's %s derives %s: CDS rejects this with CDS11005 (the requested procedure of each goods item must derive the same declaration category; no further validation is carried out); the declaration mixes %s: declare the goods of each category on a declaration of their own",
			it.label(), it.procedureCode(), r.Category, items[0].label(), items[0].procedureCode(), first, strings.Join(names, " and "))
	}
}

func init() {
	register(cdsCategory)
}
