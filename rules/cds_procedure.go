package rules

import (
	"slices"
	"strings"

	"github.com/customslint/customslint/xsd"
)

//go:generate go run ./internal/procgen/genproc -shared ../../shared/official/cds/datasets -datasets ../datasets -out cds_procedure_codes_gen.go

// cdsTwoDigitCode is one row of datasets/procedure-requested-codes.csv: a
// two-digit DE 1/10 code in one role and direction.
type cdsTwoDigitCode struct {
	Code      string // "40"
	Role      string // requested, previous or requested;previous
	Direction string // import, export, c21i, c21e, fsd; "import;export": the first goes with requested
	Meaning   string
	FourDigit string // the four-digit codes seen for a requested code, space separated
	Complete  bool   // FourDigit is every four-digit code of the requested code
	Source    string
	// SourceDate is the source's version date.
	SourceDate string
}

// cdsFourDigitCode is one four-digit DE 1/10 code of the shared
// procedure-codes.csv or datasets/procedure-codes-extra.csv.
type cdsFourDigitCode struct {
	Code, Requested, Previous, Direction, Source string
}

// cdsAPCLink is one procedure code and additional procedure code pair of
// the shared procedure-additional-codes.csv.
type cdsAPCLink struct {
	Procedure, APC, Kind, Direction, Source string
}

// cdsAPCList is one complete APC list of datasets/procedure-apc-lists.csv.
type cdsAPCList struct {
	Procedure, Direction, Union, National, Source, SourceDate string
}

// exportsFrontendLinks marks the shared rows taken from HMRC's exports
// frontend link lists, which list every APC the frontend lets an export
// procedure code take.
const exportsFrontendLinks = "hmrc/customs-declare-exports-frontend@"

// procedureFacts indexes the generated tables for the procedure rules.
type procedureFacts struct {
	// requested: two-digit requested code -> directions it is requested in
	// (import, export, c21i, c21e, fsd).
	requested map[string][]string
	meaning   map[string]string // two-digit code -> meaning
	previous  map[string]bool   // two-digit codes that may be a previous procedure
	// complete: requested code -> its complete four-digit list.
	complete map[string][]string
	// apcs: procedure code -> its complete APC list, and the list's source.
	apcs      map[string][]string
	apcSource map[string]string
}

// cdsProcedureFacts are the indexes, built once from the generated tables.
var cdsProcedureFacts = buildProcedureFacts()

func buildProcedureFacts() *procedureFacts {
	pf := &procedureFacts{requested: map[string][]string{}, meaning: map[string]string{}, previous: map[string]bool{},
		complete: map[string][]string{}, apcs: map[string][]string{}, apcSource: map[string]string{}}
	for _, c := range cdsTwoDigitCodes {
		dirs := strings.Split(c.Direction, ";")
		if strings.HasPrefix(c.Role, "requested") {
			pf.requested[c.Code] = append(pf.requested[c.Code], dirs[0])
			if _, ok := pf.meaning[c.Code]; !ok || c.Role != "previous" {
				pf.meaning[c.Code] = c.Meaning
			}
			if c.Complete {
				pf.complete[c.Code] = strings.Fields(c.FourDigit)
			}
		}
		if strings.Contains(c.Role, "previous") {
			pf.previous[c.Code] = true
		}
	}
	for _, l := range cdsAPCLinks {
		if strings.HasPrefix(l.Source, exportsFrontendLinks) && l.APC != "" {
			pf.apcs[l.Procedure] = append(pf.apcs[l.Procedure], l.APC)
			pf.apcSource[l.Procedure] = "HMRC's exports frontend list of the additional procedure codes of " + l.Procedure
		}
	}
	for _, l := range cdsAPCCompleteLists {
		codes := strings.Fields(l.Union)
		if l.National != "none" {
			codes = append(codes, strings.Fields(l.National)...)
		}
		pf.apcs[l.Procedure] = codes
		pf.apcSource[l.Procedure] = "the Appendix 1 completion notes of " + l.Procedure
	}
	return pf
}

// cdsGoodsItem is one goods item's procedure elements: DE 1/10 (the
// GovernmentProcedure with a PreviousCode) and DE 1/11 (the others).
type cdsGoodsItem struct {
	item       xsd.Element
	seq        string      // SequenceNumeric, for messages
	procedure  xsd.Element // the DE 1/10 GovernmentProcedure; invalid when none
	additional []xsd.Element
}

// current is the trimmed CurrentCode of a GovernmentProcedure.
func current(gp xsd.Element) string { return valueAt(gp, "CurrentCode") }

// procedureCodeOf is the item's DE 1/10 code, CurrentCode + PreviousCode.
func (it cdsGoodsItem) procedureCode() string {
	if !it.procedure.Valid() {
		return ""
	}
	return current(it.procedure) + valueAt(it.procedure, "PreviousCode")
}

