package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// cdsMaxItems is the highest goods item number CDS takes: DE 1/6 is n..3.
const cdsMaxItems = 999

// cdsItems checks the goods item count and numbers, the document codes of
// each item and the MUCR of an import declaration.
var cdsItems = &Rule{
	ID:           "cds-items",
	Codes:        []string{"CDS11003", "CDS12022", "CDS10020", "CDS71200", "CDS12137"},
	Summary:      "GoodsItemQuantity matches the goods items, numbered 1..N once each (at most 999), no repeated document code and ID on an item, one MUCR on an import",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `Checks how a declaration counts and numbers its goods items, and what CDS takes only once.

- Declaration/GoodsItemQuantity (DE 1/9, total number of items) must equal the number of
  GoodsShipment/GovernmentAgencyGoodsItem elements: CDS rejects a difference with CDS11003.
- Each goods item's SequenceNumeric (DE 1/6, goods item number) runs from 1 to the number of
  items, each number once: CDS rejects a number above the total, or a repeated one, with
  CDS12022. A number above 999 is an invalid value, CDS10020 (HMRC's TT1 import sample with item
  1000 was answered with DMS10020 at 68A[1000]/006). Numbers out of order are a warning: no
  published source says CDS rejects them; only the first item out of order is reported.
- On one goods item, the same document code (AdditionalDocument CategoryCode + TypeCode, DE 2/3)
  is not declared twice with the same ID: CDS rejects it with CDS71200. The same ID under
  different codes is normal (one licence covering several measures).
- An import declaration (TypeCode IM...) declares at most one MUCR at header level
  (GoodsShipment/PreviousDocument with TypeCode MCR, DE 2/1): CDS rejects a second with CDS12137.

A missing or non-numeric GoodsItemQuantity or SequenceNumeric is left to the schema.

Failing (two items declared as one; an item number 1000):

    <GoodsItemQuantity>1</GoodsItemQuantity>
    ...
    <GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>...</GovernmentAgencyGoodsItem>
    <GovernmentAgencyGoodsItem><SequenceNumeric>1000</SequenceNumeric>...</GovernmentAgencyGoodsItem>

Passing:

    <GoodsItemQuantity>2</GoodsItemQuantity>
    ...
    <GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>...</GovernmentAgencyGoodsItem>
    <GovernmentAgencyGoodsItem><SequenceNumeric>2</SequenceNumeric>...</GovernmentAgencyGoodsItem>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			items := elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem")
			total := checkItemQuantity(p, firstAt(decl, "GoodsItemQuantity"), len(items))
			checkItemNumbers(p, items, total)
			for _, item := range items {
				checkItemDocuments(p, elementsAt(item, "AdditionalDocument"))
			}
			if strings.HasPrefix(valueAt(decl, "TypeCode"), "IM") {
				checkImportMUCR(p, elementsAt(decl, "GoodsShipment/PreviousDocument"))
			}
		}
	},
}

// checkItemQuantity reports a GoodsItemQuantity other than n, the number of
// goods items, and returns the total the item numbers are held to: the
// declared one when there is one, n otherwise.
func checkItemQuantity(p *Pass, giq xsd.Element, n int) int {
	if !giq.Valid() {
		return n
	}
	declared, ok := wholeNumber(giq.Text())
	if !ok {
		return n // the schema reports it
	}
	if declared != n {
		p.reportCode(giq, "CDS11003", "GoodsItemQuantity (DE 1/9, total number of items) is %d but the declaration has %d goods items: CDS rejects this with CDS11003 (the total does not correspond with the goods items); declare %d", declared, n, n)
	}
	return declared
}

// checkItemNumbers reports goods item numbers (DE 1/6) above 999, outside
// 1..total, repeated, or out of order (a warning, given once: the first
// item out of order).
func checkItemNumbers(p *Pass, items []xsd.Element, total int) {
	seen := make(map[int]bool, len(items))
	highest, warned := 0, false
	for _, item := range items {
		seq := firstAt(item, "SequenceNumeric")
		if !seq.Valid() {
			continue // the schema reports it
		}
		v, ok := wholeNumber(seq.Text())
		if !ok {
			continue
		}
		switch {
		case v > cdsMaxItems || v < 1:
			p.reportCode(seq, "CDS10020", "goods item number SequenceNumeric (DE 1/6) %d is not between 1 and %d: CDS rejects this with CDS10020 (invalid value); number the goods items 1, 2, 3 ... (a declaration has at most %d)", v, cdsMaxItems, cdsMaxItems)
		case seen[v]:
			p.reportCode(seq, "CDS12022", "goods item number SequenceNumeric (DE 1/6) %d is used by an earlier goods item: CDS rejects this with CDS12022; give each goods item its own number, 1 to %d", v, total)
		case v > total:
			p.reportCode(seq, "CDS12022", "goods item number SequenceNumeric (DE 1/6) %d is larger than the total number of items (%d): CDS rejects this with CDS12022; number the goods items 1 to %d", v, total, total)
		case v < highest && !warned:
			warned = true
			p.reportUncoded(seq, Warning, "goods item number SequenceNumeric (DE 1/6) %d follows goods item %d: expected the goods items in order 1, 2, 3 ... (later items out of order are not reported)", v, highest)
		}
		seen[v] = true
		highest = max(highest, v)
	}
}

// checkItemDocuments reports a document code (CategoryCode + TypeCode)
// declared again with the same ID on one goods item.
func checkItemDocuments(p *Pass, docs []xsd.Element) {
	if len(docs) < 2 {
		return
	}
	seen := make(map[[2]string]bool, len(docs))
	for _, doc := range docs {
		id := valueAt(doc, "ID")
		if id == "" {
			continue // a document without an ID (a waiver) cannot repeat one
		}
		code := valueAt(doc, "CategoryCode") + valueAt(doc, "TypeCode")
		key := [2]string{code, id}
		if seen[key] {
			p.reportCode(doc, "CDS71200", "AdditionalDocument (DE 2/3) %s with ID %q is declared twice on this goods item: CDS rejects this with CDS71200 (document codes with identical IDs); declare it once", code, id)
		}
		seen[key] = true
	}
}

// checkImportMUCR reports every header-level MUCR of an import declaration
// after the first.
func checkImportMUCR(p *Pass, prev []xsd.Element) {
	first := ""
	for _, doc := range prev {
		if valueAt(doc, "TypeCode") != "MCR" {
			continue
		}
		id := valueAt(doc, "ID")
		if first == "" {
			first = id
			if first == "" {
				first = "(no ID)"
			}
			continue
		}
		p.reportCode(doc, "CDS12137", "PreviousDocument (DE 2/1) declares a second MUCR (TypeCode MCR) %q at header level, after %q: CDS rejects this on an import declaration with CDS12137 (only a single MUCR); keep one", id, first)
	}
}

func init() {
	register(cdsItems)
}
