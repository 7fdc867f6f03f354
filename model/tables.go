package model

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The tables of each set are the text file tables/SET.tab, written by go
// generate ./model from the parsed and resolved sources and embedded here.
// One record a line, fields separated by tabs, nested records indented by
// two spaces (for the reader; the counts in a record say how many records
// of its own follow). Lines starting with # are comments. The records:
//
//	set       NAME PROFILE ENTRIES SCHEMAS
//	entry     TYPE,TYPE... SCHEMA,SCHEMA...
//	schema    ID NAMESPACE FORM VERSION USES,... DEFS        then DEFS definitions
//	simple    NAME BASE-SCHEMA BASE-NAME FACETS               then FACETS facet records
//	complex   NAME DERIVATION BASE-SCHEMA BASE-NAME FACETS CONTENT(0|1) ATTRS
//	                                                          then facets, a particle, ATTRS attributes
//	attribute NAME USE TYPE-SCHEMA TYPE-NAME DEFAULT FIXED ANON(0|1)  then a simple type when ANON
//	group     NAME CONTENT(0|1)                               then a particle
//	element   NAME TYPE-SCHEMA TYPE-NAME WCO DEFAULT FIXED ANON(""|simple|complex)
//	                                                          then the anonymous type
//	particle  KIND MIN MAX REF-SCHEMA REF-NAME NAMESPACE PROCESS CHILDREN
//	                                                          then an element (KIND element) and CHILDREN particles
//	facet     KEY VALUE    (KEY as in the sources: length, pattern, enum ...)
//	json      FACETS                                          then the JSON facets
//
// DEFAULT and FIXED are "" for none and "=VALUE" for a value. Decoding a
// set is a single pass over its lines, done on the set's first Lookup.

//go:embed tables/*.tab
var tableFS embed.FS

var (
	setsMu sync.Mutex
	sets   = map[string]*Set{} // decoded sets, by name
)

// Names returns the names of the embedded sets, sorted.
func Names() []string {
	files, _ := fs.Glob(tableFS, "tables/*.tab") // the pattern is valid
	out := make([]string, 0, len(files))
	for _, f := range files {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(f, "tables/"), ".tab"))
	}
	sort.Strings(out)
	return out
}

// Lookup returns the set with this name (cds, ctc-p4, ctc-p5, ctc-p6),
// decoding its tables on first use; the set is shared and read-only.
func Lookup(name string) (*Set, error) {
	setsMu.Lock()
	defer setsMu.Unlock()
	if s, ok := sets[name]; ok {
		return s, nil
	}
	data, err := tableFS.ReadFile("tables/" + name + ".tab")
	if err != nil || strings.ContainsAny(name, "/\\") {
		return nil, fmt.Errorf("no model set %q", name)
	}
	s, err := Decode(string(data))
	if err != nil {
		return nil, fmt.Errorf("model set %s: %w", name, err)
	}
	sets[name] = s
	return s, nil
}

