package validate

import (
	"strings"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/xsd"
)

// declarationCategory derives the category of the CDS declaration in the
// MetaData element md: "" when the declaration has no single category
// (not an original declaration, a code that decides none, goods items
// that disagree).
func declarationCategory(md xsd.Element) string {
	res := category.Derive(categoryInput(md.ChildByLocalName("Declaration")))
	if res.Status != category.Derived {
		return ""
	}
	return string(res.Category)
}

// categoryInput reads what the derivation needs from a Declaration
// element: FunctionCode, TypeCode (DE 1/1 + 1/2) and, per goods item, its
// GovernmentProcedure elements: the one with a PreviousCode is DE 1/10
// (CurrentCode then PreviousCode), the others DE 1/11.
func categoryInput(decl xsd.Element) category.Declaration {
	d := category.Declaration{
		FunctionCode: childText(decl, "FunctionCode"),
		TypeCode:     childText(decl, "TypeCode"),
	}
	for it := decl.ChildByLocalName("GoodsShipment").FirstChild(); it.Valid(); it = it.Next() {
		if !it.Is("GovernmentAgencyGoodsItem") {
			continue
		}
		var item category.Item
		for gp := it.FirstChild(); gp.Valid(); gp = gp.Next() {
			if !gp.Is("GovernmentProcedure") {
				continue
			}
			cur := childText(gp, "CurrentCode")
			if prev := gp.ChildByLocalName("PreviousCode"); prev.Valid() {
				item.Procedure = cur + strings.TrimSpace(prev.Text())
				continue
			}
			item.Additional = append(item.Additional, cur)
		}
		d.Items = append(d.Items, item)
	}
	return d
}

// childText is the trimmed text of e's first child named local, "" when
// there is none.
func childText(e xsd.Element, local string) string {
	c := e.ChildByLocalName(local)
	if !c.Valid() {
		return ""
	}
	return strings.TrimSpace(c.Text())
}
