package validate

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/customslint/customslint/internal/oracle/missing"
	"github.com/customslint/customslint/xsd"
)

// The benchmarks run over HMRC's schema-valid CDS declaration samples
// (declarations, amendments, cancellations, goods presentations: about 300
// files), one pass over all of them per operation, stage by stage so that
// a regression shows where it is:
//
//	go test -run '^$' -bench . ./validate
//
// Parse is libxml2's streaming parse building the element table; XSD is a
// validation pass over parsed documents (the source parsed again,
// streaming, and validated: what the engine does when it could not
// validate while parsing); Rules runs every registered rule on parsed
// documents; Report encodes the JSON report; Check is the whole engine
// with every rule (one pass parsing and validating, then the rules),
// CheckXSDOnly the engine with --select xsd. Check/CheckXSDOnly is the
// cost of the business rules relative to schema validation.

type benchFile struct {
	name string
	data []byte
}

// cdsCorpus loads the schema-valid CDS declaration samples once.
func cdsCorpus(b *testing.B) []benchFile {
	b.Helper()
	off := os.Getenv("CUSTOMSLINT_OFFICIAL")
	if off == "" {
		off = filepath.Join("..", "..", "shared", "official") // internal/oracle imports this package
	}
	if st, err := os.Stat(off); err != nil || !st.IsDir() {
		missing.Official(b, "official HMRC material not found at %s (set CUSTOMSLINT_OFFICIAL)", off)
	}
	files, err := loadCDSCorpus(off)
	if err != nil {
		b.Fatal(err)
	}
	if len(files) < 200 {
		b.Fatalf("only %d samples", len(files))
	}
	return files
}

var cdsCorpusOnce struct {
	sync.Once
	files []benchFile
	err   error
}

func loadCDSCorpus(off string) ([]benchFile, error) {
	cdsCorpusOnce.Do(func() {
		eng, err := New(Options{Select: []string{"xsd"}})
		if err != nil {
			cdsCorpusOnce.err = err
			return
		}
		defer eng.Close()
		root := filepath.Join(off, "cds", "examples", "valid")
		cdsCorpusOnce.err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(strings.ToLower(p), ".xml") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rep, err := eng.Check(context.Background(), p, data)
			if err != nil {
				return err
			}
			if strings.HasPrefix(rep.MessageType, "CDS-") && rep.MessageType != TypeCDSNotification && !rep.HasErrors() {
				cdsCorpusOnce.files = append(cdsCorpusOnce.files, benchFile{p, data})
			}
			return nil
		})
	})
	return cdsCorpusOnce.files, cdsCorpusOnce.err
}

func corpusBytes(files []benchFile) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.data))
	}
	return n
}

func BenchmarkParse(b *testing.B) {
	files := cdsCorpus(b)
	b.SetBytes(corpusBytes(files))
	for b.Loop() {
		for _, f := range files {
			doc, _, err := xsd.Parse(f.data, false)
			if err != nil {
				b.Fatal(err)
			}
			doc.Free()
		}
	}
}

// parsedCorpus parses every file and resolves its schema, for the stage
// benchmarks that start from parsed documents.
type parsedFile struct {
	doc *xsd.Document
	det detection
	set *schemaSet
}

func parsedCorpus(b *testing.B, e *Engine) []parsedFile {
	var out []parsedFile
	for _, f := range cdsCorpus(b) {
		doc, _, err := xsd.Parse(f.data, false)
		if err != nil {
			b.Fatal(err)
		}
		det := detect(doc)
		set, _, problem := e.resolve(det)
		if set == nil {
			b.Fatalf("%s: %s", f.name, problem)
		}
		out = append(out, parsedFile{doc, det, set})
	}
	b.Cleanup(func() {
		for _, p := range out {
			p.doc.Free()
		}
	})
	return out
}

// benchStage times one stage over the parsed corpus.
func benchStage(b *testing.B, stage func(e *Engine, p parsedFile)) {
	eng, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	docs := parsedCorpus(b, eng)
	b.SetBytes(corpusBytes(cdsCorpus(b)))
	for b.Loop() {
		for _, p := range docs {
			stage(eng, p)
		}
	}
}

func BenchmarkXSD(b *testing.B) {
	benchStage(b, func(e *Engine, p parsedFile) {
		if err := e.validateXSD(context.Background(), p.doc, p.det, p.set, prevalidated{}, e.adder(&FileReport{})); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkRules(b *testing.B) {
	benchStage(b, func(e *Engine, p parsedFile) {
		if err := e.runRules(context.Background(), p.doc, p.det, string(ProfileCDS), "bench.xml", func(Finding) {}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkReport(b *testing.B) {
	eng, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	var reps []FileReport
	for _, f := range cdsCorpus(b) {
		rep, err := eng.Check(context.Background(), f.name, f.data)
		if err != nil {
			b.Fatal(err)
		}
		reps = append(reps, rep)
	}
	for b.Loop() {
		enc := json.NewEncoder(io.Discard)
		enc.SetIndent("", "  ")
		if err := enc.Encode(NewReport(reps)); err != nil {
			b.Fatal(err)
		}
	}
}

func benchCheck(b *testing.B, opts Options) {
	eng, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	files := cdsCorpus(b)
	b.SetBytes(corpusBytes(files))
	for b.Loop() {
		for _, f := range files {
			if _, err := eng.Check(context.Background(), f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCheck(b *testing.B)        { benchCheck(b, Options{}) }
func BenchmarkCheckXSDOnly(b *testing.B) { benchCheck(b, Options{Select: []string{"xsd"}}) }
