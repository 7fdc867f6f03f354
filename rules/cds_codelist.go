package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/xsd"
)

// cdsCodeField ties the CDS elements at a path to a code list.
type cdsCodeField struct {
	// path is the end of the element's path, in local names
	// ("Address/CountryCode" is every party's and the goods location's
	// address country); it matches wherever it occurs in the message.
	path string
	wco  string // the WCO data element ID of the element in the CDS model
	de   string // HMRC's data element number, for the documentation
	// lists are the lists that may supply the codes, by ID: the first one
	// available is checked; none available, the element is not checked.
	lists []string
	// code returns the code to look up from the element, or false to skip
	// it; nil means the element's text.
	code func(e xsd.Element, text string) (string, bool)
	// up is path's names from the element up, split once (cdsFieldsByName).
	up []string
	// byCountry: the list decides only the codes of the countries it has
	// codes of (offices: HMRC's lists have GB's offices; an EU office, as
	// on NI and indirect exports, is not checked).
	byCountry bool
}

const (
	cdsCountry  = "cds-country"
	cdsCurrency = "cds-currency"
)

// cdsCodeFields are the CDS elements whose values come from a code list,
// read from the CDS model (model/src/cds: element names, WCO IDs) and
// HMRC's completion notes. The lists of all but the last part are built
// in; those of the last are checked only when loaded with --codelists.
var cdsCodeFields = []cdsCodeField{
	{path: "Address/CountryCode", wco: "242", de: "3/x and 5/23 addresses", lists: []string{cdsCountry}},
	{path: "ExportCountry/ID", wco: "062", de: "5/14", lists: []string{cdsCountry}},
	{path: "Destination/CountryCode", wco: "465", de: "5/8", lists: []string{cdsCountry}},
	{path: "Itinerary/RoutingCountryCode", wco: "064", de: "5/18", lists: []string{cdsCountry}},
	{path: "BorderTransportMeans/RegistrationNationalityCode", wco: "T014", de: "7/15", lists: []string{cdsCountry}},
	{path: "Origin/CountryCode", wco: "063", de: "5/15, 5/16", lists: []string{cdsCountry}, code: originCountry},
	{path: "CurrencyExchange/CurrencyTypeCode", wco: "135", de: "4/15", lists: []string{cdsCurrency}},
	{path: "Declaration/TypeCode", wco: "D013", de: "1/1, 1/2"}, // checked by checkDeclarationType
	{path: "Amendment/ChangeReasonCode", wco: "099", de: "", lists: []string{"cds-change-reason"}},
	{path: "Response/FunctionCode", wco: "017", de: "", lists: []string{"cds-notification-function"}},
	{path: "Pointer/DocumentSectionCode", wco: "375", de: "", lists: []string{codelists.SectionCodeList}},
	{path: "GoodsLocation/TypeCode", wco: "L110", de: "5/23", lists: []string{"cds-goods-location-type"}},
	{path: "GoodsLocation/Address/TypeCode", wco: "410", de: "5/23", lists: []string{"cds-goods-location-qualifier"}},
	{path: "BorderTransportMeans/ModeCode", wco: "T022", de: "7/4", lists: []string{"cds-transport-mode"}},
	{path: "ArrivalTransportMeans/ModeCode", wco: "T020", de: "7/5", lists: []string{"cds-transport-mode"}},
	{path: "DepartureTransportMeans/ModeCode", wco: "T021", de: "7/5", lists: []string{"cds-transport-mode"}},
	{path: "BorderTransportMeans/IdentificationTypeCode", wco: "T018", de: "7/14", lists: []string{"cds-transport-id-type"}},
	{path: "ArrivalTransportMeans/IdentificationTypeCode", wco: "T034", de: "7/9", lists: []string{"cds-transport-id-type"}},
	{path: "DepartureTransportMeans/IdentificationTypeCode", wco: "T029", de: "7/7", lists: []string{"cds-transport-id-type"}},
	{path: "CustomsValuation/MethodCode", wco: "122", de: "4/16", lists: []string{"cds-valuation-method"}},
	{path: "TradeTerms/ConditionCode", wco: "090", de: "4/1", lists: []string{"cds-incoterm"}},
	{path: "Origin/TypeCode", wco: "501", de: "5/15, 5/16", lists: []string{"cds-origin-type"}},
	{path: "Freight/PaymentMethodCode", wco: "098", de: "4/2", lists: []string{"cds-transport-charges-payment"}},
	{path: "Agent/FunctionCode", wco: "102", de: "3/21", lists: []string{"cds-representative-status"}},
	{path: "AEOMutualRecognitionParty/RoleCode", wco: "R005", de: "3/37", lists: []string{"cds-supply-chain-role"}},
	{path: "Warehouse/TypeCode", wco: "L112", de: "2/7", lists: []string{"cds-warehouse-type"}},

	// Offices: built in from HMRC's exports frontend (GB offices); the
	// offices of countries the list has none of are not checked.
	{path: "ExitOffice/ID", wco: "G005", de: "5/12", lists: []string{"cds-office-of-exit"}, byCountry: true},
	{path: "SupervisingOffice/ID", wco: "G012", de: "5/27", lists: []string{"cds-supervising-office"}, byCountry: true},

	// Built in through the NCTS lists, or loaded.
	{path: "Packaging/TypeCode", wco: "141", de: "6/9", lists: []string{"cds-package-type", "CL017"}},
	{path: "DangerousGoods/UNDGID", wco: "506", de: "6/12", lists: []string{"CL101"}},
	{path: "Classification/ID", wco: "145", de: "6/13 (when IdentificationTypeCode CV)", lists: []string{"CL016"}, code: cusCode},

	// Loaded lists only.
	{path: "AuthorisationHolder/CategoryCode", wco: "R145", de: "3/39", lists: []string{"cds-authorisation-type"}},
	{path: "PreviousDocument/TypeCode", wco: "D019", de: "2/1", lists: []string{"cds-previous-document-type"}},
	{path: "AdditionalDocument/TypeCode", wco: "D006", de: "2/3 (category+type: C501)", lists: []string{"cds-document-code"}, code: documentCode},
	{path: "GovernmentProcedure/CurrentCode", wco: "166", de: "1/10 (current+previous: 4000)", lists: []string{"cds-procedure"}, code: procedureCode},
	{path: "GovernmentProcedure/CurrentCode", wco: "166", de: "1/11 (three characters)", lists: []string{"cds-additional-procedure"}, code: additionalProcedureCode},
	{path: "TradeTerms/LocationID", wco: "L002", de: "4/1 (UN/LOCODE)", lists: []string{"CL244"}},
}

