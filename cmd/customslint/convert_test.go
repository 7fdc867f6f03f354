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
