package rules_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

var (
	nctsCode = regexp.MustCompile(`^[BCEGRS][0-9]{4}$`)
	dmsCode  = regexp.MustCompile(`^(CDS|DMS)[0-9]{5}$`)
	nctsRule = regexp.MustCompile(`^ctc-([bcgr][0-9]{4})$`)
)

// sharedCodes are DMS codes generic enough that several rules anticipate
// them: CDS10020, an invalid value (an item number above 999 in
// cds-items, a code not in its list in cds-codelist).
var sharedCodes = map[string]bool{"CDS10020": true}

// TestRuleCodes checks the authority's codes the rules list: each is an
// NCTS rule or condition (R0028) or a DMS validation code (CDS12015), no
// code belongs to two rules (but sharedCodes), a rule named after an NCTS
// entry lists it first, and every NCTS code is in HMRC's published tables.
func TestRuleCodes(t *testing.T) {
	owner := map[string]string{}
	withCodes := 0
	for _, r := range rules.All() {
		if m := nctsRule.FindStringSubmatch(r.ID); m != nil {
			if len(r.Codes) == 0 || r.Codes[0] != strings.ToUpper(m[1]) {
				t.Errorf("%s: Codes %v do not start with %s", r.ID, r.Codes, strings.ToUpper(m[1]))
			}
		}
		if len(r.Codes) > 0 {
			withCodes++
		}
		for _, c := range r.Codes {
			if !nctsCode.MatchString(c) && !dmsCode.MatchString(c) {
				t.Errorf("%s: code %q is neither an NCTS nor a DMS code", r.ID, c)
			}
			if prev, dup := owner[c]; dup && !sharedCodes[c] {
				t.Errorf("code %s belongs to %s and %s", c, prev, r.ID)
			}
			owner[c] = r.ID
			if strings.HasPrefix(c, "CDS") {
				if in, known := codelists.Builtin().In("cds-validation-code", c); !known || !in {
					t.Errorf("%s: %s is not a known CDS validation code", r.ID, c)
				}
			}
		}
	}
	if withCodes < 140 {
		t.Errorf("only %d rules list codes", withCodes)
	}
	off := oracle.OfficialDir(t)
	published := map[string]bool{}
	for _, f := range []string{"ncts-p5-rules-and-conditions.csv", "ncts-p6-rules-and-conditions.csv"} {
		fh, err := os.Open(filepath.Join(off, "codelists", "ctc", "derived", f))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			published[row[0]] = true
		}
	}
	for c, id := range owner {
		if nctsCode.MatchString(c) && !published[c] {
			t.Errorf("%s: %s is not in HMRC's NCTS rules and conditions tables", id, c)
		}
	}
}

// TestDiagnosticCodes runs the rules that report several codes directly
// over their testdata: ctc-mrn gives each finding the code it breaks (one
// of its Codes), cds-notification-error the notification's ValidationCode
// (none for an Error without one).
func TestDiagnosticCodes(t *testing.T) {
	for _, tc := range []struct {
		rule string
		ok   func(r *rules.Rule, d rules.Diagnostic) bool
	}{
		{"ctc-mrn", func(r *rules.Rule, d rules.Diagnostic) bool {
			return slices.Contains(r.Codes, d.Code) && strings.Contains(d.Message, "("+d.Code+")")
		}},
		{"cds-notification-error", func(_ *rules.Rule, d rules.Diagnostic) bool {
			if d.Code == "" {
				return strings.HasPrefix(d.Message, "an error without ValidationCode")
			}
			return dmsCode.MatchString(d.Code) && strings.HasPrefix(d.Message, d.Code)
		}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			r, ok := rules.Lookup(tc.rule)
			if !ok {
				t.Fatalf("no rule %s", tc.rule)
			}
			files, err := filepath.Glob(filepath.Join("testdata", tc.rule, "*", "*.xml"))
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for _, file := range files {
				for _, d := range runDirect(t, r, file) {
					seen++
					if !tc.ok(r, d) {
						t.Errorf("%s:%d: code %q for %q", file, d.Line, d.Code, d.Message)
					}
				}
			}
			if seen == 0 {
				t.Errorf("no findings of %s on its testdata", tc.rule)
			}
		})
	}
}

// runDirect runs a rule's Check on one file without the engine and returns
// its diagnostics as the rule made them.
func runDirect(t *testing.T, r *rules.Rule, file string) []rules.Diagnostic {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := xsd.Parse(data, false)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	defer doc.Free()
	root := doc.Root()
	profile := filepath.Base(filepath.Dir(file))
	mt := root.LocalName()
	if profile == "cds" {
		mt = "CDS-RES"
	}
	var out []rules.Diagnostic
	p := &rules.Pass{
		Rule: r, Name: file, Profile: profile, MessageType: mt, Doc: doc, Root: root,
		Config: &rules.Config{CodeLists: codelists.Builtin()},
		Report: func(d rules.Diagnostic) { out = append(out, d) },
	}
	if r.Applies(profile, mt) {
		r.Check(p)
	}
	return out
}
