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

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// runCorpus is the rules.Corpus of a check run. Engines are made before the
// files are known, so it is filled in (once, before any check starts) after
// the inputs are collected.
type runCorpus struct{ c *validate.Corpus }

func (r *runCorpus) CDSDeclarations(lrn, mrn string) []rules.CDSFacts {
	if r == nil || r.c == nil {
		return nil
	}
	return r.c.CDSDeclarations(lrn, mrn)
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

// buildCorpus reads the facts of the files of a run with n workers. Files
// that are not CDS messages, or cannot be read, add nothing (the check
// reports them). The result does not depend on n.
func buildCorpus(ctx context.Context, eng *validate.Engine, files []string, maxSize int64, n int) *validate.Corpus {
	facts := make([]rules.CDSFacts, len(files))
	ok := make([]bool, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(n, len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f, err := os.Open(files[i])
				if err != nil {
					continue
				}
				data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
				f.Close()
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
	return validate.NewCorpus(out)
}
