package rules

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/customslint/customslint/category"
	"github.com/customslint/customslint/xsd"
)

//go:generate go run ./internal/datasetgen/gendatasets -root .. -out cds_datasets_gen.go

// datasetRow is one row of a declaration category's data set: the DE, its
// symbol (A mandatory, C optional, D depends on the scenario, NR not in the
// data set; empty when the source gave conditions only) and its level (X
// item, Y header, "X, Y" either).
type datasetRow struct {
	Category, Appendix, DE, Name, Symbol, Level, Note, Source, SourceDate string
	Complete                                                              bool   // the category's whole table was seen
	File                                                                  string // shared or extra
}

// deElement maps a DE to one DMS element path (from Declaration), with how
// well HMRC's annotated samples support the mapping (primary, minor,
// conflict:DE).
type deElement struct {
	DE, Name, Level, Path, WCOID, Support, Comments, Source, SourceDate string
}

// goodsItemPath is where goods items sit in a declaration.
const goodsItemPath = "Declaration/GoodsShipment/GovernmentAgencyGoodsItem"

// Level labels of de-elements.csv.
const (
	levelHeader = "header"
	levelItem   = "item"
)

// datasetNotEnforced are the rows HMRC's accepted declarations
// contradict, by category, DE and code ("H1 8/6 CDS10001"). The evidence
// is how many schema-valid accepted declarations of the category (of those
// with DE 1/2 Y or Z when Supplementary) depart from the row;
// TestOfficialCDSDatasetEvidence recounts it.
var datasetNotEnforced = map[string]datasetEvidence{
	"B2 2/3 CDS10001":            {Lacking: 1, Of: 4, Why: "documents on every item: TT_EX050a (an EXD outward processing export) has an item without AdditionalDocument"},
	"C21i EIDR NOP 7/2 CDS10001": {Lacking: 1, Of: 8, Why: "container indicator, mandatory unless procedure code 0009 says the CCR completion guide: TT_IM192a (IMK) has none"},
	"H1 1/9 CDS10001":            {Lacking: 3, Of: 192, Why: "total number of items: TT_IM209a (IMA), TT_IM203a (IMZ) and TT_IM207a (IMY, whose scenario says 1/9 is optional on supplementary declarations) have no GoodsItemQuantity"},
	"H1 6/9 CDS10001":            {Lacking: 1, Of: 58, Supplementary: true, Why: "type of packages: TT_IM207a's scenario says it is optional on supplementary declarations"},
	"H1 6/10 CDS10001":           {Lacking: 2, Of: 58, Supplementary: true, Why: "number of packages: HMRC's accepted TT1 import (IMZ) and the stub's accepted import have none"},
	"H1 6/11 CDS10001":           {Lacking: 1, Of: 58, Supplementary: true, Why: "shipping marks: TT_IM207a's scenario says they are optional on supplementary declarations"},
	"H1 7/2 CDS10001":            {Lacking: 1, Of: 58, Supplementary: true, Why: "container indicator: TT_IM207a's scenario says it is optional on supplementary declarations"},
	"H1 8/5 CDS12071":            {Lacking: 5, Of: 192, Why: "nature of transaction at both levels: TT_IM008a, TT_IM008b, TT_IM017b, TT_IM075a and TT_IM150a declare it at header level and on the items"},
	"H1 8/6 CDS10001":            {Lacking: 153, Of: 192, Why: "statistical value: most accepted H1 declarations leave it out"},
}

// datasetEvidence says how many accepted declarations contradict a row.
type datasetEvidence struct {
	Lacking, Of int // accepted declarations departing from the row, of all accepted ones in scope
	// Supplementary limits the exemption to supplementary declarations
	// (DE 1/2 Y or Z); on the others the row is enforced.
	Supplementary bool
	Why           string // what the row is about and which samples depart from it
}

// supplementary reports whether decl is a supplementary declaration
// (DE 1/2 Y or Z).
func supplementary(decl xsd.Element) bool {
	tc := valueAt(decl, "TypeCode")
	return len(tc) == 3 && (tc[2] == 'Y' || tc[2] == 'Z')
}

// datasetCondition makes a row that is not A (D, or conditions only)
// mandatory where the message decides its condition: the DE is required
// unless a goods item has one of the Unless procedure codes (DE 1/10), or,
// with When, only when a goods item's requested or previous procedure is
// one of When. Note is what the row's note must still say (the tests
// check it); Source is where the condition is written, when not the row's
// own source.
type datasetCondition struct {
	Categories []string
	DEs        []string
	Note       string   // text the row's note holds
	Unless     []string // DE 1/10 codes that lift the requirement
	When       []string // two-digit procedures (requested or previous) that make it mandatory
	Says       string   // the condition, for findings
	Source     string
}

// datasetConditions are the decidable conditions of the D rows and of
// the completion instructions' rows held. The others (scenarios, paper
// declarations, controlled goods, EXS combinations) are not checked.
var datasetConditions = []datasetCondition{
	{Categories: []string{"C21e", "C21e EIDR NOP"}, DEs: []string{"5/12"}, Unless: []string{"0019"},
		Note: "not required with procedure code 0019 in DE 1/10, mandatory for all other",
		Says: "mandatory unless the procedure code is 0019"},
	{Categories: []string{"C21e", "C21e EIDR NOP"}, DEs: []string{"7/2", "7/4"}, Unless: []string{"0019"},
		Note: "not required with procedure code 0019; mandatory in all other cases",
		Says: "mandatory unless the procedure code is 0019"},
	{Categories: []string{"C21i", "C21i EIDR NOP"}, DEs: []string{"7/2", "7/4"}, Unless: []string{"0009"},
		Note: "not required with procedure code 0009; mandatory in all other cases",
		Says: "mandatory unless the procedure code is 0009"},
	{Categories: []string{"B1", "B2"}, DEs: []string{"6/1"},
		Note: "B1 and B2: mandatory",
		Says: "mandatory on B1 and B2"},
	// Reading note [11]: "mandatory when a declaration is made to enter to
	// or discharge from Customs/Excise warehousing procedure or free zone":
	// procedure 07 (excise warehouse), 71 (customs warehouse), 78 (free
	// zone), requested or previous.
	{Categories: []string{"H1", "I1 C&F", "B1", "C1 C&F"}, DEs: []string{"2/7"}, When: []string{"07", "71", "78"},
		Note:   "[11]",
		Says:   "reading note [11]: mandatory when goods enter or leave a customs or excise warehouse or free zone, as procedure %s does",
		Source: "https://www.gov.uk/guidance/declaration-category-data-sets-reading-notes-for-the-cds-uk-trade-tariff-volume-3 (undated; read 2026-12-06)"},
}

