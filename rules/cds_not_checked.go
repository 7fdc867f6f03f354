package rules

import (
	"maps"
	"slices"
	"strings"
)

// The DMS validation codes CDS answers declarations with (HMRC's exports
// frontend lists them: CDS10001 ... CDS77005) that no rule anticipates,
// with the reason, so that every code is accounted for (a test compares
// the record with HMRC's list). A rule that anticipates a code lists it in
// its Codes.

var cdsNotChecked = map[string]string{}

// cdsNotCheckedBecause records CDS validation codes no rule anticipates.
func cdsNotCheckedBecause(reason string, codes ...string) {
	for _, c := range codes {
		if _, dup := cdsNotChecked[c]; dup {
			panic("rules: CDS code " + c + " recorded twice")
		}
		cdsNotChecked[c] = reason
	}
}

// cdsLegacyCodes are the earlier DMS numbers of CDS codes that HMRC's 2018
// Trade Test 1 notifications answer with (DMS10010 is today's CDS10010).
var cdsLegacyCodes = map[string]string{
	"DMS10001": "CDS10001",
	"DMS10010": "CDS10010",
	"DMS10020": "CDS10020",
	"DMS12050": "CDS12050",
}

// cdsCodeRules returns the rules that anticipate a CDS validation code:
// those that list it (or its DMS number) in their Codes.
func cdsCodeRules(code string) []string {
	var ids []string
	for _, r := range All() {
		for _, c := range r.Codes {
			if c == code || strings.TrimPrefix(c, "DMS") == strings.TrimPrefix(code, "CDS") && strings.HasPrefix(c, "DMS") {
				ids = append(ids, r.ID)
				break
			}
		}
	}
	return ids
}

