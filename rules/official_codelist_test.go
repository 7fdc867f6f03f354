package rules_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// codelistDefect is a code in HMRC's valid examples that its list lacks.
type codelistDefect struct {
	files []string // path.Match patterns, relative to the official folder
	rule  string
	codes []string // what the findings name: `path "value"`
	why   string
}

// codelistSampleDefects are the codes of HMRC's valid examples that their
// built-in lists lack: mostly placeholders of the tools that wrote the
// examples. Each code and each file pattern must still be found.
var codelistSampleDefects = []codelistDefect{
	{
		files: []string{"cds/examples/valid/exports-frontend/wco_dec_metadata.xml"},
		rule:  "cds-codelist",
		codes: []string{`GoodsLocation/TypeCode "T"`},
		why:   "a unit-test fixture of the exports frontend: goods location types are A to D",
	},
	{
		files: []string{"cds/examples/valid/exports-frontend/wco_dec_metadata.xml"},
		rule:  "cds-codelist",
		codes: []string{`DangerousGoods/UNDGID "999"`},
		why:   "a unit-test fixture of the exports frontend: UN numbers have four digits",
	},
	{
		files: []string{"ctc/phase[56]/examples/*/*cc007c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{`Consignment/LocationOfGoods/qualifierOfIdentification "A"`, `Consignment/LocationOfGoods/PostcodeAddress/country "SA"`},
		why:   "arrival notification: the type of location (A) given as qualifier; Saudi Arabia for a postcode address",
	},
	{
		files: []string{"ctc/phase5/examples/*/*cc007c-valid*", "ctc/phase6/examples/xml/cc007c-valid-xi.xml"},
		rule:  "ctc-codelist",
		codes: []string{`Consignment/Incident/Location/country "SA"`, `Consignment/Incident/Transhipment/TransportMeans/typeOfIdentification "12"`},
		why:   "arrival notification: an incident in Saudi Arabia (no common transit country), identification type 12",
	},
	{
		files: []string{"ctc/phase[56]/examples/xml/*cc013c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/PreviousDocument/type "ABCD"`, `Consignment/HouseConsignment/PreviousDocument/type "ABCD"`,
			`Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type "ABCD"`,
			`Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "01"`,
		},
		why: "amendment (XML): placeholder document types ABCD, identification type 01",
	},
	{
		files: []string{"ctc/phase6/examples/xml/*cc013c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{`Consignment/DepartureTransportMeans/typeOfIdentification "01"`},
		why:   "amendment (XML, phase 6): identification type 01",
	},
	{
		files: []string{"ctc/phase[56]/examples/json/*cc013c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/PreviousDocument/type "abcd"`, `Consignment/HouseConsignment/PreviousDocument/type "abcd"`,
			`Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type "abcd"`,
			`Consignment/DepartureTransportMeans/typeOfIdentification "12"`, `Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "12"`,
			`Consignment/HouseConsignment/countryOfDispatch "st"`, `Consignment/LocationOfGoods/PostcodeAddress/country "GB"`,
			`Consignment/LocationOfGoods/qualifierOfIdentification "a"`,
		},
		why: "amendment (JSON): placeholders abcd and st, identification type 12, qualifier a; GB has no postcode-based addresses in NCTS (CL190)",
	},
	{
		files: []string{"ctc/phase[56]/examples/json/*cc170c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/DepartureTransportMeans/typeOfIdentification "12"`, `Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "12"`,
			`Consignment/LocationOfGoods/PostcodeAddress/country "GB"`, `Consignment/LocationOfGoods/qualifierOfIdentification "a"`,
		},
		why: "presentation notification (JSON): identification type 12, qualifier a, GB for a postcode address",
	},
	{
		files: []string{"ctc/phase[56]/examples/xml/*cc170c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/LocationOfGoods/qualifierOfIdentification "B"`, `Consignment/DepartureTransportMeans/typeOfIdentification "00"`,
			`Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "00"`,
		},
		why: "presentation notification (XML): the type of location (B) given as qualifier, identification type 00",
	},
	{
		files: []string{"ctc/phase[56]/examples/*/cc029c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/countryOfDispatch "st"`, `Consignment/HouseConsignment/countryOfDispatch "st"`,
			`Consignment/HouseConsignment/ConsignmentItem/countryOfDispatch "st"`,
			`Consignment/PreviousDocument/type "4321"`, `Consignment/HouseConsignment/PreviousDocument/type "4321"`,
			`Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type "4321"`,
			`Consignment/DepartureTransportMeans/typeOfIdentification "43"`, `Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "32"`,
			`Consignment/LocationOfGoods/qualifierOfIdentification "A"`, `Consignment/LocationOfGoods/PostcodeAddress/country "IT"`,
			`Guarantee/GuaranteeReference/currency "USD"`,
		},
		why: "release for transit: placeholders st and 4321, identification types 43 and 32, qualifier A, IT for a postcode address, a guarantee in US dollars (CL048 has the currencies of the common transit countries)",
	},
	{
		files: []string{"ctc/phase[56]/examples/*/cc043c-valid*"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/DepartureTransportMeans/typeOfIdentification "32"`, `Consignment/PreviousDocument/type "1234"`,
			`Consignment/HouseConsignment/PreviousDocument/type "1234"`, `Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type "1234"`,
			`Consignment/Incident/Transhipment/TransportMeans/typeOfIdentification "33"`,
			`Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "33"`,
		},
		why: "unloading permission: placeholder document types 1234, identification types 32 and 33",
	},
	{
		files: []string{"ctc/phase5/examples/converter/xml/it-cc043c-valid.xml"},
		rule:  "ctc-codelist",
		codes: []string{
			`Consignment/DepartureTransportMeans/typeOfIdentification "53"`, `Consignment/HouseConsignment/DepartureTransportMeans/typeOfIdentification "47"`,
			`Consignment/Incident/Transhipment/TransportMeans/typeOfIdentification "74"`, `Consignment/PreviousDocument/type "VRPa"`,
			`Consignment/HouseConsignment/PreviousDocument/type "ae07"`, `Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/type "pRAG"`,
			`Consignment/Incident/Location/country "WC"`, `Consignment/Incident/Endorsement/country "DB"`,
		},
		why: "the converter's test message is generated: random codes of the right form",
	},
}

// knownDefect returns the index of the sample defect a finding is, or -1,
// and which code it names.
func knownDefect(rel string, f validate.Finding) (int, string) {
	for i, d := range codelistSampleDefects {
		if d.rule != f.Rule {
			continue
		}
		for _, pat := range d.files {
			if ok, _ := path.Match(pat, rel); !ok {
				continue
			}
			for _, c := range d.codes {
				if strings.HasPrefix(f.Message, c+" is not in code list ") {
					return i, c
				}
			}
		}
	}
	return -1, ""
}

// TestCodeListsOnOfficialExamples runs cds-codelist over HMRC's valid CDS
// examples and notifications that pass the schema, and ctc-codelist over
// the valid phase 5 and 6 examples (XML and JSON) and the converter's
// schema-valid XML examples, with the built-in lists: none raises an error
// except the known sample defects.
func TestCodeListsOnOfficialExamples(t *testing.T) {
	off := oracle.OfficialDir(t)
	cache := xsd.NewCache()
	defer cache.Close()
	var files []string
	add := func(dir string, keep func(name string) bool) {
		err := filepath.WalkDir(filepath.Join(off, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			n := strings.ToLower(d.Name())
			if (strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".json")) && keep(n) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	all := func(string) bool { return true }
	validOnly := func(n string) bool { return strings.Contains(n, "valid") && !strings.Contains(n, "invalid") }
	add("cds/examples/valid", func(n string) bool { return strings.HasSuffix(n, ".xml") })
	add("cds/notifications", func(n string) bool { return strings.HasSuffix(n, ".xml") })
	for _, phase := range []string{"phase5", "phase6"} {
		add(filepath.Join("ctc", phase, "examples", "xml"), validOnly)
		add(filepath.Join("ctc", phase, "examples", "json"), validOnly)
		add(filepath.Join("ctc", phase, "examples", "converter", "xml"), all)
	}
	sort.Strings(files)
	engines := map[validate.Profile]*validate.Engine{}
	for _, p := range []validate.Profile{validate.ProfileCDS, validate.ProfileCTCP5, validate.ProfileCTCP6} {
		eng, err := validate.New(validate.Options{Profile: p, Select: []string{"xsd", "cds-codelist", "ctc-codelist"}, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		engines[p] = eng
	}
	profileOf := func(rel string) validate.Profile {
		switch {
		case strings.HasPrefix(rel, "ctc/phase5/"):
			return validate.ProfileCTCP5
		case strings.HasPrefix(rel, "ctc/phase6/"):
			return validate.ProfileCTCP6
		}
		return validate.ProfileCDS
	}
	found := map[string]bool{} // defect index and code, defect index and pattern
	checked := map[validate.Profile]int{}
	ref := officialLists(t)
	placeholders := map[string]int{} // justified ctc-codelist findings by list
	for _, file := range files {
		rel, _ := filepath.Rel(off, file)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p := profileOf(rel)
		rep, err := engines[p].Check(context.Background(), file, data)
		if err != nil {
			t.Fatal(err)
		}
		// HMRC's valid CTC examples count whatever their schema verdict
		// (several phase 6 ones fail the phase 6 schema); CDS examples and
		// converter messages only when schema-valid.
		schemaMatters := !strings.HasPrefix(rel, "ctc/") || strings.Contains(rel, "/converter/")
		var ours []validate.Finding
		broken := false
		schemaLines := map[int]bool{}
		for _, f := range rep.Findings {
			if f.Rule == rules.XSDID {
				schemaLines[f.Line] = true
			}
			switch {
			case f.Rule == "cds-codelist" || f.Rule == "ctc-codelist":
				ours = append(ours, f)
			case f.Severity != rules.Error:
			case f.Rule != rules.XSDID || schemaMatters:
				broken = true // not well-formed, of no known type, not schema-valid
			}
		}
		if broken {
			continue
		}
		checked[p]++
		for _, f := range ours {
			if i, code := knownDefect(rel, f); i >= 0 {
				found[fmt.Sprint(i, code)] = true
				for _, pat := range codelistSampleDefects[i].files {
					if ok, _ := path.Match(pat, rel); ok {
						found[fmt.Sprint(i, pat)] = true
					}
				}
				continue
			}
			// HMRC's CTC examples are full of placeholders (token, 1234,
			// ABCD) in fields with a list: a finding is right when HMRC's
			// own reference data lacks the code.
			if f.Rule == "ctc-codelist" {
				ok, why := justified(ref, f, schemaLines)
				if ok {
					placeholders[ctcFinding.FindStringSubmatch(f.Message)[3]]++
					continue
				}
				t.Errorf("%s:%d: %s: %s; but %s", rel, f.Line, f.Rule, f.Message, why)
				continue
			}
			t.Errorf("%s:%d: %s: %s", rel, f.Line, f.Rule, f.Message)
		}
	}
	t.Logf("codes of HMRC's CTC examples that HMRC's reference data lacks, by list: %v", placeholders)
	for i, d := range codelistSampleDefects {
		for _, x := range append(append([]string(nil), d.codes...), d.files...) {
			if !found[fmt.Sprint(i, x)] {
				t.Errorf("sample defect no longer found: %s in %v (%s)", x, d.files, d.why)
			}
		}
	}
	t.Logf("examples checked: %v", checked)
	if checked[validate.ProfileCDS] < 100 || checked[validate.ProfileCTCP5] < 20 || checked[validate.ProfileCTCP6] < 20 {
		t.Errorf("too few examples checked: %v", checked)
	}
}
