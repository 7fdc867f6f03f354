package validate_test

import (
	"context"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/memtest"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Test bundles written for these tests (testdata/schemas/README.md).
var (
	cdsMini = filepath.Join("..", "testdata", "schemas", "cds-mini")
	p4Mini  = filepath.Join("..", "testdata", "schemas", "ctc-p4-mini")
	p5Mini  = filepath.Join("..", "testdata", "schemas", "ctc-p5-mini")
	p6Mini  = filepath.Join("..", "testdata", "schemas", "ctc-p6-mini")
)

// newEngine makes an engine for the tests of the engine's own stages: the
// business rules (cds-*, ctc-*), tested in package rules, are off unless the
// test selects rules itself.
func newEngine(t testing.TB, opts validate.Options) *validate.Engine {
	t.Helper()
	if len(opts.Select) == 0 && opts.Rules == nil {
		opts.Disable = append(append([]string(nil), opts.Disable...), "cds-*", "ctc-*")
	}
	e, err := validate.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func check(t testing.TB, e *validate.Engine, src string) validate.FileReport {
	t.Helper()
	rep, err := e.Check(context.Background(), "msg.xml", []byte(src))
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return rep
}

// want describes one expected finding; Message is a substring.
type want struct {
	Rule     string
	Severity rules.Severity
	Line     int
	Column   int
	Path     string
	Message  string
}

func matchFindings(t *testing.T, got []validate.Finding, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wants), dump(got))
	}
	for i, w := range wants {
		g := got[i]
		if g.Rule != w.Rule || g.Severity != w.Severity || g.Line != w.Line || g.Column != w.Column || g.Path != w.Path || !strings.Contains(g.Message, w.Message) {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func dump(fs []validate.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  ")
		b.WriteString(strings.Join([]string{f.Rule, string(f.Severity), f.Path, f.Message}, " | "))
		b.WriteString("\n")
	}
	return b.String()
}

const (
	declHead = `<md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
  <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
  <Declaration>
`
	declTail = `  </Declaration>
</md:MetaData>
`
)

func decl(body string) string { return declHead + body + declTail }

// at returns the 1-based line and column of the first occurrence of needle
// (ASCII sources).
func at(src, needle string) (int, int) {
	i := strings.Index(src, needle)
	if i < 0 {
		panic("needle not in source: " + needle)
	}
	line := strings.Count(src[:i], "\n") + 1
	return line, i - strings.LastIndex(src[:i], "\n")
}

func wantAt(src, needle string, w want) want {
	w.Line, w.Column = at(src, needle)
	return w
}

var invalidDecl = decl("    <FunctionCode>9</FunctionCode>\n    <FunctionalReferenceID>THIS-REFERENCE-IS-LONGER-THAN-35-CHARS</FunctionalReferenceID>\n    <TypeCode>IMZ</TypeCode>\n" +
	`    <GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric><StatisticalValueAmount currencyID="gbp">1</StatisticalValueAmount></GovernmentAgencyGoodsItem><GovernmentAgencyGoodsItem><SequenceNumeric>0</SequenceNumeric></GovernmentAgencyGoodsItem></GoodsShipment>` + "\n")

func TestDetectionAndValidation(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{cdsMini, p4Mini, p6Mini}})
	cases := []struct {
		name, src, profile, msgType string
		findings                    []want
	}{
		{"cds declaration valid", decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n"), "cds", "CDS-DEC", nil},
		{"cds declaration invalid", invalidDecl, "cds", "CDS-DEC", []want{
			wantAt(invalidDecl, "<FunctionalReferenceID>", want{Rule: rules.XSDID, Severity: rules.Error, Path: "/MetaData/Declaration/FunctionalReferenceID", Message: "Element 'FunctionalReferenceID': [facet 'maxLength'] The value has a length of '38'"}),
			wantAt(invalidDecl, `currencyID="gbp"`, want{Rule: rules.XSDID, Severity: rules.Error, Path: "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/StatisticalValueAmount/@currencyID", Message: "Element 'StatisticalValueAmount', attribute 'currencyID': [facet 'pattern'] The value 'gbp' is not accepted by the pattern '[A-Z]{3}'"}),
			wantAt(invalidDecl, "<SequenceNumeric>0", want{Rule: rules.XSDID, Severity: rules.Error, Path: "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/SequenceNumeric", Message: "'0' is not a valid value"}),
		}},
		{"cds amendment uses the submission schema", decl("    <FunctionCode>13</FunctionCode>\n    <ID>24GB000000000000A1</ID>\n    <TypeCode>COR</TypeCode>\n"), "cds", "CDS-COR", nil},
		{"cds goods presentation", decl("    <FunctionCode>13</FunctionCode>\n    <TypeCode>GPR</TypeCode>\n"), "cds", "CDS-GPR", nil},
		{"cds cancellation uses the cancel schema", decl("    <FunctionCode>13</FunctionCode>\n    <FunctionalReferenceID>LRN1</FunctionalReferenceID>\n    <ID>24GB000000000000A1</ID>\n    <TypeCode>INV</TypeCode>\n"),
			"cds", "CDS-INV", []want{{rules.XSDID, rules.Error, 3, 3, "/MetaData/Declaration", "Missing child element(s). Expected is ( ChangeReasonCode )"}}},
		{"cds unknown function", decl("    <FunctionCode>5</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n"), "cds", "UNKNOWN", []want{
			{rules.MessageTypeID, rules.Warning, 4, 5, "/MetaData/Declaration/FunctionCode", `FunctionCode "5" and TypeCode "IMZ"`},
			{rules.XSDID, rules.Error, 4, 5, "/MetaData/Declaration/FunctionCode", "is not an element of the set"},
		}},
		{"dms notification", `<MetaData xmlns="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns:r="urn:wco:datamodel:WCO:RES-DMS:2"><r:Response><r:FunctionCode>01</r:FunctionCode></r:Response></MetaData>`, "cds", "CDS-RES", nil},
		{"dms notification without namespaces", "<MetaData>\n  <Response><FunctionCode>01</FunctionCode></Response>\n</MetaData>", "cds", "CDS-RES", []want{
			{rules.XSDID, rules.Error, 1, 1, "/MetaData", "MetaData has no namespace, so a DMS notification cannot be validated"},
		}},
		{"mdg wrapper", `<v1:submitDeclarationRequest xmlns:v1="http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1">
  <v1:requestCommon/>
  <v1:requestDetail>
` + decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>imz</TypeCode>\n") + `  </v1:requestDetail>
</v1:submitDeclarationRequest>`, "cds", "CDS-DEC", []want{
			{rules.MessageTypeID, rules.Info, 1, 1, "/submitDeclarationRequest", "checked the MetaData it carries (line 4)"},
			{rules.XSDID, rules.Error, 8, 5, "/submitDeclarationRequest/requestDetail/MetaData/Declaration/TypeCode", "[facet 'pattern'] The value 'imz'"},
		}},
		{"ctc phase 4", "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA></CC015B>", "ctc-p4", "CC015B", nil},
		{"ctc phase 4 with a namespace", `<CC015B xmlns="http://ncts.dgtaxud.ec"/>`, "ctc-p4", "CC015B", []want{
			{rules.XSDID, rules.Error, 1, 1, "/CC015B", "has no namespace, but it is in namespace http://ncts.dgtaxud.ec"},
		}},
		{"ctc phase 6 by default", cc015c,
			"ctc-p6", "CC015C", []want{wantAt(cc015c, "<TransitOperation>", want{Rule: rules.XSDID, Severity: rules.Error, Path: "/CC015C/TransitOperation", Message: "reducedDatasetIndicator is missing in CC015C/TransitOperation"})}},
		{"ctc phase 5/6 without namespace", `<CC015C/>`, "ctc-p6", "CC015C", []want{
			{rules.XSDID, rules.Error, 1, 1, "/CC015C", "must be in namespace http://ncts.dgtaxud.ec, but it has no namespace"},
		}},
		{"ctc phase 5/6 in another namespace", `<CC015C xmlns="urn:x"/>`, "ctc-p6", "CC015C", []want{
			{rules.XSDID, rules.Error, 1, 1, "/CC015C", "CC015C is a CTC phase 5/6 message and must be in namespace http://ncts.dgtaxud.ec, but it is in namespace urn:x"},
		}},
		{"ctc message without schema in the bundles", `<CC044A/>`, "ctc-p4", "CC044A", []want{
			{rules.MessageTypeID, rules.Error, 1, 1, "/CC044A", "no schema for CC044A (profile ctc-p4) in --schemas"},
		}},
		{"inventory linking", `<inv:inventoryLinkingMovementRequest xmlns:inv="http://gov.uk/customs/inventoryLinking/v1"/>`, "", "UNKNOWN", []want{
			{rules.MessageTypeID, rules.Error, 1, 1, "/inventoryLinkingMovementRequest", "is an inventory linking message"},
		}},
		{"unknown root", "\n\n  <Invoice/>", "", "UNKNOWN", []want{
			{rules.MessageTypeID, rules.Error, 3, 3, "/Invoice", "unknown document element Invoice (no namespace)"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := check(t, e, c.src)
			if rep.Profile != c.profile || rep.MessageType != c.msgType {
				t.Errorf("profile %q type %q, want %q %q", rep.Profile, rep.MessageType, c.profile, c.msgType)
			}
			matchFindings(t, rep.Findings, c.findings)
		})
	}
}

const cc015c = `<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec"><messageSender>s</messageSender><messageRecipient>NTA.GB</messageRecipient><messageType>CC015C</messageType><TransitOperation><LRN>L</LRN></TransitOperation></ncts:CC015C>`

func TestCTCPhaseSelection(t *testing.T) {
	cases := []struct {
		name    string
		opts    validate.Options
		profile string
		errors  int
		msg     string
	}{
		{"auto picks phase 6", validate.Options{Schemas: []string{p5Mini, p6Mini}}, "ctc-p6", 1, "reducedDatasetIndicator"},
		{"--profile ctc-p5", validate.Options{Schemas: []string{p5Mini, p6Mini}, Profile: validate.ProfileCTCP5}, "ctc-p5", 0, ""},
		{"only a phase 5 bundle given", validate.Options{Schemas: []string{p5Mini}}, "ctc-p5", 0, ""},
		{"--profile ctc-p5 without a phase 5 bundle", validate.Options{Schemas: []string{p6Mini}, Profile: validate.ProfileCTCP5}, "ctc-p5", 1, "no schema for CC015C (profile ctc-p5)"},
		{"--profile cds", validate.Options{Schemas: []string{p6Mini}, Profile: validate.ProfileCDS}, "ctc-p6", 1, "CC015C is a CTC phase 6 message but --profile cds was given"},
		{"--profile ctc-p4", validate.Options{Schemas: []string{p6Mini}, Profile: validate.ProfileCTCP4}, "ctc-p6", 1, "--profile ctc-p4 was given"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := check(t, newEngine(t, c.opts), cc015c)
			if rep.Profile != c.profile || rep.Count(rules.Error) != c.errors {
				t.Fatalf("profile %s, %d errors; want %s, %d:\n%s", rep.Profile, rep.Count(rules.Error), c.profile, c.errors, dump(rep.Findings))
			}
			if c.msg != "" && !slices.ContainsFunc(rep.Findings, func(f validate.Finding) bool { return f.Severity == rules.Error && strings.Contains(f.Message, c.msg) }) {
				t.Errorf("no error says %q:\n%s", c.msg, dump(rep.Findings))
			}
		})
	}
}

func TestRuleSelection(t *testing.T) {
	bad := decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>x</TypeCode>\n")
	count := func(opts validate.Options, src string) map[string]int {
		opts.Schemas = []string{cdsMini}
		rep := check(t, newEngine(t, opts), src)
		n := map[string]int{}
		for _, f := range rep.Findings {
			n[f.Rule]++
		}
		return n
	}
	if got := count(validate.Options{}, bad); !cmp.Equal(got, map[string]int{"xsd": 1}) {
		t.Errorf("default: %v", got)
	}
	if got := count(validate.Options{Disable: []string{"xsd"}}, bad); len(got) != 0 {
		t.Errorf("--disable xsd: %v", got)
	}
	if got := count(validate.Options{Select: []string{"xsd"}}, "<Unknown/>"); !cmp.Equal(got, map[string]int{"message-type": 1}) {
		t.Errorf("--select xsd keeps message-type findings: %v", got)
	}
	if got := count(validate.Options{Disable: []string{"message-type"}}, "<Unknown/>"); len(got) != 0 {
		t.Errorf("--disable message-type: %v", got)
	}
	if got := count(validate.Options{Disable: []string{"xsd", "message-type"}}, "<a><b></a>"); got["xml"] == 0 {
		t.Errorf("xml findings are always reported: %v", got)
	}
	for _, o := range []validate.Options{
		{Select: []string{"no-such-rule"}},
		{Disable: []string{"xml"}},
		{Disable: []string{"zz-*"}},
		{Profile: "ctc-p9"},
		{Schemas: []string{t.TempDir()}},
		{Schemas: []string{filepath.Join(t.TempDir(), "missing")}},
	} {
		if _, err := validate.New(o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	if _, err := validate.New(validate.Options{Schemas: []string{t.TempDir()}}); !errors.Is(err, validate.ErrNotBundle) {
		t.Errorf("want ErrNotBundle, got %v", err)
	}
}

func TestPanickingRuleBecomesInternalFinding(t *testing.T) {
	reported := &rules.Rule{ID: "test-reports", Summary: "s", Doc: "d", Severity: rules.Warning, Check: func(p *rules.Pass) {
		p.Reportf(p.Root, "root is %s", p.Root.LocalName())
	}}
	panics := &rules.Rule{ID: "test-panics", Summary: "s", Doc: "d", Severity: rules.Error, Check: func(p *rules.Pass) {
		var m map[string]int
		//lint:ignore SA5000 the rule panics on purpose: the engine must turn the panic into a finding
		m["boom"]++ // assignment to a nil map
	}}
	all := append(rules.All(), panics, reported)
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: all})
	rep := check(t, e, "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN-1</RefNumHEA4></HEAHEA></CC015B>")
	matchFindings(t, rep.Findings, []want{
		{rules.InternalID, rules.Error, 1, 1, "/CC015B", "rule test-panics failed on this message: assignment to entry in nil map"},
		{"test-reports", rules.Warning, 1, 1, "/CC015B", "root is CC015B"},
	})
	if !strings.Contains(rep.Findings[0].Message, "engine_test.go") {
		t.Errorf("internal finding does not say where: %s", rep.Findings[0].Message)
	}
}

func TestBrokenBundleIsASchemaError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cc015b.xsd"), []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="CC015B" type="Missing"/></xs:schema>`), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, validate.Options{Schemas: []string{dir}})
	rep, err := e.Check(context.Background(), "m.xml", []byte("<CC015B/>"))
	if !errors.Is(err, validate.ErrSchema) || !strings.Contains(err.Error(), "cc015b.xsd") {
		t.Fatalf("want ErrSchema naming cc015b.xsd, got %v", err)
	}
	if rep.Count(rules.Error) != 1 || rep.Findings[0].Rule != rules.MessageTypeID {
		t.Fatalf("findings: %s", dump(rep.Findings))
	}
}

func TestConcurrentChecksMatchSerial(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{cdsMini, p4Mini, p6Mini}})
	msgs := []string{
		decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>IMZ</TypeCode>\n"),
		decl("    <FunctionCode>9</FunctionCode>\n    <TypeCode>1</TypeCode>\n"),
		cc015c,
		"<CC015B/>",
		"<a><b></a>",
		"",
	}
	want := make([]validate.FileReport, len(msgs))
	for i, m := range msgs {
		want[i] = check(t, e, m)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := (g*7 + i) % len(msgs)
				got, err := e.Check(context.Background(), "msg.xml", []byte(msgs[k]))
				if err != nil || !cmp.Equal(got, want[k]) {
					t.Errorf("goroutine %d message %d: %v %s", g, k, err, cmp.Diff(want[k], got))
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestCancelledContext(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Check(ctx, "m.xml", []byte("<CC015B/>")); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

// TestEngineRSSStaysFlat runs 10,000 checks through the whole pipeline
// (guard, parse, detection, schema validation) and requires flat RSS.
func TestEngineRSSStaysFlat(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{cdsMini, p4Mini, p6Mini}})
	msgs := [][]byte{[]byte(invalidDecl), []byte(cc015c), []byte("<CC015B><x></CC015B>"), []byte(decl("<FunctionCode>9</FunctionCode><TypeCode>IMZ</TypeCode>"))}
	round := func(n int) {
		for i := 0; i < n; i++ {
			if _, err := e.Check(context.Background(), "m.xml", msgs[i%len(msgs)]); err != nil {
				t.Fatal(err)
			}
		}
	}
	memtest.Flat(t, 16<<10, func() { round(1000) }, func() { round(10000) })
}

func TestSchemasFolderOneLevelTooHigh(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "v2.15", "customs")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "wrapper_submit.xsd"), []byte("<x/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := validate.New(validate.Options{Schemas: []string{dir}})
	if !errors.Is(err, validate.ErrNotBundle) || !strings.Contains(err.Error(), "did you mean "+filepath.Join(dir, "v2.15")+"?") {
		t.Fatalf("got %v", err)
	}
}

