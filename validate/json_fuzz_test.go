package validate_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/customslint/customslint/internal/jsondoc"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// FuzzJSONDepth nests objects and arrays (openers cycle through the
// pattern: '[' an array, anything else an object member) around a leaf,
// closed or not: deeper than 256 levels is one xml finding at the opener
// of level 257, whatever comes after it; up to 256 never is.
func FuzzJSONDepth(f *testing.F) {
	eng := newEngineAll(f)
	f.Add(uint32(255), []byte("["), []byte("1"), true)
	f.Add(uint32(256), []byte("{["), []byte(`"x"`), true)
	f.Add(uint32(100000), []byte("["), []byte(""), true)
	f.Add(uint32(3000), []byte("{{["), []byte("{"), false)
	f.Fuzz(func(t *testing.T, depth uint32, pattern, leaf []byte, closed bool) {
		depth %= 300000
		if len(pattern) == 0 || len(leaf) > 100 {
			return
		}
		var b strings.Builder
		b.WriteString(`{"n1:CC015C":`)
		limitAt := -1 // offset of the opener of level 257
		var closers []string
		for i := 0; i < int(depth); i++ {
			if i == 255 { // level 1 is the top object
				limitAt = b.Len()
			}
			if pattern[i%len(pattern)] == '[' {
				b.WriteString("[")
				closers = append(closers, "]")
			} else {
				b.WriteString(`{"k":`)
				closers = append(closers, "}")
			}
		}
		b.Write(leaf)
		for i := len(closers) - 1; closed && i >= 0; i-- {
			b.WriteString(closers[i])
		}
		b.WriteString("}")
		data := []byte(b.String())
		rep, err := eng.Check(context.Background(), "deep.json", data)
		checkInvariants(t, data, rep, err)
		deep := -1
		for i, f := range rep.Findings {
			if strings.Contains(f.Message, "nested more than 256 deep") {
				deep = i
			}
		}
		switch {
		case limitAt < 0 && deep >= 0 && !strings.ContainsAny(string(leaf), "[{"): // a leaf may nest further
			t.Fatalf("%d levels refused as too deep: %s", depth+1, dump(rep.Findings))
		case limitAt >= 0 && (len(rep.Findings) != 1 || deep != 0):
			t.Fatalf("%d levels: want one finding, too deep:\n%s", depth+1, dump(rep.Findings))
		case limitAt >= 0:
			if f := rep.Findings[0]; f.Rule != rules.XMLID || f.Line != 1+strings.Count(string(data[:limitAt]), "\n") {
				t.Fatalf("finding %+v, want an xml error at offset %d", f, limitAt)
			}
		}
	})
}

// FuzzJSONWidth repeats an item in a wide array or object: a report as for
// any message, an xml finding exactly when the message is not JSON, and the
// same report on a second run.
func FuzzJSONWidth(f *testing.F) {
	eng := newEngineAll(f)
	f.Add(uint32(100000), []byte("1"), false)
	f.Add(uint32(50000), []byte(`{"a": [], "b": "é"}`), true)
	f.Add(uint32(3), []byte(`"\ud800"`), false)
	f.Add(uint32(20000), []byte(`{}`), false)
	f.Fuzz(func(t *testing.T, n uint32, item []byte, object bool) {
		n %= 200000
		if len(item) == 0 || len(item) > 64 || n == 0 {
			return
		}
		var b strings.Builder
		b.WriteString(`{"n1:CC015C": `)
		open, close := "[", "]"
		if object {
			open, close = "{", "}"
		}
		b.WriteString(open)
		for i := 0; i < int(n); i++ {
			if i > 0 {
				b.WriteString(",\n")
			}
			if object {
				fmt.Fprintf(&b, `"m%d": `, i)
			}
			b.Write(item)
		}
		b.WriteString(close + "}")
		data := []byte(b.String())
		rep, err := eng.Check(context.Background(), "wide.json", data)
		checkInvariants(t, data, rep, err)
		// encoding/json's grammar decides, except for what customslint
		// refuses and encoding/json changes silently.
		var xmlErr *validate.Finding
		for i, f := range rep.Findings {
			if f.Rule == rules.XMLID && xmlErr == nil {
				xmlErr = &rep.Findings[i]
			}
		}
		// The whole message decides, not the item: one blank item makes
		// "[ ]", an empty array.
		valid := json.Valid(data)
		switch {
		case !valid && xmlErr == nil:
			t.Fatalf("item %q: the message is not JSON, and no xml finding:\n%s", item, dump(rep.Findings[:min(5, len(rep.Findings))]))
		case valid && xmlErr != nil:
			strict := strings.Contains(xmlErr.Message, "duplicate key") || strings.Contains(xmlErr.Message, "invalid UTF-8") || strings.Contains(xmlErr.Message, "lone surrogate") ||
				strings.Contains(xmlErr.Message, fmt.Sprintf("members: no CDS or CTC message has an object with more than %d", jsondoc.MaxMembers)) ||
				strings.Contains(xmlErr.Message, fmt.Sprintf("more than %d values", jsondoc.MaxValues))
			if !strict || !strings.HasPrefix(xmlErr.Path+"/", "/n1:CC015C/") {
				t.Fatalf("item %q: the message is JSON, and %+v", item, *xmlErr)
			}
		}
		again, _ := eng.Check(context.Background(), "wide.json", data)
		if d := cmp.Diff(rep, again); d != "" {
			t.Fatalf("another report on the second run:\n%s", d)
		}
	})
}
