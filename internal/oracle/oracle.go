// Package oracle gives tests access to HMRC's official material in
// ../shared/official and to xmllint as the reference XSD validator. Nothing
// from ../shared is copied into the project; tests only read it, and skip
// cleanly when it is absent, unless CUSTOMSLINT_REQUIRE_OFFICIAL is set (CI),
// when they fail.
package oracle

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle/missing"
)

// OfficialDir returns the absolute path of ../shared/official (relative to
// the module root), or $CUSTOMSLINT_OFFICIAL when set. When the folder is
// absent it skips the test, or fails it under CUSTOMSLINT_REQUIRE_OFFICIAL
// (package missing).
func OfficialDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("CUSTOMSLINT_OFFICIAL")
	if dir == "" {
		root, err := ModuleRoot()
		if err != nil {
			t.Fatalf("find module root: %v", err)
		}
		dir = filepath.Join(root, "..", "shared", "official")
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		missing.Official(t, "official HMRC material not found at %s (set CUSTOMSLINT_OFFICIAL)", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// ModuleRoot returns the directory holding go.mod, searching up from the
// working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Xmllint returns the path of xmllint. Tests that compare against it fail
// (not skip) when it is missing: .ci/run and the README's setup install it.
func Xmllint(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatalf("xmllint not found: install libxml2-utils (.ci/run does)")
	}
	return p
}

// XMLFiles lists the *.xml files under dir, recursively, sorted, as paths
// relative to base.
func XMLFiles(t testing.TB, base, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(base, dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") {
			rel, err := filepath.Rel(base, p)
			if err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	sort.Strings(out)
	return out
}

// Verdict is a validator's overall answer for one file.
type Verdict string

// Verdicts.
const (
	Valid         Verdict = "valid"
	Invalid       Verdict = "invalid"
	NotWellFormed Verdict = "not-well-formed"
)

// Result is xmllint's answer for one file.
type Result struct {
	Verdict     Verdict
	SchemaLines []int // line of each schema validity error, in output order
	ParseLines  []int // line of each parser error
}

var lineRE = regexp.MustCompile(`^:(\d+): (.*)$`)

// RunXmllint validates files (relative to dir) against schema with
// `xmllint --noout --schema`, in one run, and returns each file's result.
func RunXmllint(t testing.TB, dir, schema string, files []string) map[string]Result {
	t.Helper()
	bin := Xmllint(t)
	out := map[string]Result{}
	const batch = 200
	for start := 0; start < len(files); start += batch {
		part := files[start:min(start+batch, len(files))]
		cmd := exec.Command(bin, append([]string{"--noout", "--schema", schema}, part...)...)
		cmd.Dir = dir
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatalf("run xmllint: %v", err)
		}
		parseXmllint(buf.Bytes(), part, out)
	}
	return out
}

// parseXmllint reads xmllint's interleaved output. Files are reported in the
// order given, so a cursor finds which file each line is about even when
// names contain spaces or colons.
func parseXmllint(output []byte, files []string, out map[string]Result) {
	cur := 0
	sc := bufio.NewScanner(bytes.NewReader(output))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		for i := cur; i < len(files); i++ {
			f := files[i]
			if !strings.HasPrefix(line, f) {
				continue
			}
			rest := line[len(f):]
			r := out[f]
			switch {
			case rest == " validates":
				r.Verdict = Valid
			case rest == " fails to validate":
				r.Verdict = Invalid
			case lineRE.MatchString(rest):
				m := lineRE.FindStringSubmatch(rest)
				n, _ := strconv.Atoi(m[1])
				switch {
				case strings.Contains(m[2], "Schemas validity error"):
					r.SchemaLines = append(r.SchemaLines, n)
				case strings.Contains(m[2], "parser error"):
					r.ParseLines = append(r.ParseLines, n)
				default:
					continue // a warning: not part of the verdict
				}
			default:
				continue
			}
			out[f] = r
			cur = i
			break
		}
	}
	for _, f := range files {
		r := out[f]
		if r.Verdict == "" {
			r.Verdict = NotWellFormed
		}
		out[f] = r
	}
}

// XMLFilesAll lists the *.xml files under several folders.
func XMLFilesAll(t testing.TB, base string, dirs []string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		out = append(out, XMLFiles(t, base, d)...)
	}
	return out
}
