package rules_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// modelPaths returns the element paths of a message type in a model set,
// from the message element ("Consignment/countryOfDispatch"), with each
// element's WCO ID (CDS).
func modelPaths(t *testing.T, set, messageType string) map[string]string {
	t.Helper()
	s, err := model.Lookup(set)
	if err != nil {
		t.Fatal(err)
	}
	v, err := transform.NewView(s, messageType)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(n *transform.Node, prefix string)
	walk = func(n *transform.Node, prefix string) {
		for _, c := range n.Children {
			p := prefix + c.Name
			wco := ""
			if c.Element != nil {
				wco = c.Element.WCO
			}
			out[p] = wco
			walk(c, p+"/")
		}
	}
	walk(v.Root, "")
	return out
}

// xmlName turns a data item or group name of the EU's message tables into
// its XML name: "CUSTOMS OFFICE OF DESTINATION (ACTUAL)" is
// CustomsOfficeOfDestinationActual, the item "Reference number"
// referenceNumber, "UN LOCODE" UNLocode.
func xmlName(name string, item bool) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune(" ()-/", r) }) {
		if w == "UN" {
			b.WriteString("UN")
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + strings.ToLower(w[1:]))
	}
	s := b.String()
	if item && !strings.HasPrefix(s, "UN") {
		s = strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

var clNumber = regexp.MustCompile(`^CL[0-9]{3}$`)

// TestCTCCodeListsMatchMessageFields compares the data items ctc-codelist
// checks with the EU's message tables as HMRC publishes them (TIS): in every
// message of the tables and every data item of customslint's model of it,
// the rule checks the list the table names, and nothing where it names
// none.
func TestCTCCodeListsMatchMessageFields(t *testing.T) {
	off := oracle.OfficialDir(t)
	rule, ok := rules.Lookup("ctc-codelist")
	if !ok {
		t.Fatal("no rule ctc-codelist")
	}
	for _, ph := range []struct{ csv, profile string }{{"ncts-p5-message-fields.csv", "ctc-p5"}, {"ncts-p6-message-fields.csv", "ctc-p6"}} {
		t.Run(ph.profile, func(t *testing.T) {
			f, err := os.Open(filepath.Join(off, "codelists", "ctc", "derived", ph.csv))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			want := map[string]map[string]string{} // message type -> path -> CL
			for _, r := range recs[1:] {
				mt := "CC" + strings.TrimPrefix(r[col["message"]], "IE") + "C"
				steps := strings.Split(r[col["path"]], " / ")
				if steps[0] != "MESSAGE" {
					t.Fatalf("path %q", r[col["path"]])
				}
				var names []string
				for i, s := range steps[1:] {
					names = append(names, xmlName(s, i == len(steps)-2 && r[col["kind"]] == "item"))
				}
				cl := strings.TrimSpace(r[col["code_lists"]])
				if cl != "" && !clNumber.MatchString(cl) {
					t.Fatalf("%s %s: code lists %q", mt, r[col["path"]], cl)
				}
				if want[mt] == nil {
					want[mt] = map[string]string{}
				}
				if len(names) > 0 {
					want[mt][strings.Join(names, "/")] = cl
				}
			}
			used := map[string]bool{}
			for mt, items := range want {
				if !slices.Contains(rule.MessageTypes, mt) {
					if mt == "CC141C" && ph.profile == "ctc-p6" {
						continue // no model of phase 6's IE141 (yet)
					}
					t.Errorf("%s: the tables tie its data items to code lists; not among the rule's message types", mt)
					continue
				}
				paths := modelPaths(t, ph.profile, mt)
				got := rules.CTCCodeLists(ph.profile, mt)
				for p, cl := range items {
					if _, ok := paths[p]; !ok {
						if cl != "" {
							t.Errorf("%s %s (%s): no such element in the model", mt, p, cl)
						}
						continue
					}
					if got[p] != cl {
						t.Errorf("%s %s: the tables say %q, the rule checks %q", mt, p, cl, got[p])
					}
				}
				for p, cl := range got {
					if _, ok := paths[p]; !ok {
						continue
					}
					used[p] = true
					if _, ok := items[p]; !ok {
						t.Errorf("%s %s: the rule checks %s, the tables do not list the data item", mt, p, cl)
					}
				}
			}
			for _, mt := range rule.MessageTypes {
				if want[mt] == nil {
					t.Errorf("%s: a message type of the rule the tables do not cover", mt)
				}
				for p := range rules.CTCCodeLists(ph.profile, mt) {
					if !used[p] {
						t.Errorf("%s: a path of the rule's table that no message of %s has", p, ph.profile)
						used[p] = true
					}
				}
			}
		})
	}
}

// TestCDSCodeListsMatchModel: every element cds-codelist checks is an
// element of the CDS model with the WCO ID the table gives, and every
// element of the model with one of those WCO IDs is checked (or is listed
// here with the reason it is not).
func TestCDSCodeListsMatchModel(t *testing.T) {
	notChecked := map[string]string{
		"Declaration/FunctionCode":              "the schema enumerates 9, 13 and 14",
		"DomesticDutyTaxParty/RoleCode":         "VAT party roles (FR1 ...): no list carried",
		"AdditionalDocument/Submitter/RoleCode": "document submitter roles: no list carried",
		"Consignor/Address/TypeCode":            "a consignor's type of address: no list carried",
	}
	type node struct{ path, wco string }
	var all []node
	for _, mt := range []string{"CDS-DEC", "CDS-INV", "CDS-RES"} {
		for p, wco := range modelPaths(t, "cds", mt) {
			all = append(all, node{"/" + p, wco})
		}
	}
	ends := func(p, suffix string) bool { return strings.HasSuffix(p, "/"+suffix) }
	wcos := map[string]bool{}
	for _, f := range rules.CDSCodeLists() {
		wcos[f.WCO] = true
		n := 0
		for _, x := range all {
			if ends(x.path, f.Path) {
				n++
				if x.wco != f.WCO {
					t.Errorf("%s: %s has WCO ID %q, the table says %s", f.Path, x.path, x.wco, f.WCO)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no element of the CDS model ends so", f.Path)
		}
		for _, id := range f.Lists {
			if _, ok := codelists.Builtin().Lookup(id); !ok && !strings.HasPrefix(id, "cds-") && !clNumber.MatchString(id) {
				t.Errorf("%s: list %s is neither built in nor a cds- or NCTS list ID", f.Path, id)
			}
		}
	}
	for _, x := range all {
		if !wcos[x.wco] {
			continue
		}
		covered := false
		for _, f := range rules.CDSCodeLists() {
			covered = covered || (f.WCO == x.wco && ends(x.path, f.Path))
		}
		for p := range notChecked {
			covered = covered || ends(x.path, p)
		}
		if !covered {
			t.Errorf("%s (WCO %s) is not checked, though other elements with that ID are", x.path, x.wco)
		}
	}
}

// TestCodeListsLoaded shows lists loaded from HMRC's reference data
// (codelists.Load, as --codelists does) being checked: NCTS customs
// offices by role (CL171 from CL141's roles) and CUS codes (CL016) in a
// transit declaration; the exports frontend's country and package type
// lists, which replace or add to the built-in CDS lists, and the NCTS CUS
// codes in a CDS declaration.
func TestCodeListsLoaded(t *testing.T) {
	off := oracle.OfficialDir(t)
	ctcLists, _, err := codelists.Load(filepath.Join(off, "codelists", "ctc", "ncts-p5-customs-reference-data", "code-lists"))
	if err != nil {
		t.Fatal(err)
	}
	cdsLists, _, err := codelists.Load(filepath.Join(off, "codelists", "cds", "customs-declare-exports-frontend"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, profile validate.Profile, lists *codelists.Set, rule, file string, edit func(string) string) []string {
		t.Helper()
		eng, err := validate.New(validate.Options{Profile: profile, Select: []string{"xsd", rule}, RuleConfig: rules.Config{CodeLists: lists}})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		src, err := os.ReadFile(filepath.Join("..", "testdata", "messages", file))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), file, []byte(edit(string(src))))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range rep.Findings {
			if f.Rule != rule {
				t.Fatalf("%s: %+v", file, f)
			}
			out = append(out, f.Message)
		}
		return out
	}
	replace := func(pairs ...string) func(string) string {
		return func(s string) string {
			for i := 0; i < len(pairs); i += 2 {
				if !strings.Contains(s, pairs[i]) {
					t.Fatalf("no %q to replace", pairs[i])
				}
				s = strings.Replace(s, pairs[i], pairs[i+1], 1)
			}
			return s
		}
	}

	t.Run("ctc", func(t *testing.T) {
		lists := codelists.Builtin().With(ctcLists)
		for _, id := range []string{"CL141", "CL171", "CL172", "CL016"} {
			if _, ok := lists.Lookup(id); !ok {
				t.Fatalf("%s not loaded", id)
			}
		}
		// Every office has its role, every code is known.
		if got := check(t, validate.ProfileCTCP5, lists, "ctc-codelist", "ctc-p5/cc015c.xml", func(s string) string { return s }); len(got) > 0 {
			t.Errorf("cc015c.xml: %q", got)
		}
		// GB000001 (the Central Community Transit Office) is a customs
		// office but not one of departure; 0010001-6 is a CUS code,
		// 0000000-0 is not.
		got := check(t, validate.ProfileCTCP5, lists, "ctc-codelist", "ctc-p5/cc015c.xml", replace(
			"<referenceNumber>GB000060</referenceNumber>\n  </CustomsOfficeOfDeparture>", "<referenceNumber>GB000001</referenceNumber>\n  </CustomsOfficeOfDeparture>",
			"<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>", "<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods><cusCode>0000000-0</cusCode>",
		))
		want := []string{
			`CustomsOfficeOfDeparture/referenceNumber "GB000001" is not in code list CL171 (CustomsOfficeDeparture)`,
			`Consignment/HouseConsignment/ConsignmentItem/Commodity/cusCode "0000000-0" is not in code list CL016 (CUSCode)`,
		}
		if !sameSet(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		got = check(t, validate.ProfileCTCP5, lists, "ctc-codelist", "ctc-p5/cc015c.xml", replace(
			"<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>", "<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods><cusCode>0010001-6</cusCode>",
		))
		if len(got) > 0 {
			t.Errorf("a known CUS code: %q", got)
		}
		// Without the reference data, the office is not checked; the CUS
		// code is (built in).
		got = check(t, validate.ProfileCTCP5, codelists.Builtin(), "ctc-codelist", "ctc-p5/cc015c.xml", replace(
			"<referenceNumber>GB000060</referenceNumber>\n  </CustomsOfficeOfDeparture>", "<referenceNumber>GB000001</referenceNumber>\n  </CustomsOfficeOfDeparture>",
			"<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods>", "<descriptionOfGoods>Wool knitted jumpers for men</descriptionOfGoods><cusCode>0000000-0</cusCode>",
		))
		want = []string{
			`Consignment/HouseConsignment/ConsignmentItem/Commodity/cusCode "0000000-0" is not in code list CL016 (CUSCode)`,
		}
		if !sameSet(got, want) {
			t.Errorf("built-in lists only: got %q, want %q", got, want)
		}
	})

	t.Run("cds", func(t *testing.T) {
		lists := codelists.Builtin().With(cdsLists).With(ctcLists)
		if l, _ := lists.Lookup("cds-country"); l.Name != "countryCodes" {
			t.Fatalf("cds-country is %s, not HMRC's countryCodes.json", l.Source)
		}
		if got := check(t, validate.ProfileCDS, lists, "cds-codelist", "cds/declaration-imz.xml", func(s string) string { return s }); len(got) > 0 {
			t.Errorf("declaration-imz.xml: %q", got)
		}
		// HMRC's exports list has no XI; Q9 is no package type; the CUS
		// code is not in CL016.
		got := check(t, validate.ProfileCDS, lists, "cds-codelist", "cds/declaration-imz.xml", replace(
			"<Destination>\n        <CountryCode>GB</CountryCode>", "<Destination>\n        <CountryCode>XI</CountryCode>",
			"<TypeCode>CT</TypeCode>", "<TypeCode>Q9</TypeCode>",
			"</Classification>", "</Classification><Classification><ID>0000000-0</ID><IdentificationTypeCode>CV</IdentificationTypeCode></Classification>",
		))
		want := []string{
			`Destination/CountryCode "XI" is not in code list cds-country (countryCodes)`,
			`Packaging/TypeCode "Q9" is not in code list cds-package-type (packageTypes)`,
			`Classification/ID "0000000-0" is not in code list CL016 (CUSCode)`,
		}
		if !sameSet(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