// datasetConditionOf returns the condition of row r, if it has one. The
// rule asks it once per row (planRows), not per declaration.
func datasetConditionOf(r datasetRow) (datasetCondition, bool) {
	if r.Symbol == "A" || r.Symbol == "NR" || r.Symbol == "C" {
		return datasetCondition{}, false
	}
	for _, c := range datasetConditions {
		if slices.Contains(c.Categories, r.Category) && slices.Contains(c.DEs, r.DE) && strings.Contains(r.Note, c.Note) {
			return c, true
		}
	}
	return datasetCondition{}, false
}

// procedurePair is a goods item's procedure code (DE 1/10): requested,
// previous.
type procedurePair struct{ cur, prev string }

// itemProcedures returns the procedure codes of the goods items, in
// order: those with a PreviousCode.
func itemProcedures(items []xsd.Element) []procedurePair {
	var out []procedurePair
	for _, it := range items {
		for _, gp := range elementsAt(it, "GovernmentProcedure") {
			prev, has := textAt(gp, "PreviousCode")
			if has {
				out = append(out, procedurePair{valueAt(gp, "CurrentCode"), prev})
			}
		}
	}
	return out
}

// mandatoryWhy is mandatory, with the procedure code that made a When
// condition hold ("" otherwise).
func mandatoryWhy(r datasetRow, procs []procedurePair) (string, bool) {
	if r.Symbol == "A" {
		return "", true
	}
	c, ok := datasetConditionOf(r)
	if !ok {
		return "", false
	}
	return conditionHolds(c, procs)
}

// conditionHolds reports whether a row's condition makes it mandatory on
// a declaration with these procedure codes, and the code that did.
func conditionHolds(c datasetCondition, procs []procedurePair) (string, bool) {
	for _, p := range procs {
		if slices.Contains(c.Unless, p.cur+p.prev) {
			return "", false
		}
		if len(c.When) > 0 && (slices.Contains(c.When, p.cur) || slices.Contains(c.When, p.prev)) {
			return p.cur + p.prev, true
		}
	}
	return "", len(c.When) == 0
}

// datasetSingleLevel are the "X, Y" DEs declared once, at header level or
// on the goods items, never both (CDS12071): each holds one code per
// declaration or item (completion instructions: "1x header, 1x item").
var datasetSingleLevel = []string{"5/8", "5/14", "8/5"}

// datasetIndex is the data-set table arranged for the rule.
type datasetIndex struct {
	rows     map[string]map[string]datasetRow // category -> DE -> row
	order    map[string][]string              // category -> its DEs in DE order
	complete map[string]bool                  // categories whose whole table is held
	// header and item are the element paths that tell a DE is present at
	// each level (item paths relative to the goods item): the DE's
	// primary mappings no other DE's primary mapping shares, or where the
	// DE has none at that level its unshared minor ones.
	header, item map[string][]deElement
	// owners are the DEs each path is mapped to (any support but conflict);
	// ownerPaths its keys, sorted.
	owners     map[string][]string
	ownerPaths []string
	// excluded are, per category whose whole table is held, the primary
	// mappings of DEs the table does not list that CDS10002 reports.
	excluded map[string][]deElement
	// paths are the element paths of every mapping, "Declaration" at the
	// root: what presence looks for.
	paths *pathTrie
	// plans are each category's rows as datasetGaps walks them.
	plans map[string][]rowPlan
}

// datasets returns the table's index, built once.
var datasets = sync.OnceValue(buildDatasetIndex)

// buildDatasetIndex is datasets without the cache.
func buildDatasetIndex() *datasetIndex {
	ix := &datasetIndex{rows: map[string]map[string]datasetRow{}, order: map[string][]string{}, complete: map[string]bool{},
		header: map[string][]deElement{}, item: map[string][]deElement{}, owners: map[string][]string{},
		excluded: map[string][]deElement{}}
	for _, r := range cdsDatasetRows {
		if ix.rows[r.Category] == nil {
			ix.rows[r.Category] = map[string]datasetRow{}
		}
		ix.rows[r.Category][r.DE] = r
		if r.Complete {
			ix.complete[r.Category] = true
		}
	}
	primaryOwners := map[string][]string{}
	for _, e := range cdsDEElements {
		if strings.HasPrefix(e.Support, "conflict") {
			continue
		}
		ix.owners[e.Path] = appendOnce(ix.owners[e.Path], e.DE)
		if e.Support == "primary" {
			primaryOwners[e.Path] = appendOnce(primaryOwners[e.Path], e.DE)
		}
	}
	for _, support := range []string{"primary", "minor"} {
		for _, e := range cdsDEElements {
			if e.Support != support || len(primaryOwners[e.Path]) > 1 ||
				(support == "minor" && (len(ix.owners[e.Path]) > 1 || len(primaryOwners[e.Path]) > 0)) {
				continue
			}
			m := ix.header
			if e.Level == levelItem {
				m = ix.item
			}
			if support == "minor" && len(m[e.DE]) > 0 {
				continue
			}
			m[e.DE] = append(m[e.DE], e)
		}
	}
	for cat, rows := range ix.rows {
		ix.order[cat] = sortedDEs(rows)
	}
	ix.ownerPaths = slices.Sorted(maps.Keys(ix.owners))
	for cat := range ix.complete {
		ix.excluded[cat] = excludedElements(ix, ix.rows[cat])
	}
	ix.paths = newPathTrie()
	for _, e := range cdsDEElements {
		ix.paths.add(e.Path)
	}
	ix.paths.add(goodsItemPath)
	ix.paths.root.seal()
	ix.plans = map[string][]rowPlan{}
	for cat := range ix.rows {
		ix.plans[cat] = planRows(ix, cat)
	}
	return ix
}

