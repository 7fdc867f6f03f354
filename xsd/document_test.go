package xsd

import "testing"

func TestElementIs(t *testing.T) {
	doc, _, err := Parse([]byte(`<a:Root xmlns:a="urn:x"><Item/><ItemX/><Ite/></a:Root>`), false)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Free()
	r := doc.Root()
	if !r.Is("Root") || r.Is("Roo") || r.Is("RootX") || r.Is("a:Root") || r.Is("") {
		t.Error("Is on the root")
	}
	var got []bool
	for c := r.FirstChild(); c.Valid(); c = c.Next() {
		got = append(got, c.Is("Item"))
	}
	if len(got) != 3 || !got[0] || got[1] || got[2] {
		t.Errorf("Is over children: %v", got)
	}
	if (Element{}).Is("x") {
		t.Error("invalid element")
	}
}
