package rules

import (
	"slices"

	"github.com/customslint/customslint/xsd"
)

// DatasetGap is one departure from a data set as the external tests see
// it, enforced or not.
type DatasetGap struct {
	Category, DE, Code, Path, Message string
	Line                              int
	Enforced, Supplementary           bool
}

// DatasetGaps derives the category of every Declaration under root and
// returns it ("" when none), whether it is a supplementary declaration, and
// all its departures from the data set, including rows the rule does not
// enforce.
func DatasetGaps(root xsd.Element) (string, bool, []DatasetGap) {
	cat, supp := "", false
	var out []DatasetGap
	for _, decl := range declarationsUnder(root) {
		cat, supp = declarationCategoryOf(decl), supplementary(decl)
		if cat == "" {
			continue
		}
		for _, g := range datasetGaps(decl, cat) {
			out = append(out, DatasetGap{Category: g.Category, DE: g.DE, Code: g.Code, Path: g.At.Path(),
				Message: g.Message(), Line: g.At.Line(), Enforced: g.enforced(decl), Supplementary: supplementary(decl)})
		}
	}
	return cat, supp, out
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

// The generated data-set table, for the test that compares it with its CSVs.
var (
	DatasetRowsCount = len(cdsDatasetRows)
	DEElementsCount  = len(cdsDEElements)
)

// DatasetRowFields returns the compiled row of category and DE as the CSV
// columns (category, appendix, de, de_name, symbol, level, note,
// source_url, source_date, complete), and whether there is one.
func DatasetRowFields(category, de string) ([]string, bool) {
	for _, r := range cdsDatasetRows {
		if r.Category == category && r.DE == de {
			complete := "partial"
			if r.Complete {
				complete = "yes"
			}
			return []string{r.Category, r.Appendix, r.DE, r.Name, r.Symbol, r.Level, r.Note, r.Source, r.SourceDate, complete}, true
		}
	}
	return nil, false
}

// DEElementFields returns the compiled mapping of de to path as the CSV
// columns (de, de_name, level, element_path, element_wcoid, support,
// comments, source, source_date), and whether there is one.
func DEElementFields(de, path string) ([]string, bool) {
	for _, e := range cdsDEElements {
		if e.DE == de && e.Path == path {
			return []string{e.DE, e.Name, e.Level, e.Path, e.WCOID, e.Support, e.Comments, e.Source, e.SourceDate}, true
		}
	}
	return nil, false
}

// DatasetConditionRows counts, per decidable condition, the data-set rows
// it applies to and the rows its categories and DEs name.
func DatasetConditionRows() (applies, named []int) {
	for _, c := range datasetConditions {
		a, n := 0, 0
		for _, r := range cdsDatasetRows {
			if !slices.Contains(c.Categories, r.Category) || !slices.Contains(c.DEs, r.DE) {
				continue
			}
			n++
			if got, ok := datasetConditionOf(r); ok && got.Note == c.Note {
				a++
			}
		}
		applies, named = append(applies, a), append(named, len(c.Categories)*len(c.DEs))
	}
	return applies, named
}

// DatasetMaxItemFindings is how many goods items one row reports one by one.
const DatasetMaxItemFindings = datasetMaxItemFindings
