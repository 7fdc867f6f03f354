package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestPhase5PhaseIDValues: phase 5's PhaseID takes NCTS5.1 and NCTS5.0.
// HMRC's XSD also lists " NCTS5.1", which xs:token makes the same value as
// NCTS5.1; HMRC's JSON Schema has only the two, so JSON with the leading
// space is refused, as HMRC refuses it, and XML with it is accepted.
func TestPhase5PhaseIDValues(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	for _, c := range []struct {
		file     string
		from, to string
		rule     string // "" = no error
	}{
		{"ctc/phase5/examples/converter/json/unit-cc007c-phase51.json", `"@PhaseID": "NCTS5.1"`, `"@PhaseID": "NCTS5.0"`, ""},
		{"ctc/phase5/examples/converter/json/unit-cc007c-phase51.json", `"@PhaseID": "NCTS5.1"`, `"@PhaseID": " NCTS5.1"`, rules.JSONSchemaID},
		{"ctc/phase5/examples/converter/xml/unit-cc007c-phase51.xml", `PhaseID="NCTS5.1"`, `PhaseID=" NCTS5.1"`, ""},
	} {
		data, err := os.ReadFile(filepath.Join(off, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(c.from)) {
			t.Fatalf("%s has no %s", c.file, c.from)
		}
		data = bytes.Replace(data, []byte(c.from), []byte(c.to), 1)
		rep, err := eng.Check(context.Background(), filepath.Base(c.file), data)
		if err != nil {
			t.Fatal(err)
		}
		var errs []string
		for _, f := range rep.Findings {
			// HMRC's converter examples hold placeholders ("string",
			// "token") that break other facets: only PhaseID counts.
			if f.Severity == rules.Error && (f.Rule == rules.XSDID || f.Rule == rules.JSONSchemaID) && strings.Contains(f.Path+" "+f.Message, "PhaseID") {
				errs = append(errs, f.Rule+": "+f.Message)
			}
		}
		switch {
		case c.rule == "" && len(errs) > 0:
			t.Errorf("%s with %s: %v", c.file, c.to, errs)
		case c.rule != "" && (len(errs) == 0 || !strings.HasPrefix(errs[0], c.rule)):
			t.Errorf("%s with %s: want a %s error, got %v", c.file, c.to, c.rule, errs)
		}
	}
}
