package validate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// capMessage is a valid phase 4 message; suppressedMessage the same with
// its HEAHEA under a suppression of the test rule.
const (
	capMessage        = "<CC015B>\n<SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20>\n<HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA>\n</CC015B>\n"
	suppressedMessage = "<CC015B>\n<SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20>\n" +
		"<!-- customslint:ignore test-many generated findings under review -->\n<HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA>\n</CC015B>\n"
)

// manyRule reports the diagnostics in the order given.
func manyRule(ds []rules.Diagnostic) *rules.Rule {
	return &rules.Rule{ID: "test-many", Summary: "s", Doc: "d", Severity: rules.Error, Check: func(p *rules.Pass) {
		for _, d := range ds {
			p.Report(d)
		}
	}}
}

// descending makes n findings on lines n+9 down to 10 (so in the reverse
// of their order in the report); lines from errorFrom on are errors, the
// others warnings.
func descending(n, errorFrom int) []rules.Diagnostic {
	var ds []rules.Diagnostic
	for line := n + 9; line >= 10; line-- {
		sev := rules.Warning
		if line >= errorFrom {
			sev = rules.Error
		}
		ds = append(ds, rules.Diagnostic{Severity: sev, Line: line, Column: 2, Path: "/CC015B/SynIdeMES1", Message: fmt.Sprintf("finding on line %d", line)})
	}
	return ds
}

func capEngine(t *testing.T, max int, ds []rules.Diagnostic) *validate.Engine {
	t.Helper()
	return newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: append(rules.All(), manyRule(ds)), Select: []string{"test-many", rules.SuppressionID}, MaxFindings: max})
}

// checkLines checks that the report holds the findings on lines first,
// first+1 ... in order, then, when more > 0, the max-findings finding.
func checkLines(t *testing.T, got []validate.Finding, first, kept, more int, sev rules.Severity) {
	t.Helper()
	want := kept
	if more > 0 {
		want++
	}
	if len(got) != want {
		t.Fatalf("%d findings, want %d:\n%s", len(got), want, dump(got))
	}
	for i, f := range got[:kept] {
		if f.Rule != "test-many" || f.Line != first+i {
			t.Fatalf("finding %d: %+v, want test-many on line %d", i, f, first+i)
		}
	}
	if more == 0 {
		return
	}
	last := got[kept]
	wantMsg := fmt.Sprintf("%d finding", more)
	if last.Rule != rules.MaxFindingsID || last.Severity != sev || last.Line != first+kept || last.Column != 2 || !strings.HasPrefix(last.Message, wantMsg) {
		t.Errorf("closing finding %+v, want max-findings %s on line %d saying %q", last, sev, first+kept, wantMsg)
	}
}

func TestFindingCapKeepsTheFirstByPosition(t *testing.T) {
	const n = 20
	for _, tc := range []struct {
		name       string
		max        int
		kept, more int
	}{
		{"cap one under", n - 1, n - 1, 1},
		{"cap equal", n, n, 0},
		{"cap one over", n + 1, n, 0},
		{"cap of one", 1, 1, n - 1},
		{"no cap", -1, n, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := check(t, capEngine(t, tc.max, descending(n, 1000)), capMessage)
			checkLines(t, rep.Findings, 10, tc.kept, tc.more, rules.Warning)
		})
	}
}

func TestFindingCapDefaultAndNone(t *testing.T) {
	ds := descending(validate.DefaultMaxFindings+1, 1000)
	rep := check(t, capEngine(t, 0, ds), capMessage)
	checkLines(t, rep.Findings, 10, validate.DefaultMaxFindings, 1, rules.Error)
	if !strings.Contains(rep.Findings[len(rep.Findings)-1].Message, "1 error") {
		t.Errorf("closing finding does not count the error: %s", rep.Findings[len(rep.Findings)-1].Message)
	}
	rep = check(t, capEngine(t, -1, ds), capMessage)
	checkLines(t, rep.Findings, 10, validate.DefaultMaxFindings+1, 0, "")
}

