package validate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/customslint/customslint/internal/readfile"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// Facts reads what a message tells the other messages of a run: the facts
// the rules' Export functions export from it (see rules.Fact), without
// checking it: a message read for context (rules.Pass.Context). It returns none for a message that does not parse, for one
// over the size limit, and for JSON. The error is ctx's when it is done.
func (e *Engine) Facts(ctx context.Context, name string, data []byte) ([]rules.ExportedFact, error) {
	return e.facts(ctx, name, data, true)
}

// InputFacts is Facts for a message the run checks later: a run with
// notifications collects the facts of every message before it checks the
// messages a notification may answer (see IsNotification).
func (e *Engine) InputFacts(ctx context.Context, name string, data []byte) ([]rules.ExportedFact, error) {
	return e.facts(ctx, name, data, false)
}

func (e *Engine) facts(ctx context.Context, name string, data []byte, context bool) ([]rules.ExportedFact, error) {
	if int64(len(data)) > e.maxSize || IsJSON(data) {
		return nil, nil
	}
	g := guard(data)
	if !g.ok {
		return nil, nil
	}
	res, err := xsd.ParseDocument(ctx, xsd.Input{Data: g.src, ForceUTF8: g.forceUTF8})
	if isContextErr(err) {
		return nil, err
	}
	if err != nil || res.Doc == nil {
		return nil, nil
	}
	defer res.Doc.Free()
	facts, _ := e.exportFacts(res.Doc, detect(res.Doc), name, context)
	return facts, nil
}

// exportFacts runs the Export function of every rule that exports facts
// of the detected message type. A rule whose Export panics exports
// nothing; failed names it and what it panicked with.
func (e *Engine) exportFacts(doc *xsd.Document, det detection, name string, context bool) (facts []rules.ExportedFact, failed []string) {
	if det.messageType == TypeUnknown || !det.elem.Valid() {
		return nil, nil
	}
	for _, r := range e.exporters {
		if !r.Exports(det.messageType) {
			continue
		}
		pass := &rules.Pass{Rule: r, Name: name, Profile: string(det.profile), MessageType: det.messageType, Doc: doc, Root: det.elem, Config: &e.ruleCfg}
		pass.Context = context
		pass.Report = func(rules.Diagnostic) {} // Export reports nothing
		pass.ExportTo = func(f rules.Fact) { facts = append(facts, rules.ExportedFact{Path: name, Fact: f}) }
		func() {
			defer func() {
				if v := recover(); v != nil {
					failed = append(failed, fmt.Sprintf("rule %s failed to read the facts of this message: %v%s", r.ID, v, panicSite()))
				}
			}()
			r.Export(pass)
		}()
	}
	return facts, failed
}

// Corpus is the rules.Corpus of a check run: the engines of the run hand
// it the facts of each message as they check it (it is a
// rules.FactCollector: set it as Options.RuleConfig.Corpus), ReadContext
// adds those of messages read but not checked (--context), and Freeze
// makes them visible to the rules. A run checks the messages that may
// need others (NeedsOthers) after Freeze, so that the result does not
// depend on the order of the checks. It is safe for concurrent use.
type Corpus struct {
	mu     sync.Mutex
	added  []rules.ExportedFact
	frozen atomic.Pointer[map[string][]rules.ExportedFact] // by kind, sorted by path
}

// NewCorpus returns an empty corpus.
func NewCorpus() *Corpus { return &Corpus{} }

// AddFacts implements rules.FactCollector.
func (c *Corpus) AddFacts(facts ...rules.ExportedFact) {
	if len(facts) == 0 {
		return
	}
	c.mu.Lock()
	c.added = append(c.added, facts...)
	c.mu.Unlock()
}

// Facts implements rules.Corpus; before Freeze it knows nothing.
func (c *Corpus) Facts(kind string) []rules.ExportedFact {
	if m := c.frozen.Load(); m != nil {
		return (*m)[kind]
	}
	return nil
}