// excludedElements are the primary mappings of the DEs a whole table does
// not list (or lists as NR), unless the element, one inside it or one it
// sits in also belongs to a DE the table lists.
func excludedElements(ix *datasetIndex, rows map[string]datasetRow) []deElement {
	inTable := func(de string) bool { r, ok := rows[de]; return ok && r.Symbol != "NR" }
	var out []deElement
	for _, e := range cdsDEElements {
		if e.Support == "primary" && !inTable(e.DE) && !sharedWithTable(ix, e.Path, inTable) {
			out = append(out, e)
		}
	}
	return out
}

// appendOnce appends s unless list holds it.
func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// cdsDataset checks a declaration against its category's data set.
var cdsDataset = &Rule{
	ID:           "cds-dataset",
	Codes:        []string{"CDS10001", "CDS10002", "CDS12071", "CDS12073"},
	Summary:      "a declaration carries the data elements its category's data set (Volume 3 Appendices 21-24) makes mandatory, and none it excludes",
	Severity:     Error,
	MessageTypes: []string{cdsDEC},
	Doc:          cdsDatasetDocText,
	docTables:    sync.OnceValue(cdsDatasetDocTables),
	Check: func(p *Pass) {
		for _, decl := range elementsAt(p.Root, "Declaration") {
			cat := declarationCategoryOf(decl)
			if cat == "" {
				continue
			}
			for _, g := range datasetGaps(decl, cat) {
				if !g.enforced(decl) {
					continue
				}
				p.reportCode(g.At, g.Code, "%s", g.Message())
			}
		}
	},
}

// declarationCategoryOf derives the category of a CDS Declaration element
// (FunctionCode 9 only), "" when it has no single one.
func declarationCategoryOf(decl xsd.Element) string {
	d := category.Declaration{FunctionCode: valueAt(decl, "FunctionCode"), TypeCode: valueAt(decl, "TypeCode")}
	for _, it := range elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem") {
		var item category.Item
		for _, gp := range elementsAt(it, "GovernmentProcedure") {
			cur := valueAt(gp, "CurrentCode")
			if prev, ok := textAt(gp, "PreviousCode"); ok {
				item.Procedure = cur + prev
				continue
			}
			item.Additional = append(item.Additional, cur)
		}
		d.Items = append(d.Items, item)
	}
	res := category.Derive(d)
	if res.Status != category.Derived {
		return ""
	}
	return string(res.Category)
}

// datasetGap is one departure of a declaration from its data set, before
// the not-enforced lists are applied.
type datasetGap struct {
	Category string
	DE       string
	Code     string      // CDS10001, CDS10002, CDS12071 or CDS12073
	At       xsd.Element // where to report
	// message writes the finding's text: only for the gaps reported, as
	// most gaps of accepted declarations are rows not enforced.
	message func() string
}

// Message is the gap's finding text.
func (g datasetGap) Message() string { return g.message() }

// Key is the gap's row and code as datasetNotEnforced keys them.
func (g datasetGap) Key() string { return g.Category + " " + g.DE + " " + g.Code }

// enforced reports whether the gap's row is enforced on decl (not
// contradicted by HMRC's accepted declarations).
func (g datasetGap) enforced(decl xsd.Element) bool {
	ev, skip := datasetNotEnforced[g.Key()]
	return !skip || ev.Supplementary && !supplementary(decl)
}

// datasetGaps returns every departure of decl from the data set of cat,
// in DE order: missing mandatory DEs (CDS10001, or CDS12073 for a DE of
// either level), DEs declared at both levels (CDS12071), and for a
// category whose whole table is held, elements of DEs it excludes
// (CDS10002).
func datasetGaps(decl xsd.Element, cat string) []datasetGap {
	ix := datasets()
	rows := ix.rows[cat]
	if rows == nil {
		return nil
	}
	items := elementsAt(decl, "GoodsShipment/GovernmentAgencyGoodsItem")
	pres := newPresence(ix.paths)
	procs := itemProcedures(items)
	pres.has(decl, "Declaration", "") // one walk for the declaration and its goods items
	var gaps []datasetGap
	for i := range ix.plans[cat] {
		pl := &ix.plans[cat][i]
		if pl.mandatory(procs) && pl.mayLack(pres, decl, items) {
			gaps = append(gaps, missingGaps(ix, pres, decl, items, pl.row)...)
		}
		if pl.bothLevel && pl.mayBeAtBoth(pres, decl) {
			gaps = append(gaps, bothLevelGaps(ix, pres, decl, items, pl.row)...)
		}
	}
	if ix.complete[cat] {
		gaps = append(gaps, notAllowedGaps(ix, pres, decl, rows, cat)...)
	}
	return gaps
}

// rowPlan is a row of a category's table with what datasetGaps asks of it
// on every declaration, found once: whether it is mandatory, and the trie
// nodes of the elements that show its DE at each level. missingGaps and
// bothLevelGaps then run only where a gap may be.
type rowPlan struct {
	row       datasetRow
	cond      datasetCondition
	hasCond   bool // datasetConditionOf found the row's condition
	missing   bool // missingCode is not "": a missing DE can be reported
	bothLevel bool // a single-valued DE that may be at either level
	// head and item are the nodes of ix.header and ix.item of the DE;
	// exact is false when one of those paths is not below its level's
	// element in the trie (then the checks run whatever).
	head, item []*trieNode
	exact      bool
}

