package transform_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/mutate"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// sameXML compares two message elements: names, namespaces and order of
// elements, attributes, and values (numbers after trimming white space).
func sameXML(a, b xsd.Element, n *transform.Node) error {
	if a.LocalName() != b.LocalName() || a.Namespace() != b.Namespace() {
		return fmt.Errorf("%s: element %s became %s", a.Path(), a.LocalName(), b.LocalName())
	}
	aa, ba := a.Attrs(), b.Attrs()
	if len(aa) != len(ba) {
		return fmt.Errorf("%s: attributes %v became %v", a.Path(), aa, ba)
	}
	for i := range aa {
		if aa[i].Name != ba[i].Name || aa[i].Namespace != ba[i].Namespace || aa[i].Value != ba[i].Value {
			return fmt.Errorf("%s: attribute %+v became %+v", a.Path(), aa[i], ba[i])
		}
	}
	if n == nil || n.Kind != transform.Object {
		at, bt := a.Text(), b.Text()
		if n != nil && (n.Kind == transform.Number || n.Kind == transform.Integer) {
			at, bt = strings.TrimSpace(at), strings.TrimSpace(bt)
		}
		if at != bt {
			return fmt.Errorf("%s: value %q became %q", a.Path(), at, bt)
		}
		return nil
	}
	ac, bc := a.FirstChild(), b.FirstChild()
	for ac.Valid() && bc.Valid() {
		if err := sameXML(ac, bc, n.ChildElement(ac.LocalName(), ac.Namespace())); err != nil {
			return err
		}
		ac, bc = ac.Next(), bc.Next()
	}
	if ac.Valid() || bc.Valid() {
		return fmt.Errorf("%s: children differ (%s / %s)", a.Path(), ac.Path(), bc.Path())
	}
	return nil
}

func parse(t *testing.T, data []byte) *xsd.Document {
	t.Helper()
	d, errs, err := xsd.Parse(data, false)
	if err != nil || d == nil {
		t.Fatalf("parse: %v %v\n%s", err, errs, data)
	}
	return d
}

// roundTrip converts XML to JSON and back, and the JSON again, and checks
// nothing was lost either way.
func roundTrip(t *testing.T, name string, data []byte, v *transform.View) {
	t.Helper()
	d1 := parse(t, data)
	defer d1.Free()
	j1, probs := v.ToJSON(d1.Root())
	if len(probs) > 0 {
		t.Errorf("%s: XML -> JSON problems: %v", name, probs)
		return
	}
	x2, probs, err := v.ToXML(j1)
	if err != nil || len(probs) > 0 {
		t.Errorf("%s: JSON -> XML: %v %v", name, err, probs)
		return
	}
	d2 := parse(t, x2)
	defer d2.Free()
	if err := sameXML(d1.Root(), d2.Root(), v.Root); err != nil {
		t.Errorf("%s: XML -> JSON -> XML lost something: %v", name, err)
		return
	}
	j2, probs := v.ToJSON(d2.Root())
	if len(probs) > 0 || !bytes.Equal(j1, j2) {
		t.Errorf("%s: JSON -> XML -> JSON differs (%v)", name, probs)
	}
}

// corpus lists schema-valid messages of the embedded profiles with their
// views: official samples, the project's examples, and schema-valid mutants.
func validMessages(t *testing.T, mutants int) []struct {
	name string
	data []byte
	view *transform.View
} {
	off := oracle.OfficialDir(t)
	// Schema-valid is what round trips need. Namespaced CTC messages are
	// phase 6 unless they come from a phase 5 folder.
	eng, err := validate.New(validate.Options{Select: []string{"xsd"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	p5, err := validate.New(validate.Options{Select: []string{"xsd"}, Profile: validate.ProfileCTCP5})
	if err != nil {
		t.Fatal(err)
	}
	defer p5.Close()
	var files []string
	for _, f := range oracle.XMLFilesAll(t, off, []string{"cds/examples", "cds/notifications", "ctc/phase4/examples", "ctc/phase5/examples", "ctc/phase6/examples"}) {
		files = append(files, filepath.Join(off, f))
	}
	own, _ := filepath.Abs("../testdata/messages")
	for _, f := range oracle.XMLFiles(t, own, ".") {
		files = append(files, filepath.Join(own, f))
	}
	type msg = struct {
		name string
		data []byte
		view *transform.View
	}
	var out []msg
	rng := rand.New(rand.NewSource(7))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		eng := eng
		if slash := filepath.ToSlash(f); strings.Contains(slash, "/phase5/") || strings.Contains(slash, "/ctc-p5/") {
			eng = p5
		}
		rep, err := eng.Check(context.Background(), f, data)
		if err != nil {
			t.Fatal(err)
		}
		if rep.HasErrors() || rep.MessageType == "UNKNOWN" || len(rep.Findings) > 0 {
			continue // not schema-valid (or wrapped): no round trip promised
		}
		v, err := transform.ViewFor(rep.Profile, rep.MessageType)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, msg{f, data, v})
		ms, err := mutate.All(data, mutants, rng)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			r, err := eng.Check(context.Background(), f, m.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !r.HasErrors() && len(r.Findings) == 0 {
				out = append(out, msg{f + " (" + m.Desc + ")", m.Data, v})
			}
		}
	}
	return out
}

// TestLosslessRoundTrip converts every schema-valid sample and mutant
// XML -> JSON -> XML and JSON -> XML -> JSON.
func TestLosslessRoundTrip(t *testing.T) {
	msgs := validMessages(t, 2)
	byProfile := map[string]int{}
	for _, m := range msgs {
		byProfile[m.view.Profile]++
		roundTrip(t, m.name, m.data, m.view)
	}
	t.Logf("round trips: %v", byProfile)
	if byProfile["cds"] < 300 || byProfile["ctc-p4"] < 20 || byProfile["ctc-p5"] < 100 || byProfile["ctc-p6"] < 100 {
		t.Errorf("too few messages: %v", byProfile)
	}
}
