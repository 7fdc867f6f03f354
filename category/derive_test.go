package category_test

import (
	"testing"

	"github.com/customslint/customslint/category"
)

func decl(typeCode string, items ...category.Item) category.Declaration {
	return category.Declaration{FunctionCode: "9", TypeCode: typeCode, Items: items}
}

func item(proc string, apcs ...string) category.Item {
	return category.Item{Procedure: proc, Additional: apcs}
}

// ruleCases exercise every selection rule with a value it selects on and
// one it does not. fact is the fact that must select want ("" when want
// is no category).
var ruleCases = []struct {
	name string
	d    category.Declaration
	want category.Category
	fact string
}{
	// DE 1/2 simplified declarations.
	{"IMB occasional", decl("IMB", item("4000", "000")), category.I1BE, "simplified-im-b"},
	{"IME occasional", decl("IME", item("6123", "F05")), category.I1BE, "simplified-im-e"},
	{"IMC regular", decl("IMC", item("4421", "000")), category.I1CF, "simplified-im-c"},
	{"IMF regular", decl("IMF", item("4000", "C04")), category.I1CF, "simplified-im-f"},
	{"IMC green lane stays I1 C&F", decl("IMC", item("4078", "1SG", "1NR")), category.I1CF, "simplified-im-c"},
	{"EXB occasional", decl("EXB", item("1040", "000")), category.C1BE, "simplified-ex-b"},
	{"EXE occasional", decl("EXE", item("1040", "3LV")), category.C1BE, "simplified-ex-e"},
	{"EXC regular", decl("EXC", item("3151", "1CS")), category.C1CF, "simplified-ex-c"},
	{"EXF regular", decl("EXF", item("1040", "000")), category.C1CF, "simplified-ex-f"},
	// DE 1/2 Q.
	{"IMQ final supplementary", decl("IMQ", item("0090", "97F")), category.FSD, "final-im-q"},
	{"EXQ is no category", decl("EXQ", item("1040", "000")), "", ""},
	// DE 1/2 J and K.
	{"IMJ inventory code", decl("IMJ", item("0002", "000")), category.C21i, "clearance-im-00"},
	{"IMK 4000 EIDR NOP", decl("IMK", item("4000", "000")), category.C21iEIDRNOP, "clearance-im-any"},
	{"IMK green lane EIDR NOP", decl("IMK", item("4000", "1SG")), category.C21iEIDRNOP, "clearance-im-any"},
	{"EXK inventory code", decl("EXK", item("0012", "000")), category.C21e, "clearance-ex-00"},
	{"EXK 1040 EIDR NOP", decl("EXK", item("1040", "1FT")), category.C21eEIDRNOP, "clearance-ex-any"},
	{"COJ BIRDS is an import CCR", decl("COJ", item("0020", "21V")), category.C21i, "clearance-im-00"},
	{"COJ 0014 is an export CCR", decl("COJ", item("0014", "000")), category.C21e, "clearance-ex-00"},
	// DE 1/11 additional procedure codes.
	{"1H7 selects H7", decl("IMA", item("4000", "1H7", "C07")), category.H7, "apc-1h7"},
	{"C07 alone does not", decl("IMA", item("4000", "C07")), category.H1, "procedure-im-40"},
	{"1SG selects H8", decl("IMY", item("4000", "1SG", "1AG")), category.H8, "apc-1sg"},
	{"1AG selects H8", decl("IMY", item("4000", "1AG")), category.H8, "apc-1ag"},
	{"1EN selects H8", decl("IMA", item("4051", "1EN", "1SP", "1NR")), category.H8, "apc-1en"},
	{"1EL selects H8", decl("IMD", item("4000", "1EL")), category.H8, "apc-1el"},
	{"1VW alone does not", decl("IMA", item("6122", "1VW")), category.H1, "procedure-im-61"},
	{"an APC on an export is no H8", decl("EXA", item("1040", "1SG")), category.B1, "procedure-ex-10"},
	// DE 1/1 CO.
	{"COA 07 is H5", decl("COA", item("0700", "F15")), category.H5, "fiscal-im-07"},
	{"COA 40 is H5", decl("COA", item("4000", "F15")), category.H5, "fiscal-im-40"},
	{"COY 42 is H5", decl("COY", item("4200", "F15")), category.H5, "fiscal-im-42"},
	{"COA 61 is H5", decl("COA", item("6121", "F15")), category.H5, "fiscal-im-61"},
	{"IMA 40 with F15 is H1", decl("IMA", item("4000", "F15")), category.H1, "procedure-im-40"},
	{"COY 53 keeps H3", decl("COY", item("5300", "D15", "F15")), category.H3, "procedure-im-53"},
	{"COD 10 is B4", decl("COD", item("1040", "F75")), category.B4, "fiscal-ex-10"},
	{"COA 23 is B4", decl("COA", item("2300", "000")), category.B4, "fiscal-ex-23"},
	{"COD 31 is B4", decl("COD", item("3151", "000")), category.B4, "fiscal-ex-31"},
	{"COD 21 keeps B2", decl("COD", item("2100", "000")), category.B2, "procedure-ex-21"},
	{"COA 99 tells no direction", decl("COA", item("9900", "000")), "", ""},
	// DE 1/10 requested procedure, standard and supplementary.
	{"01 is H1", decl("IMA", item("0100", "000")), category.H1, "procedure-im-01"},
	{"07 is H1", decl("IMA", item("0700", "F06")), category.H1, "procedure-im-07"},
	{"40 is H1 on a Z", decl("IMZ", item("4071", "000")), category.H1, "procedure-im-40"},
	{"42 is H1", decl("IMY", item("4200", "000")), category.H1, "procedure-im-42"},
	{"44 is H1", decl("IMA", item("4400", "000")), category.H1, "procedure-im-44"},
	{"61 is H1", decl("IMA", item("6123", "000")), category.H1, "procedure-im-61"},
	{"71 is H2", decl("IMD", item("7122", "B02")), category.H2, "procedure-im-71"},
	{"78 is H2", decl("IMD", item("7800", "000")), category.H2, "procedure-im-78"},
	{"53 is H3", decl("IMA", item("5300", "D12")), category.H3, "procedure-im-53"},
	{"51 is H4", decl("IMZ", item("5100", "F44")), category.H4, "procedure-im-51"},
	{"10 is B1", decl("EXD", item("1040", "000")), category.B1, "procedure-ex-10"},
	{"11 is B1", decl("EXA", item("1100", "000")), category.B1, "procedure-ex-11"},
	{"23 is B1", decl("EXD", item("2300", "000")), category.B1, "procedure-ex-23"},
	{"31 is B1", decl("EXD", item("3151", "A04")), category.B1, "procedure-ex-31"},
	{"21 is B2", decl("EXA", item("2100", "1CS")), category.B2, "procedure-ex-21"},
	{"22 is B2", decl("EXD", item("2200", "000")), category.B2, "procedure-ex-22"},
	{"import 10 is no category", decl("IMA", item("1040", "000")), "", ""},
	{"export 40 is no category", decl("EXA", item("4000", "000")), "", ""},
	{"unlisted 95 is no category", decl("IMA", item("9500", "000")), "", ""},
}

