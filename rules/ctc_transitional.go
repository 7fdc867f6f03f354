package rules

// NCTS phase 5 transitional rules (B...): what the transitional period
// allowed or left optional.

// ctcB2101 checks rule B2101 (phase 5), which also covers B1016.
var ctcB2101 = &Rule{
	ID:           "ctc-b2101",
	Codes:        []string{"B2101", "B1016"},
	Summary:      "IE013, IE015 (phase 5): the items the transitional period left optional are required (guarantee amount, transport means, goods measure) (B2101)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
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
		for _, r := range b2101Required {
			for _, e := range elementsAt(p.Root, r.parent) {
				requireChild(p, e, r.child, "when the phase 5 transitional period is over (B2101)")
			}
		}
	},
}

// ctcB2400 checks rule B2400 (phase 5).
var ctcB2400 = &Rule{
	ID:           "ctc-b2400",
	Codes:        []string{"B2400"},
	Summary:      "IE007, IE013, IE015 (phase 5): data the transitional period allowed are not used (arrival incidents; item consignee, transport document, transport charges) (B2400)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C"},
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
			forbidChild(p, firstAt(p.Root, "Consignment"), "Incident", "when "+why+" (B2400)")
			return
		}
		for _, ci := range elementsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem") {
			for _, name := range []string{"Consignee", "TransportDocument", "TransportCharges"} {
				forbidChild(p, ci, name, "when "+why+" (B2400)")
			}
		}
	},
}

// b2101Required are the data items rule B2101 makes required after the
// transitional period, by parent path.
var b2101Required = []struct{ parent, child string }{
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

func init() {
	register(ctcB2101, ctcB2400)
}
