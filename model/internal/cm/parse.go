package cm

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// token is one word of a model line. Quoted text keeps its spaces; "" inside
// quotes is a literal quote. quoted is set when the word began with a quote.
type token struct {
	text   string
	quoted bool
}

// tokenize splits a line into words, dropping a # comment.
func tokenize(line string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(line) {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) {
			break
		}
		if line[i] == '#' {
			break
		}
		var b strings.Builder
		quoted := line[i] == '"'
		for i < len(line) && line[i] != ' ' {
			if line[i] != '"' {
				b.WriteByte(line[i])
				i++
				continue
			}
			// A quoted run, up to the closing quote; "" is a quote.
			i++
			closed := false
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					closed = true
					break
				}
				b.WriteByte(line[i])
				i++
			}
			if !closed {
				return nil, fmt.Errorf("unterminated quote")
			}
		}
		toks = append(toks, token{b.String(), quoted})
	}
	return toks, nil
}

// node is a line with the lines indented under it.
type node struct {
	line     int
	indent   int
	toks     []token
	children []*node
}

func (n *node) word(i int) string {
	if i < len(n.toks) {
		return n.toks[i].text
	}
	return ""
}

// parseLines builds the indentation tree of a model file.
func parseLines(file, src string) ([]*node, Errors) {
	var errs Errors
	root := &node{indent: -1}
	stack := []*node{root}
	for i, raw := range strings.Split(src, "\n") {
		raw = strings.TrimRight(raw, " \r")
		lineNo := i + 1
		if strings.Contains(raw, "\t") {
			errs = append(errs, &Error{file, lineNo, "tab character: indent with spaces"})
			continue
		}
		toks, err := tokenize(raw)
		if err != nil {
			errs = append(errs, &Error{file, lineNo, err.Error()})
			continue
		}
		if len(toks) == 0 {
			continue
		}
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		n := &node{line: lineNo, indent: indent, toks: toks}
		for len(stack) > 1 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		if len(parent.children) > 0 && parent != root {
			if first := parent.children[0]; first.indent != indent {
				errs = append(errs, &Error{file, lineNo, fmt.Sprintf("inconsistent indentation (%d spaces, siblings have %d)", indent, first.indent)})
			}
		}
		parent.children = append(parent.children, n)
		stack = append(stack, n)
	}
	return root.children, errs
}

var (
	nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)
	idRE   = regexp.MustCompile(`^[a-z][a-z0-9\-]*$`)
	cardRE = regexp.MustCompile(`^(\?|\*|\+|[0-9]+|[0-9]+\.\.([0-9]+|\*))$`)
)

// parseCard reads 1, ?, *, +, N..M or N..*.
func parseCard(s string) (int, int, bool) {
	if !cardRE.MatchString(s) {
		return 0, 0, false
	}
	switch s {
	case "?":
		return 0, 1, true
	case "*":
		return 0, Unbounded, true
	case "+":
		return 1, Unbounded, true
	}
	lo, hi, ok := strings.Cut(s, "..")
	min, _ := strconv.Atoi(lo)
	if !ok {
		return min, min, true
	}
	if hi == "*" {
		return min, Unbounded, true
	}
	max, _ := strconv.Atoi(hi)
	if max < min {
		return 0, 0, false
	}
	return min, max, true
}

func parseRef(s string) Ref {
	if id, name, ok := strings.Cut(s, "."); ok && idRE.MatchString(id) {
		return Ref{Schema: id, Name: name}
	}
	return Ref{Name: s}
}

// parser reads one model file.
type parser struct {
	file string
	errs Errors
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{p.file, line, fmt.Sprintf(format, args...)})
}

