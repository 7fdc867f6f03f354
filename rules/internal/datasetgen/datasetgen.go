// Package datasetgen reads the CDS data-set facts (HMRC's declaration
// category data sets and the DE -> element map) and renders them as the Go
// table rules/cds_datasets_gen.go. go generate runs it through gendatasets;
// the rules tests run it too, to prove the committed table is not stale.
//
// Inputs, all CSV with a header row:
//   - the shared category-datasets.csv (../shared/official/cds/datasets/),
//   - datasets/category-datasets-extra.csv (same columns, rows the shared
//     table lacks),
//   - datasets/de-elements.csv (DE -> DMS element path, from HMRC's
//     annotated samples).
package datasetgen

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"go/format"
	"io"
	"regexp"
	"slices"
	"strings"
)

// DatasetHeader is the header of both data-set CSVs.
var DatasetHeader = []string{"category", "appendix", "de", "de_name", "symbol", "level", "note", "source_url",
	"source_date", "complete", "seen_via"}

// ElementHeader is the header of de-elements.csv.
var ElementHeader = []string{"de", "de_name", "de_name_source", "level", "element_path", "element_wcoid", "leaf_paths",
	"support", "comments", "single_de_comments", "shared_with", "sample_file", "comment_line", "element_line",
	"source", "source_date"}

// DatasetRow is one data-set row: a DE of a declaration category.
type DatasetRow struct {
	Category, Appendix, DE, Name, Symbol, Level, Note, Source, SourceDate string
	Complete                                                              bool   // the category's whole table was seen
	File                                                                  string // "shared" or "extra"
}

// ElementRow is one DE -> element mapping.
type ElementRow struct {
	DE, Name, Level, Path, WCOID, Support, Source, SourceDate string
	Comments                                                  string
}

var (
	reDE      = regexp.MustCompile(`^\d{1,2}/\d{1,2}$`)
	symbols   = map[string]bool{"A": true, "C": true, "D": true, "NR": true, "": true}
	levels    = map[string]bool{"X": true, "Y": true, "X, Y": true, "": true}
	elemLevel = map[string]bool{"header": true, "item": true}
	reSupport = regexp.MustCompile(`^(primary|minor|conflict:\d{1,2}/\d{1,2})$`)
)

// records reads a CSV with the given header and returns its rows as maps.
func records(r io.Reader, name string, header []string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	// Some shared rows carry an unquoted comma in their last column
	// (seen_via): the extra fields are joined back into it.
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s header: %w", name, err)
	}
	if !slices.Equal(head, header) {
		return nil, fmt.Errorf("%s header is %q, want %q", name, head, header)
	}
	var out []map[string]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(rec) < len(header) {
			return nil, fmt.Errorf("%s line %d: %d fields, want %d", name, len(out)+2, len(rec), len(header))
		}
		last := len(header) - 1
		rec[last] = strings.Join(rec[last:], ",")
		m := make(map[string]string, len(header))
		for i, h := range header {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	return out, nil
}

