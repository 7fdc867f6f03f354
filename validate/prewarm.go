package validate

import (
	"bytes"
	"context"
	"regexp"

	"github.com/customslint/customslint/xsd"
)

// ctcRootSniff finds the document element of a CTC message in its first
// bytes.
var ctcRootSniff = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?(CC[0-9]{3}[ABC])[\s/>]`)

// guessed is the schema a message most likely needs, told from its first
// bytes before it is parsed.
type guessed struct {
	set    *schemaSet
	entry  string
	schema *xsd.Schema // compiled, or nil while it compiles
}

// prewarm guesses the schema a message needs from its first bytes. When
// that schema is compiled, the message is parsed and validated in one pass;
// otherwise prewarm starts compiling it on another goroutine, so that
// compilation overlaps parsing (the first message of a run), and the
// message is validated in a second pass. A wrong guess costs a compilation
// the run may need later anyway, and a second pass.
func (e *Engine) prewarm(data []byte) guessed {
	head := data[:min(len(data), 4096)]
	var det detection
	switch {
	case bytes.Contains(head, []byte("urn:wco:datamodel:WCO:DEC-DMS:2")):
		det = detection{family: familyCDS, profile: ProfileCDS, schemaType: TypeCDSDeclaration}
	default:
		m := ctcRootSniff.FindSubmatch(head)
		if m == nil {
			return guessed{}
		}
		det = detection{family: familyCTC, schemaType: string(m[1])}
		if m[1][5] != 'C' {
			det.profile = ProfileCTCP4
		}
	}
	set, _, _ := e.resolve(det)
	if set == nil {
		return guessed{}
	}
	g := guessed{set: set, entry: set.entries[det.schemaType]}
	if s, ok := e.cache.Ready(set.bundle, g.entry); ok {
		g.schema = s
		return g
	}
	if _, loaded := e.warmed.LoadOrStore(set.origin+"\x00"+g.entry, true); loaded {
		return g
	}
	e.bg.Add(1)
	go func() {
		defer e.bg.Done()
		e.cache.Get(context.Background(), set.bundle, g.entry)
	}()
	return g
}
