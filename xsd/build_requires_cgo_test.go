package xsd

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildWithoutCgoSaysWhy builds the CLI with CGO_ENABLED=0: the build
// must fail, and its first error must name what is missing (cgo and
// libxml2), not an undefined identifier of the binding.
func TestBuildWithoutCgoSaysWhy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goTool, "build", "-o", os.DevNull, "../cmd/customslint")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("CGO_ENABLED=0 go build succeeded:\n%s", out)
	}
	var first string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, ".go:") {
			first = line
			break
		}
	}
	if !strings.Contains(first, "build_requires_cgo.go") || !strings.Contains(first, "customslint_needs_cgo_and_libxml2") {
		t.Fatalf("first error of CGO_ENABLED=0 go build does not say cgo is needed: %q\nwhole output:\n%s", first, out)
	}
}
