package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// seed is one defect put into an accepted declaration: edit turns the
// accepted text into the seeded one (and fails when the text it needs is
// not there); then exactly one finding is new, of rule with code, and none
// is gone.
type seed struct {
	name       string
	file       string // acceptedImport (H1) or acceptedExport (B1)
	edit       func(doc string) (string, bool)
	rule, code string
}

// replaceOnce replaces the one occurrence of old.
func replaceOnce(old, new string) func(string) (string, bool) {
	return func(doc string) (string, bool) {
		if strings.Count(doc, old) != 1 {
			return doc, false
		}
		return strings.Replace(doc, old, new, 1), true
	}
}

var (
	goodsItemRE = regexp.MustCompile(`(?s)<GovernmentAgencyGoodsItem>.*?</GovernmentAgencyGoodsItem>`)
	seqRE       = regexp.MustCompile(`<SequenceNumeric>1</SequenceNumeric>`)
	procRE      = regexp.MustCompile(`(?s)<CurrentCode>(\d\d)</CurrentCode>(\s*)<PreviousCode>(\d\d)</PreviousCode>`)
	quantityRE  = regexp.MustCompile(`<GoodsItemQuantity>1</GoodsItemQuantity>`)
)

// secondItemOf copies the declaration's one goods item as goods item 2
// under procedure code proc (requested + previous) and declares two items:
// the declaration is complete, and only the two items' categories differ.
func secondItemOf(proc string) func(string) (string, bool) {
	return func(doc string) (string, bool) {
		items := goodsItemRE.FindAllStringIndex(doc, -1)
		if len(items) != 1 || len(quantityRE.FindAllString(doc, -1)) != 1 {
			return doc, false
		}
		item := doc[items[0][0]:items[0][1]]
		if len(seqRE.FindAllString(item, -1)) < 1 || len(procRE.FindAllString(item, -1)) != 1 {
			return doc, false
		}
		second := seqRE.ReplaceAllString(item, "<SequenceNumeric>2</SequenceNumeric>")
		second = procRE.ReplaceAllString(second, "<CurrentCode>"+proc[:2]+"</CurrentCode>${2}<PreviousCode>"+proc[2:]+"</PreviousCode>")
		doc = doc[:items[0][1]] + "\n" + second + doc[items[0][1]:]
		return quantityRE.ReplaceAllString(doc, "<GoodsItemQuantity>2</GoodsItemQuantity>"), true
	}
}

// cdsSeeds are one defect per family of CDS rules, in HMRC's accepted TT1
// import (H1, IMZ, 4071) and export (B1, 3171). The import declares no
// masses or packages, so cds-mass is seeded into the export only.
var cdsSeeds = []seed{
	{"category: H1 item and H2 item", acceptedImport, secondItemOf("7100"), "cds-category", "CDS11005"},
	{"category: B1 item and B2 item", acceptedExport, secondItemOf("2100"), "cds-category", "CDS11005"},
	{"dataset: no DE 6/8", acceptedImport, func(doc string) (string, bool) {
		re := regexp.MustCompile(`(?m)^\s*<Description>[^<]*</Description>\s*\n`)
		return re.ReplaceAllString(doc, ""), len(re.FindAllString(doc, -1)) == 1
	}, "cds-dataset", "CDS10001"},
	{"dataset: no DE 1/9", acceptedExport, func(doc string) (string, bool) {
		re := regexp.MustCompile(`(?m)^\s*<GoodsItemQuantity>[^<]*</GoodsItemQuantity>\s*\n`)
		return re.ReplaceAllString(doc, ""), len(re.FindAllString(doc, -1)) == 1
	}, "cds-dataset", "CDS10001"},
	{"procedure: requested 99", acceptedImport, replaceOnce("<CurrentCode>40</CurrentCode>", "<CurrentCode>99</CurrentCode>"), "cds-procedure", "CDS12050"},
	{"procedure: requested 99", acceptedExport, replaceOnce("<CurrentCode>31</CurrentCode>", "<CurrentCode>99</CurrentCode>"), "cds-procedure", "CDS12050"},
	{"additional procedure: 000 and 1CD", acceptedImport, replaceOnce("<CurrentCode>000</CurrentCode>", "<CurrentCode>000</CurrentCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>1CD</CurrentCode>"), "cds-additional-procedure", "CDS12149"},
	{"additional procedure: 000 and 1CS", acceptedExport, replaceOnce("<CurrentCode>000</CurrentCode>", "<CurrentCode>000</CurrentCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>1CS</CurrentCode>"), "cds-additional-procedure", "CDS12149"},
	{"items: three declared, one sent", acceptedImport, replaceOnce("<GoodsItemQuantity>1</GoodsItemQuantity>", "<GoodsItemQuantity>3</GoodsItemQuantity>"), "cds-items", "CDS11003"},
	{"items: three declared, one sent", acceptedExport, replaceOnce("<GoodsItemQuantity>1</GoodsItemQuantity>", "<GoodsItemQuantity>3</GoodsItemQuantity>"), "cds-items", "CDS11003"},
	{"mass: net 100 over gross 90", acceptedExport, replaceOnce("<GrossMassMeasure>150</GrossMassMeasure>", "<GrossMassMeasure>90</GrossMassMeasure>"), "cds-mass", "CDS11006"},
	{"acceptance date: 238 days before", acceptedImport, replaceOnce(">20171001010000+01<", ">20170601010000+01<"), "cds-acceptance-date", "CDS12016"},
	{"acceptance date: 238 days before", acceptedExport, replaceOnce(">20171001010000+01<", ">20170601010000+01<"), "cds-acceptance-date", "CDS12016"},
}