// TestFindingCapSeverity: the closing finding has the highest severity of
// those left out, so a file whose errors were all left out keeps an error.
func TestFindingCapSeverity(t *testing.T) {
	// Lines 10-19 warnings, 20-29 errors; cap 10 keeps the warnings.
	rep := check(t, capEngine(t, 10, descending(20, 20)), capMessage)
	checkLines(t, rep.Findings, 10, 10, 10, rules.Error)
	if !rep.HasErrors() {
		t.Error("the errors left out do not count")
	}
	if msg := rep.Findings[10].Message; !strings.Contains(msg, "(10 errors)") || !strings.Contains(msg, "--max-findings") {
		t.Errorf("closing message %q", msg)
	}
	// Warnings only: the closing finding is a warning.
	rep = check(t, capEngine(t, 15, descending(20, 1000)), capMessage)
	checkLines(t, rep.Findings, 10, 15, 5, rules.Warning)
	if rep.HasErrors() {
		t.Error("warnings left out became an error")
	}
}

// TestFindingCapAfterSuppression: suppressed findings take no place under
// the cap, and the suppression still counts as used when the findings it
// covers would have been left out.
func TestFindingCapAfterSuppression(t *testing.T) {
	var ds []rules.Diagnostic
	for i := range 5 { // early lines, suppressed
		ds = append(ds, rules.Diagnostic{Line: 2 + i, Column: 1, Path: "/CC015B/HEAHEA/RefNumHEA4", Message: "suppressed"})
	}
	ds = append(ds, descending(10, 1000)...)
	rep := check(t, capEngine(t, 4, ds), suppressedMessage)
	checkLines(t, rep.Findings, 10, 4, 6, rules.Warning)

	// Only suppressed findings beyond the cap: the suppression was used.
	ds = append(descending(4, 1000), rules.Diagnostic{Line: 90, Column: 1, Path: "/CC015B/HEAHEA", Message: "suppressed"})
	rep = check(t, capEngine(t, 4, ds), suppressedMessage)
	checkLines(t, rep.Findings, 10, 4, 0, "")

	// Without findings to cover, the suppression is reported, under the cap.
	rep = check(t, capEngine(t, 2, descending(3, 1000)), suppressedMessage)
	if len(rep.Findings) != 3 || rep.Findings[0].Rule != rules.SuppressionID || rep.Findings[0].Line != 3 || rep.Findings[2].Rule != rules.MaxFindingsID {
		t.Errorf("findings:\n%s", dump(rep.Findings))
	}
}

func TestFindingCapCannotBeSilenced(t *testing.T) {
	for _, o := range []validate.Options{
		{Disable: []string{rules.MaxFindingsID}},
		{Severity: map[string]rules.Severity{rules.MaxFindingsID: rules.Info}},
	} {
		if _, err := validate.New(o); err == nil || !strings.Contains(err.Error(), "max-findings") {
			t.Errorf("options %+v: err %v", o, err)
		}
	}
	// Selecting other rules keeps it.
	rep := check(t, capEngine(t, 1, descending(3, 1000)), capMessage)
	checkLines(t, rep.Findings, 10, 1, 2, rules.Warning)
}

// TestFindingCapJSON: the XML pass of a JSON message reports under the
// JSON report's cap.
func TestFindingCapJSON(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "ctc-p6", "cc015c.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := xsd.Parse(data, false)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Free()
	v, err := transform.ViewFor("ctc-p6", "CC015C")
	if err != nil {
		t.Fatal(err)
	}
	j, probs := v.ToJSON(doc.Root())
	if len(probs) > 0 {
		t.Fatalf("JSON view: %v", probs)
	}
	var ds []rules.Diagnostic
	for i := range 7 {
		ds = append(ds, rules.Diagnostic{Line: 1, Message: fmt.Sprintf("whole message %d", i)})
	}
	e := newEngine(t, validate.Options{Rules: append(rules.All(), manyRule(ds)), Select: []string{"test-many"}, MaxFindings: 3})
	rep, err := e.Check(context.Background(), "m.json", j)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 4 || rep.Findings[3].Rule != rules.MaxFindingsID || !strings.HasPrefix(rep.Findings[3].Message, "4 findings more") {
		t.Fatalf("findings:\n%s", dump(rep.Findings))
	}
	for i, f := range rep.Findings[:3] {
		if f.Message != fmt.Sprintf("whole message %d", i) {
			t.Errorf("finding %d: %+v (equal positions keep their order)", i, f)
		}
	}
}

