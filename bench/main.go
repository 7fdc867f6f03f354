// Command bench times customslint against xmllint and, where java is
// installed, the JDK's javax.xml.validation, on the same files built at run
// time from HMRC's official material:
//
//	(a) every schema-valid CDS declaration sample (declarations, amendments,
//	    goods presentations) copied 4 times;
//	(b) one declaration grown to 999 goods items;
//	(c) the schema-valid CTC phase 5 and phase 6 examples.
//
// customslint runs `check --format json` with its embedded schemas and every
// rule; xmllint runs `--noout --schema` with HMRC's bundle (one process per
// schema entry); the JDK validates in one JVM per schema entry and reports
// its in-process time too. Runs alternate between the tools; the table shows
// medians and ratios, and customslint's peak RSS.
//
//	go run ./bench [-runs 5] [-official ../shared/official]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/customslint/customslint/validate"
)

func main() {
	runs := flag.Int("runs", 5, "alternating runs per tool")
	official := flag.String("official", "", "HMRC's official material (default $CUSTOMSLINT_OFFICIAL or ../shared/official)")
	out := flag.String("out", filepath.Join("bench", "out"), "work folder (inputs, binaries)")
	build := flag.Bool("build", false, "only build the inputs and write their manifest (run by the timing process)")
	flag.Parse()
	var err error
	if *build {
		err = buildManifest(*official, *out)
	} else {
		err = run(*runs, *official, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// group is one schema entry and the files it validates.
type group struct {
	Entry string // absolute path of the official XSD
	Files []string
}

// input is one benchmark input: folders for customslint (with a profile),
// groups for the validators that need one schema per call.
type input struct {
	Name    string
	Dirs    map[string][]string // profile -> folders
	Groups  []group
	Bytes   int64
	NFiles  int
	PeakRSS bool
}

type sample struct {
	wall    time.Duration
	inProc  time.Duration // JDK only
	maxRSS  int64         // KiB, largest process of the run
	failure string
}

func run(runs int, official, out string) error {
	if official == "" {
		official = os.Getenv("CUSTOMSLINT_OFFICIAL")
	}
	if official == "" {
		official = filepath.Join("..", "shared", "official")
	}
	official, _ = filepath.Abs(official)
	if _, err := os.Stat(official); err != nil {
		return fmt.Errorf("official material not found at %s (-official DIR)", official)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	bin := filepath.Join(out, "customslint")
	fmt.Println("building customslint ...")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/customslint").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	xmllint, _ := exec.LookPath("xmllint")
	if xmllint == "" {
		return fmt.Errorf("xmllint not found (apt-get install libxml2-utils)")
	}
	java := ""
	if j, err := exec.LookPath("java"); err == nil {
		if jc, err := exec.LookPath("javac"); err == nil {
			if b, err := exec.Command(jc, "-d", filepath.Join(out, "jdk"), filepath.Join("bench", "jdk", "Validate.java")).CombinedOutput(); err != nil {
				return fmt.Errorf("javac: %v\n%s", err, b)
			}
			java = j
		}
	}
	// The inputs are built by another process: a child's peak RSS counts
	// the memory of the process that forked it, so the timing process
	// stays small.
	fmt.Println("building inputs ...")
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if b, err := exec.Command(self, "-build", "-official", official, "-out", out).CombinedOutput(); err != nil {
		return fmt.Errorf("building inputs: %v\n%s", err, b)
	}
	var inputs []input
	manifest, err := os.ReadFile(filepath.Join(out, "inputs.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(manifest, &inputs); err != nil {
		return err
	}

	fmt.Printf("\n%d alternating runs; wall time medians (xmllint and the JDK: the sum over their schema entries)\n\n", runs)
	fmt.Printf("%-34s %6s %8s  %10s %10s %10s %10s  %8s %9s %9s\n", "input", "files", "MB", "customslint", "xmllint", "JDK", "JDK in-JVM", "cl/xmllint", "JDK/cl", "peak RSS")
	for _, in := range inputs {
		var cl, xl, jdk []sample
		for r := 0; r < runs; r++ {
			cl = append(cl, runCustomslint(bin, in))
			xl = append(xl, runGroups(in, func(g group) []string { return append([]string{xmllint, "--noout", "--schema", g.Entry}, g.Files...) }))
			if java != "" {
				jdk = append(jdk, runGroups(in, func(g group) []string {
					// HMRC's services raise the JDK's limit on content model
					// size (jdk.xml.maxOccurLimit), which the CTC schemas exceed.
					return append([]string{java, "-Djdk.xml.maxOccurLimit=100000", "-cp", filepath.Join(out, "jdk"), "Validate", g.Entry}, g.Files...)
				}))
			}
		}
		for _, s := range append(append(append([]sample{}, cl...), xl...), jdk...) {
			if s.failure != "" {
				return fmt.Errorf("%s: %s", in.Name, s.failure)
			}
		}
		c, x := median(cl, false), median(xl, false)
		j, jin := "-", "-"
		jr := "-"
		if len(jdk) > 0 {
			jw := median(jdk, false)
			j, jin = secs(jw), secs(median(jdk, true))
			jr = fmt.Sprintf("%.1fx", float64(jw)/float64(c))
		}
		rss := maxRSS(cl)
		fmt.Printf("%-34s %6d %8.1f  %10s %10s %10s %10s  %8.2fx %9s %7.0fMB", in.Name, in.NFiles, float64(in.Bytes)/1e6, secs(c), secs(x), j, jin, float64(c)/float64(x), jr, float64(rss)/1024)
		if in.PeakRSS {
			fmt.Printf(" (%.1fx the file)", float64(rss*1024)/float64(in.Bytes))
		}
		fmt.Println()
	}
	return nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

func median(ss []sample, inProc bool) time.Duration {
	var ds []time.Duration
	for _, s := range ss {
		if inProc {
			ds = append(ds, s.inProc)
		} else {
			ds = append(ds, s.wall)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func maxRSS(ss []sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.maxRSS)
	}
	return m
}

// exec1 runs one command and measures it. Exit status 1 is a verdict
// (findings, invalid files), not a failure.
func exec1(argv []string) sample {
	cmd := exec.CommandContext(context.Background(), argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = ru.Maxrss
	}
	if m := regexp.MustCompile(`inprocess_ms=(\d+)`).FindSubmatch(stdout.Bytes()); m != nil {
		ms, _ := strconv.Atoi(string(m[1]))
		s.inProc = time.Duration(ms) * time.Millisecond
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() <= 4 && !strings.Contains(stderr.String(), "Exception in thread") {
		// xmllint: 3 = invalid files; customslint: 1 = error findings
		err = nil
	}
	if err != nil {
		s.failure = fmt.Sprintf("%s: %v\n%s", filepath.Base(argv[0]), err, trim(stderr.String()))
	}
	return s
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

func runCustomslint(bin string, in input) sample {
	var total sample
	for profile, dirs := range in.Dirs {
		s := exec1(append([]string{bin, "check", "--format", "json", "--output", os.DevNull, "--profile", profile}, dirs...))
		total.wall += s.wall
		total.maxRSS = max(total.maxRSS, s.maxRSS)
		if s.failure != "" {
			total.failure = s.failure
		}
	}
	return total
}

func runGroups(in input, argv func(group) []string) sample {
	var total sample
	for _, g := range in.Groups {
		s := exec1(argv(g))
		total.wall += s.wall
		total.inProc += s.inProc
		total.maxRSS = max(total.maxRSS, s.maxRSS)
		if s.failure != "" {
			total.failure = s.failure
		}
	}
	return total
}

var (
	itemRE = regexp.MustCompile(`(?s)<GovernmentAgencyGoodsItem>.*?</GovernmentAgencyGoodsItem>`)
	seqRE  = regexp.MustCompile(`<SequenceNumeric>\d+</SequenceNumeric>`)
)

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

func buildInputs(eng *validate.Engine, off, dir string) ([]input, error) {
	cdsDir := filepath.Join(dir, "cds")
	submit := filepath.Join(off, "cds", "schemas", "v2.15", "customs", "wrapper_submit.xsd")
	a := input{Name: "(a) CDS declaration samples x4", Dirs: map[string][]string{"cds": {cdsDir}}}
	ga := group{Entry: submit}
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
	a.Groups, a.NFiles = []group{ga}, len(ga.Files)
	if a.NFiles < 400 {
		return nil, fmt.Errorf("only %d CDS declaration samples", a.NFiles)
	}

	// (b): the first declaration whose first goods item, repeated 999
	// times with its sequence number, stays schema-valid.
	bigDir := filepath.Join(dir, "big")
	var b input
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
		b = input{Name: "(b) declaration with 999 goods items", Dirs: map[string][]string{"cds": {bigDir}}, Groups: []group{{Entry: submit, Files: []string{p}}}, Bytes: int64(grown.Len()), NFiles: 1, PeakRSS: true}
		break
	}
	if b.NFiles == 0 {
		return nil, fmt.Errorf("no declaration sample could be grown to 999 goods items")
	}

	// (c): the schema-valid examples of phases 5 and 6, by message type.
	c := input{Name: "(c) CTC phase 5 and 6 examples", Dirs: map[string][]string{}}
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
			c.Groups = append(c.Groups, group{Entry: filepath.Join(off, "ctc", ph.dir, "xsd", strings.ToLower(t)+".xsd"), Files: fs})
		}
	}
	return []input{a, b, c}, nil
}

func write(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
