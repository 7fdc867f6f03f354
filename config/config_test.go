package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/validate"
)

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		pat, name string
		want      bool
	}{
		{"msgs/**", "msgs/a.xml", true},
		{"msgs/**", "msgs/x/y/a.xml", true},
		{"**/*.xml", "a.xml", true},
		{"**/legacy/*.xml", "x/legacy/a.xml", true},
		{"**/legacy/*.xml", "x/legacy/y/a.xml", false},
		{"msgs/*.xml", "msgs/x/a.xml", false},
		{"a.xml", "b.xml", false},
	} {
		if got := MatchGlob(c.pat, c.name); got != c.want {
			t.Errorf("MatchGlob(%q, %q) = %v", c.pat, c.name, got)
		}
	}
}

// TestMaxFindingsSettings: 0 on the command line or in the configuration
// is no cap, which the engine's options spell -1; the default is 1000.
func TestMaxFindingsSettings(t *testing.T) {
	zero, five := 0, 5
	for _, c := range []struct {
		flag int
		set  bool
		conf *int
		want int
	}{
		{validate.DefaultMaxFindings, false, nil, validate.DefaultMaxFindings},
		{0, true, nil, -1},
		{validate.DefaultMaxFindings, false, &zero, -1},
		{validate.DefaultMaxFindings, false, &five, 5},
		{7, true, &zero, 7},
	} {
		f := Flags{MaxFindings: c.flag, Set: map[string]bool{FlagMaxFindings: c.set}}
		m, err := Merge(&Config{MaxFindings: c.conf}, f)
		if err != nil {
			t.Fatal(err)
		}
		if o := m.Options; o.MaxFindings != c.want {
			t.Errorf("flag %d (set %v), config %v: Options.MaxFindings %d, want %d", c.flag, c.set, c.conf, o.MaxFindings, c.want)
		}
	}
}

// load writes conf as a configuration file and loads it.
func load(t *testing.T, conf string) (*Config, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(p, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil && !strings.HasPrefix(err.Error(), p+":") {
		t.Errorf("error %q does not start with the file's path", err)
	}
	return c, err
}

// TestLoadErrors: every mistake names the file and the line, in words a
// user knows (no Go type names), with the nearest key or rule.
func TestLoadErrors(t *testing.T) {
	for conf, want := range map[string]string{
		"profile: cds\nseverty:\n  xsd: warning\n":                ":2: unknown key 'severty' (did you mean 'severity'?)",
		"profile: cds\nfoo: 1\n":                                  ":2: unknown key 'foo'",
		"overrides:\n  - paths: [x]\n    disabel: [xsd]\n":        ":3: unknown key 'disabel' (did you mean 'disable'?)",
		"\n\nnow: yesterday\n":                                    `:3: now: "yesterday" is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)`,
		"profile: ctc-p9\n":                                       `:1: profile: unknown profile "ctc-p9"`,
		"maxSize: 99999999999GiB\n":                               `:1: maxSize: invalid size "99999999999GiB": at most 1TiB`,
		"maxFindings: -1\n":                                       ":1: maxFindings: -1: want 0 (no cap) or more",
		"schemas: 5\n":                                            ":1: cannot unmarshal",
		"disable:\n  - xsd\n  - ctc-r0020x\n":                     ":3: disable: unknown rule 'ctc-r0020x' (did you mean 'ctc-r0020'?)",
		"select: [nope]\n":                                        ":1: select: unknown rule 'nope' (customslint rules lists them)",
		"severity:\n  cds-lrnn: warning\n":                        ":2: severity: unknown rule 'cds-lrnn' (did you mean 'cds-lrn'?)",
		"overrides:\n  - paths: [x]\n    disable: [nope]\n":       ":3: disable: unknown rule 'nope'",
		"overrides:\n  - disable: [xsd]\n":                        ":2: overrides[0] has no paths",
		"severity:\n  xsd: fatal\n":                               `:2: severity of xsd: unknown severity "fatal" (want error, warning or info)`,
		"severity:\n  ctc-r*: info\n":                             ":2: severity: 'ctc-r*': a severity is set rule by rule, not for a prefix",
		"overrides:\n  - paths: [x]\n    severity: {xds: info}\n": ":3: severity: unknown rule 'xds' (did you mean 'xsd'?)",
		"- a\n- b\n":                                              ":1: want settings as key: value lines",
		"profile: [\n":                                            ": did not find expected node content",
	} {
		_, err := load(t, conf)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("config %q: error %v, want it to contain %q", conf, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "config.") {
			t.Errorf("config %q: error %q names a Go type", conf, err)
		}
	}
}

// TestLoadHostile: a file without end, a huge one and an alias bomb are
// errors, not hangs or unbounded memory.
func TestLoadHostile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "larger than 1MiB") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	if _, err := load(t, "disable: [xsd]\n#"+strings.Repeat("x", MaxFileSize)); err == nil || !strings.Contains(err.Error(), "larger than 1MiB") {
		t.Errorf("a 1 MiB comment: %v", err)
	}
	// Known keys, so that the aliases are decoded: 10^9 strings.
	bomb := "overrides:\n  - paths: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, prev := 'b', 'a'; i <= 'i'; i, prev = i+1, i {
		bomb += fmt.Sprintf("  - paths: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	bomb += "select: *i\n"
	if _, err := load(t, bomb); err == nil {
		t.Errorf("an alias bomb: %v", err)
	}
}

