package rules

import (
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// ctc-mrn: the form and check character of every movement reference number
// in a CTC message, phases 4, 5 and 6 (NCTS rules R0028, R0410, R0416).

// rCheckChar computes the ISO 6346 check character of the first 17
// characters of an MRN: digits count at face value, letters from A=10
// upwards leaving out 11, 22 and 33; the character at position i (from 0)
// is weighted 2^i; the sum modulo 11 is the check digit, 10 counting as 0.
// ok is false when a character is neither a digit nor a capital letter.
func rCheckChar(s string) (byte, bool) {
	if len(s) < 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = rLetterValue(c)
		default:
			return 0, false
		}
		sum += v << i
	}
	d := sum % 11 % 10
	return byte('0' + d), true
}

// rLetterValue is the ISO 6346 value of a capital letter: A=10, B=12 ...
// (11, 22 and 33 are not used).
func rLetterValue(c byte) int {
	v := 10
	for l := byte('A'); l < c; l++ {
		v++
		if v%11 == 0 {
			v++
		}
	}
	return v
}

// MRN forms (DDCOM): year, country, serial, procedure letter, check digit.
var (
	// NCTS phase 4 and MRNs allocated up to 2024: 13 free characters.
	rMRNOld = regexp.MustCompile(`^([01][0-9]|2[0-4])[A-Z]{2}[A-Z0-9]{13}[0-9]$`)
	// From 2024: 12 free characters and a procedure letter.
	rMRNTransit = regexp.MustCompile(`^(2[4-9]|[3-9][0-9])[A-Z]{2}[A-Z0-9]{12}[J-M][0-9]$`)
	rMRNExport  = regexp.MustCompile(`^(2[4-9]|[3-9][0-9])[A-Z]{2}[A-Z0-9]{12}[A-E][0-9]$`)
	rMRNP4      = regexp.MustCompile(`^[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9]$`)
)

// MRN kinds by where they stand.
const (
	rMRNKindTransit    = iota // the movement's own MRN (NCTS)
	rMRNKindExport            // an export declaration's MRN (AES)
	rMRNKindPrevExport        // a house consignment's previous document: export MRN, procedure A, B or E (R0416)
	rMRNKindP4                // NCTS phase 4
)

// ctcMRNTypes are the messages with an MRN-typed element, phases 4 to 6.
var ctcMRNTypes = []string{
	"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC017C", "CC019C", "CC022C", "CC023C",
	"CC025C", "CC028C", "CC029C", "CC035C", "CC040C", "CC042C", "CC043C", "CC044C", "CC045C", "CC048C",
	"CC051C", "CC055C", "CC056C", "CC057C", "CC060C", "CC170C", "CC182C", "CC190C", "CC191C", "CC906C",
	"CC928C",
	"CC007A", "CC008A", "CC009A", "CC014A", "CC025A", "CC028A", "CC029B", "CC043A", "CC044A", "CC045A",
	"CC051B", "CC054A", "CC055A", "CC058A", "CC060A",
}

// rMRNPrevDocTypes are the messages whose house consignments carry an
// export declaration as previous document (R0416).
var rMRNPrevDocTypes = []string{"CC013C", "CC015C", "CC029C", "CC043C"}

// rWalk calls f for every element under e (e included), in document order.
func rWalk(e xsd.Element, f func(xsd.Element)) {
	if !e.Valid() {
		return
	}
	f(e)
	e.Walk(func(el xsd.Element, _ string) bool {
		f(el)
		return true
	})
}

