package rules

import (
	"fmt"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Transport equipment: containers, seals and the goods references of each
// equipment.

// ctcC0055 checks condition C0055: container numbers follow the container
// indicator.
var ctcC0055 = &Rule{
	ID:           "ctc-c0055",
	Codes:        []string{"C0055"},
	Summary:      "containerIndicator 0 forbids TransportEquipment/containerIdentificationNumber; 1 requires it in at least one TransportEquipment (C0055)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Doc: `Condition C0055: goods declared as not containerised (Consignment/containerIndicator 0) have no
container numbers; containerised goods (1) give the number of at least one container among
their transport equipment. Without a container indicator, C0823 excludes transport equipment
altogether, so this rule says nothing then.

Failing:

    <containerIndicator>1</containerIndicator>
    ...
    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>1</numberOfSeals>

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>1</numberOfSeals>
`,
	Check: func(p *Pass) {
		cons := p.Root.ChildByLocalName("Consignment")
		tes := elementsAt(cons, "TransportEquipment")
		switch valueAt(cons, "containerIndicator") {
		case "0":
			forbidChildEach(p, tes, "containerIdentificationNumber", "when Consignment/containerIndicator is 0 (C0055)")
		case "1":
			if len(tes) == 0 {
				return // C0823/C0872 require the equipment itself
			}
			for _, te := range tes {
				if te.ChildByLocalName("containerIdentificationNumber").Valid() {
					return
				}
			}
			p.Reportf(tes[0], "containerIdentificationNumber is required in at least one TransportEquipment when Consignment/containerIndicator is 1 (C0055)")
		}
	},
}

// ctcC0569 checks condition C0569.
var ctcC0569 = &Rule{
	ID:           "ctc-c0569",
	Codes:        []string{"C0569"},
	Summary:      "TransportEquipment has Seal when numberOfSeals is above 0, and none otherwise (C0569)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"},
	Doc: `Condition C0569: a transport equipment (of the consignment, or of an incident) that declares a
number of seals above zero lists its seals; one with no number of seals or zero lists none.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>2</numberOfSeals>
    </TransportEquipment>

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>1</numberOfSeals>
      <Seal>
        <sequenceNumber>1</sequenceNumber>
        <identifier>GB1234</identifier>
      </Seal>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		for _, path := range []string{"Consignment/TransportEquipment", "Consignment/Incident/TransportEquipment"} {
			for _, te := range elementsAt(p.Root, path) {
				n := 0
				if hasAt(te, "numberOfSeals") {
					var ok bool
					if n, ok = wholeNumber(valueAt(te, "numberOfSeals")); !ok {
						continue
					}
				}
				if n > 0 {
					requireChild(p, te, "Seal", fmt.Sprintf("when numberOfSeals is %d (C0569)", n))
				} else {
					forbidChild(p, te, "Seal", "when numberOfSeals is absent or 0 (C0569)")
				}
			}
		}
	},
}

// ctcC0670 checks condition C0670.
var ctcC0670 = &Rule{
	ID:           "ctc-c0670",
	Codes:        []string{"C0670"},
	Summary:      "TransportEquipment/GoodsReference is required unless there is a single transport equipment (C0670)",
	Severity:     Error,
	MessageTypes: transportMessages,
	Doc: `Condition C0670: when the consignment has several transport equipments, each says which goods
items it holds (GoodsReference). With a single one, the references are optional; phase 5 also
asks that single one to carry a container identification number for that.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
    <TransportEquipment>
      <sequenceNumber>2</sequenceNumber>
      ...

Passing: each with
    <GoodsReference>
      <sequenceNumber>1</sequenceNumber>
      <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
    </GoodsReference>
`,
	Check: func(p *Pass) {
		tes := elementsAt(p.Root, "Consignment/TransportEquipment")
		why := fmt.Sprintf("Consignment has %d TransportEquipment", len(tes))
		if len(tes) == 1 {
			if p.Profile == "ctc-p6" || hasAt(tes[0], "containerIdentificationNumber") {
				return
			}
			why = "the only TransportEquipment has no containerIdentificationNumber"
		}
		for _, te := range tes {
			requireChild(p, te, "GoodsReference", "when "+why+" (C0670)")
		}
	},
}

