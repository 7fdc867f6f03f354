package rules

import "fmt"

// Incidents en route (IE007 in phase 5, IE043, IE182): transhipment,
// transport equipment and the incident's location.

// ctcC0040 checks condition C0040: goods put into a container during a
// transhipment list the equipment.
var ctcC0040 = &Rule{
	ID:           "ctc-c0040",
	Codes:        []string{"C0040"},
	Summary:      "an Incident whose Transhipment has containerIndicator 1 has TransportEquipment (C0040)",
	Severity:     Error,
	MessageTypes: incidentMessages,
	Doc: `Condition C0040: when an incident's transhipment moved the goods into a container
(Transhipment/containerIndicator 1), the incident must describe the transport equipment;
otherwise Incident/TransportEquipment is optional. Applies to the incidents of IE043, IE182 and
phase 5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>3</code>
      ...
      <Transhipment>
        <containerIndicator>1</containerIndicator>

Passing: the same Incident with a TransportEquipment before its Transhipment.
`,
	Check: func(p *Pass) {
		for _, inc := range elementsAt(p.Root, "Consignment/Incident") {
			if valueAt(inc, "Transhipment/containerIndicator") == "1" {
				requireChild(p, inc, "TransportEquipment", "when its Transhipment/containerIndicator is 1 (C0040)")
			}
		}
	},
}

// ctcC0240 checks condition C0240: what an incident describes by its code.
var ctcC0240 = &Rule{
	ID:           "ctc-c0240",
	Codes:        []string{"C0240"},
	Summary:      "Incident: code 2/4 (P6 also 7) needs TransportEquipment and no Transhipment; 3/6 (P6 also 8) needs Transhipment; other codes neither (C0240)",
	Severity:     Error,
	MessageTypes: incidentMessages,
	Doc: `Condition C0240, per Incident by its code:

  - seals broken or tampered with (2), sealed means of transport unloaded in an emergency (4),
    and in phase 6 also code 7: the incident describes the TransportEquipment and has no
    Transhipment;
  - goods moved to another means of transport (3), a means of transport changed (6), and in
    phase 6 also code 8: Transhipment is required, TransportEquipment optional;
  - any other code: neither TransportEquipment nor Transhipment.

Applies to the incidents of IE043, IE182 and phase 5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>1</code>
      ...
      <Transhipment>

Passing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>3</code>
      ...
      <Transhipment>
`,
	Check: func(p *Pass) {
		equipment, transhipment := []string{"2", "4"}, []string{"3", "6"}
		if p.Profile == "ctc-p6" {
			equipment, transhipment = append(equipment, "7"), append(transhipment, "8")
		}
		for _, inc := range elementsAt(p.Root, "Consignment/Incident") {
			code := valueAt(inc, "code")
			why := fmt.Sprintf("when the incident's code is %s (C0240)", quoteValue(code))
			switch {
			case oneOf(code, equipment...):
				requireChild(p, inc, "TransportEquipment", why)
				forbidChild(p, inc, "Transhipment", why)
			case oneOf(code, transhipment...):
				requireChild(p, inc, "Transhipment", why)
			default:
				forbidChild(p, inc, "TransportEquipment", why)
				forbidChild(p, inc, "Transhipment", why)
			}
		}
	},
}

// ctcC0396 checks condition C0396: the seals of equipment after a seal
// incident.
var ctcC0396 = &Rule{
	ID:           "ctc-c0396",
	Codes:        []string{"C0396"},
	Summary:      "the TransportEquipment of an Incident with code 2 (P6: 2 or 7) has numberOfSeals (C0396)",
	Severity:     Error,
	MessageTypes: incidentMessages,
	Doc: `Condition C0396: after an incident with the seals (code 2, broken or tampered seals; in phase 6
also code 7), each transport equipment the incident describes gives its number of seals.
Otherwise numberOfSeals is optional there. Applies to the incidents of IE043, IE182 and phase
5's IE007.

Failing:

    <Incident>
      <sequenceNumber>1</sequenceNumber>
      <code>2</code>
      ...
      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
      </TransportEquipment>

Passing:

      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
        <numberOfSeals>1</numberOfSeals>
        ...
`,
	Check: func(p *Pass) {
		codes := []string{"2"}
		if p.Profile == "ctc-p6" {
			codes = append(codes, "7")
		}
		for _, inc := range elementsAt(p.Root, "Consignment/Incident") {
			code := valueAt(inc, "code")
			if oneOf(code, codes...) {
				requireChildEach(p, elementsAt(inc, "TransportEquipment"), "numberOfSeals", fmt.Sprintf("when its Incident's code is %s (C0396)", code))
			}
		}
	},
}

