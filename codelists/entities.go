package codelists

// EntityCL gives the NCTS code list number of an EU CS/RD2 entity name, so
// that a list loaded from HMRC's reference data under its entity name is
// found by its number too.
var EntityCL = map[string]string{
	"CountryCodesFullList":                "CL008",
	"CountryCodesCommonTransit":           "CL009",
	"CountryCodesCommunity":               "CL010",
	"CurrencyCodes":                       "CL048",
	"CountryCodesCTC":                     "CL112",
	"CountryCustomsSecurityAgreementArea": "CL147",
	"CustomsOffices":                      "CL141",
	"CountryWithoutZip":                   "CL505",
}
