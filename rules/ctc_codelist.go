package rules

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// ctcCodeTie ties NCTS data items to a code list.
type ctcCodeTie struct {
	list  string   // CLnnn
	paths []string // from the message element
	// only limits the tie to these messages; nil: every message of the
	// rule that has the path.
	only []string
	// phase limits the tie to one phase ("ctc-p5", "ctc-p6"); "": both.
	phase string
}

// Abbreviations for the paths below.
const (
	hc = "Consignment/HouseConsignment/"
	ci = "Consignment/HouseConsignment/ConsignmentItem/"
)

// ctcCodeTies are the NCTS phase 5 and 6 data items that take their values
// from a code list, as the EU's message specifications (HMRC's CTC Traders
// TIS) give them, by list. The same data item keeps its list in every
// message unless a tie says otherwise.
var ctcCodeTies = []ctcCodeTie{
	// Countries and languages.
	{list: "CL008", paths: []string{ // every country
		"Consignment/countryOfDispatch", "Consignment/countryOfDestination",
		hc + "countryOfDispatch", hc + "countryOfDestination",
		ci + "countryOfDispatch", ci + "countryOfDestination",
		"Consignment/CountryOfRoutingOfConsignment/country",
		"Consignment/PlaceOfLoading/country", "Consignment/PlaceOfUnloading/country",
	}},
	{list: "CL009", paths: []string{ // common transit countries
		"Consignment/LocationOfGoods/Address/country",
		"Consignment/Incident/Location/country", "Consignment/Incident/Endorsement/country",
	}},
	{list: "CL070", paths: []string{"Guarantor/Address/country"}},
	{list: "CL165", paths: []string{ // nationality of a means of transport
		"Consignment/DepartureTransportMeans/nationality", hc + "DepartureTransportMeans/nationality",
		"Consignment/ActiveBorderTransportMeans/nationality",
		"Consignment/Incident/Transhipment/TransportMeans/nationality",
	}},
	{list: "CL190", paths: []string{"Consignment/LocationOfGoods/PostcodeAddress/country"}},
	{list: "CL248", paths: []string{ // countries of an address
		"HolderOfTheTransitProcedure/Address/country",
		"Consignment/Consignor/Address/country", "Consignment/Consignee/Address/country",
		hc + "Consignor/Address/country", hc + "Consignee/Address/country",
	}},
	{list: "CL248", phase: "ctc-p5", paths: []string{ci + "Consignee/Address/country"}},
	{list: "CL199", phase: "ctc-p6", paths: []string{ci + "Consignee/Address/country"}},
	{list: "CL192", paths: []string{"TransitOperation/communicationLanguageAtDeparture", "TraderAtDestination/communicationLanguageAtDestination"}},

	// Customs offices.
	{list: "CL141", paths: []string{"CustomsOfficeOfIncidentRegistration/referenceNumber", "Consignment/ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber"}},
	{list: "CL171", paths: []string{"CustomsOfficeOfDeparture/referenceNumber"}},
	{list: "CL171", only: []string{"CC013C", "CC015C", "CC029C", "CC170C"}, paths: []string{"Consignment/LocationOfGoods/CustomsOffice/referenceNumber"}},
	{list: "CL172", only: []string{"CC007C"}, paths: []string{"Consignment/LocationOfGoods/CustomsOffice/referenceNumber"}},
	{list: "CL172", paths: []string{"CustomsOfficeOfDestinationDeclared/referenceNumber", "CustomsOfficeOfDestinationActual/referenceNumber"}},
	{list: "CL173", paths: []string{"CustomsOfficeOfTransitDeclared/referenceNumber"}},
	{list: "CL175", paths: []string{"CustomsOfficeOfExitForTransitDeclared/referenceNumber"}},
	{list: "CL177", paths: []string{"CustomsOfficeOfRecoveryAtDeparture/referenceNumber"}},

	// The declaration.
	{list: "CL060", paths: []string{"messageType"}},
	{list: "CL231", paths: []string{"TransitOperation/declarationType"}},
	{list: "CL042", paths: []string{"TransitOperation/additionalDeclarationType"}},
	{list: "CL232", paths: []string{ci + "declarationType"}},
	{list: "CL217", paths: []string{"TransitOperation/security", hc + "securityIndicatorFromExportDeclaration"}},
	{list: "CL296", paths: []string{"TransitOperation/specificCircumstanceIndicator"}},
	{list: "CL235", only: []string{"CC013C", "CC015C", "CC029C"}, paths: []string{"Authorisation/type"}},
	{list: "CL236", only: []string{"CC007C"}, paths: []string{"Authorisation/type"}},
	{list: "CL094", paths: []string{"Representative/status"}},
	{list: "CL251", paths: []string{"Guarantee/guaranteeType"}},
	{list: "CL048", paths: []string{"Guarantee/GuaranteeReference/currency", "RecoveryNotification/currency"}},
	{list: "CL027", paths: []string{ // flags
		"TransitOperation/reducedDatasetIndicator", "TransitOperation/bindingItinerary",
		"TransitOperation/simplifiedProcedure", "TransitOperation/amendmentTypeFlag",
		"Consignment/containerIndicator", "Consignment/Incident/Transhipment/containerIndicator",
		"Invalidation/decision", "Invalidation/initiatedByCustoms",
		"UnloadingRemark/conform", "UnloadingRemark/stateOfSeals", "UnloadingRemark/unloadingCompletion",
	}},
	{list: "CL027", phase: "ctc-p5", paths: []string{"TransitOperation/incidentFlag"}},

	// Transport.
	{list: "CL218", paths: []string{"Consignment/modeOfTransportAtTheBorder", "Consignment/inlandModeOfTransport"}},
	{list: "CL750", paths: []string{
		"Consignment/DepartureTransportMeans/typeOfIdentification", hc + "DepartureTransportMeans/typeOfIdentification",
		"Consignment/Incident/Transhipment/TransportMeans/typeOfIdentification",
	}},
	{list: "CL219", paths: []string{"Consignment/ActiveBorderTransportMeans/typeOfIdentification"}},
	{list: "CL116", paths: []string{"Consignment/TransportCharges/methodOfPayment", hc + "TransportCharges/methodOfPayment"}},
	{list: "CL116", phase: "ctc-p5", paths: []string{ci + "TransportCharges/methodOfPayment"}},

	// Places.
	{list: "CL244", paths: []string{ // UN/LOCODEs
		"Consignment/LocationOfGoods/UNLocode", "Consignment/PlaceOfLoading/UNLocode",
		"Consignment/PlaceOfUnloading/UNLocode", "Consignment/Incident/Location/UNLocode",
	}},
	{list: "CL347", paths: []string{"Consignment/LocationOfGoods/typeOfLocation"}},
	{list: "CL326", paths: []string{"Consignment/LocationOfGoods/qualifierOfIdentification"}},
	{list: "CL038", paths: []string{"Consignment/Incident/Location/qualifierOfIdentification"}},
	{list: "CL019", paths: []string{"Consignment/Incident/code"}},

	// Goods.
	{list: "CL152", paths: []string{ci + "Commodity/CommodityCode/harmonizedSystemSubHeadingCode"}},
	{list: "CL016", paths: []string{ci + "Commodity/cusCode"}},
	{list: "CL101", paths: []string{ci + "Commodity/DangerousGoods/UNNumber"}},
	{list: "CL017", paths: []string{ci + "Packaging/typeOfPackages", ci + "PreviousDocument/typeOfPackages"}},
	{list: "CL349", paths: []string{ci + "PreviousDocument/measurementUnitAndQualifier"}},
	{list: "CL163", paths: []string{hc + "releaseType", ci + "releaseType"}},

	// Documents, references, parties.
	{list: "CL214", paths: []string{"Consignment/PreviousDocument/type", ci + "PreviousDocument/type"}},
	{list: "CL228", paths: []string{hc + "PreviousDocument/type"}},
	{list: "CL213", paths: []string{"Consignment/SupportingDocument/type", hc + "SupportingDocument/type", ci + "SupportingDocument/type"}},
	{list: "CL754", paths: []string{"Consignment/TransportDocument/type", hc + "TransportDocument/type", ci + "TransportDocument/type"}},
	{list: "CL380", paths: []string{"Consignment/AdditionalReference/type", hc + "AdditionalReference/type", ci + "AdditionalReference/type"}},
	{list: "CL239", paths: []string{"Consignment/AdditionalInformation/code", hc + "AdditionalInformation/code", ci + "AdditionalInformation/code"}},
	{list: "CL704", paths: []string{"Consignment/AdditionalSupplyChainActor/role", hc + "AdditionalSupplyChainActor/role", ci + "AdditionalSupplyChainActor/role"}},
	{list: "CL215", paths: []string{"RequestedDocument/documentType"}},

	// What NCTS answers.
	{list: "CL164", paths: []string{"TransitOperation/releaseIndicator"}},
	{list: "CL211", paths: []string{"TransitOperation/noReleaseMotivationCode"}},
	{list: "CL384", paths: []string{"TransitOperation/notificationType"}},
	{list: "CL196", paths: []string{"ControlResult/code"}},
	{list: "CL716", paths: []string{"TypeOfControls/type"}},
	{list: "CL252", paths: []string{"GuaranteeReference/InvalidGuaranteeReason/code"}},
	{list: "CL226", only: []string{"CC056C"}, paths: []string{"TransitOperation/rejectionCode"}},
	{list: "CL227", only: []string{"CC057C"}, paths: []string{"TransitOperation/rejectionCode"}},
	{list: "CL560", only: []string{"CC056C"}, paths: []string{"TransitOperation/businessRejectionType"}},
	{list: "CL570", only: []string{"CC057C"}, paths: []string{"TransitOperation/businessRejectionType"}},
	{list: "CL180", paths: []string{"FunctionalError/errorCode"}, phase: "ctc-p5"},
	{list: "CL180", paths: []string{"FunctionalError/errorCode"}, phase: "ctc-p6", only: []string{"CC022C", "CC057C"}},
	{list: "CL437", paths: []string{"FunctionalError/errorCode"}, phase: "ctc-p6", only: []string{"CC056C"}},
}

