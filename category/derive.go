package category

import (
	"sort"
	"strings"
)

//go:generate go run ./internal/factsgen/genfacts -in data/facts.csv -out facts_gen.go

// Fact is one row of data/facts.csv: a selection rule's fact and its source.
type Fact struct {
	ID         string   // stable name, e.g. "apc-1h7"
	Rule       string   // simplified, final, clearance, ccr-export, apc, special-fiscal, procedure
	Direction  string   // import or export
	Key        string   // DE 1/2 letter, requested procedure, APC, procedure code or "*"
	Category   Category // what the fact selects
	Evidence   string   // page, prototype, inferred, sample or oracle
	Source     string   // URL or repository@commit:path
	SourceDate string   // the source's version date, "undated" or the oracle's version
	Note       string   // what the source says
}

// Facts returns a copy of every fact the derivation uses.
func Facts() []Fact { return append([]Fact(nil), facts...) }

// Direction of a goods item: what DE 1/1 says, or for CO (special fiscal
// territories, both ways) what its procedure code says.
const (
	importDir = "import"
	exportDir = "export"
)

type factKey struct{ rule, dir, key string }

var index = func() map[factKey]Fact {
	m := make(map[factKey]Fact, len(facts))
	for _, f := range facts {
		m[factKey{f.Rule, f.Direction, f.Key}] = f
	}
	return m
}()

func lookup(rule, dir, key string) (Fact, bool) {
	f, ok := index[factKey{rule, dir, key}]
	return f, ok
}

// Declaration holds the values of a CDS declaration that decide its
// category.
type Declaration struct {
	// FunctionCode is the declaration's FunctionCode: only 9 (an original
	// declaration) has a category; amendments (13), cancellations (10),
	// goods presentations and notifications have none.
	FunctionCode string
	// TypeCode is Declaration/TypeCode: DE 1/1 (IM, EX, CO) followed by
	// DE 1/2 (A ... Z), e.g. "IMA".
	TypeCode string
	// Items are the goods items in document order.
	Items []Item
}

// Item holds one goods item's procedure codes.
type Item struct {
	// Procedure is DE 1/10: the requested procedure (CurrentCode) followed
	// by the previous procedure (PreviousCode), e.g. "4071".
	Procedure string
	// Additional are the DE 1/11 additional procedure codes, e.g. "1H7".
	Additional []string
}

// Status says what Derive could tell.
type Status int

const (
	// Derived: every item derives the same category.
	Derived Status = iota
	// NotApplicable: not an original declaration (FunctionCode other
	// than 9); no category exists.
	NotApplicable
	// Unknown: DE 1/1, DE 1/2 or an item's procedure decides no category
	// (a malformed or unlisted code, or no goods item).
	Unknown
	// Mixed: the items derive different categories; CDS rejects the
	// declaration with CDS11005.
	Mixed
)

// ItemResult is one goods item's derivation.
type ItemResult struct {
	Category Category // "" when the item decides no category
	Fact     string   // the ID of the fact that selected it, "" if none
	Why      string   // why no category, when Category is ""
}

// Result is the derivation of a declaration.
type Result struct {
	Status   Status
	Category Category     // the declaration's category when Status is Derived
	Items    []ItemResult // one per goods item
	Why      string       // why no category, when Status is not Derived
}

