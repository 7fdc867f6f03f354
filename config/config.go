// Package config finds, loads and checks customslint's configuration file
// (.customslint.yaml), applies its per-path overrides, and merges it with
// the settings given on a command line into the options of the engines
// (package validate) that check each file.
//
// A Go program that wants what the customslint command does reads the file
// with Find and Load (or For), merges it with its own settings with Merge,
// and builds an engine per distinct Settings (Settings.Options).
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// FileName is the name customslint looks for, upward from the working
// directory, when no configuration file is named.
const FileName = ".customslint.yaml"

// Config is the content of a configuration file. Paths in it are relative
// to the file; Load makes them absolute.
type Config struct {
	// Profile is the message family and phase (auto, cds, ctc-p4 ...).
	Profile string `yaml:"profile"`
	// Schemas are folders of official HMRC schema bundles.
	Schemas []string `yaml:"schemas"`
	// Select runs only these rules; Disable skips these (IDs or prefixes
	// ending in "*").
	Select  []string `yaml:"select"`
	Disable []string `yaml:"disable"`
	// Severity changes the severity of a rule's findings.
	Severity map[string]rules.Severity `yaml:"severity"`
	// MaxSize is the input size limit, as ParseSize reads it.
	MaxSize string `yaml:"maxSize"`
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
	// Now is the reference time of time-dependent rules, RFC 3339 (see
	// ParseNow); empty means the wall clock.
	Now string `yaml:"now"`
	// Overrides change the settings for the files their path patterns
	// match; several matching overrides apply in order.
	Overrides []Override `yaml:"overrides"`

	// Dir is the absolute path of the folder of the file.
	Dir string `yaml:"-"`
	// File is the path of the file as given to Load.
	File string `yaml:"-"`
}

// Override is an entry of the overrides list: settings for some paths.
type Override struct {
	// Paths are patterns relative to the configuration file, with
	// forward slashes; ** spans folders, the rest follows path.Match.
	Paths []string `yaml:"paths"`
	// Profile, when set, replaces the profile.
	Profile string `yaml:"profile"`
	// Select, when not empty, replaces the rules selected.
	Select []string `yaml:"select"`
	// Disable adds to the rules disabled.
	Disable []string `yaml:"disable"`
	// Severity changes the severities of these rules.
	Severity map[string]rules.Severity `yaml:"severity"`
}

// Find returns the path of the configuration file in dir or the nearest
// folder above it, or "" when there is none.
func Find(dir string) string {
	for {
		p := filepath.Join(dir, FileName)
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

// For loads the configuration file given, else the one Find finds upward
// from the working directory; with neither it returns nil and no error.
func For(file string) (*Config, error) {
	if file == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		if file = Find(wd); file == "" {
			return nil, nil
		}
	}
	return Load(file)
}

// Load reads and checks a configuration file. Its errors name the file and
// the line: FILE:LINE: what is wrong. An unknown key or rule is an error
// that suggests the nearest known one.
func Load(file string) (*Config, error) {
	data, err := readFile(file)
	if err != nil {
		return nil, err
	}
	cfg := &Config{File: file}
	if abs, err := filepath.Abs(file); err == nil {
		cfg.Dir = filepath.Dir(abs)
	}
	root, err := parseYAML(file, data)
	if err != nil || root == nil {
		return cfg, err
	}
	if err := cfg.decode(root); err != nil {
		return nil, err
	}
	if err := cfg.check(root); err != nil {
		return nil, err
	}
	for _, dirs := range [][]string{cfg.Schemas, cfg.CodeLists, cfg.Context} {
		for i, s := range dirs {
			if !filepath.IsAbs(s) {
				dirs[i] = filepath.Join(cfg.Dir, s)
			}
		}
	}
	return cfg, nil
}

// MaxFileSize bounds a configuration file: 1 MiB.
const MaxFileSize = 1 << 20

// readFile reads a configuration file, at most MaxFileSize bytes (--config
// /dev/zero is an error, not a hang).
func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: larger than 1MiB: not a configuration file", file)
	}
	return data, nil
}

// decode fills cfg from the document's mapping, once its keys are known.
func (c *Config) decode(root *yaml.Node) error {
	if err := checkKeys(c.File, root, configKeys, overrideKeys); err != nil {
		return err
	}
	err := root.Decode(c)
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return fmt.Errorf("%s", atLine(c.File, te.Errors[0]))
	}
	if err != nil {
		return fmt.Errorf("%s: %s", c.File, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// check checks the values that decoding cannot: profiles, sizes, rule
// names, patterns, the time.
func (c *Config) check(root *yaml.Node) error {
	at := func(key string, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s: "+format, append([]any{c.File, valueLine(root, key), key}, args...)...)
	}
	if c.Profile != "" {
		if _, err := validate.ParseProfile(c.Profile); err != nil {
			return at("profile", "%w", err)
		}
	}
	if c.MaxSize != "" {
		if _, err := ParseSize(c.MaxSize); err != nil {
			return at("maxSize", "%w", err)
		}
	}
	if c.MaxFindings != nil && *c.MaxFindings < 0 {
		return at("maxFindings", "%d: want 0 (no cap) or more", *c.MaxFindings)
	}
	if c.LRNRegex != "" {
		if _, err := rules.WholeMatch(c.LRNRegex); err != nil {
			return at("lrnRegex", "%w", err)
		}
	}
	if c.Now != "" {
		if _, err := ParseNow(c.Now); err != nil {
			return at("now", "%w", err)
		}
	}
	if err := checkRules(c.File, root); err != nil {
		return err
	}
	return c.checkOverrides(root)
}

// checkOverrides checks each override's paths and profile.
func (c *Config) checkOverrides(root *yaml.Node) error {
	items := valueNode(root, "overrides")
	for i, o := range c.Overrides {
		line := 0
		if items != nil && i < len(items.Content) {
			line = items.Content[i].Line
		}
		if len(o.Paths) == 0 {
			return fmt.Errorf("%s:%d: overrides[%d] has no paths", c.File, line, i)
		}
		for _, p := range o.Paths {
			if _, err := path.Match(strings.ReplaceAll(p, "**", "x"), ""); err != nil {
				return fmt.Errorf("%s:%d: overrides[%d]: bad pattern %q", c.File, line, i, p)
			}
		}
		if o.Profile != "" {
			if _, err := validate.ParseProfile(o.Profile); err != nil {
				return fmt.Errorf("%s:%d: overrides[%d] profile: %w", c.File, line, i, err)
			}
		}
	}
	return nil
}

// ParseNow reads a reference time: RFC 3339, such as 2022-08-26T11:11:02Z.
func ParseNow(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a time (want RFC 3339, e.g. 2022-08-26T11:11:02Z)", s)
	}
	return t, nil
}
