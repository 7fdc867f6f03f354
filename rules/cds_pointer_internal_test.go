package rules

import (
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/model"
)

// TestPointerIndex checks the class tree read from the CDS model at the
// places the pointer rules rely on.
func TestPointerIndex(t *testing.T) {
	pm, err := pointerIndex()
	if err != nil {
		t.Fatal(err)
	}
	at := func(ids ...string) *wcoClass {
		t.Helper()
		c := pm.root
		for _, id := range ids[1:] {
			if c = c.classes[id]; c == nil {
				t.Fatalf("no class path %v", ids)
			}
		}
		return c
	}
	for _, tc := range []struct {
		ids    []string
		path   string
		max    int
		seqTag bool
		items  []string
	}{
		{[]string{"42A"}, "/Declaration", 1, false, []string{"D026", "228", "146", "023"}},
		{[]string{"42A", "06A"}, "/Declaration/Amendment", model.Unbounded, false, []string{"099"}},
		{[]string{"42A", "06A", "97A"}, "/Declaration/Amendment/Pointer", model.Unbounded, true, []string{"006", "375", "381"}},
		{[]string{"42A", "67A", "68A"}, "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem", 999, true, []string{"006", "108", "114"}},
		{[]string{"42A", "67A", "68A", "02A"}, "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalDocument", model.Unbounded, false, []string{"D005", "D006", "D031", "360"}},
		{[]string{"42A", "67A", "68A", "23A", "21A"}, "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Classification", model.Unbounded, false, []string{"145", "337"}},
		{[]string{"42A", "67A", "99A"}, "/Declaration/GoodsShipment/PreviousDocument", model.Unbounded, false, []string{"D018", "D019", "D031", "171"}},
		{[]string{"42A", "57A", "04A"}, "/Declaration/Exporter/Address", 1, false, []string{"241", "239", "245"}},
	} {
		c := at(tc.ids...)
		if c.path != tc.path || c.max != tc.max || c.seqTag != tc.seqTag {
			t.Errorf("%v: %s max %d seq %v, want %s max %d seq %v", tc.ids, c.path, c.max, c.seqTag, tc.path, tc.max, tc.seqTag)
		}
		for _, tag := range tc.items {
			if _, ok := c.items[tag]; !ok {
				t.Errorf("%s holds no TagID %s", c.path, tag)
			}
		}
	}
	// Address differs by place: a goods location's has no sub-division.
	if _, ok := at("42A", "67A", "28A", "64A", "04A").items["244"]; ok {
		t.Error("GoodsLocation/Address holds 244")
	}
	if _, ok := pm.root.items["006"]; ok {
		t.Error("the Declaration has a SequenceNumeric")
	}
}

func TestValidationCodeText(t *testing.T) {
	builtin := codelists.Builtin()
	if got, ok := validationCodeText(builtin, "CDS12015"); !ok || got == "" {
		t.Errorf("CDS12015: %q %v", got, ok)
	}
	if got, ok := validationCodeText(builtin, "DMS10020"); !ok || got == "" {
		t.Error("DMS10020, the legacy number of CDS10020, not described")
	}
	if _, ok := validationCodeText(builtin, "DMS99999"); ok {
		t.Error("DMS99999 described")
	}
	// A list named dmsErrorCodes that is built in is not HMRC's.
	fake := codelists.NewSet(codelists.NewList("dmsErrorCodes", "", "built in", map[string]string{"CDS12015": "x"}))
	if got, _ := validationCodeText(builtin.With(fake), "CDS12015"); got == "x" {
		t.Error("a built-in dmsErrorCodes list was taken for HMRC's")
	}
	loaded := codelists.NewSet(codelists.NewList("dmsErrorCodes", "", "/tmp/dmsErrorCodes.json", map[string]string{"CDS12015": "HMRC's text"}))
	if got, _ := validationCodeText(builtin.With(loaded), "CDS12015"); got != "HMRC's text" {
		t.Errorf("loaded list not preferred: %q", got)
	}
	if got, _ := validationCodeText(builtin.With(loaded), "CDS12016"); got == "" {
		t.Error("a code the loaded list lacks lost the built-in text")
	}
}
