package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Corpus tells rules about the other messages checked in the same run (the
// files and folders given to customslint check, and those given with
// --context), for checks that span messages. It is nil when a message is
// checked alone.
type Corpus interface {
	// CDSDeclarations returns the CDS declarations and amendments (CDS-DEC,
	// CDS-COR) whose LRN (FunctionalReferenceID) is lrn, or whose MRN is
	// mrn: their own Declaration/ID, or the MRN a DMS notification gave
	// the LRN. Empty arguments match nothing. Sorted by path.
	CDSDeclarations(lrn, mrn string) []CDSFacts
}

// FactCollector is a Corpus that learns the messages of a run as the engine
// checks them: the engine hands it the facts of every CDS message it
// parses (a run checks the messages that may need others last).
type FactCollector interface {
	Corpus
	AddCDSFacts(CDSFacts)
}

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

// GoodsLocation is a CDS goods location (DE 5/23): its code is country,
// type, qualifier and identification, as in GBAUFXTFXTFXT.
type GoodsLocation struct {
	Code string // GBAUFXTFXTFXT, or the Name alone when the other parts are absent
	Name string // FXTFXTFXT
	Line int
}

// CDSFactsOf reads the facts of a CDS message from its MetaData element.
func CDSFactsOf(md xsd.Element, path, messageType string) CDSFacts {
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
