package rules

// The NCTS rules and conditions customslint does not check, with the reason,
// and those checked by a rule of another name.

func init() {

	coveredBy("ctc-g0050", "G0424")
	// The schema bounds declaration goods item numbers to 1999.
	coveredBy(XSDID, "G0005")
	// C0823 excludes transport equipment without a container indicator.
	coveredBy("ctc-c0823", "G0332")
}

func init() {

	coveredBy("ctc-c0001", "G0001")
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

func init() {

	// C0410 (phase 6) makes IE029's PlaceOfLoading optional for departures
	// from CL289 countries and required otherwise, but the phase 6 schema
	// requires it in every IE029: a schema-valid message always keeps C0410.
	coveredBy(XSDID, "C0410")
}

func init() {

	coveredBy("ctc-b2101", "B1016")

	// Conditions that refer to other messages of the movement.
	notChecked("needs the movement's declaration or amendment (IE015, IE013, CCA15D, CCA13D): whether they had a place of loading, their security", "C0412")
	notChecked("needs the unloading permission (IE043) of the movement: its numbers of seals", "C0440")
	notChecked("needs the declaration the rejection answers (CCA15D): its security", "C0495")
	notChecked("needs the movement's declaration (IE015): its security", "C0600")
	notChecked("needs the movement's declaration (IE015, CCA15D): its security", "C0808")
	notChecked("needs the movement's declaration or amendment (IE015, IE013): whether they had a declaration type and container indicator", "C0824")
	notChecked("needs the movement's declaration or amendment (IE015, IE013): their authorisations and limit date", "C0840")
	notChecked("needs the movement's data from the office of departure (CD001C, CD003C): previous documents, reduced data set", "C0844")

	// Phase 5 transitional period only.
	tp := func(after string, ids ...string) {
		notChecked("transitional period only (TPendDate passed); after it "+after, ids...)
	}
	tp("no longer applies (guideline for export followed by transit)", "B1000")
	tp("code 99 is not used in CL750 (type of identification)", "B1091")
	tp("C0710 applies (ctc-c0710)", "B1804")
	tp("C0837 applies (ctc-c0837)", "B1805")
	tp("C0806 applies (ctc-c0806)", "B1806")
	tp("R0076 applies", "B1811")
	tp("R0003 and R0006 apply", "B1813")
	tp("R3061 applies", "B1814")
	tp("R0473 applies", "B1815")
	tp("R0219 applies", "B1819")
	tp("a consignment item has no consignee (ctc-b2400)", "B1820", "B1821", "B1822")
	tp("C0001 applies", "B1823")
	tp("C0598 applies (ctc-c0598)", "B1831")
	tp("R0106 applies", "B1832")
	tp("C0511 applies (ctc-c0511)", "B1833")
	tp("C0153 applies", "B1834")
	tp("the active border transport means' identification is required (ctc-b2101)", "B1838")
	tp("C0586 applies (ctc-c0586)", "B1848")
	tp("the active border transport means' nationality is required (ctc-b2101)", "B1850")
	tp("C0191 applies", "B1858")
	tp("R0221 applies", "B1860")
	tp("R0223 applies", "B1862")
	tp("a consignment item has no transport charges (ctc-b2400)", "B1875")
	tp("a consignment item has no consignee or transport charges (ctc-b2400)", "B1877")
	tp("C0599 applies (ctc-c0599)", "B1889")
	tp("R0855 applies", "B1890")
	tp("C0826 applies (ctc-c0826)", "B1891")
	tp("the departure transport means' identification is required (ctc-b2101)", "B1892")
	tp("C0403 applies", "B1893")
	tp("C0502 applies (ctc-c0502)", "B1895")
	tp("a consignment item has no transport document (ctc-b2400)", "B1896")
	tp("the departure transport means' nationality is required (ctc-b2101)", "B1897")
	tp("the guarantee reference's currency is required (ctc-b2101)", "B1898")
	tp("R0004 applies", "B1903")
	tp("R0005 applies", "B1904")
	tp("R0220 applies", "B1919")
	tp("R0601 applies", "B1922")
	tp("R0364 applies", "B1964")
	tp("C0909 applies (ctc-c0909)", "B1965")
	tp("C0587 applies (ctc-c0587)", "B1966")
	tp("the schema's postcode format applies", "E1102")
	tp("the schema's identification number format applies", "E1103")
	tp("the schema's name, street and reference number formats apply", "E1104")
	tp("the schema's shipping marks format applies", "E1105")
	tp("the schema's description of goods format applies", "E1107")
	tp("the schema's mass formats apply", "E1109")
	tp("the schema's number of packages format applies", "E1111")
	tp("the schema's place of loading location format applies", "E1114")
	tp("the schema's complement of information format applies", "E1117")
	tp("the schema's access code format applies", "E1118")
	tp("the data groups it ruled out may be used as their conditions allow", "E1301")
	tp("the schema's multiplicity of an item's previous documents applies", "E1401")
	tp("the schema's multiplicities apply", "E1406")
	tp("the schema's multiplicities of an item's documents apply", "E1407")

	// Orders of validation.
	notChecked("order of validation (C0215 before C0315): customslint reports every finding, whatever the order", "S1018")
	notChecked("order of validation (C0240 before C0040): customslint reports every finding, whatever the order", "S1023")
}

func init() {

	notChecked("needs the request or rejected message it answers (correlationIdentifier names another message)", "R0008")
	notChecked("needs the declaration: the IE170 names goods items by number only, their house consignments and the specific circumstance indicator are in the IE015", "R0010")
	notChecked("needs the TARIC database", "R0060")
	notChecked("keyed on the recipient's country, which the IE043's messageRecipient (the trader) does not carry", "R0093")
	notChecked("guideline: which language NCTS uses with the trader", "R0100")
	notChecked("enforced by the schema: Invalidation/decision is a flag, 0 or 1", "R0102")
	notChecked("enforced by the schema: the phase 6 IE056's FunctionalError/errorCode takes only the codes of CL180", "R0437")
	notChecked("needs the authorisation register (whether the authorisation foresees seals)", "R0165")
	notChecked("needs the authorisation register (a valid reduced dataset authorisation of the holder)", "R0352")
	notChecked("needs the movement's state and the declaration or amendment it amends", "R0520")
	notChecked("needs the declaration (IE015/IE013) the presentation notification refers to", "R0790")
	notChecked("needs the EORI and TCUIN registers", "R0840", "R0851")
	notChecked("needs the EORI/TCUIN and TIN registers and where the sender is established", "R0850", "R0860")
	notChecked("needs the messages NCTS exchanged for the movement (the offices must be those of the declaration)", "R0871")
}

func init() {

	coveredBy("ctc-mrn", "R0028", "R0410", "R0416")
}
