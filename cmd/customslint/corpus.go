package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// runCorpus is the rules.Corpus of a check run. The engine hands it the
// facts of each CDS message as it checks it; the messages that need other
// messages (goods presentations) are checked last, after freeze has indexed
// everything, so the result does not depend on the order of the checks.
type runCorpus struct {
	mu    sync.Mutex
	facts []rules.CDSFacts
	index atomic.Pointer[validate.Corpus]
}

// AddCDSFacts implements rules.FactCollector.
func (r *runCorpus) AddCDSFacts(f rules.CDSFacts) {
	r.mu.Lock()
	r.facts = append(r.facts, f)
	r.mu.Unlock()
}

// CDSDeclarations implements rules.Corpus; before freeze it knows nothing.
func (r *runCorpus) CDSDeclarations(lrn, mrn string) []rules.CDSFacts {
	if c := r.index.Load(); c != nil {
		return c.CDSDeclarations(lrn, mrn)
	}
	return nil
}

// freeze indexes the facts collected so far and those of the context
// files (read, not checked).
func (r *runCorpus) freeze(ctx context.Context, eng *validate.Engine, contextFiles []string, maxSize int64, n int) {
	extra := contextFacts(ctx, eng, contextFiles, maxSize, n)
	r.mu.Lock()
	all := append(append([]rules.CDSFacts(nil), r.facts...), extra...)
	r.mu.Unlock()
	r.index.Store(validate.NewCorpus(all))
}

// needsOthers reports whether a message may need the other messages of the
// run: a CDS goods presentation (TypeCode GPR). A cheap look at the bytes;
// a false positive only moves the message to the end of the run.
func needsOthers(data []byte) bool { return bytes.Contains(data, gpr) }

var gpr = []byte("GPR")

// fileNeedsOthers is needsOthers on a file, read in pieces; an error
// answers true (the message is then read whole, and the error reported).
func fileNeedsOthers(path string) bool {
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
		if bytes.Contains(buf[:filled], gpr) {
			return true
		}
		if err == io.EOF {
			return false
		}
		if err != nil {
			return true
		}
		k := min(filled, len(gpr)-1)
		copy(buf, buf[filled-k:filled])
		filled = k
	}
}

// contextFiles lists the *.xml files under the --context folders.
func contextFiles(dirs []string) ([]string, error) {
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

// contextFacts reads the facts of files with n workers. Files that are not
// CDS messages, or cannot be read, add nothing.
func contextFacts(ctx context.Context, eng *validate.Engine, files []string, maxSize int64, n int) []rules.CDSFacts {
	facts := make([]rules.CDSFacts, len(files))
	ok := make([]bool, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(n, len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := readFile(files[i], maxSize)
				if err != nil || !bytes.Contains(data, []byte("MetaData")) {
					continue
				}
				facts[i], ok[i] = eng.Facts(files[i], data)
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
	var out []rules.CDSFacts
	for i, f := range facts {
		if ok[i] {
			out = append(out, f)
		}
	}
	return out
}

// readFile reads at most limit+1 bytes of a file (one more than the limit,
// so that the engine can tell the file is too large) into a buffer sized
// from the file's length: growing a buffer while reading would copy and
// clear megabytes of a large message several times over.
func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		size = st.Size() + 1 // +1 to see the end without another call
	}
	buf := make([]byte, 0, min(size, limit+1))
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: let append grow it
		}
		n, err := f.Read(buf[len(buf):min(cap(buf), int(limit+1))])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}
