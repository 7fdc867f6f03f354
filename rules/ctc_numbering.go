package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Sequence numbers and goods item numbers.

// ctcR0007 checks NCTS rule R0007.
var ctcR0007 = &Rule{
	ID:           "ctc-r0007",
	Codes:        []string{"R0007"},
	Summary:      "declaration goods item numbers run 1, 2, 3 ... over the whole declaration (R0007)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0007: ConsignmentItem/declarationGoodsItemNumber is unique in the declaration:
the consignment items, across all house consignments in document order, are numbered from 1
up by 1.

Failing (two house consignments, one item each):

    <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    ...
    <declarationGoodsItemNumber>1</declarationGoodsItemNumber>

Passing: 1, then 2.
`,
	Check: func(p *Pass) {
		checkSequential(p, elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber"), "declarationGoodsItemNumber", "R0007")
	},
}

// ctcR0054 checks NCTS rule R0054.
var ctcR0054 = &Rule{
	ID:           "ctc-r0054",
	Codes:        []string{"R0054"},
	Summary:      "sequence numbers are unique in each data group of unloading remarks or a goods release (R0054)",
	Severity:     Error,
	MessageTypes: unloadingOutcomeMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0054, on unloading remarks (IE044) and the goods release notification (IE025):
the sequenceNumber of a data group names the iteration of the declaration it reports on, or
the next free number for a new one. customslint checks what the message alone decides: no
two iterations of a data group under the same parent share a sequence number (whether each
matches the declaration is for NCTS to check).

Failing:

    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>SEAL-1</identifier>
    </Seal>
    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>SEAL-2</identifier>
    </Seal>

Passing: sequence numbers 1 and 2.
`,
	Check: func(p *Pass) {
		walkAll(p.Root, func(parent xsd.Element) {
			seen := map[string]bool{}
			for c := parent.FirstChild(); c.Valid(); c = c.Next() {
				seq := c.ChildByLocalName("sequenceNumber")
				if !seq.Valid() {
					continue
				}
				k := c.LocalName() + "\x00" + strings.TrimSpace(seq.Text())
				if seen[k] {
					p.Reportf(seq, "sequence number %s is used twice for %s under the same %s (R0054)", strings.TrimSpace(seq.Text()), c.LocalName(), parent.LocalName())
				}
				seen[k] = true
			}
		})
	},
}

// ctcR0055 checks NCTS rule R0055.
var ctcR0055 = &Rule{
	ID:           "ctc-r0055",
	Codes:        []string{"R0055"},
	Summary:      "goods item numbers are unique in unloading remarks or a goods release (R0055)",
	Severity:     Error,
	MessageTypes: unloadingOutcomeMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0055, on unloading remarks (IE044) and the goods release notification (IE025): a
consignment item's declarationGoodsItemNumber and goodsItemNumber name the item of the
declaration it reports on, or the next free numbers for a new item. customslint checks what
the message alone decides: declarationGoodsItemNumber is unique in the message, and
goodsItemNumber in its house consignment.

Failing:

    <ConsignmentItem>
      <goodsItemNumber>1</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    ...
    <ConsignmentItem>
      <goodsItemNumber>2</goodsItemNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>

Passing: declarationGoodsItemNumber 1 and 2.
`,
	Check: func(p *Pass) {
		seen := map[string]bool{}
		for _, el := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber") {
			v := strings.TrimSpace(el.Text())
			if seen[v] {
				p.Reportf(el, "declarationGoodsItemNumber %s is used by two consignment items (R0055)", v)
			}
			seen[v] = true
		}
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			seen := map[string]bool{}
			for _, el := range elementsAt(hc, "ConsignmentItem/goodsItemNumber") {
				v := strings.TrimSpace(el.Text())
				if seen[v] {
					p.Reportf(el, "goodsItemNumber %s is used by two consignment items of this house consignment (R0055)", v)
				}
				seen[v] = true
			}
		}
	},
}

// ctcR0987 checks NCTS rule R0987.
var ctcR0987 = &Rule{
	ID:           "ctc-r0987",
	Codes:        []string{"R0987"},
	Summary:      "sequence numbers run 1, 2, 3 ... in each data group (R0987)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC022C", "CC029C", "CC043C", "CC055C", "CC060C", "CC170C", "CC182C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0987: the sequenceNumber of a repeated data group (offices of transit,
guarantees, house consignments, packagings, seals, documents ...) numbers its iterations under
the same parent from 1 up by 1, in order.

Failing:

    <CountryOfRoutingOfConsignment>
      <sequenceNumber>1</sequenceNumber>
      <country>GB</country>
    </CountryOfRoutingOfConsignment>
    <CountryOfRoutingOfConsignment>
      <sequenceNumber>3</sequenceNumber>
      <country>FR</country>
    </CountryOfRoutingOfConsignment>

Passing: 1, then 2.
`,
	Check: func(p *Pass) {
		walkAll(p.Root, func(parent xsd.Element) {
			groups := map[string][]xsd.Element{}
			var order []string
			for c := parent.FirstChild(); c.Valid(); c = c.Next() {
				seq := c.ChildByLocalName("sequenceNumber")
				if !seq.Valid() {
					continue
				}
				if _, ok := groups[c.LocalName()]; !ok {
					order = append(order, c.LocalName())
				}
				groups[c.LocalName()] = append(groups[c.LocalName()], seq)
			}
			for _, name := range order {
				checkSequential(p, groups[name], name+"/sequenceNumber", "R0987")
			}
		})
	},
}

// ctcR0988 checks NCTS rule R0988.
var ctcR0988 = &Rule{
	ID:           "ctc-r0988",
	Codes:        []string{"R0988"},
	Summary:      "goods item numbers run 1, 2, 3 ... in each house consignment (R0988)",
	Severity:     Error,
	MessageTypes: declarationAndUnloadingMessages,
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0988: ConsignmentItem/goodsItemNumber numbers the items of a house consignment
from 1 up by 1, in order.

Failing:

    <goodsItemNumber>1</goodsItemNumber>
    ...
    <goodsItemNumber>3</goodsItemNumber>

Passing: 1, then 2.
`,
	Check: func(p *Pass) {
		for _, hc := range elementsAt(p.Root, "Consignment/HouseConsignment") {
			checkSequential(p, elementsAt(hc, "ConsignmentItem/goodsItemNumber"), "goodsItemNumber", "R0988")
		}
	},
}

// checkSequential reports elements whose i-th (from 1) value is not i.
func checkSequential(p *Pass, els []xsd.Element, what, id string) {
	for i, el := range els {
		v := strings.TrimSpace(el.Text())
		if n, ok := wholeNumber(v); ok && n == i+1 {
			continue
		}
		p.Reportf(el, "%s is %s in the %s iteration; iterations are numbered 1, 2, 3 ... in order (%s)", what, v, ordinal(i+1), id)
	}
}

func init() {
	register(ctcR0007, ctcR0054, ctcR0055, ctcR0987, ctcR0988)
}