func TestLoad(t *testing.T) {
	c, err := load(t, "schemas: [s]\nnow: 2022-08-26T11:11:02Z\nmaxSize: 10MB\ndisable: [ctc-r*]\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(c.Dir, "s"); len(c.Schemas) != 1 || c.Schemas[0] != want {
		t.Errorf("schemas %q, want [%s]", c.Schemas, want)
	}
	m, err := Merge(c, Flags{MaxSize: validate.DefaultMaxSize, Profile: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2022, 8, 26, 11, 11, 2, 0, time.UTC); !m.Options.Now.Equal(want) {
		t.Errorf("Now %v, want %v", m.Options.Now, want)
	}
	if m.Options.MaxSize != 10_000_000 {
		t.Errorf("MaxSize %d, want 10000000", m.Options.MaxSize)
	}
	for _, empty := range []string{"", "\n", "# nothing\n", "~\n"} {
		if c, err := load(t, empty); err != nil || c == nil {
			t.Errorf("config %q: %v, %v", empty, c, err)
		}
	}
}

// TestMergeFlagsWin: a flag given beats the file; one not given is a
// default the file changes; --select beats the file's disable.
func TestMergeFlagsWin(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	c := &Config{Profile: "cds", Disable: []string{"xsd", "suppression", "ctc-r*"}, Select: []string{"cds-lrn"}, Now: "2022-08-26T00:00:00Z"}
	fileNow := time.Date(2022, 8, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		f       Flags
		profile string
		sel     []string
		dis     []string
		now     time.Time
	}{
		{"nothing given", Flags{Profile: "auto", Disable: []string{"cds-mass"}}, "cds", []string{"cds-lrn"}, []string{"xsd", "suppression", "ctc-r*", "cds-mass"}, fileNow},
		{"all given", Flags{Set: map[string]bool{FlagProfile: true, FlagSelect: true, FlagNow: true}, Profile: "auto", Select: []string{"xsd", "ctc-r0028"}, Now: now},
			"auto", []string{"xsd", "ctc-r0028"}, []string{"suppression"}, now},
	} {
		m, err := Merge(c, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if m.Base.Profile != tc.profile || strings.Join(m.Base.Select, ",") != strings.Join(tc.sel, ",") ||
			strings.Join(m.Base.Disable, ",") != strings.Join(tc.dis, ",") || !m.Options.Now.Equal(tc.now) {
			t.Errorf("%s: got %+v now %v; want profile %s select %v disable %v now %v", tc.name, m.Base, m.Options.Now, tc.profile, tc.sel, tc.dis, tc.now)
		}
	}
}

func TestMergeBadNow(t *testing.T) {
	if _, err := Merge(&Config{Now: "soon"}, Flags{}); err == nil || !strings.Contains(err.Error(), "now: ") {
		t.Errorf("Merge with a bad Now: %v", err)
	}
	if m, err := Merge(&Config{Now: "soon"}, Flags{Set: map[string]bool{FlagNow: true}}); err != nil || !m.Options.Now.IsZero() {
		t.Errorf("the flag given wins over a bad Now: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"10485760": 10 << 20, "512KiB": 512 << 10, "10MiB": 10 << 20, "1GiB": 1 << 30, "2M": 2 << 20,
		"10MB": 10_000_000, "10kB": 10_000, "10KB": 10_000, "1GB": 1_000_000_000, "1TiB": 1 << 40,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "lots", "10XB", "9223372036854775807", "99999999999GiB", "9223372036854775807KiB", "2TiB", "1e3"} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, got)
		}
	}
}

func TestParseNow(t *testing.T) {
	if got, err := ParseNow("2022-08-26T11:11:02+01:00"); err != nil || got.UTC() != time.Date(2022, 8, 26, 10, 11, 2, 0, time.UTC) {
		t.Errorf("ParseNow: %v %v", got, err)
	}
	for _, in := range []string{"2022-08-26", "now", "2022-08-26 11:11:02Z", ""} {
		if _, err := ParseNow(in); err == nil || !strings.Contains(err.Error(), "want RFC 3339") {
			t.Errorf("ParseNow(%q): %v", in, err)
		}
	}
}

func TestCheckRuleName(t *testing.T) {
	for name, want := range map[string]string{
		"xsd": "", "ctc-r*": "", "cds-*": "",
		"xds":    "unknown rule 'xds' (did you mean 'xsd'?)",
		"zzz-*":  "unknown rule 'zzz-*'",
		"banana": "unknown rule 'banana' (customslint rules lists them)",
	} {
		err := CheckRuleName(name)
		if (err == nil) != (want == "") || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("CheckRuleName(%q) = %v, want %q", name, err, want)
		}
	}
}
