package xsd_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// oldHandler is a structured error handler as libxml2 2.9 declares it
// (non-const xmlErrorPtr): what binding.c had before it chose the type by
// LIBXML_VERSION. Against 2.12's headers it does not compile cleanly.
const oldHandler = `#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
static void h(void *d, xmlErrorPtr e) { (void) d; (void) e; }
void f(xmlSchemaValidCtxtPtr v) {
    xmlSetStructuredErrorFunc(NULL, h);
    xmlSchemaSetValidStructuredErrors(v, h, NULL);
}
`

// tool runs a command and returns its combined output; it skips the test
// when the command is not installed.
func tool(t *testing.T, env []string, name string, args ...string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed: %v", name, err)
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// fake212 writes a libxml-2.0.pc whose flags put testdata/libxml212 (the
// installed headers made to look like libxml2 2.12) before the real
// headers, and returns the directory to put first in PKG_CONFIG_PATH, the
// C flags, and a digest of the .pc file and the fake headers. (CGO_CFLAGS
// cannot do it: go build places them after pkg-config's. And go's build
// cache does not key on pkg-config's output: the digest, in CGO_CFLAGS,
// keeps a build against the real headers from standing in for this one.)
func fake212(t *testing.T) (pcDir, cflags, digest string) {
	t.Helper()
	realC, err := tool(t, nil, "pkg-config", "--cflags", "libxml-2.0")
	if err != nil {
		t.Fatalf("pkg-config --cflags: %v\n%s", err, realC)
	}
	libs, err := tool(t, nil, "pkg-config", "--libs", "libxml-2.0")
	if err != nil {
		t.Fatalf("pkg-config --libs: %v\n%s", err, libs)
	}
	shadow, err := filepath.Abs(filepath.Join("testdata", "libxml212"))
	if err != nil {
		t.Fatal(err)
	}
	cflags = "-I" + shadow + " " + strings.TrimSpace(realC)
	pcDir = t.TempDir()
	pc := fmt.Sprintf("Name: libxml-2.0\nDescription: installed libxml2 seen as 2.12 (test)\nVersion: 2.12.0\nCflags: %s\nLibs: %s\n", cflags, strings.TrimSpace(libs))
	if err := os.WriteFile(filepath.Join(pcDir, "libxml-2.0.pc"), []byte(pc), 0o644); err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	h.Write([]byte(pc))
	for _, name := range []string{"xmlversion.h", "xmlerror.h"} {
		b, err := os.ReadFile(filepath.Join(shadow, "libxml", name))
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	return pcDir, cflags, hex.EncodeToString(h.Sum(nil))[:16]
}

// TestBuildsWithoutWarnings compiles the package's C with -Wall -Werror
// against the installed libxml2 (2.9 on Debian 12) and against the same
// headers made to look like 2.12, where structured error handlers take a
// const xmlError *: binding.c picks its handlers' type by LIBXML_VERSION,
// and neither build may warn. A control shows the fake headers bite: a
// handler of the 2.9 type fails against them.
func TestBuildsWithoutWarnings(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build twice")
	}
	const strict = "CGO_CFLAGS=-O2 -g -Wall -Werror"
	if out, err := tool(t, []string{strict, "CGO_ENABLED=1"}, "go", "build", "-o", os.DevNull, "."); err != nil || out != "" {
		t.Errorf("build against the installed libxml2: %v\n%s", err, out)
	}
	pcDir, cflags, digest := fake212(t)
	path := pcDir
	if p := os.Getenv("PKG_CONFIG_PATH"); p != "" {
		path += string(os.PathListSeparator) + p
	}
	fake := strict + " -DCL_FAKE_LIBXML_212=0x" + digest
	if out, err := tool(t, []string{fake, "CGO_ENABLED=1", "PKG_CONFIG_PATH=" + path}, "go", "build", "-o", os.DevNull, "."); err != nil || out != "" {
		t.Errorf("build against libxml2 2.12's handler type: %v\n%s", err, out)
	}

	src := filepath.Join(t.TempDir(), "old.c")
	if err := os.WriteFile(src, []byte(oldHandler), 0o644); err != nil {
		t.Fatal(err)
	}
	cc, err := tool(t, nil, "go", "env", "CC")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"-fsyntax-only", "-Wall", "-Werror"}, strings.Fields(cflags)...)
	if out, err := tool(t, nil, strings.TrimSpace(cc), append(args, src)...); err == nil || !strings.Contains(out, "xmlStructuredErrorFunc") {
		t.Errorf("a 2.9-style handler against the fake 2.12 headers: %v, want an error about xmlStructuredErrorFunc\n%s", err, out)
	}
}
