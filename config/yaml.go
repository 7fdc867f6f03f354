package config

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/customslint/customslint/rules"
)

// configKeys and overrideKeys are the keys of the file's mapping and of an
// override, from the yaml tags.
var (
	configKeys   = yamlKeys(reflect.TypeFor[Config]())
	overrideKeys = yamlKeys(reflect.TypeFor[Override]())
)

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

// yamlLine is the "line N: " the YAML package starts its messages with.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// atLine turns the YAML package's "line N: msg" into "FILE:N: msg".
func atLine(file, msg string) string {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return file + ":" + m[1] + ": " + msg[len(m[0]):]
	}
	return file + ": " + strings.TrimPrefix(msg, "yaml: ")
}

// parseYAML returns the document's top mapping, nil for an empty file.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s", atLine(file, err.Error()))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want settings as key: value lines", file, root.Line)
	}
	return root, nil
}

// checkKeys reports the first unknown key of the mapping and of each
// override, with the nearest known key.
func checkKeys(file string, m *yaml.Node, keys, nested []string) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !contains(keys, k.Value) {
			return fmt.Errorf("%s:%d: unknown key '%s'%s", file, k.Line, k.Value, didYouMean(k.Value, keys))
		}
		if k.Value != "overrides" || v.Kind != yaml.SequenceNode {
			continue
		}
		for _, o := range v.Content {
			if o.Kind != yaml.MappingNode {
				continue // decoding says what is wrong
			}
			if err := checkKeys(file, o, nested, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// valueNode is the value of key in the mapping m, or nil.
func valueNode(m *yaml.Node, key string) *yaml.Node {
	if m == nil {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// valueLine is the line of key's value in m, 0 when it is not there.
func valueLine(m *yaml.Node, key string) int {
	if v := valueNode(m, key); v != nil {
		return v.Line
	}
	return 0
}

// checkRules checks every rule named in the file (select, disable and
// severity, at the top and in overrides) against the registry, and the
// severities.
func checkRules(file string, root *yaml.Node) error {
	maps := []*yaml.Node{root}
	if o := valueNode(root, "overrides"); o != nil {
		maps = append(maps, o.Content...)
	}
	for _, m := range maps {
		for _, key := range []string{"select", "disable"} {
			for _, n := range listItems(valueNode(m, key)) {
				if err := CheckRuleName(n.Value); err != nil {
					return fmt.Errorf("%s:%d: %s: %w", file, n.Line, key, err)
				}
			}
		}
		if err := checkSeverities(file, valueNode(m, "severity")); err != nil {
			return err
		}
	}
	return nil
}

// listItems are the items of a sequence node (decoding has checked its
// type).
func listItems(v *yaml.Node) []*yaml.Node {
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	return v.Content
}

// checkSeverities checks a severity mapping: rule IDs (not prefixes) to
// error, warning or info.
func checkSeverities(file string, v *yaml.Node) error {
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		err := CheckRuleName(k.Value)
		if err == nil && strings.HasSuffix(k.Value, "*") {
			err = fmt.Errorf("'%s': a severity is set rule by rule, not for a prefix", k.Value)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: severity: %w", file, k.Line, err)
		}
		if _, err := rules.ParseSeverity(val.Value); err != nil {
			return fmt.Errorf("%s:%d: severity of %s: %w", file, val.Line, k.Value, err)
		}
	}
	return nil
}

// CheckRuleName checks that name is a rule ID, or a prefix ending in "*"
// that some rule ID starts with; the error suggests the nearest rule ID.
func CheckRuleName(name string) error {
	ids := ruleIDs()
	if prefix, ok := strings.CutSuffix(name, "*"); ok {
		for _, id := range ids {
			if strings.HasPrefix(id, prefix) {
				return nil
			}
		}
	} else if contains(ids, name) {
		return nil
	}
	if hint := didYouMean(name, ids); hint != "" {
		return fmt.Errorf("unknown rule '%s'%s", name, hint)
	}
	return fmt.Errorf("unknown rule '%s' (customslint rules lists them)", name)
}

func ruleIDs() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// didYouMean is " (did you mean 'X'?)" with the candidate nearest to s, or
// "" when none is near.
func didYouMean(s string, candidates []string) string {
	if best := rules.Nearest(s, candidates); best != "" {
		return fmt.Sprintf(" (did you mean '%s'?)", best)
	}
	return ""
}
