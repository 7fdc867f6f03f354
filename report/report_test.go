package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/customslint/customslint/validate"
)

func TestDisplayPath(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.xml":          "a/b.xml",
		"with space.xml":   "with space.xml",
		"é.xml":            "é.xml",
		"C:x.xml":          `"C:x.xml"`,
		"tab\there.xml":    `"tab\there.xml"`,
		`"quoted".xml`:     `"\"quoted\".xml"`,
		"carriage\r.xml":   `"carriage\r.xml"`,
		"not\u2028one.xml": `"not\u2028one.xml"`,
	} {
		if got := DisplayPath(in); got != want {
			t.Errorf("DisplayPath(%q) = %s, want %s", in, got, want)
		}
	}
}

// sample is a run of two files: a CDS declaration with two findings, a
// clean transit message.
func sample() []validate.FileReport {
	return []validate.FileReport{
		{Path: "decl.xml", Profile: "cds", MessageType: "CDS-DEC", Category: "H1", Findings: []validate.Finding{
			{Rule: "xsd", Severity: "error", Message: "bad", Line: 12, Column: 5, Code: "CDS12056"},
			{Rule: "cds-lrn", Severity: "warning", Message: "odd", Line: 3},
		}},
		{Path: "cc015c.xml", Profile: "ctc-p5", MessageType: "CC015C"},
	}
}

func write(t *testing.T, format string, files []validate.FileReport, end End) string {
	t.Helper()
	var b bytes.Buffer
	w, err := New(format, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		w.File(f)
	}
	if err := w.Close(end); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestNew(t *testing.T) {
	for _, f := range Formats() {
		if !IsFormat(f) || !strings.Contains(FormatNames, f) {
			t.Errorf("format %s: IsFormat %v, in FormatNames %v", f, IsFormat(f), strings.Contains(FormatNames, f))
		}
	}
	if w, err := New("xml", &bytes.Buffer{}); err == nil || w != nil || !strings.Contains(err.Error(), FormatNames) {
		t.Errorf("New(xml) = %v, %v", w, err)
	}
}

func TestText(t *testing.T) {
	got := write(t, "text", sample(), End{Unchecked: []validate.Unchecked{{Path: "x:y.xml", Reason: "gone"}}})
	want := `decl.xml: checked as cds CDS-DEC, category H1
decl.xml:12:5: error: bad [xsd CDS12056]
decl.xml:3: warning: odd [cds-lrn]
"x:y.xml": not checked: gone
2 files checked: 1 error, 1 warning (1 file with errors); 1 file not checked
`
	if got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

// TestTextCategory: the category line comes only with findings and a
// category.
func TestTextCategory(t *testing.T) {
	files := sample()
	files[1].Category = "H1" // no findings: no line
	files = append(files, validate.FileReport{Path: "c:d.xml", Profile: "cds", MessageType: "CDS-DEC", Category: "I1 C&F",
		Findings: []validate.Finding{{Rule: "xsd", Severity: "error", Message: "m", Line: 1, Column: 1}}})
	got := write(t, "text", files, End{})
	if n := strings.Count(got, "category"); n != 2 || !strings.Contains(got, "\n\"c:d.xml\": checked as cds CDS-DEC, category I1 C&F\n\"c:d.xml\":1:1: error") {
		t.Errorf("text:\n%s", got)
	}
}

func TestJSON(t *testing.T) {
	var rep validate.Report
	out := write(t, "json", sample(), End{Interrupted: true})
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(rep.Files) != 2 || rep.Files[0].Category != "H1" || rep.Summary != (validate.Summary{Files: 2, Errors: 1, Warnings: 1}) || !rep.Incomplete || !rep.Interrupted {
		t.Errorf("report %+v", rep)
	}
	if rep.Files[1].Findings == nil {
		t.Error("a clean file's findings are null, want []")
	}
}

// TestMulti: every writer gets every file; each writes its own format.
func TestMulti(t *testing.T) {
	var a, b bytes.Buffer
	m := Multi{NewGitHub(&a), NewJUnit(&b)}
	for _, f := range sample() {
		m.File(f)
	}
	if err := m.Close(End{ExitCode: 1}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.String(), "::error file=decl.xml,line=12,col=5,title=customslint xsd CDS12056::bad\n") {
		t.Errorf("github:\n%s", a.String())
	}
	if !strings.Contains(b.String(), `tests="2" failures="1" errors="0"`) {
		t.Errorf("junit:\n%s", b.String())
	}
}

func TestSARIF(t *testing.T) {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string
				Properties struct{ Code, Category string }
			}
			Invocations []struct {
				ExecutionSuccessful bool
				ExitCode            int
			}
		}
	}
	out := write(t, "sarif", sample(), End{ExitCode: 1})
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	if len(r.Results) != 2 || r.Results[0].RuleID != "xsd" || r.Results[0].Properties.Category != "H1" || r.Results[0].Properties.Code != "CDS12056" ||
		!r.Invocations[0].ExecutionSuccessful || r.Invocations[0].ExitCode != 1 {
		t.Errorf("sarif: %+v", r)
	}
}