// CTCMRN checks the MRNs of a CTC message.
var CTCMRN = &Rule{
	ID:           "ctc-mrn",
	Summary:      "every MRN has the form of its kind and a correct ISO 6346 check character; its procedure letter fits (R0028, R0410, R0416)",
	Severity:     Error,
	MessageTypes: ctcMRNTypes,
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
			for _, el := range Elements(p.Root, "HEAHEA/DocNumHEA5") {
				rCheckMRN(p, el, rMRNKindP4, "")
			}
			return
		}
		if p.MessageType == "CC917C" {
			return
		}
		security, hasSecurity := Text(p.Root, "TransitOperation/security")
		if !hasSecurity {
			security = ""
		}
		prevDocs := false
		for _, t := range rMRNPrevDocTypes {
			if t == p.MessageType {
				prevDocs = true
			}
		}
		rWalk(p.Root, func(el xsd.Element) {
			switch el.LocalName() {
			case "MRN":
				switch el.Parent().LocalName() {
				case "TransitOperation":
					sec := ""
					if el.Parent().Parent() == p.Root {
						sec = security // the message's own TransitOperation
					}
					rCheckMRN(p, el, rMRNKindTransit, sec)
				case "Header":
					rCheckMRN(p, el, rMRNKindTransit, "")
				case "ExportOperation":
					rCheckMRN(p, el, rMRNKindExport, "")
				}
			case "referenceNumber":
				if prevDocs && el.Parent().Is("PreviousDocument") && el.Parent().Parent().Is("HouseConsignment") {
					rCheckMRN(p, el, rMRNKindPrevExport, "")
				}
			}
		})
	},
}

// rSecurityLetter is the procedure letter of a transit MRN for a security
// indicator (R0410).
func rSecurityLetter(security string) byte {
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

func rCheckMRN(p *Pass, el xsd.Element, kind int, security string) {
	v := strings.TrimSpace(el.Text())
	var ok bool
	var form string
	switch kind {
	case rMRNKindP4:
		ok, form = rMRNP4.MatchString(v), "a phase 4 MRN: 2 digits, 2 letters, 13 capital letters or digits and a check digit"
	case rMRNKindTransit:
		ok, form = rMRNOld.MatchString(v) || rMRNTransit.MatchString(v), "a transit MRN: year (2 digits), country (2 letters), 12 capital letters or digits, a procedure letter J to M and a check digit (13 free characters before the check digit up to year 24)"
	case rMRNKindExport:
		ok, form = rMRNOld.MatchString(v) || rMRNExport.MatchString(v), "an export MRN: year (2 digits), country (2 letters), 12 capital letters or digits, a procedure letter A to E and a check digit (13 free characters before the check digit up to year 24)"
	case rMRNKindPrevExport:
		ok, form = rMRNExport.MatchString(v), "an export MRN: year (2 digits, 24 or later), country (2 letters), 12 capital letters or digits, a procedure letter A to E and a check digit"
	}
	if !ok {
		if kind == rMRNKindPrevExport {
			p.Reportf(el, "the reference of a house consignment's previous document must be the MRN of the export declaration, %s; %q is not (R0416)", form, v)
			return
		}
		p.Reportf(el, "MRN %q is not %s (R0028)", v, form)
		return
	}
	want, _ := rCheckChar(v)
	if v[17] != want {
		id := "R0028"
		if kind == rMRNKindPrevExport {
			id = "R0416"
		}
		p.Reportf(el, "MRN %q ends in check character %c; the ISO 6346 check character of its first 17 characters is %c (%s)", v, v[17], want, id)
		return
	}
	if kind == rMRNKindPrevExport && !strings.ContainsRune("ABE", rune(v[16])) {
		p.Reportf(el, "the export MRN %q of a house consignment's previous document has procedure letter %c (17th character); it must be A, B or E (R0416)", v, v[16])
		return
	}
	if kind == rMRNKindTransit && security != "" && rMRNTransit.MatchString(v) {
		if w := rSecurityLetter(security); v[16] != w {
			p.Reportf(el, "MRN %q has procedure letter %c (17th character), but TransitOperation/security %s calls for %c (R0410)", v, v[16], security, w)
		}
	}
}

func init() {
	Register(CTCMRN)
	coveredBy("ctc-mrn", "R0028", "R0410", "R0416")
}
