package rules_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// testConfigs are the settings the testdata of a rule is written for.
var testConfigs = map[string]func(t *testing.T) rules.Config{
	"ctc-lrn": func(t *testing.T) rules.Config {
		re, err := rules.WholeMatch(`[0-9]{2}GB[A-Z0-9]{1,18}`)
		if err != nil {
			t.Fatal(err)
		}
		return rules.Config{LRNPattern: re}
	},
	// The other messages of the run come from the rule's context folder.
	"cds-gpr-inventory-linked": func(t *testing.T) rules.Config {
		return rules.Config{InventoryLinked: []string{"GBAUFXTFXTFXT"}, Corpus: contextCorpus(t, "cds-gpr-inventory-linked")}
	},
	"rejection": func(t *testing.T) rules.Config {
		return rules.Config{Corpus: contextCorpus(t, "rejection")}
	},
}

// contextCorpus reads testdata/RULE/context/*.xml as the other messages of
// a run, for rules that check across messages.
func contextCorpus(t *testing.T, rule string) rules.Corpus {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	files, _ := filepath.Glob(filepath.Join("testdata", rule, "context", "*.xml"))
	c := validate.NewCorpus()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := eng.Facts(context.Background(), f, data)
		if err != nil || len(facts) == 0 {
			t.Fatalf("%s: no facts (%v)", f, err)
		}
		c.AddFacts(facts...)
	}
	if len(files) == 0 {
		t.Fatalf("testdata/%s/context is empty", rule)
	}
	c.Freeze()
	return c
}

var (
	wantComment = regexp.MustCompile(`<!--\s*want\s+((?:"(?:[^"\\]|\\.)*"\s*)+)-->`)
	quoted      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// wants reads the expectations of a testdata file: a comment
// <!-- want "regexp" ... --> on a line expects one finding of the rule on
// that line per pattern, its message matching the pattern (a Go string
// literal, as in golang.org/x/tools/go/analysis/analysistest).
func wants(t *testing.T, name string, data []byte) map[int][]*regexp.Regexp {
	out := map[int][]*regexp.Regexp{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		for _, m := range wantComment.FindAllSubmatch(line, -1) {
			for _, q := range quoted.FindAll(m[1], -1) {
				s, err := strconv.Unquote(string(q))
				if err != nil {
					t.Fatalf("%s:%d: want %s: %v", name, i+1, q, err)
				}
				re, err := regexp.Compile(s)
				if err != nil {
					t.Fatalf("%s:%d: want %s: %v", name, i+1, q, err)
				}
				out[i+1] = append(out[i+1], re)
			}
		}
	}
	return out
}

// TestRulesOnTestdata runs every rule with a check function over its
// testdata, rules/testdata/RULE/PROFILE/*.xml (and RULE/context/*.xml, the
// other messages of the run for rules across messages): each file is valid against
// its schema, the rule reports exactly what the file's want comments say,
// and each rule has at least one file that triggers it and one that must
// not. One engine per (rule, profile) checks all the files of its folder.
func TestRulesOnTestdata(t *testing.T) {
	cache := xsd.NewCache()
	defer cache.Close()
	for _, r := range rules.All() {
		if r.Check == nil {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			cfg := rules.Config{}
			if f := testConfigs[r.ID]; f != nil {
				cfg = f(t)
			}
			engines := &ruleEngines{rule: r.ID, cfg: cfg, cache: cache, byProfile: map[validate.Profile]*validate.Engine{}}
			defer engines.close()
			files, err := filepath.Glob(filepath.Join("testdata", r.ID, "*", "*.xml"))
			if err != nil {
				t.Fatal(err)
			}
			triggering, clean := 0, 0
			for _, file := range files {
				if filepath.Base(filepath.Dir(file)) == "context" {
					continue // other messages of the run, read by contextCorpus
				}
				if checkTestdataFile(t, engines, r.ID, file) {
					triggering++
				} else {
					clean++
				}
			}
			if triggering == 0 || clean == 0 {
				t.Errorf("testdata/%s needs files that trigger the rule (%d) and files that must not (%d)", r.ID, triggering, clean)
			}
			if n, folders := len(engines.byProfile), countProfiles(files); n != folders {
				t.Errorf("testdata/%s: %d engines built for %d profile folders", r.ID, n, folders)
			}
		})
	}
}

// ruleEngines builds the engines of one rule's testdata, one per profile,
// each running the rule and schema validation only.
type ruleEngines struct {
	rule      string
	cfg       rules.Config
	cache     *xsd.Cache
	byProfile map[validate.Profile]*validate.Engine
}

// get returns the engine of profile, built on first use.
func (e *ruleEngines) get(t *testing.T, profile validate.Profile) *validate.Engine {
	if eng := e.byProfile[profile]; eng != nil {
		return eng
	}
	eng, err := validate.New(validate.Options{Profile: profile, Select: []string{e.rule, rules.XSDID}, RuleConfig: e.cfg, Cache: e.cache})
	if err != nil {
		t.Fatalf("%s, profile %s: %v", e.rule, profile, err)
	}
	e.byProfile[profile] = eng
	return eng
}

func (e *ruleEngines) close() {
	for _, eng := range e.byProfile {
		eng.Close()
	}
}

// countProfiles counts the profile folders among the testdata files.
func countProfiles(files []string) int {
	seen := map[string]bool{}
	for _, f := range files {
		if d := filepath.Base(filepath.Dir(f)); d != "context" {
			seen[d] = true
		}
	}
	return len(seen)
}

// checkTestdataFile checks one testdata file with its profile's engine
// against its want comments, and says whether it expects findings.
func checkTestdataFile(t *testing.T, engines *ruleEngines, rule, file string) (triggers bool) {
	t.Helper()
	profile, err := validate.ParseProfile(filepath.Base(filepath.Dir(file)))
	if err != nil {
		t.Fatalf("%s: folder: %v", file, err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := wants(t, file, data)
	rep, err := engines.get(t, profile).Check(context.Background(), file, data)
	if err != nil {
		t.Fatal(err)
	}
	triggers = len(want) > 0
	for _, f := range rep.Findings {
		if f.Rule != rule {
			t.Errorf("%s:%d: %s finding (testdata must be otherwise clean): %s", file, f.Line, f.Rule, f.Message)
			continue
		}
		if f.Column == 0 || !strings.HasPrefix(f.Path, "/") {
			t.Errorf("%s:%d: finding without column or path: %+v", file, f.Line, f)
		}
		matched := -1
		for i, re := range want[f.Line] {
			if re.MatchString(f.Message) {
				matched = i
				break
			}
		}
		if matched < 0 {
			t.Errorf("%s:%d: unexpected finding: %s", file, f.Line, f.Message)
			continue
		}
		want[f.Line] = append(want[f.Line][:matched], want[f.Line][matched+1:]...)
	}
	for line, res := range want {
		for _, re := range res {
			t.Errorf("%s:%d: no finding matching %q", file, line, re)
		}
	}
	return triggers
}
