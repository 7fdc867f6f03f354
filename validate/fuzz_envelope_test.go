package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzConvertDocument converts arbitrary XML, seeded with messages in
// HMRC's MDG wrapper and with processing instructions, to JSON and back:
// no panic; when nothing is reported, no element, attribute name or
// processing instruction is lost or added (values aside: numbers may come
// back canonical), and the JSON of the XML written is the same JSON.
func FuzzConvertDocument(f *testing.F) {
	eng := newEngineAll(f)
	f.Add([]byte(wrapped))
	msgs, _ := filepath.Glob("../testdata/messages/cds/*.xml")
	for _, m := range msgs {
		data, err := os.ReadFile(m)
		if err != nil {
			f.Fatal(err)
		}
		body := data
		if i := bytes.Index(body, []byte("?>")); bytes.HasPrefix(body, []byte("<?xml")) && i > 0 {
			body = body[i+2:]
		}
		f.Add([]byte(`<?xml version="1.0"?><?pi one?><v1:submitDeclarationRequest xmlns:v1="` + mdgNS + `"><v1:requestCommon><v1:regime>CDS</v1:regime><?pi two?></v1:requestCommon><v1:requestDetail>` + string(body) + `</v1:requestDetail></v1:submitDeclarationRequest><?pi three?>`))
		f.Add(append([]byte("<?pi before?>\n"), body...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		js, probs, err := eng.Convert(context.Background(), "fuzz.xml", data, "json")
		if err != nil || len(probs) > 0 {
			return
		}
		back, probs, err := eng.Convert(context.Background(), "fuzz.json", js, "xml")
		if err != nil || len(probs) > 0 {
			t.Fatalf("JSON of %q does not convert back: %v %v\n%s", trunc(data), err, probs, js)
		}
		want, err := readInfoset(data, false)
		if err != nil {
			return // libxml2 reads what encoding/xml does not: nothing to compare with
		}
		got, err := readInfoset(back, false)
		if err != nil {
			t.Fatalf("the XML written does not parse: %v\n%s", err, back)
		}
		if lost, added := infosetDiff(want, got); len(lost)+len(added) > 0 {
			t.Fatalf("round trip lost %q, added %q\ninput: %q\nback:\n%s", lost, added, trunc(data), back)
		}
		again, probs, err := eng.Convert(context.Background(), "back.xml", back, "json")
		if err != nil || len(probs) > 0 || !bytes.Equal(again, js) {
			t.Fatalf("round trip changed the JSON: %v %v\nfirst:\n%s\nsecond:\n%s", err, probs, js, again)
		}
	})
}
