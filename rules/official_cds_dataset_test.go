package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// datasetSample is what the evidence test learns of one accepted file.
type datasetSample struct {
	rel      string
	category string
	supp     bool // DE 1/2 Y or Z
	gaps     []rules.DatasetGap
	findings []validate.Finding // cds-dataset errors as the engine reports them
}

// datasetEngine runs the schema and cds-dataset.
func datasetEngine(t *testing.T) *validate.Engine {
	t.Helper()
	eng, err := validate.New(validate.Options{Select: []string{rules.XSDID, "cds-dataset"}, Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return eng
}

// checkDataset checks the official file rel (relative to off): whether it
// is a schema-valid CDS declaration, and its data-set departures.
func checkDataset(t *testing.T, eng *validate.Engine, off, rel string) (datasetSample, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(off, rel))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), rel, data)
	if err != nil {
		t.Fatal(err)
	}
	s := datasetSample{rel: rel}
	valid := rep.MessageType == "CDS-DEC"
	for _, f := range rep.Findings {
		switch {
		case f.Rule == rules.XSDID && f.Severity == rules.Error, f.Rule == rules.XMLID && f.Severity == rules.Error:
			valid = false
		case f.Rule == "cds-dataset":
			s.findings = append(s.findings, f)
		}
	}
	if !valid {
		return s, false
	}
	doc, _, err := xsd.Parse(data, false)
	if err != nil || doc == nil {
		t.Fatalf("%s: parse: %v", rel, err)
	}
	defer doc.Free()
	s.category, s.supp, s.gaps = rules.DatasetGaps(doc.Root())
	return s, true
}

// datasetNotAccepted are folders under examples/valid whose files are not
// declarations CDS accepted, with the reason; the evidence test leaves
// them out (and fails if a folder disappears).
var datasetNotAccepted = map[string]string{
	"examples/valid/customs-declarations-tests": "the customs-declarations API's schema test fixture (an IMZ of 2016 with invented data): valid against the schema, never submitted to CDS",
	"examples/valid/fileupload":                 "file upload responses, not declarations",
}

// datasetAcceptedExceptions are accepted declarations on which cds-dataset
// still reports an enforced row, by file and "category DE code", with the
// reason; at most one per 100 accepted declarations. The test fails when
// one is no longer reported, or another is.
var datasetAcceptedExceptions = map[string]string{}

