package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

func libxmlVersion() string { return xsd.LibXMLVersion() }

// listFlag collects a flag given several times and/or with comma-separated
// values.
type listFlag struct {
	vals  []string
	comma bool
}

func (l *listFlag) String() string { return strings.Join(l.vals, ",") }
func (l *listFlag) Set(s string) error {
	if !l.comma {
		l.vals = append(l.vals, s)
		return nil
	}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.vals = append(l.vals, v)
		}
	}
	return nil
}

// sizeFlag is a byte count: 10485760, 512KiB, 10MiB, 1GiB.
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }
func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

func parseSize(v string) (int64, error) {
	mult := int64(1)
	num := v
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if strings.HasSuffix(v, u.suffix) {
			num, mult = strings.TrimSuffix(v, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (want a positive number of bytes, or with KiB, MiB, GiB)", v)
	}
	return n * mult, nil
}

type checkConfig struct {
	format, output, profile string
	configFile              string
	schemas, sel, dis       listFlag
	reports                 listFlag // FORMAT=FILE
	jobs                    int
	maxSize                 sizeFlag
	maxFindings             int
	summary                 bool
	lrnRegex                string
	codelists, context      listFlag
	inventoryLinked         listFlag
	listWarnings            []string // files of --codelists skipped, not code lists
}

func checkFlagSet(cfg *checkConfig, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("customslint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.format, "format", "text", "report format: "+formatNames)
	fs.StringVar(&cfg.output, "output", "", "write the report to this file instead of stdout")
	fs.Var(&cfg.reports, "report", "also write a report in `FORMAT=FILE` (repeatable), e.g. --report sarif=results.sarif")
	fs.Var(&cfg.schemas, "schemas", "validate against the official HMRC schema bundle in this `DIR` instead of the embedded schemas (repeatable)")
	fs.StringVar(&cfg.profile, "profile", "auto", "message family/phase: auto, cds, ctc-p4, ctc-p5 or ctc-p6")
	cfg.sel.comma, cfg.dis.comma = true, true
	fs.Var(&cfg.sel, "select", "run only these `RULE`s, comma-separated (xsd = schema validation only)")
	fs.Var(&cfg.dis, "disable", "skip these `RULE`s, comma-separated")
	fs.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "parallel workers")
	fs.BoolVar(&cfg.summary, "summary", false, "print counts of findings per rule on stderr at the end")
	fs.StringVar(&cfg.configFile, "config", "", "configuration `FILE` (default: "+ConfigFile+" in the working directory or the nearest folder above)")
	cfg.maxSize = validate.DefaultMaxSize
	fs.Var(&cfg.maxSize, "max-size", "refuse larger inputs with a finding, in `BYTES` (default 10MiB, the CSP limit)")
	fs.IntVar(&cfg.maxFindings, "max-findings", validate.DefaultMaxFindings, "at most `N` findings per file, then one finding saying how many more (0 = no cap)")
	fs.Var(&cfg.codelists, "codelists", "also check codes against HMRC's reference data (JSON code lists) in `DIR` (repeatable)")
	fs.Var(&cfg.context, "context", "read the messages in `DIR` for checks across messages, without checking them (repeatable)")
	cfg.inventoryLinked.comma = true
	fs.Var(&cfg.inventoryLinked, "inventory-linked", "CDS goods location `CODE`s (GBAUFXTFXTFXT or FXTFXTFXT) that are inventory-linked, comma-separated")
	fs.StringVar(&cfg.lrnRegex, "lrn-regex", "", "turn on ctc-lrn: a declaration's LRN must match this `PATTERN` as a whole (RE2 syntax)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: customslint check [flags] PATH...\n\nPATH is a file, a folder (searched recursively for *.xml and *.json) or - for stdin.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// parseInterleaved parses flags that may come before, between or after the
// paths ("check dir --format json"); everything after "--" is a path.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return append(paths, tail...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// input is one message to check.
type input struct {
	path  string // as shown in the report
	stdin bool
}

// collectInputs expands the command line paths: files as given, folders
// walked recursively (in lexical order) for *.xml and *.json, skipping hidden folders
// and anything that is not a regular file. Problems are printed and counted.
func collectInputs(paths []string, skip map[string]bool, stderr io.Writer) ([]input, int) {
	var ins []input
	problems := 0
	fail := func(format string, args ...any) {
		fmt.Fprintf(stderr, "customslint: "+format+"\n", args...)
		problems++
	}
	stdinSeen := false
	for _, p := range paths {
		if p == "-" {
			if stdinSeen {
				fail("- (stdin) given more than once")
				continue
			}
			stdinSeen = true
			ins = append(ins, input{path: "<stdin>", stdin: true})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fail("%v", err)
			continue
		}
		if !st.IsDir() {
			ins = append(ins, input{path: p})
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				fail("%v", err)
				if d != nil && d.IsDir() && q != p {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if q != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(q))
			if (ext != ".xml" && ext != ".json") || skip[absPath(q)] {
				return nil // not a message, or a report this run writes
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				st, err := os.Stat(q)
				if err != nil {
					fail("%v", err)
					return nil
				}
				mode = st.Mode()
			}
			if !mode.IsRegular() {
				fail("%s: not a regular file, skipped", q)
				return nil
			}
			ins = append(ins, input{path: q})
			return nil
		})
		if err != nil {
			fail("%v", err)
		}
	}
	return ins, problems
}

func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var cfg checkConfig
	fset := checkFlagSet(&cfg, stderr)
	paths, code, ok := parseCheckArgs(fset, args, stderr)
	if !ok {
		return code
	}
	newWriter, extras, err := checkFlags(&cfg)
	if err != nil {
		return usageError(stderr, err)
	}
	set := map[string]bool{}
	fset.Visit(func(f *flag.Flag) { set[f.Name] = true })
	s, err := loadCheckSettings(&cfg, set, stderr)
	if err != nil {
		return usageError(stderr, err)
	}
	engines := newEngineSet(s.opts)
	defer engines.Close()
	if err := s.buildEngines(engines); err != nil {
		return usageError(stderr, err)
	}
	out := &checkOutput{skip: map[string]bool{}}
	defer out.abort() // the report files not committed
	if err := out.open(&cfg, newWriter, extras, stdout); err != nil {
		return usageError(stderr, err)
	}
	inputs, problems := collectInputs(paths, out.skip, stderr)
	run, engs, err := s.prepareRun(engines, inputs)
	if err != nil {
		return usageError(stderr, err)
	}
	t := &checkTally{stderr: stderr, failed: problems > 0, schemaErrs: map[string]bool{}}
	prog := newProgress(stderr, len(inputs))
	sum := newRuleSummary()
	checkAll(ctx, engs, inputs, stdin, cfg.jobs, run, func(in input, r result) {
		prog.step()
		if t.record(ctx, in, r) {
			sum.add(r.report)
			out.w.File(r.report)
		}
	})
	prog.finish()
	if info := s.opts.RuleConfig.Unchecked.Info(); info != "" {
		fmt.Fprintf(stderr, "customslint: %s\n", info)
	}
	if cfg.summary {
		sum.write(stderr)
	}
	return out.finish(t, stderr)
}

// usageError prints err as customslint's and returns the usage exit code.
func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "customslint: %v\n", err)
	return exitUsage
}

