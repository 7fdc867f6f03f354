package rules_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestDatasetConditionsMatchRows checks that every decidable condition
// still finds, in each of its categories, a row for each of its DEs whose
// note says what the condition reads from it.
func TestDatasetConditionsMatchRows(t *testing.T) {
	applies, named := rules.DatasetConditionRows()
	for i := range applies {
		if applies[i] != named[i] {
			t.Errorf("condition %d applies to %d rows, names %d category-DE pairs", i, applies[i], named[i])
		}
	}
}

// TestCDSDatasetLargeDeclarationBounded checks a 999-item declaration
// whose items all miss the mandatory item-level DEs: each row reports its
// first goods items one by one and the rest in one finding, so the
// findings stay few and the last one names how many items it covers.
func TestCDSDatasetLargeDeclarationBounded(t *testing.T) {
	eng, err := validate.New(validate.Options{Select: []string{"cds-dataset"}, Profile: validate.ProfileCDS, MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rep, err := eng.Check(context.Background(), "large.xml", largeBareDeclaration(999))
	if err != nil {
		t.Fatal(err)
	}
	perRow := map[string]int{}
	summaries := 0
	more := regexp.MustCompile(`^DE \d+/\d+ \(.*\) is (missing from|declared at header level and on) 989 more goods items \(11, 12, 13, .* \.\.\.\): CDS rejects each with CDS1\d{4}`)
	for _, f := range rep.Findings {
		de := strings.SplitN(f.Message, " (", 2)[0]
		perRow[de+" "+f.Code]++
		if more.MatchString(f.Message) {
			summaries++
		}
	}
	if len(perRow) < 5 || summaries < 5 {
		t.Fatalf("%d rows reported, %d summaries: %v", len(perRow), summaries, perRow)
	}
	for row, n := range perRow {
		if n > rules.DatasetMaxItemFindings+1 {
			t.Errorf("%s: %d findings, want at most %d", row, n, rules.DatasetMaxItemFindings+1)
		}
	}
	if want := "CDS10002"; !strings.Contains(fmt.Sprint(perRow), want) {
		t.Errorf("no %s for the H1 exit office: %v", want, perRow)
	}
}

// largeBareDeclaration is an H1 declaration of n goods items that carry
// only their number, procedure codes, country of dispatch and nature of
// transaction: every item misses the mandatory item-level DEs, and the
// header has an exit office the H1 table excludes and DE 5/14, 8/5 at
// both levels.
func largeBareDeclaration(n int) []byte {
	var b strings.Builder
	b.WriteString(`<md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
<md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode><md:WCOTypeName>DEC</md:WCOTypeName>
<md:ResponsibleCountryCode>GB</md:ResponsibleCountryCode><md:ResponsibleAgencyName>HMRC</md:ResponsibleAgencyName>
<md:AgencyAssignedCustomizationVersionCode>v2.1</md:AgencyAssignedCustomizationVersionCode>
<Declaration><FunctionCode>9</FunctionCode><FunctionalReferenceID>CLT26IM0611A01</FunctionalReferenceID><TypeCode>IMA</TypeCode>
<ExitOffice><ID>GB000060</ID></ExitOffice><GoodsShipment><TransactionNatureCode>1</TransactionNatureCode><ExportCountry><ID>FR</ID></ExportCountry>
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "<GovernmentAgencyGoodsItem><SequenceNumeric>%d</SequenceNumeric><TransactionNatureCode>1</TransactionNatureCode><ExportCountry><ID>FR</ID></ExportCountry>"+
			"<GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>"+
			"<GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure></GovernmentAgencyGoodsItem>\n", i)
	}
	b.WriteString("</GoodsShipment></Declaration></md:MetaData>\n")
	return []byte(b.String())
}

// BenchmarkCDSDatasetLargeDeclaration runs cds-dataset alone (no schema,
// no report cap) over a 999-item declaration missing every item-level DE:
// the cost of about 10,000 findings.
func BenchmarkCDSDatasetLargeDeclaration(b *testing.B) {
	eng, err := validate.New(validate.Options{Select: []string{"cds-dataset"}, Profile: validate.ProfileCDS, MaxFindings: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	data := largeBareDeclaration(999)
	findings := 0
	for b.Loop() {
		rep, err := eng.Check(context.Background(), "large.xml", data)
		if err != nil {
			b.Fatal(err)
		}
		findings = len(rep.Findings)
	}
	b.ReportMetric(float64(findings), "findings/op")
}