// Distinct returns the distinct categories the items derived, sorted;
// for a Mixed result they are what the CDS11005 finding names.
func (r Result) Distinct() []Category {
	seen := map[Category]bool{}
	var out []Category
	for _, it := range r.Items {
		if it.Category != "" && !seen[it.Category] {
			seen[it.Category] = true
			out = append(out, it.Category)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Derive returns the category of d and of each of its goods items. It is
// a pure function of d.
func Derive(d Declaration) Result {
	if strings.TrimSpace(d.FunctionCode) != "9" {
		return Result{Status: NotApplicable, Why: "only an original declaration (FunctionCode 9) has a category"}
	}
	tc := strings.ToUpper(strings.TrimSpace(d.TypeCode))
	if len(tc) != 3 {
		return Result{Status: Unknown, Why: "TypeCode is not DE 1/1 (2 letters) + DE 1/2 (1 letter)"}
	}
	dt, adt := tc[:2], tc[2:]
	if dt != "IM" && dt != "EX" && dt != "CO" {
		return Result{Status: Unknown, Why: "DE 1/1 " + dt + " is not IM, EX or CO"}
	}
	if len(d.Items) == 0 {
		return Result{Status: Unknown, Why: "no goods item"}
	}
	res := Result{Items: make([]ItemResult, len(d.Items))}
	for i, it := range d.Items {
		res.Items[i] = deriveItem(dt, adt, it)
	}
	return settle(res)
}

// settle decides the declaration's status from its items'.
func settle(res Result) Result {
	for _, it := range res.Items {
		if it.Category == "" {
			res.Status, res.Why = Unknown, it.Why
			return res
		}
	}
	if cats := res.Distinct(); len(cats) > 1 {
		res.Status = Mixed
		res.Why = "the goods items derive different categories (CDS11005)"
		return res
	}
	res.Status, res.Category = Derived, res.Items[0].Category
	return res
}

// deriveItem applies the selection rules to one goods item, in order:
// DE 1/2 decides the family (clearance request, final supplementary,
// simplified, standard or supplementary); within the standard family the
// additional procedure codes (H7, H8), then DE 1/1 CO (H5, B4), then the
// requested procedure decide.
func deriveItem(dt, adt string, it Item) ItemResult {
	proc := strings.ToUpper(strings.TrimSpace(it.Procedure))
	if len(proc) != 4 {
		return ItemResult{Why: "DE 1/10 is not a 4-character procedure code"}
	}
	requested := proc[:2]
	dir, ok := direction(dt, proc)
	if !ok {
		return ItemResult{Why: "DE 1/1 CO with procedure " + proc + ": no listed fact tells import from export"}
	}
	switch adt {
	case "J", "K":
		return clearance(dir, requested)
	case "Q":
		return fromFact(lookup("final", dir, adt))
	case "B", "C", "E", "F":
		return fromFact(lookup("simplified", dir, adt))
	case "A", "D", "X", "Y", "Z":
		return standard(dt, dir, requested, it.Additional)
	}
	return ItemResult{Why: "DE 1/2 " + adt + " selects no category"}
}

// direction tells an item's direction: IM imports, EX exports; CO (a
// special fiscal territory) goes either way, told by the procedure code's
// facts (requested procedure, or the export clearance request codes).
func direction(dt, proc string) (string, bool) {
	switch dt {
	case "IM":
		return importDir, true
	case "EX":
		return exportDir, true
	}
	requested := proc[:2]
	if requested == "00" {
		if _, ok := lookup("ccr-export", exportDir, proc); ok {
			return exportDir, true
		}
		return importDir, true
	}
	for _, rule := range []string{"special-fiscal", "procedure"} {
		if _, ok := lookup(rule, importDir, requested); ok {
			return importDir, true
		}
		if _, ok := lookup(rule, exportDir, requested); ok {
			return exportDir, true
		}
	}
	return "", false
}

// clearance selects the C21 category of a DE 1/2 J or K item: the
// inventory procedure codes (requested procedure 00) make a customs
// clearance request; any other procedure code an EIDR notification of
// presentation.
func clearance(dir, requested string) ItemResult {
	if requested == "00" {
		return fromFact(lookup("clearance", dir, "00"))
	}
	return fromFact(lookup("clearance", dir, "*"))
}

// standard selects the category of a standard or supplementary item.
func standard(dt, dir, requested string, apcs []string) ItemResult {
	if dir == importDir {
		if r, ok := byAPC(apcs, H7); ok {
			return r
		}
		if r, ok := byAPC(apcs, H8); ok {
			return r
		}
	}
	if dt == "CO" {
		if f, ok := lookup("special-fiscal", dir, requested); ok {
			return fromFact(f, true)
		}
	}
	if f, ok := lookup("procedure", dir, requested); ok {
		return fromFact(f, true)
	}
	return ItemResult{Why: "requested procedure " + requested + " selects no " + dir + " category"}
}

// byAPC returns the first additional procedure code fact selecting want.
func byAPC(apcs []string, want Category) (ItemResult, bool) {
	for _, a := range apcs {
		f, ok := lookup("apc", importDir, strings.ToUpper(strings.TrimSpace(a)))
		if ok && f.Category == want {
			return fromFact(f, true), true
		}
	}
	return ItemResult{}, false
}

func fromFact(f Fact, ok bool) ItemResult {
	if !ok {
		return ItemResult{Why: "no fact selects a category for this DE 1/1, DE 1/2 and procedure"}
	}
	return ItemResult{Category: f.Category, Fact: f.ID}
}
