package rules_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/model"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
)

// TestRulePathsExistInModels checks that every element path a rule names
// exists in the model of a message type the rule applies to.
//
// The paths are read from the rules' source, not recorded while the rules
// run over samples: a run sees only the branches its samples reach, while
// every path a rule names is in its source. The test parses the package,
// follows each rule's Check function and the package functions it calls,
// and evaluates the element expressions it meets: p.Root is the message
// element; elementsAt(b, "X/Y"), firstAt(b, "X/Y"), b.ChildByLocalName("X")
// and b.Parent() lead from the element b stands for; a variable stands for
// what it was assigned or ranges over; a call passes the elements of its
// arguments on to the function called. Each literal path given to a
// navigation or reporting helper (elementsAt, firstAt, hasAt, textAt,
// textsAt, valueAt, hasText, sumAt, requireChild, forbidChild, ...Each,
// officeAt, ChildByLocalName) is then checked:
//
//   - where its base is known, base/path must be an element of the model of
//     one of the rule's message types (in one of its profiles), for every
//     element the base may stand for;
//   - where its base cannot be told (an element taken from a table, a
//     function's result the evaluator does not follow), the path must end
//     some element path of those models.
//
// Paths built at run time (office + "/referenceNumber", the rows of tables
// such as identifiedParties) are not checked here: the code list tables are
// compared with the models by codelist_test.go, the rest by the testdata.
func TestRulePathsExistInModels(t *testing.T) {
	src := parseRules(t)
	models := newModelIndex(t)
	checked, based := 0, 0
	for _, r := range rules.All() {
		if r.Check == nil {
			continue
		}
		lit, ok := src.rules[r.ID]
		if !ok {
			t.Errorf("%s: no &Rule literal with this ID in the package source", r.ID)
			continue
		}
		// A rule that exports facts reads the messages of its
		// ExportTypes too, with its Export and the functions it shares
		// with Check.
		reads := r
		if r.Export != nil {
			reads = &rules.Rule{MessageTypes: append(slices.Clone(r.MessageTypes), r.ExportTypes...), Profiles: r.Profiles}
		}
		paths, profilePaths := models.forRule(reads)
		if len(paths) == 0 {
			t.Errorf("%s: no model for its message types %v", r.ID, r.MessageTypes)
			continue
		}
		ev := &evaluator{src: src, seen: map[string]bool{}}
		ev.function(lit.check, env{"p.Root": {""}})
		if lit.export != nil {
			ev.function(lit.export, env{"p.Root": {""}})
		} else if r.Export != nil {
			t.Errorf("%s: its Export is not a function literal in the package source", r.ID)
		}
		for _, u := range ev.uses {
			checked++
			if u.base != nil {
				based++
			}
			in := paths
			if u.shared {
				in = profilePaths
			}
			if msg := u.problem(in); msg != "" {
				t.Errorf("%s: %s: %s", r.ID, src.fset.Position(u.pos), msg)
			}
		}
	}
	if checked < 500 || based*10 < checked*7 {
		t.Errorf("only %d path uses found, %d with a known base: the evaluator lost track of the rules", checked, based)
	}
	t.Logf("%d literal paths checked, %d of them from a known element", checked, based)
}

// ruleSource is the package source: each rule's Check and the package
// functions.
type ruleSource struct {
	fset  *token.FileSet
	rules map[string]ruleLit
	funcs map[string]*ast.FuncDecl
}

type ruleLit struct{ check, export *ast.FuncLit }

