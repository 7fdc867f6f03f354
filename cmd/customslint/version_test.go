package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVCSLabel(t *testing.T) {
	for _, tc := range []struct {
		settings []debug.BuildSetting
		want     string
	}{
		{nil, ""},
		{[]debug.BuildSetting{{Key: "vcs.time", Value: "2026-12-06T03:15:28Z"}}, ""},
		{[]debug.BuildSetting{
			{Key: "vcs.revision", Value: "42c0d469b989709b160acf54109b6668c680b606"},
			{Key: "vcs.time", Value: "2026-12-06T03:15:28Z"},
			{Key: "vcs.modified", Value: "false"},
		}, "commit 42c0d469b989 2026-12-06T03:15:28Z"},
		{[]debug.BuildSetting{
			{Key: "vcs.revision", Value: "42c0d46"},
			{Key: "vcs.modified", Value: "true"},
		}, "commit 42c0d46, modified"},
	} {
		if got := vcsLabel(&debug.BuildInfo{Settings: tc.settings}); got != tc.want {
			t.Errorf("vcsLabel(%v) = %q, want %q", tc.settings, got, tc.want)
		}
	}
	if got := vcsLabel(nil); got != "" {
		t.Errorf("vcsLabel(nil) = %q", got)
	}
}

func TestVersionLinkerSet(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "v9.8.7"
	if got := buildVersion(); got != "v9.8.7" {
		t.Errorf("buildVersion() = %q with a linker-set version", got)
	}
	if got := versionString(); !strings.HasPrefix(got, "customslint v9.8.7 ") || !strings.Contains(got, "(libxml2 ") {
		t.Errorf("versionString() = %q", got)
	}
}
