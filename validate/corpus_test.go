package validate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// gprContext is the folder of the messages cds-gpr-inventory-linked's
// testdata checks goods presentations against.
var gprContext = filepath.Join("..", "rules", "testdata", "cds-gpr-inventory-linked", "context")

// lrnFact is a fact of the tests: the LRN of a CTC message.
type lrnFact struct{ lrn string }

func (lrnFact) FactKind() string { return "test-lrn" }

// lrnExporter is a rule that checks nothing and exports the LRN of every
// CC015B it reads; calls counts its Export's runs.
func lrnExporter(calls *int) *rules.Rule {
	return &rules.Rule{ID: "test-lrn", Summary: "s", Doc: "d", Severity: rules.Error, ExportTypes: []string{"CC015B"},
		Export: func(p *rules.Pass) {
			*calls++
			lrn := p.Root.ChildByLocalName("HEAHEA").ChildByLocalName("RefNumHEA4").Text()
			p.ExportFact(lrnFact{lrn})
		}}
}

const cc015bLRN = "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA></CC015B>"

// TestCheckHandsExportedFactsToTheCorpus: the engine runs a rule's Export
// on the messages of its ExportTypes and hands the facts to the run's
// corpus, which shows them once frozen; without a collecting corpus no
// Export runs; a panicking Export is an internal finding and the checks
// still run.
func TestCheckHandsExportedFactsToTheCorpus(t *testing.T) {
	calls := 0
	corpus := validate.NewCorpus()
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: append(rules.All(), lrnExporter(&calls)), RuleConfig: rules.Config{Corpus: corpus}})
	check(t, e, cc015bLRN)
	check(t, e, "<CC014A/>") // not of ExportTypes
	if calls != 1 {
		t.Fatalf("Export ran %d times, want once (CC015B only)", calls)
	}
	if got := corpus.Facts("test-lrn"); got != nil {
		t.Fatalf("facts before Freeze: %v", got)
	}
	corpus.Freeze()
	got := corpus.Facts("test-lrn")
	if len(got) != 1 || got[0].Path != "msg.xml" || got[0].Fact != (lrnFact{"LRN-1"}) {
		t.Fatalf("facts %+v, want LRN-1 of msg.xml", got)
	}

	alone := newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: append(rules.All(), lrnExporter(&calls))})
	check(t, alone, cc015bLRN)
	if calls != 1 {
		t.Errorf("Export ran without a corpus that collects facts")
	}

	panics := &rules.Rule{ID: "test-export-panics", Summary: "s", Doc: "d", Severity: rules.Error, Export: func(p *rules.Pass) { panic("boom") }}
	reports := &rules.Rule{ID: "test-reports", Summary: "s", Doc: "d", Severity: rules.Warning, Check: func(p *rules.Pass) { p.Reportf(p.Root, "checked") }}
	e = newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: append(rules.All(), panics, reports), Select: []string{"test-*"}, RuleConfig: rules.Config{Corpus: validate.NewCorpus()}})
	rep := check(t, e, cc015bLRN)
	var internal, checked bool
	for _, f := range rep.Findings {
		internal = internal || (f.Rule == rules.InternalID && strings.Contains(f.Message, "rule test-export-panics failed to read the facts of this message: boom"))
		checked = checked || f.Rule == "test-reports"
	}
	if !internal || !checked {
		t.Fatalf("want an internal finding for the panic and the other rule's finding: %s", dump(rep.Findings))
	}
}

// TestCorpusFreezeSortsByKindAndPath: Facts answers by kind, sorted by
// path (a path's facts in the order added), and only what was added
// before the last Freeze.
func TestCorpusFreezeSortsByKindAndPath(t *testing.T) {
	c := validate.NewCorpus()
	c.AddFacts(
		rules.ExportedFact{Path: "b.xml", Fact: lrnFact{"B1"}},
		rules.ExportedFact{Path: "a.xml", Fact: rules.CDSFacts{Path: "a.xml", LRN: "X"}},
		rules.ExportedFact{Path: "a.xml", Fact: lrnFact{"A1"}},
		rules.ExportedFact{Path: "b.xml", Fact: lrnFact{"B2"}},
	)
	c.Freeze()
	c.AddFacts(rules.ExportedFact{Path: "0.xml", Fact: lrnFact{"late"}})
	var lrns []string
	for _, f := range c.Facts("test-lrn") {
		lrns = append(lrns, f.Path+":"+f.Fact.(lrnFact).lrn)
	}
	if got := strings.Join(lrns, " "); got != "a.xml:A1 b.xml:B1 b.xml:B2" {
		t.Errorf("test-lrn facts %q", got)
	}
	if got := c.Facts(rules.CDSFactKind); len(got) != 1 || got[0].Path != "a.xml" {
		t.Errorf("cds facts %+v", got)
	}
	if got := c.Facts("none"); len(got) != 0 {
		t.Errorf("facts of an unknown kind: %+v", got)
	}
	c.Freeze()
	if got := c.Facts("test-lrn"); len(got) != 4 || got[0].Path != "0.xml" {
		t.Errorf("after the second Freeze: %+v", got)
	}
}