func parseRules(t *testing.T) *ruleSource {
	t.Helper()
	s := &ruleSource{fset: token.NewFileSet(), rules: map[string]ruleLit{}, funcs: map[string]*ast.FuncDecl{}}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range files {
		if strings.HasSuffix(fn, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(s.fset, fn, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					s.funcs[d.Name.Name] = d
				}
			case *ast.GenDecl:
				ast.Inspect(d, func(n ast.Node) bool {
					cl, ok := n.(*ast.CompositeLit)
					if !ok || fmt.Sprint(cl.Type) != "Rule" {
						return true
					}
					var id string
					var check, export *ast.FuncLit
					for _, e := range cl.Elts {
						kv := e.(*ast.KeyValueExpr)
						switch fmt.Sprint(kv.Key) {
						case "ID":
							if b, ok := kv.Value.(*ast.BasicLit); ok {
								id, _ = strconv.Unquote(b.Value)
							}
						case "Export":
							if fl, ok := kv.Value.(*ast.FuncLit); ok {
								export = fl
							}
						case "Check":
							if fl, ok := kv.Value.(*ast.FuncLit); ok {
								check = fl
							} else if id, ok := kv.Value.(*ast.Ident); ok {
								// A package function as Check (checkCTCCodeLists).
								c := &ast.CallExpr{Fun: id, Args: []ast.Expr{ast.NewIdent("p")}}
								check = &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: c}}}}
							} else if c, ok := kv.Value.(*ast.CallExpr); ok {
								// A Check made by a function (check30600(...)):
								// follow the function with its arguments.
								check = &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: c}}}}
							}
						}
					}
					if id != "" && check != nil {
						s.rules[id] = ruleLit{check, export}
					}
					return false
				})
			}
		}
	}
	if len(s.rules) < 100 {
		t.Fatalf("found %d rules in the source", len(s.rules))
	}
	return s
}

// An env maps a variable to the element paths (from the message element,
// "" for the message element itself) it may stand for; absent means
// unknown.
type env map[string][]string

// pathUse is one literal path given to a helper, with its base (nil when
// unknown).
type pathUse struct {
	pos  token.Pos
	base []string
	path string
	// anywhere is set for names looked up anywhere (p.Named, ancestorNamed).
	anywhere bool
	// shared is set for uses in exported functions, which may
	// serve every message type of a profile.
	shared bool
}

type evaluator struct {
	shared int // depth of exported functions being followed
	src    *ruleSource
	uses   []pathUse
	seen   map[string]bool // function+argument paths already followed
}

func (ev *evaluator) function(fl *ast.FuncLit, e env) { ev.block(fl.Body, e) }

func (ev *evaluator) block(b *ast.BlockStmt, e env) {
	if b == nil {
		return
	}
	e = maps.Clone(e)
	for _, s := range b.List {
		ev.stmt(s, e)
	}
}

func (ev *evaluator) stmt(s ast.Stmt, e env) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		for _, r := range s.Rhs {
			ev.expr(r, e)
		}
		if len(s.Lhs) == len(s.Rhs) {
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					if ps := ev.paths(s.Rhs[i], e); ps != nil {
						e[id.Name] = ps
					} else if s.Tok == token.DEFINE {
						delete(e, id.Name)
					}
				}
			}
		} else {
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					delete(e, id.Name)
				}
			}
		}
	case *ast.RangeStmt:
		ev.expr(s.X, e)
		inner := maps.Clone(e)
		for _, v := range []ast.Expr{s.Key, s.Value} {
			if id, ok := v.(*ast.Ident); ok {
				delete(inner, id.Name)
			}
		}
		if id, ok := s.Value.(*ast.Ident); ok {
			if ps := ev.paths(s.X, e); ps != nil {
				inner[id.Name] = ps
			}
		}
		ev.block(s.Body, inner)
	case *ast.ForStmt:
		inner := maps.Clone(e)
		if s.Init != nil {
			ev.stmt(s.Init, inner)
		}
		if s.Cond != nil {
			ev.expr(s.Cond, inner)
		}
		ev.block(s.Body, inner)
	case *ast.IfStmt:
		inner := maps.Clone(e)
		if s.Init != nil {
			ev.stmt(s.Init, inner)
		}
		ev.expr(s.Cond, inner)
		ev.block(s.Body, inner)
		if s.Else != nil {
			ev.stmt(s.Else, inner)
		}
	case *ast.SwitchStmt:
		inner := maps.Clone(e)
		if s.Init != nil {
			ev.stmt(s.Init, inner)
		}
		if s.Tag != nil {
			ev.expr(s.Tag, inner)
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			for _, x := range cc.List {
				ev.expr(x, inner)
			}
			ev.block(&ast.BlockStmt{List: cc.Body}, inner)
		}
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			ev.block(&ast.BlockStmt{List: c.(*ast.CaseClause).Body}, e)
		}
	case *ast.BlockStmt:
		ev.block(s, e)
	case *ast.LabeledStmt:
		ev.stmt(s.Stmt, e)
	case *ast.ExprStmt:
		ev.expr(s.X, e)
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			ev.expr(r, e)
		}
	case *ast.DeclStmt:
		ast.Inspect(s, func(n ast.Node) bool {
			if x, ok := n.(ast.Expr); ok {
				ev.expr(x, e)
				return false
			}
			return true
		})
	case *ast.DeferStmt:
		ev.expr(s.Call, e)
	case *ast.GoStmt:
		ev.expr(s.Call, e)
	case *ast.IncDecStmt, *ast.BranchStmt, *ast.EmptyStmt, *ast.SendStmt, nil:
	default:
		panic(fmt.Sprintf("statement %T", s))
	}
}

