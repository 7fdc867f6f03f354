package rules_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
)

// TestNCTSCoverage accounts for every entry of HMRC's published NCTS rules
// and conditions tables (phases 5 and 6): each is checked by a rule or
// recorded as not checked with a reason, never both, and nothing is
// recorded that the tables do not hold.
func TestNCTSCoverage(t *testing.T) {
	off := oracle.OfficialDir(t)
	ids := map[string]bool{}
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
		for _, r := range rows[1:] {
			ids[r[0]] = true
		}
	}
	notChecked := rules.NCTSNotChecked()
	checked := 0
	var missing []string
	for id := range ids {
		r, ok := rules.NCTSChecked(id)
		reason, skipped := notChecked[id]
		switch {
		case ok && skipped:
			t.Errorf("%s is checked by %s and recorded as not checked (%s)", id, r.ID, reason)
		case ok:
			checked++
		case skipped:
			if reason == "" {
				t.Errorf("%s: not checked without a reason", id)
			}
		default:
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d entries neither checked nor recorded: %v", len(missing), missing)
	}
	for id := range notChecked {
		if !ids[id] {
			t.Errorf("%s recorded as not checked but not in HMRC's tables", id)
		}
	}
	t.Logf("%d NCTS rules and conditions: %d checked, %d not checked", len(ids), checked, len(notChecked))
}