// Freeze indexes the facts added so far, by kind and path; Facts answers
// from them from now on. Facts added later wait for the next Freeze.
func (c *Corpus) Freeze() {
	c.mu.Lock()
	all := append([]rules.ExportedFact(nil), c.added...)
	c.mu.Unlock()
	sort.SliceStable(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	m := map[string][]rules.ExportedFact{}
	for _, f := range all {
		if f.Fact != nil {
			k := f.Fact.FactKind()
			m[k] = append(m[k], f)
		}
	}
	c.frozen.Store(&m)
}

// ReadContext adds the facts of files, read but not checked, with jobs
// workers (eng reads them, as Engine.Facts). Files that are not messages,
// cannot be read or are over eng's size limit add nothing. It stops
// early, returning ctx's error, when ctx is done.
func (c *Corpus) ReadContext(ctx context.Context, eng *Engine, files []string, jobs int) error {
	facts := make([][]rules.ExportedFact, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(jobs, len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := readfile.Limited(files[i], eng.MaxSize())
				if err != nil || (!bytes.Contains(data, []byte("MetaData")) && !bytes.Contains(data, []byte("CC0"))) {
					continue // only CDS and CTC messages export facts
				}
				facts[i], _ = eng.Facts(ctx, files[i], data)
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for _, f := range facts {
		c.AddFacts(f...)
	}
	return ctx.Err()
}

// ContextFiles lists the *.xml files under folders (--context), in the
// order filepath.WalkDir finds them.
func ContextFiles(dirs []string) ([]string, error) {
	var out []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// needsOthersMark is what NeedsOthers looks for: the TypeCode of a CDS
// goods presentation, the one message type whose rules read the corpus.
var needsOthersMark = []byte("GPR")

// NeedsOthers reports whether a message may need the other messages of
// the run (a CDS goods presentation), so that a run checks it after
// Corpus.Freeze. A cheap look at the bytes: a false positive only moves
// the message to the end of the run.
func NeedsOthers(data []byte) bool { return bytes.Contains(data, needsOthersMark) }

// FileNeedsOthers is NeedsOthers on a file, read in pieces; an error
// answers true (the message is then read whole, and the error reported).
func FileNeedsOthers(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	filled := 0 // the end of the last piece stays: a match may straddle two
	for {
		n, err := f.Read(buf[filled:])
		filled += n
		if bytes.Contains(buf[:filled], needsOthersMark) {
			return true
		}
		if err == io.EOF {
			return false
		}
		if err != nil {
			return true
		}
		k := min(filled, len(needsOthersMark)-1)
		copy(buf, buf[filled-k:filled])
		filled = k
	}
}

// ie056Mark is what IsNotification looks for beside a DMS notification's
// namespace: the root of an NCTS IE056. It is searched for by its tail
// (containsByTail): "C" starts many names of a message's first bytes.
var ie056Mark, ie056Tail = []byte("CC056C"), []byte("56C")

// notificationHead is how much of a message IsNotification reads.
const notificationHead = 8 << 10

// IsNotification reports whether a message may be a notification that
// rejects another (a DMS notification, an NCTS IE056), from its first
// bytes. A run that holds one checks it first, then every other message
// after Corpus.Freeze, so that the rejection rule can read its errors back
// onto the message it answers.
func IsNotification(data []byte) bool {
	head := data[:min(len(data), notificationHead)]
	return hasDMSNotificationMark(head) || containsByTail(head, ie056Mark, ie056Tail)
}

// headBuffers hold the first bytes FileIsNotification reads: a run asks it
// of every file before checking them.
var headBuffers = sync.Pool{New: func() any { b := make([]byte, notificationHead); return &b }}

// FileIsNotification is IsNotification on a file; an error answers false.
func FileIsNotification(path string) bool {
	buf := headBuffers.Get().(*[]byte)
	defer headBuffers.Put(buf)
	n, err := readfile.Head(path, *buf)
	if err != nil {
		return false
	}
	return IsNotification((*buf)[:n])
}
