package codelists

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/customslint/customslint/model"
)

// The CDS lists customslint carries are in data/cds*.txt (IDs "cds-...");
// the WCO document section codes come from the CDS model instead, so that
// the model stays their one source.

// SectionCodeList is the ID of the WCO document section codes.
const SectionCodeList = "cds-section-code"

// sectionCode is the form of a WCO class ID: 42A, 07B, 17C.
var sectionCode = regexp.MustCompile(`^[0-9]{2}[A-Z]$`)

// cdsSectionSchemas are the model schemas whose classes a pointer may name,
// with their global element: the declaration (and amendment, goods
// presentation), the cancellation and the DMS notification.
var cdsSectionSchemas = [][2]string{{"declaration", "Declaration"}, {"cancel", "Declaration"}, {"response", "Response"}}

// The name and source of the section code list.
const (
	sectionCodeListName = "CDSDocumentSectionCodes"
	sectionCodeSource   = "built in (CDS model)"
)

// CDSSectionCodes returns the WCO document section codes of the CDS
// messages (Pointer/DocumentSectionCode: 42A Declaration, 67A
// GoodsShipment ...): the WCO IDs of the classes, the elements that hold
// other elements, of the declaration, cancellation and notification models
// (model/src/cds, through its tables: model.Lookup). The description of a
// code is its class name.
var CDSSectionCodes = sync.OnceValues(func() (*List, error) {
	set, err := model.Lookup("cds")
	if err != nil {
		return nil, err
	}
	codes := map[string]string{}
	for _, s := range cdsSectionSchemas {
		nodes, err := set.Tree(s[0], s[1])
		if err != nil {
			return nil, err
		}
		parents := map[string]bool{}
		for _, n := range nodes {
			if n.Parent != nil {
				parents[n.Parent.Path] = true
			}
		}
		for _, n := range nodes {
			if !parents[n.Path] || n.Element.WCO == "" {
				continue
			}
			if !sectionCode.MatchString(n.Element.WCO) {
				return nil, fmt.Errorf("codelists: %s: class %s has WCO ID %q, not a section code", s[0], n.Path, n.Element.WCO)
			}
			if old, ok := codes[n.Element.WCO]; ok && old != n.Element.Name {
				return nil, fmt.Errorf("codelists: section code %s names %s and %s", n.Element.WCO, old, n.Element.Name)
			}
			codes[n.Element.WCO] = n.Element.Name
		}
	}
	return NewList(SectionCodeList, sectionCodeListName, sectionCodeSource, codes), nil
})

// CDSFiles gives the list ID of HMRC's published CDS lists, by file name
// without extension (customs-declare-exports-frontend conf/code-lists), so
// that Load files them under the IDs the cds-codelist rule checks: a
// loaded countryCodes.json replaces the built-in cds-country. Lists HMRC
// publishes for exports only (procedure codes, previous document types,
// authorisation types) are not mapped: checked against import declarations
// they would refuse valid codes. A file named by a list ID (cds-package-type.json)
// needs no entry.
var CDSFiles = map[string]string{
	"countryCodes":   "cds-country",
	"currencyCodes":  "cds-currency",
	"packageTypes":   "cds-package-type",
	"officeOfExits":  "cds-office-of-exit",
	"customsOffices": "cds-supervising-office",
}
