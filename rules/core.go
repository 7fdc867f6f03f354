package rules

// The engine's own stages, registered so that they can be listed, explained,
// selected and disabled like any other rule.

// xmlRule reports input that cannot be read as an XML message.
var xmlRule = &Rule{
	ID:       XMLID,
	Summary:  "the file is well-formed XML in an accepted encoding, within the size limit, without DTD",
	Severity: Error,
	Doc: `The message must be a well-formed XML document. customslint reports, and stops at:

  - a file over the size limit (--max-size, default 10 MiB, the CSP's limit);
  - an empty file;
  - bytes that are not valid in the file's encoding (HMRC rejects invalid UTF-8);
  - an encoding customslint cannot read (UTF-8, UTF-16, ISO-8859-1, Windows-1252
    and US-ASCII are read; anything but UTF-8 also gets a warning, as HMRC expects UTF-8);
  - a DOCTYPE: DTDs and entities are not part of any CDS or CTC message and are how
    XXE and entity-expansion attacks work, so they are refused before parsing;
  - anything libxml2's parser rejects (unclosed tags, "--" inside a comment ...).

This rule cannot be disabled: a message that cannot be parsed cannot be checked.

Failing:

    <md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2">
      <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
    </md:Metadata>

Passing:

    <md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2">
      <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
    </md:MetaData>
`,
}

// messageTypeRule reports messages whose type customslint cannot tell or has no
// schema for.
var messageTypeRule = &Rule{
	ID:       MessageTypeID,
	Summary:  "the message type is known and a schema covers it",
	Severity: Error,
	Doc: `customslint tells the message type from the document element:

  - CDS: md:MetaData (urn:wco:datamodel:WCO:DocumentMetaData-DMS:2) holding a Declaration
    (CDS-DEC for FunctionCode 9; CDS-COR, CDS-INV, CDS-GPR for FunctionCode 13 with TypeCode
    COR, INV, GPR) or a Response (CDS-RES, a DMS notification); HMRC's MDG
    submitDeclarationRequest wrapper is looked through;
  - CTC phase 4: CC007A ... CC928A without namespace;
  - CTC phase 5 and 6: CC004C ... CC928C in http://ncts.dgtaxud.ec (profile ctc-p6 unless
    --profile ctc-p5, or a phase 5 bundle given with --schemas).

It reports an unknown document element, a message that does not belong to the chosen
--profile, and a message no schema covers (none embedded, or none in the --schemas bundles).
Disable it to skip such files silently.

Failing (an inventory linking message is not a declaration):

    <inv:inventoryLinkingMovementRequest xmlns:inv="http://gov.uk/customs/inventoryLinking/v1">

Passing:

    <ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS5.1">
`,
}

// xsdRule reports schema validation errors.
var xsdRule = &Rule{
	ID:       XSDID,
	Summary:  "the message is valid against its XML Schema",
	Severity: Error,
	Doc: `Validates the message against the XSD of its message type with libxml2, the engine behind
xmllint: the embedded schemas, or HMRC's published bundle given with --schemas DIR. Every
schema error is one finding with the line, column and path of the element. A message in the
wrong namespace (HMRC publishes many DMS notifications without any) is one finding on the
document element.

Failing (the schema allows at most 35 characters in FunctionalReferenceID, the LRN):

    <FunctionalReferenceID>A-LOCAL-REFERENCE-NUMBER-FAR-TOO-LONG-FOR-CDS</FunctionalReferenceID>

Passing:

    <FunctionalReferenceID>7849431S2YFQ</FunctionalReferenceID>
`,
}

// internalRule reports a rule that failed unexpectedly.
var internalRule = &Rule{
	ID:       InternalID,
	Summary:  "a rule failed unexpectedly (a bug in customslint); the other rules still ran",
	Severity: Error,
	Doc: `When a rule panics, customslint recovers, reports this finding naming the rule, and goes on
with the other rules. Please report it with the message that triggered it.

Failing: any message on which a rule crashes.

Passing: every other message.
`,
}