func TestInlineSuppression(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{cdsMini}})
	long := "<FunctionalReferenceID>THIS-REFERENCE-IS-LONGER-THAN-35-CHARS</FunctionalReferenceID>\n"
	cases := []struct {
		name, body string
		want       []want
	}{
		{"suppressed with a reason", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xsd old system reference, kept on purpose -->\n" + long + "<TypeCode>IMZ</TypeCode>\n", nil},
		{"an ancestor covers its subtree", "<FunctionCode>9</FunctionCode>\n<TypeCode>IMZ</TypeCode>\n<!-- customslint:ignore xsd,message-type item numbering under review -->\n<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>0</SequenceNumeric></GovernmentAgencyGoodsItem></GoodsShipment>\n", nil},
		{"no reason", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xsd -->\n" + long + "<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", "needs a rule and a reason"},
			{"xsd", rules.Error, 6, 1, "/MetaData/Declaration/FunctionalReferenceID", "maxLength"},
		}},
		{"unknown rule", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore cds-nope because -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", `"cds-nope" is not a rule (customslint rules lists them)`},
		}},
		{"misspelt rule", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xds because -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", `customslint:ignore: "xds" is not a rule (did you mean "xsd"?)`},
		}},
		{"xml cannot be suppressed", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xml because -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", "xml findings cannot be suppressed"},
		}},
		{"unknown directive", "<FunctionCode>9</FunctionCode>\n<!-- customslint:disable xsd -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", "unknown directive customslint:disable: customslint reads only <!-- customslint:ignore RULE[,RULE...] reason -->"},
		}},
		{"another word after ignore", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignored xsd because -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "", "unknown directive customslint:ignored:"},
		}},
		{"silences nothing", "<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xsd was too long once -->\n<TypeCode>IMZ</TypeCode>\n", []want{
			{"suppression", rules.Warning, 5, 0, "/MetaData/Declaration/TypeCode", "matches no finding on /MetaData/Declaration/TypeCode: remove it"},
		}},
		{"nothing follows", "<FunctionCode>9</FunctionCode>\n<TypeCode>IMZ</TypeCode>\n<!-- customslint:ignore xsd at the end -->\n", []want{
			{"suppression", rules.Warning, 6, 0, "", "no element follows this comment"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			matchFindings(t, check(t, e, decl(c.body)).Findings, c.want)
		})
	}
	quiet := newEngine(t, validate.Options{Schemas: []string{cdsMini}, Disable: []string{"suppression"}})
	if fs := check(t, quiet, decl("<FunctionCode>9</FunctionCode>\n<!-- customslint:ignore xsd was too long once -->\n<TypeCode>IMZ</TypeCode>\n")).Findings; len(fs) != 0 {
		t.Errorf("--disable suppression: %s", dump(fs))
	}
}

func newRand() *rand.Rand { return rand.New(rand.NewSource(42)) }
