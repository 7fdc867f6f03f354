package rules

import "github.com/customslint/customslint/xsd"

// DatasetGap is one departure from a data set as the external tests see
// it, enforced or not.
type DatasetGap struct {
	Category, DE, Code, Path, Message string
	Line                              int
	Enforced, Supplementary           bool
}

// DatasetGaps derives the category of every Declaration under root and
// returns it ("" when none) with all its departures from the data set,
// including rows the rule does not enforce.
func DatasetGaps(root xsd.Element) (string, []DatasetGap) {
	cat := ""
	var out []DatasetGap
	for _, decl := range declarationsUnder(root) {
		cat = declarationCategoryOf(decl)
		if cat == "" {
			continue
		}
		for _, g := range datasetGaps(decl, cat) {
			out = append(out, DatasetGap{Category: g.Category, DE: g.DE, Code: g.Code, Path: g.At.Path(),
				Message: g.Message, Line: g.At.Line(), Enforced: g.enforced(decl), Supplementary: supplementary(decl)})
		}
	}
	return cat, out
}

// declarationsUnder finds the Declaration elements of a MetaData element,
// whatever wraps it.
func declarationsUnder(root xsd.Element) []xsd.Element {
	var out []xsd.Element
	root.Walk(func(el xsd.Element, local string) bool {
		if local == "Declaration" && el.Parent().Valid() && el.Parent().Is("MetaData") {
			out = append(out, el)
			return false
		}
		return true
	})
	return out
}

// Data-set tables and lists the external tests compare with their sources.
var (
	DatasetNotEnforced = datasetNotEnforced
	WCOPointer         = wcoPointer
)