// ParseDatasets reads one data-set CSV (file names the origin: "shared"
// or "extra") and checks each row's DE, symbol, level and source.
func ParseDatasets(r io.Reader, file string) ([]DatasetRow, error) {
	recs, err := records(r, file, DatasetHeader)
	if err != nil {
		return nil, err
	}
	rows := make([]DatasetRow, 0, len(recs))
	for i, m := range recs {
		row := DatasetRow{Category: m["category"], Appendix: m["appendix"], DE: m["de"], Name: m["de_name"],
			Symbol: m["symbol"], Level: m["level"], Note: m["note"], Source: m["source_url"],
			SourceDate: m["source_date"], Complete: m["complete"] == "yes", File: file}
		switch {
		case row.Category == "" || !reDE.MatchString(row.DE):
			return nil, fmt.Errorf("%s line %d: bad category %q or DE %q", file, i+2, row.Category, row.DE)
		case !symbols[row.Symbol] || !levels[row.Level]:
			return nil, fmt.Errorf("%s line %d: bad symbol %q or level %q", file, i+2, row.Symbol, row.Level)
		case row.Source == "" || row.SourceDate == "":
			return nil, fmt.Errorf("%s line %d: no source or source date", file, i+2)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// ParseElements reads de-elements.csv and checks each row.
func ParseElements(r io.Reader) ([]ElementRow, error) {
	recs, err := records(r, "de-elements", ElementHeader)
	if err != nil {
		return nil, err
	}
	rows := make([]ElementRow, 0, len(recs))
	for i, m := range recs {
		row := ElementRow{DE: m["de"], Name: m["de_name"], Level: m["level"], Path: m["element_path"],
			WCOID: m["element_wcoid"], Support: m["support"], Source: m["source"], SourceDate: m["source_date"],
			Comments: m["comments"]}
		switch {
		case !reDE.MatchString(row.DE) || !elemLevel[row.Level] || !reSupport.MatchString(row.Support):
			return nil, fmt.Errorf("de-elements line %d: bad DE %q, level %q or support %q", i+2, row.DE, row.Level, row.Support)
		case !strings.HasPrefix(row.Path, "Declaration"):
			return nil, fmt.Errorf("de-elements line %d: path %q not under Declaration", i+2, row.Path)
		case row.Source == "" || row.SourceDate == "":
			return nil, fmt.Errorf("de-elements line %d: no source or source date", i+2)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Merge joins the shared and extra data-set rows; a category and DE given
// twice is an error (the extra file only adds rows).
func Merge(shared, extra []DatasetRow) ([]DatasetRow, error) {
	seen := map[string]string{}
	var out []DatasetRow
	for _, r := range append(slices.Clone(shared), extra...) {
		k := r.Category + "|" + r.DE
		if f, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s DE %s is in %s and in %s", r.Category, r.DE, f, r.File)
		}
		seen[k] = r.File
		out = append(out, r)
	}
	return out, nil
}

// Render writes the rows as the gofmt'd Go source of cds_datasets_gen.go.
// inputs name the files read (for the header comment).
func Render(ds []DatasetRow, els []ElementRow, inputs []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go generate (rules/internal/datasetgen/gendatasets). DO NOT EDIT.\n//\n")
	b.WriteString("// Sources: each row names its own source and date (Source, SourceDate); the\n// files read were:\n")
	for _, in := range inputs {
		fmt.Fprintf(&b, "//   - %s\n", in)
	}
	b.WriteString("\npackage rules\n\n")
	b.WriteString("// cdsDatasetRows are the declaration category data-set rows (Volume 3\n// Appendices 21-24 and the completion instructions), shared table first.\n")
	b.WriteString("var cdsDatasetRows = []datasetRow{\n")
	for _, r := range ds {
		fmt.Fprintf(&b, "{Category: %q, Appendix: %q, DE: %q, Name: %q, Symbol: %q, Level: %q, Note: %q, Source: %q, SourceDate: %q, Complete: %t, File: %q},\n",
			r.Category, r.Appendix, r.DE, r.Name, r.Symbol, r.Level, r.Note, r.Source, r.SourceDate, r.Complete, r.File)
	}
	b.WriteString("}\n\n")
	b.WriteString("// cdsDEElements map DEs to DMS element paths (datasets/de-elements.csv).\n")
	b.WriteString("var cdsDEElements = []deElement{\n")
	for _, r := range els {
		fmt.Fprintf(&b, "{DE: %q, Name: %q, Level: %q, Path: %q, WCOID: %q, Support: %q, Comments: %q, Source: %q, SourceDate: %q},\n",
			r.DE, r.Name, r.Level, r.Path, r.WCOID, r.Support, r.Comments, r.Source, r.SourceDate)
	}
	b.WriteString("}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format data-set table: %w", err)
	}
	return out, nil
}

// dateSpan gives the oldest and newest dated source_date of rows
// ("2024-01-09 .. 2026-05-27"); undated rows are left out.
func dateSpan(rows []DatasetRow) string {
	var dates []string
	for _, r := range rows {
		dates = append(dates, r.SourceDate)
	}
	return span(dates)
}

// elementDates is dateSpan for the DE -> element rows.
func elementDates(rows []ElementRow) string {
	var dates []string
	for _, r := range rows {
		dates = append(dates, r.SourceDate)
	}
	return span(dates)
}

var reDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// span returns the oldest and newest leading ISO dates of dates.
func span(dates []string) string {
	var iso []string
	for _, d := range dates {
		if m := reDate.FindString(d); m != "" {
			iso = append(iso, m)
		}
	}
	if len(iso) == 0 {
		return "undated"
	}
	slices.Sort(iso)
	return iso[0] + " .. " + iso[len(iso)-1]
}

// Files are the inputs, relative to the module root, as go generate and
// the tests read them.
var Files = struct{ Shared, Extra, Elements string }{
	Shared:   "../shared/official/cds/datasets/category-datasets.csv",
	Extra:    "datasets/category-datasets-extra.csv",
	Elements: "datasets/de-elements.csv",
}

// Build reads the three inputs and renders the table; open opens a file
// named in Files.
func Build(open func(name string) (io.ReadCloser, error)) ([]byte, error) {
	sums := map[string]string{}
	read := func(name string, parse func(io.Reader) error) error {
		f, err := open(name)
		if err != nil {
			return fmt.Errorf("open %s: %w", name, err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		sums[name] = fmt.Sprintf("sha256 %x", sha256.Sum256(data))
		return parse(bytes.NewReader(data))
	}
	var shared, extra []DatasetRow
	var els []ElementRow
	err := errors.Join(
		read(Files.Shared, func(r io.Reader) (err error) { shared, err = ParseDatasets(r, "shared"); return }),
		read(Files.Extra, func(r io.Reader) (err error) { extra, err = ParseDatasets(r, "extra"); return }),
		read(Files.Elements, func(r io.Reader) (err error) { els, err = ParseElements(r); return }),
	)
	if err != nil {
		return nil, err
	}
	ds, err := Merge(shared, extra)
	if err != nil {
		return nil, err
	}
	return Render(ds, els, []string{
		fmt.Sprintf("%s: %d rows, source dates %s (%s): HMRC Volume 3 Appendices 21-23 and completion instructions, see its MANIFEST.md", Files.Shared, len(shared), dateSpan(shared), sums[Files.Shared]),
		fmt.Sprintf("%s: %d rows, source dates %s (%s): see datasets/SOURCES.md", Files.Extra, len(extra), dateSpan(extra), sums[Files.Extra]),
		fmt.Sprintf("%s: %d rows, source dates %s (%s): hmrc/customs-declarations annotated samples, see datasets/SOURCES.md", Files.Elements, len(els), elementDates(els), sums[Files.Elements]),
	})
}