// cdsGoodsItems reads the goods items of a Declaration.
func cdsGoodsItems(decl xsd.Element) []cdsGoodsItem {
	var out []cdsGoodsItem
	for _, item := range elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem") {
		it := cdsGoodsItem{item: item, seq: valueAt(item, "SequenceNumeric")}
		for _, gp := range elementsAt(item, "GovernmentProcedure") {
			if hasAt(gp, "PreviousCode") && !it.procedure.Valid() {
				it.procedure = gp
				continue
			}
			it.additional = append(it.additional, gp)
		}
		out = append(out, it)
	}
	return out
}

// itemLabel names a goods item in a message: "goods item 2".
func (it cdsGoodsItem) label() string {
	if it.seq == "" {
		return "a goods item"
	}
	return "goods item " + it.seq
}

// cdsProcedure checks each goods item's procedure code (DE 1/10).
var cdsProcedure = &Rule{
	ID:           "cds-procedure",
	Codes:        []string{"CDS12050", "CDS11004"},
	Summary:      "each goods item's procedure code (DE 1/10) is a known requested and previous procedure, allowed for the declaration type, with additional procedure codes (DE 1/11) a complete list allows",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc: `Checks the procedure code of each goods item of a declaration: DE 1/10, declared as
GovernmentAgencyGoodsItem/GovernmentProcedure (WCO 166) with CurrentCode (the requested
procedure) and PreviousCode (the previous procedure); 4071 is CurrentCode 40, PreviousCode 71.

- The requested procedure must be one of the two-digit codes CDS uses (HMRC's step-by-step guide
  CDSSG04370 and the Appendix 1 index pages: 01 07 40 42 44 51 53 61 71 78 for imports, 10 11 21
  22 23 31 for exports, 00 on customs clearance requests and final supplementary declarations;
  datasets/procedure-requested-codes.csv). 99 is none. CDS rejects another with CDS12050.
  A goods item without DE 1/10 is rejected with CDS12050 too.
- The previous procedure must be a code that can be one (00 for none, or a procedure such as 71;
  54 is previous only). Not checked for requested procedure 00, whose last two digits name the
  movement. CDS rejects another with CDS11004.
- The requested procedure must fit the declaration type (DE 1/1): an import procedure on IM, an
  export one on EX, either on CO; requested procedure 00 only on a clearance request (DE 1/2 J or
  K) or a final supplementary declaration (IM, DE 1/2 Q). CDS rejects another with CDS11004.
- Where the additional procedure codes (DE 1/11) allowed with the item's procedure code are known
  in full, each must be one of them: CDS rejects another with CDS11004 (HMRC's wording: the
  combination of procedure code and additional procedure code is invalid). Known in full: the
  export procedure codes of HMRC's exports frontend link lists, and the import codes whose
  Appendix 1 completion notes were read in full (0100 0121 0151 0153 0154 0171 0178 0751;
  datasets/procedure-apc-lists.csv). Every other procedure code is not checked: an empty or
  partial list (4000's, the commonest code, is empty) means unknown, not none. One finding per
  goods item, at the first code not allowed, names them all. cds-additional-procedure checks 000
  and 1H7.
- Where a source lists every four-digit code of the requested procedure (40, 71, 78: their
  Appendix 1 pages), the code must be one of them: CDS rejects another with CDS11004. For every
  other requested procedure the lists seen are not complete (HMRC accepted declarations with
  codes the shared procedure-codes.csv lacks), so an unlisted code is not reported.

The goods items of a declaration must also derive one declaration category (CDS11005): that
is cds-category's finding.

Failing (requested procedure 99 does not exist):

    <GovernmentProcedure>
      <CurrentCode>99</CurrentCode>
      <PreviousCode>71</PreviousCode>
    </GovernmentProcedure>

Passing:

    <GovernmentProcedure>
      <CurrentCode>40</CurrentCode>
      <PreviousCode>71</PreviousCode>
    </GovernmentProcedure>
`,
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			tc := strings.ToUpper(valueAt(decl, "TypeCode"))
			for _, it := range p.Index.goodsItems(decl) {
				checkProcedureCode(p, tc, it)
			}
		}
	},
}

