package missing_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle/missing"
)

// TestRequired checks which values of the variable require the material.
func TestRequired(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "true": true} {
		t.Setenv(missing.RequireEnv, v)
		if got := missing.Required(); got != want {
			t.Errorf("%s=%q: Required() = %v, want %v", missing.RequireEnv, v, got, want)
		}
	}
}

// TestOfficialSkipsOrFails runs a test that calls Official in a child
// process, with and without the variable, and checks that it skips
// without it and fails with it.
func TestOfficialSkipsOrFails(t *testing.T) {
	if os.Getenv("MISSING_CHILD") == "1" {
		missing.Official(t, "no material at %s", "/nowhere")
		t.Fatal("Official returned")
	}
	for _, c := range []struct {
		require  string
		fails    bool
		wantText string
	}{
		{"", false, "SKIP: TestOfficialSkipsOrFails"},
		{"1", true, "--- FAIL: TestOfficialSkipsOrFails"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestOfficialSkipsOrFails$", "-test.v")
		cmd.Env = append(os.Environ(), "MISSING_CHILD=1", missing.RequireEnv+"="+c.require)
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != c.fails {
			t.Errorf("%s=%q: child failed = %v, want %v\n%s", missing.RequireEnv, c.require, failed, c.fails, out)
		}
		if !strings.Contains(string(out), c.wantText) || !strings.Contains(string(out), "no material at /nowhere") {
			t.Errorf("%s=%q: child output lacks %q and the reason:\n%s", missing.RequireEnv, c.require, c.wantText, out)
		}
		if strings.Contains(string(out), "Official returned") {
			t.Errorf("%s=%q: Official returned instead of ending the test:\n%s", missing.RequireEnv, c.require, out)
		}
	}
}
