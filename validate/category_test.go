package validate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// TestCategoryOfOfficialSamples: the report of a CDS declaration names its
// category; these samples' categories are those of HMRC's scenario sheet
// (category/oracle_test.go), each spelt as category spells it.
func TestCategoryOfOfficialSamples(t *testing.T) {
	base := filepath.Join(oracle.OfficialDir(t), "cds/examples/valid/annotated_XML_samples")
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	for _, c := range []struct{ file, want string }{
		{"TT_FI001a/TT_FI001a.xml", "H1"},
		{"TT_IM012a/TT_IM012a.xml", "H2"},
		{"TT_IM059a/Step1_TT_IM059a.xml", "H5"},
		{"TT_IM067a/TT_IM067a.xml", "H7"},
		{"TT_IM166a/Step1_TT_IM166a.xml", "H8"},
		{"TT_IM144a/Step1_TT_IM144a.xml", "I1 C&F"},
		{"TT_IM005a/TT_IM005a.xml", "C21i"},
		{"TT_IM183a/Step1_TT_IM183a.xml", "C21i EIDR NOP"},
		{"TT_IM061a/Step1_TT_IM061a.xml", "FSD"},
		{"TT_EX001a/TT_EX001a.xml", "B1"},
		{"TT_EX023a/Step1_TT_EX023a.xml", "B2"},
		{"TT_EX024a/Step1_TT_EX024a.xml", "B4"},
		{"TT_EX007a/TT_EX007a.xml", "C21e"},
	} {
		fr, err := eng.CheckFile(context.Background(), c.file, filepath.Join(base, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if fr.MessageType != validate.TypeCDSDeclaration || fr.Category != c.want {
			t.Errorf("%s: %s category %q, want CDS-DEC %q", c.file, fr.MessageType, fr.Category, c.want)
		}
		// The same declaration as its JSON view has the same category.
		xml, err := os.ReadFile(filepath.Join(base, c.file))
		if err != nil {
			t.Fatal(err)
		}
		js, _, err := eng.Convert(context.Background(), c.file, xml, "json")
		if err != nil {
			t.Fatalf("%s: convert: %v", c.file, err)
		}
		jr, err := eng.Check(context.Background(), c.file+".json", js)
		if err != nil || jr.Category != c.want {
			t.Errorf("%s as JSON: category %q (%v), want %q", c.file, jr.Category, err, c.want)
		}
	}
}

// declaration is a CDS declaration of this TypeCode whose goods items
// hold these GovernmentProcedure elements (inner XML, one string per
// item).
func declaration(functionCode, typeCode string, items ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<md:MetaData xmlns:md=%q xmlns=%q><Declaration><FunctionCode>%s</FunctionCode><TypeCode>%s</TypeCode><GoodsShipment>`,
		validate.NSMetaData, validate.NSDeclaration, functionCode, typeCode)
	for i, it := range items {
		fmt.Fprintf(&b, `<GovernmentAgencyGoodsItem><SequenceNumeric>%d</SequenceNumeric>%s</GovernmentAgencyGoodsItem>`, i+1, it)
	}
	b.WriteString(`</GoodsShipment></Declaration></md:MetaData>`)
	return b.String()
}

// TestCategoryOnlyWhenOne: the category is set only when the goods items
// agree on one, and only on declarations (FunctionCode 9).
func TestCategoryOnlyWhenOne(t *testing.T) {
	eng, err := validate.New(validate.Options{Select: []string{"xml"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	const (
		h1  = `<GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure>`
		h4  = `<GovernmentProcedure><CurrentCode>51</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>`
		h7  = `<GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>1H7</CurrentCode></GovernmentProcedure>`
		bad = `<GovernmentProcedure><CurrentCode>ZZ</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>`
	)
	for _, c := range []struct {
		name, msg, typ, want string
	}{
		{"two H1 items", declaration("9", "IMA", h1, h1), validate.TypeCDSDeclaration, "H1"},
		{"H7 by its additional procedure", declaration("9", "IMA", h7), validate.TypeCDSDeclaration, "H7"},
		{"items that disagree", declaration("9", "IMA", h1, h4), validate.TypeCDSDeclaration, ""},
		{"an unknown procedure", declaration("9", "IMA", h1, bad), validate.TypeCDSDeclaration, ""},
		{"no goods item", declaration("9", "IMA"), validate.TypeCDSDeclaration, ""},
		{"no TypeCode", declaration("9", "", h1), validate.TypeCDSDeclaration, ""},
		{"an amendment", declaration("13", "COR", h1), validate.TypeCDSAmendment, ""},
	} {
		fr, err := eng.Check(context.Background(), c.name, []byte(c.msg))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if fr.MessageType != c.typ || fr.Category != c.want {
			t.Errorf("%s: %s category %q, want %s %q", c.name, fr.MessageType, fr.Category, c.typ, c.want)
		}
	}
}
