package rules

import (
	"regexp"
	"sort"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// ukEORI is the form of a UK EORI number: GB (Great Britain) or XI
// (Northern Ireland) and 12 or 15 digits.
var ukEORI = regexp.MustCompile(`^(GB|XI)([0-9]{12}|[0-9]{15})$`)

// eoriParties are the parties of a DMS declaration whose ID is an EORI
// number, by element name, with what they are in the declaration
// completion instructions.
var eoriParties = map[string]string{
	"AEOMutualRecognitionParty": "additional supply chain actor (DE 3/37)",
	"Agent":                     "representative (DE 3/20)",
	"AuthorisationHolder":       "holder of an authorisation (DE 3/39)",
	"Buyer":                     "buyer (DE 3/27)",
	"Carrier":                   "carrier (DE 3/32)",
	"Consignee":                 "consignee (DE 3/10)",
	"Consignor":                 "consignor",
	"Declarant":                 "declarant (DE 3/18)",
	"Exporter":                  "exporter (DE 3/2)",
	"Importer":                  "importer (DE 3/16)",
	"Payer":                     "payer",
	"Seller":                    "seller (DE 3/25)",
	"Submitter":                 "submitter",
	"Surety":                    "surety",
}

// cdsEORI checks that party IDs claiming a UK EORI have its form.
var cdsEORI = &Rule{
	ID:           "cds-eori",
	Summary:      "a party ID that starts with GB or XI is an EORI: GB or XI followed by 12 or 15 digits",
	Severity:     Error,
	MessageTypes: []string{cdsDEC, cdsCOR, cdsINV, cdsGPR},
	Doc: `Parties of a CDS declaration are identified by their EORI number. A UK EORI is GB (Great
Britain) or XI (Northern Ireland) followed by 12 digits, or by 15 for some older numbers,
such as GB123456789000 and XI123456789000. CDS looks the number up and rejects one it
does not know; a number of the wrong form is always unknown.

The rule checks the ID of every party element of a declaration, amendment, cancellation or
goods presentation, wherever it stands (header, goods shipment, consignment, goods item):
Declarant, Exporter, Importer, Agent (the representative), AuthorisationHolder, Consignor,
Consignee, Carrier, Buyer, Seller, Payer, Surety, Submitter and AEOMutualRecognitionParty
(additional supply chain actors). It checks only an ID that claims to be a UK EORI by
starting with GB or XI: parties from outside the UK have EORIs of other countries, whose
forms differ, or no EORI at all. Not checked: DomesticDutyTaxParty (additional fiscal
references, which hold VAT numbers such as GB553202734), office, warehouse and document IDs.

Failing (13 digits, and letters):

    <Declarant>
      <ID>GB1234567890001</ID>
    </Declarant>
    ...
    <Importer>
      <ID>GBUNKNOWN</ID>
    </Importer>

Passing:

    <Declarant>
      <ID>GB123456789000</ID>
    </Declarant>
`,
	Check: func(p *Pass) {
		for _, local := range eoriPartyNames {
			role := eoriParties[local]
			for _, e := range p.Named(local).All() {
				if !inDeclaration(p, e) {
					continue
				}
				for _, id := range elementsAt(e, "ID") {
					v := strings.TrimSpace(id.Text())
					if !strings.HasPrefix(v, "GB") && !strings.HasPrefix(v, "XI") {
						continue
					}
					if !ukEORI.MatchString(v) {
						p.Reportf(id, "%s/ID %q of the %s starts with %s but is not an EORI: expected %s followed by 12 or 15 digits, e.g. %s123456789000", local, v, role, v[:2], v[:2], v[:2])
					}
				}
			}
		}
	},
}

func init() {
	register(cdsEORI)
}

// eoriPartyNames are the keys of eoriParties, sorted.
var eoriPartyNames = func() []string {
	var out []string
	for n := range eoriParties {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}()

// inDeclaration reports whether e is inside a Declaration of the message
// element (not in a notification's copy of one).
func inDeclaration(p *Pass, e xsd.Element) bool {
	for a := e.Parent(); a.Valid(); a = a.Parent() {
		if a.Is("Declaration") && a.Parent() == p.Root {
			return true
		}
	}
	return false
}
