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

// Rule registry and tables the external tests inspect.
var (
	Register       = register
	CTCCodeLists   = ctcCodeLists
	CDSCodeLists   = cdsCodeLists
	NCTSChecked    = nctsChecked
	NCTSNotChecked = notCheckedEntries
	CDSNotChecked  = cdsNotCheckedEntries
	CDSCodeRules   = cdsCodeRules
	CDSCodeEntries = cdsCodeEntries
	CDSLegacyCodes = cdsLegacyCodes
)

// The procedure code tables generated from the CSVs (cds_procedure_codes_gen.go).
var (
	CDSTwoDigitCodes    = cdsTwoDigitCodes
	CDSFourDigitCodes   = cdsFourDigitCodes
	CDSAPCLinks         = cdsAPCLinks
	CDSAPCCompleteLists = cdsAPCCompleteLists
)
