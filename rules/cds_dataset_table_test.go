package rules_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/rules/internal/datasetgen"
)

// datasetInput opens an input of the data-set table relative to the
// module root; the shared table is looked up where the oracle finds HMRC's
// material (the test skips without it, and fails under
// CUSTOMSLINT_REQUIRE_OFFICIAL=1).
func datasetInput(t *testing.T) func(string) (io.ReadCloser, error) {
	t.Helper()
	root, err := oracle.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	off := oracle.OfficialDir(t)
	return func(name string) (io.ReadCloser, error) {
		if rest, ok := strings.CutPrefix(name, "../shared/official/"); ok {
			return os.Open(filepath.Join(off, rest))
		}
		return os.Open(filepath.Join(root, name))
	}
}

// TestDatasetTableNotStale regenerates cds_datasets_gen.go from the CSVs
// and compares it with the committed file: run go generate ./rules when
// this fails.
func TestDatasetTableNotStale(t *testing.T) {
	want, err := datasetgen.Build(datasetInput(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("cds_datasets_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("cds_datasets_gen.go is stale: run go generate ./rules")
	}
}

// readCSV reads a CSV whose rows may carry unquoted commas in the last
// column.
func readCSV(t *testing.T, open func(string) (io.ReadCloser, error), name string) [][]string {
	t.Helper()
	f, err := open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs
}

// TestDatasetTableEqualsCSV compares every row of the three CSVs with the
// compiled table, column by column, and the row counts.
func TestDatasetTableEqualsCSV(t *testing.T) {
	open := datasetInput(t)
	n := 0
	for _, name := range []string{datasetgen.Files.Shared, datasetgen.Files.Extra} {
		recs := readCSV(t, open, name)
		if !slices.Equal(recs[0], datasetgen.DatasetHeader) {
			t.Fatalf("%s: header %q", name, recs[0])
		}
		for i, rec := range recs[1:] {
			n++
			got, ok := rules.DatasetRowFields(rec[0], rec[2])
			if !ok {
				t.Errorf("%s line %d: %s DE %s not in the table", name, i+2, rec[0], rec[2])
				continue
			}
			if want := rec[:10]; !slices.Equal(got, want) {
				t.Errorf("%s line %d:\n got %q\nwant %q", name, i+2, got, want)
			}
		}
	}
	if n != rules.DatasetRowsCount {
		t.Errorf("the CSVs have %d data-set rows, the table %d", n, rules.DatasetRowsCount)
	}
	recs := readCSV(t, open, datasetgen.Files.Elements)
	col := func(name string) int { return slices.Index(recs[0], name) }
	for i, rec := range recs[1:] {
		got, ok := rules.DEElementFields(rec[col("de")], rec[col("element_path")])
		want := []string{rec[col("de")], rec[col("de_name")], rec[col("level")], rec[col("element_path")], rec[col("element_wcoid")],
			rec[col("support")], rec[col("comments")], rec[col("source")], rec[col("source_date")]}
		if !ok || !slices.Equal(got, want) {
			t.Errorf("de-elements line %d:\n got %q\nwant %q", i+2, got, want)
		}
	}
	if len(recs)-1 != rules.DEElementsCount {
		t.Errorf("de-elements.csv has %d rows, the table %d", len(recs)-1, rules.DEElementsCount)
	}
}

// TestDatasetGenRejects checks that the generator refuses malformed input.
func TestDatasetGenRejects(t *testing.T) {
	head := strings.Join(datasetgen.DatasetHeader, ",") + "\n"
	good := "H1,21A,6/1,Net mass (kg),A,X,,https://example.org,2025-01-01,yes,page\n"
	bad := map[string]string{
		"header":    "category,de\n" + good,
		"DE":        head + strings.Replace(good, "6/1", "6-1", 1),
		"symbol":    head + strings.Replace(good, ",A,", ",M,", 1),
		"level":     head + strings.Replace(good, ",X,", ",Z,", 1),
		"source":    head + strings.Replace(good, "https://example.org", "", 1),
		"short row": head + "H1,21A,6/1\n",
		"empty":     head,
	}
	for name, in := range bad {
		if _, err := datasetgen.ParseDatasets(strings.NewReader(in), "test"); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
	rows, err := datasetgen.ParseDatasets(strings.NewReader(head+good+strings.TrimSuffix(good, "\n")+",more words\n"), "test")
	if err != nil || len(rows) != 2 {
		t.Fatalf("good rows: %v, %d rows", err, len(rows))
	}
	if _, err := datasetgen.Merge(rows[:1], rows[1:]); err == nil {
		t.Error("Merge accepted H1 6/1 twice")
	}
	elHead := strings.Join(datasetgen.ElementHeader, ",") + "\n"
	el := "6/1,Net mass,x,item,Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/GoodsMeasure/NetNetWeightMeasure,128,.=128,primary,3,3,,f.xml,1,2,repo@c:f.xml,2026-06-25\n"
	if _, err := datasetgen.ParseElements(strings.NewReader(elHead + el)); err != nil {
		t.Errorf("good element row: %v", err)
	}
	for _, repl := range [][2]string{{"primary", "strong"}, {",item,", ",goods,"}, {",Declaration/", ",GoodsShipment/"}, {"repo@c:f.xml", ""}} {
		if _, err := datasetgen.ParseElements(strings.NewReader(elHead + strings.Replace(el, repl[0], repl[1], 1))); err == nil {
			t.Errorf("element row with %q for %q accepted", repl[1], repl[0])
		}
	}
}

// TestDatasetWCOPointer checks the pointers the findings cite against
// the one HMRC gave for the net mass rejection (42A/67A/68A/23A/65A/128).
func TestDatasetWCOPointer(t *testing.T) {
	for path, want := range map[string]string{
		"Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/GoodsMeasure/NetNetWeightMeasure": "42A/67A/68A/23A/65A/128",
		"Declaration/ExitOffice": "42A/56A",
	} {
		if got := rules.WCOPointer(path); got != want {
			t.Errorf("WCOPointer(%s) = %s, want %s", path, got, want)
		}
	}
}
