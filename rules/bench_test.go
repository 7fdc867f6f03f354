package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// benchMessage is one parsed testdata file with its profile and type.
type benchMessage struct {
	profile, messageType string
	doc                  *xsd.Document
}

// BenchmarkRulesOnTestdata runs every rule with a Check function over every
// rule testdata file it applies to (about 670 messages), without the
// engine: the cost of the rules themselves. b.N counts passes over all the
// files; findings/op is what they report.
func BenchmarkRulesOnTestdata(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*", "*.xml"))
	if err != nil {
		b.Fatal(err)
	}
	var msgs []benchMessage
	for _, f := range files {
		profile := filepath.Base(filepath.Dir(f))
		if profile == "context" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, _, err := xsd.Parse(data, false)
		if err != nil {
			continue
		}
		defer doc.Free()
		msgs = append(msgs, benchMessage{profile, benchType(profile, doc.Root()), doc})
	}
	cfg := &rules.Config{CodeLists: codelists.Builtin()}
	var checks []*rules.Rule
	for _, r := range rules.All() {
		if r.Check != nil {
			checks = append(checks, r)
		}
	}
	b.ResetTimer()
	findings := 0
	for b.Loop() {
		for _, m := range msgs {
			root := m.doc.Root()
			idx := rules.NewIndex(root)
			for _, r := range checks {
				if !r.Applies(m.profile, m.messageType) {
					continue
				}
				p := &rules.Pass{Rule: r, Profile: m.profile, MessageType: m.messageType, Doc: m.doc, Root: root,
					Config: cfg, Index: idx, Report: func(rules.Diagnostic) { findings++ }}
				r.Check(p)
			}
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
	b.ReportMetric(float64(len(msgs)), "messages")
}

// benchType tells the message type of a testdata message well enough for
// the benchmark: the root's name for CTC, the CDS type from FunctionCode
// and TypeCode.
func benchType(profile string, root xsd.Element) string {
	if profile != "cds" {
		return root.LocalName()
	}
	if rules.Has(root, "Response") {
		return "CDS-RES"
	}
	if v, _ := rules.Text(root, "Declaration/FunctionCode"); v == "13" {
		tc, _ := rules.Text(root, "Declaration/TypeCode")
		return "CDS-" + strings.ToUpper(tc)
	}
	return "CDS-DEC"
}