func TestDeriveRules(t *testing.T) {
	for _, c := range ruleCases {
		res := category.Derive(c.d)
		if res.Category != c.want {
			t.Errorf("%s: category %q (%s), want %q", c.name, res.Category, res.Why, c.want)
			continue
		}
		if c.want == "" {
			if res.Status != category.Unknown || res.Why == "" {
				t.Errorf("%s: status %v why %q, want Unknown with a reason", c.name, res.Status, res.Why)
			}
			continue
		}
		if res.Status != category.Derived || res.Items[0].Fact != c.fact {
			t.Errorf("%s: status %v fact %q, want Derived by %q", c.name, res.Status, res.Items[0].Fact, c.fact)
		}
	}
}

// TestEveryFactIsExercised keeps ruleCases complete: every fact of
// data/facts.csv selects in at least one case, except the export
// clearance codes that only tell a CO declaration's direction.
func TestEveryFactIsExercised(t *testing.T) {
	used := map[string]bool{"ccr-ex-0014": true}
	for _, c := range ruleCases {
		used[c.fact] = true
	}
	for _, f := range category.Facts() {
		if !used[f.ID] && f.Rule != "ccr-export" {
			t.Errorf("fact %s (%s %s %s -> %s) has no case in ruleCases", f.ID, f.Rule, f.Direction, f.Key, f.Category)
		}
	}
}