// ctcC0822 checks condition C0822.
var ctcC0822 = &Rule{
	ID:           "ctc-c0822",
	Codes:        []string{"C0822"},
	Summary:      "Consignment/containerIndicator is required unless the declaration is pre-lodged (D) (C0822)",
	Severity:     Error,
	MessageTypes: departureDeclarations,
	Doc: `Condition C0822: a declaration says whether the goods travel in containers
(Consignment/containerIndicator), except a pre-lodged one (additionalDeclarationType D), for
which it is optional.

Failing:

    <additionalDeclarationType>A</additionalDeclarationType>
    ...
    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      <inlandModeOfTransport>3</inlandModeOfTransport>

Passing:

    <Consignment>
      <countryOfDestination>IT</countryOfDestination>
      <containerIndicator>0</containerIndicator>
      <inlandModeOfTransport>3</inlandModeOfTransport>
`,
	Check: func(p *Pass) {
		adt, ok := textAt(p.Root, "TransitOperation/additionalDeclarationType")
		if ok && adt != "D" {
			requireChild(p, firstAt(p.Root, "Consignment"), "containerIndicator", fmt.Sprintf("when additionalDeclarationType is '%s', not 'D' (C0822)", adt))
		}
	},
}

// ctcC0823 checks condition C0823.
var ctcC0823 = &Rule{
	ID: "ctc-c0823",
	// C0823 excludes transport equipment without a container indicator (G0332).
	Codes:        []string{"C0823", "G0332"},
	Summary:      "Consignment/TransportEquipment: required with containerIndicator 1, not used without containerIndicator (C0823)",
	Severity:     Error,
	MessageTypes: []string{"CC013C", "CC015C", "CC170C"},
	Doc: `Condition C0823: goods declared as containerised (Consignment/containerIndicator 1) need their
transport equipment; with containerIndicator 0 it is optional; without a containerIndicator
there must be no transport equipment. In a presentation notification (IE170) the rule reads the
message's own containerIndicator, as the condition is written, even where the declaration gave
one.

Failing:

    <Consignment>
      <containerIndicator>1</containerIndicator>
      ...
      (no TransportEquipment)

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		cons := firstAt(p.Root, "Consignment")
		ci, ok := textAt(cons, "containerIndicator")
		switch {
		case !ok:
			forbidChild(p, cons, "TransportEquipment", "when Consignment has no containerIndicator (C0823)")
		case ci == "1":
			requireChild(p, cons, "TransportEquipment", "when containerIndicator is '1' (C0823)")
		}
	},
}

// ctcC0872 checks condition C0872.
var ctcC0872 = &Rule{
	ID:           "ctc-c0872",
	Codes:        []string{"C0872"},
	Summary:      "IE029, IE043: Consignment/TransportEquipment is required with containerIndicator 1 (C0872)",
	Severity:     Error,
	MessageTypes: []string{"CC029C", "CC043C"},
	Doc: `Condition C0872: in the released declaration (IE029) and the unloading permission (IE043),
containerised goods (Consignment/containerIndicator 1) come with their transport equipment.

Failing:

    <Consignment>
      <containerIndicator>1</containerIndicator>
      ...
      (no TransportEquipment)

Passing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      <numberOfSeals>0</numberOfSeals>
    </TransportEquipment>
`,
	Check: func(p *Pass) {
		cons := firstAt(p.Root, "Consignment")
		if valueAt(cons, "containerIndicator") == "1" {
			requireChild(p, cons, "TransportEquipment", "when containerIndicator is '1' (C0872)")
		}
	},
}

// ctcG0006 checks guideline G0006: goods references name declared items.
var ctcG0006 = &Rule{
	ID:           "ctc-g0006",
	Codes:        []string{"G0006"},
	Summary:      "each TransportEquipment/GoodsReference/declarationGoodsItemNumber is the declarationGoodsItemNumber of a ConsignmentItem (G0006)",
	Severity:     Warning,
	MessageTypes: declarationAndUnloadingMessages,
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
		for _, n := range textsAt(p.Root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber") {
			items[canonicalNumber(n)] = true
		}
		if len(items) == 0 {
			return
		}
		for _, path := range []string{"Consignment/TransportEquipment/GoodsReference/declarationGoodsItemNumber", "Consignment/Incident/TransportEquipment/GoodsReference/declarationGoodsItemNumber"} {
			for _, e := range elementsAt(p.Root, path) {
				n := strings.TrimSpace(e.Text())
				if !items[canonicalNumber(n)] {
					p.Reportf(e, "declarationGoodsItemNumber %s of a GoodsReference is the number of no ConsignmentItem of the message (G0006)", quoteValue(n))
				}
			}
		}
	},
}

// ctcG0103 checks guideline G0103: transport equipment is a container or
// sealed.
var ctcG0103 = &Rule{
	ID:           "ctc-g0103",
	Codes:        []string{"G0103"},
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
			for _, te := range elementsAt(p.Root, path) {
				if te.ChildByLocalName("containerIdentificationNumber").Valid() || te.ChildByLocalName("Seal").Valid() {
					continue
				}
				if n := canonicalNumber(valueAt(te, "numberOfSeals")); n != "" && n != "0" {
					continue
				}
				p.Reportf(te, "TransportEquipment has neither a containerIdentificationNumber nor seals; goods neither containerised nor sealed are not recorded as transport equipment (G0103)")
			}
		}
	},
}

// ctcR0106 checks NCTS rule R0106.
var ctcR0106 = &Rule{
	ID:           "ctc-r0106",
	Codes:        []string{"R0106"},
	Summary:      "numberOfSeals equals the highest seal sequence number of its transport equipment (R0106)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0106: a transport equipment's numberOfSeals equals the highest
Seal/sequenceNumber of that equipment (0 without seals), for the consignment's equipment and
an incident's.

Failing:

    <numberOfSeals>2</numberOfSeals>
    <Seal>
      <sequenceNumber>1</sequenceNumber>
      <identifier>GB-SEAL-0001</identifier>
    </Seal>

Passing:

    <numberOfSeals>1</numberOfSeals>
`,
	Check: func(p *Pass) {
		for _, te := range transportEquipment(p, true) {
			ns := firstAt(te, "numberOfSeals")
			n, ok := wholeNumber(ns.Text())
			if !ns.Valid() || !ok {
				continue
			}
			max := 0
			for _, s := range textsAt(te, "Seal/sequenceNumber") {
				v, ok := wholeNumber(s)
				if !ok {
					max = -1
					break
				}
				if v > max {
					max = v
				}
			}
			if max >= 0 && n != max {
				p.Reportf(ns, "numberOfSeals is %d, the highest seal sequence number of this transport equipment is %d (R0106)", n, max)
			}
		}
	},
}

