package rules_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// cdsDecl wraps the children of a Declaration in a CDS MetaData.
func cdsDecl(children string) string {
	return `<md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" xmlns:ds="urn:wco:datamodel:WCO:Declaration_DS:DMS:2">
<Declaration>
` + children + `
</Declaration>
</md:MetaData>`
}

// TestCDSBasicBranches covers what the testdata cannot: messages the schema
// refuses (the rules must not rely on it) and codes that make the engine
// warn about the message type.
func TestCDSBasicBranches(t *testing.T) {
	tests := []struct {
		name, rule, msg string
		want            []string // patterns of the rule's findings, in order
	}{
		{"13 with a declaration type", "cds-function-type",
			cdsDecl("<FunctionCode>13</FunctionCode><ID>26GBK7QX3M9D2PLR47</ID><TypeCode>IMZ</TypeCode>"),
			[]string{`TypeCode "IMZ" with FunctionCode 13: IMZ is a declaration type and goes with FunctionCode 9`}},
		{"13 with an unknown type", "cds-function-type",
			cdsDecl("<FunctionCode>13</FunctionCode><ID>26GBK7QX3M9D2PLR47</ID><TypeCode>ABC</TypeCode>"),
			[]string{`TypeCode "ABC" with FunctionCode 13: expected COR \(amendment\), INV \(cancellation\) or GPR`}},
		{"13 without a type", "cds-function-type",
			cdsDecl("<FunctionCode>13</FunctionCode><ID>26GBK7QX3M9D2PLR47</ID>"),
			[]string{`Declaration of FunctionCode 13 has no TypeCode`}},
		{"cancellation without MRN is left to cds-cancellation", "cds-function-type",
			cdsDecl("<FunctionCode>13</FunctionCode><TypeCode>INV</TypeCode>"), nil},
		{"FunctionCode 14 is not checked", "cds-function-type",
			cdsDecl("<FunctionCode>14</FunctionCode><TypeCode>XYZ</TypeCode>"), nil},
		{"a CO declaration", "cds-function-type",
			cdsDecl("<FunctionCode>9</FunctionCode><TypeCode>COY</TypeCode>"), nil},
		{"a notification", "cds-function-type",
			`<MetaData xmlns="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"><Response xmlns="urn:wco:datamodel:WCO:RES-DMS:2"><FunctionCode>01</FunctionCode><Declaration><ID>26GBK7QX3M9D2PLR47</ID></Declaration></Response></MetaData>`, nil},

		{"cancellation missing everything", "cds-cancellation",
			cdsDecl("<FunctionCode>13</FunctionCode><TypeCode>INV</TypeCode>"),
			[]string{
				`needs the MRN of the declaration to cancel in Declaration/ID`,
				`needs an Amendment with the ChangeReasonCode of the cancellation, 1, 2 or 3`,
				`needs its reason in words in AdditionalInformation/StatementDescription`,
			}},
		{"cancellation with empty parts", "cds-cancellation",
			cdsDecl("<FunctionCode>13</FunctionCode><ID>26GBEXC41TN8WV2J63</ID><TypeCode>INV</TypeCode><AdditionalInformation><StatementDescription> </StatementDescription></AdditionalInformation><Amendment/>"),
			[]string{ // in document order
				`needs its reason in words in AdditionalInformation/StatementDescription`,
				`Amendment of a cancellation has no ChangeReasonCode: expected 1, 2 or 3`,
			}},

		{"304 without zone", "cds-datetime",
			cdsDecl(`<AcceptanceDateTime><ds:DateTimeString formatCode="304">20260314093405</ds:DateTimeString></AcceptanceDateTime><FunctionCode>9</FunctionCode>`),
			[]string{`does not match formatCode 304: .*; the zone is missing: add Z for UTC`}},
		{"304 with a zone of hours and minutes", "cds-datetime",
			cdsDecl(`<AcceptanceDateTime><ds:DateTimeString formatCode="304">20260314093405+0100</ds:DateTimeString></AcceptanceDateTime><FunctionCode>9</FunctionCode>`),
			[]string{`after CCYYMMDDhhmmss expected Z or a signed offset of two digits of hours such as \+01 or -05, not "\+0100"`}},
		{"304 with second 60", "cds-datetime",
			cdsDecl(`<AcceptanceDateTime><ds:DateTimeString formatCode="304">20260314093460Z</ds:DateTimeString></AcceptanceDateTime><FunctionCode>9</FunctionCode>`),
			[]string{`is not a real time: there is no second 60`}},
		{"102 with dashes", "cds-datetime",
			cdsDecl(`<AcceptanceDateTime><ds:DateTimeString formatCode="102">2026-03-14</ds:DateTimeString></AcceptanceDateTime><FunctionCode>9</FunctionCode>`),
			[]string{`DateTimeString "2026-03-14" does not match formatCode 102: expected a date of 8 digits, CCYYMMDD \(e.g. 20260314\)$`}},
		{"no formatCode and an unknown one are left to the schema", "cds-datetime",
			cdsDecl(`<AcceptanceDateTime><ds:DateTimeString>Wed Nov 13 00:00:00 UTC 2019</ds:DateTimeString></AcceptanceDateTime><FunctionCode>9</FunctionCode><IssueDateTime><ds:DateTimeString formatCode="203">202603140934</ds:DateTimeString></IssueDateTime>`), nil},

		{"blank LRN is left to the schema", "cds-lrn",
			cdsDecl("<FunctionCode>9</FunctionCode><FunctionalReferenceID>  </FunctionalReferenceID><TypeCode>IMZ</TypeCode>"), nil},
		{"a declaration's own ID is not an MRN to check", "cds-mrn",
			cdsDecl("<FunctionCode>9</FunctionCode><ID>MY-OWN-REF</ID><TypeCode>IMZ</TypeCode>"), nil},
		{"lower-case gb is not a UK EORI claim", "cds-eori",
			cdsDecl("<FunctionCode>9</FunctionCode><TypeCode>IMZ</TypeCode><Declarant><ID>gb123</ID></Declarant>"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, err := validate.New(validate.Options{Select: []string{tt.rule}, Profile: validate.ProfileCDS})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			rep, err := eng.Check(context.Background(), "test.xml", []byte(tt.msg))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Rule == tt.rule {
					got = append(got, f.Message)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%s findings:\n  %s\nwant %d", tt.rule, strings.Join(got, "\n  "), len(tt.want))
			}
			for i, w := range tt.want {
				if !regexp.MustCompile(w).MatchString(got[i]) {
					t.Errorf("finding %d: %q does not match %q", i, got[i], w)
				}
			}
		})
	}
}

func TestMRNCheckCharacter(t *testing.T) {
	for _, tt := range []struct {
		mrn   string
		check byte
		ok    bool
	}{
		{"26GBK7QX3M9D2PLR47", '7', true},
		{"26GBEXC41TN8WV2J63", '3', true},
		{"26GBGPR3N6WQ1ZK8M0", '0', true},
		{"26GBK7QX3M9D2PLR4", '7', true}, // the first 17 characters are enough
		{"26GBK7QX3M9D2PLR", 0, false},
		{"26gbk7qx3m9d2plr47", 0, false},
		{"26GB-7QX3M9D2PLR47", 0, false},
	} {
		check, ok := rules.MRNCheckCharacter(tt.mrn)
		if check != tt.check || ok != tt.ok {
			t.Errorf("MRNCheckCharacter(%q) = %q, %v; want %q, %v", tt.mrn, check, ok, tt.check, tt.ok)
		}
	}
}
