// The tests here compare the lists customslint carries with HMRC's published
// reference data. They are in an external test package because
// internal/oracle imports rules, which imports codelists.
package codelists_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/internal/oracle/missing"
)

// ctcDir is HMRC's CTC code list material under the official folder.
func ctcDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(oracle.OfficialDir(t), "codelists", "ctc")
	if _, err := os.Stat(dir); err != nil {
		missing.Official(t, "no CTC code lists at %s", dir)
	}
	return dir
}

// codeFields are the names CS/RD2 gives an entry's code, by list.
var codeFields = []string{"code", "currency", "qualifier", "type", "method", "role", "documentType", "unLocodeExtendedCode"}

func entryCode(t *testing.T, list string, e map[string]any) string {
	t.Helper()
	for _, f := range codeFields {
		if s, ok := e[f].(string); ok && s != "" {
			return s
		}
	}
	t.Fatalf("%s: entry without a code: %v", list, e)
	return ""
}

// snapshot reads the valid codes of every list in the CS/RD2 NCTS-P5
// snapshot, by list name.
func snapshot(t *testing.T, dir string) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "ncts-p5-customs-reference-data", "csrd2-payloads", "RD_NCTS-P5.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Lists map[string]struct {
			ListName    string           `json:"listName"`
			ListEntries []map[string]any `json:"listEntries"`
		} `json:"lists"`
	}
	if err := json.NewDecoder(gz).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, l := range doc.Lists {
		codes := []string{}
		for _, e := range l.ListEntries {
			if e["state"] == "valid" {
				codes = append(codes, entryCode(t, l.ListName, e))
			}
		}
		out[l.ListName] = uniqueSorted(codes)
	}
	return out
}

// codeListFile reads the codes of HMRC's code-lists/NAME.json, or reports
// that there is no such file.
func codeListFile(t *testing.T, dir, name string) ([]string, bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "ncts-p5-customs-reference-data", "code-lists", name+".json"))
	if os.IsNotExist(err) {
		return nil, false
	}
	if err != nil {
		t.Fatal(err)
	}
	var es []map[string]any
	if err := json.Unmarshal(b, &es); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	var codes []string
	for _, e := range es {
		if s, ok := e["state"].(string); ok && s != "valid" {
			continue
		}
		codes = append(codes, entryCode(t, name, e))
	}
	return uniqueSorted(codes), true
}

// few shortens a long list of codes for a log line.
func few(codes []string) string {
	if len(codes) > 10 {
		return fmt.Sprintf("%v ... (%d in all)", codes[:10], len(codes))
	}
	return fmt.Sprint(codes)
}

func uniqueSorted(s []string) []string {
	sort.Strings(s)
	return slices.Compact(s)
}

// diff returns what a has that b lacks.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

// TestBuiltinNCTSListsMatchOfficial: every built-in NCTS list (ID CLnnn)
// holds exactly the valid codes of the list of the same entity name in the
// CS/RD2 snapshot, or in the code-lists JSON when the snapshot lacks it.
func TestBuiltinNCTSListsMatchOfficial(t *testing.T) {
	dir := ctcDir(t)
	snap := snapshot(t, dir)
	n := 0
	for _, l := range codelists.Builtin().Lists() {
		if !strings.HasPrefix(l.ID, "CL") {
			continue
		}
		n++
		if l.Name == "" {
			t.Errorf("%s: built-in NCTS list without an entity name", l.ID)
			continue
		}
		if !fromReferenceData(l) {
			continue // from the schemas' enumerations or ISO 639: TestGeneratedLists
		}
		if cl := codelists.EntityCL[l.Name]; cl != l.ID {
			t.Errorf("%s: EntityCL[%q] = %q", l.Label(), l.Name, cl)
		}
		ours := l.Codes()
		theirs, inSnap := snap[l.Name]
		where := "RD_NCTS-P5.json.gz"
		file, inFile := codeListFile(t, dir, l.Name)
		switch {
		case inSnap && inFile && !slices.Equal(file, theirs):
			t.Logf("%s: code-lists/%s.json (%d codes) differs from the snapshot (%d codes), which wins: file only %s, snapshot only %s",
				l.Label(), l.Name, len(file), len(theirs), few(diff(file, theirs)), few(diff(theirs, file)))
		case !inSnap && inFile:
			theirs, where = file, "code-lists/"+l.Name+".json"
		case !inSnap:
			t.Errorf("%s: no official list of that name to compare with", l.Label())
			continue
		}
		if !slices.Equal(ours, theirs) {
			t.Errorf("%s differs from %s: missing %v, extra %v", l.Label(), where, diff(theirs, ours), diff(ours, theirs))
		}
	}
	if n == 0 {
		t.Error("no built-in NCTS lists")
	}
}