// navigators take (element, path, ...); reporters (p, element, path, ...).
var (
	navigators = map[string]bool{"elementsAt": true, "firstAt": true, "hasAt": true, "textAt": true, "textsAt": true, "valueAt": true, "hasText": true, "sumAt": true}
	reporters  = map[string]bool{"requireChild": true, "forbidChild": true, "requireChildEach": true, "forbidChildEach": true}
)

// expr records the paths used in x and follows the package functions it
// calls.
func (ev *evaluator) expr(x ast.Expr, e env) {
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			ev.function(n, e)
			return false
		case *ast.CallExpr:
			ev.call(n, e)
		}
		return true
	})
}

func (ev *evaluator) call(c *ast.CallExpr, e env) {
	lit := func(i int) (string, bool) {
		if i >= len(c.Args) {
			return "", false
		}
		b, ok := c.Args[i].(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	switch fn := c.Fun.(type) {
	case *ast.Ident:
		switch {
		case navigators[fn.Name]:
			if s, ok := lit(1); ok {
				ev.use(c.Pos(), ev.paths(c.Args[0], e), s)
			}
		case reporters[fn.Name]:
			if s, ok := lit(2); ok {
				ev.use(c.Pos(), ev.paths(c.Args[1], e), s)
			}
		case fn.Name == "officeAt":
			if s, ok := lit(1); ok {
				ev.use(c.Pos(), []string{""}, s+"/referenceNumber")
			}
		case fn.Name == "ancestorNamed":
			if s, ok := lit(1); ok {
				ev.uses = append(ev.uses, pathUse{pos: c.Pos(), path: s, anywhere: true})
			}
		}
		if d, ok := ev.src.funcs[fn.Name]; ok {
			ev.follow(d, c, e)
		}
	case *ast.SelectorExpr:
		switch fn.Sel.Name {
		case "ChildByLocalName":
			if s, ok := lit(0); ok {
				ev.use(c.Pos(), ev.paths(fn.X, e), s)
			}
		case "Named":
			if s, ok := lit(0); ok {
				ev.uses = append(ev.uses, pathUse{pos: c.Pos(), path: s, anywhere: true})
			}
		}
	}
}

// follow evaluates a package function with the elements of the call's
// arguments bound to its parameters (p *Pass binds p.Root).
func (ev *evaluator) follow(d *ast.FuncDecl, c *ast.CallExpr, e env) {
	inner := env{}
	var key strings.Builder
	key.WriteString(d.Name.Name)
	i := 0
	for _, field := range d.Type.Params.List {
		for _, name := range field.Names {
			if fmt.Sprint(field.Type) == "&{Pass}" || fmt.Sprint(field.Type) == "&{%!s(token.Pos=0) Pass}" || isPassType(field.Type) {
				inner[name.Name+".Root"] = []string{""}
			} else if i < len(c.Args) {
				if ps := ev.paths(c.Args[i], e); ps != nil {
					inner[name.Name] = ps
				}
			}
			fmt.Fprintf(&key, " %s=%v", name.Name, inner[name.Name])
			i++
		}
	}
	if ev.seen[key.String()] {
		return
	}
	ev.seen[key.String()] = true
	if d.Name.IsExported() {
		ev.shared++
		defer func() { ev.shared-- }()
	}
	ev.block(d.Body, inner)
}

func isPassType(x ast.Expr) bool {
	s, ok := x.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := s.X.(*ast.Ident)
	return ok && id.Name == "Pass"
}

func (ev *evaluator) use(pos token.Pos, base []string, path string) {
	ev.uses = append(ev.uses, pathUse{pos: pos, base: base, path: path, shared: ev.shared > 0})
}

// paths evaluates an expression standing for elements: the paths it may
// stand for, nil when unknown.
func (ev *evaluator) paths(x ast.Expr, e env) []string {
	switch x := x.(type) {
	case *ast.ParenExpr:
		return ev.paths(x.X, e)
	case *ast.Ident:
		return e[x.Name]
	case *ast.IndexExpr:
		return ev.paths(x.X, e)
	case *ast.SliceExpr:
		return ev.paths(x.X, e)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && x.Sel.Name == "Root" {
			return e[id.Name+".Root"]
		}
	case *ast.CallExpr:
		var args []ast.Expr = x.Args
		switch fn := x.Fun.(type) {
		case *ast.Ident:
			switch fn.Name {
			case "elementsAt", "firstAt":
				if len(args) == 2 {
					if s, ok := args[1].(*ast.BasicLit); ok {
						p, _ := strconv.Unquote(s.Value)
						return join(ev.paths(args[0], e), p)
					}
				}
			case "append":
				var out []string
				for _, a := range args {
					ps := ev.paths(a, e)
					if ps == nil {
						return nil
					}
					out = append(out, ps...)
				}
				return out
			}
			if d, ok := ev.src.funcs[fn.Name]; ok {
				return ev.returns(d, x, e)
			}
		case *ast.SelectorExpr:
			switch fn.Sel.Name {
			case "ChildByLocalName":
				if s, ok := args[0].(*ast.BasicLit); ok {
					p, _ := strconv.Unquote(s.Value)
					return join(ev.paths(fn.X, e), p)
				}
			case "Parent":
				var out []string
				for _, p := range ev.paths(fn.X, e) {
					if i := strings.LastIndex(p, "/"); i >= 0 {
						out = append(out, p[:i])
					} else if p != "" {
						out = append(out, "")
					}
				}
				if len(out) == 0 {
					return nil
				}
				return out
			}
		}
	}
	return nil
}

// returns evaluates what a package function returns as elements, when
// every return statement's first result says the same.
func (ev *evaluator) returns(d *ast.FuncDecl, c *ast.CallExpr, e env) []string {
	inner := env{}
	i := 0
	for _, field := range d.Type.Params.List {
		for _, name := range field.Names {
			if isPassType(field.Type) {
				inner[name.Name+".Root"] = []string{""}
			} else if i < len(c.Args) {
				if ps := ev.paths(c.Args[i], e); ps != nil {
					inner[name.Name] = ps
				}
			}
			i++
		}
	}
	var out []string
	known := true
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				return true
			}
			ps := ev.paths(n.Results[0], inner)
			if ps == nil {
				if id, ok := n.Results[0].(*ast.Ident); ok && id.Name == "out" {
					return true // accumulated below
				}
				known = false
			}
			out = append(out, ps...)
		case *ast.AssignStmt:
			// out := elementsAt(...); out = append(out, ...)
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == "out" && i < len(n.Rhs) {
					out = append(out, ev.paths(n.Rhs[i], inner)...)
				}
			}
		}
		return true
	})
	if !known || len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// join appends a relative path to each base; "/*/" starts at the message