// planRows makes the plans of a category's rows, in DE order.
func planRows(ix *datasetIndex, cat string) []rowPlan {
	out := make([]rowPlan, 0, len(ix.order[cat]))
	for _, de := range ix.order[cat] {
		r := ix.rows[cat][de]
		pl := rowPlan{row: r, missing: missingCode(ix, r) != "", exact: true,
			bothLevel: r.Symbol != "NR" && r.Level == "X, Y" && slices.Contains(datasetSingleLevel, de)}
		pl.cond, pl.hasCond = datasetConditionOf(r)
		nodes := func(paths []deElement, prefix string) []*trieNode {
			var ns []*trieNode
			for _, e := range paths {
				n := ix.paths.byPath[e.Path]
				if n == nil || !strings.HasPrefix(e.Path, prefix+"/") {
					pl.exact = false
				}
				ns = append(ns, n)
			}
			return ns
		}
		pl.head, pl.item = nodes(ix.header[de], "Declaration"), nodes(ix.item[de], goodsItemPath)
		out = append(out, pl)
	}
	return out
}

// mandatory reports whether the row is mandatory on a declaration with
// these procedure codes: symbol A, or a decidable condition that holds
// (no goods item with a procedure code that lifts it).
func (pl *rowPlan) mandatory(procs []procedurePair) bool {
	if pl.row.Symbol == "A" {
		return true
	}
	if !pl.hasCond {
		return false
	}
	_, ok := conditionHolds(pl.cond, procs)
	return ok
}

// mayLack reports whether missingGaps may find the DE missing: its
// header element absent, or a goods item without its item element.
func (pl *rowPlan) mayLack(pres presence, decl xsd.Element, items []xsd.Element) bool {
	switch {
	case !pl.missing:
		return false
	case !pl.exact:
		return true
	}
	headLacks := !pres.anyOf(decl, pres.trie.root, pl.head)
	itemLacks := func() bool {
		for _, it := range items {
			if !pres.anyOf(it, pres.item, pl.item) {
				return true
			}
		}
		return false
	}
	switch pl.row.Level {
	case "Y":
		return headLacks
	case "X":
		return itemLacks()
	case "X, Y":
		return headLacks && itemLacks()
	}
	return true
}

// mayBeAtBoth reports whether bothLevelGaps may find the DE at both
// levels: its header element present.
func (pl *rowPlan) mayBeAtBoth(pres presence, decl xsd.Element) bool {
	return !pl.exact || pres.anyOf(decl, pres.trie.root, pl.head)
}

// anyOf reports whether an element lies on any of the nodes' paths below
// base, which sits at node at.
func (p presence) anyOf(base xsd.Element, at *trieNode, nodes []*trieNode) bool {
	for _, n := range nodes {
		if p.hasNode(base, at, n, "") {
			return true
		}
	}
	return false
}

// sortedDEs returns the DEs of rows in DE order (1/2 before 1/10).
func sortedDEs(rows map[string]datasetRow) []string {
	type key struct {
		de           string
		group, order int
	}
	keys := make([]key, 0, len(rows))
	for de := range rows {
		g, n := deNumbers(de)
		keys = append(keys, key{de, g, n})
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.group != b.group {
			return a.group - b.group
		}
		return a.order - b.order
	})
	des := make([]string, len(keys))
	for i, k := range keys {
		des[i] = k.de
	}
	return des
}

// deNumbers reads "g/n" as its two numbers (0 for a part that is not one).
func deNumbers(de string) (group, n int) {
	g, num, _ := strings.Cut(de, "/")
	return atoiOr0(g), atoiOr0(num)
}

// pathTrie holds element paths (local names separated by "/"), one node
// a name; each node numbered.
type pathTrie struct {
	root   *trieNode
	size   int
	byPath map[string]*trieNode // the node of each path added, and of its prefixes
}

type trieNode struct {
	id   int
	kids map[string]*trieNode
	// names and nodes are kids as two lists, for a node with few: a
	// scan of a few short strings is cheaper than hashing the name.
	names []string
	nodes []*trieNode
}

// kid returns the child named name, nil when there is none.
func (n *trieNode) kid(name string) *trieNode {
	if n.names == nil {
		return n.kids[name]
	}
	for i, k := range n.names {
		if k == name {
			return n.nodes[i]
		}
	}
	return nil
}

// fewKids is how many children a node looks up by scanning (kid).
const fewKids = 8

// seal makes the lists of the nodes with few children, below n.
func (n *trieNode) seal() {
	n.names, n.nodes = nil, nil
	if len(n.kids) > 0 && len(n.kids) <= fewKids {
		for _, name := range slices.Sorted(maps.Keys(n.kids)) {
			n.names = append(n.names, name)
			n.nodes = append(n.nodes, n.kids[name])
		}
	}
	for _, k := range n.kids {
		k.seal()
	}
}

func newPathTrie() *pathTrie {
	t := &pathTrie{root: &trieNode{}, size: 1, byPath: map[string]*trieNode{}}
	return t
}

// add puts path into the trie (its first name is the root's).
func (t *pathTrie) add(path string) {
	first, rest, _ := strings.Cut(path, "/")
	t.byPath[first] = t.root
	n := t.root
	for rest != "" {
		var name string
		name, rest, _ = strings.Cut(rest, "/")
		k := n.kids[name]
		if k == nil {
			if n.kids == nil {
				n.kids = map[string]*trieNode{}
			}
			k = &trieNode{id: t.size}
			t.size++
			n.kids[name] = k
		}
		n = k
	}
	t.byPath[path] = n
}

// node returns the node of rel below n, nil when the trie lacks it.
func (n *trieNode) node(rel string) *trieNode {
	for rel != "" && n != nil {
		var name string
		name, rel, _ = strings.Cut(rel, "/")
		n = n.kid(name)
	}
	return n
}

