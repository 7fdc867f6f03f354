package rules_test

import (
	"bytes"
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

// allCDSEngine runs every rule of the cds profile, schema included, at the
// time Trade Test 1 answered (a fixed reference time: against the wall
// clock, cds-acceptance-date's warning quotes the time, and two checks a
// second apart would differ).
func allCDSEngine(t *testing.T) *validate.Engine {
	t.Helper()
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Now: time.Date(2018, 1, 25, 10, 46, 18, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	return eng
}

// TestOfficialCDSDatasetSeeded removes one mandatory element from HMRC's
// accepted TT1 import (H1) and export (B1) declarations, other than the
// ones the TT1 rejections lack, and expects cds-dataset to report CDS10001
// for it and nothing else to change: every other finding of every rule,
// the schema included, is the same as on the accepted declaration.
func TestOfficialCDSDatasetSeeded(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds", "examples/valid/exports-frontend")
	eng := allCDSEngine(t)
	for _, tc := range []struct {
		file   string
		remove *regexp.Regexp // the element's line, once in the file
		de     string
		path   string // where the finding sits
	}{
		{"Imports/Accepted/Declaration/TT1_IM_v2.02_Accepted.xml", regexp.MustCompile(`(?m)^\s*<Description>[^<]*</Description>\s*\n`),
			"DE 6/8 (Description of goods)", "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity"},
		{"Exports/Accepted/Declaration/TT1_EX_v2.02_Accepted.xml", regexp.MustCompile(`(?m)^\s*<GoodsItemQuantity>[^<]*</GoodsItemQuantity>\s*\n`),
			"DE 1/9 (Total number of items)", "/MetaData/Declaration"},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(off, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if n := len(tc.remove.FindAll(data, -1)); n != 1 {
				t.Fatalf("%d elements to remove, want 1", n)
			}
			seeded := tc.remove.ReplaceAll(data, nil)
			before, err := eng.Check(context.Background(), tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			after, err := eng.Check(context.Background(), tc.file, bytes.Clone(seeded))
			if err != nil {
				t.Fatal(err)
			}
			added := addedFindings(t, before, after)
			if len(added) != 1 || added[0].Rule != "cds-dataset" || added[0].Code != "CDS10001" || added[0].Severity != rules.Error ||
				!strings.HasPrefix(added[0].Message, tc.de) || added[0].Path != tc.path {
				t.Fatalf("want one cds-dataset CDS10001 error for %s at %s, got %+v", tc.de, tc.path, added)
			}
		})
	}
}
