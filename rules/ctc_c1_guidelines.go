package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// NCTS guidelines (G entries) that state a constraint the message alone
// decides. Guidelines are advice to traders and national systems rather
// than validation NCTS rejects on, so these rules warn.

// CTCG0006 checks guideline G0006: goods references name declared items.
var CTCG0006 = &Rule{
	ID:           "ctc-g0006",
	Summary:      "each TransportEquipment/GoodsReference/declarationGoodsItemNumber is the declarationGoodsItemNumber of a ConsignmentItem (G0006)",
	Severity:     Warning,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Doc: `Guideline G0006: a goods reference of transport equipment (consignment or incident level) gives
the item number of goods the equipment carries, as the goods item's declarationGoodsItemNumber.
A number that no ConsignmentItem of the message has points at nothing. Checked in messages that
carry the goods items (IE013, IE015, IE029, IE043), when they have at least one.

Failing (the declaration has items 1 and 2):

    <GoodsReference>
      <sequenceNumber>1</sequenceNumber>
      <declarationGoodsItemNumber>3</declarationGoodsItemNumber>
    </GoodsReference>

Passing:

    <GoodsReference>
      <sequenceNumber>1</sequenceNumber>
      <declarationGoodsItemNumber>2</declarationGoodsItemNumber>
    </GoodsReference>
`,
	Check: func(p *Pass) {
		items := map[string]bool{}
		for _, n := range Texts(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber") {
			items[c1Number(n)] = true
		}
		if len(items) == 0 {
			return
		}
		for _, path := range []string{"Consignment/TransportEquipment/GoodsReference/declarationGoodsItemNumber", "Consignment/Incident/TransportEquipment/GoodsReference/declarationGoodsItemNumber"} {
			for _, e := range Elements(p.Root, path) {
				n := strings.TrimSpace(e.Text())
				if !items[c1Number(n)] {
					p.Reportf(e, "declarationGoodsItemNumber %s of a GoodsReference is the number of no ConsignmentItem of the message (G0006)", c1Quote(n))
				}
			}
		}
	},
}

