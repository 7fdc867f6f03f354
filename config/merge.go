package config

import (
	"fmt"
	"math"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Settings are the options that may differ from file to file (the
// overrides change them).
type Settings struct {
	// Profile is validate.Options.Profile.
	Profile string
	// Select and Disable are validate.Options.Select and Disable.
	Select, Disable []string
	// Severity is validate.Options.Severity.
	Severity map[string]rules.Severity
}

// Key identifies settings, so that files with the same share one engine.
func (s Settings) Key() string {
	var sev []string
	for k, v := range s.Severity {
		sev = append(sev, k+"="+string(v))
	}
	sort.Strings(sev)
	return strings.Join([]string{s.Profile, strings.Join(s.Select, ","), strings.Join(s.Disable, ","), strings.Join(sev, ",")}, "|")
}

// Options returns base with the settings' profile, rules and severities.
func (s Settings) Options(base validate.Options) validate.Options {
	base.Profile = validate.Profile(s.Profile)
	base.Select, base.Disable, base.Severity = s.Select, s.Disable, s.Severity
	return base
}

// Flag names: the keys of Flags.Set, as the customslint command names its
// flags.
const (
	FlagProfile         = "profile"
	FlagSchemas         = "schemas"
	FlagSelect          = "select"
	FlagMaxSize         = "max-size"
	FlagMaxFindings     = "max-findings"
	FlagLRNRegex        = "lrn-regex"
	FlagCodeLists       = "codelists"
	FlagContext         = "context"
	FlagInventoryLinked = "inventory-linked"
	FlagNow             = "now"
)

// Flags are settings given outside the file, on a command line. Each is a
// default the file may change, unless Set holds its flag name (the Flag
// constants): then it wins over the file. Disable always adds to the
// file's list.
type Flags struct {
	// Set holds the names of the flags given (the Flag constants).
	Set map[string]bool
	// Profile is the message family and phase; "" is auto.
	Profile string
	// Schemas are folders of official schema bundles (none: embedded).
	Schemas []string
	// Select and Disable name rules (IDs or prefixes ending in "*").
	Select, Disable []string
	// MaxSize is the input size limit; 0 means validate.DefaultMaxSize.
	MaxSize int64
	// MaxFindings caps the findings per file; 0 means no cap.
	MaxFindings int
	// LRNRegex turns on ctc-lrn with this pattern.
	LRNRegex string
	// CodeLists are folders of HMRC reference data.
	CodeLists []string
	// Context are folders of messages read for checks across messages.
	Context []string
	// InventoryLinked are inventory-linked CDS goods locations.
	InventoryLinked []string
	// Now is the reference time of date rules; zero means the wall clock.
	Now time.Time
}

// Merged is the outcome of Merge.
type Merged struct {
	// Base are the settings of a file that no override matches.
	Base Settings
	// Options are the engine options shared by every file; Settings.Options
	// adds a file's settings to them.
	Options validate.Options
	// Context are the folders of messages read for checks across
	// messages, not checked.
	Context []string
	// Warnings are about code list files that were skipped.
	Warnings []string
}

// Merge combines the configuration (nil: none) and the flags. It loads the
// code lists, so its Warnings are worth showing even with an error.
func Merge(c *Config, f Flags) (*Merged, error) {
	if c != nil {
		var err error
		if f, err = c.under(f); err != nil {
			return &Merged{}, err
		}
	}
	m := &Merged{Base: Settings{Profile: f.Profile, Select: f.Select, Disable: f.Disable}, Context: f.Context}
	o := validate.Options{Schemas: f.Schemas, MaxSize: f.MaxSize, MaxFindings: f.MaxFindings, Now: f.Now}
	if f.MaxFindings == 0 {
		o.MaxFindings = -1 // no cap
	}
	if c != nil {
		m.Base.Severity = c.Severity
	}
	o.RuleConfig.InventoryLinked = f.InventoryLinked
	if f.LRNRegex != "" {
		re, err := rules.WholeMatch(f.LRNRegex)
		if err != nil {
			return m, fmt.Errorf("lrn regex: %w", err)
		}
		o.RuleConfig.LRNPattern = re
	}
	o.RuleConfig.CodeLists = codelists.Builtin()
	o.RuleConfig.Unchecked = &rules.UncheckedCodes{} // said once at the end of the run
	m.Options = o
	if len(f.CodeLists) > 0 {
		loaded, warnings, err := codelists.Load(f.CodeLists...)
		m.Warnings = warnings
		if err != nil {
			return m, err
		}
		m.Options.RuleConfig.CodeLists = o.RuleConfig.CodeLists.With(loaded)
	}
	return m, nil
}

// under returns f with the file's settings where the flags were not set.
func (c *Config) under(f Flags) (Flags, error) {
	f = c.listsUnder(f)
	given := func(name string) bool { return f.Set[name] }
	if !given(FlagLRNRegex) {
		f.LRNRegex = c.LRNRegex
	}
	if !given(FlagProfile) && c.Profile != "" {
		f.Profile = c.Profile
	}
	f.Disable = append(c.disableUnder(f), f.Disable...)
	if !given(FlagSelect) {
		f.Select = c.Select
	}
	if !given(FlagMaxSize) && c.MaxSize != "" {
		f.MaxSize, _ = ParseSize(c.MaxSize) // checked when loading
	}
	if !given(FlagMaxFindings) && c.MaxFindings != nil {
		f.MaxFindings = *c.MaxFindings // checked when loading
	}
	if !given(FlagNow) && c.Now != "" {
		now, err := ParseNow(c.Now) // checked when loading, not when built by hand
		if err != nil {
			return f, fmt.Errorf("now: %w", err)
		}
		f.Now = now
	}
	return f, nil
}

// listsUnder returns f with the file's folders and locations where the
// flags were not set.
func (c *Config) listsUnder(f Flags) Flags {
	for _, l := range []struct {
		flag       string
		dst        *[]string
		fromConfig []string
	}{
		{FlagSchemas, &f.Schemas, c.Schemas},
		{FlagCodeLists, &f.CodeLists, c.CodeLists},
		{FlagContext, &f.Context, c.Context},
		{FlagInventoryLinked, &f.InventoryLinked, c.InventoryLinked},
	} {
		if !f.Set[l.flag] {
			*l.dst = l.fromConfig
		}
	}
	return f
}

// disableUnder is the file's disable list under the flags: when rules are
// selected on the command line, the file does not disable them (the flag
// wins).
func (c *Config) disableUnder(f Flags) []string {
	if !f.Set[FlagSelect] {
		return append([]string(nil), c.Disable...)
	}
	var out []string
	for _, d := range c.Disable {
		if !selects(f.Select, d) {
			out = append(out, d)
		}
	}
	return out
}

// selects reports whether the disable entry d (an ID or a prefix*) covers
// a rule that sel names.
func selects(sel []string, d string) bool {
	for _, s := range sel {
		if prefix, ok := strings.CutSuffix(d, "*"); ok && strings.HasPrefix(s, prefix) || s == d {
			return true
		}
	}
	return false
}

// ForFile applies the overrides that match file (a path as given on the
// command line, relative to the working directory or absolute) to base.
func (c *Config) ForFile(base Settings, file string) Settings {
	if c == nil || len(c.Overrides) == 0 {
		return base
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return base
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return base
	}
	rel = filepath.ToSlash(rel)
	s := base
	for _, o := range c.Overrides {
		matched := false
		for _, p := range o.Paths {
			matched = matched || MatchGlob(p, rel)
		}
		if matched {
			s = o.Apply(s)
		}
	}
	return s
}

// Each returns the settings of every override applied alone to base, so
// that a mistake in an override shows even when it matches no file.
func (c *Config) Each(base Settings) []Settings {
	if c == nil {
		return nil
	}
	var out []Settings
	for _, o := range c.Overrides {
		out = append(out, o.Apply(base))
	}
	return out
}

// Apply returns s changed by the override: its profile and select replace
// s's, its disable adds to s's, its severities replace s's one by one.
func (o Override) Apply(s Settings) Settings {
	if o.Profile != "" {
		s.Profile = o.Profile
	}
	if len(o.Select) > 0 {
		s.Select = o.Select
	}
	s.Disable = append(append([]string(nil), s.Disable...), o.Disable...)
	if len(o.Severity) > 0 {
		m := map[string]rules.Severity{}
		for k, v := range s.Severity {
			m[k] = v
		}
		for k, v := range o.Severity {
			m[k] = v
		}
		s.Severity = m
	}
	return s
}

// MatchGlob matches a slash-separated path against a pattern where **
// spans any number of folders and other elements follow path.Match.
func MatchGlob(pattern, name string) bool {
	return matchParts(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// MaxSize is the largest size ParseSize accepts: 1 TiB.
const MaxSize = 1 << 40

// sizeUnits are the suffixes ParseSize knows, longest first.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30},
}

// ParseSize reads a byte count: 10485760, 512KiB, 10MiB, 1GiB (powers of
// 1024; K, M and G alone too), or 10kB, 10MB, 1GB (powers of 1000), up to
// MaxSize.
func ParseSize(v string) (int64, error) {
	mult := int64(1)
	num := v
	for _, u := range sizeUnits {
		if strings.HasSuffix(v, u.suffix) {
			num, mult = strings.TrimSuffix(v, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (want a positive number of bytes, or with KiB, MiB, GiB, kB, MB, GB)", v)
	}
	if n > math.MaxInt64/mult || n*mult > MaxSize {
		return 0, fmt.Errorf("invalid size %q: at most 1TiB", v)
	}
	return n * mult, nil
}
