package category_test

import (
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/category"
)

// xmlDecl is the part of a WCO DMS Declaration the derivation reads;
// encoding/xml matches these local names in any namespace.
type xmlDecl struct {
	FunctionCode string    `xml:"FunctionCode"`
	TypeCode     string    `xml:"TypeCode"`
	Items        []xmlItem `xml:"GoodsShipment>GovernmentAgencyGoodsItem"`
}

type xmlItem struct {
	Procedures []xmlProc `xml:"GovernmentProcedure"`
}

type xmlProc struct {
	Current  string  `xml:"CurrentCode"`
	Previous *string `xml:"PreviousCode"`
}

// sampleDecl is one FunctionCode-9 declaration of a sample file.
type sampleDecl struct {
	File string
	Decl category.Declaration
}

// declaration turns the XML into the derivation's input: the
// GovernmentProcedure with a PreviousCode is DE 1/10, the others DE 1/11.
func (x xmlDecl) declaration() category.Declaration {
	d := category.Declaration{FunctionCode: strings.TrimSpace(x.FunctionCode), TypeCode: strings.TrimSpace(x.TypeCode)}
	for _, it := range x.Items {
		var item category.Item
		for _, p := range it.Procedures {
			cur := strings.TrimSpace(p.Current)
			if p.Previous != nil {
				item.Procedure = cur + strings.TrimSpace(*p.Previous)
				continue
			}
			item.Additional = append(item.Additional, cur)
		}
		d.Items = append(d.Items, item)
	}
	return d
}

// readDecls returns the FunctionCode-9 declarations of one file whose
// root is a DMS MetaData, bare or in the MDG submitDeclarationRequest
// wrapper (declaration submissions; DIS reports and
// notifications have other roots and are not declarations). A file that
// is not well-formed holds none; the test logs it.
func readDecls(t *testing.T, path string) []category.Declaration {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	wrapped := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			t.Logf("%s: not well-formed, no declaration read: %v", path, err)
			return nil
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local == "submitDeclarationRequest" {
			wrapped = true // the MDG wrapper holds the MetaData further down
			continue
		}
		if se.Name.Local != "MetaData" {
			if wrapped {
				continue
			}
			return nil
		}
		var md struct {
			Declarations []xmlDecl `xml:"Declaration"`
		}
		if err := dec.DecodeElement(&md, &se); err != nil {
			t.Logf("%s: not well-formed, no declaration read: %v", path, err)
			return nil
		}
		var out []category.Declaration
		for _, x := range md.Declarations {
			if d := x.declaration(); d.FunctionCode == "9" {
				out = append(out, d)
			}
		}
		return out
	}
}

// sampleDecls returns every FunctionCode-9 declaration under dir, by
// path relative to dir, in path order.
func sampleDecls(t *testing.T, dir string) []sampleDecl {
	t.Helper()
	var out []sampleDecl
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.EqualFold(filepath.Ext(p), ".xml") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for _, d := range readDecls(t, p) {
			out = append(out, sampleDecl{File: filepath.ToSlash(rel), Decl: d})
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("walk %s: %v", dir, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// outcome is a derivation in one word: the category, or the status.
func outcome(r category.Result) string {
	switch r.Status {
	case category.Derived:
		return string(r.Category)
	case category.Mixed:
		var s []string
		for _, c := range r.Distinct() {
			s = append(s, string(c))
		}
		return "mixed(" + strings.Join(s, ",") + ")"
	case category.NotApplicable:
		return "not-applicable"
	}
	return "unknown"
}
