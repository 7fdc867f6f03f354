package rules

import "fmt"

// Notifications of controls (IE060).

// ctcC0451 checks condition C0451.
var ctcC0451 = &Rule{
	ID:           "ctc-c0451",
	Codes:        []string{"C0451"},
	Summary:      "IE060: TypeOfControls/text is required for a control of type 50 (C0451)",
	Severity:     Error,
	MessageTypes: []string{"CC060C"},
	Doc: `Condition C0451: in a notification of controls (IE060), a control of type 50 (other) is
described in its text.

Failing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>50</type>
    </TypeOfControls>

Passing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>50</type>
      <text>Sampling of the goods for analysis</text>
    </TypeOfControls>
`,
	Check: func(p *Pass) {
		for _, t := range elementsAt(p.Root, "TypeOfControls") {
			if valueAt(t, "type") == "50" {
				requireChild(p, t, "text", "when type is '50' (C0451)")
			}
		}
	},
}

// ctcC0452 checks condition C0452.
var ctcC0452 = &Rule{
	ID:           "ctc-c0452",
	Codes:        []string{"C0452"},
	Summary:      "IE060: TypeOfControls is not used for notification types 1 and 2 and required otherwise (C0452)",
	Severity:     Error,
	MessageTypes: []string{"CC060C"},
	Doc: `Condition C0452: a notification of controls (IE060) of notification type 1 or 2 lists no type
of control; any other notification type (0, the intention to control) lists at least one.

Failing:

    <TransitOperation>
      <LRN>CLTT1GB26031402</LRN>
      <controlNotificationDateAndTime>2026-03-14T10:00:00</controlNotificationDateAndTime>
      <notificationType>0</notificationType>
    </TransitOperation>
    ...
    (no TypeOfControls)

Passing:

    <TypeOfControls>
      <sequenceNumber>1</sequenceNumber>
      <type>44</type>
    </TypeOfControls>
`,
	Check: func(p *Pass) {
		nt, ok := textAt(p.Root, "TransitOperation/notificationType")
		switch {
		case !ok:
		case nt == "1" || nt == "2":
			forbidChild(p, p.Root, "TypeOfControls", fmt.Sprintf("when notificationType is '%s' (C0452)", nt))
		default:
			requireChild(p, p.Root, "TypeOfControls", fmt.Sprintf("when notificationType is '%s', not 1 or 2 (C0452)", nt))
		}
	},
}

// ctcC0455 checks condition C0455.
var ctcC0455 = &Rule{
	ID:           "ctc-c0455",
	Codes:        []string{"C0455"},
	Summary:      "IE060: RequestedDocument is required for notification type 1, optional for 0, not used otherwise (C0455)",
	Severity:     Error,
	MessageTypes: []string{"CC060C"},
	Doc: `Condition C0455: a notification of controls (IE060) of notification type 1 (documents
requested) lists the requested documents; type 0 may; any other type lists none.

Failing:

    <notificationType>1</notificationType>
    ...
    (no RequestedDocument)

Passing:

    <RequestedDocument>
      <sequenceNumber>1</sequenceNumber>
      <documentType>N935</documentType>
    </RequestedDocument>
`,
	Check: func(p *Pass) {
		nt, ok := textAt(p.Root, "TransitOperation/notificationType")
		switch {
		case !ok, nt == "0":
		case nt == "1":
			requireChild(p, p.Root, "RequestedDocument", "when notificationType is '1' (C0455)")
		default:
			forbidChild(p, p.Root, "RequestedDocument", fmt.Sprintf("when notificationType is '%s', not 0 or 1 (C0455)", nt))
		}
	},
}

func init() {
	register(ctcC0451, ctcC0452, ctcC0455)
}