// ctcCodeListMessages are the messages whose data items the EU's
// specifications tie to code lists (HMRC's TIS message tables), in both
// phases. Phase 6's IE141 is not among customslint's models.
var ctcCodeListMessages = []string{
	"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC025C",
	"CC028C", "CC029C", "CC035C", "CC043C", "CC044C", "CC045C", "CC051C", "CC055C", "CC056C",
	"CC057C", "CC060C", "CC170C", "CC182C", "CC928C",
}

// ctcCodeLists returns the code list of every data item the rule
// ctc-codelist checks in a message of this profile and type, by path from
// the message element ("Consignment/countryOfDispatch": "CL008").
func ctcCodeLists(profile, messageType string) map[string]string {
	out := map[string]string{}
	if !slices.Contains(ctcCodeListMessages, messageType) {
		return out
	}
	for _, t := range ctcCodeTies {
		if (t.phase != "" && t.phase != profile) || (t.only != nil && !slices.Contains(t.only, messageType)) {
			continue
		}
		for _, p := range t.paths {
			out[p] = t.list
		}
	}
	return out
}

// ctcCodeList checks NCTS codes against their code lists.
var ctcCodeList = &Rule{
	ID:           "ctc-codelist",
	Summary:      "NCTS codes (countries, offices, document types, flags ...) are in the code lists the message specifications name",
	Severity:     Error,
	Profiles:     ctcProfiles,
	MessageTypes: ctcCodeListMessages,
	Doc: `The EU's specifications of the NCTS phase 5 and 6 messages tie many data items to a code list
(CL008 every country, CL171 offices of departure, CL213 supporting document types ...); the
schemas check only their form. NCTS rejects a code its list lacks. This rule looks each such
data item up in its list and reports a code the list lacks, naming the list (its number and EU
name) and the value.

A list is checked only when it is available: the lists customslint carries (written for it:
country groups, CL048 currencies, CL214/CL228 previous documents ...; generated from HMRC's
reference data: every other list a phase 5 or 6 data item names that HMRC publishes, CL231
declaration types, CL017 kinds of packages, CL016 CUS codes ...) and those loaded
with --codelists DIR from HMRC's reference data (customs offices CL141 and, through their roles,
CL171 departure, CL172 destination, CL173 transit, CL175 exit for transit, CL177 recovery;
UN/LOCODEs CL244). A data item whose list is not available is not checked; the check command
then says once, on stderr, which data items went unchecked.

Failing:

    <Consignment>
      <countryOfDispatch>UK</countryOfDispatch>

Passing:

    <Consignment>
      <countryOfDispatch>GB</countryOfDispatch>
`,
	Check: checkCTCCodeLists,
}