// parseCheckArgs parses check's flags and paths; when not ok, check ends
// with code (help asked, a bad flag or no path).
func parseCheckArgs(fset *flag.FlagSet, args []string, stderr io.Writer) (paths []string, code int, ok bool) {
	paths, err := parseInterleaved(fset, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK, false
		}
		return nil, exitUsage, false
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "customslint: check needs at least one PATH (a file, a folder or - for stdin)")
		fset.Usage()
		return nil, exitUsage, false
	}
	return paths, exitOK, true
}

// reportExtra is a --report FORMAT=FILE: the format's writer and the file.
type reportExtra struct {
	newWriter func(io.Writer) reportWriter
	file      string
}

// checkFlags checks the flags that need no file: the formats (--format,
// --report), --jobs, --max-findings and --profile.
func checkFlags(cfg *checkConfig) (func(io.Writer) reportWriter, []reportExtra, error) {
	newWriter, ok := writers[cfg.format]
	if !ok {
		return nil, nil, fmt.Errorf("unknown --format %q (want %s)", cfg.format, formatNames)
	}
	var extras []reportExtra
	for _, r := range cfg.reports.vals {
		format, file, ok := strings.Cut(r, "=")
		nw, known := writers[format]
		if !ok || file == "" || !known {
			return nil, nil, fmt.Errorf("--report %q: want FORMAT=FILE with FORMAT one of %s", r, formatNames)
		}
		extras = append(extras, reportExtra{nw, file})
	}
	if cfg.jobs < 1 {
		return nil, nil, errors.New("--jobs must be at least 1")
	}
	if cfg.maxFindings < 0 {
		return nil, nil, errors.New("--max-findings must be 0 (no cap) or more")
	}
	if _, err := validate.ParseProfile(cfg.profile); err != nil {
		return nil, nil, fmt.Errorf("--profile: %w", err)
	}
	return newWriter, extras, nil
}

