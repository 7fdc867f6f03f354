package rules

import (
	"fmt"
	"strings"
)

// Invalidation requests and decisions (IE014, IE009).

// ctcC0128 checks condition C0128: only customs' answer carries the
// decision.
var ctcC0128 = &Rule{
	ID:           "ctc-c0128",
	Codes:        []string{"C0128"},
	Summary:      "Invalidation/decision is not used in a message to NCTS (recipient NTA...) and is required otherwise (C0128)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0128: an invalidation request sent to customs (messageRecipient starting with NTA,
HMRC's NTA.GB and NTA.XI) cannot carry the decision, which is customs' to take; the decision
message customs send back (IE009, to a trader) must carry it.

Failing (a trader's IE014 with a decision):

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <decision>1</decision>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		inv := p.Root.ChildByLocalName("Invalidation")
		if toNTA(p) {
			forbidChild(p, inv, "decision", "when messageRecipient starts with NTA (C0128)")
			return
		}
		requireChild(p, inv, "decision", "when messageRecipient does not start with NTA (C0128)")
	},
}

// ctcC0129 checks condition C0129: the request time goes with a request.
var ctcC0129 = &Rule{
	ID:           "ctc-c0129",
	Codes:        []string{"C0129"},
	Summary:      "Invalidation/requestDateAndTime is required unless initiatedByCustoms is 1, then not used (C0129)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0129: an invalidation requested by the trader (initiatedByCustoms 0) gives the time of
the request; one started by customs (1) has no request and so no requestDateAndTime.

Failing:

    <Invalidation>
      <initiatedByCustoms>0</initiatedByCustoms>
      <justification>Declared twice</justification>
    </Invalidation>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		inv := p.Root.ChildByLocalName("Invalidation")
		if valueAt(inv, "initiatedByCustoms") == "1" {
			forbidChild(p, inv, "requestDateAndTime", "when initiatedByCustoms is 1 (C0129)")
			return
		}
		requireChild(p, inv, "requestDateAndTime", "when initiatedByCustoms is not 1 (C0129)")
	},
}

// ctcC0137 checks condition C0137: a request to invalidate says why.
var ctcC0137 = &Rule{
	ID:           "ctc-c0137",
	Codes:        []string{"C0137"},
	Summary:      "Invalidation/justification is required in a message to NCTS (recipient NTA...) (C0137)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0137: a trader asking customs to invalidate a declaration (a message whose
messageRecipient starts with NTA, such as NTA.GB) must justify the request; in customs' answer
the justification is optional.

Failing:

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
    </Invalidation>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
      <justification>Declared twice by mistake</justification>
    </Invalidation>
`,
	Check: func(p *Pass) {
		if toNTA(p) {
			requireChild(p, p.Root.ChildByLocalName("Invalidation"), "justification", "when messageRecipient starts with NTA (C0137)")
		}
	},
}

// ctcC0870 checks condition C0870.
var ctcC0870 = &Rule{
	ID:           "ctc-c0870",
	Codes:        []string{"C0870"},
	Summary:      "Invalidation/decisionDateAndTime is not sent to NCTS (recipient NTA...) and required otherwise (C0870)",
	Severity:     Error,
	MessageTypes: []string{"CC009C", "CC014C"},
	Doc: `Condition C0870: an invalidation request sent to a customs system (messageRecipient starting
with NTA, as a trader's IE014 to NTA.GB) carries no decision date, which the office sets; an
invalidation decision sent by customs (IE009 to the trader) has one.

Failing (an IE014):

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <decisionDateAndTime>2026-03-14T10:05:00</decisionDateAndTime>

Passing:

    <Invalidation>
      <requestDateAndTime>2026-03-14T10:00:00</requestDateAndTime>
      <initiatedByCustoms>0</initiatedByCustoms>
`,
	Check: func(p *Pass) {
		rec, ok := textAt(p.Root, "messageRecipient")
		inv := firstAt(p.Root, "Invalidation")
		if !ok || !inv.Valid() {
			return
		}
		if strings.HasPrefix(rec, "NTA") {
			forbidChild(p, inv, "decisionDateAndTime", fmt.Sprintf("when messageRecipient %s is a customs system (NTA...) (C0870)", rec))
		} else {
			requireChild(p, inv, "decisionDateAndTime", fmt.Sprintf("when messageRecipient %s is not a customs system (NTA...) (C0870)", rec))
		}
	},
}

// ctcG0101 checks guideline G0101: a trader's invalidation request is not
// initiated by customs.
var ctcG0101 = &Rule{
	ID:           "ctc-g0101",
	Codes:        []string{"G0101"},
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
		if e := firstAt(p.Root, "Invalidation/initiatedByCustoms"); e.Valid() && strings.TrimSpace(e.Text()) != "0" {
			p.Reportf(e, "initiatedByCustoms is %s in an invalidation request, which the trader sends; it should be 0 (G0101)", quoteValue(strings.TrimSpace(e.Text())))
		}
	},
}

// toNTA reports whether the message goes to a national transit
// application (the trader's request), by its recipient.
func toNTA(p *Pass) bool {
	return strings.HasPrefix(valueAt(p.Root, "messageRecipient"), "NTA")
}

func init() {
	register(ctcC0128, ctcC0129, ctcC0137, ctcC0870, ctcG0101)
}