// ctcR0107 checks NCTS rule R0107.
var ctcR0107 = &Rule{
	ID:           "ctc-r0107",
	Codes:        []string{"R0107"},
	Summary:      "each seal identifier appears once (R0107)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC044C", "CC170C", "CC182C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0107: a seal identifier (TransportEquipment/Seal/identifier) is unique in the
declaration: across all the consignment's transport equipment, and across the equipment of
each incident.

Failing:

    <Seal><sequenceNumber>1</sequenceNumber><identifier>GB-SEAL-0001</identifier></Seal>
    <Seal><sequenceNumber>2</sequenceNumber><identifier>GB-SEAL-0001</identifier></Seal>

Passing: GB-SEAL-0001 and GB-SEAL-0002.
`,
	Check: func(p *Pass) {
		if p.Profile == "ctc-p6" && oneOf(p.MessageType, "CC007C", "CC044C") {
			return // phase 6 does not attach R0107 to these
		}
		check := func(scope xsd.Element, path string) {
			seen := map[string]bool{}
			for _, el := range elementsAt(scope, path) {
				v := strings.TrimSpace(el.Text())
				if seen[v] {
					p.Reportf(el, "seal identifier %s is used twice (R0107)", v)
				}
				seen[v] = true
			}
		}
		check(p.Root, "Consignment/TransportEquipment/Seal/identifier")
		for _, inc := range elementsAt(p.Root, "Consignment/Incident") {
			check(inc, "TransportEquipment/Seal/identifier")
		}
	},
}

// ctcR0448 checks NCTS rule R0448.
var ctcR0448 = &Rule{
	ID:           "ctc-r0448",
	Codes:        []string{"R0448"},
	Summary:      "a transport equipment without container number has seals (numberOfSeals not 0) (R0448)",
	Severity:     Error,
	MessageTypes: []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC043C", "CC170C", "CC182C"},
	Profiles:     ctcProfiles,
	Doc: `NCTS rule R0448: a transport equipment without containerIdentificationNumber (the seals on
the vehicle itself) cannot declare numberOfSeals 0. Phase 5 applies this to the equipment of
incidents too; phase 6 to the consignment's only.

Failing:

    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>0</numberOfSeals>

Passing: a container number, or seals.
`,
	Check: func(p *Pass) {
		for _, te := range transportEquipment(p, p.Profile == "ctc-p5") {
			if hasAt(te, "containerIdentificationNumber") {
				continue
			}
			if ns := firstAt(te, "numberOfSeals"); ns.Valid() {
				if n, ok := wholeNumber(ns.Text()); ok && n == 0 {
					p.Reportf(ns, "a transport equipment without container identification number cannot have numberOfSeals 0 (R0448)")
				}
			}
		}
	},
}

// transportEquipment are the transport equipment of the consignment and, when
// incidents too, those of the incidents.
func transportEquipment(p *Pass, incidents bool) []xsd.Element {
	out := elementsAt(p.Root, "Consignment/TransportEquipment")
	if incidents {
		out = append(out, elementsAt(p.Root, "Consignment/Incident/TransportEquipment")...)
	}
	return out
}

func init() {
	register(ctcC0055, ctcC0569, ctcC0670, ctcC0822, ctcC0823, ctcC0872, ctcG0006, ctcG0103, ctcR0106, ctcR0107, ctcR0448)
}
