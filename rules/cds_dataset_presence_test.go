package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// TestPresenceAgreesWithWalk: presence (one walk along the table's paths)
// answers as hasPath (a walk per path) for every mapped element path, at
// the declaration and on every goods item of the rule's testdata, and for
// paths the table does not hold.
func TestPresenceAgreesWithWalk(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cds-*", "cds", "*.xml"))
	if len(files) < 10 {
		t.Fatalf("only %d testdata declarations", len(files))
	}
	ix := datasets()
	extra := []string{"", "GoodsShipment", "Nowhere", "GoodsShipment/Nowhere/Deeper", "Agent//ID"}
	asked, yes := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := xsd.Parse(data, false)
		if err != nil || doc == nil {
			continue // a testdata file that does not parse
		}
		for _, decl := range elementsAt(doc.Root(), "Declaration") {
			type query struct {
				base        xsd.Element
				prefix, rel string
			}
			var qs []query
			items := elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem")
			for _, e := range cdsDEElements {
				qs = append(qs, query{decl, "Declaration", relPath(e.Path, "Declaration")})
				if strings.HasPrefix(e.Path, goodsItemPath+"/") {
					for _, it := range items {
						qs = append(qs, query{it, goodsItemPath, relPath(e.Path, goodsItemPath)})
					}
				}
			}
			for _, rel := range extra {
				qs = append(qs, query{decl, "Declaration", rel})
			}
			// Asked in both orders: the declaration's walk first (making
			// the items' sets), and the items' own walks first.
			forward, backward := newPresence(ix.paths), newPresence(ix.paths)
			for k, q := range qs {
				asked++
				want := hasPath(q.base, q.rel)
				b := qs[len(qs)-1-k]
				if got := forward.has(q.base, q.prefix, q.rel); got != want {
					t.Errorf("%s: %s below %s: presence %v, walk %v", f, q.rel, q.prefix, got, want)
				}
				if got, want := backward.has(b.base, b.prefix, b.rel), hasPath(b.base, b.rel); got != want {
					t.Errorf("%s: %s below %s (items first): presence %v, walk %v", f, b.rel, b.prefix, got, want)
				}
				if want {
					yes++
				}
			}
		}
		doc.Free()
	}
	if yes == 0 || yes == asked {
		t.Fatalf("%d of %d paths present: the test asks nothing that can differ", yes, asked)
	}
}

// TestSharedWithTableAgreesWithScan: the ancestor walk and sorted run
// answer as a scan of every mapped path would, for each mapped path and
// each category's table.
func TestSharedWithTableAgreesWithScan(t *testing.T) {
	ix := datasets()
	scan := func(path string, inTable func(string) bool) bool {
		for p, des := range ix.owners {
			if p != path && !strings.HasPrefix(p, path+"/") && !strings.HasPrefix(path, p+"/") {
				continue
			}
			if slices.ContainsFunc(des, inTable) {
				return true
			}
		}
		return false
	}
	shared, asked := 0, 0
	for cat, rows := range ix.rows {
		inTable := func(de string) bool { r, ok := rows[de]; return ok && r.Symbol != "NR" }
		for _, e := range cdsDEElements {
			asked++
			got, want := sharedWithTable(ix, e.Path, inTable), scan(e.Path, inTable)
			if got != want {
				t.Errorf("%s %s: %v, scan %v", cat, e.Path, got, want)
			}
			if want {
				shared++
			}
		}
	}
	if shared == 0 || shared == asked {
		t.Fatalf("%d of %d shared: nothing that can differ", shared, asked)
	}
}

// BenchmarkDatasetIndex: building the data-set index, once per process.
func BenchmarkDatasetIndex(b *testing.B) {
	for b.Loop() {
		buildDatasetIndex()
	}
}
