package rules

import (
	"strings"

	"github.com/customslint/customslint/xsd"
)

// Helpers shared by the NCTS conditions and guidelines of the ctc_c1 files
// (C0001-C0409, G0001-G0991). Their names start with c1 so that they do not
// clash with those of other rule families.

// c1Declarations are the messages carrying the whole declaration
// (amendment, declaration, release for transit), which most conditions on
// declaration data apply to.
var c1Declarations = []string{"CC013C", "CC015C", "CC029C"}

// c1Types joins message type lists.
func c1Types(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// c1RequireAll and c1ForbidAll apply c1Require and c1Forbid to each parent.
func c1RequireAll(p *Pass, parents []xsd.Element, name, why string) {
	for _, par := range parents {
		requireChild(p, par, name, why)
	}
}

func c1ForbidAll(p *Pass, parents []xsd.Element, name, why string) {
	for _, par := range parents {
		forbidChild(p, par, name, why)
	}
}

// c1HasCode reports whether any element at path under e has text code.
func c1HasCode(e xsd.Element, path, code string) bool {
	for _, t := range Texts(e, path) {
		if t == code {
			return true
		}
	}
	return false
}

// c1Quote shows a value in a message: "GB" or "(empty)".
func c1Quote(v string) string {
	if strings.TrimSpace(v) == "" {
		return "(empty)"
	}
	return v
}

// The conditions and guidelines of C0001-C0409 and G0001-G0991 that the
// message alone does not decide.
func init() {
	notChecked("needs the movement's declaration (IE015 or IE013): C0170 depends on its reducedDatasetIndicator", "C0170")
	notChecked("applies to IE141 only (enquiry to the office of destination), which customslint has no embedded schema for", "C0215", "C0220", "C0315")

	// Guidelines that describe data, NCTS's behaviour or a permission.
	notChecked("guideline: remarks that the XSD's pattern for the field is non-standard; the xsd check applies it", "G0002")
	notChecked("guideline: the error pointer refers to the rejected message (its MRN, root element or an XPath into it), which is not in this message", "G0009")
	notChecked("guideline: sign convention of GNSS coordinates; the schema checks the form, the hemisphere cannot be known", "G0014")
	notChecked("guideline: IE043 gathers the incidents reported in other messages (CD180C)", "G0015")
	notChecked("guideline: which container number an incident reports depends on the declaration and the incident", "G0016")
	notChecked("guideline: the state of seals is a finding of the control", "G0017")
	notChecked("guideline: describes which transport mode is meant", "G0020")
	notChecked("guideline: allows the value 0, which the schema accepts; no constraint", "G0021")
	notChecked("guideline: an incident's new values amend the declaration, which is another message", "G0023")
	notChecked("guideline: the item is filled when the value is known; no constraint", "G0024")
	notChecked("needs the export operation's security indicator from AES (IE191)", "G0025")
	notChecked("guideline: the container indicator reflects what happened during the incident", "G0029")
	notChecked("guideline: depends on the route actually taken; ctc-c0030 checks the declared offices of transit (C0030)", "G0030")
	notChecked("needs the authorisation registers (CDMS or national)", "G0033")
	notChecked("needs the office role lists CL172 and CL294, and leaves its scope (export followed by internal transit) open", "G0034")
	notChecked("guideline: the control message repeats the declaration's data, which is another message", "G0042")
	notChecked("needs the declaration (IE015 or IE013) that IE170 overrides", "G0045")
	notChecked("guideline: national extensions or restrictions of code lists; no constraint", "G0057", "G0117")
	notChecked("guideline: the excise unique body reference has no stated form", "G0058")
	notChecked("guideline: depends on the route and the countries the means of transport visits", "G0061", "G0079")
	notChecked("guideline: tells NCTS not to enforce R0506 and R0507 on IE029 and IE043; no constraint on the message", "G0062")
	notChecked("guideline: describes how excise goods under export followed by transit are declared; no constraint", "G0068")
	notChecked("guideline: describes how excise movements through a CTC country are declared; no constraint", "G0069")
	notChecked("needs the export declaration (AES) whose goods items the transit items must match", "G0071", "G0072")
	notChecked("guideline: the trailer's number is required where applicable, which the message does not tell", "G0088")
	notChecked("guideline: describes the language of later communication; no constraint", "G0100")
	notChecked("guideline: an authorisation covers the whole declaration; no constraint", "G0102")
	notChecked("guideline: contact persons are for communication only; no constraint", "G0105")
	notChecked("guideline: whether the ship has an IMO number is not in the message", "G0112")
	notChecked("guideline: allows the country of destination to differ from the consignee's; no constraint", "G0113")
	notChecked("guideline: the declaration has no indicator of the simplified procedure other than the C521 authorisation itself", "G0114")
	notChecked("guideline: the waiver depends on whether the movement crosses the Union's external border", "G0115")
	notChecked("guideline: waivers granted by customs on logistical grounds, not in the message", "G0118", "G0119")
	notChecked("guideline: whether the holder is a private individual is not in the message", "G0120")
	notChecked("guideline: an omitted consignor may or may not differ from the holder; the message does not tell", "G0123")
	notChecked("guideline: the control result code depends on the control customs performed", "G0126")
	notChecked("needs the limit date of the declaration or the one the officer entered", "G0127")
	notChecked("guideline: discrepancies are the findings of customs' control", "G0131", "G0360")
	notChecked("guideline: the value 0 is for goods found packed together, a finding of the control", "G0139")
	notChecked("guideline: depends on the contracting parties the route crosses; ctc-c0030 checks the declared offices of transit (C0030)", "G0142")
	notChecked("needs the authorisation (whether it foresees seals)", "G0165")
	notChecked("needs the authorisation registers and the time the presentation notification is submitted", "G0167")
	notChecked("guideline: meaning of a flag whose values the schema restricts", "G0186", "G0205")
	notChecked("needs the declaration to compare the transport equipment with", "G0196")
	notChecked("guideline: which NCTS validates R0840 and what it does; no constraint on the message", "G0201")
	notChecked("guideline: a rejection returns only the data in error; needs the rejected message", "G0217")
	notChecked("guideline: whether the goods are dangerous is not in the message", "G0300")
	notChecked("needs the CN codes paired with each CUS code in CL016, which customslint's code lists do not carry", "G0301")
	notChecked("guideline: allows 0 for a missing document number; no constraint", "G0321")
	notChecked("guideline: CL326's use is defined nationally", "G0500")
	notChecked("needs the earlier unloading permissions (continueUnloading counts up); ctc-c0027 checks the rest (C0027)", "G0510")
	notChecked("guideline: depends on where the goods leave the security area and enter a CTC country", "G0587")
	notChecked("guideline: which goods items a container or seal covers is not in the message", "G0670")
	notChecked("guideline: describes at which level information is recorded; no checkable constraint", "G0825")
	notChecked("guideline: the representative group is given when a representative acts; no constraint", "G0850")
	notChecked("needs the preceding message received by the office of departure", "G0860")
	notChecked("needs the preceding message", "G0868")
	notChecked("guideline: allows the country of dispatch to differ from the consignor's; no constraint", "G0988")
	notChecked("transitional period only (TPendDate passed)", "G0989")
}
