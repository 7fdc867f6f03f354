package codelists_test

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
)

// cdsSource is where the official side of a built-in CDS list comes from.
type cdsSource struct {
	what string                                  // for messages
	read func(t *testing.T, off string) []string // the official codes
}

// cdsComparisons gives, for every built-in CDS list, the official list it
// is compared with and each difference with its reason: ours holds codes
// the official side lacks (ours), the official side holds codes ours lacks
// (theirs).
var cdsComparisons = map[string]struct {
	src          cdsSource
	ours, theirs map[string]string
}{
	"cds-country": {
		src: exportsList("countryCodes.json"),
		ours: map[string]string{
			"AX": "ISO 3166 code (Aland Islands); HMRC's exports list counts it under FI",
			"GF": "ISO 3166 code (French Guiana); HMRC's exports list counts it under FR",
			"MC": "ISO 3166 code (Monaco); HMRC's exports list counts it under FR",
			"MF": "ISO 3166 code (Saint Martin); HMRC's exports list counts it under FR",
			"MQ": "ISO 3166 code (Martinique); HMRC's exports list counts it under FR",
			"RE": "ISO 3166 code (Reunion); HMRC's exports list counts it under FR",
			"PR": "ISO 3166 code (Puerto Rico); HMRC's exports list counts it under US",
			"SJ": "ISO 3166 code (Svalbard and Jan Mayen); HMRC's exports list counts it under NO",
			"RS": "ISO 3166 code of Serbia; HMRC's exports list has only the EU's XS",
			"XI": "Northern Ireland: the EU's code (CL008), HMRC's prefix for NI offices and EORIs; not in HMRC's exports list",
		},
	},
	"cds-currency": {
		src: exportsList("currencyCodes.json"),
		ours: map[string]string{
			"BTN": "ISO 4217 currency in use (Bhutan, beside INR)",
			"LSL": "ISO 4217 currency in use (Lesotho, beside ZAR)",
			"MRU": "ISO 4217 code of the ouguiya since 2018 (HMRC still has MRO)",
			"SLE": "ISO 4217 code of the new leone since 2022",
			"STN": "ISO 4217 code of the dobra since 2018 (HMRC still has STD)",
			"VED": "ISO 4217 code of the digital bolivar (2021)",
			"VES": "ISO 4217 code of the bolivar since 2018 (HMRC still has VEF)",
			"XCG": "ISO 4217 code of the Caribbean guilder (2025)",
			"ZWG": "ISO 4217 code of Zimbabwe gold (2024); HMRC writes ZIG",
		},
		theirs: map[string]string{
			"HRK": "withdrawn: Croatia uses EUR since 2023",
			"MRO": "withdrawn in 2018 (MRU)",
			"STD": "withdrawn in 2018 (STN)",
			"VEF": "withdrawn in 2018 (VES)",
			"YUM": "withdrawn: the Yugoslav dinar ended in 2003",
			"ZIG": "not an ISO 4217 code: Zimbabwe gold is ZWG",
		},
	},
	"cds-notification-function": {src: derivedColumn("dms-notification-function-codes.csv", "function_code")},
	"cds-change-reason":         {src: derivedColumn("cds-amendment-change-reason-codes.csv", "code")},
	"cds-declaration-type": {src: cdsSource{"the DE 1/1 of HMRC's valid sample declarations", func(t *testing.T, off string) []string {
		return declarationTypes(t, off, 0, 2)
	}}},
	"cds-additional-declaration-type": {
		src: cdsSource{"the DE 1/2 of HMRC's valid sample declarations", func(t *testing.T, off string) []string {
			return declarationTypes(t, off, 2, 3)
		}},
		ours: map[string]string{"X": "supplementary declaration for B and E (UCC Annex B); no HMRC sample uses it"},
	},
	"cds-goods-location-type":      {src: ctcList("TypeOfLocation")},
	"cds-goods-location-qualifier": {src: ctcList("QualifierOfTheIdentification")},
	"cds-transport-mode": {
		src:  ctcList("TransportModeCode"),
		ours: map[string]string{"6": "roll-on roll-off, the UK's own mode (HMRC's samples TT_IM032a, TT_EX022a use it)"},
	},
	"cds-transport-id-type": {
		src: exportsParents("tagged-transport-codes.json", "option_none"),
		ours: map[string]string{
			"21": "train number (UCC Annex B); HMRC's exports frontend does not offer it",
			"31": "road trailer registration (UCC Annex B); HMRC's exports frontend does not offer it",
		},
	},
	"cds-valuation-method": {src: sampleValues("CustomsValuation/MethodCode")},
	"cds-incoterm": {
		src: sampleValues("TradeTerms/ConditionCode"),
		ours: map[string]string{
			"CPT": "Incoterm no HMRC sample uses", "DAP": "Incoterm no HMRC sample uses", "DPU": "Incoterm no HMRC sample uses",
			"EXW": "Incoterm no HMRC sample uses", "FAS": "Incoterm no HMRC sample uses", "FCA": "Incoterm no HMRC sample uses",
			"FOB": "Incoterm no HMRC sample uses", "XXX": "terms other than Incoterms; no HMRC sample uses it",
		},
	},
	"cds-origin-type":               {src: sampleValues("Origin/TypeCode")},
	"cds-transport-charges-payment": {src: ctcList("TransportChargesMethodOfPayment")},
	"cds-representative-status": {
		src:  ctcList("RepresentativeStatusCode"),
		ours: map[string]string{"3": "indirect representation: CDS takes it (HMRC's samples use it), transit does not"},
	},
	"cds-supply-chain-role": {src: ctcList("AdditionalSupplyChainActorRoleCode")},
	"cds-warehouse-type": {
		src: sampleValues("Warehouse/TypeCode"),
		ours: map[string]string{
			"S": "public warehouse type II; no HMRC sample uses it",
			"T": "public warehouse type III; no HMRC sample uses it",
			"V": "temporary storage facility; no HMRC sample uses it",
		},
	},
	codelists.SectionCodeList: {src: derivedColumn("wco-document-section-codes.csv", "document_section_code")},
}

