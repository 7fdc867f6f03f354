package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// exampleRun is one of HMRC's CTC examples, checked with some rules.
type exampleRun struct {
	Phase, Form, Base string             // phase5; xml, json or converter/xml; cc015c-valid
	Findings          []validate.Finding // of the rules asked for
}

// Name is phase/form/base.
func (r exampleRun) Name() string { return r.Phase + "/" + r.Form + "/" + r.Base }

// hmrcNegative reports HMRC's negative examples by name: schema ones, which
// never reach the rules, and business-rule ones (ctc_routing.go, ctc_references.go).
func hmrcNegative(base string) bool {
	for _, s := range []string{"invalid", "tooManyNodes", "missingNode", "extra-braces", "rootNodeMismatch"} {
		if strings.Contains(base, s) {
			return true
		}
	}
	return false
}

// runOnHMRCExamples checks HMRC's phase 5 and 6 examples (the validator's
// XML and JSON, the converter's XML) that are not negatives with the
// selected rules, and returns those HMRC's schema accepts, as HMRC checks
// them: XML against the XSD, JSON against its JSON Schema.
func runOnHMRCExamples(t *testing.T, sel []string, cfg rules.Config) []exampleRun {
	t.Helper()
	off := oracle.OfficialDir(t)
	cache := xsd.NewCache()
	defer cache.Close()
	var out []exampleRun
	for _, phase := range []struct {
		dir     string
		profile validate.Profile
	}{{"phase5", validate.ProfileCTCP5}, {"phase6", validate.ProfileCTCP6}} {
		eng, err := validate.New(validate.Options{
			// The converter's bundle adds CC140C and CC141C.
			Schemas:    []string{filepath.Join(off, "ctc", phase.dir, "xsd"), filepath.Join(off, "ctc", phase.dir, "xsd-converter")},
			Profile:    phase.profile,
			Select:     append([]string{rules.XSDID}, sel...),
			RuleConfig: cfg,
			Cache:      cache,
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range []struct{ dir, ext string }{{"xml", "xml"}, {"json", "json"}, {"converter/xml", "xml"}} {
			files, err := filepath.Glob(filepath.Join(off, "ctc", phase.dir, "examples", form.dir, "*."+form.ext))
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				base := strings.TrimSuffix(filepath.Base(file), "."+form.ext)
				if hmrcNegative(base) {
					continue
				}
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				rep, err := eng.Check(context.Background(), file, data)
				if err != nil {
					t.Fatal(err)
				}
				run := exampleRun{Phase: phase.dir, Form: form.dir, Base: base}
				broken := false
				for _, f := range rep.Findings {
					switch {
					case f.Rule == rules.XMLID || f.Rule == rules.JSONSchemaID || f.Rule == rules.MessageTypeID && f.Severity == rules.Error:
						broken = true
					case f.Rule == rules.XSDID && f.Severity == rules.Error:
						broken = broken || form.ext == "xml"
					case f.Rule != rules.XSDID && f.Rule != rules.MessageTypeID:
						run.Findings = append(run.Findings, f)
					}
				}
				if !broken {
					out = append(out, run)
				}
			}
		}
		eng.Close()
	}
	return out
}

// requireDefects requires every finding of the runs that keep selects to
// be a known sample defect (known[key(run, finding)] holds why), and every
// known defect to occur. It returns how many runs there were.
func requireDefects(t *testing.T, runs []exampleRun, known map[string]string, key func(exampleRun, validate.Finding) string, keep func(validate.Finding) bool) int {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range runs {
		for _, f := range r.Findings {
			if !keep(f) {
				continue
			}
			k := key(r, f)
			if _, ok := known[k]; !ok {
				t.Errorf("%s:%d: %s on an example HMRC accepts: %s", r.Name(), f.Line, f.Rule, f.Message)
			}
			seen[k] = true
		}
	}
	var gone []string
	for k := range known {
		if !seen[k] {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	for _, k := range gone {
		t.Errorf("sample defect no longer found: %s (%s)", k, known[k])
	}
	t.Logf("%d of HMRC's schema-valid examples checked", len(runs))
	return len(runs)
}
