package codelists

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseData(t *testing.T) {
	lists, err := parseData("t.txt", []byte("# c\nlist CL009 CountryCodesCommonTransit\nAD Andorra\nGB  United Kingdom \n\nlist cds-x\n1\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSet(lists...)
	l, ok := s.Lookup("countrycodescommontransit")
	if !ok || l.ID != "CL009" || !l.Has("GB") || l.Description("GB") != "United Kingdom" || l.Has("gb") || l.Len() != 2 {
		t.Errorf("list: %+v", l)
	}
	if in, known := s.In("cds-x", "1"); !in || !known {
		t.Error("In")
	}
	if _, known := s.In("CL999", "1"); known {
		t.Error("unknown list known")
	}
	for _, bad := range []string{"AD x\n", "list\n", "list A B C\n", "list A\nx\nx\n"} {
		if _, err := parseData("bad.txt", []byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestBuiltinParses(t *testing.T) {
	if _, err := builtin(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadForms(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("CountryCodesCommonTransit.json", `[{"code":"AD","description":"Andorra"},{"code":"GB","description":"United Kingdom"}]`)
	write("countryCodes.json", `[{"en":"Andorra","cy":"Andorra","code":"AD"}]`)
	write("offices.json", `{"lists":{"customsOffices":{"listName":"CustomsOffices","listEntries":[
	  {"state":"valid","id":"AD000001","languageCode":"ES","name":"ADUANA"},
	  {"state":"valid","id":"AD000001","languageCode":"EN","name":"CUSTOMS OFFICE"},
	  {"state":"invalid","id":"XX000001","name":"GONE"}]}}}`)
	write("x.schema.json", `{"type":"object"}`)
	s, warnings, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := s.Lookup("CL009"); !ok || !l.Has("GB") || l.Name != "CountryCodesCommonTransit" {
		t.Errorf("CL009: %+v", l)
	}
	if l, ok := s.Lookup("countryCodes"); !ok || l.Description("AD") != "Andorra" {
		t.Errorf("countryCodes: %+v", l)
	}
	if l, ok := s.Lookup("CL141"); !ok || l.Description("AD000001") != "CUSTOMS OFFICE" || l.Has("XX000001") {
		t.Errorf("offices: %+v", l)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if _, _, err := Load(t.TempDir()); err == nil {
		t.Error("empty folder loaded")
	}
}

// TestLoadCDSFormsAndRoles: HMRC's CDS lists get their cds- IDs, the link
// and mapping tables beside them are skipped, and customs offices with
// roles give the lists of offices by role.
func TestLoadCDSFormsAndRoles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("countryCodes.json", `[{"en":"Andorra","cy":"Andorra","code":"AD"}]`)
	write("cds-package-type.json", `[{"code":"CT","description":"Carton"}]`)
	write("linkCountryCodeToAliases.json", `[{"parentCode":"AE","childCodes":["UAE"]}]`)
	write("exports-wco-mapping.json", `[{"cds":"goodsItemQuantity","wco":"42A.228"}]`)
	write("CustomsOffices.json", `[
	  {"id":"GB000060","languageCode":"EN","name":"Dover","roles":[{"role":"DEP"},{"role":"DES"}]},
	  {"id":"GB000001","languageCode":"EN","name":"CCTO","roles":[{"role":"AUT"}]},
	  {"id":"FR001260","languageCode":"EN","name":"Dunkerque","roles":[{"role":"TRA"},{"role":"DES"}]}]`)
	s, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := s.Lookup("cds-country"); !ok || !l.Has("AD") || l.Name != "countryCodes" {
		t.Errorf("cds-country: %+v", l)
	}
	if in, known := s.In("cds-package-type", "CT"); !in || !known {
		t.Error("cds-package-type")
	}
	for _, name := range []string{"linkCountryCodeToAliases", "exports-wco-mapping"} {
		if _, ok := s.Lookup(name); ok {
			t.Errorf("%s loaded as a list", name)
		}
	}
	for _, c := range []struct {
		list, code string
		in         bool
	}{
		{"CL141", "GB000001", true}, {"CL171", "GB000060", true}, {"CL171", "GB000001", false},
		{"CL172", "FR001260", true}, {"CL173", "FR001260", true}, {"CL173", "GB000060", false},
	} {
		if in, known := s.In(c.list, c.code); in != c.in || !known {
			t.Errorf("%s %s: in %v known %v", c.list, c.code, in, known)
		}
	}
	if _, known := s.In("CL176", "GB000060"); known {
		t.Error("CL176 made from offices none of which has role ENQ")
	}
	if l, _ := s.Lookup("CustomsOfficeDeparture"); l == nil || l.ID != "CL171" {
		t.Errorf("CL171 by name: %+v", l)
	}
}

// TestSectionCodesMadeOnFirstUse checks the built-in section code list is
// found without loading the CDS model, and holds the model's classes once
// asked.
func TestSectionCodesMadeOnFirstUse(t *testing.T) {
	calls := 0
	l := &List{ID: "x", fill: func() map[string]string { calls++; return map[string]string{"42A": "Declaration"} }}
	s := NewSet(l)
	if got, ok := s.Lookup("x"); !ok || got != l || calls != 0 {
		t.Fatalf("lookup made the codes (%d calls)", calls)
	}
	if !l.Has("42A") || l.Has("99Z") || l.Description("42A") != "Declaration" || l.Len() != 1 || calls != 1 {
		t.Errorf("lazy list: has %v, len %d, %d calls", l.Has("42A"), l.Len(), calls)
	}
	sec, ok := Builtin().Lookup(SectionCodeList)
	if !ok || sec.Name != "CDSDocumentSectionCodes" || sec.fill == nil {
		t.Fatalf("built-in section codes %+v", sec)
	}
	for _, c := range []string{"42A", "67A"} {
		if !sec.Has(c) {
			t.Errorf("section code %s missing", c)
		}
	}
	if sec.Has("42a") {
		t.Error("codes are case-sensitive")
	}
}

// TestLoadSkipsWhatIsNotAList: files that are not code lists are skipped
// with a warning naming the file and saying why in plain words (no Go type
// names); the lists beside them load; a file that cannot be read is an
// error. HMRC's phase 4 offices of transit spell their code "ID".
func TestLoadSkipsWhatIsNotAList(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("officesOfTransit.json", `[{"ID":"AD000001","NAME":"SANT JULIA"},{"ID":"AT210000","NAME":"Wien"}]`)
	write("a-object.json", `{"nothing":1}`)
	write("b-strings.json", `["GB","FR"]`)
	write("c-nocode.json", `[{"code":"A","description":"x"},{"description":"no code"}]`)
	write("d-broken.json", `[{"code":`)
	write("e-text.json", `hello`)
	write("f-bad.json.gz", `not gzip`)
	write("g-lists.json", `{"lists":{"x":{"listName":"X","listEntries":[{"code":3}]}}}`)
	s, warnings, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := s.Lookup("officesOfTransit"); !ok || !l.Has("AT210000") || l.Description("AD000001") != "SANT JULIA" {
		t.Errorf("officesOfTransit: %+v", l)
	}
	want := map[string]string{
		"a-object.json": "not a code list", "b-strings.json": "a JSON string", "c-nocode.json": "without code",
		"d-broken.json": "not valid JSON", "e-text.json": "not JSON", "f-bad.json.gz": "gzip",
		"g-lists.json": "without code",
	}
	if len(warnings) != len(want) {
		t.Errorf("%d warnings, want %d: %q", len(warnings), len(want), warnings)
	}
	for _, w := range warnings {
		file := ""
		for f := range want {
			if strings.Contains(w, string(filepath.Separator)+f+":") {
				file = f
			}
		}
		switch {
		case file == "":
			t.Errorf("warning names no file: %q", w)
		case !strings.Contains(w, want[file]) || !strings.Contains(w, "skipped"):
			t.Errorf("%s: %q, want it to say %q", file, w, want[file])
		}
		for _, goName := range []string{"codelists.", "interface", "map[", "[]", "Go value", " json: "} {
			if strings.Contains(w, goName) {
				t.Errorf("warning shows Go's words (%s): %q", goName, w)
			}
		}
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "h-dangling.json")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "h-dangling.json") {
		t.Errorf("unreadable file: %v", err)
	}
}
