package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/config"
	"github.com/customslint/customslint/validate"
)

// TestNowFlag: --now takes an RFC 3339 time; a bad one is one line and exit
// 2, and so is a bad now: in the configuration file, with its line.
func TestNowFlag(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	for _, c := range []struct {
		name, conf string
		args       []string
		code       int
		stderr     string // whole
	}{
		{"good", "", []string{"--now", "2022-08-26T11:11:02Z"}, 0, ""},
		{"good in the file", "now: 2022-08-26T11:11:02+01:00\n", nil, 0, ""},
		{"bad", "", []string{"--now", "2022-08-26"}, 2,
			"customslint: --now: \"2022-08-26\" is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)\n"},
		{"bad flag, good file", "now: 2022-08-26T11:11:02Z\n", []string{"--now", "yesterday"}, 2,
			"customslint: --now: \"yesterday\" is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)\n"},
		{"bad in the file", "profile: auto\nnow: yesterday\n", nil, 2,
			"customslint: " + config.FileName + ":2: now: \"yesterday\" is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)\n"},
	} {
		os.Remove(filepath.Join(dir, config.FileName))
		if c.conf != "" {
			writeFile(t, filepath.Join(dir, config.FileName), c.conf)
		}
		args := append([]string{"check", "--schemas", schemas, "--config", "", "a-valid.xml"}, c.args...)
		if c.conf != "" {
			args[4] = config.FileName
		}
		r := cli(t, dir, "", args...)
		if r.code != c.code || r.stderr != c.stderr {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", c.name, r.code, r.stderr, c.code, c.stderr)
		}
	}
}

// TestTextNamesCategory: a CDS declaration with findings is introduced by
// its profile and category, the same the JSON report gives.
func TestTextNamesCategory(t *testing.T) {
	decl := abs(t, filepath.Join(repoRoot, "testdata/messages/cds/declaration-invalid.xml"))
	r := cli(t, t.TempDir(), "", "check", decl)
	lines := strings.Split(r.stdout, "\n")
	if r.code != 1 || len(lines) < 3 || lines[0] != decl+": checked as cds CDS-DEC, category H1" || !strings.HasPrefix(lines[1], decl+":") {
		t.Fatalf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
	if strings.Count(r.stdout, "category") != 1 {
		t.Errorf("the category is named more than once:\n%s", r.stdout)
	}
	js := cli(t, t.TempDir(), "", "check", "--format", "json", decl)
	var rep validate.Report
	if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil || len(rep.Files) != 1 || rep.Files[0].Category != "H1" || rep.Files[0].Profile != "cds" {
		t.Errorf("json: %v %+v", err, rep)
	}
}

// TestEmptyRun: paths that hold no message are a usage error unless
// --allow-empty.
func TestEmptyRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "notes.txt"), "not a message")
	writeFile(t, filepath.Join(dir, ".hidden", "a.xml"), validP4)
	r := cli(t, dir, "", "check", ".")
	if r.code != 2 || r.stdout != "" || r.stderr != "customslint: no message to check in . (files *.xml, *.json); --allow-empty makes this exit 0\n" {
		t.Errorf("empty folder: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, dir, "", "check", ".", ".", ".", ".")
	if r.code != 2 || !strings.Contains(r.stderr, "no message to check in the 4 paths given") {
		t.Errorf("empty folders: exit %d, stderr %q", r.code, r.stderr)
	}
	r = cli(t, dir, "", "check", "--allow-empty", ".")
	if r.code != 0 || r.stdout != "0 files checked: 0 errors, 0 warnings\n" || r.stderr != "" {
		t.Errorf("--allow-empty: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	out := t.TempDir()
	r = cli(t, dir, "", "check", "--allow-empty", "--format", "json", "--output", filepath.Join(out, "r.json"), ".")
	var rep validate.Report
	readJSON(t, filepath.Join(out, "r.json"), &rep)
	if r.code != 0 || len(rep.Files) != 0 || rep.Summary.Files != 0 {
		t.Errorf("--allow-empty json: exit %d, %+v", r.code, rep)
	}
	// An empty run writes no report file.
	r = cli(t, dir, "", "check", "--output", filepath.Join(out, "r2.txt"), ".")
	if _, err := os.Stat(filepath.Join(out, "r2.txt")); r.code != 2 || err == nil {
		t.Errorf("empty run with --output: exit %d, report %v", r.code, err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Errorf("the empty run left files beside its report: %v", ents)
	}
}

// TestFlagValues: sizes that overflow or are absurd are refused in one
// line; decimal units are accepted; a bad flag value is one line and a
// pointer to -h, not the whole usage.
func TestFlagValues(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	for _, c := range []struct {
		args   []string
		code   int
		stderr string // whole
	}{
		{[]string{"--max-size", "9223372036854775807"}, 2,
			"customslint: invalid value \"9223372036854775807\" for flag -max-size: invalid size \"9223372036854775807\": at most 1TiB\n" + seeHelp + "\n"},
		{[]string{"--max-size", "99999999999GiB"}, 2,
			"customslint: invalid value \"99999999999GiB\" for flag -max-size: invalid size \"99999999999GiB\": at most 1TiB\n" + seeHelp + "\n"},
		{[]string{"--jobs", "many"}, 2, "customslint: invalid value \"many\" for flag -jobs: parse error\n" + seeHelp + "\n"},
		{[]string{"--nope"}, 2, "customslint: flag provided but not defined: -nope\n" + seeHelp + "\n"},
		{[]string{"--max-size", "1TiB"}, 0, ""},
		{[]string{"--max-size", "10MB"}, 0, ""},
		{[]string{"--max-size", "1kB"}, 0, ""},
		{[]string{"--max-size", "100"}, 1, ""}, // a-valid.xml is larger: an xml finding
	} {
		r := cli(t, dir, "", append([]string{"check", "--schemas", schemas, "a-valid.xml"}, c.args...)...)
		if r.code != c.code || r.stderr != c.stderr {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", c.args, r.code, r.stderr, c.code, c.stderr)
		}
	}
}
