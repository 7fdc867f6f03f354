package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// ConfigFile is the name customslint looks for, upward from the working
// directory, when --config is not given.
const ConfigFile = ".customslint.yaml"

// config is .customslint.yaml. Paths in it are relative to the file.
type config struct {
	Profile  string                    `yaml:"profile"`
	Schemas  []string                  `yaml:"schemas"`
	Select   []string                  `yaml:"select"`
	Disable  []string                  `yaml:"disable"`
	Severity map[string]rules.Severity `yaml:"severity"`
	MaxSize  string                    `yaml:"maxSize"`
	// MaxFindings caps the findings per file (0: no cap); nil, the default.
	MaxFindings *int `yaml:"maxFindings"`
	// LRNRegex turns on ctc-lrn with this pattern (matched against the
	// whole LRN of a declaration).
	LRNRegex string `yaml:"lrnRegex"`
	// CodeLists are folders of HMRC reference data (JSON code lists).
	CodeLists []string `yaml:"codelists"`
	// Context are folders of messages read for checks across messages.
	Context []string `yaml:"context"`
	// InventoryLinked are CDS goods location codes that are inventory-linked.
	InventoryLinked []string `yaml:"inventoryLinkedLocations"`
	// Overrides change the settings for the files their path patterns
	// match; several matching overrides apply in order.
	Overrides []override `yaml:"overrides"`

	dir  string // folder of the file
	file string
}

type override struct {
	Paths    []string                  `yaml:"paths"` // patterns relative to the config file; ** spans folders
	Profile  string                    `yaml:"profile"`
	Select   []string                  `yaml:"select"`
	Disable  []string                  `yaml:"disable"`
	Severity map[string]rules.Severity `yaml:"severity"`
}

// findConfig returns the path of .customslint.yaml in dir or the nearest
// folder above it, or "".
func findConfig(dir string) string {
	for {
		p := filepath.Join(dir, ConfigFile)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadConfig reads and checks a configuration file. Unknown keys are errors
// that name their line.
func loadConfig(file string) (*config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg := &config{file: file}
	if abs, err := filepath.Abs(file); err == nil {
		cfg.dir = filepath.Dir(abs)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("config %s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if cfg.Profile != "" {
		if _, err := validate.ParseProfile(cfg.Profile); err != nil {
			return nil, fmt.Errorf("config %s: profile: %w", file, err)
		}
	}
	if cfg.MaxSize != "" {
		if _, err := parseSize(cfg.MaxSize); err != nil {
			return nil, fmt.Errorf("config %s: maxSize: %w", file, err)
		}
	}
	if cfg.MaxFindings != nil && *cfg.MaxFindings < 0 {
		return nil, fmt.Errorf("config %s: maxFindings: %d: want 0 (no cap) or more", file, *cfg.MaxFindings)
	}
	if cfg.LRNRegex != "" {
		if _, err := rules.WholeMatch(cfg.LRNRegex); err != nil {
			return nil, fmt.Errorf("config %s: lrnRegex: %w", file, err)
		}
	}
	for i, o := range cfg.Overrides {
		if len(o.Paths) == 0 {
			return nil, fmt.Errorf("config %s: overrides[%d] has no paths", file, i)
		}
		for _, p := range o.Paths {
			if _, err := path.Match(strings.ReplaceAll(p, "**", "x"), ""); err != nil {
				return nil, fmt.Errorf("config %s: overrides[%d]: bad pattern %q", file, i, p)
			}
		}
		if o.Profile != "" {
			if _, err := validate.ParseProfile(o.Profile); err != nil {
				return nil, fmt.Errorf("config %s: overrides[%d] profile: %w", file, i, err)
			}
		}
	}
	for _, dirs := range [][]string{cfg.Schemas, cfg.CodeLists, cfg.Context} {
		for i, s := range dirs {
			if !filepath.IsAbs(s) {
				dirs[i] = filepath.Join(cfg.dir, s)
			}
		}
	}
	return cfg, nil
}

// matchGlob matches a slash-separated path against a pattern where ** spans
// any number of folders and other elements follow path.Match.
func matchGlob(pattern, name string) bool {
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

// engineSettings are the options that may differ from file to file.
type engineSettings struct {
	profile  string
	sel, dis []string
	severity map[string]rules.Severity
}

// key identifies settings, to share one engine among files with the same.
func (s engineSettings) key() string {
	var sev []string
	for k, v := range s.severity {
		sev = append(sev, k+"="+string(v))
	}
	sort.Strings(sev)
	return strings.Join([]string{s.profile, strings.Join(s.sel, ","), strings.Join(s.dis, ","), strings.Join(sev, ",")}, "|")
}

// forFile applies the overrides that match file (a path as given on the
// command line) to base.
func (c *config) forFile(base engineSettings, file string) engineSettings {
	if c == nil || len(c.Overrides) == 0 {
		return base
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return base
	}
	rel, err := filepath.Rel(c.dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return base
	}
	rel = filepath.ToSlash(rel)
	s := base
	for _, o := range c.Overrides {
		matched := false
		for _, p := range o.Paths {
			matched = matched || matchGlob(p, rel)
		}
		if matched {
			s = o.apply(s)
		}
	}
	return s
}

// each returns the settings of every override applied alone to base, so
// that a mistake in an override is reported even when it matches no file.
func (c *config) each(base engineSettings) []engineSettings {
	if c == nil {
		return nil
	}
	var out []engineSettings
	for _, o := range c.Overrides {
		out = append(out, o.apply(base))
	}
	return out
}

func (o override) apply(s engineSettings) engineSettings {
	{
		if o.Profile != "" {
			s.profile = o.Profile
		}
		if len(o.Select) > 0 {
			s.sel = o.Select
		}
		s.dis = append(append([]string(nil), s.dis...), o.Disable...)
		if len(o.Severity) > 0 {
			m := map[string]rules.Severity{}
			for k, v := range s.severity {
				m[k] = v
			}
			for k, v := range o.Severity {
				m[k] = v
			}
			s.severity = m
		}
	}
	return s
}
