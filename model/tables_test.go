package model_test

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/model"
)

// tiny is a small table in the format of tables.go.
const tiny = `# a comment
set	s	p	1	1
  entry	M,N	s
  schema	s	urn:s	qualified	1.0		3
    simple	Code	xs	token	4
      facet	maxLength	3
      json	1
        facet	pattern	[a-z]+
      facet	enum	=
    element	M			42A			complex
      complex		elements			0	1	1
        particle	sequence	1	1					1
          particle	element	0	-1					0
            element	A	s	Code	D026	=x		
        attribute	v	optional	xs	token		=1	0
    group	G	0
`

// TestDecodeTiny decodes every kind of record.
func TestDecodeTiny(t *testing.T) {
	set, err := model.Decode(tiny)
	if err != nil {
		t.Fatal(err)
	}
	if set.Name != "s" || set.Profile != "p" || len(set.Entries) != 1 || set.Entries[0].Document() != "entry-m.xsd" {
		t.Fatalf("set %+v", set)
	}
	s := set.Schemas["s"]
	if s == nil || s.Namespace != "urn:s" || s.ElementForm != "qualified" || len(s.Defs) != 3 {
		t.Fatalf("schema %+v", s)
	}
	d, ok := s.Type("Code")
	st, _ := d.(*model.SimpleType)
	if !ok || st == nil || *st.Facets.MaxLength != 3 || st.Facets.JSON == nil || st.Facets.JSON.Patterns[0] != "[a-z]+" ||
		len(st.Facets.Enum) != 1 || st.Facets.Enum[0].Value != "=" {
		t.Fatalf("simple type %+v", d)
	}
	if _, ok := s.Group("G"); !ok {
		t.Error("no group G")
	}
	nodes, err := set.Tree("s", "M")
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 2 || nodes[1].Path != "/M/A" || nodes[1].Max != model.Unbounded || nodes[1].Element.WCO != "D026" ||
		*nodes[1].Element.Default != "x" || nodes[1].Element.Fixed != nil {
		t.Fatalf("tree %+v %+v", nodes[0], nodes[len(nodes)-1])
	}
	ct := nodes[0].Element.Anon.(*model.ComplexType)
	if len(ct.Attributes) != 1 || *ct.Attributes[0].Fixed != "1" || ct.Attributes[0].Use != model.Optional {
		t.Fatalf("attributes %+v", ct.Attributes)
	}
}

// TestDecodeRefusesBrokenTables checks broken tables give an error naming
// the line, not a panic or a partial set.
func TestDecodeRefusesBrokenTables(t *testing.T) {
	for _, c := range []struct{ name, edit, with, want string }{
		{"truncated", "    group	G	0\n", "", "the tables end"},
		{"wrong count", "set	s	p	1	1", "set	s	p	1	x", `bad count "x"`},
		{"huge count", "set	s	p	1	1", "set	s	p	1	99999999", "bad count"},
		{"unknown kind", "particle	sequence", "particle	bag", `bad particle kind "bag"`},
		{"unknown facet", "facet	maxLength	3", "facet	maxLen	3", `unknown facet "maxLen"`},
		{"short record", "group	G	0", "group	G", "want a group record"},
		{"extra record", "    group	G	0\n", "    group	G	0\nset	s	p	0	0\n", "after the set"},
		{"bad number", "element	0	-1", "element	0	many", `bad number "many"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(tiny, c.edit, c.with, 1)
			if text == tiny {
				t.Fatal("the edit changed nothing")
			}
			set, err := model.Decode(text)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
			if set != nil {
				t.Error("a set came back with the error")
			}
		})
	}
}

// FuzzDecode feeds the decoder any text: it returns a set or an error,
// never panics or hangs.
func FuzzDecode(f *testing.F) {
	f.Add(tiny)
	f.Add(strings.Repeat("  particle\tsequence\t1\t1\t\t\t\t\t1\n", 300))
	f.Fuzz(func(t *testing.T, text string) {
		set, err := model.Decode(text)
		if (set == nil) == (err == nil) {
			t.Fatalf("set %v and error %v", set, err)
		}
	})
}
