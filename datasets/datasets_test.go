// Package datasets_test checks that the fact tables in this folder are well
// formed: the expected header, the same number of columns on every row, no
// duplicate keys, a source and a source date on every row, and values of the
// right shape. Where HMRC's material is at hand (../shared/official), it also
// checks each fact against it: sample locations, and that no row repeats the
// shared tables.
package datasets_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/internal/oracle/missing"
)

// table describes one CSV file of this folder.
type table struct {
	file     string
	header   []string
	key      []string // columns that identify a row
	required []string // columns that must not be empty
	check    func(row map[string]string) error
}

var (
	reDE        = regexp.MustCompile(`^\d{1,2}/\d{1,2}$`)
	reTwoDigits = regexp.MustCompile(`^\d\d$`)
	reFour      = regexp.MustCompile(`^\d{4}$`)
	reAPC       = regexp.MustCompile(`^[0-9A-Z]{3}$`)
	reSupport   = regexp.MustCompile(`^(primary|minor|conflict:\d{1,2}/\d{1,2})$`)
)

// appendixOf is the Volume 3 appendix of each declaration category.
var appendixOf = map[string]string{
	"H1": "21A", "H2": "21B", "H3": "21C", "H4": "21D", "H5": "21E", "I1 C&F": "21F", "I1 B&E": "21G",
	"H7": "21H", "B1": "22A", "B2": "22B", "B4": "22C", "C1 C&F": "22D", "C1 B&E": "22E",
	"C21i": "23A", "C21i EIDR NOP": "23B", "C21e": "23C", "C21e EIDR NOP": "23D", "FSD": "24A", "BIRDS": "25",
}

var tables = []table{
	{
		file: "de-elements.csv",
		header: []string{"de", "de_name", "de_name_source", "level", "element_path", "element_wcoid", "leaf_paths",
			"support", "comments", "single_de_comments", "shared_with", "sample_file", "comment_line", "element_line",
			"source", "source_date"},
		key:      []string{"de", "element_path"},
		required: []string{"de", "level", "element_path", "sample_file", "comment_line", "element_line", "source", "source_date"},
		check:    checkDEElement,
	},
	{
		file: "category-datasets-extra.csv",
		header: []string{"category", "appendix", "de", "de_name", "symbol", "level", "note", "source_url",
			"source_date", "complete", "seen_via"},
		key:      []string{"category", "de"},
		required: []string{"category", "appendix", "de", "de_name", "source_url", "source_date", "complete", "seen_via"},
		check:    checkCategoryRow,
	},
	{
		file: "procedure-requested-codes.csv",
		header: []string{"code", "role", "direction", "meaning", "declaration_categories", "four_digit_codes",
			"four_digit_complete", "source", "source_date", "note"},
		key:      []string{"code", "role", "direction"},
		required: []string{"code", "role", "direction", "meaning", "source", "source_date"},
		check:    checkRequestedCode,
	},
	{
		file:     "procedure-codes-extra.csv",
		header:   []string{"code", "requested", "previous", "direction", "categories", "description", "prototype", "source", "source_date"},
		key:      []string{"code", "direction"},
		required: []string{"code", "requested", "direction", "description", "source", "source_date"},
		check:    checkExtraCode,
	},
	{
		file: "procedure-apc-lists.csv",
		header: []string{"procedure_code", "direction", "list_complete", "union_apcs", "national_apcs",
			"equals_shared_rows", "source", "source_date"},
		key:      []string{"procedure_code", "direction"},
		required: []string{"procedure_code", "direction", "list_complete", "national_apcs", "source", "source_date"},
		check:    checkAPCList,
	},
}

