package rules_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/rules/internal/procgen"
)

// procedureDirs returns the shared datasets folder and datasets/.
func procedureDirs(t *testing.T) (shared, datasets string) {
	t.Helper()
	return filepath.Join(oracle.OfficialDir(t), "cds", "datasets"), filepath.Join("..", "datasets")
}

// TestProcedureTablesAreFresh fails when a procedure code CSV changed
// without `go generate ./rules`, or cds_procedure_codes_gen.go was edited
// by hand.
func TestProcedureTablesAreFresh(t *testing.T) {
	shared, datasets := procedureDirs(t)
	tables, err := procgen.Load(shared, datasets)
	if err != nil {
		t.Fatal(err)
	}
	want, err := procgen.Render(tables)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("cds_procedure_codes_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("cds_procedure_codes_gen.go is stale: run go generate ./rules")
	}
}

// readCSV reads a CSV as maps from header to value, one per row.
func readProcedureCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// sameRows compares the table's rows with the CSV's, as joined strings.
func sameRows(t *testing.T, what string, table, csvRows []string) {
	t.Helper()
	if len(table) != len(csvRows) {
		t.Errorf("%s: table has %d rows, the CSVs %d", what, len(table), len(csvRows))
		return
	}
	for i := range table {
		if table[i] != csvRows[i] {
			t.Errorf("%s row %d: table %q, CSV %q", what, i+1, table[i], csvRows[i])
		}
	}
}

// TestProcedureTablesEqualCSVs reads the CSVs itself and compares every
// row with the generated tables.
func TestProcedureTablesEqualCSVs(t *testing.T) {
	shared, datasets := procedureDirs(t)
	var table, want []string
	for _, c := range rules.CDSTwoDigitCodes {
		table = append(table, fmt.Sprint(c.Code, "|", c.Role, "|", c.Direction, "|", c.Meaning, "|", c.FourDigit, "|", c.Complete, "|", c.Source, "|", c.SourceDate))
	}
	for _, r := range readProcedureCSV(t, filepath.Join(datasets, "procedure-requested-codes.csv")) {
		want = append(want, fmt.Sprint(r["code"], "|", r["role"], "|", r["direction"], "|", r["meaning"], "|", r["four_digit_codes"], "|", r["four_digit_complete"] == "yes", "|", r["source"], "|", r["source_date"]))
	}
	sameRows(t, "requested codes", table, want)

	table, want = nil, nil
	for _, c := range rules.CDSFourDigitCodes {
		table = append(table, strings.Join([]string{c.Code, c.Requested, c.Previous, c.Direction, c.Source}, "|"))
	}
	for _, file := range []string{filepath.Join(shared, "procedure-codes.csv"), filepath.Join(datasets, "procedure-codes-extra.csv")} {
		for _, r := range readProcedureCSV(t, file) {
			want = append(want, strings.Join([]string{r["code"], r["requested"], r["previous"], r["direction"], r["source"]}, "|"))
		}
	}
	sameRows(t, "four-digit codes", table, want)

	table, want = nil, nil
	for _, l := range rules.CDSAPCLinks {
		table = append(table, strings.Join([]string{l.Procedure, l.APC, l.Kind, l.Direction, l.Source}, "|"))
	}
	for _, r := range readProcedureCSV(t, filepath.Join(shared, "procedure-additional-codes.csv")) {
		want = append(want, strings.Join([]string{r["procedure_code"], r["apc"], r["apc_kind"], r["direction"], r["source"]}, "|"))
	}
	sameRows(t, "APC links", table, want)

	table, want = nil, nil
	for _, l := range rules.CDSAPCCompleteLists {
		table = append(table, strings.Join([]string{l.Procedure, l.Direction, l.Union, l.National, l.Source, l.SourceDate}, "|"))
	}
	for _, r := range readProcedureCSV(t, filepath.Join(datasets, "procedure-apc-lists.csv")) {
		want = append(want, strings.Join([]string{r["procedure_code"], r["direction"], r["union_apcs"], r["national_apcs"], r["source"], r["source_date"]}, "|"))
	}
	sameRows(t, "complete APC lists", table, want)
}

// TestProcedureGenRejects: the generator refuses a CSV with a wrong
// header, a short row or a row without its source.
func TestProcedureGenRejects(t *testing.T) {
	head := strings.Join(procgen.Headers[procgen.APCLists], ",") + "\n"
	cases := map[string]string{
		"no rows":      head,
		"wrong header": "procedure_code,direction\n0100,import\n",
		"short row":    head + "0100,import,yes\n",
		"no source":    head + "0100,import,yes,F15,1CD,yes,,2024-01-01\n",
	}
	for name, in := range cases {
		if _, err := procgen.Parse(procgen.APCLists, "datasets", []byte(in)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
	if _, err := procgen.Parse("other.csv", "datasets", []byte(head)); err == nil {
		t.Error("Parse accepted an unknown file")
	}
	if f, err := procgen.Parse(procgen.APCLists, "datasets", []byte(head+"0100,import,yes,F15,1CD,yes,https://example.invalid,2024-01-01\n")); err != nil || len(f.Rows) != 2 {
		t.Errorf("good CSV: %v", err)
	}
}
