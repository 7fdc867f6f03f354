package rules

import (
	"fmt"
	"strings"
)

// HMRC's own business rules on how a CTC message is addressed and routed
// (message type, offices in the UK, recipient), in the order HMRC's
// validator applies them, and the message header's correlation (C0511).

// ctcC0511 checks condition C0511.
var ctcC0511 = &Rule{
	ID:           "ctc-c0511",
	Codes:        []string{"C0511"},
	Summary:      "correlationIdentifier is required for the message types of CL610 and not used for those of CL385 (C0511)",
	Severity:     Error,
	MessageTypes: []string{"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC019C", "CC022C", "CC025C", "CC028C", "CC029C", "CC035C", "CC043C", "CC044C", "CC045C", "CC051C", "CC055C", "CC056C", "CC057C", "CC060C", "CC141C", "CC170C", "CC182C", "CC928C"},
	Doc: `Condition C0511: messages whose type is in code list CL610 (MessageWithCorrelationIdentifier)
carry a correlationIdentifier; those in CL385 (MessageTypeWithoutHeader) must not; for the
others it is optional. customslint does not carry CL610 and CL385 (HMRC's reference data
lacks them), so the rule is silent until they are loaded (--codelists). The transitional rule
B1833 that made it optional no longer applies.

Failing (with CL610 listing the message type):

    <messageType>CC015C</messageType>
    (no correlationIdentifier)

Passing:

    <messageType>CC015C</messageType>
    <correlationIdentifier>CLT5M26031400012</correlationIdentifier>
`,
	Check: func(p *Pass) {
		mt, ok := textAt(p.Root, "messageType")
		if !ok {
			return
		}
		in610, known := p.In("CL610", mt)
		if !known {
			return
		}
		if in610 {
			requireChild(p, p.Root, "correlationIdentifier", fmt.Sprintf("when messageType %s is in CL610 (C0511)", mt))
			return
		}
		if in385, known := p.In("CL385", mt); known && in385 {
			forbidChild(p, p.Root, "correlationIdentifier", fmt.Sprintf("when messageType %s is in CL385 (C0511)", mt))
		}
	},
}

// ctcMessageType checks that messageType names the message it is in.
var ctcMessageType = &Rule{
	ID:       "ctc-message-type",
	Summary:  "messageType equals the message's document element (CC015C in a CC015C)",
	Severity: Error,
	Profiles: ctcProfiles,
	Doc: `Every NCTS phase 5 and 6 message carries its own type in messageType. The schema lets it be
any message type; HMRC's validator rejects a message whose messageType is not the name of its
document element, with "Root node doesn't match with the messageType". A copy of another
message's header is the usual cause.

Failing (a declaration that says it is an amendment):

    <ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS5.1">
      ...
      <messageType>CC013C</messageType>

Passing:

    <ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS5.1">
      ...
      <messageType>CC015C</messageType>
`,
	Check: func(p *Pass) {
		mt := p.Root.ChildByLocalName("messageType")
		if mt.Valid() && strings.TrimSpace(mt.Text()) != p.Root.LocalName() {
			p.Reportf(mt, "Root node doesn't match with the messageType (messageType is %q in a %s)", strings.TrimSpace(mt.Text()), p.Root.LocalName())
		}
	},
}

// ctcOfficeUK checks that a trader request is routed to a UK office.
var ctcOfficeUK = &Rule{
	ID:           "ctc-office-uk",
	Summary:      "the office of departure (IE013/014/015/170) or of destination actual (IE007/044) is in the UK: GB or XI",
	Severity:     Error,
	MessageTypes: traderRequests,
	Doc: `HMRC's CTC Traders API takes only movements it handles: the customs office of departure of a
declaration, amendment, invalidation request or presentation notification (IE015, IE013, IE014,
IE170), and the actual office of destination of an arrival notification or unloading remarks
(IE007, IE044), must be a UK office, GB... for Great Britain or XI... for Northern Ireland.

Failing:

    <CustomsOfficeOfDeparture>
      <referenceNumber>FR000690</referenceNumber>
    </CustomsOfficeOfDeparture>

Passing:

    <CustomsOfficeOfDeparture>
      <referenceNumber>GB000060</referenceNumber>
    </CustomsOfficeOfDeparture>
`,
	Check: func(p *Pass) {
		office := routingOffice(p.MessageType)
		ref := firstAt(p.Root, office+"/referenceNumber")
		if !ref.Valid() {
			return // the schema reports the missing office
		}
		if _, ok := ukCountry(ref.Text()); !ok {
			p.Reportf(ref, "The customs office specified for %s must be a customs office located in the United Kingdom (%s was specified)", office, ref.Text())
		}
	},
}

