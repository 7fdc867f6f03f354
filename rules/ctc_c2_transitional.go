package rules

import (
	"github.com/customslint/customslint/xsd"
)

// NCTS phase 5 transitional rules (B1xxx, B2xxx) and the E rules of the
// transitional period, and the conditions of ctc_c2_*.go that the message
// alone does not decide. Phase 5 began with a transitional period, until a
// date the EU called TPendDate, during which NCTS took messages upgraded
// from phase 4 and relaxed some conditions, formats and multiplicities. It
// is over. What the rules said for after it (B2101, B2400) is checked here;
// what held only during it is recorded as not checked.

// c2B2101Required are the data items rule B2101 makes required after the
// transitional period, by parent path.
var c2B2101Required = []struct{ parent, child string }{
	{"Guarantee/GuaranteeReference", "amountToBeCovered"},
	{"Guarantee/GuaranteeReference", "currency"},
	{"Consignment/DepartureTransportMeans", "typeOfIdentification"},
	{"Consignment/DepartureTransportMeans", "identificationNumber"},
	{"Consignment/DepartureTransportMeans", "nationality"},
	{"Consignment/ActiveBorderTransportMeans", "customsOfficeAtBorderReferenceNumber"},
	{"Consignment/ActiveBorderTransportMeans", "typeOfIdentification"},
	{"Consignment/ActiveBorderTransportMeans", "identificationNumber"},
	{"Consignment/ActiveBorderTransportMeans", "nationality"},
	{"Consignment/HouseConsignment/ConsignmentItem/Commodity", "GoodsMeasure"},
	{"Consignment/HouseConsignment/ConsignmentItem/Commodity/GoodsMeasure", "grossMass"},
}

// CTCB2101 checks rule B2101 (phase 5), which also covers B1016.
var CTCB2101 = &Rule{
	ID:           "ctc-b2101",
	Summary:      "IE013, IE015 (phase 5): the items the transitional period left optional are required (guarantee amount, transport means, goods measure) (B2101)",
	Severity:     Error,
	MessageTypes: c2Msgs("013", "015"),
	Profiles:     []string{"ctc-p5"},
	Doc: `Rule B2101 of NCTS phase 5: the phase 5 schema leaves some data items optional only because
messages upgraded from phase 4 lacked them during the transitional period. After the period
(which is over) they are required again: in a guarantee reference the amount to be covered and
its currency; in each departure transport means its type of identification, identification
number and nationality; in each active border transport means the customs office at the
border (rule B1016 says the same), type of identification, identification number and
nationality; in each commodity the goods measure with its gross mass. Phase 6's schema
requires them all.

Failing:

    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2</GRN>
      <accessCode>H7Q2</accessCode>
    </GuaranteeReference>

Passing:

    <GuaranteeReference>
      <sequenceNumber>1</sequenceNumber>
      <GRN>26GB0000018D4K7W2</GRN>
      <accessCode>H7Q2</accessCode>
      <amountToBeCovered>12500.00</amountToBeCovered>
      <currency>GBP</currency>
    </GuaranteeReference>
`,
	Check: func(p *Pass) {
		for _, r := range c2B2101Required {
			c2Each(p.Root, r.parent, func(e xsd.Element) {
				c2Require(p, e, r.child, "the phase 5 transitional period is over", "B2101")
			})
		}
	},
}

// CTCB2400 checks rule B2400 (phase 5).
var CTCB2400 = &Rule{
	ID:           "ctc-b2400",
	Summary:      "IE007, IE013, IE015 (phase 5): data the transitional period allowed are not used (arrival incidents; item consignee, transport document, transport charges) (B2400)",
	Severity:     Error,
	MessageTypes: c2Msgs("007", "013", "015"),
	Profiles:     []string{"ctc-p5"},
	Doc: `Rule B2400 of NCTS phase 5: the phase 5 schema still has some data groups that only messages
upgraded from phase 4 used, during the transitional period, which is over. After it they must
not be used: incidents in an arrival notification (IE007: Consignment/Incident), and at
consignment item level of a declaration or amendment (IE015, IE013) the consignee, transport
documents and transport charges, which belong to the consignment or house consignment. Phase
6's schema has none of them.

Failing:

    <ConsignmentItem>
      ...
      <Consignee>
        <identificationNumber>IT12345678901</identificationNumber>
      </Consignee>

Passing: the consignee given for the house consignment (or the consignment) instead.
`,
	Check: func(p *Pass) {
		why := "the phase 5 transitional period is over"
		if p.MessageType == "CC007C" {
			c2Forbid(p, First(p.Root, "Consignment"), "Incident", why, "B2400")
			return
		}
		c2Each(p.Root, "Consignment/HouseConsignment/ConsignmentItem", func(ci xsd.Element) {
			for _, name := range []string{"Consignee", "TransportDocument", "TransportCharges"} {
				c2Forbid(p, ci, name, why, "B2400")
			}
		})
	},
}