// ParseSchema parses one model file.
func ParseSchema(file, src string) (*Schema, error) {
	p := &parser{file: file}
	nodes, errs := parseLines(file, src)
	p.errs = append(p.errs, errs...)
	s := &Schema{File: file, ElementForm: "unqualified", types: map[string]Def{}, elements: map[string]*Element{}, groups: map[string]*Group{}, defFile: map[Def]string{}}
	for _, n := range nodes {
		p.topLevel(s, n)
	}
	for _, d := range s.Defs {
		s.defFile[d] = file
	}
	if s.ID == "" {
		p.errorf(1, "missing 'schema ID' line")
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return s, nil
}

// merge adds the definitions of another part of the same schema.
func (s *Schema) merge(part *Schema) *Error {
	if part.Namespace != s.Namespace || part.ElementForm != s.ElementForm {
		return &Error{part.File, 1, fmt.Sprintf("schema %s: this part's namespace or elements form differs from %s", s.ID, s.File)}
	}
	for _, d := range part.Defs {
		var clash bool
		switch d := d.(type) {
		case *Element:
			_, clash = s.elements[d.Name]
			s.elements[d.Name] = d
		case *Group:
			_, clash = s.groups[d.Name]
			s.groups[d.Name] = d
		default:
			_, clash = s.types[d.DefName()]
			s.types[d.DefName()] = d
		}
		if clash {
			return &Error{part.File, d.defLine(), fmt.Sprintf("%s is also defined in another part of schema %s", d.DefName(), s.ID)}
		}
		s.Defs = append(s.Defs, d)
		s.defFile[d] = part.File
	}
	for _, u := range part.Uses {
		found := false
		for _, v := range s.Uses {
			found = found || u == v
		}
		if !found {
			s.Uses = append(s.Uses, u)
		}
	}
	s.entries = append(s.entries, part.entries...)
	if s.Version == "" {
		s.Version = part.Version
	}
	return nil
}

func (p *parser) noChildren(n *node) {
	if len(n.children) > 0 {
		p.errorf(n.children[0].line, "unexpected indented lines under %q", n.word(0))
	}
}

func (p *parser) topLevel(s *Schema, n *node) {
	kw := n.word(0)
	switch kw {
	case "schema", "namespace", "elements", "version", "doc":
		p.noChildren(n)
		if len(n.toks) != 2 {
			p.errorf(n.line, "%s takes one value", kw)
			return
		}
		v := n.word(1)
		switch kw {
		case "schema":
			if !idRE.MatchString(v) {
				p.errorf(n.line, "schema ID %q: use lower-case letters, digits and '-'", v)
			}
			s.ID = v
		case "namespace":
			s.Namespace = v
		case "elements":
			if v != "qualified" && v != "unqualified" {
				p.errorf(n.line, "elements must be qualified or unqualified")
			}
			s.ElementForm = v
		case "version":
			s.Version = v
		case "doc":
			s.Doc = v
		}
	case "use":
		p.noChildren(n)
		for _, t := range n.toks[1:] {
			s.Uses = append(s.Uses, t.text)
		}
	case "entry":
		// entry TYPE [TYPE...]: this schema (with what it uses) is the
		// entry document of these message types.
		p.noChildren(n)
		if len(n.toks) < 2 {
			p.errorf(n.line, "want: entry TYPE [TYPE...]")
			return
		}
		e := &Entry{Line: n.line, File: p.file}
		for _, t := range n.toks[1:] {
			e.MessageTypes = append(e.MessageTypes, t.text)
		}
		s.entries = append(s.entries, e)
	case "simple":
		t := p.simpleType(n)
		if t != nil {
			p.define(s, t, s.types)
		}
	case "complex":
		if len(n.toks) < 2 {
			p.errorf(n.line, "complex needs a name")
			return
		}
		t := p.complexType(n, n.word(1), n.toks[2:])
		if t != nil {
			p.define(s, t, s.types)
		}
	case "group":
		g := p.group(n)
		if g != nil {
			if _, dup := s.groups[g.Name]; dup {
				p.errorf(n.line, "group %s defined twice", g.Name)
			}
			s.groups[g.Name] = g
			s.Defs = append(s.Defs, g)
		}
	case "element":
		if len(n.toks) < 2 {
			p.errorf(n.line, "element needs a name")
			return
		}
		e := p.element(n, n.word(1), n.toks[2:])
		if e != nil {
			if _, dup := s.elements[e.Name]; dup {
				p.errorf(n.line, "element %s defined twice", e.Name)
			}
			s.elements[e.Name] = e
			s.Defs = append(s.Defs, e)
		}
	default:
		p.errorf(n.line, "unknown definition %q (want schema, namespace, elements, use, version, doc, entry, simple, complex, group or element)", kw)
	}
}

func (p *parser) define(s *Schema, d Def, m map[string]Def) {
	if _, dup := m[d.DefName()]; dup {
		p.errorf(d.defLine(), "type %s defined twice", d.DefName())
	}
	if Builtins[d.DefName()] {
		p.errorf(d.defLine(), "type %s has the name of an XSD built-in type", d.DefName())
	}
	m[d.DefName()] = d
	s.Defs = append(s.Defs, d)
}

// attrs holds what follows a name on a definition line.
type attrs struct {
	typeRef    Ref    // after ":"
	derivation string // "", "extends" or "restricts"
	base       Ref
	facets     Facets
	props      map[string]string
	doc        string
}

var facetKeys = map[string]bool{
	"length": true, "minLength": true, "maxLength": true, "pattern": true, "enum": true,
	"totalDigits": true, "fractionDigits": true, "minInclusive": true, "maxInclusive": true,
	"minExclusive": true, "maxExclusive": true, "whiteSpace": true,
}

// rest parses ": T", "extends T", "restricts T", facets, key=value
// properties (allowed lists them) and a final quoted doc.
func (p *parser) rest(line int, toks []token, allowed ...string) attrs {
	a := attrs{props: map[string]string{}}
	ok := map[string]bool{}
	for _, k := range allowed {
		ok[k] = true
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case !t.quoted && (t.text == ":" || t.text == "extends" || t.text == "restricts"):
			if i+1 >= len(toks) {
				p.errorf(line, "%q needs a type after it", t.text)
				return a
			}
			r := parseRef(toks[i+1].text)
			if t.text == ":" {
				if !a.typeRef.IsZero() || a.derivation != "" {
					p.errorf(line, "more than one type given")
				}
				a.typeRef = r
			} else {
				if !a.typeRef.IsZero() || a.derivation != "" {
					p.errorf(line, "more than one type given")
				}
				a.derivation, a.base = t.text, r
			}
			i++
		case t.quoted && i == len(toks)-1:
			a.doc = t.text
		case strings.Contains(t.text, "=") && !t.quoted:
			k, v, _ := strings.Cut(t.text, "=")
			if jk, isJSON := strings.CutPrefix(k, "json:"); isJSON && facetKeys[jk] {
				if a.facets.JSON == nil {
					a.facets.JSON = &Facets{}
				}
				if err := setFacet(a.facets.JSON, jk, v); err != nil {
					p.errorf(line, "%s: %v", k, err)
				}
			} else if facetKeys[k] {
				if err := setFacet(&a.facets, k, v); err != nil {
					p.errorf(line, "%s: %v", k, err)
				}
			} else if ok[k] {
				if _, dup := a.props[k]; dup {
					p.errorf(line, "%s given twice", k)
				}
				a.props[k] = v
			} else {
				p.errorf(line, "unknown property %q", k)
			}
		default:
			p.errorf(line, "unexpected %q", t.text)
		}
	}
	return a
}