// TestBuiltinCDSListsMatchOfficial: every built-in CDS list holds the codes
// of its official counterpart, apart from the differences cdsComparisons
// explains; each explained difference must still be one.
func TestBuiltinCDSListsMatchOfficial(t *testing.T) {
	off := oracle.OfficialDir(t)
	ids := cdsDataLists(t)
	ids = append(ids, codelists.SectionCodeList)
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			c, ok := cdsComparisons[id]
			if !ok {
				t.Fatalf("no official comparison for %s", id)
			}
			l, ok := codelists.Builtin().Lookup(id)
			if !ok {
				t.Fatalf("Builtin() lacks %s", id)
			}
			ours := l.Codes()
			theirs := uniqueSorted(c.src.read(t, off))
			if len(theirs) == 0 {
				t.Fatalf("%s: no official codes", c.src.what)
			}
			for _, code := range diff(ours, theirs) {
				if _, ok := c.ours[code]; !ok {
					t.Errorf("%s has %s, which %s lacks (explain it or drop it)", id, code, c.src.what)
				}
			}
			for _, code := range diff(theirs, ours) {
				if _, ok := c.theirs[code]; !ok {
					t.Errorf("%s lacks %s, which %s has", id, code, c.src.what)
				}
			}
			for code, why := range c.ours {
				if !l.Has(code) || slices.Contains(theirs, code) {
					t.Errorf("%s: %s is no longer a difference (%s)", id, code, why)
				}
			}
			for code, why := range c.theirs {
				if l.Has(code) || !slices.Contains(theirs, code) {
					t.Errorf("%s: %s is no longer a difference (%s)", id, code, why)
				}
			}
		})
	}
	for id := range cdsComparisons {
		if !slices.Contains(ids, id) {
			t.Errorf("comparison for %s, which is not a built-in CDS list of this package", id)
		}
	}
}

// TestCDSListsDetails checks what the code sets alone do not: the DMS names
// of the notification function codes and the change reasons HMRC's
// material does not confirm.
func TestCDSListsDetails(t *testing.T) {
	off := oracle.OfficialDir(t)
	fn, _ := codelists.Builtin().Lookup("cds-notification-function")
	for _, r := range readDerived(t, off, "dms-notification-function-codes.csv") {
		if got := fn.Description(r["function_code"]); !strings.HasPrefix(got, r["dms_name"]+":") {
			t.Errorf("cds-notification-function %s: %q does not start with %s", r["function_code"], got, r["dms_name"])
		}
	}
	cr, _ := codelists.Builtin().Lookup("cds-change-reason")
	for _, r := range readDerived(t, off, "cds-amendment-change-reason-codes.csv") {
		inferred := strings.Contains(r["evidence"], "INFERRED")
		if got := cr.Description(r["code"]); inferred != strings.Contains(got, "inferred") {
			t.Errorf("cds-change-reason %s: %q; HMRC's evidence: %s", r["code"], got, r["evidence"])
		}
	}
	// 33 is undocumented in the derived table, but HMRC's scenario sheet
	// names it: TT_IM016a amends with "Amend Security - Undervaluation".
	b, err := os.ReadFile(filepath.Join(off, "cds", "examples", "valid", "annotated_XML_samples", "Annotated_Scenario_Descriptions_TTM34.0.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Amend Security - Undervaluation") {
		t.Error("HMRC's scenario sheet no longer names the undervaluation amendment reason")
	}
	sec, _ := codelists.Builtin().Lookup(codelists.SectionCodeList)
	for _, r := range readDerived(t, off, "wco-document-section-codes.csv") {
		if got := sec.Description(r["document_section_code"]); got != r["wco_class_name"] {
			t.Errorf("%s %s: class %s, official %s", codelists.SectionCodeList, r["document_section_code"], got, r["wco_class_name"])
		}
	}
}

// cdsDataLists returns the IDs of the lists in data/cds*.txt.
func cdsDataLists(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("data", "cds*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("data/cds*.txt: %v %v", files, err)
	}
	var ids []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "list "); ok {
				id := strings.Fields(rest)[0]
				if id == "cds-validation-code" {
					continue // another file's list, tested with it
				}
				ids = append(ids, id)
			}
		}
		fh.Close()
	}
	sort.Strings(ids)
	return ids
}

