package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// cdsAdditionalProcedure checks the additional procedure codes (DE 1/11)
// of each goods item: 000 alone, 1H7 on every item.
var cdsAdditionalProcedure = &Rule{
	ID:           "cds-additional-procedure",
	Codes:        []string{"CDS12149", "CDS12152"},
	Summary:      "additional procedure codes (DE 1/11): 000 alone, 1H7 on every goods item of an import",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `Checks the additional procedure codes of each goods item of a declaration: DE 1/11, declared as
GovernmentAgencyGoodsItem/GovernmentProcedure (WCO 166) with a three-character CurrentCode and
no PreviousCode (the GovernmentProcedure with a PreviousCode is DE 1/10).

- 000 (no additional procedure) stands alone: CDS rejects 000 declared with another additional
  procedure code on the same goods item with CDS12149.
- 1H7 (super reduced data set, declaration category H7) must be declared on every goods item of
  a declaration that has it, and only on an import: CDS rejects a goods item without it, or 1H7
  on an export (DE 1/1 EX), with CDS12152.
- Whether each code is allowed with the item's procedure code (CDS11004, where a complete list
  is known) is checked by cds-procedure, which owns CDS11004.

Failing (000 with another code):

    <GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
    <GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure>
    <GovernmentProcedure><CurrentCode>1CD</CurrentCode></GovernmentProcedure>

Passing:

    <GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
    <GovernmentProcedure><CurrentCode>1CD</CurrentCode></GovernmentProcedure>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			items := p.Index.goodsItems(decl)
			for _, it := range items {
				checkZeroAPC(p, it)
			}
			checkH7(p, strings.ToUpper(valueAt(decl, "TypeCode")), items)
		}
	},
}

// checkZeroAPC reports 000 declared beside another additional procedure
// code on one goods item.
func checkZeroAPC(p *Pass, it cdsGoodsItem) {
	var other []string
	at := -1
	for i, gp := range it.additional {
		switch c := current(gp); {
		case c == "000":
			if at < 0 {
				at = i
			}
		case c != "":
			other = append(other, c)
		}
	}
	if at >= 0 && len(other) > 0 {
		p.reportCode(elementOr(firstAt(it.additional[at], "CurrentCode"), it.additional[at]), "CDS12149",
			"additional procedure code (DE 1/11) 000 of %s is declared with %s: CDS rejects this with CDS12149 (000 cannot be declared with any other additional procedure code); remove 000 or the others", it.label(), strings.Join(other, " "))
	}
}

// checkH7 reports, when a goods item declares 1H7, 1H7 on an export and
// every goods item without it.
func checkH7(p *Pass, typeCode string, items []cdsGoodsItem) {
	var with []cdsGoodsItem
	for _, it := range items {
		if slices.ContainsFunc(it.additional, isH7) {
			with = append(with, it)
		}
	}
	if len(with) == 0 {
		return
	}
	if strings.HasPrefix(typeCode, "EX") {
		gp := with[0].additional[slices.IndexFunc(with[0].additional, isH7)]
		p.reportCode(elementOr(firstAt(gp, "CurrentCode"), gp), "CDS12152",
			"additional procedure code (DE 1/11) 1H7 of %s is declared on an export (TypeCode %s): CDS rejects this with CDS12152 (1H7 is only for a super reduced data set import declaration, category H7); remove it", with[0].label(), typeCode)
		return
	}
	for _, it := range items {
		if slices.ContainsFunc(it.additional, isH7) {
			continue
		}
		at := elementOr(it.procedure, it.item)
		p.reportCode(at, "CDS12152",
			"%s has no additional procedure code (DE 1/11) 1H7, which %s declares: CDS rejects this with CDS12152 (1H7, the super reduced data set, must be declared on all goods items); declare 1H7 on every goods item or on none", it.label(), with[0].label())
	}
}

// isH7 reports whether a GovernmentProcedure declares 1H7.
func isH7(gp xsd.Element) bool { return strings.EqualFold(current(gp), "1H7") }

func init() {
	register(cdsAdditionalProcedure)
}