func setFacet(f *Facets, k, v string) error {
	num := func() (*int, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("not a non-negative integer: %q", v)
		}
		return &n, nil
	}
	var err error
	set := func(dst **int) {
		if *dst != nil {
			err = fmt.Errorf("given twice")
			return
		}
		*dst, err = num()
	}
	str := func(dst **string) {
		if *dst != nil {
			err = fmt.Errorf("given twice")
			return
		}
		s := v
		*dst = &s
	}
	switch k {
	case "length":
		set(&f.Length)
	case "minLength":
		set(&f.MinLength)
	case "maxLength":
		set(&f.MaxLength)
	case "totalDigits":
		set(&f.TotalDigits)
	case "fractionDigits":
		set(&f.FractionDigits)
	case "pattern":
		f.Patterns = append(f.Patterns, v)
	case "enum":
		for _, e := range strings.Split(v, "|") {
			f.Enum = append(f.Enum, EnumValue{Value: e})
		}
	case "minInclusive":
		str(&f.MinInclusive)
	case "maxInclusive":
		str(&f.MaxInclusive)
	case "minExclusive":
		str(&f.MinExclusive)
	case "maxExclusive":
		str(&f.MaxExclusive)
	case "whiteSpace":
		if v != "preserve" && v != "replace" && v != "collapse" {
			return fmt.Errorf("want preserve, replace or collapse")
		}
		f.WhiteSpace = v
	}
	return err
}

