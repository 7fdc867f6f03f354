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
	itemRE  = regexp.MustCompile(`(?s)<GovernmentAgencyGoodsItem>.*?</GovernmentAgencyGoodsItem>`)
	seqRE   = regexp.MustCompile(`<SequenceNumeric>\d+</SequenceNumeric>`)
	docRE   = regexp.MustCompile(`(?s)[ \t]*<AdditionalDocument>.*?</AdditionalDocument>\n`)
	giqRE   = regexp.MustCompile(`<GoodsItemQuantity>\d+</GoodsItemQuantity>`)
	docIDRE = regexp.MustCompile(`<ID>([^<]*)</ID>`)
)

// docIDMax is the longest additional document ID the schema takes (an..70).
const docIDMax = 70

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
	submit := filepath.Join(off, "cds", "schemas", "v2.15", "customs", "wrapper_submit.xsd")
	a, decls, err := cdsSamples(eng, off, dir, submit)
	if err != nil {
		return nil, err
	}
	b, err := grownDeclaration(eng, decls, dir, submit)
	if err != nil {
		return nil, err
	}
	limit, err := atCSPLimit(eng, b, dir, submit)
	if err != nil {
		return nil, err
	}
	c, err := ctcExamples(off, dir)
	if err != nil {
		return nil, err
	}
	return append([]manifest.Input{a, b, c}, limit...), nil
}

// cdsSamples is input (a): the schema-valid CDS declaration, amendment and
// goods presentation samples, each copied four times into dir/cds. It also
// returns the declarations with goods items, which (b) grows.
func cdsSamples(eng *validate.Engine, off, dir, submit string) (manifest.Input, [][]byte, error) {
	cdsDir := filepath.Join(dir, "cds")
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
		if err != nil || rep.HasErrors() || !isCDSSample(rep.MessageType) {
			return err
		}
		if rep.MessageType == validate.TypeCDSDeclaration && bytes.Contains(data, []byte("<GovernmentAgencyGoodsItem>")) {
			decls = append(decls, data)
		}
		files, err := copyFourTimes(off, p, cdsDir, data)
		ga.Files = append(ga.Files, files...)
		a.Bytes += int64(len(files) * len(data))
		return err
	})
	if err != nil {
		return a, nil, fmt.Errorf("CDS samples: %w", err)
	}
	a.Groups, a.NFiles = []manifest.Group{ga}, len(ga.Files)
	if a.NFiles < 400 {
		return a, nil, fmt.Errorf("only %d CDS declaration samples", a.NFiles)
	}
	return a, decls, nil
}

// isCDSSample says whether a CDS sample of type t belongs to input (a).
func isCDSSample(t string) bool {
	switch t {
	case validate.TypeCDSDeclaration, validate.TypeCDSAmendment, validate.TypeCDSGoodsPresent:
		return true
	}
	return false
}

// copyFourTimes writes data, the sample at p, four times into cdsDir,
// named after its path under off, and returns the copies' paths.
func copyFourTimes(off, p, cdsDir string, data []byte) ([]string, error) {
	rel, _ := filepath.Rel(off, p)
	flat := strings.NewReplacer("/", "_", " ", "_").Replace(rel)
	var files []string
	for i := 1; i <= 4; i++ {
		q := filepath.Join(cdsDir, fmt.Sprintf("%d_%s", i, flat))
		if err := write(q, data); err != nil {
			return files, err
		}
		files = append(files, q)
	}
	return files, nil
}

// grownDeclaration is input (b): the first declaration whose first goods
// item, repeated 999 times with its sequence number, stays schema-valid.
func grownDeclaration(eng *validate.Engine, decls [][]byte, dir, submit string) (manifest.Input, error) {
	bigDir := filepath.Join(dir, "big")
	for _, d := range decls {
		grown, ok := growItems(d)
		if !ok {
			continue
		}
		rep, err := eng.Check(context.Background(), "big.xml", grown)
		if err != nil || rep.HasErrors() {
			continue
		}
		p := filepath.Join(bigDir, "declaration-999-items.xml")
		if err := write(p, grown); err != nil {
			return manifest.Input{}, err
		}
		base := filepath.Join(dir, "base", "declaration.xml")
		if err := write(base, d); err != nil {
			return manifest.Input{}, err
		}
		return manifest.Input{Name: "(b) declaration with 999 goods items", Dirs: map[string][]string{"cds": {bigDir}}, Groups: []manifest.Group{{Entry: submit, Files: []string{p}}}, Bytes: int64(len(grown)), NFiles: 1, PeakRSS: true,
			Base: base, BaseBytes: int64(len(d))}, nil
	}
	return manifest.Input{}, fmt.Errorf("no declaration sample could be grown to 999 goods items")
}