// checkSettings are a check run's settings once the configuration file
// and the flags are merged.
type checkSettings struct {
	conf     *config
	base     engineSettings
	opts     validate.Options
	contexts []string // --context folders
	corpus   *validate.Corpus
}

// loadCheckSettings reads the configuration file and merges the flags
// given (set) over it. The warnings about --codelists files come first.
func loadCheckSettings(cfg *checkConfig, set map[string]bool, stderr io.Writer) (*checkSettings, error) {
	conf, err := configFor(cfg.configFile)
	if err != nil {
		return nil, err
	}
	base, opts, contexts, err := mergeSettings(cfg, conf, set)
	for _, w := range cfg.listWarnings {
		fmt.Fprintf(stderr, "customslint: warning: %s\n", w)
	}
	if err != nil {
		return nil, err
	}
	s := &checkSettings{conf: conf, base: base, opts: opts, contexts: contexts, corpus: validate.NewCorpus()}
	s.opts.RuleConfig.Corpus = s.corpus
	return s, nil
}

// buildEngines builds the engine of the base settings and of each of the
// configuration's overrides up front, so a bad one is a usage error
// before any file is checked.
func (s *checkSettings) buildEngines(engines *engineSet) error {
	for i, st := range append([]engineSettings{s.base}, s.conf.each(s.base)...) {
		if _, err := engines.get(st); err != nil {
			if i > 0 {
				return fmt.Errorf("%s: overrides[%d]: %w", s.conf.file, i-1, err)
			}
			return err
		}
	}
	return nil
}

// prepareRun picks each input's engine (the overrides that match its
// path) and the corpus run that reads the --context folders.
func (s *checkSettings) prepareRun(engines *engineSet, inputs []input) (*corpusRun, []*validate.Engine, error) {
	ctxFiles, err := validate.ContextFiles(s.contexts)
	if err != nil {
		return nil, nil, fmt.Errorf("--context: %w", err)
	}
	factsEngine, err := engines.get(s.base)
	if err != nil {
		return nil, nil, err
	}
	run := &corpusRun{corpus: s.corpus, eng: factsEngine, contextFiles: ctxFiles}
	engs := make([]*validate.Engine, len(inputs))
	for i, in := range inputs {
		st := s.base
		if !in.stdin {
			st = s.conf.forFile(s.base, in.path)
		}
		if engs[i], err = engines.get(st); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", in.path, err)
		}
	}
	return run, engs, nil
}

// checkOutput is where a check run's reports go. Report files are written
// beside their destination and moved into place at the end (reportFile);
// until then the previous ones stay.
type checkOutput struct {
	w     multiWriter
	files []*reportFile   // not committed yet
	skip  map[string]bool // the report files: not messages to check
}

// open opens the report (stdout or --output) and each --report file.
func (o *checkOutput) open(cfg *checkConfig, newWriter func(io.Writer) reportWriter, extras []reportExtra, stdout io.Writer) error {
	out := stdout
	if cfg.output != "" {
		f, err := o.create(cfg.output)
		if err != nil {
			return err
		}
		out = f
	}
	o.w = multiWriter{newWriter(out)}
	for _, x := range extras {
		f, err := o.create(x.file)
		if err != nil {
			return err
		}
		o.w = append(o.w, x.newWriter(f))
	}
	return nil
}

// create creates the report file name; a report written into a checked
// folder is not a message to check.
func (o *checkOutput) create(name string) (*reportFile, error) {
	f, err := createReport(name)
	if err != nil {
		return nil, err
	}
	o.files = append(o.files, f)
	o.skip[absPath(name)] = true
	return f, nil
}

// abort drops the report files not committed, keeping the previous ones.
func (o *checkOutput) abort() {
	for _, f := range o.files {
		f.abort()
	}
}

// finish ends the reports and moves the files into place (unless the run
// was interrupted); it returns check's exit code.
func (o *checkOutput) finish(t *checkTally, stderr io.Writer) int {
	code := t.exitCode()
	if err := o.w.Close(runEnd{unchecked: t.unchecked, interrupted: t.interrupted, exitCode: code}); err != nil {
		fmt.Fprintf(stderr, "customslint: write report: %v\n", err)
		return exitUsage // the deferred abort keeps the previous reports
	}
	for len(o.files) > 0 {
		f := o.files[0]
		o.files = o.files[1:]
		switch err := f.commit(!t.interrupted); {
		case errors.Is(err, errKept):
			fmt.Fprintf(stderr, "customslint: %s: %v\n", f.dest, err)
		case err != nil:
			fmt.Fprintf(stderr, "customslint: %v\n", err)
			code = exitUsage
		}
	}
	if t.interrupted {
		fmt.Fprintf(stderr, "customslint: interrupted: %s not checked\n", plural(len(t.unchecked), "file"))
	}
	return code
}