// enumLines reads indented "= VALUE [doc]" lines.
func (p *parser) enumLines(n *node, f *Facets) {
	for _, c := range n.children {
		if c.word(0) != "=" || len(c.toks) < 2 || len(c.toks) > 3 {
			p.errorf(c.line, "expected an enumeration line: = VALUE [\"doc\"]")
			continue
		}
		ev := EnumValue{Value: c.word(1)}
		if len(c.toks) == 3 {
			if !c.toks[2].quoted {
				p.errorf(c.line, "the documentation of a value must be quoted")
			}
			ev.Doc = c.word(2)
		}
		p.noChildren(c)
		f.Enum = append(f.Enum, ev)
	}
}

// simpleType parses: simple NAME : BASE facets ["doc"], with optional
// enumeration lines under it.
func (p *parser) simpleType(n *node) *SimpleType {
	if len(n.toks) < 2 || !nameRE.MatchString(n.word(1)) {
		p.errorf(n.line, "simple needs a name")
		return nil
	}
	a := p.rest(n.line, n.toks[2:])
	if a.typeRef.IsZero() || a.derivation != "" {
		p.errorf(n.line, "simple %s needs ': BASE'", n.word(1))
		return nil
	}
	t := &SimpleType{Name: n.word(1), Base: a.typeRef, Facets: a.facets, Doc: a.doc, Line: n.line}
	p.enumLines(n, &t.Facets)
	return t
}

// complexType parses the part after "complex NAME" (or an element's
// anonymous type): extends/restricts, facets, doc, and the content lines.
func (p *parser) complexType(n *node, name string, toks []token) *ComplexType {
	if name != "" && !nameRE.MatchString(name) {
		p.errorf(n.line, "bad name %q", name)
	}
	a := p.rest(n.line, toks)
	t := &ComplexType{Name: name, Doc: a.doc, Line: n.line, Facets: a.facets}
	switch a.derivation {
	case "extends":
		t.Derivation, t.Base = Extension, a.base
	case "restricts":
		t.Derivation, t.Base = Restriction, a.base
	default:
		if !a.typeRef.IsZero() {
			p.errorf(n.line, "a complex type is defined by its content, 'extends' or 'restricts', not ':'")
		}
	}
	if a.derivation != "restricts" && !a.facets.Empty() {
		p.errorf(n.line, "facets need 'restricts'")
	}
	t.Content, t.Attributes = p.content(n.children, true)
	return t
}

