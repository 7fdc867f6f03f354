package validate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestTrailingTextAfterNotification: text after the root element of a DMS
// notification (HMRC's Trade Test 1 notifications end with log lines) is
// ignored with an xml warning that says so; after a declaration it stays
// an xml error.
func TestTrailingTextAfterNotification(t *testing.T) {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	const tail = "headers=List((Content-Type,application/xml))\n"
	for _, c := range []struct {
		file string
		sev  rules.Severity
		want string
	}{
		{"notification-dmsacc.xml", rules.Warning, "text after the root element of this DMS notification is ignored"},
		{"declaration-exa.xml", rules.Error, "Extra content"},
	} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", "cds", c.file))
		if err != nil {
			t.Fatal(err)
		}
		clean, err := eng.Check(context.Background(), c.file, data)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, tail...)
		rep, err := eng.Check(context.Background(), c.file, data)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(data), "\n")
		var xml []validate.Finding
		for _, f := range rep.Findings {
			if f.Rule == rules.XMLID {
				xml = append(xml, f)
			}
		}
		if len(xml) != 1 || xml[0].Severity != c.sev || !strings.Contains(xml[0].Message, c.want) || xml[0].Line != lines {
			t.Errorf("%s with trailing text: xml findings %+v; want one %s %q on line %d", c.file, xml, c.sev, c.want, lines)
		}
		if c.sev == rules.Warning && len(rep.Findings) != len(clean.Findings)+1 {
			t.Errorf("%s: %d findings with trailing text, %d without; want one more", c.file, len(rep.Findings), len(clean.Findings))
		}
	}
}