// originCountry: Origin/CountryCode also takes EU, and for preferential
// origin the number of a group of countries (1011 ...), which no list
// here holds.
func originCountry(_ xsd.Element, v string) (string, bool) {
	if v == "EU" || len(v) != 2 {
		return "", false
	}
	return v, true
}

// documentCode is an additional document's code: its category and type
// (C and 501 give C501).
func documentCode(e xsd.Element, v string) (string, bool) {
	cat, ok := textAt(e.Parent(), "CategoryCode")
	if !ok || cat == "" || v == "" {
		return "", false
	}
	return cat + v, true
}

// procedureCode is the procedure code of a GovernmentProcedure with a
// two-digit CurrentCode: it and PreviousCode (40 and 00 give 4000).
func procedureCode(e xsd.Element, v string) (string, bool) {
	prev, ok := textAt(e.Parent(), "PreviousCode")
	if len(v) != 2 || !ok || len(prev) != 2 {
		return "", false
	}
	return v + prev, true
}

// additionalProcedureCode is the CurrentCode of a GovernmentProcedure that
// gives an additional procedure code (three characters).
func additionalProcedureCode(_ xsd.Element, v string) (string, bool) {
	return v, len(v) == 3
}

// cusCode is a Classification/ID whose IdentificationTypeCode says it is a
// CUS code (CV).
func cusCode(e xsd.Element, v string) (string, bool) {
	t, _ := textAt(e.Parent(), "IdentificationTypeCode")
	return v, t == "CV"
}