func exportsDir(off string) string {
	return filepath.Join(off, "codelists", "cds", "customs-declare-exports-frontend")
}

// exportsList reads the codes of a list of HMRC's exports frontend.
func exportsList(name string) cdsSource {
	return cdsSource{"HMRC's " + name, func(t *testing.T, off string) []string {
		var es []struct{ Code string }
		readJSON(t, filepath.Join(exportsDir(off), name), &es)
		var out []string
		for _, e := range es {
			out = append(out, e.Code)
		}
		return out
	}}
}

// exportsParents reads the parent codes of a tag table of HMRC's exports
// frontend, less a placeholder.
func exportsParents(name, skip string) cdsSource {
	return cdsSource{"HMRC's " + name, func(t *testing.T, off string) []string {
		var es []struct{ ParentCode string }
		readJSON(t, filepath.Join(exportsDir(off), name), &es)
		var out []string
		for _, e := range es {
			if e.ParentCode != skip {
				out = append(out, e.ParentCode)
			}
		}
		return out
	}}
}

// ctcList reads an NCTS list of HMRC's reference data that CDS shares.
func ctcList(entity string) cdsSource {
	return cdsSource{"HMRC's NCTS " + entity + ".json", func(t *testing.T, off string) []string {
		codes, ok := codeListFile(t, filepath.Join(off, "codelists", "ctc"), entity)
		if !ok {
			t.Fatalf("no %s.json", entity)
		}
		return codes
	}}
}

// derivedColumn reads a column of a table of codelists/cds/derived.
func derivedColumn(name, column string) cdsSource {
	return cdsSource{"HMRC's derived " + name, func(t *testing.T, off string) []string {
		var out []string
		for _, r := range readDerived(t, off, name) {
			out = append(out, r[column])
		}
		return out
	}}
}

// sampleValues reads the values HMRC's valid samples give an element.
func sampleValues(path string) cdsSource {
	return cdsSource{"the " + path + " of HMRC's valid samples", func(t *testing.T, off string) []string {
		var out []string
		walkSamples(t, off, func(p []string, text string) {
			if hasSuffix(p, strings.Split(path, "/")) {
				out = append(out, text)
			}
		})
		return out
	}}
}

// declarationTypes reads the letters [from:to] of the TypeCode of HMRC's
// valid sample declarations (FunctionCode 9).
func declarationTypes(t *testing.T, off string, from, to int) []string {
	var out []string
	fc, tc := "", ""
	walkSamples(t, off, func(p []string, text string) {
		switch {
		case p == nil: // end of a file
			if fc == "9" && len(tc) >= to {
				out = append(out, tc[from:to])
			}
			fc, tc = "", ""
		case hasSuffix(p, []string{"MetaData", "Declaration", "FunctionCode"}):
			fc = text
		case hasSuffix(p, []string{"MetaData", "Declaration", "TypeCode"}):
			tc = text
		}
	})
	return out
}

func hasSuffix(p, suffix []string) bool {
	return len(p) >= len(suffix) && slices.Equal(p[len(p)-len(suffix):], suffix)
}

// walkSamples calls f with the local-name path and text of every element
// of every well-formed XML file of HMRC's valid CDS samples, then with a
// nil path at the end of each file.
func walkSamples(t *testing.T, off string, f func(path []string, text string)) {
	t.Helper()
	dir := filepath.Join(off, "cds", "examples", "valid")
	err := filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(file), ".xml") {
			return err
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		type elem struct {
			path []string
			text strings.Builder
		}
		var stack []*elem
		var done []func()
		dec := xml.NewDecoder(strings.NewReader(string(b)))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil // not well-formed: HMRC's known defects
			}
			switch x := tok.(type) {
			case xml.StartElement:
				var p []string
				if len(stack) > 0 {
					p = slices.Clone(stack[len(stack)-1].path)
				}
				stack = append(stack, &elem{path: append(p, x.Name.Local)})
			case xml.CharData:
				if len(stack) > 0 {
					stack[len(stack)-1].text.Write(x)
				}
			case xml.EndElement:
				e := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				text := strings.TrimSpace(e.text.String())
				done = append(done, func() { f(e.path, text) })
			}
		}
		for _, g := range done {
			g()
		}
		f(nil, "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// readDerived reads a CSV of codelists/cds/derived as rows by column name.
func readDerived(t *testing.T, off, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(off, "codelists", "cds", "derived", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Some rows have an unquoted comma in their last column.
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		head := recs[0]
		if len(r) < len(head) {
			t.Fatalf("%s: short row %v", name, r)
		}
		m := map[string]string{}
		for i, h := range head {
			v := r[i]
			if i == len(head)-1 {
				v = strings.Join(r[i:], ",")
			}
			m[h] = strings.TrimSpace(v)
		}
		out = append(out, m)
	}
	return out
}