// Decode reads the tables of one set (the format above).
func Decode(text string) (*Set, error) {
	d := &decoder{lines: strings.Split(text, "\n")}
	set := d.set()
	if d.err == nil {
		for d.pos < len(d.lines) && d.skip() {
			d.failf("unexpected record after the set")
			break
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return set, nil
}

// decoder reads records; after the first error every read returns zero
// values and the error stays.
type decoder struct {
	lines []string
	pos   int // index of the next line
	line  int // number of the current record's line, for errors
	err   error
}

// maxNesting bounds the depth of nested records (the models nest far less).
const maxNesting = 200

func (d *decoder) failf(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("line %d: %s", d.line, fmt.Sprintf(format, args...))
	}
}

// skip moves past blank and comment lines and reports whether a record
// is left.
func (d *decoder) skip() bool {
	for d.pos < len(d.lines) {
		l := strings.TrimLeft(d.lines[d.pos], " ")
		if l != "" && l[0] != '#' {
			return true
		}
		d.pos++
	}
	return false
}

// next returns the fields of the next record, which must have this tag and
// this many fields after it.
func (d *decoder) next(tag string, n int) []string {
	if d.err != nil {
		return make([]string, n)
	}
	if !d.skip() {
		d.line = len(d.lines)
		d.failf("want a %s record, the tables end", tag)
		return make([]string, n)
	}
	d.line = d.pos + 1
	f := strings.Split(strings.TrimLeft(d.lines[d.pos], " "), "\t")
	d.pos++
	if f[0] != tag || len(f) != n+1 {
		d.failf("want a %s record of %d fields, have %q", tag, n, f)
		return make([]string, n)
	}
	return f[1:]
}

// peek returns the tag of the next record.
func (d *decoder) peek() string {
	if d.err != nil || !d.skip() {
		return ""
	}
	tag, _, _ := strings.Cut(strings.TrimLeft(d.lines[d.pos], " "), "\t")
	return tag
}

// count reads a non-negative count no larger than the lines left.
func (d *decoder) count(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > len(d.lines) {
		d.failf("bad count %q", s)
		return 0
	}
	return n
}

func (d *decoder) num(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		d.failf("bad number %q", s)
	}
	return n
}

func (d *decoder) flag(s string) bool {
	if s != "0" && s != "1" {
		d.failf("bad flag %q", s)
	}
	return s == "1"
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	v := strings.TrimPrefix(s, "=")
	return &v
}

func (d *decoder) set() *Set {
	f := d.next("set", 4)
	set := &Set{Name: f[0], Profile: f[1], Schemas: map[string]*Schema{}}
	for i, n := 0, d.count(f[2]); i < n && d.err == nil; i++ {
		e := d.next("entry", 2)
		set.Entries = append(set.Entries, &Entry{MessageTypes: list(e[0]), Schemas: list(e[1])})
		if len(set.Entries[i].MessageTypes) == 0 {
			d.failf("entry without message type")
		}
	}
	for i, n := 0, d.count(f[3]); i < n && d.err == nil; i++ {
		s := d.schema()
		set.Schemas[s.ID] = s
	}
	return set
}

func (d *decoder) schema() *Schema {
	f := d.next("schema", 6)
	s := &Schema{ID: f[0], Namespace: f[1], ElementForm: f[2], Version: f[3], Uses: list(f[4]),
		types: map[string]Def{}, elements: map[string]*Element{}, groups: map[string]*Group{}}
	for i, n := 0, d.count(f[5]); i < n && d.err == nil; i++ {
		def := d.def(d.peek(), 0)
		switch def := def.(type) {
		case *Element:
			s.elements[def.Name] = def
		case *Group:
			s.groups[def.Name] = def
		case nil:
			return s
		default:
			s.types[def.DefName()] = def
		}
		s.Defs = append(s.Defs, def)
	}
	return s
}

// def reads a definition whose record has this tag.
func (d *decoder) def(tag string, depth int) Def {
	if depth > maxNesting {
		d.failf("records nest deeper than %d levels", maxNesting)
		return nil
	}
	switch tag {
	case "simple":
		return d.simple(depth)
	case "complex":
		return d.complex(depth)
	case "element":
		return d.element(depth)
	case "group":
		f := d.next("group", 2)
		g := &Group{Name: f[0]}
		if d.flag(f[1]) {
			g.Content = d.particle(depth + 1)
		}
		return g
	}
	if tag == "" {
		d.line = len(d.lines)
		d.failf("want a definition, the tables end")
	}
	d.failf("want a definition, have %q", tag)
	return nil
}

func (d *decoder) simple(depth int) *SimpleType {
	f := d.next("simple", 4)
	t := &SimpleType{Name: f[0], Base: Ref{f[1], f[2]}}
	d.facets(&t.Facets, d.count(f[3]))
	return t
}