// cdsCodeList checks CDS codes against their code lists.
var cdsCodeList = &Rule{
	ID:           "cds-codelist",
	Codes:        []string{"CDS10020", "CDS12052"},
	Summary:      "CDS codes (countries, currencies, declaration types, change reasons, section codes, transport modes ...) are in their code lists",
	Severity:     Error,
	MessageTypes: []string{"CDS-DEC", "CDS-COR", "CDS-INV", "CDS-GPR", "CDS-RES"},
	Doc: `The DMS schema takes almost any short string where CDS expects a code: a country must be one
of the country codes, a currencyID one of the currencies, a pointer's DocumentSectionCode one of
the WCO classes. CDS rejects an unknown code after the schema has passed. This rule looks every
such code up in its list and reports a code the list lacks, naming the list and the value. A code
is checked only when its list is available: the lists customslint carries (codelists/data and,
for section codes, the CDS model) and those loaded with --codelists DIR; a loaded list replaces a
built-in one of the same ID (HMRC's countryCodes.json replaces cds-country). Codes are compared
exactly: "gb" is not GB.

Special cases: Declaration/TypeCode of a declaration (FunctionCode 9) is a declaration type
(IM, EX, CO: cds-declaration-type) followed by an additional declaration type (cds-additional-
declaration-type); Origin/CountryCode may also be EU or, for preferential origin, a group of
countries (digits), which are not checked; every currencyID attribute is a currency
(cds-currency), reported at the element that carries it. The offices of exit (DE 5/12) and
supervising offices (DE 5/27) built in are HMRC's GB offices: an office of a country the list has
no office of (an EU office on NI or indirect exports, IEDUB100) is not checked.

CDS answers an unknown code with CDS10020, an invalid value (HMRC's Trade Test 1 export with
office of exit GB999999 was answered with DMS10020, the code's earlier number, at G005), and a
declaration type it does not know with CDS12052; findings on a notification carry no code.

Failing:

    <Exporter>
      <Address>
        <CountryCode>UK</CountryCode>
    ...
    <InvoiceAmount currencyID="GPB">4820.00</InvoiceAmount>

Passing:

    <Exporter>
      <Address>
        <CountryCode>GB</CountryCode>
    ...
    <InvoiceAmount currencyID="GBP">4820.00</InvoiceAmount>
`,
	Check: checkCDSCodeLists,
}

func init() {
	cdsCodeList.Doc += "\nElements and their lists (WCO ID, HMRC's data element; the first list available is used):\n\n" + cdsCodeFieldsDoc()
	register(cdsCodeList)
}

// cdsCodeFieldsDoc lists the table for the rule's documentation.
func cdsCodeFieldsDoc() string {
	var b strings.Builder
	for _, f := range cdsCodeFields {
		lists := strings.Join(f.lists, " or ")
		de := "DE " + f.de
		if f.de == "" {
			de = "-"
		}
		if f.path == "Declaration/TypeCode" {
			lists = "cds-declaration-type + cds-additional-declaration-type"
		}
		fmt.Fprintf(&b, "    %-48s %-4s  %-33s %s\n", f.path, f.wco, de, lists)
	}
	fmt.Fprintf(&b, "    %-48s %-4s  %-33s %s\n", "@currencyID (of any amount)", "", "DE 4/x", cdsCurrency)
	return b.String()
}

// cdsFieldsByName indexes cdsCodeFields by the element's local name.
var cdsFieldsByName = func() map[string][]*cdsCodeField {
	m := map[string][]*cdsCodeField{}
	for i := range cdsCodeFields {
		f := &cdsCodeFields[i]
		names := strings.Split(f.path, "/")
		slices.Reverse(names)
		f.up = names
		m[names[0]] = append(m[names[0]], f)
	}
	return m
}()

// cdsFieldNames are the keys of cdsFieldsByName, sorted (a stable order of
// work; findings are sorted by position anyway).
var cdsFieldNames = func() []string {
	var out []string
	for n := range cdsFieldsByName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}()

// endsWith reports whether e's path ends with the local names up, listed
// from e upwards.
func endsWith(e xsd.Element, up []string) bool {
	for _, name := range up {
		if !e.Is(name) {
			return false
		}
		e = e.Parent()
	}
	return true
}

func checkCDSCodeLists(p *Pass) {
	for _, e := range p.WithAttr("currencyID") {
		if v, _ := e.Attr("currencyID"); strings.TrimSpace(v) != "" {
			v = strings.TrimSpace(v)
			checkCode(p, e, func() string { return fmt.Sprintf("currencyID %q of %s", v, e.LocalName()) }, v, currencyLists)
		}
	}
	for _, name := range cdsFieldNames {
		for _, e := range p.Named(name).All() {
			for _, f := range cdsFieldsByName[name] {
				if !endsWith(e, f.up) {
					continue
				}
				if f.path == "Declaration/TypeCode" {
					checkDeclarationType(p, e)
					continue
				}
				text := strings.TrimSpace(e.Text())
				code := text
				if f.code != nil {
					var ok bool
					if code, ok = f.code(e, text); !ok {
						continue
					}
				}
				if code == "" {
					continue // the schema reports an empty code
				}
				what := func() string {
					if code != text {
						return fmt.Sprintf("%s %q (code %s)", f.path, text, code)
					}
					return fmt.Sprintf("%s %q", f.path, text)
				}
				if f.byCountry && !coveredCountry(p, code, f.lists) {
					continue
				}
				checkCode(p, e, what, code, f.lists)
			}
		}
	}
}