func init() {
	Register(CTCB2101, CTCB2400)
	coveredBy("ctc-b2101", "B1016")

	// Conditions that refer to other messages of the movement.
	notChecked("needs the movement's declaration or amendment (IE015, IE013, CCA15D, CCA13D): whether they had a place of loading, their security", "C0412")
	notChecked("needs the unloading permission (IE043) of the movement: its numbers of seals", "C0440")
	notChecked("needs the declaration the rejection answers (CCA15D): its security", "C0495")
	notChecked("needs the movement's declaration (IE015): its security", "C0600")
	notChecked("needs the movement's declaration (IE015, CCA15D): its security", "C0808")
	notChecked("needs the movement's declaration or amendment (IE015, IE013): whether they had a declaration type and container indicator", "C0824")
	notChecked("needs the movement's declaration or amendment (IE015, IE013): their authorisations and limit date", "C0840")
	notChecked("needs the movement's data from the office of departure (CD001C, CD003C): previous documents, reduced data set", "C0844")

	// Phase 5 transitional period only.
	tp := func(after string, ids ...string) {
		notChecked("transitional period only (TPendDate passed); after it "+after, ids...)
	}
	tp("no longer applies (guideline for export followed by transit)", "B1000")
	tp("code 99 is not used in CL750 (type of identification)", "B1091")
	tp("C0710 applies (ctc-c0710)", "B1804")
	tp("C0837 applies (ctc-c0837)", "B1805")
	tp("C0806 applies (ctc-c0806)", "B1806")
	tp("R0076 applies", "B1811")
	tp("R0003 and R0006 apply", "B1813")
	tp("R3061 applies", "B1814")
	tp("R0473 applies", "B1815")
	tp("R0219 applies", "B1819")
	tp("a consignment item has no consignee (ctc-b2400)", "B1820", "B1821", "B1822")
	tp("C0001 applies", "B1823")
	tp("C0598 applies (ctc-c0598)", "B1831")
	tp("R0106 applies", "B1832")
	tp("C0511 applies (ctc-c0511)", "B1833")
	tp("C0153 applies", "B1834")
	tp("the active border transport means' identification is required (ctc-b2101)", "B1838")
	tp("C0586 applies (ctc-c0586)", "B1848")
	tp("the active border transport means' nationality is required (ctc-b2101)", "B1850")
	tp("C0191 applies", "B1858")
	tp("R0221 applies", "B1860")
	tp("R0223 applies", "B1862")
	tp("a consignment item has no transport charges (ctc-b2400)", "B1875")
	tp("a consignment item has no consignee or transport charges (ctc-b2400)", "B1877")
	tp("C0599 applies (ctc-c0599)", "B1889")
	tp("R0855 applies", "B1890")
	tp("C0826 applies (ctc-c0826)", "B1891")
	tp("the departure transport means' identification is required (ctc-b2101)", "B1892")
	tp("C0403 applies", "B1893")
	tp("C0502 applies (ctc-c0502)", "B1895")
	tp("a consignment item has no transport document (ctc-b2400)", "B1896")
	tp("the departure transport means' nationality is required (ctc-b2101)", "B1897")
	tp("the guarantee reference's currency is required (ctc-b2101)", "B1898")
	tp("R0004 applies", "B1903")
	tp("R0005 applies", "B1904")
	tp("R0220 applies", "B1919")
	tp("R0601 applies", "B1922")
	tp("R0364 applies", "B1964")
	tp("C0909 applies (ctc-c0909)", "B1965")
	tp("C0587 applies (ctc-c0587)", "B1966")
	tp("the schema's postcode format applies", "E1102")
	tp("the schema's identification number format applies", "E1103")
	tp("the schema's name, street and reference number formats apply", "E1104")
	tp("the schema's shipping marks format applies", "E1105")
	tp("the schema's description of goods format applies", "E1107")
	tp("the schema's mass formats apply", "E1109")
	tp("the schema's number of packages format applies", "E1111")
	tp("the schema's place of loading location format applies", "E1114")
	tp("the schema's complement of information format applies", "E1117")
	tp("the schema's access code format applies", "E1118")
	tp("the data groups it ruled out may be used as their conditions allow", "E1301")
	tp("the schema's multiplicity of an item's previous documents applies", "E1401")
	tp("the schema's multiplicities apply", "E1406")
	tp("the schema's multiplicities of an item's documents apply", "E1407")

	// Orders of validation.
	notChecked("order of validation (C0215 before C0315): customslint reports every finding, whatever the order", "S1018")
	notChecked("order of validation (C0240 before C0040): customslint reports every finding, whatever the order", "S1023")
}