// ctcC0460 checks condition C0460.
var ctcC0460 = &Rule{
	ID:           "ctc-c0460",
	Codes:        []string{"C0460"},
	Summary:      "Incident/Location gives exactly the identification its qualifier names: W GNSS, U UNLocode, Z Address (C0460)",
	Severity:     Error,
	MessageTypes: incidentMessages,
	Doc: `Condition C0460: the place of an incident is identified the way its qualifierOfIdentification
says, and only that way: W by GNSS coordinates, U by UN/LOCODE, Z by address.

Failing (qualifier U with coordinates):

    <Location>
      <qualifierOfIdentification>U</qualifierOfIdentification>
      <country>FR</country>
      <GNSS>
        <latitude>50.9513</latitude>
        <longitude>1.8587</longitude>
      </GNSS>
    </Location>

Passing:

    <Location>
      <qualifierOfIdentification>U</qualifierOfIdentification>
      <UNLocode>FRCQF</UNLocode>
      <country>FR</country>
    </Location>
`,
	Check: func(p *Pass) {
		ways := map[string]string{"W": "GNSS", "U": "UNLocode", "Z": "Address"}
		for _, l := range elementsAt(p.Root, "Consignment/Incident/Location") {
			q := valueAt(l, "qualifierOfIdentification")
			want, ok := ways[q]
			if !ok {
				continue
			}
			why := fmt.Sprintf("qualifierOfIdentification is '%s'", q)
			requireChild(p, l, want, "when "+why+" (C0460)")
			for _, other := range []string{"UNLocode", "GNSS", "Address"} {
				if other != want {
					forbidChild(p, l, other, "when "+why+" (C0460)")
				}
			}
		}
	},
}

// ctcC0820 checks condition C0820.
var ctcC0820 = &Rule{
	ID:           "ctc-c0820",
	Codes:        []string{"C0820"},
	Summary:      "Incident with container transhipment: containerIdentificationNumber on each (phase 5) or at least one (phase 6) transport equipment (C0820)",
	Severity:     Error,
	MessageTypes: incidentMessages,
	Doc: `Condition C0820: when an incident's goods were transhipped into containers
(Transhipment/containerIndicator 1), the incident's transport equipment identifies its
containers: in phase 5 every TransportEquipment of the incident has a
containerIdentificationNumber; in phase 6 at least one of them does (so an incident with no
transport equipment at all breaks it too).

Failing:

    <Incident>
      ...
      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <numberOfSeals>0</numberOfSeals>
      </TransportEquipment>
      <Transhipment>
        <containerIndicator>1</containerIndicator>

Passing:

      <TransportEquipment>
        <sequenceNumber>1</sequenceNumber>
        <containerIdentificationNumber>MSKU1234565</containerIdentificationNumber>
        <numberOfSeals>0</numberOfSeals>
      </TransportEquipment>
`,
	Check: func(p *Pass) {
	nextInc:
		for _, inc := range elementsAt(p.Root, "Consignment/Incident") {
			if valueAt(inc, "Transhipment/containerIndicator") != "1" {
				continue nextInc
			}
			why := "the incident's Transhipment/containerIndicator is '1'"
			tes := elementsAt(inc, "TransportEquipment")
			if p.Profile == "ctc-p5" {
				for _, te := range tes {
					requireChild(p, te, "containerIdentificationNumber", "when "+why+" (C0820)")
				}
				continue nextInc
			}
			for _, te := range tes {
				if hasAt(te, "containerIdentificationNumber") {
					continue nextInc
				}
			}
			p.Reportf(inc, "a TransportEquipment with containerIdentificationNumber is required in Incident when %s (C0820)", why)
		}
	},
}

func init() {
	register(ctcC0040, ctcC0240, ctcC0396, ctcC0460, ctcC0820)
}