// suppressionRule reports inline suppressions that are malformed or silence
// nothing.
var suppressionRule = &Rule{
	ID:       SuppressionID,
	Summary:  "an inline customslint:ignore comment is well-formed and silences a finding",
	Severity: Warning,
	Doc: `A comment <!-- customslint:ignore RULE[,RULE...] reason --> silences the named rules on the
element that follows it and everything inside that element. The reason is required: it is the
record of why the finding does not apply. This rule warns about a suppression without a rule or a
reason, one naming an unknown rule (xml cannot be suppressed), one followed by no element, and one
that silenced nothing (remove it: the problem is gone).

Failing (no reason given):

    <!-- customslint:ignore xsd -->
    <FunctionalReferenceID>A-REFERENCE-FROM-THE-OLD-SYSTEM-OVER-35-CHARS</FunctionalReferenceID>

Passing:

    <!-- customslint:ignore xsd fixture kept to test the CSP's rejection of long LRNs -->
    <FunctionalReferenceID>A-REFERENCE-FROM-THE-OLD-SYSTEM-OVER-35-CHARS</FunctionalReferenceID>
`,
}

// jsonSchemaRule reports JSON messages that break the JSON Schema of their view.
var jsonSchemaRule = &Rule{
	ID:       JSONSchemaID,
	Summary:  "a JSON message is valid against the JSON Schema of its message type",
	Severity: Error,
	Doc: `JSON messages (CTC phases 5 and 6 as HMRC's CTC Traders API takes them, and the JSON views of
CDS and phase 4 messages) are checked against the draft-07 JSON Schema customslint generates from
its message model. The schema reads types as HMRC's published JSON Schemas do (for example the
patterns of a type and of the types it restricts are alternatives, and a "date-time" has no
offset), so a message this rule accepts is one HMRC's JSON validation accepts. Each error names
the JSON pointer of the value and the JSON Schema keyword. When the JSON Schema holds, the message
is converted to XML and gets every other check, reported at JSON pointers too; when it does not,
the check stops there, as HMRC's validator does.

Failing (sequenceNumber is an integer, not a string):

    {"n1:CC015C": {"Guarantee": [{"sequenceNumber": "1", "guaranteeType": "1"}]}}

Passing:

    {"n1:CC015C": {"Guarantee": [{"sequenceNumber": 1, "guaranteeType": "1"}]}}
`,
}

// maxFindingsRule closes a file's report when the cap on findings left some out.
var maxFindingsRule = &Rule{
	ID:       MaxFindingsID,
	Summary:  "a file's report holds at most --max-findings findings (default 1000); this one counts the rest",
	Severity: Info,
	Doc: `A message in which everything is wrong could make a report of hundreds of thousands of
findings. A file's report keeps the first N findings by position (line, then column; --max-findings
N, maxFindings in the configuration, default 1000, 0 for no cap) and ends with one max-findings
finding that says how many more there were, by severity, placed at the first of them. Its severity
is the highest among the findings left out, so a file whose errors were all left out still counts
as having errors. Suppressed findings and findings of disabled rules are not counted. This finding
cannot be disabled, suppressed or given another severity: raise the cap instead.

Failing (with --max-findings 1, a message with two schema errors):

    <FunctionalReferenceID>A-LOCAL-REFERENCE-NUMBER-FAR-TOO-LONG-FOR-CDS</FunctionalReferenceID>
    <TypeCode>IMZZ</TypeCode>

Passing:

    <FunctionalReferenceID>7849431S2YFQ</FunctionalReferenceID>
    <TypeCode>IMZ</TypeCode>
`,
}

func init() {
	register(xmlRule, messageTypeRule, xsdRule, internalRule, suppressionRule, jsonSchemaRule, maxFindingsRule)
}
