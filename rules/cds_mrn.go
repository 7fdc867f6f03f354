package rules

import (
	"regexp"
	"strings"

	"github.com/customslint/customslint/xsd"
)

// The CDS message types, as the engine names them.
const (
	cdsDEC = "CDS-DEC" // FunctionCode 9: a declaration
	cdsCOR = "CDS-COR" // FunctionCode 13, TypeCode COR: an amendment
	cdsINV = "CDS-INV" // FunctionCode 13, TypeCode INV: a cancellation
	cdsGPR = "CDS-GPR" // FunctionCode 13, TypeCode GPR: a goods presentation
	cdsRES = "CDS-RES" // a DMS notification
)

// mrnForm is the form of a movement reference number: two digits of the
// year, the country's two letters, then fourteen letters or digits, the
// last of which is the check character.
var mrnForm = regexp.MustCompile(`^[0-9]{2}[A-Z]{2}[A-Z0-9]{14}$`)

// mrnCheckCharacter computes the check character of a movement reference
// number from its first 17 characters, the way the EU's MRN specification
// (DG XXI/0879/99) borrows it from ISO 6346 container numbers: a digit
// counts its own value and a letter counts 10 for A upwards, skipping the
// multiples of 11 (A=10, B=12 ... K=21, L=23 ... U=32, V=34 ... Z=38); the
// character at position i (from 0) is weighted by 2 to the power i; the
// remainder of the sum divided by 11 is the check digit, 10 becoming 0.
// ok is false when the MRN has fewer than 17 characters or one of them is
// not a digit or an upper-case letter A-Z.
func mrnCheckCharacter(mrn string) (check byte, ok bool) {
	if len(mrn) < 17 {
		return 0, false
	}
	sum, weight := 0, 1
	for i := 0; i < 17; i++ {
		v, ok := mrnCharValue(mrn[i])
		if !ok {
			return 0, false
		}
		sum += v * weight
		weight *= 2
	}
	r := sum % 11
	if r == 10 {
		r = 0
	}
	return byte('0' + r), true
}

// mrnCharValue is a character's value in the check character sum.
func mrnCharValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		v := 10
		for l := byte('A'); ; l++ {
			if v%11 == 0 {
				v++
			}
			if l == c {
				return v, true
			}
			v++
		}
	}
	return 0, false
}

// mrnRef is one element holding an MRN, with words for people saying what
// it is.
type mrnRef struct {
	el   xsd.Element
	what string
}

// mrnRefs finds the elements of a CDS message that hold MRNs.
func mrnRefs(p *Pass) []mrnRef {
	var out []mrnRef
	switch p.MessageType {
	case cdsRES:
		// Every notification names the declaration it is about by its MRN;
		// a notification carrying a copy of the declaration has it there
		// too.
		for _, id := range elementsAt(p.Root, "Response/Declaration/ID") {
			out = append(out, mrnRef{id, "Response/Declaration/ID (the MRN of the declaration notified)"})
		}
		return out
	case cdsCOR, cdsINV, cdsGPR:
		for _, id := range elementsAt(p.Root, "Declaration/ID") {
			out = append(out, mrnRef{id, "Declaration/ID (the MRN of the declaration this message is about)"})
		}
	}
	for _, e := range p.Named("PreviousDocument").All() {
		if !inDeclaration(p, e) {
			continue
		}
		if tc, _ := textAt(e, "TypeCode"); tc != "MRN" {
			continue
		}
		for _, id := range elementsAt(e, "ID") {
			out = append(out, mrnRef{id, "PreviousDocument/ID of TypeCode MRN (a previous declaration's MRN)"})
		}
	}
	return out
}

// cdsMRN checks the form and check character of MRNs.
var cdsMRN = &Rule{
	ID:           "cds-mrn",
	Summary:      "MRNs (Declaration/ID of COR/INV/GPR, Response/Declaration/ID, PreviousDocument of type MRN) have the MRN form and check character",
	Severity:     Error,
	MessageTypes: []string{cdsDEC, cdsCOR, cdsINV, cdsGPR, cdsRES},
	Doc: `A movement reference number (MRN) is what CDS allocates to every declaration it receives. It
has 18 characters: the last two digits of the year, the country's two letters (GB, XI), and
fourteen letters or digits of which the last is a check character. The check character is
computed from the first 17 as for ISO 6346 container numbers (the EU MRN specification DG
XXI/0879/99): digits count their value, letters count 10 for A upwards skipping 11, 22 and 33
(A=10, B=12, ... Z=38), the character at position i (counting from 0) is multiplied by 2^i,
and the sum's remainder on division by 11 is the check digit, a remainder of 10 giving 0.

The elements checked are those whose value is an MRN in the WCO data model as CDS uses it:

  - Declaration/ID (D014, "document reference number") of an amendment (13/COR), a
    cancellation (13/INV) and a goods presentation (13/GPR): the MRN of the declaration the
    message is about. A declaration (FunctionCode 9) has no MRN yet and is not checked here;
  - PreviousDocument/ID (D018) of a PreviousDocument whose TypeCode is MRN (in DE 2/1, the
    MRN of an earlier declaration or notification), at header or item level. Other previous documents are not
    checked, though some hold MRN-like values: an entry summary declaration (355) may be
    referenced by a CSP reference instead, and a simplified declaration (SDE) by its MRN with
    a goods item suffix;
  - Response/Declaration/ID of a DMS notification: the MRN of the declaration notified.

A value that does not have the MRN form is an error. A wrong check character is a warning:
CDS computes MRNs itself, so a wrong one is most often a typing error, but HMRC's own test
data uses placeholder MRNs (24GBCDS123456789R1) that are not real.

Failing (the check character of 24GBCDS123456789R is 0, not 1; and an MRN of 17 characters):

    <PreviousDocument>
      <CategoryCode>Z</CategoryCode>
      <ID>24GBCDS123456789R1</ID>
      <TypeCode>MRN</TypeCode>
    </PreviousDocument>
    ...
    <ID>26GBK7QX3M9D2PLR4</ID>

Passing:

    <PreviousDocument>
      <CategoryCode>Z</CategoryCode>
      <ID>24GBCDS123456789R0</ID>
      <TypeCode>MRN</TypeCode>
    </PreviousDocument>
`,
	Check: func(p *Pass) {
		for _, r := range mrnRefs(p) {
			v := strings.TrimSpace(r.el.Text())
			if !mrnForm.MatchString(v) {
				p.Reportf(r.el, "%s is %q, which is not an MRN: expected 18 characters, two digits (the year), two letters (the country), then 14 letters A-Z or digits, e.g. 26GBK7QX3M9D2PLR47", r.what, v)
				continue
			}
			want, ok := mrnCheckCharacter(v)
			if ok && v[17] != want {
				p.ReportSeverity(r.el, Warning, "MRN %q in %s has check character %q, but the check character of %s is %q (ISO 6346 check over the first 17 characters): a mistyped or invented MRN", v, r.what, v[17:], v[:17], string(want))
			}
		}
	},
}

func init() {
	register(cdsMRN)
}
