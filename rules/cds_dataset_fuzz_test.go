package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

// FuzzCDSDataset feeds cds-dataset any bytes, seeded with its testdata,
// without the schema in front (a rule must not assume schema validity):
// it must not crash, and each finding carries one of the rule's codes, a
// message naming a DE and a line.
func FuzzCDSDataset(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "cds-dataset", "cds", "*.xml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(largeBareDeclaration(30))
	eng, err := validate.New(validate.Options{Select: []string{"cds-dataset"}, Profile: validate.ProfileCDS, MaxFindings: -1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(eng.Close)
	codes := []string{"CDS10001", "CDS10002", "CDS12071", "CDS12073"}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := eng.Check(context.Background(), "fuzz.xml", data)
		if err != nil {
			return // refused input (too large, not XML ...) is the engine's business
		}
		for _, fd := range rep.Findings {
			if fd.Rule != "cds-dataset" {
				continue
			}
			if !slices.Contains(codes, fd.Code) || fd.Line < 1 || !strings.Contains(fd.Message, "DE ") {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}