func init() {
	ctcCodeList.Doc += "\nData items and their lists, by phase:\n\n" + ctcCodeTiesDoc()
	register(ctcCodeList)
}

// ctcCodeTiesDoc lists the data items for the documentation.
func ctcCodeTiesDoc() string {
	type row struct{ path, list, where string }
	var rows []row
	for _, t := range ctcCodeTies {
		var where []string
		if t.phase != "" {
			where = append(where, "phase "+strings.TrimPrefix(t.phase, "ctc-p"))
		}
		if t.only != nil {
			where = append(where, strings.Join(t.only, ", "))
		}
		for _, p := range t.paths {
			rows = append(rows, row{p, t.list, strings.Join(where, "; ")})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].path < rows[j].path })
	var b strings.Builder
	for _, r := range rows {
		if r.where != "" {
			r.where = " (" + r.where + ")"
		}
		fmt.Fprintf(&b, "    %-80s %s%s\n", r.path, r.list, r.where)
	}
	return b.String()
}

// noteUnchecked records a data item present in the message whose list is
// not available (Config.Unchecked).
func noteUnchecked(p *Pass, path, list string) {
	if p.Config.Unchecked == nil {
		return
	}
	for _, e := range elementsAt(p.Root, path) {
		if strings.TrimSpace(e.Text()) != "" {
			p.Config.Unchecked.Add(path, list)
			return
		}
	}
}

func checkCTCCodeLists(p *Pass) {
	ties := ctcCodeLists(p.Profile, p.MessageType)
	for _, path := range slices.Sorted(maps.Keys(ties)) {
		l, ok := p.Config.CodeLists.Lookup(ties[path])
		if !ok {
			noteUnchecked(p, path, ties[path])
			continue
		}
		for _, e := range elementsAt(p.Root, path) {
			v := strings.TrimSpace(e.Text())
			if v == "" || l.Has(v) {
				continue
			}
			p.Reportf(e, "%s %q is not in code list %s%s", path, v, l.Label(), caseHint(l, v))
		}
	}
}