// checkTally gathers what a run's results say for its exit code and the
// end of its reports.
type checkTally struct {
	stderr      io.Writer
	failed      bool // an input or the schemas failed
	hasErrors   bool // a report has an error finding
	interrupted bool // an interruption left inputs unchecked
	schemaErrs  map[string]bool
	unchecked   []validate.Unchecked
}

// record takes in's result and says whether its report is to be written.
func (t *checkTally) record(ctx context.Context, in input, r result) bool {
	if r.err != nil {
		t.failed = true
		if !errors.Is(r.err, validate.ErrSchema) {
			// Interrupted, or unreadable: whatever the report holds
			// is not a check of the file, so it is listed as not
			// checked rather than with its (no) findings.
			reason := r.err.Error()
			if ctx.Err() != nil {
				reason, t.interrupted = "the run was interrupted", true
			} else {
				fmt.Fprintf(t.stderr, "customslint: %v\n", r.err)
			}
			t.unchecked = append(t.unchecked, validate.Unchecked{Path: in.path, Reason: reason})
			return false
		}
		// Report a broken bundle once, not once per file; the file's
		// report says it was not validated.
		if msg := r.err.Error(); !t.schemaErrs[msg] {
			t.schemaErrs[msg] = true
			fmt.Fprintf(t.stderr, "customslint: %v\n", r.err)
		}
	}
	t.hasErrors = t.hasErrors || r.report.HasErrors()
	return true
}

// exitCode is the run's: an interruption after the last check leaves a
// complete report.
func (t *checkTally) exitCode() int {
	switch {
	case t.failed || t.interrupted:
		return exitUsage
	case t.hasErrors:
		return exitFindings
	}
	return exitOK
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// configFor loads the configuration: the file given, else the one found
// upward from the working directory, else none.
func configFor(file string) (*config, error) {
	if file == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if file = findConfig(wd); file == "" {
			return nil, nil
		}
	}
	return loadConfig(file)
}

// mergeSettings combines the configuration file and the flags; flags given
// on the command line win (--disable adds to the file's list).
func mergeSettings(cfg *checkConfig, conf *config, set map[string]bool) (engineSettings, validate.Options, []string, error) {
	s := engineSettings{profile: cfg.profile, sel: cfg.sel.vals, dis: cfg.dis.vals}
	schemaDirs := cfg.schemas.vals
	maxSize := int64(cfg.maxSize)
	maxFindings := cfg.maxFindings
	lrn := cfg.lrnRegex
	lists, contexts, linked := cfg.codelists.vals, cfg.context.vals, cfg.inventoryLinked.vals
	if conf != nil {
		if !set["lrn-regex"] {
			lrn = conf.LRNRegex
		}
		if !set["codelists"] {
			lists = conf.CodeLists
		}
		if !set["context"] {
			contexts = conf.Context
		}
		if !set["inventory-linked"] {
			linked = conf.InventoryLinked
		}
		if !set["profile"] && conf.Profile != "" {
			s.profile = conf.Profile
		}
		if !set["select"] {
			s.sel = conf.Select
		}
		s.dis = append(append([]string(nil), conf.Disable...), s.dis...)
		s.severity = conf.Severity
		if !set["schemas"] {
			schemaDirs = conf.Schemas
		}
		if !set["max-size"] && conf.MaxSize != "" {
			maxSize, _ = parseSize(conf.MaxSize) // checked when loading
		}
		if !set["max-findings"] && conf.MaxFindings != nil {
			maxFindings = *conf.MaxFindings // checked when loading
		}
	}
	o := validate.Options{Schemas: schemaDirs, MaxSize: maxSize, MaxFindings: maxFindings}
	if maxFindings == 0 {
		o.MaxFindings = -1 // no cap
	}
	o.RuleConfig.InventoryLinked = linked
	if lrn != "" {
		re, err := rules.WholeMatch(lrn)
		if err != nil {
			return s, o, nil, fmt.Errorf("lrn regex: %w", err)
		}
		o.RuleConfig.LRNPattern = re
	}
	o.RuleConfig.CodeLists = codelists.Builtin()
	o.RuleConfig.Unchecked = &rules.UncheckedCodes{} // said once at the end of the run
	if len(lists) > 0 {
		loaded, warnings, err := codelists.Load(lists...)
		cfg.listWarnings = warnings
		if err != nil {
			return s, o, nil, err
		}
		o.RuleConfig.CodeLists = o.RuleConfig.CodeLists.With(loaded)
	}
	return s, o, contexts, nil
}