// addedFindings returns the findings of after that before lacks (by rule,
// code and message, counting repeats), and fails the test for each finding
// of before that after lost.
func addedFindings(t *testing.T, before, after validate.FileReport) []validate.Finding {
	t.Helper()
	key := func(f validate.Finding) string { return f.Rule + " " + f.Code + " " + f.Message }
	was := map[string]int{}
	for _, f := range before.Findings {
		was[key(f)]++
	}
	var added []validate.Finding
	for _, f := range after.Findings {
		if k := key(f); was[k] > 0 {
			was[k]--
			continue
		}
		added = append(added, f)
	}
	for k, n := range was {
		if n > 0 {
			t.Errorf("finding gone after seeding: %s", k)
		}
	}
	return added
}

// TestOfficialCDSSeeded puts one defect per family of CDS rules into HMRC's
// accepted TT1 import (H1) and export (B1) declarations and checks each
// with the default engine (every rule, the schema) at the time Trade Test
// 1 answered: the accepted declarations give no business-rule error, and
// each seeded one exactly one new finding, an error of its family's rule
// with its code, while every finding of the accepted one stays.
func TestOfficialCDSSeeded(t *testing.T) {
	base := filepath.Join(oracle.OfficialDir(t), "cds", "examples", "valid", "exports-frontend")
	now := time.Date(2018, 1, 25, 10, 46, 18, 0, time.UTC)
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	check := func(name, doc string) validate.FileReport {
		t.Helper()
		rep, err := eng.Check(context.Background(), name, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	accepted := map[string]validate.FileReport{}
	texts := map[string]string{}
	for _, f := range []string{acceptedImport, acceptedExport} {
		data, err := os.ReadFile(filepath.Join(base, f))
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(data)
		accepted[f] = check(f, texts[f])
		for _, x := range accepted[f].Findings {
			if r, ok := rules.Lookup(x.Rule); ok && r.Check != nil && x.Severity == rules.Error {
				t.Errorf("%s as accepted: %s %s: %s", f, x.Rule, x.Code, x.Message)
			}
		}
	}
	families := map[string]bool{}
	for _, s := range cdsSeeds {
		t.Run(filepath.Base(s.file)+"/"+s.name, func(t *testing.T) {
			doc, ok := s.edit(texts[s.file])
			if !ok {
				t.Fatalf("%s no longer holds what the seed edits", s.file)
			}
			added := addedFindings(t, accepted[s.file], check(s.file, doc))
			if len(added) != 1 || added[0].Rule != s.rule || added[0].Code != s.code || added[0].Severity != rules.Error {
				t.Errorf("want one %s %s error, got %d new findings:", s.rule, s.code, len(added))
				for _, x := range added {
					t.Logf("  %s %s %s at %s: %s", x.Severity, x.Rule, x.Code, x.Path, x.Message)
				}
			}
		})
		families[s.rule] = true
	}
	for _, r := range []string{"cds-category", "cds-dataset", "cds-procedure", "cds-additional-procedure", "cds-items", "cds-mass", "cds-acceptance-date"} {
		if !families[r] {
			t.Errorf("no seed for %s", r)
		}
	}
}