// readTable reads a CSV file of this folder into maps keyed by header name,
// failing on a wrong header or a row of the wrong width.
func readTable(t *testing.T, tb table) []map[string]string {
	t.Helper()
	f, err := os.Open(tb.file)
	if err != nil {
		t.Fatalf("open %s: %v", tb.file, err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll() // FieldsPerRecord 0: every row as wide as the header
	if err != nil {
		t.Fatalf("read %s: %v", tb.file, err)
	}
	if len(records) < 2 {
		t.Fatalf("%s: no data rows", tb.file)
	}
	if !slices.Equal(records[0], tb.header) {
		t.Fatalf("%s: header %q, want %q", tb.file, records[0], tb.header)
	}
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := make(map[string]string, len(rec))
		for i, name := range tb.header {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func keyOf(row map[string]string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = row[c]
	}
	return strings.Join(parts, "|")
}

func TestTablesWellFormed(t *testing.T) {
	for _, tb := range tables {
		t.Run(tb.file, func(t *testing.T) {
			seen := map[string]int{}
			for i, row := range readTable(t, tb) {
				line := i + 2
				k := keyOf(row, tb.key)
				if prev, dup := seen[k]; dup {
					t.Errorf("line %d: key %q repeats line %d", line, k, prev)
				}
				seen[k] = line
				for _, c := range tb.required {
					if strings.TrimSpace(row[c]) == "" {
						t.Errorf("line %d: empty %s", line, c)
					}
				}
				if err := tb.check(row); err != nil {
					t.Errorf("line %d: %v", line, err)
				}
			}
		})
	}
}

func checkDEElement(row map[string]string) error {
	if !reDE.MatchString(row["de"]) {
		return fmt.Errorf("DE %q is not n/n", row["de"])
	}
	path := row["element_path"]
	if !strings.HasPrefix(path, "Declaration") {
		return fmt.Errorf("path %q does not start at Declaration", path)
	}
	want := "header"
	if strings.Contains(path, "/GovernmentAgencyGoodsItem") {
		want = "item"
	}
	if row["level"] != want {
		return fmt.Errorf("level %q for %s, want %s", row["level"], path, want)
	}
	if !reSupport.MatchString(row["support"]) {
		return fmt.Errorf("support %q", row["support"])
	}
	for _, c := range []string{"comments", "single_de_comments", "comment_line", "element_line"} {
		if n, err := strconv.Atoi(row[c]); err != nil || n < 0 {
			return fmt.Errorf("%s %q is not a count", c, row[c])
		}
	}
	if cl, _ := strconv.Atoi(row["comment_line"]); cl > mustAtoi(row["element_line"]) {
		return fmt.Errorf("comment line %s after element line %s", row["comment_line"], row["element_line"])
	}
	return nil
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func checkCategoryRow(row map[string]string) error {
	app, ok := appendixOf[row["category"]]
	if !ok {
		return fmt.Errorf("unknown category %q", row["category"])
	}
	if row["appendix"] != app {
		return fmt.Errorf("category %s in appendix %s, want %s", row["category"], row["appendix"], app)
	}
	if !reDE.MatchString(row["de"]) {
		return fmt.Errorf("DE %q is not n/n", row["de"])
	}
	if !slices.Contains([]string{"A", "C", "D", "NR", ""}, row["symbol"]) {
		return fmt.Errorf("symbol %q", row["symbol"])
	}
	if !slices.Contains([]string{"partial", "yes"}, row["complete"]) {
		return fmt.Errorf("complete %q", row["complete"])
	}
	switch {
	case row["symbol"] == "NR" && row["level"] != "":
		return fmt.Errorf("NR row with level %q", row["level"])
	case row["symbol"] != "NR" && !slices.Contains([]string{"X", "Y", "X, Y"}, row["level"]):
		return fmt.Errorf("level %q (want X, Y or \"X, Y\")", row["level"])
	case row["symbol"] == "" && !strings.HasPrefix(row["seen_via"], "completion instructions"):
		return fmt.Errorf("empty symbol on a row not taken from the completion instructions")
	}
	return nil
}

func checkRequestedCode(row map[string]string) error {
	code := row["code"]
	if !reTwoDigits.MatchString(code) || code == "99" {
		return fmt.Errorf("code %q is not a two-digit procedure", code)
	}
	if !slices.Contains([]string{"requested", "previous", "requested;previous"}, row["role"]) {
		return fmt.Errorf("role %q", row["role"])
	}
	codes := strings.Fields(row["four_digit_codes"])
	for _, c := range codes {
		if !reFour.MatchString(c) || !strings.HasPrefix(c, code) {
			return fmt.Errorf("four-digit code %q does not belong to %s", c, code)
		}
	}
	switch row["four_digit_complete"] {
	case "yes":
		if len(codes) == 0 {
			return fmt.Errorf("complete list without codes")
		}
	case "unknown", "":
	default:
		return fmt.Errorf("four_digit_complete %q", row["four_digit_complete"])
	}
	return nil
}

func checkExtraCode(row map[string]string) error {
	code := row["code"]
	if !reFour.MatchString(code) || !strings.HasPrefix(code, row["requested"]) {
		return fmt.Errorf("code %q with requested %q", code, row["requested"])
	}
	if row["previous"] != "" && code != row["requested"]+row["previous"] {
		return fmt.Errorf("code %q is not requested %q + previous %q", code, row["requested"], row["previous"])
	}
	return nil
}

func checkAPCList(row map[string]string) error {
	if !reFour.MatchString(row["procedure_code"]) {
		return fmt.Errorf("procedure code %q", row["procedure_code"])
	}
	if row["list_complete"] != "yes" {
		return fmt.Errorf("list_complete %q: only complete lists belong here", row["list_complete"])
	}
	for _, apc := range apcsOf(row) {
		if !reAPC.MatchString(apc) {
			return fmt.Errorf("APC %q", apc)
		}
	}
	return nil
}

// apcsOf returns the union and national APCs of a procedure-apc-lists row.
func apcsOf(row map[string]string) []string {
	out := strings.Fields(row["union_apcs"])
	if row["national_apcs"] != "none" {
		out = append(out, strings.Fields(row["national_apcs"])...)
	}
	return out
}

// readShared reads a CSV of the shared data-set material into header-keyed
// maps; only its leading key columns are relied on.
func readShared(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		missing.Official(t, "no %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // some shared rows carry unquoted commas in their last columns
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			if i < len(rec) {
				row[name] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func tableByFile(name string) table {
	for _, tb := range tables {
		if tb.file == name {
			return tb
		}
	}
	panic("no table " + name)
}

// TestSampleLocations checks that every de-elements row points at a sample
// where the DE is named in the comment and the element starts on the line given.
func TestSampleLocations(t *testing.T) {
	dir := filepath.Join(oracle.OfficialDir(t), "cds", "examples", "valid", "annotated_XML_samples")
	cache := map[string][]string{}
	for i, row := range readTable(t, tableByFile("de-elements.csv")) {
		lines, ok := cache[row["sample_file"]]
		if !ok {
			b, err := os.ReadFile(filepath.Join(dir, row["sample_file"]))
			if err != nil {
				t.Fatalf("line %d: %v", i+2, err)
			}
			lines = strings.Split(string(b), "\n")
			cache[row["sample_file"]] = lines
		}
		cl, el := mustAtoi(row["comment_line"]), mustAtoi(row["element_line"])
		if cl < 1 || el > len(lines) {
			t.Errorf("line %d: lines %d..%d outside %s", i+2, cl, el, row["sample_file"])
			continue
		}
		between := strings.Join(lines[cl-1:el], "\n")
		if !regexp.MustCompile(`(^|[^0-9/])0?` + strings.Replace(regexp.QuoteMeta(row["de"]), "/", "/0?", 1) + `([^0-9]|$)`).MatchString(between) {
			t.Errorf("line %d: DE %s not named in %s lines %d..%d", i+2, row["de"], row["sample_file"], cl, el)
		}
		parts := strings.Split(row["element_path"], "/")
		if !strings.Contains(lines[el-1], "<"+parts[len(parts)-1]) {
			t.Errorf("line %d: %s line %d does not open <%s>", i+2, row["sample_file"], el, parts[len(parts)-1])
		}
	}
}

// TestNoSharedDuplicates checks that the extra tables add only what the shared
// data-set tables lack, and that equals_shared_rows tells the truth.
func TestNoSharedDuplicates(t *testing.T) {
	shared := filepath.Join(oracle.OfficialDir(t), "cds", "datasets")

	cats := map[string]bool{}
	for _, r := range readShared(t, filepath.Join(shared, "category-datasets.csv")) {
		cats[r["category"]+"|"+r["de"]] = true
	}
	for i, row := range readTable(t, tableByFile("category-datasets-extra.csv")) {
		if cats[row["category"]+"|"+row["de"]] {
			t.Errorf("category-datasets-extra.csv line %d: %s %s is already in the shared table", i+2, row["category"], row["de"])
		}
	}

	codes := map[string]bool{}
	for _, r := range readShared(t, filepath.Join(shared, "procedure-codes.csv")) {
		codes[r["code"]] = true
	}
	for i, row := range readTable(t, tableByFile("procedure-codes-extra.csv")) {
		if codes[row["code"]] {
			t.Errorf("procedure-codes-extra.csv line %d: %s is already in the shared table", i+2, row["code"])
		}
	}

	apcs := map[string][]string{}
	for _, r := range readShared(t, filepath.Join(shared, "procedure-additional-codes.csv")) {
		if r["apc"] != "" {
			apcs[r["procedure_code"]] = append(apcs[r["procedure_code"]], r["apc"])
		}
	}
	for i, row := range readTable(t, tableByFile("procedure-apc-lists.csv")) {
		got, want := apcsOf(row), apcs[row["procedure_code"]]
		slices.Sort(got)
		slices.Sort(want)
		equal := slices.Equal(slices.Compact(got), slices.Compact(want))
		if equal != (row["equals_shared_rows"] == "yes") {
			t.Errorf("procedure-apc-lists.csv line %d: equals_shared_rows %q but lists equal = %v", i+2, row["equals_shared_rows"], equal)
		}
	}
}
