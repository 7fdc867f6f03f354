// Package procgen reads the procedure code facts (DE 1/10 and 1/11) from
// their CSVs and renders them as the Go tables of
// rules/cds_procedure_codes_gen.go. go generate runs it through genproc;
// the rules tests run it too, to prove the committed tables are not stale.
//
// The CSVs are HMRC's shared tables (../shared/official/cds/datasets:
// procedure-codes.csv, procedure-additional-codes.csv) and the project's
// own (datasets/procedure-requested-codes.csv, procedure-codes-extra.csv,
// procedure-apc-lists.csv).
package procgen

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// The input files, by folder.
const (
	SharedCodes    = "procedure-codes.csv"            // in the shared folder
	SharedAPCs     = "procedure-additional-codes.csv" // in the shared folder
	RequestedCodes = "procedure-requested-codes.csv"  // in datasets/
	ExtraCodes     = "procedure-codes-extra.csv"      // in datasets/
	APCLists       = "procedure-apc-lists.csv"        // in datasets/
)

// Headers are the expected header rows of the inputs.
var Headers = map[string][]string{
	SharedCodes:    {"code", "requested", "previous", "direction", "categories", "description", "prototype", "source"},
	SharedAPCs:     {"procedure_code", "apc", "apc_kind", "direction", "prototype", "source"},
	RequestedCodes: {"code", "role", "direction", "meaning", "declaration_categories", "four_digit_codes", "four_digit_complete", "source", "source_date", "note"},
	ExtraCodes:     {"code", "requested", "previous", "direction", "categories", "description", "prototype", "source", "source_date"},
	APCLists:       {"procedure_code", "direction", "list_complete", "union_apcs", "national_apcs", "equals_shared_rows", "source", "source_date"},
}

// sourceDates are the dates of the repositories the shared tables were
// taken from (their MANIFEST.md): the shared CSVs have no date column.
var sourceDates = map[string]string{
	"trade-tariff/ott-prototype@e5ab46257d219d7ba9fe07ba6cac270b8806e917":            "2023-11-17 (prototype HEAD)",
	"hmrc/customs-declare-exports-frontend@4d58275efeaa1dbef30d40c220b45c12419f17cd": "2026-08-20 (commit)",
}

// File is one input: its name, folder label and rows (header first).
type File struct {
	Name   string
	Folder string // "shared" or "datasets"
	Sum    string // sha256 of the bytes
	Rows   [][]string
}

// Tables are the parsed inputs.
type Tables struct {
	Files map[string]*File
}

// Load reads the five CSVs from the shared folder and datasets/.
func Load(sharedDir, datasetsDir string) (*Tables, error) {
	t := &Tables{Files: map[string]*File{}}
	for name, dir := range map[string]string{SharedCodes: sharedDir, SharedAPCs: sharedDir,
		RequestedCodes: datasetsDir, ExtraCodes: datasetsDir, APCLists: datasetsDir} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read procedure facts: %w", err)
		}
		folder := "datasets"
		if dir == sharedDir {
			folder = "shared"
		}
		f, err := Parse(name, folder, data)
		if err != nil {
			return nil, err
		}
		t.Files[name] = f
	}
	return t, nil
}

