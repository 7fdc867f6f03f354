package cm_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/model/internal/cm"
)

// wcoTables pairs each official WCO ID table with the model tree it must
// equal. prefix maps model schema IDs to the prefixes HMRC's documents use.
var wcoTables = []struct {
	csv, schema, root string
	prefix            map[string]string
	// artefacts are rows of the derived CSV that name elements the schema
	// does not declare; each is checked to be absent from the official XSD.
	artefacts map[string]string // xpath -> official XSD that must not declare its last step
}{
	{"wcoid_paths_WCO_DEC_2_DMS.csv", "declaration", "Declaration", nil, nil},
	{"wcoid_paths_CANCEL.csv", "cancel", "Declaration", nil, map[string]string{
		"/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Classification/IdentificationTypeCode": "cds/schemas/v2.15/wco/declaration/CANCEL.xsd",
	}},
	{"wcoid_paths_WCO_RES_2_DMS.csv", "response", "Response", map[string]string{"res-ds": "ds", "declaration": "od"}, nil},
}

func row(n *cm.Node, prefix map[string]string) []string {
	max := strconv.Itoa(n.Max)
	if n.Max == cm.Unbounded {
		max = "unbounded"
	}
	if n.Ref != nil {
		// The tables name a referenced element by its prefixed name only.
		p := prefix[n.Ref.Schema]
		return []string{n.Parent.Path + "/" + p + ":" + n.Ref.Name, "", "", "", strconv.Itoa(n.Min), max}
	}
	return []string{n.Path, n.Element.WCO, n.Element.Doc, n.TypeName(prefix), strconv.Itoa(n.Min), max}
}

// TestWCOIDTablesEqualOfficial generates the WCO ID table (path, WCO ID,
// WCO name, type, minOccurs, maxOccurs) of the CDS declaration,
// cancellation and notification models and compares it row for row with
// the tables derived from HMRC's schemas.
func TestWCOIDTablesEqualOfficial(t *testing.T) {
	off := oracle.OfficialDir(t)
	set, err := cm.LoadSet(os.DirFS("../../src"), "cds")
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range wcoTables {
		t.Run(tb.csv, func(t *testing.T) {
			f, err := os.Open(filepath.Join(off, "cds", "derived", tb.csv))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			want = want[1:] // header
			var kept [][]string
			for _, r := range want {
				xsd, ok := tb.artefacts[r[0]]
				if !ok {
					kept = append(kept, r)
					continue
				}
				data, err := os.ReadFile(filepath.Join(off, xsd))
				if err != nil {
					t.Fatal(err)
				}
				step := r[0][strings.LastIndexByte(r[0], '/')+1:]
				if strings.Contains(string(data), `name="`+step+`"`) {
					t.Errorf("row %s was taken for an artefact, but %s declares %s", r[0], xsd, step)
				}
			}
			nodes, err := set.Tree(tb.schema, tb.root)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, n := range nodes {
				got = append(got, row(n, tb.prefix))
			}
			if diff := cmp.Diff(kept, got); diff != "" {
				t.Errorf("table differs (-official +model):\n%s", diff)
			}
		})
	}
}