func TestDeriveDeclarationLevel(t *testing.T) {
	cases := []struct {
		name     string
		d        category.Declaration
		status   category.Status
		want     category.Category
		distinct []category.Category
	}{
		{"items agree", decl("EXD", item("1040", "3LV"), item("2300", "000")), category.Derived, category.B1, []category.Category{category.B1}},
		{"items disagree (CDS11005)", decl("IMA", item("4000", "1H7"), item("4000", "000")), category.Mixed, "", []category.Category{category.H1, category.H7}},
		{"one item unknown", decl("IMA", item("4000", "000"), item("99", "000")), category.Unknown, "", []category.Category{category.H1}},
		{"amendment", category.Declaration{FunctionCode: "13", TypeCode: "IMA", Items: []category.Item{item("4000")}}, category.NotApplicable, "", nil},
		{"cancellation", category.Declaration{FunctionCode: "10", TypeCode: "IMA"}, category.NotApplicable, "", nil},
		{"no function code (goods presentation)", category.Declaration{TypeCode: "IMA", Items: []category.Item{item("4000")}}, category.NotApplicable, "", nil},
		{"no items", decl("IMA"), category.Unknown, "", nil},
		{"short type code", decl("IM", item("4000")), category.Unknown, "", nil},
		{"unknown DE 1/1", decl("XXA", item("4000")), category.Unknown, "", nil},
		{"unknown DE 1/2", decl("IMG", item("4000")), category.Unknown, "", nil},
		{"lower case and spaces", category.Declaration{FunctionCode: " 9 ", TypeCode: " ima ", Items: []category.Item{{Procedure: " 4000 ", Additional: []string{" 1h7 "}}}}, category.Derived, category.H7, []category.Category{category.H7}},
	}
	for _, c := range cases {
		res := category.Derive(c.d)
		if res.Status != c.status || res.Category != c.want {
			t.Errorf("%s: status %v category %q (%s), want %v %q", c.name, res.Status, res.Category, res.Why, c.status, c.want)
		}
		if c.status != category.Derived && res.Why == "" {
			t.Errorf("%s: no reason given", c.name)
		}
		if got := res.Distinct(); !equalCats(got, c.distinct) {
			t.Errorf("%s: distinct %v, want %v", c.name, got, c.distinct)
		}
	}
}

func equalCats(a, b []category.Category) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestClosedSet(t *testing.T) {
	want := []string{"H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "I1 C&F", "I1 B&E", "B1", "B2", "B3", "B4",
		"C1 C&F", "C1 B&E", "C21i", "C21i EIDR NOP", "C21e", "C21e EIDR NOP", "FSD"}
	all := category.All()
	if len(all) != len(want) {
		t.Fatalf("All() has %d categories, want %d", len(all), len(want))
	}
	for i, c := range all {
		if c.String() != want[i] || !c.Valid() {
			t.Errorf("All()[%d] = %q (valid %v), want %q", i, c, c.Valid(), want[i])
		}
	}
	for _, bad := range []category.Category{"", "H9", "I1", "c21i", "C21i EIDR"} {
		if bad.Valid() {
			t.Errorf("%q is valid, want not", bad)
		}
	}
	for _, f := range category.Facts() {
		if !f.Category.Valid() {
			t.Errorf("fact %s selects %q, not in the closed set", f.ID, f.Category)
		}
	}
}
