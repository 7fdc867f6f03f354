package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/config"
)

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// configProject is a folder with a config file at its top, the mini phase 4
// bundle copied in (to test relative schema paths) and messages below.
func configProject(t *testing.T, conf string) string {
	t.Helper()
	root := t.TempDir()
	src := filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini")
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(root, "schemas", e.Name()), string(data))
	}
	writeFile(t, filepath.Join(root, config.FileName), conf)
	writeFile(t, filepath.Join(root, "msgs", "new", "a.xml"), invalidP4)
	writeFile(t, filepath.Join(root, "msgs", "legacy", "b.xml"), invalidP4)
	return root
}

func TestConfigFile(t *testing.T) {
	cases := []struct {
		name, conf string
		args       []string
		code       int
		stdout     []string // substrings
		notStdout  []string
	}{
		{"found upward, schemas relative to it", "schemas: [schemas]\n", []string{"check", "."}, 1,
			[]string{"a.xml:2:3: error:", "b.xml:2:3: error:"}, nil},
		{"disable", "schemas: [schemas]\ndisable: [xsd]\n", []string{"check", "."}, 0,
			[]string{"2 files checked: 0 errors"}, nil},
		{"severity", "schemas: [schemas]\nseverity:\n  xsd: warning\n", []string{"check", "."}, 0,
			[]string{"a.xml:2:3: warning:", "0 errors, 4 warnings"}, nil},
		{"per-path override", "schemas: [schemas]\noverrides:\n  - paths: [\"msgs/legacy/**\"]\n    disable: [xsd]\n", []string{"check", "."}, 1,
			[]string{"new/a.xml:2:3: error:"}, []string{"legacy/b.xml:"}},
		// --select xsd beats disable: [xsd] (the schema errors show),
		// --profile auto beats profile: cds (no message-type finding).
		{"flags beat the file", "schemas: [schemas]\ndisable: [xsd]\nprofile: cds\n", []string{"check", "--profile", "auto", "--select", "xsd", "."}, 1,
			[]string{"new/a.xml:2:3: error: Element 'SynIdeMES1'", "4 errors"}, []string{"--profile cds", "message-type"}},
		{"explicit --config", "schemas: [nowhere]\n", []string{"check", "--config", "../alt.yaml", "."}, 1,
			[]string{"a.xml:2:3: error:"}, nil},
		{"maxFindings", "schemas: [schemas]\nmaxFindings: 1\n", []string{"check", "."}, 1,
			[]string{"a.xml:2:3: error:", "a.xml:6:3: error: 1 finding more from here on not shown (1 error)", "[max-findings]", "4 errors"}, []string{"a.xml:6:3: error: Element"}},
		{"--max-findings beats maxFindings", "schemas: [schemas]\nmaxFindings: 1\n", []string{"check", "--max-findings", "2", "."}, 1,
			[]string{"a.xml:6:3: error: Element 'Extra'", "4 errors"}, []string{"max-findings"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := configProject(t, c.conf)
			writeFile(t, filepath.Join(root, "alt.yaml"), "schemas: [schemas]\n")
			r := cli(t, filepath.Join(root, "msgs"), "", c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, c.code, r.stderr)
			}
			for _, s := range c.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range c.notStdout {
				if strings.Contains(r.stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, r.stdout)
				}
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	cases := map[string]string{
		"schemas: [schemas]\nprofil: cds\n":                 ".customslint.yaml:2: unknown key 'profil' (did you mean 'profile'?)",
		"schemas: [schemas]\nseverity: {nope: error}\n":     ".customslint.yaml:2: severity: unknown rule 'nope'",
		"severity: {xml: warning}\n":                        "the xml rule stays an error",
		"profile: ctc-p9\n":                                 `unknown profile "ctc-p9"`,
		"maxSize: lots\n":                                   `invalid size "lots"`,
		"overrides:\n  - disable: [xsd]\n":                  "overrides[0] has no paths",
		"overrides:\n  - paths: [x]\n    disable: [nope]\n": ".customslint.yaml:3: disable: unknown rule 'nope'",
		"schemas: 5\n":                                      ".customslint.yaml:1: cannot unmarshal",
		"now: 2022-08-26\n":                                 `.customslint.yaml:1: now: "2022-08-26" is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)`,
		"lrnRegex: \"[A-Z\"\n":                              "lrnRegex: pattern",
		"maxFindings: -1\n":                                 "maxFindings: -1: want 0 (no cap) or more",
		"maxFindings: lots\n":                               "cannot unmarshal",
	}
	for conf, want := range cases {
		root := configProject(t, conf)
		r := cli(t, root, "", "check", ".")
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("config %q: exit %d, stderr %q; want it to contain %q", conf, r.code, r.stderr, want)
		}
	}
	if r := cli(t, t.TempDir(), "", "check", "--config", "missing.yaml", "x.xml"); r.code != 2 || !strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("missing --config: %d %q", r.code, r.stderr)
	}
}

