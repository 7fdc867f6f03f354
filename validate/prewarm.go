package validate

import (
	"bytes"
	"context"
	"regexp"
)

// ctcRootSniff finds the document element of a CTC message in its first
// bytes.
var ctcRootSniff = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?(CC[0-9]{3}[ABC])[\s/>]`)

// prewarm starts compiling, on another goroutine, the schema a message
// most likely needs, guessed from its first bytes, so that compilation
// overlaps parsing (the first message of a run otherwise waits for both in
// turn). A wrong guess costs a compilation the run may need later anyway.
func (e *Engine) prewarm(data []byte) {
	head := data[:min(len(data), 4096)]
	var det detection
	switch {
	case bytes.Contains(head, []byte("urn:wco:datamodel:WCO:DEC-DMS:2")):
		det = detection{family: familyCDS, profile: ProfileCDS, schemaType: TypeCDSDeclaration}
	default:
		m := ctcRootSniff.FindSubmatch(head)
		if m == nil {
			return
		}
		det = detection{family: familyCTC, schemaType: string(m[1])}
		if m[1][5] != 'C' {
			det.profile = ProfileCTCP4
		}
	}
	set, _, _ := e.resolve(det)
	if set == nil {
		return
	}
	entry := set.entries[det.schemaType]
	if _, loaded := e.warmed.LoadOrStore(set.origin+"\x00"+entry, true); loaded {
		return
	}
	e.bg.Add(1)
	go func() {
		defer e.bg.Done()
		e.cache.Get(context.Background(), set.bundle, entry)
	}()
}