// acceptedDatasetSamples checks every accepted CDS declaration.
func acceptedDatasetSamples(t *testing.T) []datasetSample {
	t.Helper()
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	eng := datasetEngine(t)
	for dir := range datasetNotAccepted {
		if _, err := os.Stat(filepath.Join(off, dir)); err != nil {
			t.Errorf("datasetNotAccepted: %v", err)
		}
	}
	var out []datasetSample
	for _, file := range cdsXMLFiles(t, filepath.Join(off, "examples/valid")) {
		rel, err := filepath.Rel(off, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		if _, skip := datasetNotAccepted[filepath.ToSlash(filepath.Dir(rel))]; skip {
			continue
		}
		if s, ok := checkDataset(t, eng, off, rel); ok && s.category != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestOfficialCDSDatasetEvidence runs cds-dataset over every schema-valid
// declaration HMRC publishes as accepted. Each not-enforced row must still
// be contradicted by exactly the counted number of declarations of its
// category; every enforced finding must be a listed exception; the engine
// must report exactly the enforced departures.
func TestOfficialCDSDatasetEvidence(t *testing.T) {
	samples := acceptedDatasetSamples(t)
	if len(samples) < 300 {
		t.Fatalf("only %d accepted declarations with a category", len(samples))
	}
	of := map[string]int{}      // category -> declarations; "category supp" -> supplementary ones
	departs := map[string]int{} // "category DE code" or "... supp" -> declarations
	exceptions := map[string]bool{}
	for _, s := range samples {
		of[s.category]++
		counted := map[string]bool{}
		for _, g := range s.gaps {
			key := g.Category + " " + g.DE + " " + g.Code
			if !counted[key] {
				counted[key] = true
				departs[key]++
				if g.Supplementary {
					departs[key+" supp"]++
				}
			}
			if g.Enforced {
				id := s.rel + " " + key
				exceptions[id] = true
				if _, ok := datasetAcceptedExceptions[id]; !ok {
					t.Errorf("%s:%d: cds-dataset %s on a declaration HMRC accepted: %s", s.rel, g.Line, g.Code, g.Message)
				}
			}
		}
		if s.supp {
			of[s.category+" supp"]++
		}
		enforced := 0
		for _, g := range s.gaps {
			if g.Enforced {
				enforced++
			}
		}
		if len(s.findings) != enforced {
			t.Errorf("%s: the engine reports %d cds-dataset findings, the rule's departures are %d enforced", s.rel, len(s.findings), enforced)
		}
	}
	for id := range datasetAcceptedExceptions {
		if !exceptions[id] {
			t.Errorf("datasetAcceptedExceptions: %s is no longer reported", id)
		}
	}
	if max := len(samples) / 100; len(datasetAcceptedExceptions) > max {
		t.Errorf("%d exceptions for %d accepted declarations: at most %d", len(datasetAcceptedExceptions), len(samples), max)
	}
	for key, ev := range rules.DatasetNotEnforced {
		cat := key[:strings.LastIndex(key[:strings.LastIndex(key, " ")], " ")]
		n, total := departs[key], of[cat]
		if ev.Supplementary {
			n, total = departs[key+" supp"], of[cat+" supp"]
			if departs[key] != n {
				t.Errorf("%s: exempt on supplementary declarations only, yet %d other accepted declarations depart from it", key, departs[key]-n)
			}
		}
		if n == 0 || n != ev.Lacking || total != ev.Of {
			t.Errorf("%s: evidence says %d of %d, the accepted declarations show %d of %d", key, ev.Lacking, ev.Of, n, total)
		}
	}
	t.Logf("%d accepted declarations checked: %v", len(samples), of)
}

// TestOfficialCDSDatasetRejected runs every rule over the six TT1
// declarations CDS rejected after the schema. The two rejected for a
// missing data element get one error each, cds-dataset's CDS10001 where
// HMRC pointed: the import without DE 6/1 in item 1 (HMRC's pointer
// 42A/67A/68A[1]/23A/65A/128; the GoodsMeasure is the nearest element
// present) and the B1 export without DE 5/12 (on the Declaration). The
// other four get no cds-dataset finding.
func TestOfficialCDSDatasetRejected(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	const base = "examples/invalid/business-rule-rejected/exports-frontend/"
	want := map[string]struct{ path, de, pointer string }{
		base + "Imports/Rejected/Obligation Rejection/Declaration/TT1_IM_v2.02_Rejected_Obligation_Netmass.xml": {
			"/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/GoodsMeasure", "DE 6/1 (Net mass (kg)) is missing from goods item 1", "42A/67A/68A/23A/65A/128"},
		base + "Exports/Rejected/Rejected Obligation/Declaration/TT1_EX_v2.02_Rejected_Obligation_Exitoffice.xml": {
			"/MetaData/Declaration", "DE 5/12 (Customs office of exit) is missing", "42A/56A"},
	}
	// What HMRC's notifications of the two say (DMS10001 is CDS10001).
	notes := map[string][]string{
		"notifications/exports-frontend/Imports/Rejected/Obligation Rejection": {"DMS10001", "68A<", "65A<", "TagID>128<"},
		"notifications/exports-frontend/Exports/Rejected/Rejected Obligation":  {"DMS10001"},
	}
	for dir, says := range notes {
		var all strings.Builder
		for _, f := range cdsXMLFiles(t, filepath.Join(off, dir)) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all.Write(b)
		}
		for _, s := range says {
			if !strings.Contains(all.String(), s) {
				t.Errorf("no notification under %s says %s any more", dir, s)
			}
		}
	}
	eng := allCDSEngine(t)
	files := cdsXMLFiles(t, filepath.Join(off, base))
	if len(files) != 6 {
		t.Errorf("%d rejected declarations, want 6", len(files))
	}
	for _, file := range files {
		rel, _ := filepath.Rel(off, file)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), rel, data)
		if err != nil {
			t.Fatal(err)
		}
		var errs, ours []validate.Finding
		for _, f := range rep.Findings {
			if f.Severity == rules.Error {
				errs = append(errs, f)
			}
			if f.Rule == "cds-dataset" {
				ours = append(ours, f)
			}
		}
		w, rejectedForData := want[rel]
		if !rejectedForData {
			for _, f := range ours {
				t.Errorf("%s:%d: %s %s: %s", rel, f.Line, f.Rule, f.Code, f.Message)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Rule != "cds-dataset" || errs[0].Code != "CDS10001" || errs[0].Path != w.path ||
			!strings.HasPrefix(errs[0].Message, w.de) || !strings.Contains(errs[0].Message, "WCO "+w.pointer) {
			t.Errorf("%s: want only a cds-dataset CDS10001 error at %s (%s, WCO %s), got %+v", rel, w.path, w.de, w.pointer, errs)
		}
	}
}
