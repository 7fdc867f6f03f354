// Command inputs builds the benchmark's inputs from HMRC's official material
// and writes their manifest (inputs.json). The timing program (bench) runs
// it as a separate process, so that the timing process stays small: a
// child's peak RSS counts the memory of the process that started it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/customslint/customslint/bench/manifest"
	"github.com/customslint/customslint/validate"
)

func main() {
	official := flag.String("official", "", "HMRC's official material")
	out := flag.String("out", filepath.Join("bench", "out"), "work folder")
	flag.Parse()
	if err := buildManifest(*official, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench inputs:", err)
		os.Exit(1)
	}
}

var (
	itemRE = regexp.MustCompile(`(?s)<GovernmentAgencyGoodsItem>.*?</GovernmentAgencyGoodsItem>`)
	seqRE  = regexp.MustCompile(`<SequenceNumeric>\d+</SequenceNumeric>`)
	docRE  = regexp.MustCompile(`(?s)[ \t]*<AdditionalDocument>.*?</AdditionalDocument>\n`)
)

// cspLimit is the largest message HMRC's CSPs accept: 10 MiB.
const cspLimit = 10 << 20

// buildManifest builds the inputs and writes inputs.json.
func buildManifest(official, out string) error {
	eng, err := validate.New(validate.Options{Select: []string{"xsd"}})
	if err != nil {
		return err
	}
	defer eng.Close()
	inputs, err := buildInputs(eng, official, filepath.Join(out, "inputs"))
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(inputs, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "inputs.json"), b, 0o644)
}