// c1Number normalises a decimal integer ("007" is "7").
func c1Number(s string) string {
	t := strings.TrimLeft(strings.TrimSpace(s), "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

// c1ErrorReasons are the forms of FunctionalError/errorReason by error code
// (G0010); any other code has "N/A".
var c1ErrorReasons = []struct {
	codes []string
	re    *regexp.Regexp
	what  string
}{
	{[]string{"12"}, regexp.MustCompile(`\bCL[0-9]{3}\b`), "the code list that failed (CLnnn)"},
	{[]string{"13", "15"}, regexp.MustCompile(`\b[CT][0-9]{4}\b`), "the condition or technical rule that failed (Cnnnn or Tnnnn)"},
	{[]string{"14"}, regexp.MustCompile(`\b[RT][0-9]{4}\b`), "the rule or technical rule that failed (Rnnnn or Tnnnn)"},
	{[]string{"50"}, regexp.MustCompile(`\b[EB][0-9]{4}\b`), "the transitional rule that failed (Ennnn or Bnnnn)"},
	{[]string{"51", "52"}, regexp.MustCompile(`^(ieCAvB|NCAvB)$`), "ieCAvB or NCAvB, who threw the exception"},
}

// CTCG0010 checks guideline G0010: the error reason names what failed.
var CTCG0010 = &Rule{
	ID:           "ctc-g0010",
	Summary:      "FunctionalError/errorReason has the form its errorCode calls for: CLnnn for 12, Cnnnn/Tnnnn for 13 and 15, Rnnnn/Tnnnn for 14 ... N/A otherwise (G0010)",
	Severity:     Warning,
	MessageTypes: []string{"CC056C", "CC057C"},
	Doc: `Guideline G0010: the reason of a functional error in a rejection (IE056, IE057) names what failed,
in a form set by the error code:

  - 12 (code list): the code list, CLnnn;
  - 13 and 15 (condition, technical rule): Cnnnn or Tnnnn;
  - 14 (rule): Rnnnn or Tnnnn;
  - 50 (transitional rule): Ennnn or Bnnnn;
  - 51 and 52 (exceptions): ieCAvB or NCAvB;
  - any other code: N/A.

customslint warns when the reason lacks that form; it helps those who write or test rejection
messages (NCTS sends them to traders).

Failing:

    <errorCode>12</errorCode>
    <errorReason>N/A</errorReason>

Passing:

    <errorCode>12</errorCode>
    <errorReason>CL017</errorReason>
`,
	Check: func(p *Pass) {
	next:
		for _, fe := range Elements(p.Root, "FunctionalError") {
			code := Value(fe, "errorCode")
			reason := fe.ChildByLocalName("errorReason")
			if !reason.Valid() {
				continue
			}
			r := strings.TrimSpace(reason.Text())
			for _, f := range c1ErrorReasons {
				if oneOf(code, f.codes...) {
					if !f.re.MatchString(r) {
						p.Reportf(reason, "errorReason %q should name %s for errorCode %s (G0010)", r, f.what, code)
					}
					continue next
				}
			}
			if r != "N/A" {
				p.Reportf(reason, "errorReason %q should be N/A for errorCode %s (G0010)", r, c1Quote(code))
			}
		}
	},
}

// CTCG0026 checks guideline G0026: one export declaration per house
// consignment, in standard declarations.
var CTCG0026 = &Rule{
	ID:           "ctc-g0026",
	Summary:      "a HouseConsignment has at most one PreviousDocument, and only in a standard declaration (additionalDeclarationType A) (G0026)",
	Severity:     Warning,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Doc: `Guideline G0026: the previous document of a house consignment serves export followed by transit
(type N830, the export declaration's MRN). Although the schema allows 99, a house consignment
has at most one, and only in a standard declaration (TransitOperation/additionalDeclarationType
A; IE043, which has no additional declaration type, is checked for the count only).

Failing:

    <HouseConsignment>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>
        <referenceNumber>26GB0000000000ABC1</referenceNumber>
      </PreviousDocument>
      <PreviousDocument>
        <sequenceNumber>2</sequenceNumber>
        <type>N830</type>
        <referenceNumber>26GB0000000000ABC2</referenceNumber>
      </PreviousDocument>

Passing: one PreviousDocument per HouseConsignment.
`,
	Check: func(p *Pass) {
		adt, hasADT := Text(p.Root, "TransitOperation/additionalDeclarationType")
		for _, hc := range Elements(p.Root, "Consignment/HouseConsignment") {
			pds := Elements(hc, "PreviousDocument")
			if len(pds) == 0 {
				continue
			}
			if hasADT && adt != "A" {
				p.Reportf(pds[0], "PreviousDocument is used in HouseConsignment only in a standard declaration (additionalDeclarationType A, not %s) (G0026)", c1Quote(adt))
			}
			for _, pd := range pds[1:] {
				p.Reportf(pd, "HouseConsignment has more than one PreviousDocument; it gives at most one export declaration (G0026)")
			}
		}
	},
}

// c1ARC finds an EMCS administrative reference code: two digits of year,
// two letters of Member State, sixteen characters, a check digit.
var c1ARC = regexp.MustCompile(`(^|[^A-Z0-9])[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]([^A-Z0-9]|$)`)

// c1CheckARC warns about references of type C651 (e-AD) without an ARC.
func c1CheckARC(p *Pass, path, id string) {
	for _, ref := range Elements(p.Root, path) {
		if Value(ref, "type") != "C651" {
			continue
		}
		n := ref.ChildByLocalName("referenceNumber")
		if n.Valid() && !c1ARC.MatchString(strings.TrimSpace(n.Text())) {
			p.Reportf(n, "referenceNumber %q of a %s of type C651 (e-AD) should hold its ARC, 21 characters: 2 digits, 2 letters, 16 letters or digits, 1 digit (%s)", strings.TrimSpace(n.Text()), ref.LocalName(), id)
		}
	}
}

// CTCG0050 checks guideline G0050 (and G0424): an e-AD reference is an ARC.
var CTCG0050 = &Rule{
	ID:           "ctc-g0050",
	Summary:      "an item's AdditionalReference of type C651 (e-AD) has an ARC as referenceNumber (G0050, G0424)",
	Severity:     Warning,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Doc: `Guidelines G0050 and G0424: the additional reference of an excise movement gives the EMCS
administrative reference code (ARC) for type C651 (e-AD), or the national fallback number for
C658. An ARC has 21 characters: the year's last two digits, the Member State's two letters,
sixteen letters or digits, and a check digit. customslint warns when a C651 reference holds no
such code (the fallback number has no common form and is not checked).

Failing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>EMCS-4471</referenceNumber>
    </AdditionalReference>

Passing:

    <AdditionalReference>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>26DEA7K2Q9W4R1T8Y6U33</referenceNumber>
    </AdditionalReference>
`,
	Check: func(p *Pass) {
		c1CheckARC(p, "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference", "G0050")
	},
}

// CTCG0414 checks guideline G0414: an e-AD supporting document is an ARC.
var CTCG0414 = &Rule{
	ID:           "ctc-g0414",
	Summary:      "an item's SupportingDocument of type C651 (e-AD) has an ARC as referenceNumber (G0414)",
	Severity:     Warning,
	MessageTypes: []string{"CC013C", "CC015C"},
	Doc: `Guideline G0414: a supporting document of excise goods of type C651 (e-AD) gives the EMCS
administrative reference code (ARC); one of type C658 the national fallback number. An ARC has
21 characters: the year's last two digits, the Member State's two letters, sixteen letters or
digits, and a check digit. customslint warns when a C651 document holds no such code.

Failing:

    <SupportingDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>see invoice</referenceNumber>
    </SupportingDocument>

Passing:

    <SupportingDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>C651</type>
      <referenceNumber>26DEA7K2Q9W4R1T8Y6U33</referenceNumber>
    </SupportingDocument>
`,
	Check: func(p *Pass) {
		c1CheckARC(p, "Consignment/HouseConsignment/ConsignmentItem/SupportingDocument", "G0414")
	},
}

// CTCG0090 checks guideline G0090: no carrier when the holder carries.
var CTCG0090 = &Rule{
	ID:           "ctc-g0090",
	Summary:      "Consignment/Carrier is omitted when it is the holder of the transit procedure (same identificationNumber) (G0090)",
	Severity:     Warning,
	MessageTypes: c1Declarations,
	Doc: `Guideline G0090: the Carrier group names a carrier other than the holder of the transit
procedure; when the holder carries the goods itself, Carrier is left out. customslint warns when
Carrier/identificationNumber is the holder's identificationNumber.

Failing:

    <HolderOfTheTransitProcedure>
      <identificationNumber>GB123456789000</identificationNumber>
    ...
    <Carrier>
      <identificationNumber>GB123456789000</identificationNumber>
    </Carrier>

Passing: no Carrier, or a Carrier with another number.
`,
	Check: func(p *Pass) {
		holder := Value(p.Root, "HolderOfTheTransitProcedure/identificationNumber")
		if holder == "" {
			return
		}
		for _, c := range Elements(p.Root, "Consignment/Carrier") {
			if Value(c, "identificationNumber") == holder {
				p.Reportf(c, "Carrier is the holder of the transit procedure (identificationNumber %s) and should be left out (G0090)", holder)
			}
		}
	},
}

// CTCG0101 checks guideline G0101: a trader's invalidation request is not
// initiated by customs.
var CTCG0101 = &Rule{
	ID:           "ctc-g0101",
	Summary:      "an invalidation request (IE014), sent by the trader, has initiatedByCustoms 0 (G0101)",
	Severity:     Warning,
	MessageTypes: []string{"CC014C"},
	Doc: `Guideline G0101: Invalidation/initiatedByCustoms is 0 when the trader asks for the invalidation and
1 when customs start it. The invalidation request IE014 is the trader's message, so it says 0.
(The decision IE009 may say either; it is not checked.)

Failing:

    <Invalidation>
      <initiatedByCustoms>1</initiatedByCustoms>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		if e := First(p.Root, "Invalidation/initiatedByCustoms"); e.Valid() && strings.TrimSpace(e.Text()) != "0" {
			p.Reportf(e, "initiatedByCustoms is %s in an invalidation request, which the trader sends; it should be 0 (G0101)", c1Quote(strings.TrimSpace(e.Text())))
		}
	},
}

// CTCG0103 checks guideline G0103: transport equipment is a container or
// sealed.
var CTCG0103 = &Rule{
	ID:           "ctc-g0103",
	Summary:      "a TransportEquipment has a containerIdentificationNumber or seals; unsealed goods outside containers are not recorded there (G0103)",
	Severity:     Warning,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"},
	Doc: `Guideline G0103: transport equipment records containers (sealed or not) and sealed non-container
equipment such as a sealed lorry. Goods neither containerised nor sealed are not recorded under
TransportEquipment. customslint warns about a TransportEquipment (of the consignment or of an
incident) with no containerIdentificationNumber, no Seal and numberOfSeals absent or 0. The
unloading remarks (IE044), which report only what differs, are not checked.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>1</numberOfSeals>
      <Seal>
        <sequenceNumber>1</sequenceNumber>
        <identifier>GB-SEAL-0042</identifier>
      </Seal>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/TransportEquipment", "Consignment/Incident/TransportEquipment"} {
			for _, te := range Elements(p.Root, path) {
				if te.ChildByLocalName("containerIdentificationNumber").Valid() || te.ChildByLocalName("Seal").Valid() {
					continue
				}
				if n := c1Number(Value(te, "numberOfSeals")); n != "" && n != "0" {
					continue
				}
				p.Reportf(te, "TransportEquipment has neither a containerIdentificationNumber nor seals; goods neither containerised nor sealed are not recorded as transport equipment (G0103)")
			}
		}
	},
}

