package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertCarriesTheWrapper: a declaration in HMRC's MDG wrapper, with
// a processing instruction before it, goes to JSON and back with exit 0
// and its wrapper; a processing instruction inside the message is named on
// stderr and the exit code is 1.
func TestConvertCarriesTheWrapper(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata/messages/cds/declaration-imz.xml"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(src)
	if i := strings.Index(body, "?>"); strings.HasPrefix(body, "<?xml") && i > 0 {
		body = body[i+2:]
	}
	const ns = "http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1"
	writeFile(t, filepath.Join(dir, "w.xml"), `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="d.xsl"?>
<v1:submitDeclarationRequest xmlns:v1="`+ns+`"><v1:requestCommon><v1:conversationID>c-42</v1:conversationID></v1:requestCommon><v1:requestDetail>`+body+`</v1:requestDetail></v1:submitDeclarationRequest>`)
	r := cli(t, dir, "", "convert", "--to", "json", "--output", "w.json", "w.xml")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("to json: exit %d %q", r.code, r.stderr)
	}
	back := cli(t, dir, "", "convert", "--to", "xml", "w.json")
	for _, want := range []string{`<?xml-stylesheet href="d.xsl"?>`, `<v1:submitDeclarationRequest xmlns:v1="` + ns + `">`, "<v1:conversationID>c-42</v1:conversationID>", "<md:MetaData "} {
		if back.code != 0 || !strings.Contains(back.stdout, want) {
			t.Fatalf("to xml: exit %d %q; stdout lacks %s:\n%s", back.code, back.stderr, want, back.stdout)
		}
	}
	writeFile(t, filepath.Join(dir, "pi.xml"), strings.Replace(string(src), "<Declaration>", "<Declaration><?app keep?>", 1))
	r = cli(t, dir, "", "convert", "--to", "json", "pi.xml")
	if r.code != 1 || !strings.Contains(r.stderr, "pi.xml: /MetaData/Declaration: processing instruction <?app?> on line") || !strings.Contains(r.stdout, `"md:MetaData"`) {
		t.Fatalf("PI in the message: exit %d %q", r.code, r.stderr)
	}
}

// TestConvertOutputIsAtomic: --output replaces the file only with a
// complete conversion, through a temporary file beside it: a convert that
// fails leaves the file there as it was, one that succeeds replaces it
// (keeping its mode), and neither leaves a temporary file behind.
func TestConvertOutputIsAtomic(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "out.xml")
	const old = "the previous conversion\n"
	if err := os.WriteFile(dest, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "bad.json"), `{"n1:CC015C": [1, }`)
	writeFile(t, filepath.Join(dir, "unknown.json"), `{"n1:CC999C": {}}`)
	for _, in := range []string{"bad.json", "unknown.json", "missing.json"} {
		r := cli(t, dir, "", "convert", "--to", "xml", "--output", "out.xml", in)
		if r.code == 0 {
			t.Errorf("%s: exit 0", in)
		}
		if got, err := os.ReadFile(dest); err != nil || string(got) != old {
			t.Errorf("%s: the file was changed to %.100q (%v)", in, got, err)
		}
	}
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata/messages/ctc-p5/cc015c.xml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "m.xml"), string(src))
	if r := cli(t, dir, "", "convert", "--to", "json", "--output", "out.json", "m.xml"); r.code != 0 {
		t.Fatalf("to json: exit %d %q", r.code, r.stderr)
	}
	if r := cli(t, dir, "", "convert", "--to", "xml", "--output", "out.xml", "out.json"); r.code != 0 || r.stdout != "" {
		t.Fatalf("to xml: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(dest)
	if err != nil || !strings.Contains(string(got), "<ncts:CC015C") {
		t.Fatalf("the conversion did not replace the file: %.200q %v", got, err)
	}
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want the file's own 0600", st.Mode(), err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