// coveredCountry reports whether the first available of lists has codes
// of the country code begins with (GB of GB000060).
func coveredCountry(p *Pass, code string, lists []string) bool {
	for _, id := range lists {
		if l, ok := p.Config.CodeLists.Lookup(id); ok {
			return len(code) >= 2 && l.Countries()[code[:2]]
		}
	}
	return false
}

// currencyLists is where currencyID codes are looked up.
var currencyLists = []string{cdsCurrency}

// checkCode reports code at e when the first available of lists lacks it.
func checkCode(p *Pass, e xsd.Element, what func() string, code string, lists []string) {
	for _, id := range lists {
		l, ok := p.Config.CodeLists.Lookup(id)
		if !ok {
			continue
		}
		if !l.Has(code) {
			p.reportCode(e, codeListCode(p), "%s is not in code list %s%s", what(), l.Label(), caseHint(l, code))
		}
		return
	}
	if p.Config.Unchecked != nil && len(lists) > 0 {
		p.Config.Unchecked.Add(cdsPathOf(e), strings.Join(lists, " or "))
	}
}

// codeListCode is the code CDS answers an unknown code with: CDS10020
// (invalid value) in what a trader sends, none in a notification, which
// CDS sends.
func codeListCode(p *Pass) string {
	if p.MessageType == cdsRES {
		return NoCode
	}
	return "CDS10020"
}

// cdsPathOf names a CDS element for the unchecked data items: the names of
// it and its parent (ExitOffice/ID).
func cdsPathOf(e xsd.Element) string {
	if par := e.Parent(); par.LocalName() != "" {
		return par.LocalName() + "/" + e.LocalName()
	}
	return e.LocalName()
}

// caseHint points out a code the list holds in upper case, and GB for
// the United Kingdom's UK.
func caseHint(l *codelists.List, code string) string {
	if strings.EqualFold(code, "UK") && l.Has("GB") {
		return " (did you mean GB? The United Kingdom's country code is GB, not UK)"
	}
	if up := strings.ToUpper(code); up != code && l.Has(up) {
		return fmt.Sprintf(" (codes are case-sensitive: %s is)", up)
	}
	return ""
}

// checkDeclarationType checks the TypeCode of a declaration (FunctionCode
// 9): a declaration type and an additional declaration type.
func checkDeclarationType(p *Pass, e xsd.Element) {
	if fc, _ := textAt(e.Parent(), "FunctionCode"); fc != "9" {
		return // amendments, cancellations and goods presentations say COR, INV, GPR
	}
	types, ok1 := p.Config.CodeLists.Lookup("cds-declaration-type")
	extra, ok2 := p.Config.CodeLists.Lookup("cds-additional-declaration-type")
	v := strings.TrimSpace(e.Text())
	switch {
	case v == "" || !ok1 || !ok2:
	case len(v) != 3:
		p.reportCode(e, "CDS12052", "Declaration/TypeCode %q is not a declaration type of %s (IM, EX, CO) followed by an additional declaration type of %s (A, D, Z ...)", v, types.Label(), extra.Label())
	case !types.Has(v[:2]):
		p.reportCode(e, "CDS12052", "Declaration/TypeCode %q: declaration type %q is not in code list %s%s", v, v[:2], types.Label(), caseHint(types, v[:2]))
	case !extra.Has(v[2:]):
		p.reportCode(e, "CDS12052", "Declaration/TypeCode %q: additional declaration type %q is not in code list %s%s", v, v[2:], extra.Label(), caseHint(extra, v[2:]))
	}
}

// cdsCodeListField is one row of the table of cds-codelist.
type cdsCodeListField struct {
	Path  string   // the end of the element's path: Address/CountryCode
	WCO   string   // the element's WCO data element ID in the CDS model
	Lists []string // the lists that may supply its codes, first available wins
}

// cdsCodeLists returns the CDS elements cds-codelist checks and their
// lists (currencyID attributes aside: every one takes cds-currency).
func cdsCodeLists() []cdsCodeListField {
	out := make([]cdsCodeListField, 0, len(cdsCodeFields))
	for _, f := range cdsCodeFields {
		lists := f.lists
		if f.path == "Declaration/TypeCode" {
			lists = []string{"cds-declaration-type", "cds-additional-declaration-type"}
		}
		out = append(out, cdsCodeListField{Path: f.path, WCO: f.wco, Lists: append([]string(nil), lists...)})
	}
	return out
}