// element.
func join(bases []string, path string) []string {
	if rest, ok := strings.CutPrefix(path, "/*/"); ok {
		return []string{strings.Trim(rest, "/")}
	}
	if bases == nil {
		return nil
	}
	path = strings.Trim(path, "/")
	out := make([]string, len(bases))
	for i, b := range bases {
		switch {
		case path == "":
			out[i] = b
		case b == "":
			out[i] = path
		default:
			out[i] = b + "/" + path
		}
	}
	return out
}

// problem says what is wrong with a use in these model paths, "" when
// nothing.
func (u pathUse) problem(paths map[string]bool) string {
	if u.anywhere {
		for p := range paths {
			if p == u.path || strings.HasSuffix(p, "/"+u.path) {
				return ""
			}
		}
		return fmt.Sprintf("no element %s in the models of its message types", u.path)
	}
	if rest, ok := strings.CutPrefix(u.path, "/*/"); ok {
		u.base, u.path = []string{""}, rest
	}
	if u.base == nil {
		for p := range paths {
			if matchSuffix(p, u.path) {
				return ""
			}
		}
		return fmt.Sprintf("no element path ends in %s in the models of its message types", u.path)
	}
	var missing []string
	for _, full := range join(u.base, u.path) {
		if !matchAny(paths, full) {
			missing = append(missing, full)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("%s is not an element of the models of its message types", strings.Join(missing, ", "))
	}
	return ""
}

func matchAny(paths map[string]bool, full string) bool {
	if full == "" || paths[full] {
		return true
	}
	if !strings.Contains(full, "*") {
		return false
	}
	for p := range paths {
		if matchPath(p, full) {
			return true
		}
	}
	return false
}

func matchPath(p, pattern string) bool {
	a, b := strings.Split(p, "/"), strings.Split(pattern, "/")
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if b[i] != "*" && a[i] != b[i] {
			return false
		}
	}
	return true
}