// readCSV reads a two-column CSV with a header, as rows of two fields.
func readCSV(t *testing.T, file string) [][2]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out [][2]string
	for i, r := range recs {
		if i == 0 {
			continue
		}
		if len(r) != 2 {
			t.Fatalf("%s: row %d: %d fields", file, i+1, len(r))
		}
		out = append(out, [2]string{strings.TrimSpace(r[0]), strings.TrimSpace(r[1])})
	}
	return out
}

// TestEntityCLMatchesOfficial: EntityCL holds exactly the entity names of
// HMRC's entity->CL tables (the reference data service's map and the phase
// 5 and 6 TIS code list tables), each with the number the tables give.
// A name that only one table has is logged, not failed: the tables cover
// different lists (the service only those it serves; phase 6 adds lists),
// and EntityCL must still hold it. Where the tables give one name two
// numbers, EntityCL must hold the one most tables give; the disagreement is
// logged.
func TestEntityCLMatchesOfficial(t *testing.T) {
	dir := ctcDir(t)
	type source struct {
		name string
		rows [][2]string // entity, CL
	}
	var sources []source
	swap := func(rows [][2]string) [][2]string {
		for i := range rows {
			rows[i][0], rows[i][1] = rows[i][1], rows[i][0]
		}
		return rows
	}
	sources = append(sources,
		source{"cs-rd2-entity-to-cl-number.csv", readCSV(t, filepath.Join(dir, "derived", "cs-rd2-entity-to-cl-number.csv"))},
		source{"phase 5 code_lists.csv", swap(readCSV(t, filepath.Join(dir, "ctc-traders-phase5-tis", "code_lists.csv")))},
		source{"phase 6 code_lists.csv", swap(readCSV(t, filepath.Join(dir, "ctc-traders-tis-phase6", "code_lists.csv")))},
	)
	numbers := map[string]map[string][]string{} // entity -> CL -> sources
	for _, s := range sources {
		if len(s.rows) == 0 {
			t.Fatalf("%s: no rows", s.name)
		}
		for _, r := range s.rows {
			if numbers[r[0]] == nil {
				numbers[r[0]] = map[string][]string{}
			}
			numbers[r[0]][r[1]] = append(numbers[r[0]][r[1]], s.name)
		}
	}
	names := make([]string, 0, len(numbers))
	for name := range numbers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		cls := numbers[name]
		got, ok := codelists.EntityCL[name]
		if !ok {
			t.Errorf("EntityCL lacks %s (%v)", name, cls)
			continue
		}
		// The number most tables give wins.
		most := 0
		for _, srcs := range cls {
			most = max(most, len(srcs))
		}
		if len(cls[got]) != most {
			t.Errorf("EntityCL[%s] = %s, official tables say %v", name, got, cls)
			continue
		}
		if len(cls) > 1 {
			t.Logf("official tables disagree on %s: %v; EntityCL has %s", name, cls, got)
		}
		var srcs []string
		for _, s := range cls {
			srcs = append(srcs, s...)
		}
		if srcs = uniqueSorted(srcs); len(srcs) == 1 {
			t.Logf("%s -> %s named only by %s", name, got, srcs[0])
		}
	}
	for name := range codelists.EntityCL {
		if _, ok := numbers[name]; !ok {
			t.Errorf("EntityCL has %s, which no official table names", name)
		}
	}
}