// engineSet holds one engine per distinct settings, sharing compiled schemas.
type engineSet struct {
	base    validate.Options
	engines map[string]*validate.Engine
}

func newEngineSet(base validate.Options) *engineSet {
	base.Cache = xsd.NewCache()
	return &engineSet{base: base, engines: map[string]*validate.Engine{}}
}

func (e *engineSet) get(s engineSettings) (*validate.Engine, error) {
	k := s.key()
	if eng, ok := e.engines[k]; ok {
		return eng, nil
	}
	opts := e.base
	opts.Profile = validate.Profile(s.profile)
	opts.Select, opts.Disable, opts.Severity = s.sel, s.dis, s.severity
	eng, err := validate.New(opts)
	if err != nil {
		return nil, err
	}
	e.engines[k] = eng
	return eng, nil
}

// Close frees the engines and the shared compiled schemas.
func (e *engineSet) Close() {
	for _, eng := range e.engines {
		eng.Close()
	}
	e.base.Cache.Close()
}

type result struct {
	report validate.FileReport
	err    error
}

// checkAll checks the inputs with n workers and hands the results to emit in
// input order, each as soon as it and all before it are done. With a
// corpus, messages that may need the others of the run (goods
// presentations) wait until every other message has been checked and the
// corpus frozen; the order of the report does not change.
func checkAll(ctx context.Context, engs []*validate.Engine, inputs []input, stdin io.Reader, n int, corpus *corpusRun, emit func(input, result)) {
	results := make([]result, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	finish := func(i int, r result) {
		results[i] = r
		close(done[i])
	}
	var mu sync.Mutex
	later := map[int][]byte{}
	pool := func(idx []int, work func(i int)) {
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < min(n, max(len(idx), 1)); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					work(i)
				}
			}()
		}
		for k, i := range idx {
			if ctx.Err() != nil {
				for _, j := range idx[k:] {
					finish(j, result{err: ctx.Err()})
				}
				break
			}
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	}
	go func() {
		all := make([]int, len(inputs))
		for i := range all {
			all[i] = i
		}
		pool(all, func(i int) {
			if st, err := os.Stat(inputs[i].path); err == nil && !inputs[i].stdin && st.Size() >= validate.StreamFrom &&
				(corpus == nil || !validate.FileNeedsOthers(inputs[i].path)) {
				// A large message is streamed from its file, never held whole.
				rep, err := engs[i].CheckFile(ctx, inputs[i].path, inputs[i].path)
				finish(i, result{rep, err})
				return
			}
			data, err := readInput(ctx, inputs[i], stdin, engs[i].MaxSize())
			if err != nil {
				finish(i, result{err: err})
				return
			}
			if corpus != nil && validate.NeedsOthers(data) {
				mu.Lock()
				later[i] = data
				mu.Unlock()
				return
			}
			finish(i, checkData(ctx, engs[i], inputs[i], data))
		})
		if len(later) == 0 {
			return
		}
		corpus.corpus.ReadContext(ctx, corpus.eng, corpus.contextFiles, n) // stopped: the checks below stop too
		corpus.corpus.Freeze()
		idx := make([]int, 0, len(later))
		for i := range later {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		pool(idx, func(i int) { finish(i, checkData(ctx, engs[i], inputs[i], later[i])) })
	}()
	for i := range inputs {
		<-done[i]
		emit(inputs[i], results[i])
	}
}

// corpusRun is what checkAll needs to check messages across the run.
type corpusRun struct {
	corpus       *validate.Corpus
	eng          *validate.Engine // reads the context files
	contextFiles []string
}

// readInput reads a file or stdin, at most one byte over the size limit.
// An interruption ends the wait for stdin, which may never close.
func readInput(ctx context.Context, in input, stdin io.Reader, limit int64) ([]byte, error) {
	if !in.stdin {
		return readFile(in.path, limit)
	}
	type read struct {
		data []byte
		err  error
	}
	done := make(chan read, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(stdin, limit+1))
		done <- read{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func checkData(ctx context.Context, eng *validate.Engine, in input, data []byte) result {
	rep, err := eng.Check(ctx, in.path, data)
	return result{rep, err}
}
