package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// The business rules of HMRC's transit-movements-validator, which the CTC
// Traders API applies to every message a trader sends after the schema. Their
// messages are HMRC's, word for word, so that what customslint reports is
// what the API would answer (customslint serve returns them as HMRC's
// BUSINESS_VALIDATION_ERROR bodies).

// ctcProfiles are the NCTS phases whose messages HMRC's validator takes.
var ctcProfiles = []string{"ctc-p5", "ctc-p6"}

// Trader requests by the office that routes them: HMRC sends a departure to
// the country of its office of departure, an arrival to that of its actual
// office of destination.
var (
	departureRequests = []string{"CC013C", "CC014C", "CC015C", "CC170C"}
	arrivalRequests   = []string{"CC007C", "CC044C"}
	requests          = append(append([]string{}, arrivalRequests...), departureRequests...)
)

// routingOffice names the office group that routes a trader request.
func routingOffice(messageType string) string {
	for _, t := range arrivalRequests {
		if t == messageType {
			return "CustomsOfficeOfDestinationActual"
		}
	}
	return "CustomsOfficeOfDeparture"
}

// at returns the element reached from e by these local names (the first of
// each), or an invalid Element.
func at(e xsd.Element, names ...string) xsd.Element {
	for _, n := range names {
		if !e.Valid() {
			break
		}
		e = e.ChildByLocalName(n)
	}
	return e
}

// CTCMessageType checks that messageType names the message it is in.
var CTCMessageType = &Rule{
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

// CTCOfficeUK checks that a trader request is routed to a UK office.
var CTCOfficeUK = &Rule{
	ID:           "ctc-office-uk",
	Summary:      "the office of departure (IE013/014/015/170) or of destination actual (IE007/044) is in the UK: GB or XI",
	Severity:     Error,
	MessageTypes: requests,
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
		ref := at(p.Root, office, "referenceNumber")
		if !ref.Valid() {
			return // the schema reports the missing office
		}
		if _, ok := ukCountry(ref.Text()); !ok {
			p.Reportf(ref, "The customs office specified for %s must be a customs office located in the United Kingdom (%s was specified)", office, ref.Text())
		}
	},
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

// CTCRecipient checks that a trader request is addressed to HMRC's NCTS.
var CTCRecipient = &Rule{
	ID:           "ctc-recipient",
	Summary:      "messageRecipient of a trader request is NTA.GB or NTA.XI",
	Severity:     Error,
	MessageTypes: requests,
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

// CTCRecipientOfficeMatch checks that recipient and routing office name the
// same UK system.
var CTCRecipientOfficeMatch = &Rule{
	ID:           "ctc-recipient-office-match",
	Summary:      "messageRecipient names the country of the routing office (NTA.GB with GB..., NTA.XI with XI...)",
	Severity:     Error,
	MessageTypes: requests,
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
		ref := at(p.Root, office, "referenceNumber")
		rc, ok1 := recipientCountry(rec.Text())
		oc, ok2 := ukCountry(ref.Text())
		if rec.Valid() && ref.Valid() && ok1 && ok2 && rc != oc {
			p.Reportf(rec, "The message recipient country must match the country of the %s", office)
		}
	},
}

// CTCLRN checks a declaration's LRN against the configured pattern.
var CTCLRN = &Rule{
	ID:           "ctc-lrn",
	Summary:      "the LRN of a declaration (IE015) matches the configured pattern (off unless lrnRegex is set)",
	Severity:     Error,
	MessageTypes: []string{"CC015C"},
	Doc: `HMRC's validator can require the LRN of a declaration to match a pattern; it is off by default,
and so is this rule until a pattern is configured: lrnRegex in .customslint.yaml or
--lrn-regex. The pattern must match the whole LRN (as HMRC's Scala regex does), so
"[A-Z0-9]{1,22}" accepts "24GB1234" and refuses "24gb-1234". Use it to hold your own LRN
scheme to its form before the message leaves.

Failing (lrnRegex: "[0-9]{2}GB[A-Z0-9]{1,18}"):

    <TransitOperation>
      <LRN>my-lrn-1</LRN>

Passing:

    <TransitOperation>
      <LRN>24GB000000001</LRN>
`,
	Check: func(p *Pass) {
		re := p.Config.LRNPattern
		if re == nil {
			return
		}
		lrn := at(p.Root, "TransitOperation", "LRN")
		if !lrn.Valid() {
			return
		}
		v := strings.TrimSpace(lrn.Text())
		if !re.MatchString(v) {
			shown := strings.TrimSuffix(strings.TrimPrefix(re.String(), "^(?:"), ")$")
			p.Reportf(lrn, "LRN must match the regex %s, but '%s' was provided", shown, v)
		}
	},
}

// CTCC0467 checks condition C0467: an amendment names its declaration by
// exactly one of LRN and MRN.
var CTCC0467 = &Rule{
	ID:           "ctc-c0467",
	Summary:      "an amendment (IE013) carries exactly one of TransitOperation/LRN and TransitOperation/MRN (C0467)",
	Severity:     Error,
	MessageTypes: []string{"CC013C"},
	Doc: `Condition C0467 of the NCTS specification: an amendment identifies the declaration it amends by
its MRN, once allocated, or else by its LRN, never both. The schema makes both optional; HMRC's
validator and NCTS reject an IE013 with neither or with both.

Failing (both):

    <TransitOperation>
      <LRN>24GB000000001</LRN>
      <MRN>24GB00000000000019</MRN>

Passing:

    <TransitOperation>
      <MRN>24GB00000000000019</MRN>
`,
	Check: func(p *Pass) {
		op := p.Root.ChildByLocalName("TransitOperation")
		if !op.Valid() {
			return
		}
		lrn, mrn := op.ChildByLocalName("LRN"), op.ChildByLocalName("MRN")
		switch {
		case !lrn.Valid() && !mrn.Valid():
			p.Reportf(op, "A LRN or MRN must be specified, neither were found (rule C0467)")
		case lrn.Valid() && mrn.Valid():
			p.Reportf(mrn, "Only an LRN or MRN must be specified, both were found (rule C0467)")
		}
	},
}

// HMRCOrder is the order in which HMRC's validator applies its business
// rules; it answers with the first that fails.
var HMRCOrder = []string{"ctc-message-type", "ctc-office-uk", "ctc-recipient", "ctc-recipient-office-match", "ctc-lrn", "ctc-c0467"}

func init() {
	Register(CTCMessageType, CTCOfficeUK, CTCRecipient, CTCRecipientOfficeMatch, CTCLRN, CTCC0467)
}
