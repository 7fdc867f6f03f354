package rules

import "fmt"

// cdsGPRInventoryLinked checks that no goods presentation is sent for a
// declaration at an inventory-linked location.
var cdsGPRInventoryLinked = &Rule{
	ID:           "cds-gpr-inventory-linked",
	Codes:        []string{"CDS12015"},
	Summary:      "no goods presentation (13/GPR) for an inventory-linked declaration (MCR previous document or inventory-linked goods location)",
	Severity:     Error,
	MessageTypes: []string{"CDS-GPR"},
	// The declarations, amendments and notifications of the run tell
	// a goods presentation whether its declaration is inventory-linked.
	ExportTypes: []string{"CDS-DEC", "CDS-COR", "CDS-RES"},
	Export: func(p *Pass) {
		p.ExportFact(cdsFactsOf(p.Root, p.Name, p.MessageType))
	},
	Doc: `At an inventory-linked location (a port or airport whose community system, the CSP, tracks the
goods) the CSP tells CDS that the goods have arrived: a trader's own goods presentation (Declaration
FunctionCode 13, TypeCode GPR) for such a declaration is rejected (DMSREJ with validation code
CDS12015). A declaration is inventory-linked when it carries a previous document of type MCR (the
master consignment reference the CSP gave the goods), or when its goods location is one listed as
inventory-linked in .customslint.yaml (inventoryLinkedLocations: full codes such as GBAUFXTFXTFXT
or the identification alone, FXTFXTFXT).

customslint decides from the original declaration when it is among the files checked in the same
run, or in a folder given with --context DIR (read, not checked). The goods presentation is matched
to it by LRN (FunctionalReferenceID stays the same across the declaration, its amendments and its
goods presentation) or by MRN (the goods presentation's Declaration/ID: the MRN an amendment
carries, or the one a DMS notification in the run gave the declaration's LRN). Every match is
considered, in path order, so the verdict does not depend on how files are listed or on --jobs;
the finding names the file and line that make the declaration inventory-linked. A goods
presentation whose declaration is not among the files gets no finding from this rule (unless it
names an inventory-linked goods location itself).

Failing (decl.xml carries <PreviousDocument><TypeCode>MCR</TypeCode>...; gpr.xml, checked with it):

    <FunctionCode>13</FunctionCode>
    <FunctionalReferenceID>CLT26IM0314A01</FunctionalReferenceID>
    <ID>26GBK7QX3M9D2PLR47</ID>
    <TypeCode>GPR</TypeCode>

Passing: the same goods presentation for a declaration at a location that is not inventory-linked
(no MCR previous document, goods location not in inventoryLinkedLocations).
`,
	Check: func(p *Pass) {
		decl := firstAt(p.Root, "Declaration")
		if !decl.Valid() {
			return
		}
		at := firstAt(decl, "TypeCode")
		if !at.Valid() {
			at = decl
		}
		own := cdsFactsOf(p.Root, p.Name, p.MessageType)
		for _, gl := range own.Locations {
			if inventoryLinked(p.Config, gl) {
				p.Reportf(at, "a goods presentation must not be sent for goods at an inventory-linked location: its goods location %s is listed as inventory-linked; the CSP presents them (CDS rejects this with CDS12015)", gl.Code)
				return
			}
		}
		if p.Config.Corpus == nil {
			return
		}
		for _, d := range cdsDeclarations(p.Config.Corpus, own.LRN, own.MRN) {
			why := ""
			switch {
			case d.MCRLine > 0:
				why = fmt.Sprintf("it carries a previous document of type MCR (%s:%d)", d.Path, d.MCRLine)
			default:
				for _, gl := range d.Locations {
					if inventoryLinked(p.Config, gl) {
						why = fmt.Sprintf("its goods location %s is listed as inventory-linked (%s:%d)", gl.Code, d.Path, gl.Line)
						break
					}
				}
			}
			if why == "" {
				continue
			}
			by := "LRN " + d.LRN
			if own.LRN == "" || own.LRN != d.LRN {
				by = "MRN " + own.MRN
			}
			p.Reportf(at, "a goods presentation must not be sent for an inventory-linked declaration: the declaration with %s is inventory-linked because %s; the CSP presents the goods (CDS rejects this with CDS12015)", by, why)
			return
		}
	},
}

func init() { register(cdsGPRInventoryLinked) }
