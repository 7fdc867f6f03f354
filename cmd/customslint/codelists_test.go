package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
)

// TestCodelistsFolders (issue 16 item 3): HMRC's phase 4 reference data
// folder loads as --codelists (it used to exit 2 on officesOfTransit.json);
// a file that is not a list is skipped with one warning naming it, in
// plain words; and the run says once which data items went unchecked for
// want of reference data.
func TestCodelistsFolders(t *testing.T) {
	off := oracle.OfficialDir(t)
	root, err := oracle.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	msg := filepath.Join(root, "testdata", "messages", "ctc-p5", "cc015c.xml")
	p4 := filepath.Join(off, "codelists", "ctc", "ncts-p4-transit-movements-trader-reference-data")
	r := cli(t, root, "", "check", "--codelists", p4, msg)
	if r.code != 0 || strings.Contains(r.stderr, "warning") {
		t.Errorf("phase 4 folder: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
	// Customs offices are not built in: the run says so, once.
	if n := strings.Count(r.stderr, "customslint: info: "); n != 1 || !strings.Contains(r.stderr, "CustomsOfficeOfDeparture/referenceNumber (CL171)") {
		t.Errorf("want one info line naming the offices: %q", r.stderr)
	}

	dir := t.TempDir()
	for name, data := range map[string]string{
		"my-list.json": `[{"code":"A1"},{"code":"B2"}]`,
		"notes.json":   `{"author":"me"}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r = cli(t, root, "", "check", "--codelists", dir, msg)
	if r.code != 0 || strings.Count(r.stderr, "warning") != 1 || !strings.Contains(r.stderr, "notes.json: skipped, not a code list") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	// With HMRC's NCTS reference data nothing goes unchecked in it.
	r = cli(t, root, "", "check", "--codelists", filepath.Join(off, "codelists", "ctc", "ncts-p5-customs-reference-data", "csrd2-payloads"), msg)
	if r.code != 0 || r.stderr != "" {
		t.Errorf("with the reference data: exit %d, stderr %q", r.code, r.stderr)
	}
}