// presence answers, for one declaration, which of the table's element
// paths lie below an element: one walk of the element's subtree along the
// trie, on first use, instead of a walk per path asked. The walk from the
// declaration also answers for each goods item it passes.
type presence struct {
	trie    *pathTrie
	item    *trieNode // the goods item's node
	reached map[xsd.Element][]bool
}

func newPresence(t *pathTrie) presence {
	return presence{trie: t, item: t.root.node(relPath(goodsItemPath, "Declaration")), reached: map[xsd.Element][]bool{}}
}

// has reports whether an element lies on rel (local names separated by
// "/") below base, which sits at prefix (a path of the trie).
func (p presence) has(base xsd.Element, prefix, rel string) bool {
	at := p.trie.byPath[prefix]
	return p.hasNode(base, at, at.node(rel), rel)
}

// hasNode is has with the trie's nodes of base (at) and of the path (n),
// nil where the trie lacks them.
func (p presence) hasNode(base xsd.Element, at, n *trieNode, rel string) bool {
	if !base.Valid() {
		return false
	}
	if at == nil || n == nil {
		return hasPath(base, rel) // not a path of the table: walk it
	}
	reached, ok := p.reached[base]
	if !ok {
		reached = make([]bool, p.trie.size)
		reached[at.id] = true
		p.reached[base] = reached
		p.mark(at, base, reached, nil)
	}
	return reached[n.id]
}

// mark sets reached (and inItem, the set of the goods item the walk is
// in, if any) for every element below e that lies on a path of the trie
// below n, making the set of each goods item it enters.
func (p presence) mark(n *trieNode, e xsd.Element, reached, inItem []bool) {
	for k := e.FirstChild(); k.Valid(); k = k.Next() {
		c := n.kid(k.LocalName())
		if c == nil {
			continue
		}
		reached[c.id] = true
		sub := inItem
		if sub != nil {
			sub[c.id] = true
		}
		if c == p.item {
			if _, done := p.reached[k]; done {
				sub = nil
			} else {
				sub = make([]bool, p.trie.size)
				sub[c.id] = true
				p.reached[k] = sub
			}
		}
		if c.kids != nil {
			p.mark(c, k, reached, sub)
		}
	}
}

// present reports whether any of the paths (relative to base, which sits
// at prefix) has an element under base.
func (p presence) present(base xsd.Element, prefix string, paths []deElement) bool {
	at := p.trie.byPath[prefix]
	for _, e := range paths {
		n := p.trie.byPath[e.Path] // a mapping's path is in the trie
		under := len(e.Path) > len(prefix) && e.Path[len(prefix)] == '/' && strings.HasPrefix(e.Path, prefix)
		if at == nil || n == nil || !under {
			if p.has(base, prefix, strings.Trim(relPath(e.Path, prefix), "/")) {
				return true
			}
			continue
		}
		if p.hasNode(base, at, n, "") {
			return true
		}
	}
	return false
}

// hasPath reports whether an element lies on path (local names separated
// by "/"; "" is base itself) below base: elementsAt's answer to "any?",
// without collecting the elements.
func hasPath(base xsd.Element, path string) bool {
	if !base.Valid() {
		return false
	}
	name, rest, _ := strings.Cut(path, "/")
	if name == "" {
		return rest == "" || hasPath(base, rest)
	}
	for k := base.FirstChild(); k.Valid(); k = k.Next() {
		if k.Is(name) && hasPath(k, rest) {
			return true
		}
	}
	return false
}

// relPath is path without prefix and the "/" after it.
func relPath(path, prefix string) string {
	return strings.TrimPrefix(strings.TrimPrefix(path, prefix), "/")
}

// nearest returns the deepest element on path (relative to base) that is
// present, base itself when none is.
func nearest(base xsd.Element, rel string) xsd.Element {
	at := base
	for name := range strings.SplitSeq(rel, "/") {
		next := at.ChildByLocalName(name)
		if !next.Valid() {
			break
		}
		at = next
	}
	return at
}

// bestOf returns the mapping most samples name, the one a finding cites.
func bestOf(paths []deElement) deElement {
	best := paths[0]
	for _, e := range paths[1:] {
		if atoiOr0(e.Comments) > atoiOr0(best.Comments) {
			best = e
		}
	}
	return best
}

// atoiOr0 is the value of a decimal count, 0 when it is not one.
func atoiOr0(s string) int {
	n, ok := wholeNumber(s)
	if !ok {
		return 0
	}
	return n
}

// rowLabel names a row's DE for a finding: "DE 6/1 (Net mass (kg))".
func rowLabel(r datasetRow) string { return "DE " + r.DE + " (" + r.Name + ")" }

// tableLabel names the row's source: "Appendix 21A" or "the completion
// instructions".
func tableLabel(r datasetRow) string {
	if strings.HasPrefix(r.Note, "completion instructions") || strings.HasPrefix(r.Source, "https://www.gov.uk/government/publications/uk-trade-tariff-cds-volume-3") ||
		strings.Contains(r.Source, "completion-guide") {
		return "the completion instructions"
	}
	return "Appendix " + r.Appendix
}

// basis says why a row is mandatory, for a finding: "A, X in Appendix
// 21A", or for a row whose condition the message decided, the condition.
func basis(r datasetRow, level string, items []xsd.Element) string {
	if r.Symbol == "A" {
		return "A, " + level + " in " + tableLabel(r)
	}
	c, ok := datasetConditionOf(r)
	switch {
	case ok && len(c.When) > 0:
		proc, _ := mandatoryWhy(r, itemProcedures(items))
		return fmt.Sprintf(c.Says, proc) + " (" + r.Symbol + ", " + level + " " + r.Note + " in " + tableLabel(r) + ")"
	case ok:
		return c.Says + ", says " + tableLabel(r)
	}
	return level + " in " + tableLabel(r)
}