// CTCG0160 checks guideline G0160: a release under the simplified
// procedure gives the control result.
var CTCG0160 = &Rule{
	ID:           "ctc-g0160",
	Summary:      "a release for transit (IE029) under the simplified procedure (Authorisation C521) has ControlResult (G0160)",
	Severity:     Warning,
	MessageTypes: []string{"CC029C"},
	Doc: `Guideline G0160: a declaration under the simplified procedure (authorised consignor, whose
Authorisation has type C521) is released with a ControlResult (A3 when the office did not
control). customslint warns about an IE029 with a C521 authorisation and no ControlResult.

Failing:

    <Authorisation>
      <sequenceNumber>1</sequenceNumber>
      <type>C521</type>
      ...
    (no ControlResult)

Passing:

    <ControlResult>
      <code>A3</code>
      ...
    </ControlResult>
`,
	Check: func(p *Pass) {
		if c1HasCode(p.Root, "Authorisation/type", "C521") && !p.Root.ChildByLocalName("ControlResult").Valid() {
			p.Reportf(p.Root, "ControlResult is expected in %s when an Authorisation has type C521 (simplified procedure) (G0160)", p.Root.LocalName())
		}
	},
}

// CTCG0789 checks guideline G0789: the border office of an active means
// of transport is one of the declared offices.
var CTCG0789 = &Rule{
	ID:           "ctc-g0789",
	Summary:      "ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber is a declared office of transit, exit for transit or destination (G0789)",
	Severity:     Warning,
	MessageTypes: []string{"CC013C", "CC015C"},
	Doc: `Guideline G0789: customsOfficeAtBorderReferenceNumber tells at which border crossing point the
active means of transport will be; it is the reference number of one of the declaration's
CustomsOfficeOfTransitDeclared, CustomsOfficeOfExitForTransitDeclared or its
CustomsOfficeOfDestinationDeclared. The office of departure is none of these. (The presentation
notification IE170 names no such offices and is not checked.)

Failing (transit office FR001260, destination IT018100):

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>GB000060</customsOfficeAtBorderReferenceNumber>

Passing:

    <ActiveBorderTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <customsOfficeAtBorderReferenceNumber>FR001260</customsOfficeAtBorderReferenceNumber>
`,
	Check: func(p *Pass) {
		offices := map[string]bool{}
		for _, path := range []string{"CustomsOfficeOfTransitDeclared/referenceNumber", "CustomsOfficeOfExitForTransitDeclared/referenceNumber", "CustomsOfficeOfDestinationDeclared/referenceNumber"} {
			for _, r := range Texts(p.Root, path) {
				offices[r] = true
			}
		}
		for _, e := range Elements(p.Root, "Consignment/ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber") {
			if r := strings.TrimSpace(e.Text()); !offices[r] {
				p.Reportf(e, "customsOfficeAtBorderReferenceNumber %s is not a declared office of transit, exit for transit or destination (G0789)", c1Quote(r))
			}
		}
	},
}