func matchSuffix(p, rel string) bool {
	a, b := strings.Split(p, "/"), strings.Split(strings.Trim(rel, "/"), "/")
	if len(b) > len(a) {
		return false
	}
	return matchPath(strings.Join(a[len(a)-len(b):], "/"), strings.Join(b, "/"))
}

// modelIndex holds the element paths of every message type of every model
// set, by profile and type.
type modelIndex struct {
	byProfile map[string]map[string]map[string]bool
}

func newModelIndex(t *testing.T) *modelIndex {
	t.Helper()
	names := model.Names()
	idx := &modelIndex{byProfile: map[string]map[string]map[string]bool{}}
	for _, name := range names {
		set, err := model.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		types := map[string]map[string]bool{}
		for _, entry := range set.Entries {
			for _, mt := range entry.MessageTypes {
				v, err := transform.NewView(set, mt)
				if err != nil {
					continue
				}
				paths := map[string]bool{}
				var walk func(n *transform.Node, prefix string)
				walk = func(n *transform.Node, prefix string) {
					for _, c := range n.Children {
						paths[prefix+c.Name] = true
						walk(c, prefix+c.Name+"/")
					}
				}
				walk(v.Root, "")
				types[mt] = paths
			}
		}
		idx.byProfile[set.Profile] = types
	}
	return idx
}

// forRule returns the union of the element paths of the message types a
// rule applies to, in the profiles it applies to, and that of every
// message type of those profiles.
func (m *modelIndex) forRule(r *rules.Rule) (own, profile map[string]bool) {
	own, profile = map[string]bool{}, map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(m.byProfile)) {
		applies := false
		for mt, paths := range m.byProfile[name] {
			if r.Applies(name, mt) {
				maps.Copy(own, paths)
				applies = true
			}
		}
		if applies {
			for _, paths := range m.byProfile[name] {
				maps.Copy(profile, paths)
			}
		}
	}
	return own, profile
}