// missingCode is the code a mandatory row's DE reports when missing:
// CDS10001 at header (Y) or item (X) level, CDS12073 at either (X, Y);
// "" when the DE has no element of its own at the level(s) needed.
func missingCode(ix *datasetIndex, r datasetRow) string {
	head, item := len(ix.header[r.DE]) > 0, len(ix.item[r.DE]) > 0
	switch {
	case r.Level == "Y" && head, r.Level == "X" && item:
		return "CDS10001"
	case r.Level == "X, Y" && head && item:
		return "CDS12073"
	}
	return ""
}

// missingGaps reports an A row's DE missing at its level: CDS10001 at
// header level (Y) or on each goods item (X), CDS12073 on each goods item
// lacking it when it may be at either level (X, Y) and the header lacks it.
func missingGaps(ix *datasetIndex, pres presence, decl xsd.Element, items []xsd.Element, r datasetRow) []datasetGap {
	if missingCode(ix, r) == "" {
		return nil
	}
	head, item := ix.header[r.DE], ix.item[r.DE]
	mk := func(code string, at xsd.Element, message func() string) datasetGap {
		return datasetGap{Category: r.Category, DE: r.DE, Code: code, At: at, message: message}
	}
	switch r.Level {
	case "Y":
		if len(head) == 0 || pres.present(decl, "Declaration", head) {
			return nil
		}
		e := bestOf(head)
		return []datasetGap{mk("CDS10001", nearest(decl, relPath(e.Path, "Declaration")), func() string {
			return fmt.Sprintf("%s is missing: the %s data set makes it mandatory at header level (%s); CDS rejects this with CDS10001 (Obligation Error: Mandatory Data Element has not been provided); declare %s (WCO %s)",
				rowLabel(r), r.Category, basis(r, "Y", items), e.Path, wcoPointer(e.Path))
		})}
	case "X":
		if len(item) == 0 {
			return nil
		}
		e := bestOf(item)
		rel := relPath(e.Path, goodsItemPath)
		lacks := func(it xsd.Element) bool { return !pres.present(it, goodsItemPath, item) }
		return perItem(r, "CDS10001", "missing from", items, lacks, func(i int, it xsd.Element) datasetGap {
			return mk("CDS10001", nearest(it, rel), func() string {
				return fmt.Sprintf("%s is missing from goods item %d: the %s data set makes it mandatory on every goods item (%s); CDS rejects this with CDS10001 (Obligation Error: Mandatory Data Element has not been provided); declare %s (WCO %s) on this item",
					rowLabel(r), i+1, r.Category, basis(r, "X", items), e.Path, wcoPointer(e.Path))
			})
		})
	case "X, Y":
		if len(item) == 0 || len(head) == 0 || pres.present(decl, "Declaration", head) {
			return nil
		}
		e, h := bestOf(item), bestOf(head)
		rel := relPath(e.Path, goodsItemPath)
		lacks := func(it xsd.Element) bool { return !pres.present(it, goodsItemPath, item) }
		return perItem(r, "CDS12073", "missing from", items, lacks, func(i int, it xsd.Element) datasetGap {
			return mk("CDS12073", nearest(it, rel), func() string {
				return fmt.Sprintf("%s is missing from goods item %d and from the header: the %s data set makes it mandatory at header or item level (%s); CDS rejects this with CDS12073 (Relation Error: Data Element must be supplied at header or item level); declare %s (WCO %s) once for the declaration, or %s on every goods item",
					rowLabel(r), i+1, r.Category, basis(r, `"X, Y"`, items), h.Path, wcoPointer(h.Path), e.Path)
			})
		})
	}
	return nil
}

// datasetMaxItemFindings is how many goods items one row reports one by
// one; the further items lacking the DE share one finding, so that a
// declaration of 999 bare items gets tens of findings, not thousands.
const datasetMaxItemFindings = 10

// perItem reports one finding (made by one) on each goods item hit
// selects, for the first datasetMaxItemFindings of them, and one finding
// for the rest, on the first of the rest, saying the DE is so ("missing
// from", "declared on") on them.
func perItem(r datasetRow, code, so string, items []xsd.Element, hit func(xsd.Element) bool, one func(int, xsd.Element) datasetGap) []datasetGap {
	var gaps []datasetGap
	var more []string
	var at xsd.Element
	for i, it := range items {
		if !hit(it) {
			continue
		}
		if len(gaps) < datasetMaxItemFindings {
			gaps = append(gaps, one(i, it))
			continue
		}
		if len(more) == 0 {
			at = it
		}
		more = append(more, fmt.Sprint(i+1))
	}
	if len(more) > 0 {
		list := strings.Join(more[:min(len(more), 20)], ", ")
		if len(more) > 20 {
			list += " ..."
		}
		gaps = append(gaps, datasetGap{Category: r.Category, DE: r.DE, Code: code, At: at, message: func() string {
			return fmt.Sprintf("%s is %s %d more goods items (%s): CDS rejects each with %s, as the first %d findings say",
				rowLabel(r), so, len(more), list, code, datasetMaxItemFindings)
		}})
	}
	return gaps
}

// bothLevelGaps reports a single-valued DE declared at header level and
// on a goods item (CDS12071), at each such item.
func bothLevelGaps(ix *datasetIndex, pres presence, decl xsd.Element, items []xsd.Element, r datasetRow) []datasetGap {
	head, item := ix.header[r.DE], ix.item[r.DE]
	if len(head) == 0 || len(item) == 0 || !pres.present(decl, "Declaration", head) {
		return nil
	}
	h := bestOf(head)
	has := func(it xsd.Element) bool { return pres.present(it, goodsItemPath, item) }
	return perItem(r, "CDS12071", "declared at header level and on", items, has, func(i int, it xsd.Element) datasetGap {
		at := it
		for _, e := range item {
			if found := elementsAt(it, relPath(e.Path, goodsItemPath)); len(found) > 0 {
				at = found[0]
				break
			}
		}
		return datasetGap{Category: r.Category, DE: r.DE, Code: "CDS12071", At: at,
			message: func() string {
				return fmt.Sprintf("%s is declared on goods item %d and at header level (%s): it is given once, at header level when it is the same for every item, otherwise on each item; CDS rejects both with CDS12071 (Relation Error: Data Element must be supplied at either header or item level and cannot be declared at both levels); remove one",
					rowLabel(r), i+1, h.Path)
			}}
	})
}

