package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

// checkBoth checks data as bytes (Check) and as a file (CheckFile, which
// streams UTF-8 XML) and requires the same report.
func checkBoth(t *testing.T, eng *validate.Engine, name string, data []byte) validate.FileReport {
	t.Helper()
	p := filepath.Join(t.TempDir(), "m")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err1 := eng.Check(context.Background(), name, data)
	got, err2 := eng.CheckFile(context.Background(), name, p)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%s: errors %v and %v", name, err1, err2)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("%s: CheckFile differs from Check (-Check +CheckFile):\n%s", name, d)
	}
	return got
}

// TestCheckFileMatchesCheckOnOfficialSamples streams every official sample
// from its file, with every rule, and requires the report of the same
// bytes checked in memory: findings, lines, columns and paths.
func TestCheckFileMatchesCheckOnOfficialSamples(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	validate.StreamAll(eng)
	n, withFindings := 0, 0
	for _, g := range oracle.Groups {
		eachOfficialFile(t, off, g, eng, func(f string, _ []byte, want validate.FileReport) {
			got, err := eng.CheckFile(context.Background(), f, filepath.Join(off, f))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s (-Check +CheckFile):\n%s", f, d)
			}
			n++
			if len(got.Findings) > 0 {
				withFindings++
			}
		})
	}
	t.Logf("compared %d files, %d with findings", n, withFindings)
	if n < 1000 || withFindings < 900 {
		t.Errorf("compared %d files, %d with findings; want the whole official set", n, withFindings)
	}
}

// TestCheckFileMatchesCheckOnEdges covers what pieces make hard: long
// lines (columns past checkpoints), characters cut by a piece, comments
// and suppressions, and each guard finding at the place guard gives it.
func TestCheckFileMatchesCheckOnEdges(t *testing.T) {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	validate.StreamAll(eng)
	base, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "cds", "declaration-invalid.xml"))
	if err != nil {
		t.Fatal(err)
	}
	oneLine := bytes.ReplaceAll(bytes.ReplaceAll(base, []byte("\r\n"), []byte(" ")), []byte("\n"), []byte(" "))
	// A 300 KB comment of two- and three-byte characters before the
	// message element: every finding's column is far past a checkpoint,
	// and pieces cut characters.
	long := []byte("<!--" + strings.Repeat("é€ ", 60000) + "-->")
	withLong := bytes.Replace(oneLine, []byte("<md:MetaData"), append(append([]byte{}, long...), []byte("<md:MetaData")...), 1)
	if bytes.Equal(withLong, oneLine) {
		t.Fatal("no <md:MetaData in the example")
	}
	cases := map[string][]byte{
		"example":                  base,
		"one line":                 oneLine,
		"one line after 300 KB":    withLong,
		"CRLF":                     bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n")),
		"BOM":                      append([]byte{0xEF, 0xBB, 0xBF}, base...),
		"suppressed":               bytes.Replace(base, []byte("<md:MetaData"), []byte("<!-- customslint:ignore xsd not ours -->\n<md:MetaData"), 1),
		"invalid UTF-8 past 64 KB": append(append(append([]byte{}, withLong[:70000]...), 0xFF), withLong[70000:]...),
		"cut character at 64 KB":   append(append(append([]byte{}, withLong[:65535]...), "é"...), withLong[65535:]...),
		"ASCII declared, not":      append([]byte(`<?xml version="1.0" encoding="US-ASCII"?>`+"\n<r>"+strings.Repeat("a", 70000)), []byte("é</r>")...),
		"DOCTYPE after 200 KB":     []byte("<!--" + strings.Repeat("x", 200000) + "-->\n<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>"),
		"text over 1 MiB":          []byte("<r>" + strings.Repeat("t", 1<<20+10) + "</r>"),
		"not well-formed":          oneLine[:len(oneLine)/2],
		"white space first":        append(bytes.Repeat([]byte(" "), 70000), base...),
		"JSON":                     []byte(`{"md:MetaData": {}}`),
		"UTF-16":                   utf16Bytes(string(base)),
		"Latin-1":                  []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r>\xe9</r>"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			rep := checkBoth(t, eng, name, data)
			if name == "one line after 300 KB" {
				far := 0
				for _, f := range rep.Findings {
					if f.Column > 180000 {
						far++
					}
				}
				if far == 0 {
					t.Errorf("no finding far along the line: %v", rep.Findings)
				}
			}
		})
	}
}

func utf16Bytes(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestCheckFileLimits: a file over the size limit is refused without being
// read, and a missing file is an error.
func TestCheckFileLimits(t *testing.T) {
	eng, err := validate.New(validate.Options{MaxSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	validate.StreamAll(eng)
	p := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(p, []byte("<r>"+strings.Repeat("x", 200)+"</r>"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := eng.CheckFile(context.Background(), "big.xml", p)
	if err != nil || len(rep.Findings) != 1 || !strings.Contains(rep.Findings[0].Message, "larger than the limit") {
		t.Errorf("over the limit: %v %v", rep.Findings, err)
	}
	if _, err := eng.CheckFile(context.Background(), "none", filepath.Join(t.TempDir(), "none.xml")); err == nil {
		t.Error("missing file: no error")
	}
}

// TestCheckFileSmallReadWhole: below StreamFrom, CheckFile reads the file
// whole and gives Check's report.
func TestCheckFileSmallReadWhole(t *testing.T) {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "cds", "declaration-invalid.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if rep := checkBoth(t, eng, "small", data); len(rep.Findings) == 0 {
		t.Error("no findings to compare")
	}
}
