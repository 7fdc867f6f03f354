package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

// categoryMessage is a minimal CDS message: FunctionCode, TypeCode and
// goods items holding the given procedure elements.
func categoryMessage(functionCode, typeCode string, items ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<md:MetaData xmlns:md=%q xmlns=%q><Declaration><FunctionCode>%s</FunctionCode><TypeCode>%s</TypeCode><GoodsShipment>`,
		validate.NSMetaData, validate.NSDeclaration, functionCode, typeCode)
	for i, it := range items {
		fmt.Fprintf(&b, `<GovernmentAgencyGoodsItem><SequenceNumeric>%d</SequenceNumeric>%s</GovernmentAgencyGoodsItem>`, i+1, it)
	}
	b.WriteString(`</GoodsShipment></Declaration></md:MetaData>`)
	return b.String()
}

// TestCDSCategoryFinding: a declaration whose goods items derive H1 and
// H4 gets no category in the report and one CDS11005 finding, at the
// second item's requested procedure; items that agree, an item deciding
// no category, and an amendment get none.
func TestCDSCategoryFinding(t *testing.T) {
	eng, err := validate.New(validate.Options{Select: []string{"cds-category"}, Profile: validate.ProfileCDS})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	const (
		h1  = `<GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure><GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure>`
		h4  = `<GovernmentProcedure><CurrentCode>51</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>`
		bad = `<GovernmentProcedure><CurrentCode>99</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>`
	)
	for _, c := range []struct {
		name, msg, category string
		findings            int
	}{
		{"H1 and H4", categoryMessage("9", "IMZ", h1, h4), "", 1},
		{"H1 and H1", categoryMessage("9", "IMZ", h1, h1), "H1", 0},
		{"H1 and an unknown procedure", categoryMessage("9", "IMZ", h1, bad), "", 0},
		{"an amendment mixing H1 and H4", categoryMessage("13", "COR", h1, h4), "", 0},
	} {
		rep, err := eng.Check(context.Background(), c.name, []byte(c.msg))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []validate.Finding
		for _, f := range rep.Findings {
			if f.Rule == "cds-category" {
				got = append(got, f)
			}
		}
		if rep.Category != c.category || len(got) != c.findings {
			t.Errorf("%s: category %q and %d findings, want %q and %d: %+v", c.name, rep.Category, len(got), c.category, c.findings, got)
			continue
		}
		if c.findings == 1 {
			f := got[0]
			if f.Code != "CDS11005" || !strings.HasSuffix(f.Path, "GovernmentAgencyGoodsItem[2]/GovernmentProcedure/CurrentCode") ||
				!strings.Contains(f.Message, "derives declaration category H4, but goods item 1's 4000 derives H1") {
				t.Errorf("%s: finding %+v", c.name, f)
			}
		}
	}
}