// ctcRecipient checks that a trader request is addressed to HMRC's NCTS.
var ctcRecipient = &Rule{
	ID:           "ctc-recipient",
	Summary:      "messageRecipient of a trader request is NTA.GB or NTA.XI",
	Severity:     Error,
	MessageTypes: traderRequests,
	Doc: `A message a trader sends through HMRC's CTC Traders API is addressed to the UK's NCTS:
messageRecipient is NTA.GB (Great Britain) or NTA.XI (Northern Ireland), exactly.

Failing:

    <messageRecipient>NTA.FR</messageRecipient>

Passing:

    <messageRecipient>NTA.GB</messageRecipient>
`,
	Check: func(p *Pass) {
		rec := p.Root.ChildByLocalName("messageRecipient")
		if !rec.Valid() {
			return
		}
		if _, ok := recipientCountry(rec.Text()); !ok {
			p.Reportf(rec, "The message recipient must be either NTA.GB or NTA.XI (%s was specified)", rec.Text())
		}
	},
}

// ctcRecipientOfficeMatch checks that recipient and routing office name the
// same UK system.
var ctcRecipientOfficeMatch = &Rule{
	ID:           "ctc-recipient-office-match",
	Summary:      "messageRecipient names the country of the routing office (NTA.GB with GB..., NTA.XI with XI...)",
	Severity:     Error,
	MessageTypes: traderRequests,
	Doc: `Great Britain and Northern Ireland run separate NCTS systems. When both the recipient and the
routing office (of departure for IE013/014/015/170, of destination actual for IE007/044) are UK
ones, they must be the same: NTA.GB with a GB office, NTA.XI with an XI office. (A recipient or
office outside the UK is reported by ctc-recipient and ctc-office-uk.)

Failing:

    <messageRecipient>NTA.GB</messageRecipient>
    ...
    <CustomsOfficeOfDestinationActual>
      <referenceNumber>XI000142</referenceNumber>
    </CustomsOfficeOfDestinationActual>

Passing:

    <messageRecipient>NTA.XI</messageRecipient>
    ...
    <CustomsOfficeOfDestinationActual>
      <referenceNumber>XI000142</referenceNumber>
    </CustomsOfficeOfDestinationActual>
`,
	Check: func(p *Pass) {
		office := routingOffice(p.MessageType)
		rec := p.Root.ChildByLocalName("messageRecipient")
		ref := firstAt(p.Root, office+"/referenceNumber")
		rc, ok1 := recipientCountry(rec.Text())
		oc, ok2 := ukCountry(ref.Text())
		if rec.Valid() && ref.Valid() && ok1 && ok2 && rc != oc {
			p.Reportf(rec, "The message recipient country must match the country of the %s", office)
		}
	},
}

// routingOffice names the office group that routes a trader request.
func routingOffice(messageType string) string {
	for _, t := range arrivalRequests {
		if t == messageType {
			return "CustomsOfficeOfDestinationActual"
		}
	}
	return "CustomsOfficeOfDeparture"
}

// ukCountry is GB or XI for an office reference number of Great Britain or
// Northern Ireland.
func ukCountry(ref string) (string, bool) {
	if strings.ContainsAny(ref, "\n\r") {
		return "", false // HMRC matches ^GB.*$ on one line
	}
	switch {
	case strings.HasPrefix(ref, "GB"):
		return "GB", true
	case strings.HasPrefix(ref, "XI"):
		return "XI", true
	}
	return "", false
}

// recipientCountry is GB or XI for HMRC's two NCTS systems.
func recipientCountry(recipient string) (string, bool) {
	switch recipient {
	case "NTA.GB":
		return "GB", true
	case "NTA.XI":
		return "XI", true
	}
	return "", false
}

// HMRCOrder is the order in which HMRC's validator applies its business
// rules; it answers with the first that fails.
var HMRCOrder = []string{"ctc-message-type", "ctc-office-uk", "ctc-recipient", "ctc-recipient-office-match", "ctc-lrn", "ctc-c0467"}

func init() {
	register(ctcC0511, ctcMessageType, ctcOfficeUK, ctcRecipient, ctcRecipientOfficeMatch)
}
