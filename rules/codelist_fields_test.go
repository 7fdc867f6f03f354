package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/language"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// referenceData is HMRC's NCTS reference data folder that the issue names
// for --codelists: the CS/RD2 snapshot (every list, UN/LOCODE) and the
// customs offices with their roles.
func referenceData(t *testing.T) string {
	return filepath.Join(oracle.OfficialDir(t), "codelists", "ctc", "ncts-p5-customs-reference-data", "csrd2-payloads")
}

// officialLists loads HMRC's reference data (snapshot, offices and the
// code-lists files), once per test binary.
func officialLists(t *testing.T) *codelists.Set {
	t.Helper()
	refOnce.Do(func() {
		dir := filepath.Dir(referenceData(t))
		refSet, _, refErr = codelists.Load(filepath.Join(dir, "code-lists"), filepath.Join(dir, "csrd2-payloads"))
	})
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refSet
}

var (
	refOnce sync.Once
	refSet  *codelists.Set
	refErr  error
)

var ctcFinding = regexp.MustCompile(`^(\S+) "(.*)" is not in code list (CL[0-9]+)`)

// justified reports whether a ctc-codelist finding on an HMRC example is
// right by HMRC's own material: the list of HMRC's reference data lacks
// the value; for CL192, which HMRC does not publish, the value is no
// upper-case ISO 639-1 language; for a list the schemas enumerate (CL027
// flags ...), the schema refuses the value too (schemaLines).
func justified(ref *codelists.Set, f validate.Finding, schemaLines map[int]bool) (bool, string) {
	m := ctcFinding.FindStringSubmatch(f.Message)
	if m == nil {
		return false, "not a finding of the form PATH \"VALUE\" is not in code list CLnnn"
	}
	value, list := m[2], m[3]
	if l, ok := ref.Lookup(list); ok {
		return !l.Has(value), "HMRC's " + l.Label() + " has " + value
	}
	if list == "CL192" {
		b, err := language.ParseBase(strings.ToLower(value))
		return err != nil || value != strings.ToUpper(value) || b.String() != strings.ToLower(value), value + " is an ISO 639-1 language"
	}
	return schemaLines[f.Line], "the schema takes " + value
}

// codeListField is an element of HMRC's phase 6 examples whose declaration
// in the phase 6 schema names a code list.
type codeListField struct {
	message, path string // CC015C, Consignment/countryOfDispatch
	list          string // CLnnn, from the schema
	file          string // the first example that has it
}

// xsdNode is any element of a schema.
type xsdNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xsdNode  `xml:",any"`
}