// TestLRNRegex turns ctc-lrn on from the configuration file and from the
// flag, which wins.
func TestLRNRegex(t *testing.T) {
	root := t.TempDir()
	msg, err := os.ReadFile(filepath.Join(repoRoot, "testdata/messages/ctc-p6/cc015c.xml")) // LRN CLTT1GB26031403
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "cc015c.xml"), string(msg))
	for _, c := range []struct {
		conf string
		args []string
		code int
		want string
	}{
		{"", nil, 0, "1 file checked: 0 errors"},
		{"lrnRegex: \"[0-9]{2}GB[A-Z0-9]+\"\n", nil, 1, "ctc-lrn"},
		{"lrnRegex: \"CLTT[A-Z0-9]+\"\n", nil, 0, "0 errors"},
		{"lrnRegex: \"CLTT[A-Z0-9]+\"\n", []string{"--lrn-regex", "CLTT"}, 1, "LRN must match the regex CLTT, but 'CLTT1GB26031403' was provided [ctc-lrn]"},
		{"", []string{"--lrn-regex", "("}, 2, "lrn regex: pattern"},
	} {
		writeFile(t, filepath.Join(root, config.FileName), c.conf)
		r := cli(t, root, "", append([]string{"check", "cc015c.xml"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("config %q args %q: exit %d, output %q %q; want %d and %q", c.conf, c.args, r.code, r.stdout, r.stderr, c.code, c.want)
		}
	}
}

// TestAcrossMessages checks a goods presentation with the declarations of
// the run: given together, through --context, and with inventory-linked
// locations from the configuration file or the flag.
func TestAcrossMessages(t *testing.T) {
	td := abs(t, filepath.Join(repoRoot, "rules/testdata/cds-gpr-inventory-linked"))
	root := t.TempDir()
	for _, c := range []struct {
		name, conf string
		args       []string
		code       int
		want       []string // substrings of stdout
	}{
		{"alone", "", []string{"check", td + "/cds/gpr-mcr-by-lrn.xml"}, 0, []string{"1 file checked: 0 errors"}},
		{"with --context", "", []string{"check", "--context", td + "/context", td + "/cds/gpr-mcr-by-lrn.xml"}, 1,
			[]string{"carries a previous document of type MCR", "1 file checked: 1 error"}},
		{"checked together", "", []string{"check", td}, 1, []string{"gpr-mcr-by-lrn.xml:9:5", "gpr-mcr-by-mrn.xml:9:5", "9 files checked: 2 errors"}},
		{"locations from the file", "inventoryLinkedLocations: [FXTFXTFXT]\ncontext: [" + td + "/context]\n", []string{"check", td + "/cds"}, 1,
			[]string{"gpr-location-by-lrn.xml:9:5", "5 files checked: 3 errors"}},
		{"locations from the flag", "", []string{"check", "--inventory-linked", "GBAUFXTFXTFXT", "--jobs", "1", td}, 1, []string{"9 files checked: 3 errors"}},
	} {
		writeFile(t, filepath.Join(root, config.FileName), c.conf)
		r := cli(t, root, "", c.args...)
		if r.code != c.code {
			t.Errorf("%s: exit %d, want %d; stderr %s", c.name, r.code, c.code, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: stdout lacks %q:\n%s", c.name, w, r.stdout)
			}
		}
	}
}

// TestCodelistsFlag loads HMRC's reference data; a folder that holds none
// is a usage error.
func TestCodelistsFlag(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "lists", "CountryCodesFullList.json"), `[{"code":"GB","description":"United Kingdom"}]`)
	msg := filepath.Join(repoRoot, "testdata/messages/ctc-p6/cc014c.xml")
	if r := cli(t, dir, "", "check", "--codelists", "lists", abs(t, msg)); r.code != 0 {
		t.Errorf("--codelists lists: exit %d %s", r.code, r.stderr)
	}
	if r := cli(t, dir, "", "check", "--codelists", t.TempDir(), abs(t, msg)); r.code != 2 || !strings.Contains(r.stderr, "no *.json") {
		t.Errorf("empty --codelists: exit %d %s", r.code, r.stderr)
	}
	writeFile(t, filepath.Join(dir, config.FileName), "codelists: [nowhere]\n")
	if r := cli(t, dir, "", "check", abs(t, msg)); r.code != 2 || !strings.Contains(r.stderr, "nowhere") {
		t.Errorf("config codelists: exit %d %s", r.code, r.stderr)
	}
}
