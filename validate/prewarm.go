package validate

import (
	"bytes"
	"errors"
	"fmt"
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
// the run may need later anyway, and a second pass. The compilation's
// goroutine lives within the engine's lifetime (Close cancels its wait and
// waits for it), and its error is kept (PrewarmErr).
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
	if e.life.Err() != nil {
		return g // closed: nothing more starts
	}
	if _, loaded := e.warmed.LoadOrStore(set.origin+"\x00"+g.entry, true); loaded {
		return g
	}
	e.bg.Add(1)
	go e.compileInBackground(set, g.entry)
	return g
}

// compileInBackground compiles a schema for prewarm, within the engine's
// lifetime (Close stops the wait, not libxml2's compilation, which the
// cache waits for). A failure is recorded for PrewarmErr; the check that
// needs the schema gets the same error from the cache and reports it.
func (e *Engine) compileInBackground(set *schemaSet, entry string) {
	defer e.bg.Done()
	_, err := e.warm(e.life, set.bundle, entry)
	if err == nil || isContextErr(err) {
		return
	}
	e.warmMu.Lock()
	e.warmErr = append(e.warmErr, fmt.Errorf("%w: %s in %s: %w", ErrSchema, entry, set.origin, err))
	e.warmMu.Unlock()
}

// PrewarmErr returns what the compilations prewarm started in the
// background failed with (a schema bundle that does not compile; each
// wraps ErrSchema), joined, or nil. The checks that need such a schema
// report the error themselves; this is for callers that want to know,
// after a run (after Close, every compilation has ended), whether any
// schema failed, checked or not.
func (e *Engine) PrewarmErr() error {
	e.warmMu.Lock()
	defer e.warmMu.Unlock()
	return errors.Join(e.warmErr...)
}