// group parses: group NAME sequence|choice|all ["doc"].
func (p *parser) group(n *node) *Group {
	if len(n.toks) < 3 || !nameRE.MatchString(n.word(1)) {
		p.errorf(n.line, "want: group NAME sequence|choice|all [\"doc\"]")
		return nil
	}
	kind, ok := map[string]ParticleKind{"sequence": PSequence, "choice": PChoice, "all": PAll}[n.word(2)]
	if !ok {
		p.errorf(n.line, "group %s: want sequence, choice or all, not %q", n.word(1), n.word(2))
		return nil
	}
	g := &Group{Name: n.word(1), Line: n.line}
	if len(n.toks) == 4 && n.toks[3].quoted {
		g.Doc = n.word(3)
	} else if len(n.toks) > 3 {
		p.errorf(n.line, "unexpected %q", n.word(3))
	}
	parts, attrs := p.content(n.children, false)
	if len(attrs) > 0 {
		p.errorf(n.line, "a group holds no attributes")
	}
	g.Content = &Particle{Kind: kind, Min: 1, Max: 1, Line: n.line}
	if parts != nil {
		if parts.Kind == PSequence && parts.Min == 1 && parts.Max == 1 && parts.Line == 0 {
			g.Content.Children = parts.Children
		} else {
			g.Content.Children = []*Particle{parts}
		}
	}
	return g
}

// element parses an element: NAME [: T facets | extends T | restricts T
// facets] [wco=ID] [default=V] [fixed=V] ["doc"], with content lines when it
// has an anonymous complex type.
func (p *parser) element(n *node, name string, toks []token) *Element {
	if !nameRE.MatchString(name) {
		p.errorf(n.line, "bad element name %q", name)
		return nil
	}
	a := p.rest(n.line, toks, "wco", "default", "fixed")
	e := &Element{Name: name, WCO: a.props["wco"], Doc: a.doc, Line: n.line}
	if v, ok := a.props["default"]; ok {
		e.Default = &v
	}
	if v, ok := a.props["fixed"]; ok {
		e.Fixed = &v
	}
	switch {
	case a.derivation != "":
		ct := &ComplexType{Line: n.line, Base: a.base, Facets: a.facets}
		ct.Derivation = Extension
		if a.derivation == "restricts" {
			ct.Derivation = Restriction
		} else if !a.facets.Empty() {
			p.errorf(n.line, "facets need 'restricts'")
		}
		ct.Content, ct.Attributes = p.content(n.children, true)
		e.Anon = ct
	case !a.typeRef.IsZero() && a.facets.Empty():
		e.Type = a.typeRef
		if len(n.children) > 0 {
			p.errorf(n.children[0].line, "element %s has type %s: content or attributes need 'extends'", name, a.typeRef)
		}
	case !a.typeRef.IsZero():
		// ": BASE facets": an anonymous restriction; whether of a simple
		// type or of a simple-content complex type is resolved later.
		e.Anon = &SimpleType{Base: a.typeRef, Facets: a.facets, Line: n.line}
		if len(n.children) > 0 {
			st := e.Anon.(*SimpleType)
			p.enumLines(n, &st.Facets)
		}
	default:
		ct := &ComplexType{Line: n.line}
		ct.Content, ct.Attributes = p.content(n.children, true)
		e.Anon = ct
	}
	return e
}

// content parses the lines under a complex type, an element or a
// compositor: particles (a sequence unless a single compositor) and, when
// attrsOK, attributes.
func (p *parser) content(nodes []*node, attrsOK bool) (*Particle, []*Attribute) {
	var parts []*Particle
	var attrs []*Attribute
	for _, c := range nodes {
		if strings.HasPrefix(c.word(0), "@") {
			if !attrsOK {
				p.errorf(c.line, "attributes belong to the element or type, not inside %s", "a compositor")
				continue
			}
			if a := p.attribute(c); a != nil {
				attrs = append(attrs, a)
			}
			continue
		}
		if len(attrs) > 0 {
			p.errorf(c.line, "particles must come before the attributes")
		}
		if pt := p.particle(c); pt != nil {
			parts = append(parts, pt)
		}
	}
	switch {
	case len(parts) == 0:
		return nil, attrs
	case len(parts) == 1 && parts[0].Kind != PElement && parts[0].Kind != PElementRef && parts[0].Kind != PAny && parts[0].Kind != PGroupRef && parts[0].Min == 1 && parts[0].Max == 1:
		return parts[0], attrs
	}
	return &Particle{Kind: PSequence, Min: 1, Max: 1, Children: parts}, attrs
}

