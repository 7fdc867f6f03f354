package rules_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

func TestQuery(t *testing.T) {
	doc, _, err := xsd.Parse([]byte(`<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">
  <TransitOperation><LRN> A1 </LRN></TransitOperation>
  <Consignment>
    <HouseConsignment><ConsignmentItem><n>1</n></ConsignmentItem><ConsignmentItem><n>2</n></ConsignmentItem></HouseConsignment>
    <HouseConsignment><ConsignmentItem><n>3</n></ConsignmentItem></HouseConsignment>
  </Consignment>
</ncts:CC015C>`), false)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Free()
	root := doc.Root()
	if got := rules.Texts(root, "Consignment/HouseConsignment/ConsignmentItem/n"); !cmp.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("Texts = %v", got)
	}
	if got := len(rules.Elements(root, "Consignment/*/ConsignmentItem")); got != 3 {
		t.Errorf("wildcard: %d", got)
	}
	item := rules.Elements(root, "Consignment/HouseConsignment/ConsignmentItem")[2]
	if lrn, ok := rules.Text(item, "/*/TransitOperation/LRN"); !ok || lrn != "A1" {
		t.Errorf("/*/ from a descendant: %q %v", lrn, ok)
	}
	if hc := rules.Ancestor(item, "HouseConsignment"); hc.Path() != "/CC015C/Consignment/HouseConsignment[2]" {
		t.Errorf("Ancestor: %s", hc.Path())
	}
	if rules.Has(root, "Consignment/Missing") || !rules.Has(root, "Consignment/HouseConsignment") {
		t.Error("Has")
	}
	if _, ok := rules.Text(root, "Nothing/Here"); ok {
		t.Error("Text of a missing element")
	}
	if rules.Elements(root, "Nothing") != nil || rules.First(xsd.Element{}, "a").Valid() {
		t.Error("missing elements")
	}
}
