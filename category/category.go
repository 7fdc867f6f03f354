// Package category derives the declaration category of a CDS declaration
// (FunctionCode 9): the HMRC data set (H1, I1 C&F, B1, C21i EIDR NOP, ...)
// that CDS checks the declaration against after the schema.
//
// The category follows from DE 1/1 (the first two letters of TypeCode),
// DE 1/2 (its third letter), DE 1/10 (the requested and previous procedure
// of every goods item) and DE 1/11 (the additional procedure codes). Every
// fact the derivation uses is a row of data/facts.csv, with its source and
// the date it was read; `go generate` turns the CSV into facts_gen.go.
//
// The package depends on nothing else in customslint, so that the rules and
// the report can both use it.
package category

// Category is a declaration category, spelt as HMRC's Volume 3 appendices
// spell it. The zero value means no category.
type Category string

// The closed set of declaration categories. Each comment names the
// appendix that holds the category's data set.
const (
	// H1 is the import declaration for release for free circulation and
	// end-use (Appendix 21A).
	H1 Category = "H1"
	// H2 is the import declaration for customs warehousing (Appendix 21B).
	H2 Category = "H2"
	// H3 is the import declaration for temporary admission (Appendix 21C).
	H3 Category = "H3"
	// H4 is the import declaration for inward processing (Appendix 21D).
	H4 Category = "H4"
	// H5 is the import declaration for goods introduced in the context of
	// trade with special fiscal territories (Appendix 21E; DE 1/1 CO).
	H5 Category = "H5"
	// H6 is the EU data set for postal traffic. CDS lists no H6 data set
	// (CDSSG06030); Derive never returns it.
	H6 Category = "H6"
	// H7 is the super reduced data set (SRDS) for low value consignments
	// (Appendix 21H), selected by additional procedure code 1H7.
	H7 Category = "H7"
	// H8 is the declaration for goods moved from Great Britain into
	// Northern Ireland under the Simplified Process for Internal Market
	// Movements (SPIMM, "green lane"), selected by its additional
	// procedure codes.
	H8 Category = "H8"
	// I1CF is the import simplified declaration on a regular basis
	// (Appendix 21F; DE 1/2 C or F).
	I1CF Category = "I1 C&F"
	// I1BE is the import simplified declaration on an occasional basis
	// (Appendix 21G; DE 1/2 B or E).
	I1BE Category = "I1 B&E"
	// B1 is the export and re-export declaration (Appendix 22A).
	B1 Category = "B1"
	// B2 is the export declaration for outward processing (Appendix 22B).
	B2 Category = "B2"
	// B3 is the EU data set for customs warehousing of Union goods; CDS
	// does not use it (Appendix 22 landing page). Derive never returns it.
	B3 Category = "B3"
	// B4 is the declaration for dispatch of goods to special fiscal
	// territories (Appendix 22C; DE 1/1 CO).
	B4 Category = "B4"
	// C1CF is the export simplified declaration on a regular basis
	// (Appendix 22D; DE 1/2 C or F).
	C1CF Category = "C1 C&F"
	// C1BE is the export simplified declaration on an occasional basis
	// (Appendix 22E; DE 1/2 B or E).
	C1BE Category = "C1 B&E"
	// C21i is the import customs clearance request (CCR) for inventory
	// releases (Appendix 23A; DE 1/2 J or K with a 00 procedure code).
	C21i Category = "C21i"
	// C21iEIDRNOP is the import CCR of goods released by entry in the
	// declarant's records, where the C21 also gives the notification of
	// presentation (Appendix 23B).
	C21iEIDRNOP Category = "C21i EIDR NOP"
	// C21e is the export customs clearance request (Appendix 23C).
	C21e Category = "C21e"
	// C21eEIDRNOP is the export CCR of goods released by entry in the
	// declarant's records, giving the notification of presentation
	// (Appendix 23D).
	C21eEIDRNOP Category = "C21e EIDR NOP"
	// FSD is the final supplementary declaration (Appendix 24; DE 1/2 Q).
	FSD Category = "FSD"
)

// All returns the closed set of categories in the order above.
func All() []Category {
	return []Category{H1, H2, H3, H4, H5, H6, H7, H8, I1CF, I1BE,
		B1, B2, B3, B4, C1CF, C1BE, C21i, C21iEIDRNOP, C21e, C21eEIDRNOP, FSD}
}

// Valid reports whether c is one of the closed set.
func (c Category) Valid() bool {
	for _, k := range All() {
		if c == k {
			return true
		}
	}
	return false
}

// String returns the category as HMRC spells it ("" for no category).
func (c Category) String() string { return string(c) }
