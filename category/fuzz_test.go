package category_test

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/category"
)

// FuzzDerive feeds Derive arbitrary codes: it must not panic, a derived
// category must be in the closed set and every item must have a result.
func FuzzDerive(f *testing.F) {
	f.Add("9", "IMA", "4000", "1H7 C07", "7122")
	f.Add("9", "COJ", "0020", "21V", "0014")
	f.Add("13", "EXK", "1040", "", "")
	f.Add("9", "C", "0", "\x00", "\xff\xfe")
	f.Fuzz(func(t *testing.T, fc, tc, p1, apcs, p2 string) {
		d := category.Declaration{FunctionCode: fc, TypeCode: tc, Items: []category.Item{
			{Procedure: p1, Additional: strings.Fields(apcs)},
			{Procedure: p2},
		}}
		res := category.Derive(d)
		switch res.Status {
		case category.Derived:
			if !res.Category.Valid() || len(res.Items) != 2 {
				t.Fatalf("derived %q with %d items", res.Category, len(res.Items))
			}
		case category.NotApplicable:
			if res.Items != nil {
				t.Fatal("not applicable but items derived")
			}
		default:
			if res.Category != "" || res.Why == "" {
				t.Fatalf("status %v with category %q, why %q", res.Status, res.Category, res.Why)
			}
		}
	})
}
