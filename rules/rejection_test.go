package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// rejectionRun checks messages the way customslint check orders a run
// with notifications: the facts of every message and of the context
// messages collected, the corpus frozen, then every message checked. It returns the reports by name.
func rejectionRun(t *testing.T, now time.Time, checked, contextOnly map[string][]byte) map[string]validate.FileReport {
	t.Helper()
	corpus := validate.NewCorpus()
	eng, err := validate.New(validate.Options{Now: now, RuleConfig: rules.Config{Corpus: corpus}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()
	out := map[string]validate.FileReport{}
	for name, data := range checked {
		facts, err := eng.InputFacts(ctx, name, data)
		if err != nil {
			t.Fatal(err)
		}
		corpus.AddFacts(facts...)
	}
	for name, data := range contextOnly {
		facts, err := eng.Facts(ctx, name, data)
		if err != nil {
			t.Fatal(err)
		}
		corpus.AddFacts(facts...)
	}
	corpus.Freeze()
	for name := range checked {
		rep, err := eng.Check(ctx, name, checked[name])
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rep
	}
	return out
}

// rejectionFindings are a report's findings of the rejection rule.
func rejectionFindings(rep validate.FileReport) []validate.Finding {
	var out []validate.Finding
	for _, f := range rep.Findings {
		if f.Rule == "rejection" {
			out = append(out, f)
		}
	}
	return out
}

func readOfficial(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(oracle.OfficialDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRejectionOfficialCDS checks each of HMRC's rejected declarations
// with its DMSREJ: one rejection error on the declaration, with the code
// the DMSREJ gives, on the element its pointer names (the nearest present
// ancestor where it is missing; the Declaration without pointer; the
// ExitOffice for the legacy 42A/67A/56A pointer), naming the rule that
// catches it; none on the notification. TT_IM014a's DMSREJ carries
// another LRN than its declaration (TT_IM14a_v2.1_2608_01 for
// TT_IM14a_v2.1_2306_01): the test gives it the declaration's.
func TestRejectionOfficialCDS(t *testing.T) {
	off := oracle.OfficialDir(t)
	for _, c := range cdsRejected {
		t.Run(filepath.Base(c.decl), func(t *testing.T) {
			decl := readOfficial(t, filepath.Join("cds", c.decl))
			rej := readOfficial(t, filepath.Join("cds", c.rej))
			if strings.Contains(c.decl, "TT_IM014a") {
				if !strings.Contains(string(rej), ">TT_IM14a_v2.1_2608_01<") {
					t.Fatal("TT_IM014a's DMSREJ no longer carries LRN TT_IM14a_v2.1_2608_01")
				}
				rej = []byte(strings.Replace(string(rej), ">TT_IM14a_v2.1_2608_01<", ">TT_IM14a_v2.1_2306_01<", 1))
			}
			reps := rejectionRun(t, c.now, map[string][]byte{"decl.xml": decl, "rej.xml": rej}, nil)
			if fs := rejectionFindings(reps["rej.xml"]); len(fs) != 0 {
				t.Errorf("findings on the notification: %+v", fs)
			}
			// TT_IM014a's DMSREJ holds two CDS12077 errors besides
			// CDS12016, which no rule catches.
			fs := rejectionFindings(reps["decl.xml"])
			want := 1
			if strings.Contains(c.decl, "TT_IM014a") {
				want = 3
			}
			if len(fs) != want {
				t.Fatalf("%d rejection findings on %s, want %d: %+v", len(fs), c.decl, want, fs)
			}
			var f validate.Finding
			for _, g := range fs {
				switch {
				case g.Code == c.code:
					f = g
				case !strings.Contains(g.Message, "no customslint rule catches this yet"):
					t.Errorf("%s: says a rule catches it: %s", g.Code, g.Message)
				}
			}
			if f.Severity != rules.Error || f.Code != c.code || !strings.HasSuffix(f.Path, c.path) {
				t.Errorf("got %s %s at %s, want error %s at ...%s: %s", f.Severity, f.Code, f.Path, c.code, c.path, f.Message)
			}
			if !strings.Contains(f.Message, "customslint's ") || !strings.Contains(f.Message, c.rule) || !strings.Contains(f.Message, "rej.xml, "+c.now.Format(time.RFC3339)) {
				t.Errorf("message does not name %s, the notification and its time: %s", c.rule, f.Message)
			}
			// The finding is where the rule that catches it reports.
			found := false
			for _, g := range reps["decl.xml"].Findings {
				found = found || g.Rule == c.rule && g.Line == f.Line && g.Code == c.code
			}
			if !found {
				t.Errorf("no %s finding at line %d beside the rejection", c.rule, f.Line)
			}
			_ = off
		})
	}
}

// tt1NetMass is the Trade Test 1 import rejected for a missing net mass.
var tt1NetMass = cdsRejected[4]

// TestRejectionContextOnly puts the declaration in --context: the finding
// goes on the notification's Error, naming the declaration and the line of
// the element the pointer names.
func TestRejectionContextOnly(t *testing.T) {
	c := tt1NetMass
	decl := readOfficial(t, filepath.Join("cds", c.decl))
	rej := readOfficial(t, filepath.Join("cds", c.rej))
	reps := rejectionRun(t, c.now, map[string][]byte{"rej.xml": rej}, map[string][]byte{"ctx/decl.xml": decl})
	fs := rejectionFindings(reps["rej.xml"])
	if len(fs) != 1 {
		t.Fatalf("%d findings on the notification, want 1: %+v", len(fs), fs)
	}
	line := lineOf(t, decl, "<GoodsMeasure>", 1)
	want := fmt.Sprintf("in ctx/decl.xml:%d (read for context, not checked): CDS rejected this", line)
	if fs[0].Code != "CDS10001" || fs[0].Line != lineOf(t, rej, "<_2_1:Error>", 1) || !strings.Contains(fs[0].Message, want) {
		t.Errorf("got %s at line %d: %s; want CDS10001 on the Error with %q", fs[0].Code, fs[0].Line, fs[0].Message, want)
	}
}

// lineOf is the line of the nth occurrence of s in data.
func lineOf(t *testing.T, data []byte, s string, n int) int {
	t.Helper()
	off := 0
	for range n {
		i := strings.Index(string(data[off:]), s)
		if i < 0 {
			t.Fatalf("%q not found %d times", s, n)
		}
		off += i + len(s)
	}
	return strings.Count(string(data[:off]), "\n") + 1
}

// asAmendment makes a declaration an amendment (FunctionCode 13, TypeCode
// COR) with the same LRN.
func asAmendment(t *testing.T, decl []byte) []byte {
	t.Helper()
	s := string(decl)
	for _, r := range [][2]string{{"<FunctionCode>9</FunctionCode>", "<FunctionCode>13</FunctionCode>"}} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("declaration lacks %s", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	i := strings.Index(s, "</FunctionalReferenceID>")
	j := strings.Index(s[i:], "<TypeCode>")
	k := strings.Index(s[i+j:], "</TypeCode>")
	return []byte(s[:i+j] + "<TypeCode>COR" + s[i+j+k:])
}

// TestRejectionAmbiguous: a declaration and its amendment share the LRN.
// The DMSREJ of version 1 answers the declaration; of version 2 the
// amendment; two declarations with the LRN get it both, with the match
// said to be ambiguous.
func TestRejectionAmbiguous(t *testing.T) {
	c := tt1NetMass
	decl := readOfficial(t, filepath.Join("cds", c.decl))
	rej := readOfficial(t, filepath.Join("cds", c.rej))
	amend := asAmendment(t, decl)
	v2 := []byte(strings.Replace(string(rej), "<_2_1:VersionID>1<", "<_2_1:VersionID>2<", 1))
	for _, k := range []struct {
		name  string
		files map[string][]byte
		want  map[string]int
		amb   bool
	}{
		{"version 1", map[string][]byte{"a-decl.xml": decl, "b-amend.xml": amend, "rej.xml": rej}, map[string]int{"a-decl.xml": 1, "b-amend.xml": 0}, false},
		{"version 2", map[string][]byte{"a-decl.xml": decl, "b-amend.xml": amend, "rej.xml": v2}, map[string]int{"a-decl.xml": 0, "b-amend.xml": 1}, false},
		{"two declarations", map[string][]byte{"a-decl.xml": decl, "b-decl.xml": decl, "rej.xml": rej}, map[string]int{"a-decl.xml": 1, "b-decl.xml": 1}, true},
	} {
		t.Run(k.name, func(t *testing.T) {
			reps := rejectionRun(t, c.now, k.files, nil)
			if reps["b-amend.xml"].MessageType != "" && reps["b-amend.xml"].MessageType != "CDS-COR" {
				t.Fatalf("the amendment is detected as %s", reps["b-amend.xml"].MessageType)
			}
			for name, n := range k.want {
				fs := rejectionFindings(reps[name])
				if len(fs) != n {
					t.Errorf("%s: %d findings, want %d: %+v", name, len(fs), n, fs)
					continue
				}
				for _, f := range fs {
					if got := strings.Contains(f.Message, "the match is ambiguous"); got != k.amb {
						t.Errorf("%s: ambiguous %v, want %v: %s", name, got, k.amb, f.Message)
					}
				}
			}
		})
	}
}

// ie056 is an NCTS rejection of the CC015C with this LRN.
func ie056(lrn, correlation string, errs ...[3]string) []byte {
	var b strings.Builder
	b.WriteString(`<ncts:CC056C PhaseID="NCTS5.0" xmlns:ncts="http://ncts.dgtaxud.ec">
  <messageSender>NCTS</messageSender>
  <messageRecipient>TRADER</messageRecipient>
  <preparationDateAndTime>2024-03-01T10:00:00</preparationDateAndTime>
  <messageIdentification>REJ0001</messageIdentification>
  <messageType>CC056C</messageType>
  <correlationIdentifier>` + correlation + `</correlationIdentifier>
  <TransitOperation>
    <LRN>` + lrn + `</LRN>
    <businessRejectionType>015</businessRejectionType>
    <rejectionDateAndTime>2024-03-01T10:00:00</rejectionDateAndTime>
    <rejectionCode>12</rejectionCode>
  </TransitOperation>
  <CustomsOfficeOfDeparture><referenceNumber>GB000060</referenceNumber></CustomsOfficeOfDeparture>
  <HolderOfTheTransitProcedure><identificationNumber>GB123456789000</identificationNumber></HolderOfTheTransitProcedure>
`)
	for _, e := range errs {
		fmt.Fprintf(&b, "  <FunctionalError>\n    <errorPointer>%s</errorPointer>\n    <errorCode>%s</errorCode>\n    <errorReason>%s</errorReason>\n  </FunctionalError>\n", e[0], e[1], e[2])
	}
	b.WriteString("</ncts:CC056C>\n")
	return []byte(b.String())
}

// TestRejectionCTC reads IE056 errorPointers with positions back onto
// HMRC's phase 5 and 6 CC015C examples, matched by LRN: the element named,
// or its nearest present ancestor; the rule or condition errorReason
// names is the code, with the customslint rule that checks it.
func TestRejectionCTC(t *testing.T) {
	for _, phase := range []string{"phase5", "phase6"} {
		t.Run(phase, func(t *testing.T) {
			sent := readOfficial(t, filepath.Join("ctc", phase, "examples/xml/cc015c-valid.xml"))
			lrn := between(t, sent, "<LRN>", "</LRN>")
			rej := ie056(lrn, "",
				[3]string{"/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Commodity/descriptionOfGoods", "12", "R0028"},
				[3]string{"/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/descriptionOfGoods", "13", "C0467"},
				[3]string{"/CC015C/TransitOperation/LRN", "12", "not a rule"},
				[3]string{"/CC015C/TransitOperation/declarationType", "12", "CL231"})
			other := ie056("OTHER-LRN", "", [3]string{"/CC015C/TransitOperation/LRN", "12", "R0028"})
			reps := rejectionRun(t, time.Time{}, map[string][]byte{"cc015c.xml": sent, "cc056c.xml": rej, "other056.xml": other}, nil)
			fs := rejectionFindings(reps["cc015c.xml"])
			if len(fs) != 4 {
				t.Fatalf("%d findings, want 4: %+v", len(fs), fs)
			}
			byCode := map[string]validate.Finding{}
			for _, f := range fs {
				if strings.Contains(f.Message, "errorReason CL231") {
					if !strings.Contains(f.Message, "customslint's ctc-codelist checks this against CL231") || f.Line != lineOf(t, sent, "<declarationType>", 1) {
						t.Errorf("CL231: line %d: %s", f.Line, f.Message)
					}
					continue
				}
				byCode[f.Code] = f
			}
			for _, w := range []struct {
				code string
				line int
				text string
			}{
				{"R0028", lineOf(t, sent, "<descriptionOfGoods>", 1), "customslint's ctc-"},
				{"C0467", lineOf(t, sent, "<HouseConsignment>", 1), "nearest present ancestor"},
				{"", lineOf(t, sent, "<LRN>", 1), "errorReason names no NCTS rule"},
			} {
				f, ok := byCode[w.code]
				if !ok {
					t.Errorf("no finding with code %q: %+v", w.code, fs)
					continue
				}
				if f.Line != w.line || f.Severity != rules.Error || !strings.Contains(f.Message, w.text) || !strings.Contains(f.Message, "NCTS rejected this (IE056 cc056c.xml") {
					t.Errorf("%s: line %d (want %d): %s; want %q", w.code, f.Line, w.line, f.Message, w.text)
				}
			}
		})
	}
}

func between(t *testing.T, data []byte, a, b string) string {
	t.Helper()
	s := string(data)
	i := strings.Index(s, a)
	j := strings.Index(s[i+len(a):], b)
	if i < 0 || j < 0 {
		t.Fatalf("no %s...%s", a, b)
	}
	return s[i+len(a) : i+len(a)+j]
}
