package rules

import (
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// The movement's references: the LRN (HMRC's pattern), MRNs (R0028, R0410,
// R0416) and which of LRN and MRN a message carries (C0467, C0685).

// ctcC0467 checks condition C0467: an amendment names its declaration by
// exactly one of LRN and MRN.
var ctcC0467 = &Rule{
	ID:           "ctc-c0467",
	Codes:        []string{"C0467"},
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

// ctcC0685 checks condition C0685 (phase 5), as far as the message tells.
var ctcC0685 = &Rule{
	ID:           "ctc-c0685",
	Codes:        []string{"C0685"},
	Summary:      "IE060 (phase 5): TransitOperation has exactly one of MRN and LRN (C0685)",
	Severity:     Error,
	MessageTypes: []string{"CC060C"},
	Profiles:     []string{"ctc-p5"},
	Doc: `Condition C0685 of NCTS phase 5: a notification of controls (IE060) names the movement by its
MRN once the declaration is accepted, by its LRN before, never both. Which of the two depends
on the declaration's state in NCTS, which the message does not show; customslint checks what
the message does decide: exactly one of them.

Failing:

    <TransitOperation>
      <LRN>CLTT1GB26031402</LRN>
      <MRN>26GB00000000000017</MRN>

Passing:

    <TransitOperation>
      <MRN>26GB00000000000017</MRN>
`,
	Check: func(p *Pass) {
		op := firstAt(p.Root, "TransitOperation")
		if !op.Valid() {
			return
		}
		lrn, mrn := firstAt(op, "LRN"), firstAt(op, "MRN")
		switch {
		case !lrn.Valid() && !mrn.Valid():
			p.Reportf(op, "MRN (declaration accepted) or LRN (not yet accepted) is required in TransitOperation, neither was found (C0685)")
		case lrn.Valid() && mrn.Valid():
			p.Reportf(lrn, "only one of MRN and LRN may be given in TransitOperation, both were found (C0685)")
		}
	},
}

// ctcLRN checks a declaration's LRN against the configured pattern.
var ctcLRN = &Rule{
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
		lrn := firstAt(p.Root, "TransitOperation/LRN")
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

// ctcMRN checks the MRNs of a CTC message.
var ctcMRN = &Rule{
	ID:           "ctc-mrn",
	Codes:        []string{"R0028", "R0410", "R0416"},
	Summary:      "every MRN has the form of its kind and a correct ISO 6346 check character; its procedure letter fits (R0028, R0410, R0416)",
	Severity:     Error,
	MessageTypes: mrnMessages,
	Doc: `A movement reference number (MRN) is 18 characters: the year (2 digits), the country that
allocated it (2 letters), a serial and, last, a check character computed from the first 17 by
the ISO 6346 method (digits at face value, letters A=10, B=12 ... leaving out 11, 22 and 33,
each weighted by 2 to the power of its position from 0; the sum modulo 11, with 10 becoming
0). NCTS refuses an MRN whose check character is wrong (R0028): a mistyped MRN is caught
before the message leaves. The serial has 13 characters in MRNs allocated up to 2024 (and in
NCTS phase 4), 12 in later ones, where the 17th character tells the procedure: J, K, L or M
for a transit movement, A to E for an export declaration.

The rule checks:
- the movement's MRN (TransitOperation/MRN, Header/MRN; HEAHEA/DocNumHEA5 in phase 4) and
  export MRNs (ExportOperation/MRN): form and check character (R0028);
- in a message that also gives TransitOperation/security (IE013, IE029, IE043 ...), that a
  transit MRN of the later form has the 17th character the security indicator calls for
  (R0410): L for 1 (ENS data), K for 2 (EXS data), M for 3 (both), J otherwise;
- the reference of a house consignment's previous document (IE013, IE015, IE029, IE043),
  which is an export declaration (type N830): it must be an export MRN of the later form
  whose 17th character is A, B or E (R0416), with a correct check character. (HMRC asks
  traders to give a CDS export MRN elsewhere, as NMRN at consignment or item level: its
  rules GB001 and XI001.)
Free-text MRN fields (IE917's Header/MRN, which echoes what was received) are not checked.

Failing (the first 17 characters give check character 8):

    <TransitOperation>
      <MRN>26GB000000123456J1</MRN>

Passing:

    <TransitOperation>
      <MRN>26GB000000123456J8</MRN>
`,
	Check: func(p *Pass) {
		if p.Profile == "ctc-p4" {
			for _, el := range elementsAt(p.Root, "HEAHEA/DocNumHEA5") {
				checkMRN(p, el, mrnKindP4, "")
			}
			return
		}
		if p.MessageType == "CC917C" {
			return
		}
		security, hasSecurity := textAt(p.Root, "TransitOperation/security")
		if !hasSecurity {
			security = ""
		}
		prevDocs := false
		for _, t := range declarationAndUnloadingMessages {
			if t == p.MessageType {
				prevDocs = true
			}
		}
		walkAll(p.Root, func(el xsd.Element) {
			switch el.LocalName() {
			case "MRN":
				switch el.Parent().LocalName() {
				case "TransitOperation":
					sec := ""
					if el.Parent().Parent() == p.Root {
						sec = security // the message's own TransitOperation
					}
					checkMRN(p, el, mrnKindTransit, sec)
				case "Header":
					checkMRN(p, el, mrnKindTransit, "")
				case "ExportOperation":
					checkMRN(p, el, mrnKindExport, "")
				}
			case "referenceNumber":
				if prevDocs && el.Parent().Is("PreviousDocument") && el.Parent().Parent().Is("HouseConsignment") {
					checkMRN(p, el, mrnKindPrevExport, "")
				}
			}
		})
	},
}

// MRN forms (DDCOM): year, country, serial, procedure letter, check digit.
var (
	// NCTS phase 4 and MRNs allocated up to 2024: 13 free characters.
	mrnFormOld = regexp.MustCompile(`^([01][0-9]|2[0-4])[A-Z]{2}[A-Z0-9]{13}[0-9]$`)
	// From 2024: 12 free characters and a procedure letter.
	mrnFormTransit = regexp.MustCompile(`^(2[4-9]|[3-9][0-9])[A-Z]{2}[A-Z0-9]{12}[J-M][0-9]$`)
	mrnFormExport  = regexp.MustCompile(`^(2[4-9]|[3-9][0-9])[A-Z]{2}[A-Z0-9]{12}[A-E][0-9]$`)
	mrnFormP4      = regexp.MustCompile(`^[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9]$`)
)

// MRN kinds by where they stand.
const (
	mrnKindTransit    = iota // the movement's own MRN (NCTS)
	mrnKindExport            // an export declaration's MRN (AES)
	mrnKindPrevExport        // a house consignment's previous document: export MRN, procedure A, B or E (R0416)
	mrnKindP4                // NCTS phase 4
)

// securityProcedureLetter is the procedure letter of a transit MRN for a security
// indicator (R0410).
func securityProcedureLetter(security string) byte {
	switch security {
	case "1":
		return 'L'
	case "2":
		return 'K'
	case "3":
		return 'M'
	}
	return 'J'
}

// checkMRN reports an MRN el of this kind that has the wrong form or check
// character, or (a transit MRN) the wrong procedure letter for security.
func checkMRN(p *Pass, el xsd.Element, kind int, security string) {
	v := strings.TrimSpace(el.Text())
	var ok bool
	var form string
	switch kind {
	case mrnKindP4:
		ok, form = mrnFormP4.MatchString(v), "a phase 4 MRN: 2 digits, 2 letters, 13 capital letters or digits and a check digit"
	case mrnKindTransit:
		ok, form = mrnFormOld.MatchString(v) || mrnFormTransit.MatchString(v), "a transit MRN: year (2 digits), country (2 letters), 12 capital letters or digits, a procedure letter J to M and a check digit (13 free characters before the check digit up to year 24)"
	case mrnKindExport:
		ok, form = mrnFormOld.MatchString(v) || mrnFormExport.MatchString(v), "an export MRN: year (2 digits), country (2 letters), 12 capital letters or digits, a procedure letter A to E and a check digit (13 free characters before the check digit up to year 24)"
	case mrnKindPrevExport:
		ok, form = mrnFormExport.MatchString(v), "an export MRN: year (2 digits, 24 or later), country (2 letters), 12 capital letters or digits, a procedure letter A to E and a check digit"
	}
	if !ok {
		if kind == mrnKindPrevExport {
			p.reportCode(el, "R0416", "the reference of a house consignment's previous document must be the MRN of the export declaration, %s; %q is not (R0416)", form, v)
			return
		}
		p.reportCode(el, "R0028", "MRN %q is not %s (R0028)", v, form)
		return
	}
	want, _ := mrnCheckCharacter(v)
	if v[17] != want {
		id := "R0028"
		if kind == mrnKindPrevExport {
			id = "R0416"
		}
		p.reportCode(el, id, "MRN %q ends in check character %c; the ISO 6346 check character of its first 17 characters is %c (%s)", v, v[17], want, id)
		return
	}
	if kind == mrnKindPrevExport && !strings.ContainsRune("ABE", rune(v[16])) {
		p.reportCode(el, "R0416", "the export MRN %q of a house consignment's previous document has procedure letter %c (17th character); it must be A, B or E (R0416)", v, v[16])
		return
	}
	if kind == mrnKindTransit && security != "" && mrnFormTransit.MatchString(v) {
		if w := securityProcedureLetter(security); v[16] != w {
			p.reportCode(el, "R0410", "MRN %q has procedure letter %c (17th character), but TransitOperation/security %s calls for %c (R0410)", v, v[16], security, w)
		}
	}
}

func init() {
	register(ctcC0467, ctcC0685, ctcLRN, ctcMRN)
}