func (p *parser) card(n *node, i int) (int, int, bool) {
	min, max, ok := parseCard(n.word(i))
	if !ok {
		p.errorf(n.line, "%q is not a cardinality (1, ?, *, +, N..M, N..*)", n.word(i))
	}
	return min, max, ok
}

// particle parses one content line.
func (p *parser) particle(n *node) *Particle {
	kw := n.word(0)
	switch kw {
	case "sequence", "choice", "all":
		kind := map[string]ParticleKind{"sequence": PSequence, "choice": PChoice, "all": PAll}[kw]
		min, max, ok := p.card(n, 1)
		if !ok {
			return nil
		}
		if len(n.toks) > 2 {
			p.errorf(n.line, "unexpected %q", n.word(2))
		}
		inner, attrs := p.content(n.children, false)
		if len(attrs) > 0 {
			p.errorf(n.line, "attributes inside %s", kw)
		}
		pt := &Particle{Kind: kind, Min: min, Max: max, Line: n.line}
		if inner != nil {
			if inner.Kind == PSequence && inner.Line == 0 {
				pt.Children = inner.Children
			} else {
				pt.Children = []*Particle{inner}
			}
		}
		return pt
	case "group", "ref":
		if len(n.toks) != 3 {
			p.errorf(n.line, "want: %s NAME CARD", kw)
			return nil
		}
		min, max, ok := p.card(n, 2)
		if !ok {
			return nil
		}
		p.noChildren(n)
		kind := PGroupRef
		if kw == "ref" {
			kind = PElementRef
		}
		return &Particle{Kind: kind, Ref: parseRef(n.word(1)), Min: min, Max: max, Line: n.line}
	case "any":
		if len(n.toks) < 2 {
			p.errorf(n.line, "want: any CARD namespace=... process=...")
			return nil
		}
		min, max, ok := p.card(n, 1)
		if !ok {
			return nil
		}
		p.noChildren(n)
		a := p.rest(n.line, n.toks[2:], "namespace", "process")
		pt := &Particle{Kind: PAny, Min: min, Max: max, Namespace: a.props["namespace"], Process: a.props["process"], Line: n.line}
		if pt.Namespace == "" {
			pt.Namespace = "##any"
		}
		if pt.Process == "" {
			pt.Process = "strict"
		}
		if pt.Process != "strict" && pt.Process != "lax" && pt.Process != "skip" {
			p.errorf(n.line, "process must be strict, lax or skip")
		}
		return pt
	case "element":
		if len(n.toks) < 3 {
			p.errorf(n.line, "want: element NAME CARD ...")
			return nil
		}
		return p.localElement(n, 1)
	}
	return p.localElement(n, 0)
}

func (p *parser) localElement(n *node, at int) *Particle {
	if len(n.toks) < at+2 {
		p.errorf(n.line, "element %s needs a cardinality", n.word(at))
		return nil
	}
	min, max, ok := p.card(n, at+1)
	if !ok {
		return nil
	}
	e := p.element(n, n.word(at), n.toks[at+2:])
	if e == nil {
		return nil
	}
	return &Particle{Kind: PElement, Element: e, Min: min, Max: max, Line: n.line}
}