// derivations and kinds read the names the tables write.
var (
	derivations = map[string]Derivation{"elements": ElementOnly, "extension": Extension, "restriction": Restriction}
	kinds       = map[string]ParticleKind{
		"element": PElement, "ref": PElementRef, "sequence": PSequence, "choice": PChoice,
		"all": PAll, "group": PGroupRef, "any": PAny,
	}
)

func (d *decoder) complex(depth int) *ComplexType {
	f := d.next("complex", 7)
	der, ok := derivations[f[1]]
	if !ok {
		d.failf("bad derivation %q", f[1])
	}
	t := &ComplexType{Name: f[0], Derivation: der, Base: Ref{f[2], f[3]}}
	d.facets(&t.Facets, d.count(f[4]))
	if d.flag(f[5]) {
		t.Content = d.particle(depth + 1)
	}
	for i, n := 0, d.count(f[6]); i < n && d.err == nil; i++ {
		a := d.next("attribute", 7)
		attr := &Attribute{Name: a[0], Use: AttributeUse(a[1]), Type: Ref{a[2], a[3]}, Default: opt(a[4]), Fixed: opt(a[5])}
		if d.flag(a[6]) {
			attr.Anon = d.simple(depth + 1)
		}
		t.Attributes = append(t.Attributes, attr)
	}
	return t
}

func (d *decoder) element(depth int) *Element {
	f := d.next("element", 7)
	e := &Element{Name: f[0], Type: Ref{f[1], f[2]}, WCO: f[3], Default: opt(f[4]), Fixed: opt(f[5])}
	switch f[6] {
	case "":
	case "simple", "complex":
		e.Anon = d.def(f[6], depth+1)
	default:
		d.failf("bad anonymous type %q", f[6])
	}
	return e
}

func (d *decoder) particle(depth int) *Particle {
	if depth > maxNesting {
		d.failf("records nest deeper than %d levels", maxNesting)
		return nil
	}
	f := d.next("particle", 8)
	kind, ok := kinds[f[0]]
	if !ok {
		d.failf("bad particle kind %q", f[0])
	}
	p := &Particle{Kind: kind, Min: d.num(f[1]), Max: d.num(f[2]), Ref: Ref{f[3], f[4]}, Namespace: f[5], Process: f[6]}
	if kind == PElement {
		p.Element = d.element(depth + 1)
	}
	for i, n := 0, d.count(f[7]); i < n && d.err == nil; i++ {
		p.Children = append(p.Children, d.particle(depth+1))
	}
	return p
}

// facets reads n facet records into f.
func (d *decoder) facets(f *Facets, n int) {
	for i := 0; i < n && d.err == nil; i++ {
		if d.peek() == "json" {
			j := d.next("json", 1)
			f.JSON = &Facets{}
			m := d.count(j[0])
			d.facets(f.JSON, m)
			i += m
			continue
		}
		r := d.next("facet", 2)
		d.facet(f, r[0], r[1])
	}
}

func (d *decoder) facet(f *Facets, k, v string) {
	num := func(dst **int) {
		n := d.num(v)
		*dst = &n
	}
	str := func(dst **string) { *dst = &v }
	switch k {
	case "length":
		num(&f.Length)
	case "minLength":
		num(&f.MinLength)
	case "maxLength":
		num(&f.MaxLength)
	case "totalDigits":
		num(&f.TotalDigits)
	case "fractionDigits":
		num(&f.FractionDigits)
	case "pattern":
		f.Patterns = append(f.Patterns, v)
	case "enum":
		f.Enum = append(f.Enum, EnumValue{Value: v})
	case "minInclusive":
		str(&f.MinInclusive)
	case "maxInclusive":
		str(&f.MaxInclusive)
	case "minExclusive":
		str(&f.MinExclusive)
	case "maxExclusive":
		str(&f.MaxExclusive)
	case "whiteSpace":
		f.WhiteSpace = v
	default:
		d.failf("unknown facet %q", k)
	}
}
