package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// version is the release version, set when a release is built:
//
//	go build -ldflags "-X main.version=v0.1.0" ./cmd/customslint
//
// Empty otherwise: the module version or "(devel)" stands in.
var version string

// versionString is what `customslint version` prints: the version, the
// commit and commit time the binary was built from (when the build
// recorded them; "modified" when the working tree had changes) and the
// libxml2 it runs with.
func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	parts := []string{"customslint", buildVersion()}
	if vcs := vcsLabel(bi); vcs != "" {
		parts = append(parts, vcs)
	}
	return fmt.Sprintf("%s (libxml2 %s)", strings.Join(parts, " "), libxmlVersion())
}

// buildVersion is the version the binary was built as: the linker-set
// release version, else the module version (go install ...@v0.1.0), else
// "(devel)".
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// vcsLabel describes the commit a binary was built from, as the go
// command records it (go build in a git checkout): "commit 42c0d469b989
// 2026-12-06T03:40:00Z", with ", modified" when the tree had changes. ""
// when the build recorded none (go run, go test, builds outside a
// checkout, -buildvcs=false).
func vcsLabel(bi *debug.BuildInfo) string {
	if bi == nil {
		return ""
	}
	var rev, when string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return ""
	}
	label := "commit " + rev[:min(12, len(rev))]
	if when != "" {
		label += " " + when
	}
	if modified {
		label += ", modified"
	}
	return label
}
