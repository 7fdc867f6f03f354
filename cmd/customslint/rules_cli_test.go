package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
)

func TestRulesFormatJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"rules", "--format", "json"}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	var got []ruleInfo
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("rules --format json is no JSON array of rules: %v", err)
	}
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules listed, %d registered", len(got), len(all))
	}
	for i, r := range all {
		g := got[i]
		if g.ID != r.ID || g.Severity != string(r.Severity) || g.Summary != r.Summary || g.Doc != r.Documentation() ||
			len(g.Codes) != len(r.Codes) || len(g.MessageTypes) != len(r.MessageTypes) || g.Codes == nil || g.Profiles == nil {
			t.Errorf("rule %d: listed %+v, registered %s", i, g, r.ID)
		}
	}
	if !strings.Contains(out.String(), "<Amendment>") {
		t.Error("rule docs are HTML-escaped in the JSON list")
	}
}

func TestRulesFormatRefused(t *testing.T) {
	for _, args := range [][]string{{"rules", "--format", "yaml"}, {"rules", "extra"}} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, nil, &out, &errb); code != exitUsage || out.Len() != 0 || errb.Len() == 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out.String(), errb.String())
		}
	}
}