// TestBuiltinListsUnique: the built-in lists parse, and no two lists in
// codelists/data share an ID or a name (a Set finds lists by either, in any
// case).
func TestBuiltinListsUnique(t *testing.T) {
	s := codelists.Builtin() // panics on a parse error or a repeated ID
	files, err := filepath.Glob(filepath.Join("data", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("data files: %v %v", files, err)
	}
	seen := map[string]string{} // lower-case ID or name -> where
	n := 0
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "list ")
			if !ok {
				continue
			}
			n++
			where := fmt.Sprintf("%s:%d", file, line)
			for _, key := range strings.Fields(rest) {
				k := strings.ToLower(key)
				if prev, dup := seen[k]; dup {
					t.Errorf("%s: %s already used at %s", where, key, prev)
				}
				seen[k] = where
			}
			id := strings.Fields(rest)[0]
			if l, ok := s.Lookup(id); !ok || l.Len() == 0 {
				t.Errorf("%s: list %s missing or empty in Builtin()", where, id)
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	gen, err := codelists.GeneratedText()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(gen))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "list "); ok {
			n++
			for _, key := range strings.Fields(rest) {
				k := strings.ToLower(key)
				if prev, dup := seen[k]; dup {
					t.Errorf("%s: %s already used at %s", codelists.GeneratedFile, key, prev)
				}
				seen[k] = codelists.GeneratedFile
			}
		}
	}
	// Builtin adds the CDS document section codes of the model.
	if got := len(s.Lists()); got != n+1 {
		t.Errorf("Builtin() has %d lists, data files define %d (+1 from the CDS model)", got, n)
	}
	if l, ok := s.Lookup(codelists.SectionCodeList); !ok || l.Len() == 0 {
		t.Errorf("Builtin() lacks %s", codelists.SectionCodeList)
	} else if prev, dup := seen[strings.ToLower(l.Name)]; dup {
		t.Errorf("%s: name %s already used at %s", l.ID, l.Name, prev)
	}
}

// TestLoadOfficialReferenceData loads HMRC's reference data as published:
// the customs-reference-data code lists and the full CS/RD2 snapshots.
func TestLoadOfficialReferenceData(t *testing.T) {
	off := oracle.OfficialDir(t)
	dir := filepath.Join(off, "codelists", "ctc", "ncts-p5-customs-reference-data")
	s, _, err := codelists.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ list, code string }{
		{"CL009", "GB"}, {"CurrencyCodes", "EUR"}, {"CL141", "GB000060"}, {"UnLocodeExtended", "GBDVR"}, {"AdditionalSupplyChainActorRoleCode", "CS"},
	} {
		if in, known := s.In(c.list, c.code); !in || !known {
			t.Errorf("%s %s: in %v, known %v", c.list, c.code, in, known)
		}
	}
	if l, _ := s.Lookup("UnLocodeExtended"); l.Len() < 90000 {
		t.Errorf("UnLocodeExtended: %d codes", l.Len())
	}
}

// TestLoadPhase4ReferenceData (issue 16 item 3): HMRC's retired phase 4
// reference data folder loads whole, its offices of transit ("ID", "NAME")
// included, with no warning.
func TestLoadPhase4ReferenceData(t *testing.T) {
	dir := filepath.Join(ctcDir(t), "ncts-p4-transit-movements-trader-reference-data")
	s, warnings, err := codelists.Load(dir)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%v %q", err, warnings)
	}
	l, ok := s.Lookup("officesOfTransit")
	if !ok || l.Len() < 300 || !l.Has("AD000001") || l.Description("AD000001") == "" {
		t.Errorf("officesOfTransit: %v", l)
	}
	if got := len(s.Lists()); got != 12 {
		t.Errorf("%d lists, want the folder's 12 files", got)
	}
	// Its customsOffices.json (NCTS offices by "id") shares a name with
	// the exports frontend's supervising offices, but is not them.
	if l, ok := s.Lookup("cds-supervising-office"); ok {
		t.Errorf("phase 4 transit offices loaded as CDS supervising offices: %v", l.Source)
	}
	if l, ok := s.Lookup("customsOffices"); !ok || !l.Has("GB000060") {
		t.Errorf("customsOffices: %v", l)
	}
}
