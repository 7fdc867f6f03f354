package rules_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
)

// TestCDSCodesAccountedFor compares the record of CDS validation codes with
// HMRC's list (the exports frontend's dmsErrorCodes.json): every code is
// either anticipated by a rule (in its Codes) or recorded as not checked with a reason, never both; no code is
// recorded that HMRC does not list; the legacy DMS numbers stand for codes
// of the list.
func TestCDSCodesAccountedFor(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(oracle.OfficialDir(t), "codelists", "cds", "customs-declare-exports-frontend", "dmsErrorCodes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct{ Code string }
	if err := json.Unmarshal(data, &entries); err != nil {
		t.Fatal(err)
	}
	hmrc := map[string]bool{}
	for _, e := range entries {
		hmrc[e.Code] = true
	}
	if len(hmrc) < 170 {
		t.Fatalf("only %d distinct codes in dmsErrorCodes.json", len(hmrc))
	}
	notChecked := rules.CDSNotChecked()
	anticipated := 0
	for code := range hmrc {
		ruleIDs := rules.CDSCodeRules(code)
		why, skipped := notChecked[code]
		switch {
		case len(ruleIDs) > 0 && skipped:
			t.Errorf("%s is anticipated by %v and recorded as not checked (%s)", code, ruleIDs, why)
		case len(ruleIDs) == 0 && !skipped:
			t.Errorf("%s is neither anticipated by a rule nor recorded as not checked", code)
		case skipped && strings.TrimSpace(why) == "":
			t.Errorf("%s is not checked without a reason", code)
		case len(ruleIDs) > 0:
			anticipated++
		}
	}
	for code := range notChecked {
		if !hmrc[code] {
			t.Errorf("%s is recorded as not checked but is not in HMRC's list", code)
		}
	}
	for _, code := range rules.CDSCodeEntries() {
		if !hmrc[code] {
			t.Errorf("%s is in the table but not in HMRC's list", code)
		}
	}
	if n := len(rules.CDSCodeEntries()); n != len(hmrc) {
		t.Errorf("the table has %d CDS codes, HMRC's list %d", n, len(hmrc))
	}
	for old, code := range rules.CDSLegacyCodes {
		if !hmrc[code] || "DMS"+strings.TrimPrefix(code, "CDS") != old {
			t.Errorf("legacy %s stands for %s, not a code of HMRC's list by the same number", old, code)
		}
	}
	t.Logf("%d CDS codes: %d anticipated, %d not checked", len(hmrc), anticipated, len(notChecked))
}

// TestCDSLegacyCodesOfTT1 checks that the legacy DMS numbers recorded are
// exactly those HMRC's Trade Test 1 notifications answer with.
func TestCDSLegacyCodesOfTT1(t *testing.T) {
	dir := filepath.Join(oracle.OfficialDir(t), "cds", tt1Not)
	used := map[string]bool{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, part := range strings.Split(string(data), "ValidationCode>")[1:] {
			if code, _, ok := strings.Cut(part, "<"); ok && strings.HasPrefix(code, "DMS") {
				used[code] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) == 0 {
		t.Fatal("no DMS codes in the Trade Test 1 notifications")
	}
	for code := range used {
		if _, ok := rules.CDSLegacyCodes[code]; !ok {
			t.Errorf("Trade Test 1 answers with %s, which the table lacks", code)
		}
	}
	for code := range rules.CDSLegacyCodes {
		if !used[code] {
			t.Errorf("%s is recorded as a legacy code but no Trade Test 1 notification uses it", code)
		}
	}
}