// CTCG0991 checks guideline G0991 (phase 5): after the transitional period
// N830 is an export type of the house consignment only.
var CTCG0991 = &Rule{
	ID:           "ctc-g0991",
	Summary:      "a phase 5 consignment or item PreviousDocument does not have type N830, valid only at house consignment level since the transitional period ended (G0991)",
	Severity:     Warning,
	MessageTypes: c1Types(c1Declarations, []string{"CC043C"}),
	Profiles:     []string{"ctc-p5"},
	Doc: `Guideline G0991 (phase 5): during the NCTS transitional period the export declaration N830 was also
a valid previous document type (code list CL214). Since the period ended it is valid only as the
export type of a house consignment (CL228), which marks export followed by transit; a previous
document of the consignment or of a goods item with type N830 is no longer valid.

Failing:

    <ConsignmentItem>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>

Passing:

    <HouseConsignment>
      ...
      <PreviousDocument>
        <sequenceNumber>1</sequenceNumber>
        <type>N830</type>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/PreviousDocument/type", "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type"} {
			for _, e := range Elements(p.Root, path) {
				if strings.TrimSpace(e.Text()) == "N830" {
					p.Reportf(e, "type N830 is valid only in HouseConsignment/PreviousDocument since the transitional period ended, not in %s (G0991)", c1Owner(e))
				}
			}
		}
	},
}

// c1Owner names the group holding a previous document's type:
// "Consignment/PreviousDocument".
func c1Owner(typ xsd.Element) string {
	pd := typ.Parent()
	return fmt.Sprintf("%s/%s", pd.Parent().LocalName(), pd.LocalName())
}

func init() {
	Register(CTCG0006, CTCG0010, CTCG0026, CTCG0050, CTCG0090, CTCG0101, CTCG0103, CTCG0160, CTCG0414, CTCG0789, CTCG0991)
	coveredBy("ctc-g0050", "G0424")
	// The schema bounds declaration goods item numbers to 1999.
	coveredBy(XSDID, "G0005")
	// C0823 excludes transport equipment without a container indicator.
	coveredBy("ctc-c0823", "G0332")
}
