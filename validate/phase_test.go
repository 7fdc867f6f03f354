package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// phaseNote returns the message-type finding that says which phase was
// assumed, "" when there is none.
func phaseNote(fr validate.FileReport) string {
	for _, f := range fr.Findings {
		if f.Rule == "message-type" && strings.Contains(f.Message, "--profile ctc-p5") {
			return f.Message
		}
	}
	return ""
}

// TestPhaseFromHMRCExamples checks every phase 5 and phase 6 example HMRC
// publishes (XML and JSON) as from stdin, under --profile auto: a message
// schema-valid in exactly one phase is checked as that phase with no
// note; one that shows no phase is checked as phase 6 with a note that
// says how to choose phase 5.
func TestPhaseFromHMRCExamples(t *testing.T) {
	off := oracle.OfficialDir(t)
	auto := newEngine(t, validate.Options{Select: []string{"xsd", "json-schema"}})
	p5 := newEngine(t, validate.Options{Select: []string{"xsd", "json-schema"}, Profile: validate.ProfileCTCP5})
	p6 := newEngine(t, validate.Options{Select: []string{"xsd", "json-schema"}, Profile: validate.ProfileCTCP6})
	var files []string
	for _, dir := range []string{"ctc/phase5/examples", "ctc/phase6/examples"} {
		files = append(files, oracle.XMLFiles(t, off, dir)...)
		js, _ := filepath.Glob(filepath.Join(off, dir, "json", "*.json"))
		for _, j := range js {
			rel, _ := filepath.Rel(off, j)
			files = append(files, rel)
		}
	}
	ctx := context.Background()
	counts := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(off, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := auto.Check(ctx, "-", data)
		if err != nil {
			t.Fatal(err)
		}
		if got.Profile != "ctc-p5" && got.Profile != "ctc-p6" {
			continue // not a phase 5/6 message (a broken sample)
		}
		r5, _ := p5.Check(ctx, "-", data)
		r6, _ := p6.Check(ctx, "-", data)
		v5, v6 := !r5.HasErrors(), !r6.HasErrors()
		note := phaseNote(got)
		switch {
		case v5 && !v6:
			counts["p5"]++
			if got.Profile != "ctc-p5" || note != "" {
				t.Errorf("%s: valid in phase 5 only, checked as %s (note %q)", f, got.Profile, note)
			}
		case v6 && !v5:
			counts["p6"]++
			if got.Profile != "ctc-p6" || note != "" {
				t.Errorf("%s: valid in phase 6 only, checked as %s (note %q)", f, got.Profile, note)
			}
		case note != "":
			counts["note"]++
			if got.Profile != "ctc-p6" || !strings.Contains(note, "validated as CTC phase 6") {
				t.Errorf("%s: note %q with profile %s", f, note, got.Profile)
			}
		}
	}
	t.Logf("phase 5 only: %d, phase 6 only: %d, assumed phase 6 with a note: %d", counts["p5"], counts["p6"], counts["note"])
	if counts["p5"] < 20 || counts["p6"] < 2 || counts["note"] < 20 {
		t.Errorf("too few examples of each kind: %v", counts)
	}
}

// TestPhaseEvidence checks single messages: what decides, and the note.
func TestPhaseEvidence(t *testing.T) {
	off := oracle.OfficialDir(t)
	auto := newEngine(t, validate.Options{Select: []string{"xsd"}})
	read := func(f string) []byte {
		data, err := os.ReadFile(filepath.Join(off, f))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	ctx := context.Background()
	for _, tc := range []struct {
		file, profile string
		note          bool
	}{
		{"ctc/phase5/examples/xml/cc015c-valid.xml", "ctc-p5", false},    // Commodity without GoodsMeasure
		{"ctc/phase5/examples/json/cc015c-valid.json", "ctc-p5", false},  // the same in JSON
		{"ctc/phase5/examples/xml/cc007c-valid-xi.xml", "ctc-p5", false}, // Consignment/Incident
		{"ctc/phase6/examples/xml/cc007c-valid.xml", "ctc-p6", false},
		{"ctc/phase5/examples/xml/cc014c-valid.xml", "ctc-p6", true}, // the same in both phases
		{"ctc/phase5/examples/json/cc014c-valid.json", "ctc-p6", true},
	} {
		got, err := auto.Check(ctx, "-", read(tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if got.Profile != tc.profile || (phaseNote(got) != "") != tc.note {
			t.Errorf("%s: profile %s note %q, want %s note %v", tc.file, got.Profile, phaseNote(got), tc.profile, tc.note)
		}
		if !tc.note && got.HasErrors() {
			t.Errorf("%s: %v", tc.file, got.Findings)
		}
	}
	// PhaseID NCTS6 is a value only phase 6 allows.
	data := strings.Replace(string(read("ctc/phase5/examples/xml/cc014c-valid.xml")), `PhaseID="NCTS5.0"`, `PhaseID="NCTS6"`, 1)
	got, _ := auto.Check(ctx, "-", []byte(data))
	if got.Profile != "ctc-p6" || phaseNote(got) != "" || got.HasErrors() {
		t.Errorf("PhaseID NCTS6: profile %s, findings %v", got.Profile, got.Findings)
	}
	// An explicit profile wins, with no note.
	p5 := newEngine(t, validate.Options{Select: []string{"xsd"}, Profile: validate.ProfileCTCP5})
	got, _ = p5.Check(ctx, "-", read("ctc/phase5/examples/xml/cc014c-valid.xml"))
	if got.Profile != "ctc-p5" || phaseNote(got) != "" {
		t.Errorf("--profile ctc-p5: profile %s, findings %v", got.Profile, got.Findings)
	}
}
