package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// TestNotificationErrorPrefersHMRCText checks that the description of a
// validation code is HMRC's when the user loaded dmsErrorCodes, and
// customslint's otherwise.
func TestNotificationErrorPrefersHMRCText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "cds-notification-error", "cds", "dmsrej.xml"))
	if err != nil {
		t.Fatal(err)
	}
	loaded := codelists.NewSet(codelists.NewList("dmsErrorCodes", "", "dmsErrorCodes.json", map[string]string{"CDS12016": "Loaded text for 12016"}))
	cache := xsd.NewCache()
	defer cache.Close()
	for _, tc := range []struct {
		lists *codelists.Set
		want  string
	}{
		{nil, "CDS12016 (acceptance date in the future or over 180 days back) at /Declaration/AcceptanceDateTime"},
		{codelists.Builtin().With(loaded), "CDS12016 (Loaded text for 12016) at /Declaration/AcceptanceDateTime"},
	} {
		eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-notification-error"}, RuleConfig: rules.Config{CodeLists: tc.lists}, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), "dmsrej.xml", data)
		eng.Close()
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, f := range rep.Findings {
			msgs = append(msgs, f.Message)
		}
		if !slices.Contains(msgs, tc.want) {
			t.Errorf("no finding %q in %q", tc.want, msgs)
		}
		// Codes the loaded list lacks keep customslint's text.
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, "CDS12119 (procedure code") }) {
			t.Errorf("CDS12119 lost its description: %q", msgs)
		}
	}
}
