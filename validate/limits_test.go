package validate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// withAttrs is a CC015B whose HEAHEA start tag, at line 3 column 3 (after
// a UTF-8 BOM when bom), has n attributes: two namespace declarations, an
// xsi: attribute and plain ones, after pad bytes of comment (to put the
// tag across a 64 KB piece of CheckFile).
func withAttrs(n, pad int, bom bool) []byte {
	var b strings.Builder
	if bom {
		b.WriteString("\xEF\xBB\xBF")
	}
	b.WriteString("<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20>")
	b.WriteString("<!--" + strings.Repeat("p", pad) + "-->\n\n  <HEAHEA")
	for i := 0; i < n; i++ {
		switch i {
		case 0:
			b.WriteString(` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`)
		case 1:
			b.WriteString(` xmlns:x="urn:x"`)
		case 2:
			b.WriteString(` xsi:type="x"`)
		default:
			fmt.Fprintf(&b, " a%d='v>=%d'", i, i)
		}
	}
	b.WriteString("><RefNumHEA4>LRN</RefNumHEA4></HEAHEA></CC015B>")
	return []byte(b.String())
}

// TestAttributeLimit: 256 attributes on an element (namespace
// declarations and xsi: attributes counted) go to libxml2; 257 are
// refused by the guard with an xml error at the element, in memory and
// streamed, wherever the 64 KB pieces of the stream cut the tag.
func TestAttributeLimit(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}})
	validate.StreamAll(e)
	for _, pad := range []int{0, 64<<10 - 140, 64<<10 - 1200, 200 << 10} {
		for _, bom := range []bool{false, true} {
			name := fmt.Sprintf("pad %d, BOM %v", pad, bom)
			rep := checkBoth(t, e, name, withAttrs(256, pad, bom))
			for _, f := range rep.Findings {
				if f.Rule == rules.XMLID {
					t.Errorf("%s: 256 attributes: %+v", name, f)
				}
			}
			if rep.MessageType != "CC015B" || rep.Count(rules.Error) == 0 {
				t.Errorf("%s: 256 attributes were not validated:\n%s", name, dump(rep.Findings))
			}
			rep = checkBoth(t, e, name, withAttrs(257, pad, bom))
			matchFindings(t, rep.Findings, []want{
				{rules.XMLID, rules.Error, 3, 3, "", "an element with 257 attributes (namespace declarations included)"},
			})
		}
	}
}

// TestBOMDoesNotShiftColumns: on line 1 of a message with a UTF-8 byte
// order mark, columns count characters after it, as without one: the
// guard's, libxml2's and the schema's findings, in memory and streamed.
func TestBOMDoesNotShiftColumns(t *testing.T) {
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}})
	validate.StreamAll(e)
	msgs := map[string]string{
		"guard":  "<CC015B><SynIdeMES1>caf\xe9</SynIdeMES1></CC015B>",
		"parser": "<CC015B><SynIdeMES1></x></CC015B>",
		"schema": "<CC015B><SynIdeMES1>UNOC</SynIdeMES1><Bad/></CC015B>",
		"attrs":  "<CC015B><HEAHEA" + strings.Repeat(" a=''", 257) + "/></CC015B>",
	}
	for name, msg := range msgs {
		plain := checkBoth(t, e, name, []byte(msg))
		bom := checkBoth(t, e, name+" with BOM", []byte("\xEF\xBB\xBF"+msg))
		if len(plain.Findings) == 0 || plain.Findings[0].Line != 1 || plain.Findings[0].Column < 2 {
			t.Fatalf("%s: findings without BOM:\n%s", name, dump(plain.Findings))
		}
		for i := range plain.Findings {
			p, b := plain.Findings[i], bom.Findings[i]
			if p.Line != b.Line || p.Column != b.Column || p.Message != b.Message {
				t.Errorf("%s: without BOM %d:%d %s\nwith BOM    %d:%d %s", name, p.Line, p.Column, p.Message, b.Line, b.Column, b.Message)
			}
		}
	}
}
