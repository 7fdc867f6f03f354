package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestHelpSpellsFlagsOnce: each command's -h spells flags as the docs do
// (--name) and says each flag's default once.
func TestHelpSpellsFlagsOnce(t *testing.T) {
	for _, cmd := range []string{"check", "convert", "serve"} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{cmd, "-h"}, nil, &out, &errb); code != exitOK {
			t.Fatalf("%s -h: exit %d", cmd, code)
		}
		help := out.String() + errb.String()
		flags := 0
		for _, l := range strings.Split(help, "\n") {
			if strings.HasPrefix(l, "  -") {
				flags++
				if !strings.HasPrefix(l, "  --") {
					t.Errorf("%s -h: flag spelt with one dash: %q", cmd, l)
				}
			}
			if strings.Count(l, "(default") > 1 {
				t.Errorf("%s -h: default said twice: %q", cmd, l)
			}
		}
		if flags < 3 {
			t.Errorf("%s -h lists %d flags:\n%s", cmd, flags, help)
		}
	}
}