// Parse reads one CSV and checks its header, row width and that every
// row names its source.
func Parse(name, folder string, data []byte) (*File, error) {
	head, ok := Headers[name]
	if !ok {
		return nil, fmt.Errorf("%s: not a procedure facts file", name)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = len(head)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	if !slices.Equal(rows[0], head) {
		return nil, fmt.Errorf("%s: header %q, want %q", name, rows[0], head)
	}
	src := slices.Index(head, "source")
	for i, r := range rows[1:] {
		if strings.TrimSpace(r[0]) == "" || strings.TrimSpace(r[src]) == "" {
			return nil, fmt.Errorf("%s row %d: no code or no source", name, i+2)
		}
	}
	return &File{Name: name, Folder: folder, Sum: fmt.Sprintf("%x", sha256.Sum256(data)), Rows: rows}, nil
}

// col returns a function giving a row's value of the named column.
func col(f *File) func(row []string, name string) string {
	return func(row []string, name string) string { return row[slices.Index(f.Rows[0], name)] }
}

// dates lists a file's distinct source dates: its source_date column, or
// for the shared tables the dates of the repositories its sources name.
func dates(f *File) ([]string, error) {
	get := col(f)
	seen := map[string]bool{}
	hasDate := slices.Contains(f.Rows[0], "source_date")
	for _, r := range f.Rows[1:] {
		if hasDate {
			seen[get(r, "source_date")] = true
			continue
		}
		repo, _, _ := strings.Cut(get(r, "source"), ":")
		d, ok := sourceDates[repo]
		if !ok {
			return nil, fmt.Errorf("%s: no date known for source %q (add it to procgen.sourceDates from the MANIFEST)", f.Name, repo)
		}
		seen[repo+" "+d] = true
	}
	var out []string
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out, nil
}

// Render writes the tables as the gofmt'd Go source of
// cds_procedure_codes_gen.go.
func Render(t *Tables) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go generate (rules/internal/procgen/genproc) from the procedure code CSVs. DO NOT EDIT.\n//\n// Sources (file, sha256, source dates):\n")
	for _, name := range []string{SharedCodes, SharedAPCs, RequestedCodes, ExtraCodes, APCLists} {
		f := t.Files[name]
		if f == nil {
			return nil, errors.New("procgen: missing " + name)
		}
		ds, err := dates(f)
		if err != nil {
			return nil, err
		}
		dir := "../shared/official/cds/datasets/"
		if f.Folder == "datasets" {
			dir = "datasets/"
		}
		fmt.Fprintf(&b, "//   - %s%s %s\n//     dates: %s\n", dir, name, f.Sum, strings.Join(ds, "; "))
	}
	b.WriteString("\npackage rules\n\n")
	renderRequested(&b, t.Files[RequestedCodes])
	renderCodes(&b, t.Files[SharedCodes], t.Files[ExtraCodes])
	renderLinks(&b, t.Files[SharedAPCs])
	renderLists(&b, t.Files[APCLists])
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format procedure tables: %w", err)
	}
	return out, nil
}

func renderRequested(b *bytes.Buffer, f *File) {
	get := col(f)
	b.WriteString("// cdsTwoDigitCodes is datasets/procedure-requested-codes.csv: the two-digit\n// DE 1/10 codes, the role they take, and for some requested codes the\n// complete list of their four-digit codes.\nvar cdsTwoDigitCodes = []cdsTwoDigitCode{\n")
	for _, r := range f.Rows[1:] {
		fmt.Fprintf(b, "{Code: %q, Role: %q, Direction: %q, Meaning: %q, FourDigit: %q, Complete: %t, Source: %q, SourceDate: %q},\n",
			get(r, "code"), get(r, "role"), get(r, "direction"), get(r, "meaning"), get(r, "four_digit_codes"),
			get(r, "four_digit_complete") == "yes", get(r, "source"), get(r, "source_date"))
	}
	b.WriteString("}\n\n")
}

func renderCodes(b *bytes.Buffer, shared, extra *File) {
	b.WriteString("// cdsFourDigitCodes are the four-digit DE 1/10 codes of the shared\n// procedure-codes.csv followed by datasets/procedure-codes-extra.csv.\nvar cdsFourDigitCodes = []cdsFourDigitCode{\n")
	for _, f := range []*File{shared, extra} {
		get := col(f)
		for _, r := range f.Rows[1:] {
			fmt.Fprintf(b, "{Code: %q, Requested: %q, Previous: %q, Direction: %q, Source: %q},\n",
				get(r, "code"), get(r, "requested"), get(r, "previous"), get(r, "direction"), get(r, "source"))
		}
	}
	b.WriteString("}\n\n")
}

func renderLinks(b *bytes.Buffer, f *File) {
	get := col(f)
	b.WriteString("// cdsAPCLinks is the shared procedure-additional-codes.csv: procedure code\n// and additional procedure code pairs (an empty APC: none listed, which is\n// not evidence of none allowed).\nvar cdsAPCLinks = []cdsAPCLink{\n")
	for _, r := range f.Rows[1:] {
		fmt.Fprintf(b, "{Procedure: %q, APC: %q, Kind: %q, Direction: %q, Source: %q},\n",
			get(r, "procedure_code"), get(r, "apc"), get(r, "apc_kind"), get(r, "direction"), get(r, "source"))
	}
	b.WriteString("}\n\n")
}

func renderLists(b *bytes.Buffer, f *File) {
	get := col(f)
	b.WriteString("// cdsAPCCompleteLists is datasets/procedure-apc-lists.csv: import procedure\n// codes whose complete APC list was read on HMRC's pages.\nvar cdsAPCCompleteLists = []cdsAPCList{\n")
	for _, r := range f.Rows[1:] {
		fmt.Fprintf(b, "{Procedure: %q, Direction: %q, Union: %q, National: %q, Source: %q, SourceDate: %q},\n",
			get(r, "procedure_code"), get(r, "direction"), get(r, "union_apcs"), get(r, "national_apcs"), get(r, "source"), get(r, "source_date"))
	}
	b.WriteString("}\n")
}