// attribute parses: @NAME USE [: T facets] [default=V] [fixed=V] ["doc"];
// USE is ? (optional), 1 (required) or 0 (prohibited).
func (p *parser) attribute(n *node) *Attribute {
	name := strings.TrimPrefix(n.word(0), "@")
	if !nameRE.MatchString(name) || len(n.toks) < 2 {
		p.errorf(n.line, "want: @NAME ?|1|0 [: TYPE] ...")
		return nil
	}
	p.noChildren(n)
	a := &Attribute{Name: name, Line: n.line}
	switch n.word(1) {
	case "?":
		a.Use = Optional
	case "1":
		a.Use = Required
	case "0":
		a.Use = Prohibited
	default:
		p.errorf(n.line, "attribute use must be ? (optional), 1 (required) or 0 (prohibited)")
	}
	r := p.rest(n.line, n.toks[2:], "default", "fixed")
	if r.derivation != "" {
		p.errorf(n.line, "attributes have simple types: use ': TYPE'")
	}
	a.Doc = r.doc
	if v, ok := r.props["default"]; ok {
		a.Default = &v
	}
	if v, ok := r.props["fixed"]; ok {
		a.Fixed = &v
	}
	switch {
	case !r.typeRef.IsZero() && r.facets.Empty():
		a.Type = r.typeRef
	case !r.typeRef.IsZero():
		a.Anon = &SimpleType{Base: r.typeRef, Facets: r.facets, Line: n.line}
	case !r.facets.Empty():
		p.errorf(n.line, "facets need ': BASE'")
	}
	return a
}

// SetFile is the name of the file that describes a set.
const SetFile = "set.cm"

// LoadSet reads the models of one set from dir in fsys: set.cm and every
// other *.cm file (one schema each), then resolves all references.
func LoadSet(fsys fs.FS, dir string) (*Set, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load models %s: %w", dir, err)
	}
	set := &Set{Name: path.Base(dir), Schemas: map[string]*Schema{}}
	var errs Errors
	var names []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".cm") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("load models: %w", err)
		}
		file := path.Join(dir, name)
		if name == SetFile {
			if es := parseSetFile(set, file, string(data)); len(es) > 0 {
				errs = append(errs, es...)
			}
			continue
		}
		s, err := ParseSchema(file, string(data))
		if err != nil {
			errs = append(errs, err.(Errors)...)
			continue
		}
		if prev, dup := set.Schemas[s.ID]; dup {
			// A large schema may be written in several files (parts) with
			// the same header; they make one schema and one XSD document.
			if err := prev.merge(s); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		set.Schemas[s.ID] = s
		for _, e := range s.entries {
			e.Schemas = []string{s.ID}
			set.Entries = append(set.Entries, e)
		}
	}
	if set.Profile == "" {
		errs = append(errs, &Error{path.Join(dir, SetFile), 0, "missing set.cm with a 'profile' line"})
	}
	if len(errs) == 0 {
		errs = append(errs, resolve(set)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

// parseSetFile reads set.cm: profile NAME, and entry lines
// "entry TYPE [TYPE...] = SCHEMA [SCHEMA...]".
func parseSetFile(set *Set, file, src string) Errors {
	nodes, errs := parseLines(file, src)
	p := &parser{file: file, errs: errs}
	for _, n := range nodes {
		p.noChildren(n)
		switch n.word(0) {
		case "doc":
			// a description of the set
		case "profile":
			if len(n.toks) != 2 {
				p.errorf(n.line, "profile takes one value")
				continue
			}
			set.Profile = n.word(1)
		case "entry":
			e := &Entry{Line: n.line, File: file}
			seen := false
			for _, t := range n.toks[1:] {
				switch {
				case t.text == "=" && !seen:
					seen = true
				case seen:
					e.Schemas = append(e.Schemas, t.text)
				default:
					e.MessageTypes = append(e.MessageTypes, t.text)
				}
			}
			if len(e.MessageTypes) == 0 || len(e.Schemas) == 0 {
				p.errorf(n.line, "want: entry TYPE [TYPE...] = SCHEMA [SCHEMA...]")
				continue
			}
			set.Entries = append(set.Entries, e)
		default:
			p.errorf(n.line, "unknown line %q in set.cm (want profile or entry)", n.word(0))
		}
	}
	return p.errs
}