// cdsCodeEntries returns every CDS validation code customslint accounts
// for, sorted: those the rules anticipate and those not checked.
func cdsCodeEntries() []string {
	seen := maps.Clone(cdsNotChecked)
	for _, r := range All() {
		for _, c := range r.Codes {
			if n, ok := strings.CutPrefix(c, "DMS"); ok {
				c = "CDS" + n
			}
			if strings.HasPrefix(c, "CDS") {
				seen[c] = ""
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// cdsNotCheckedEntries returns the CDS codes no rule anticipates, with the
// reason.
func cdsNotCheckedEntries() map[string]string { return maps.Clone(cdsNotChecked) }

// Reasons, by what a code needs that a declaration alone does not hold.
const (
	cdsWhyRegister  = "needs HMRC's registers (EORI, VAT, authorisations, deferment accounts)"
	cdsWhyLicence   = "needs the licence register (licences, their holders, types, balances and validity)"
	cdsWhyTariff    = "needs the tariff in force on the acceptance date (measures, conditions, quotas, commodity codes)"
	cdsWhyCalc      = "needs the calculation of customs value and duties (tariff rates, exchange rates)"
	cdsWhyState     = "needs CDS's record of earlier messages or the declaration's state"
	cdsWhyMovements = "answers inventory linking (movements: arrivals, departures, consolidations, ALVS), not a declaration"
	cdsWhyTables    = "needs HMRC's tables of which codes go together (procedures, additional procedures, documents, authorisations, countries), which customslint does not carry"
	cdsWhyGeneric   = "generic code: it stands for many combination rules of the completion instructions, not published as data; a decidable case would be a rule of its own"
	cdsWhySystem    = "a summary or system code with no data element of its own"
	cdsWhyNotYet    = "decidable from the declaration; no rule yet"
)

func init() {
	cdsNotCheckedBecause(cdsWhyRegister,
		"CDS12005", "CDS12007", "CDS12013", "CDS12125", "CDS12150", "CDS12157", "CDS12170",
		"CDS50027", "CDS50028")
	cdsNotCheckedBecause("needs to know which EORI country codes CDS supports, which HMRC does not publish", "CDS12153")
	cdsNotCheckedBecause(cdsWhyLicence,
		"CDS12006", "CDS12151", "CDS70711", "CDS70719", "CDS70724", "CDS70739", "CDS70740",
		"CDS70758", "CDS70760", "CDS70761", "CDS70791", "CDS71115", "CDS71201", "CDS71203",
		"CDS71204", "CDS71206", "CDS71216", "CDS71236", "CDS71252", "CDS71262", "CDS73329",
		"CDS77003", "CDS77004")
	cdsNotCheckedBecause(cdsWhyTariff,
		"CDS10004", "CDS12068", "CDS12101", "CDS12110", "CDS40007", "CDS40010", "CDS40011",
		"CDS40012", "CDS40013", "CDS40044", "CDS40045", "CDS40047", "CDS40049", "CDS40053",
		"CDS40059", "CDS40066", "CDS40068", "CDS40069")
	cdsNotCheckedBecause(cdsWhyCalc, "CDS10045")
	cdsNotCheckedBecause("CDS's credibility thresholds are not published", "CDS13000")
	cdsNotCheckedBecause(cdsWhyState,
		"CDS11007", "CDS11012", "CDS12003", "CDS12014", "CDS12024", "CDS12031", "CDS12034",
		"CDS12036", "CDS12046", "CDS12062", "CDS12069")
	cdsNotCheckedBecause(cdsWhyMovements,
		"CDS12044", "CDS20001", "CDS20002", "CDS20003", "CDS50000", "CDS50001", "CDS50003",
		"CDS50008", "CDS50015", "CDS50018", "CDS50031")
	cdsNotCheckedBecause(cdsWhyTables,
		"CDS12080", "CDS12095", "CDS12103", "CDS12096", "CDS12097", "CDS12098", "CDS12100", "CDS12104",
		"CDS12105", "CDS12106", "CDS12107", "CDS12112", "CDS12114", "CDS12115", "CDS12119",
		"CDS12120", "CDS12121", "CDS12136", "CDS12138", "CDS77000", "CDS77001", "CDS77002",
		"CDS77005")
	cdsNotCheckedBecause("generic code for a value another data element requires; HMRC's TT_IM014a got it twice for SPV "+
		"(additional procedure E01 with its additional information code), whose conditions changed with the tariff of "+
		"January 2021: a tariff decision", "CDS12077")
	cdsNotCheckedBecause(cdsWhyGeneric,
		"CDS12042", "CDS12056", "CDS12066", "CDS12067", "CDS12070", "CDS12072", "CDS12074",
		"CDS12075", "CDS12079", "CDS12171", "CDS12172")
	cdsNotCheckedBecause("the xsd stage checks the schema's occurrence limits; CDS's tighter ones per declaration category are not checked yet", "CDS10003")
	cdsNotCheckedBecause("when the CLE previous document's date must equal the acceptance date is not published: HMRC's accepted aggregated "+
		"supplementary declaration (IMZ_Aggregated_Supplementary_Declaration) has CLE 20250715 and acceptance date 2025-07-31", "CDS12156")
	cdsNotCheckedBecause(cdsWhySystem, "CDS19999", "CDS49999")
	cdsNotCheckedBecause(cdsWhyNotYet,
		"CDS10021", "CDS12057", "CDS12078", "CDS12081", "CDS12082", "CDS12083", "CDS12084",
		"CDS12086", "CDS12087", "CDS12088", "CDS12089", "CDS12090", "CDS12091", "CDS12092",
		"CDS12099", "CDS12102", "CDS12108", "CDS12109", "CDS12111", "CDS12113",
		"CDS12117", "CDS12118", "CDS12123", "CDS12026", "CDS12132", "CDS12133", "CDS12134",
		"CDS12135", "CDS12139", "CDS12141", "CDS12143", "CDS12144", "CDS12145", "CDS12146",
		"CDS12147", "CDS12148", "CDS12154", "CDS12155", "CDS12158", "CDS40070",
		"CDS40071", "CDS40072", "CDS40073", "CDS40074")
}
