package rules

// Names the external tests (package rules_test) use; the package itself
// exports only what other packages need.
var (
	MRNCheckCharacter = mrnCheckCharacter
	Elements          = elementsAt
	First             = firstAt
	Has               = hasAt
	Text              = textAt
	Texts             = textsAt
	Ancestor          = ancestorNamed
)
