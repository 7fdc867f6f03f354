package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Facts are how a rule checks across messages, in the style of the facts
// of golang.org/x/tools/go/analysis: a rule with an Export function reads
// what each message of a run tells the others and exports it as Facts
// (Pass.ExportFact); the engine hands whatever was exported to the run's
// Corpus without knowing which rule made it; the rule's Check then finds
// the facts of the other messages by kind (Pass.Config.Corpus.Facts).

// Fact is what one message tells the other messages of a run. Its kind
// names the rule family's facts (cds-message); a Fact must not hold the
// message's Document or Elements, which are freed after the check.
type Fact interface {
	FactKind() string
}

// ExportedFact is a Fact and the message it came from.
type ExportedFact struct {
	Path string // the message's name, as given to customslint
	Fact Fact
}

// Corpus tells rules about the other messages checked in the same run (the
// files and folders given to customslint check, and those given with
// --context), for checks that span messages. It is nil when a message is
// checked alone.
type Corpus interface {
	// Facts returns the facts of this kind that the messages of the run
	// exported, sorted by path (facts of one path in the order exported).
	Facts(kind string) []ExportedFact
}

// FactCollector is a Corpus that learns the messages of a run as the
// engine checks them: the engine hands it what every message exports (a
// run checks the messages that may need others last).
type FactCollector interface {
	Corpus
	AddFacts(facts ...ExportedFact)
}

// ExportFact records a fact of the message the Pass is on; it is for a
// rule's Export function (in Check it does nothing).
func (p *Pass) ExportFact(f Fact) {
	if p.ExportTo != nil {
		p.ExportTo(f)
	}
}

// Exports reports whether the rule exports facts of messages of this type.
func (r *Rule) Exports(messageType string) bool {
	return r.Export != nil && (len(r.ExportTypes) == 0 || slices.Contains(r.ExportTypes, messageType))
}

// CDSFactKind is the kind of CDSFacts.
const CDSFactKind = "cds-message"

// CDSFacts are what a CDS message tells the other messages of a run.
type CDSFacts struct {
	Path        string // as given to customslint
	MessageType string // CDS-DEC, CDS-COR, CDS-INV, CDS-GPR, CDS-RES
	LRN         string // Declaration/FunctionalReferenceID (of a notification: Response/Declaration)
	MRN         string // Declaration/ID
	// MCRLine is the line of the first PreviousDocument of TypeCode MCR (a
	// master consignment reference: the goods are in an inventory-linked
	// location), 0 when there is none.
	MCRLine int
	// Locations are the goods locations the declaration names.
	Locations []GoodsLocation
}

// FactKind implements Fact.
func (CDSFacts) FactKind() string { return CDSFactKind }

// GoodsLocation is a CDS goods location (DE 5/23): its code is country,
// type, qualifier and identification, as in GBAUFXTFXTFXT.
type GoodsLocation struct {
	Code string // GBAUFXTFXTFXT, or the Name alone when the other parts are absent
	Name string // FXTFXTFXT
	Line int
}

// cdsFactsOf reads the facts of a CDS message from its MetaData element.
func cdsFactsOf(md xsd.Element, path, messageType string) CDSFacts {
	f := CDSFacts{Path: path, MessageType: messageType}
	decl := firstAt(md, "Declaration")
	if messageType == "CDS-RES" {
		decl = firstAt(md, "Response/Declaration")
	}
	f.LRN, _ = textAt(decl, "FunctionalReferenceID")
	f.MRN, _ = textAt(decl, "ID")
	for _, pd := range append(elementsAt(decl, "GoodsShipment/PreviousDocument"), elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument")...) {
		if tc, _ := textAt(pd, "TypeCode"); tc == "MCR" {
			f.MCRLine = pd.Line()
			break
		}
	}
	for _, gl := range elementsAt(decl, "GoodsShipment/Consignment/GoodsLocation") {
		f.Locations = append(f.Locations, goodsLocation(gl))
	}
	return f
}

// cdsDeclarations returns the CDS declarations and amendments (CDS-DEC,
// CDS-COR) of the corpus whose LRN (FunctionalReferenceID) is lrn, or
// whose MRN is mrn: their own Declaration/ID, or the MRN a DMS
// notification gave the LRN. Empty arguments match nothing. Sorted by
// path.
func cdsDeclarations(c Corpus, lrn, mrn string) []CDSFacts {
	all := c.Facts(CDSFactKind)
	lrns := map[string]bool{}
	if lrn != "" {
		lrns[lrn] = true
	}
	for _, ef := range all {
		if f, ok := ef.Fact.(CDSFacts); ok && mrn != "" && f.MessageType == "CDS-RES" && f.MRN == mrn && f.LRN != "" {
			lrns[f.LRN] = true
		}
	}
	var out []CDSFacts
	for _, ef := range all {
		f, ok := ef.Fact.(CDSFacts)
		if !ok || (f.MessageType != "CDS-DEC" && f.MessageType != "CDS-COR") {
			continue
		}
		if lrns[f.LRN] || (mrn != "" && f.MRN == mrn) {
			out = append(out, f)
		}
	}
	return out
}

func goodsLocation(gl xsd.Element) GoodsLocation {
	name, _ := textAt(gl, "Name")
	typ, _ := textAt(gl, "TypeCode")
	qual, _ := textAt(gl, "Address/TypeCode")
	country, _ := textAt(gl, "Address/CountryCode")
	line := gl.Line()
	code := name
	if country != "" && typ != "" && qual != "" {
		code = country + typ + qual + name
	}
	return GoodsLocation{Code: code, Name: name, Line: line}
}

// inventoryLinked reports whether a goods location is one the
// configuration lists as inventory-linked (by full code or by name, any
// case).
func inventoryLinked(cfg *Config, gl GoodsLocation) bool {
	for _, l := range cfg.InventoryLinked {
		if gl.Name != "" && (strings.EqualFold(l, gl.Code) || strings.EqualFold(l, gl.Name)) {
			return true
		}
	}
	return false
}