// TestEngineFactsReadsWithoutChecking: Facts runs the registered rules'
// Export on a message (cds-gpr-inventory-linked's, on a CDS declaration),
// gives nothing for what does not parse, for JSON or for a message no
// rule exports from, and stops on a done context.
func TestEngineFactsReadsWithoutChecking(t *testing.T) {
	e, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	data, err := os.ReadFile(filepath.Join(gprContext, "decl-mcr.xml"))
	if err != nil {
		t.Fatal(err)
	}
	facts, err := e.Facts(context.Background(), "decl.xml", data)
	facts = ofKind(facts, rules.CDSFactKind)
	if err != nil || len(facts) != 1 {
		t.Fatalf("facts %+v, %v; want one", facts, err)
	}
	f, ok := facts[0].Fact.(rules.CDSFacts)
	if !ok || facts[0].Path != "decl.xml" || f.Path != "decl.xml" || f.MessageType != "CDS-DEC" || f.LRN != "CLT26IM0320M01" || f.MCRLine == 0 {
		t.Errorf("fact %+v", facts[0])
	}
	for name, src := range map[string]string{"not xml": "<a><b></a>", "json": `{"n1:CC015C": {}}`, "ctc": cc015c, "empty": ""} {
		if facts, err := e.Facts(context.Background(), name, []byte(src)); err != nil || len(ofKind(facts, rules.CDSFactKind)) != 0 {
			t.Errorf("%s: facts %+v, %v; want none", name, facts, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Facts(ctx, "decl.xml", data); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v, want context.Canceled", err)
	}
}

// ofKind keeps the facts of one kind.
func ofKind(facts []rules.ExportedFact, kind string) []rules.ExportedFact {
	var out []rules.ExportedFact
	for _, f := range facts {
		if f.Fact.FactKind() == kind {
			out = append(out, f)
		}
	}
	return out
}

// TestCorpusReadContext reads the facts of a --context folder: every CDS
// declaration and notification of it, none of the other files, sorted by
// path; a done context stops it with its error.
func TestCorpusReadContext(t *testing.T) {
	e, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	dir := t.TempDir()
	ents, err := os.ReadDir(gprContext)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range ents {
		data, err := os.ReadFile(filepath.Join(gprContext, ent.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ent.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{"other.xml": "<a/>", "broken.xml": "<md:MetaData", "notes.txt": "MetaData"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := validate.ContextFiles([]string{dir})
	if err != nil || len(files) != len(ents)+2 {
		t.Fatalf("context files %v, %v", files, err)
	}
	c := validate.NewCorpus()
	if err := c.ReadContext(context.Background(), e, files, 3); err != nil {
		t.Fatal(err)
	}
	c.Freeze()
	var got []string
	for _, f := range c.Facts(rules.CDSFactKind) {
		got = append(got, filepath.Base(f.Path)+" "+f.Fact.(rules.CDSFacts).MessageType)
	}
	if want := "decl-location.xml CDS-DEC,decl-mcr.xml CDS-DEC,decl-plain.xml CDS-DEC,notification-mcr.xml CDS-RES"; strings.Join(got, ",") != want {
		t.Errorf("facts %v, want %s", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := validate.NewCorpus().ReadContext(ctx, e, files, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v", err)
	}
	if _, err := validate.ContextFiles([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("a missing --context folder is not an error")
	}
}

// TestFileNeedsOthers finds "GPR" in a file read in pieces, also across
// two pieces, as NeedsOthers does in the bytes.
func TestFileNeedsOthers(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		data string
		want bool
	}{
		"none":       {strings.Repeat("x", 200000), false},
		"start":      {"GPR" + strings.Repeat("x", 100), true},
		"straddling": {strings.Repeat("x", 64<<10-1) + "GPR" + strings.Repeat("x", 10), true},
		"end":        {strings.Repeat("x", 150000) + "GPR", true},
		"split":      {strings.Repeat("x", 64<<10-2) + "GP" + strings.Repeat("x", 10) + "R", false},
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := validate.FileNeedsOthers(p); got != c.want || got != validate.NeedsOthers([]byte(c.data)) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	if !validate.FileNeedsOthers(filepath.Join(dir, "missing")) {
		t.Error("a file that cannot be read must take the path that reports the error")
	}
}