func buildInputs(eng *validate.Engine, off, dir string) ([]manifest.Input, error) {
	cdsDir := filepath.Join(dir, "cds")
	submit := filepath.Join(off, "cds", "schemas", "v2.15", "customs", "wrapper_submit.xsd")
	a := manifest.Input{Name: "(a) CDS declaration samples x4", Dirs: map[string][]string{"cds": {cdsDir}}}
	ga := manifest.Group{Entry: submit}
	var decls [][]byte
	err := filepath.WalkDir(filepath.Join(off, "cds", "examples", "valid"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".xml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rep, err := eng.Check(context.Background(), p, data)
		if err != nil || rep.HasErrors() {
			return err
		}
		switch rep.MessageType {
		case validate.TypeCDSDeclaration, validate.TypeCDSAmendment, validate.TypeCDSGoodsPresent:
		default:
			return nil
		}
		if rep.MessageType == validate.TypeCDSDeclaration && bytes.Contains(data, []byte("<GovernmentAgencyGoodsItem>")) {
			decls = append(decls, data)
		}
		rel, _ := filepath.Rel(off, p)
		flat := strings.NewReplacer("/", "_", " ", "_").Replace(rel)
		for i := 1; i <= 4; i++ {
			q := filepath.Join(cdsDir, fmt.Sprintf("%d_%s", i, flat))
			if err := write(q, data); err != nil {
				return err
			}
			ga.Files = append(ga.Files, q)
			a.Bytes += int64(len(data))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.Groups, a.NFiles = []manifest.Group{ga}, len(ga.Files)
	if a.NFiles < 400 {
		return nil, fmt.Errorf("only %d CDS declaration samples", a.NFiles)
	}

	// (b): the first declaration whose first goods item, repeated 999
	// times with its sequence number, stays schema-valid.
	bigDir := filepath.Join(dir, "big")
	var b manifest.Input
	for _, d := range decls {
		items := itemRE.FindAllIndex(d, -1)
		if len(items) == 0 {
			continue
		}
		item := d[items[0][0]:items[0][1]]
		var grown bytes.Buffer
		grown.Write(d[:items[0][0]])
		for i := 1; i <= 999; i++ {
			grown.Write(seqRE.ReplaceAll(item, []byte(fmt.Sprintf("<SequenceNumeric>%d</SequenceNumeric>", i))))
			grown.WriteString("\n")
		}
		grown.Write(d[items[len(items)-1][1]:])
		rep, err := eng.Check(context.Background(), "big.xml", grown.Bytes())
		if err != nil || rep.HasErrors() {
			continue
		}
		p := filepath.Join(bigDir, "declaration-999-items.xml")
		if err := write(p, grown.Bytes()); err != nil {
			return nil, err
		}
		base := filepath.Join(dir, "base", "declaration.xml")
		if err := write(base, d); err != nil {
			return nil, err
		}
		b = manifest.Input{Name: "(b) declaration with 999 goods items", Dirs: map[string][]string{"cds": {bigDir}}, Groups: []manifest.Group{{Entry: submit, Files: []string{p}}}, Bytes: int64(grown.Len()), NFiles: 1, PeakRSS: true,
			Base: base, BaseBytes: int64(len(d))}
		break
	}
	if b.NFiles == 0 {
		return nil, fmt.Errorf("no declaration sample could be grown to 999 goods items")
	}

	// (d): (b) near the CSP's 10 MiB limit: each additional document
	// repeated as often as fits (a goods item may have 99), where peak
	// memory depends least on what a process needs whatever its input.
	var limit []manifest.Input
	if big, err := os.ReadFile(b.Groups[0].Files[0]); err == nil {
		docs := docRE.FindAllIndex(big, -1)
		size := 0
		for _, m := range docs {
			size += m[1] - m[0]
		}
		if size > 0 {
			k := min(1+(cspLimit-64<<10-len(big))/size, 99/max(1, len(docs)/999))
			grown := docRE.ReplaceAllFunc(big, func(m []byte) []byte { return bytes.Repeat(m, k) })
			rep, err := eng.Check(context.Background(), "limit.xml", grown)
			if k > 1 && len(grown) <= cspLimit && err == nil && !rep.HasErrors() {
				limitDir := filepath.Join(dir, "limit")
				p := filepath.Join(limitDir, "declaration-at-csp-limit.xml")
				if err := write(p, grown); err != nil {
					return nil, err
				}
				limit = append(limit, manifest.Input{Name: "(d) (b) near the 10 MiB CSP limit", Dirs: map[string][]string{"cds": {limitDir}},
					Groups: []manifest.Group{{Entry: submit, Files: []string{p}}}, Bytes: int64(len(grown)), NFiles: 1, PeakRSS: true, Base: b.Base, BaseBytes: b.BaseBytes})
			}
		}
	}

	// (c): the schema-valid examples of phases 5 and 6, by message type.
	c := manifest.Input{Name: "(c) CTC phase 5 and 6 examples", Dirs: map[string][]string{}}
	for _, ph := range []struct{ dir, profile string }{{"phase5", "ctc-p5"}, {"phase6", "ctc-p6"}} {
		peng, err := validate.New(validate.Options{Select: []string{"xsd"}, Profile: validate.Profile(ph.profile)})
		if err != nil {
			return nil, err
		}
		defer peng.Close()
		byType := map[string][]string{}
		files, _ := filepath.Glob(filepath.Join(off, "ctc", ph.dir, "examples", "xml", "*.xml"))
		conv, _ := filepath.Glob(filepath.Join(off, "ctc", ph.dir, "examples", "converter", "xml", "*.xml"))
		for _, f := range append(files, conv...) {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			rep, err := peng.Check(context.Background(), f, data)
			if err != nil || rep.HasErrors() {
				continue
			}
			q := filepath.Join(dir, ph.profile, filepath.Base(filepath.Dir(filepath.Dir(f)))+"_"+filepath.Base(f))
			if err := write(q, data); err != nil {
				return nil, err
			}
			byType[rep.MessageType] = append(byType[rep.MessageType], q)
			c.Bytes += int64(len(data))
			c.NFiles++
		}
		c.Dirs[ph.profile] = []string{filepath.Join(dir, ph.profile)}
		for t, fs := range byType {
			c.Groups = append(c.Groups, manifest.Group{Entry: filepath.Join(off, "ctc", ph.dir, "xsd", strings.ToLower(t)+".xsd"), Files: fs})
		}
	}
	return append([]manifest.Input{a, b, c}, limit...), nil
}

func write(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