// growItems replaces the goods items of declaration d with its first one
// repeated 999 times, numbered 1 to 999, and declares 999 in its
// GoodsItemQuantity (cds-items); not ok when d has no goods item.
func growItems(d []byte) ([]byte, bool) {
	items := itemRE.FindAllIndex(d, -1)
	if len(items) == 0 {
		return nil, false
	}
	item := d[items[0][0]:items[0][1]]
	var grown bytes.Buffer
	grown.Write(giqRE.ReplaceAll(d[:items[0][0]], []byte("<GoodsItemQuantity>999</GoodsItemQuantity>")))
	for i := 1; i <= 999; i++ {
		grown.Write(seqRE.ReplaceAll(item, []byte(fmt.Sprintf("<SequenceNumeric>%d</SequenceNumeric>", i))))
		grown.WriteString("\n")
	}
	grown.Write(d[items[len(items)-1][1]:])
	return grown.Bytes(), true
}

// atCSPLimit is input (d), when it can be made: (b) near the CSP's 10 MiB
// limit, each additional document repeated as often as fits (a goods item
// may have 99), where peak memory depends least on what a process needs
// whatever its input.
func atCSPLimit(eng *validate.Engine, b manifest.Input, dir, submit string) ([]manifest.Input, error) {
	big, err := os.ReadFile(b.Groups[0].Files[0])
	if err != nil {
		return nil, nil
	}
	docs := docRE.FindAllIndex(big, -1)
	size := 0
	for _, m := range docs {
		size += m[1] - m[0]
	}
	if size == 0 {
		return nil, nil
	}
	k := min(1+(cspLimit-64<<10-len(big))/size, 99/max(1, len(docs)/999))
	grown := docRE.ReplaceAllFunc(big, func(m []byte) []byte { return repeatDocument(m, k) })
	rep, err := eng.Check(context.Background(), "limit.xml", grown)
	if k <= 1 || len(grown) > cspLimit || err != nil || rep.HasErrors() {
		return nil, nil
	}
	limitDir := filepath.Join(dir, "limit")
	p := filepath.Join(limitDir, "declaration-at-csp-limit.xml")
	if err := write(p, grown); err != nil {
		return nil, err
	}
	return []manifest.Input{{Name: "(d) (b) near the 10 MiB CSP limit", Dirs: map[string][]string{"cds": {limitDir}},
		Groups: []manifest.Group{{Entry: submit, Files: []string{p}}}, Bytes: int64(len(grown)), NFiles: 1, PeakRSS: true, Base: b.Base, BaseBytes: b.BaseBytes}}, nil
}

// repeatDocument repeats the AdditionalDocument doc k times, the copies
// after the first with IDs of their own (cds-items rejects a document
// code declared twice with one ID on a goods item).
func repeatDocument(doc []byte, k int) []byte {
	var out bytes.Buffer
	out.Write(doc)
	for i := 1; i < k; i++ {
		suffix := fmt.Sprintf("-%d", i)
		out.Write(docIDRE.ReplaceAllFunc(doc, func(m []byte) []byte {
			id := docIDRE.FindSubmatch(m)[1]
			id = id[:min(len(id), docIDMax-len(suffix))]
			return []byte("<ID>" + string(id) + suffix + "</ID>")
		}))
	}
	return out.Bytes()
}

// ctcExamples is input (c): the schema-valid examples of phases 5 and 6,
// grouped by message type.
func ctcExamples(off, dir string) (manifest.Input, error) {
	c := manifest.Input{Name: "(c) CTC phase 5 and 6 examples", Dirs: map[string][]string{}}
	for _, ph := range []struct{ dir, profile string }{{"phase5", "ctc-p5"}, {"phase6", "ctc-p6"}} {
		if err := addPhaseExamples(&c, off, dir, ph.dir, ph.profile); err != nil {
			return c, err
		}
	}
	return c, nil
}

// addPhaseExamples adds the schema-valid examples of one CTC phase (its
// folder under off/ctc, and its profile) to c, copied into dir/profile.
func addPhaseExamples(c *manifest.Input, off, dir, phase, profile string) error {
	peng, err := validate.New(validate.Options{Select: []string{"xsd"}, Profile: validate.Profile(profile)})
	if err != nil {
		return err
	}
	defer peng.Close()
	byType := map[string][]string{}
	files, _ := filepath.Glob(filepath.Join(off, "ctc", phase, "examples", "xml", "*.xml"))
	conv, _ := filepath.Glob(filepath.Join(off, "ctc", phase, "examples", "converter", "xml", "*.xml"))
	for _, f := range append(files, conv...) {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		rep, err := peng.Check(context.Background(), f, data)
		if err != nil || rep.HasErrors() {
			continue
		}
		q := filepath.Join(dir, profile, filepath.Base(filepath.Dir(filepath.Dir(f)))+"_"+filepath.Base(f))
		if err := write(q, data); err != nil {
			return err
		}
		byType[rep.MessageType] = append(byType[rep.MessageType], q)
		c.Bytes += int64(len(data))
		c.NFiles++
	}
	c.Dirs[profile] = []string{filepath.Join(dir, profile)}
	for t, fs := range byType {
		c.Groups = append(c.Groups, manifest.Group{Entry: filepath.Join(off, "ctc", phase, "xsd", strings.ToLower(t)+".xsd"), Files: fs})
	}
	return nil
}

func write(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