func (n *xsdNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// xsdIndex is the phase 6 schema's global complex types, groups and
// elements, by name.
type xsdIndex struct {
	types, groups, elems map[string]*xsdNode
	entityCL             map[string]string
}

func loadXSD(t *testing.T, dir string) *xsdIndex {
	t.Helper()
	ix := &xsdIndex{types: map[string]*xsdNode{}, groups: map[string]*xsdNode{}, elems: map[string]*xsdNode{}, entityCL: codelists.EntityCL}
	files, err := filepath.Glob(filepath.Join(dir, "*.xsd"))
	if err != nil || len(files) == 0 {
		t.Fatalf("schemas in %s: %v", dir, err)
	}
	for _, f := range files {
		var root xsdNode
		if err := xml.Unmarshal(readBytes(t, f), &root); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range root.Children {
			c := &root.Children[i]
			switch c.XMLName.Local {
			case "complexType":
				ix.types[c.attr("name")] = c
			case "group":
				ix.groups[c.attr("name")] = c
			case "element":
				ix.elems[c.attr("name")] = c
			}
		}
	}
	return ix
}

// child is an element a complex type declares: its type and code list.
type child struct{ typ, list string }

// children returns the elements of a complex type (through its groups,
// compositors and extensions), with the code list each names ("" for none).
func (ix *xsdIndex) children(typ string) map[string]child {
	out := map[string]child{}
	var walk func(n *xsdNode)
	walk = func(n *xsdNode) {
		for i := range n.Children {
			c := &n.Children[i]
			switch c.XMLName.Local {
			case "element":
				out[c.attr("name")] = child{c.attr("type"), codeListOf(c, ix.entityCL)}
			case "group":
				if g, ok := ix.groups[c.attr("ref")]; ok {
					walk(g)
				}
			case "extension":
				if b, ok := ix.types[c.attr("base")]; ok {
					walk(b)
				}
				walk(c)
			case "sequence", "choice", "all", "complexContent":
				walk(c)
			}
		}
	}
	if ct, ok := ix.types[typ]; ok {
		walk(ct)
	}
	return out
}

// codeListOf reads an element's codeList annotation: its number, or the
// number of the entity it names.
func codeListOf(n *xsdNode, entityCL map[string]string) string {
	for i := range n.Children {
		c := &n.Children[i]
		if c.XMLName.Local == "codeList" {
			if code := c.attr("code"); code != "" {
				return code
			}
			return entityCL[c.attr("name")]
		}
		if l := codeListOf(c, entityCL); l != "" {
			return l
		}
	}
	return ""
}

// exampleTree is an example message as nested names, whatever its syntax.
type exampleTree struct {
	name     string
	children []*exampleTree
}

func xmlTree(t *testing.T, b []byte) *exampleTree {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []*exampleTree
	var root *exampleTree
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &exampleTree{name: x.Name.Local}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func jsonTree(t *testing.T, b []byte) *exampleTree {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc) != 1 {
		t.Fatalf("JSON example with %d roots", len(doc))
	}
	var build func(name string, v any) []*exampleTree
	build = func(name string, v any) []*exampleTree {
		if strings.HasPrefix(name, "@") {
			return nil
		}
		switch x := v.(type) {
		case []any:
			var out []*exampleTree
			for _, e := range x {
				out = append(out, build(name, e)...)
			}
			return out
		case map[string]any:
			n := &exampleTree{name: name}
			for _, k := range slices.Sorted(mapKeys(x)) {
				n.children = append(n.children, build(k, x[k])...)
			}
			return []*exampleTree{n}
		}
		return []*exampleTree{{name: name}}
	}
	for k, v := range doc {
		_, local, _ := strings.Cut(k, ":")
		return build(local, v)[0]
	}
	return nil
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// phase6CodeListFields finds the fields: every element of HMRC's phase 6
// valid examples (XML and JSON) of IE007, IE013, IE015 and IE170 whose
// declaration in the phase 6 schema names a code list, once per message
// and path.
func phase6CodeListFields(t *testing.T) []codeListField {
	t.Helper()
	off := oracle.OfficialDir(t)
	ix := loadXSD(t, filepath.Join(off, "ctc", "phase6", "xsd"))
	var files []string
	for _, kind := range []string{"xml", "json"} {
		for _, msg := range []string{"cc007c", "cc013c", "cc015c", "cc170c"} {
			m, err := filepath.Glob(filepath.Join(off, "ctc", "phase6", "examples", kind, "*"+msg+"-valid*."+kind))
			if err != nil || len(m) == 0 {
				t.Fatalf("no %s %s examples: %v", kind, msg, err)
			}
			files = append(files, m...)
		}
	}
	seen := map[string]bool{}
	var out []codeListField
	for _, f := range files {
		b := readBytes(t, f)
		var root *exampleTree
		if strings.HasSuffix(f, ".json") {
			root = jsonTree(t, b)
		} else {
			root = xmlTree(t, b)
		}
		el, ok := ix.elems[root.name]
		if !ok {
			t.Fatalf("%s: no schema element %s", f, root.name)
		}
		var walk func(n *exampleTree, typ, path string)
		walk = func(n *exampleTree, typ, path string) {
			kids := ix.children(typ)
			for _, c := range n.children {
				d, ok := kids[c.name]
				if !ok {
					// Some of HMRC's phase 6 examples keep phase 5
					// elements (IE007's Incident): no phase 6 field.
					if key := root.name + " " + path + "/" + c.name; !seen[key] {
						seen[key] = true
						t.Logf("%s: %s/%s is not in the phase 6 schema", filepath.Base(f), path, c.name)
					}
					continue
				}
				p := strings.TrimPrefix(path+"/"+c.name, "/")
				if key := root.name + " " + p; d.list != "" && !seen[key] {
					seen[key] = true
					out = append(out, codeListField{message: root.name, path: p, list: d.list, file: f})
				}
				walk(c, d.typ, p)
			}
		}
		walk(root, el.attr("type"), "")
	}
	return out
}

// mutate sets the first element at path (from the message element) of an
// example to value.
func mutate(t *testing.T, file string, b []byte, path, value string) []byte {
	t.Helper()
	if strings.HasSuffix(file, ".json") {
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		done := false
		var set func(v any, names []string) any
		set = func(v any, names []string) any {
			switch x := v.(type) {
			case []any:
				for i := range x {
					if !done {
						x[i] = set(x[i], names)
					}
				}
				return x
			case map[string]any:
				if len(names) == 0 {
					return x
				}
				if c, ok := x[names[0]]; ok {
					x[names[0]] = set(c, names[1:])
				}
				return x
			}
			if len(names) == 0 && !done {
				done = true
				return value
			}
			return v
		}
		for k, v := range doc {
			doc[k] = set(v, strings.Split(path, "/"))
		}
		if !done {
			t.Fatalf("%s: no %s", file, path)
		}
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := strings.Split(path, "/")
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	start := int64(-1)
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: no %s (%v)", file, path, err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			stack = append(stack, x.Name.Local)
			if len(stack) > 1 && slices.Equal(stack[1:], want) {
				start = dec.InputOffset()
			}
		case xml.EndElement:
			if start >= 0 && len(stack) > 1 && slices.Equal(stack[1:], want) {
				return slices.Concat(b[:start], []byte(value), b[before:])
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// TestCodeListFieldsOfPhase6Examples measures what issue 16 counts: for
// every field of HMRC's phase 6 examples whose schema names a code list,
// a code in no list (ZZ9) put in the example must draw a ctc-codelist
// finding naming that list. Without flags every field must be caught but
// those of the customs offices (CL141 and its lists by role) and UN/LOCODE
// (CL244), which only --codelists carries; with HMRC's reference data
// folder as --codelists, every field. (Issue 16 counted 104 fields; how is
// not recorded. Counted here over the XML and the JSON examples there are
// 140, messageType included: 96 in the XML alone, 117 in the JSON.)
func TestCodeListFieldsOfPhase6Examples(t *testing.T) {
	fields := phase6CodeListFields(t)
	if len(fields) < 100 {
		t.Fatalf("only %d fields found", len(fields))
	}
	loaded, warnings, err := codelists.Load(referenceData(t))
	if err != nil || len(warnings) > 0 {
		t.Fatalf("reference data: %v %q", err, warnings)
	}
	for _, run := range []struct {
		name  string
		lists *codelists.Set
	}{{"built in", codelists.Builtin()}, {"with reference data", codelists.Builtin().With(loaded)}} {
		t.Run(run.name, func(t *testing.T) {
			eng, err := validate.New(validate.Options{Profile: validate.ProfileCTCP6, Select: []string{"ctc-codelist"}, RuleConfig: rules.Config{CodeLists: run.lists}})
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			var missed, left []string
			for _, f := range fields {
				src := readBytes(t, f.file)
				data := mutate(t, f.file, src, f.path, "ZZ9")
				rep, err := eng.Check(context.Background(), filepath.Base(f.file), data)
				if err != nil {
					t.Fatal(err)
				}
				caught := false
				for _, x := range rep.Findings {
					if x.Rule == "ctc-codelist" && strings.HasPrefix(x.Message, f.path+` "ZZ9" is not in code list `) {
						caught = true
						if !strings.Contains(x.Message, " code list "+f.list+" ") && !strings.HasSuffix(x.Message, " code list "+f.list) {
							t.Errorf("%s %s: the schema names %s, the finding: %s", f.message, f.path, f.list, x.Message)
						}
					}
				}
				name := fmt.Sprintf("%s %s (%s)", f.message, f.path, f.list)
				switch {
				case caught:
				case run.name == "built in" && officesOrLocodes(f.list):
					left = append(left, name)
				default:
					missed = append(missed, name)
				}
			}
			sort.Strings(missed)
			for _, m := range missed {
				t.Errorf("not caught: %s", m)
			}
			caught := len(fields) - len(missed) - len(left)
			t.Logf("%d of %d fields caught; left to --codelists: %d (%s)", caught, len(fields), len(left), strings.Join(left, "; "))
			if caught < 90 {
				t.Errorf("%s: %d fields caught, the issue's goal is at least 90", run.name, caught)
			}
		})
	}
}

// officesOrLocodes reports whether a list is one only --codelists carries.
func officesOrLocodes(list string) bool {
	switch list {
	case "CL141", "CL171", "CL172", "CL173", "CL174", "CL175", "CL176", "CL177", "CL179", "CL194", "CL294", "CL244":
		return true
	}
	return false
}

func readBytes(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