// checkProcedureCode reports what is wrong with one item's DE 1/10, the
// first problem only (CDS stops there too), and when nothing is, its
// additional procedure codes the procedure code does not allow.
func checkProcedureCode(p *Pass, typeCode string, it cdsGoodsItem) {
	pf := cdsProcedureFacts
	if !it.procedure.Valid() {
		p.reportCode(it.item, "CDS12050", "%s has no procedure code (DE 1/10, a GovernmentProcedure with CurrentCode and PreviousCode): CDS rejects this with CDS12050 (a valid requested procedure has not been provided); declare the requested and previous procedure, e.g. 40 and 00", it.label())
		return
	}
	cur := firstAt(it.procedure, "CurrentCode")
	req, prev := current(it.procedure), valueAt(it.procedure, "PreviousCode")
	dirs, ok := pf.requested[req]
	if !ok {
		p.reportCode(elementOr(cur, it.procedure), "CDS12050", "requested procedure %q (DE 1/10 CurrentCode) of %s is not a requested procedure code: CDS rejects this with CDS12050 (a valid requested procedure has not been provided); declare one of %s", req, it.label(), strings.Join(requestedCodes(), " "))
		return
	}
	if why := procedureNotAllowed(typeCode, req, dirs); why != "" {
		p.reportCode(elementOr(cur, it.procedure), "CDS11004", "requested procedure %s (DE 1/10, %s) of %s is not allowed on a declaration of type %s: %s; CDS rejects this with CDS11004 (the combination of declaration type and requested procedure is invalid); declare the procedure on a declaration of the right type", req, pf.meaning[req], it.label(), typeCode, why)
		return
	}
	prevEl := elementOr(firstAt(it.procedure, "PreviousCode"), it.procedure)
	if req != "00" && !pf.previous[prev] {
		p.reportCode(prevEl, "CDS11004", "previous procedure %q (DE 1/10 PreviousCode) of %s is not a procedure code: CDS rejects this with CDS11004 (the combination of requested and previous procedure is invalid); declare 00 when the goods were under no procedure, else the code of that procedure (e.g. 71 for customs warehousing)", prev, it.label())
		return
	}
	if list, ok := pf.complete[req]; ok && !slices.Contains(list, req+prev) {
		p.reportCode(prevEl, "CDS11004", "procedure code %s (DE 1/10) of %s is not one of the codes of requested procedure %s (%s): CDS rejects this with CDS11004 (the combination of requested and previous procedure is invalid); declare one of %s", req+prev, it.label(), req, pf.meaning[req], strings.Join(list, " "))
		return
	}
	checkAPCPairs(p, it)
}

// checkAPCPairs reports, once per goods item, the additional procedure
// codes a complete list does not allow with the item's procedure code: at
// the first of them, naming them all.
func checkAPCPairs(p *Pass, it cdsGoodsItem) {
	pc := it.procedureCode()
	allowed, ok := cdsProcedureFacts.apcs[pc]
	if !ok {
		return
	}
	var first xsd.Element
	var bad []string
	for _, gp := range it.additional {
		c := current(gp)
		if len(c) != 3 || slices.Contains(allowed, c) || slices.Contains(bad, c) {
			continue
		}
		if len(bad) == 0 {
			first = elementOr(firstAt(gp, "CurrentCode"), gp)
		}
		bad = append(bad, c)
	}
	if len(bad) == 0 {
		return
	}
	what := "additional procedure code (DE 1/11) " + bad[0] + " of " + it.label() + " is"
	if len(bad) > 1 {
		what = "additional procedure codes (DE 1/11) " + strings.Join(bad, " ") + " of " + it.label() + " are"
	}
	p.reportCode(first, "CDS11004",
		"%s not allowed with procedure code (DE 1/10) %s: CDS rejects this with CDS11004 (the combination of procedure code and additional procedure code is invalid); declare one of %s (%s)", what, pc, strings.Join(allowed, " "), cdsProcedureFacts.apcSource[pc])
}

// procedureNotAllowed says why requested procedure req, requested in
// directions dirs, does not fit the declaration type, or "".
func procedureNotAllowed(typeCode, req string, dirs []string) string {
	if len(typeCode) != 3 {
		return "" // the schema and cds-codelist report the type
	}
	dt, adt := typeCode[:2], typeCode[2:]
	if req == "00" {
		if clearanceOrFinal(dt, adt, dirs) {
			return ""
		}
		return "requested procedure 00 is for customs clearance requests (DE 1/2 J, K) and final supplementary declarations (IMQ)"
	}
	switch dt {
	case "IM":
		if !slices.Contains(dirs, "import") {
			return "it is an export procedure and DE 1/1 IM is an import"
		}
	case "EX":
		if !slices.Contains(dirs, "export") {
			return "it is an import procedure and DE 1/1 EX is an export"
		}
	}
	return ""
}

// clearanceOrFinal reports whether requested procedure 00, requested in
// directions dirs, fits DE 1/1 dt and DE 1/2 adt: an import or export
// clearance request (J, K; CO either way) or an import final
// supplementary declaration (Q).
func clearanceOrFinal(dt, adt string, dirs []string) bool {
	clearance := adt == "J" || adt == "K"
	switch {
	case clearance && (dt == "IM" || dt == "CO") && slices.Contains(dirs, "c21i"):
		return true
	case clearance && (dt == "EX" || dt == "CO") && slices.Contains(dirs, "c21e"):
		return true
	}
	return adt == "Q" && dt == "IM" && slices.Contains(dirs, "fsd")
}

// requestedCodes lists the requested procedure codes, sorted.
func requestedCodes() []string {
	var out []string
	for c := range cdsProcedureFacts.requested {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// elementOr returns e when it exists, else fallback.
func elementOr(e, fallback xsd.Element) xsd.Element {
	if e.Valid() {
		return e
	}
	return fallback
}

func init() {
	register(cdsProcedure)
}