// notAllowedGaps reports, for a category whose whole table is held, the
// first element found of each DE the table excludes (excludedElements).
func notAllowedGaps(ix *datasetIndex, pres presence, decl xsd.Element, rows map[string]datasetRow, cat string) []datasetGap {
	var gaps []datasetGap
	reported := map[string]bool{}
	for _, e := range ix.excluded[cat] {
		if reported[e.DE] || !pres.present(decl, "Declaration", []deElement{e}) {
			continue
		}
		found := elementsAt(decl, relPath(e.Path, "Declaration"))
		if len(found) == 0 {
			continue
		}
		reported[e.DE] = true
		gaps = append(gaps, datasetGap{Category: cat, DE: e.DE, Code: "CDS10002", At: found[0],
			message: func() string {
				return fmt.Sprintf("%s (DE %s, %s) is not in the %s data set: %s lists no DE %s for %s; CDS rejects this with CDS10002 (Obligation Error: Data Element is not allowed); remove it",
					e.Path, e.DE, e.Name, cat, appendixOf(rows), e.DE, cat)
			}})
	}
	return gaps
}

// sharedWithTable reports whether path, an element inside it or one it
// sits in is also mapped to a DE the table lists (H1's WriteOff, DE 8/7,
// sits in AdditionalDocument, DE 2/3, and the H1 table says 8/7 is part of
// 2/3 there).
func sharedWithTable(ix *datasetIndex, path string, inTable func(string) bool) bool {
	for p := path; ; { // path and the paths it sits in
		if slices.ContainsFunc(ix.owners[p], inTable) {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	// The paths inside it: a run of the sorted paths.
	inside := path + "/"
	k, _ := slices.BinarySearch(ix.ownerPaths, inside)
	for ; k < len(ix.ownerPaths) && strings.HasPrefix(ix.ownerPaths[k], inside); k++ {
		if slices.ContainsFunc(ix.owners[ix.ownerPaths[k]], inTable) {
			return true
		}
	}
	return false
}

// appendixOf names the appendix of a category's rows.
func appendixOf(rows map[string]datasetRow) string {
	for _, de := range sortedDEs(rows) {
		if a := rows[de].Appendix; a != "" {
			return "Appendix " + a
		}
	}
	return "its data set"
}

// wcoPointers caches wcoPointer: the paths are the data-set table's, a
// fixed few hundred.
var wcoPointers sync.Map // path -> pointer

// wcoPointer is the WCO pointer of a declaration element path, as DMS
// writes it: 42A/67A/68A/23A/65A/128. Parts the model does not know are
// given by name.
func wcoPointer(path string) string {
	if p, ok := wcoPointers.Load(path); ok {
		return p.(string)
	}
	p := buildWCOPointer(path)
	wcoPointers.Store(path, p)
	return p
}

// buildWCOPointer is wcoPointer without the cache.
func buildWCOPointer(path string) string {
	pm, err := pointerIndex()
	if err != nil || pm.root == nil {
		return path
	}
	parts := strings.Split(path, "/")
	out := []string{pm.root.id}
	c := pm.root
	for _, name := range parts[1:] {
		next := childClass(c, name)
		if next != nil {
			out = append(out, next.id)
			c = next
			continue
		}
		tag := name
		for id, n := range c.items {
			if n == name {
				tag = id
			}
		}
		out = append(out, tag)
		break
	}
	return strings.Join(out, "/")
}

// childClass returns c's child class with this element name.
func childClass(c *wcoClass, name string) *wcoClass {
	for _, k := range c.classes {
		if k.name == name {
			return k
		}
	}
	return nil
}

// cdsDatasetDocTables ends the rule's documentation: the rows it checks and those it leaves out.
func cdsDatasetDocTables() string {
	var b strings.Builder
	b.WriteString(checkedRowsDoc())
	b.WriteString("\nRows not enforced, by category, DE and code: HMRC's schema-valid accepted declarations of the\ncategory (annotated samples, exports-frontend, the stub's example) depart from them; a row marked\nsupplementary is still enforced on other declarations:\n\n")
	for _, k := range sortedKeysOf(datasetNotEnforced) {
		ev := datasetNotEnforced[k]
		scope := ""
		if ev.Supplementary {
			scope = " supplementary (DE 1/2 Y, Z)"
		}
		fmt.Fprintf(&b, "- %s: %d of %d accepted%s declarations depart from it (%s).\n", k, ev.Lacking, ev.Of, scope, ev.Why)
	}
	return b.String()
}

// checkedRowsDoc lists, per category, the mandatory rows the rule checks
// (DE, code, the element and its WCO ID; "if" marks a decided condition)
// and the mandatory rows it cannot check for want of an element of their
// own.
func checkedRowsDoc() string {
	ix := datasets()
	var b strings.Builder
	b.WriteString("\nMandatory rows checked, by category (DE, code, element with its WCO ID; item/ is a goods item;\n\"if\" marks a condition decided from DE 1/10), and mandatory rows not checked for want of an element\nof their own:\n\n")
	var cats []string
	for _, r := range cdsDatasetRows {
		if !slices.Contains(cats, r.Category) {
			cats = append(cats, r.Category)
		}
	}
	for _, cat := range cats {
		b.WriteString(categoryDoc(ix, cat))
	}
	return b.String()
}

// categoryDoc is the line of checkedRowsDoc for one category.
func categoryDoc(ix *datasetIndex, cat string) string {
	var checked, unchecked, scenario []string
	for _, de := range ix.order[cat] {
		r := ix.rows[cat][de]
		_, cond := datasetConditionOf(r)
		if r.Symbol == "D" && !cond {
			scenario = append(scenario, de)
		}
		if r.Symbol != "A" && !cond {
			continue
		}
		code := missingCode(ix, r)
		if code == "" {
			unchecked = append(unchecked, de)
			continue
		}
		if cond {
			code += " if"
		}
		checked = append(checked, de+" "+code+" "+elementsDoc(ix, r))
	}
	whole := ""
	if ix.complete[cat] {
		var des []string
		for _, e := range ix.excluded[cat] {
			des = appendOnce(des, e.DE)
		}
		whole = ", whole table: CDS10002 for DE " + strings.Join(des, ", ")
	}
	line := fmt.Sprintf("- %s (%s%s): ", cat, appendixOf(ix.rows[cat]), whole)
	if len(checked) == 0 {
		checked = []string{"none"}
	}
	line += strings.Join(checked, "; ")
	if len(unchecked) > 0 {
		line += ". Not checked: " + strings.Join(unchecked, ", ")
	}
	if len(scenario) > 0 {
		line += ". D rows not checked (condition not decidable from the message): " + strings.Join(scenario, ", ")
	}
	return line + ".\n"
}

// elementsDoc names the elements a row is checked on, with their WCO IDs.
func elementsDoc(ix *datasetIndex, r datasetRow) string {
	var els []string
	for _, e := range append(slices.Clone(ix.header[r.DE]), ix.item[r.DE]...) {
		if r.Level == "Y" && e.Level == levelItem || r.Level == "X" && e.Level == levelHeader {
			continue
		}
		els = append(els, shortPath(e.Path)+" ("+e.WCOID+")")
	}
	return strings.Join(els, " or ")
}

// shortPath writes an element path from the goods item (item/...) or the
// Declaration.
func shortPath(path string) string {
	if rest, ok := strings.CutPrefix(path, goodsItemPath+"/"); ok {
		return "item/" + rest
	}
	return strings.TrimPrefix(path, "Declaration/")
}

// sortedKeysOf returns m's keys in order.
func sortedKeysOf(m map[string]datasetEvidence) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

const cdsDatasetDocText = `Checks an original declaration (FunctionCode 9) against the data set of its declaration category
(H1, B1, I1 C&F ...: derived from DE 1/1, 1/2, 1/10 and 1/11 as the category package does). The data sets
are UK Trade Tariff Volume 3, Appendices 21-24 "Declaration Category Data Sets" and the completion
instructions; the table (rules/cds_datasets_gen.go, generated from the shared category-datasets.csv and
datasets/category-datasets-extra.csv) names the source of every row. A DE is found in the message
through datasets/de-elements.csv: the DMS element paths HMRC's annotated samples name the DE on.

- CDS10001 (Obligation Error: Mandatory Data Element has not been provided): a DE marked A at header
  level (Y) is missing from the declaration, or one marked A at item level (X) is missing from a goods
  item. The finding sits on the nearest element present: the Declaration for a missing
  Declaration/ExitOffice (DE 5/12, WCO 42A/...), the GoodsMeasure for a missing
  Commodity/GoodsMeasure/NetNetWeightMeasure (DE 6/1, WCO 42A/67A/68A/23A/65A/128).
- CDS12073 (Data Element must be supplied at header or item level): a DE marked A at either level
  (X, Y) is missing from the header and from a goods item.
- Item-level findings: each row reports its first 10 goods items one by one and the further items
  in one finding (a declaration of 999 bare items gets about a hundred findings, not ten thousand).
- CDS12071 (Data Element must be supplied at either header or item level and cannot be declared at
  both levels): DE 5/8 (country of destination), 5/14 (country of dispatch/export) or 8/5 (nature of
  transaction), single values, declared at header level and on a goods item.
- CDS10002 (Obligation Error: Data Element is not allowed): only for a category whose whole table is
  held (H1, FSD), for an element mapped to a DE the table does not list, when neither the element,
  nor one inside it, nor one it sits in also belongs to a DE the table lists (so H1's
  AdditionalDocument/WriteOff, DE 8/7, counts as part of DE 2/3, as the H1 table's notes say). An
  element that belongs to no DE is never reported.

Rows that are not A are checked only where the message decides their condition from DE 1/10 or the
category (listed as "if" below: C21e 5/12, 7/2, 7/4 unless procedure 0019; C21i 7/2, 7/4 unless 0009;
B1, B2 6/1; the warehouse, DE 2/7, on H1, I1 C&F, B1 and C1 C&F when a goods item's requested or
previous procedure is 07, 71 or 78: reading note [11], "mandatory when a declaration is made to enter
to or discharge from Customs/Excise warehousing procedure or free zone", on GOV.UK's "Reading notes for
Declaration Category Data Sets"). Not checked: other D rows ("depends on the scenario"), C rows, rows with no symbol
(completion instructions giving other conditions), DEs that share their
element with another DE (1/1 and 1/2 both TypeCode; 1/10 and 1/11 GovernmentProcedure; 6/14-6/17
Classification/ID) and DEs no annotated sample names (e.g. 1/8, 3/17, 3/19, 3/25, 3/27, 3/37, 4/15).
Partial tables (all but H1 and FSD) are checked on the rows they hold.

Failing (an H1 goods item without its net mass, DE 6/1):

    <GovernmentAgencyGoodsItem>
      <Commodity><GoodsMeasure><GrossMassMeasure unitCode="KGM">10</GrossMassMeasure></GoodsMeasure></Commodity>
      ...

Passing:

    <GovernmentAgencyGoodsItem>
      <Commodity><GoodsMeasure><GrossMassMeasure unitCode="KGM">10</GrossMassMeasure>
        <NetNetWeightMeasure unitCode="KGM">9</NetNetWeightMeasure></GoodsMeasure></Commodity>
      ...
`

func init() {
	register(cdsDataset)
}
