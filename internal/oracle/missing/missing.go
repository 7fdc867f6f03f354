// Package missing decides what a test does when the material it needs from
// outside the repository (../shared/official, beside the clone) is not
// there: it skips, unless CUSTOMSLINT_REQUIRE_OFFICIAL is set, as in CI
// (.ci/run), where it fails, so that a missing folder never passes as a
// run that checked nothing. It imports nothing of the project, so every
// package's tests can use it, the internal ones of validate included.
package missing

import (
	"fmt"
	"os"
	"testing"
)

// RequireEnv is the variable that turns a skip for missing material into
// a failure: any value but "" or "0".
const RequireEnv = "CUSTOMSLINT_REQUIRE_OFFICIAL"

// Required reports whether missing material fails the test.
func Required() bool {
	v := os.Getenv(RequireEnv)
	return v != "" && v != "0"
}

// Official ends tb for material it cannot find: a failure (Fatalf) when
// Required, else a skip. The message says which, and why.
func Official(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		tb.Fatalf("%s (%s is set: the official material is required)", msg, RequireEnv)
	}
	tb.Skipf("%s; skipping (set %s=1 to fail instead)", msg, RequireEnv)
}