// manyErrors is the test declaration with n goods items, each with two
// schema errors and a code list error.
func manyErrors(t *testing.T, n int) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "cds", "declaration-imz.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	start, end := strings.Index(s, "      <GovernmentAgencyGoodsItem>"), strings.Index(s, "</GovernmentAgencyGoodsItem>\n")+len("</GovernmentAgencyGoodsItem>\n")
	if start < 0 || end < start {
		t.Fatal("no goods item in the test declaration")
	}
	item := strings.NewReplacer("310.5", "heavy", ">288<", ">light<", "<CountryCode>CN</CountryCode>", "<CountryCode>C9</CountryCode>").Replace(s[start:end])
	return []byte(s[:start] + strings.Repeat(item, n) + s[end:])
}

// TestFindingCapReachesTheValidator: libxml2's errors beyond the cap are
// counted, not kept, and the report is the uncapped one cut at the cap.
func TestFindingCapReachesTheValidator(t *testing.T) {
	msg := manyErrors(t, 30)
	all := newEngine(t, validate.Options{MaxFindings: -1, Select: []string{"xsd", "cds-codelist"}})
	full, err := all.Check(context.Background(), "m.xml", msg)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(full.Findings); n != 90 || full.Count(rules.Error) != 90 {
		t.Fatalf("uncapped: %d findings\n%s", n, dump(full.Findings))
	}
	for _, k := range []int{1, 7, 60, 89, 90} {
		capped := newEngine(t, validate.Options{MaxFindings: k, Select: []string{"xsd", "cds-codelist"}})
		validate.StreamAll(capped)
		// Check (in memory) and CheckFile (streamed from the file).
		p := filepath.Join(t.TempDir(), "m.xml")
		if err := os.WriteFile(p, msg, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, rep := range []validate.FileReport{check(t, capped, string(msg)), checkFile(t, capped, p)} {
			got := rep.Findings
			if k == len(full.Findings) {
				if len(got) != k || got[k-1] != full.Findings[k-1] {
					t.Fatalf("cap %d: %d findings", k, len(got))
				}
				continue
			}
			if len(got) != k+1 {
				t.Fatalf("cap %d: %d findings\n%s", k, len(got), dump(got))
			}
			for i := range k {
				if got[i].Line != full.Findings[i].Line || got[i].Rule != full.Findings[i].Rule || got[i].Message != full.Findings[i].Message {
					t.Errorf("cap %d: finding %d is %+v, uncapped %+v", k, i, got[i], full.Findings[i])
				}
			}
			last, next := got[k], full.Findings[k]
			want := fmt.Sprintf("%d findings more", 90-k)
			if k == 89 {
				want = "1 finding more"
			}
			if last.Rule != rules.MaxFindingsID || last.Severity != rules.Error || !strings.HasPrefix(last.Message, want) || last.Line != next.Line {
				t.Errorf("cap %d: closing %+v, want %q at line %d", k, last, want, next.Line)
			}
		}
	}
}

func checkFile(t *testing.T, e *validate.Engine, p string) validate.FileReport {
	t.Helper()
	rep, err := e.CheckFile(context.Background(), p, p)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestSuppressionOfOmittedErrors: a suppression whose findings the
// validator only counted is not called unused.
func TestSuppressionOfOmittedErrors(t *testing.T) {
	msg := manyErrors(t, 5)
	last := strings.LastIndex(string(msg), "<GovernmentAgencyGoodsItem>")
	msg = []byte(string(msg[:last]) + "<!-- customslint:ignore xsd masses of the last item under review -->\n      " + string(msg[last:]))
	for _, k := range []int{2, -1} {
		e := newEngine(t, validate.Options{MaxFindings: k, Select: []string{"xsd", rules.SuppressionID}})
		rep := check(t, e, string(msg))
		for _, f := range rep.Findings {
			if f.Rule == rules.SuppressionID {
				t.Errorf("cap %d: %+v", k, f)
			}
		}
		if k < 0 && len(rep.Findings) != 8 {
			t.Errorf("no cap: %d findings, want 8 (10 less the 2 suppressed)\n%s", len(rep.Findings), dump(rep.Findings))
		}
	}
}
