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
	"sync/atomic"
	"time"

	"github.com/customslint/customslint/config"
	"github.com/customslint/customslint/report"
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
	n, err := config.ParseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
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
	now                     string
	nowTime                 time.Time // --now parsed
	allowEmpty              bool
}

func checkFlagSet(cfg *checkConfig, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("customslint check", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseCheckArgs says what is wrong, in one line
	fs.StringVar(&cfg.format, "format", "text", "report format: "+report.FormatNames)
	fs.StringVar(&cfg.output, "output", "", "write the report to this file instead of stdout")
	fs.Var(&cfg.reports, "report", "also write a report in `FORMAT=FILE` (repeatable), e.g. --report sarif=results.sarif")
	fs.Var(&cfg.schemas, "schemas", "validate against the official HMRC schema bundle in this `DIR` instead of the embedded schemas (repeatable)")
	fs.StringVar(&cfg.profile, "profile", "auto", "message family/phase: auto, cds, ctc-p4, ctc-p5 or ctc-p6")
	cfg.sel.comma, cfg.dis.comma = true, true
	fs.Var(&cfg.sel, "select", "run only these `RULE`s, comma-separated (xsd = schema validation only)")
	fs.Var(&cfg.dis, "disable", "skip these `RULE`s, comma-separated")
	fs.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "parallel workers")
	fs.BoolVar(&cfg.summary, "summary", false, "print counts of findings per rule on stderr at the end")
	fs.StringVar(&cfg.configFile, "config", "", "configuration `FILE` (default: "+config.FileName+" in the working directory or the nearest folder above)")
	cfg.maxSize = validate.DefaultMaxSize
	fs.Var(&cfg.maxSize, "max-size", "refuse larger inputs with a finding, in `BYTES` (default 10MiB, the CSP limit)")
	fs.IntVar(&cfg.maxFindings, "max-findings", validate.DefaultMaxFindings, "at most `N` findings per file, then one finding saying how many more (0 = no cap)")
	fs.Var(&cfg.codelists, "codelists", "also check codes against HMRC's reference data (JSON code lists) in `DIR` (repeatable)")
	fs.Var(&cfg.context, "context", "read the messages in `DIR` for checks across messages, without checking them (repeatable)")
	cfg.inventoryLinked.comma = true
	fs.Var(&cfg.inventoryLinked, "inventory-linked", "CDS goods location `CODE`s (GBAUFXTFXTFXT or FXTFXTFXT) that are inventory-linked, comma-separated")
	fs.StringVar(&cfg.now, "now", "", "reference `TIME` of date rules, RFC 3339 (default: the wall clock; date rules are then warnings)")
	fs.BoolVar(&cfg.allowEmpty, "allow-empty", false, "exit 0 when the paths hold no message (default: exit 2)")
	fs.StringVar(&cfg.lrnRegex, "lrn-regex", "", "turn on ctc-lrn: a declaration's LRN must match this `PATTERN` as a whole (RE2 syntax)")
	fs.Usage = func() { checkUsage(fs, fs.Output()) } // -h, through parseCommand
	return fs
}

// checkUsage prints check's usage and flags, for -h.
func checkUsage(fs *flag.FlagSet, stderr io.Writer) {
	fmt.Fprintf(stderr, "Usage: customslint check [flags] PATH...\n\nPATH is a file, a folder (searched recursively for *.xml and *.json) or - for stdin.\n\nFlags:\n")
	printFlags(fs, stderr)
}

// seeHelp points to check's flags after a usage error.
const seeHelp = "Run 'customslint check -h' for the flags."

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
	c := &inputCollector{skip: skip, stderr: stderr}
	for _, p := range paths {
		c.add(p)
	}
	return c.ins, c.problems
}

// inputCollector gathers the inputs of collectInputs.
type inputCollector struct {
	ins       []input
	problems  int
	stdinSeen bool
	skip      map[string]bool // the report files of the run
	stderr    io.Writer
}

// fail prints a problem and counts it.
func (c *inputCollector) fail(format string, args ...any) {
	fmt.Fprintf(c.stderr, "customslint: "+format+"\n", args...)
	c.problems++
}

// add adds a command line path: stdin, a file or a folder.
func (c *inputCollector) add(p string) {
	if p == "-" {
		if c.stdinSeen {
			c.fail("- (stdin) given more than once")
			return
		}
		c.stdinSeen = true
		c.ins = append(c.ins, input{path: "<stdin>", stdin: true})
		return
	}
	st, err := os.Stat(p)
	if err != nil {
		c.fail("%v", err)
		return
	}
	if !st.IsDir() {
		c.ins = append(c.ins, input{path: p})
		return
	}
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		return c.visit(p, q, d, err)
	})
	if err != nil {
		c.fail("%v", err)
	}
}

// visit is the WalkDir function of the folder root.
func (c *inputCollector) visit(root, q string, d fs.DirEntry, err error) error {
	if err != nil {
		c.fail("%v", err)
		if d != nil && d.IsDir() && q != root {
			return fs.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		if q != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		return nil
	}
	ext := strings.ToLower(filepath.Ext(q))
	if (ext != ".xml" && ext != ".json") || c.skip[absPath(q)] {
		return nil // not a message, or a report this run writes
	}
	c.addFile(q, d)
	return nil
}

// addFile adds a message file found in a folder, if it is a regular file
// (through a symbolic link or not).
func (c *inputCollector) addFile(q string, d fs.DirEntry) {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		st, err := os.Stat(q)
		if err != nil {
			c.fail("%v", err)
			return
		}
		mode = st.Mode()
	}
	if !mode.IsRegular() {
		c.fail("%s: not a regular file, skipped", q)
		return
	}
	c.ins = append(c.ins, input{path: q})
}

// runCheck is customslint check: flags and configuration, the inputs,
// then every check, each report written as it comes.
func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var cfg checkConfig
	fset := checkFlagSet(&cfg, stderr)
	paths, code, ok := parseCheckArgs(fset, args, stderr)
	if !ok {
		return code
	}
	plan, err := prepareCheck(&cfg, fset, stdout, stderr)
	if err != nil {
		return usageError(stderr, err)
	}
	defer plan.close()
	inputs, problems := collectInputs(paths, plan.out.skip, stderr)
	if len(inputs) == 0 && problems == 0 && !cfg.allowEmpty {
		return usageError(stderr, fmt.Errorf("no message to check in %s (files *.xml, *.json); --allow-empty makes this exit 0", pathsLabel(paths)))
	}
	return plan.check(ctx, inputs, problems, stdin, stderr)
}

// pathsLabel names the paths of the command line in a message: a few as
// they are, more by their number.
func pathsLabel(paths []string) string {
	if len(paths) > 3 {
		return fmt.Sprintf("the %d paths given", len(paths))
	}
	return strings.Join(paths, " ")
}

// usageError prints err as customslint's and returns the usage exit code.
func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "customslint: %v\n", err)
	return exitUsage
}

// parseCommand parses the flags and operands of convert or serve: -h
// prints the command's usage (exit 0); a bad flag or value prints one line
// and a pointer to -h, not the whole usage (exit 2).
func parseCommand(fs *flag.FlagSet, args []string, stderr io.Writer) (operands []string, code int, ok bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package calls it on every error too
	fs.SetOutput(io.Discard)
	operands, err := parseInterleaved(fs, args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stderr)
		usage()
		return nil, exitOK, false
	case err != nil:
		fmt.Fprintf(stderr, "customslint: %v\nRun '%s -h' for the flags.\n", err, fs.Name())
		return nil, exitUsage, false
	}
	return operands, exitOK, true
}

// parseCheckArgs parses check's flags and paths; when not ok, check ends
// with code (help asked, a bad flag or no path).
func parseCheckArgs(fset *flag.FlagSet, args []string, stderr io.Writer) (paths []string, code int, ok bool) {
	paths, code, ok = parseCommand(fset, args, stderr)
	if !ok {
		return nil, code, false
	}
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "customslint: check needs at least one PATH (a file, a folder or - for stdin)\n%s\n", seeHelp)
		return nil, exitUsage, false
	}
	return paths, exitOK, true
}

// checkPlan is a check run ready to go: its settings, its engines and its
// reports open.
type checkPlan struct {
	cfg     *checkConfig
	s       *checkSettings
	engines *engineSet
	out     *checkOutput
}

// prepareCheck checks the flags, merges them with the configuration file,
// builds the engines and opens the reports.
func prepareCheck(cfg *checkConfig, fset *flag.FlagSet, stdout, stderr io.Writer) (*checkPlan, error) {
	specs, err := checkFlags(cfg)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fset.Visit(func(f *flag.Flag) { set[f.Name] = true })
	s, err := loadCheckSettings(cfg, set, stderr)
	if err != nil {
		return nil, err
	}
	p := &checkPlan{cfg: cfg, s: s, engines: newEngineSet(s.opts), out: &checkOutput{skip: map[string]bool{}}}
	if err := s.buildEngines(p.engines); err != nil {
		p.close()
		return nil, err
	}
	if err := p.out.open(specs, stdout); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// close drops the report files not committed and frees the engines.
func (p *checkPlan) close() {
	p.out.abort()
	p.engines.Close()
}

// check checks the inputs and ends the reports; it returns the exit code.
func (p *checkPlan) check(ctx context.Context, inputs []input, problems int, stdin io.Reader, stderr io.Writer) int {
	run, engs, err := p.s.prepareRun(p.engines, inputs)
	if err != nil {
		return usageError(stderr, err)
	}
	t := &checkTally{stderr: stderr, failed: problems > 0, schemaErrs: map[string]bool{}}
	prog := newProgress(stderr, len(inputs))
	sum := newRuleSummary()
	checkAll(ctx, engs, inputs, stdin, p.cfg.jobs, run, func(in input, r result) {
		prog.step()
		if t.record(ctx, in, r) {
			sum.add(r.report)
			p.out.w.File(r.report)
		}
	})
	prog.finish()
	if info := p.s.opts.RuleConfig.Unchecked.Info(); info != "" {
		fmt.Fprintf(stderr, "customslint: %s\n", info)
	}
	if p.cfg.summary {
		sum.write(stderr)
	}
	return p.out.finish(t, stderr)
}

// reportSpec is a report to write: its format, and its file ("" for
// stdout).
type reportSpec struct {
	format, file string
}

// checkFlags checks the flags that need no file: the formats (--format,
// --output, --report), then the values.
func checkFlags(cfg *checkConfig) ([]reportSpec, error) {
	if !report.IsFormat(cfg.format) {
		return nil, fmt.Errorf("unknown --format %q (want %s)", cfg.format, report.FormatNames)
	}
	specs := []reportSpec{{cfg.format, cfg.output}}
	for _, r := range cfg.reports.vals {
		format, file, ok := strings.Cut(r, "=")
		if !ok || file == "" || !report.IsFormat(format) {
			return nil, fmt.Errorf("--report %q: want FORMAT=FILE with FORMAT one of %s", r, report.FormatNames)
		}
		specs = append(specs, reportSpec{format, file})
	}
	return specs, checkValues(cfg)
}

// checkValues checks --jobs, --max-findings, --profile, --now and the rules
// of --select and --disable.
func checkValues(cfg *checkConfig) error {
	if cfg.jobs < 1 {
		return errors.New("--jobs must be at least 1")
	}
	if cfg.maxFindings < 0 {
		return errors.New("--max-findings must be 0 (no cap) or more")
	}
	if _, err := validate.ParseProfile(cfg.profile); err != nil {
		return fmt.Errorf("--profile: %w", err)
	}
	if cfg.now != "" {
		t, err := config.ParseNow(cfg.now)
		if err != nil {
			return fmt.Errorf("--now: %w", err)
		}
		cfg.nowTime = t
	}
	for _, l := range []struct {
		name  string
		rules []string
	}{{"--select", cfg.sel.vals}, {"--disable", cfg.dis.vals}} {
		for _, r := range l.rules {
			if err := config.CheckRuleName(r); err != nil {
				return fmt.Errorf("%s: %w", l.name, err)
			}
		}
	}
	return nil
}

// checkSettings are a check run's settings once the configuration file
// and the flags are merged.
type checkSettings struct {
	conf     *config.Config
	base     config.Settings
	opts     validate.Options
	contexts []string // --context folders
	corpus   *validate.Corpus
}

// loadCheckSettings reads the configuration file and merges the flags
// given (set) over it. The warnings about --codelists files come first.
func loadCheckSettings(cfg *checkConfig, set map[string]bool, stderr io.Writer) (*checkSettings, error) {
	conf, err := config.For(cfg.configFile)
	if err != nil {
		return nil, err
	}
	m, err := config.Merge(conf, cfg.flags(set))
	for _, w := range m.Warnings {
		fmt.Fprintf(stderr, "customslint: warning: %s\n", w)
	}
	if err != nil {
		return nil, err
	}
	s := &checkSettings{conf: conf, base: m.Base, opts: m.Options, contexts: m.Context, corpus: validate.NewCorpus()}
	s.opts.RuleConfig.Corpus = s.corpus
	return s, nil
}

// flags are the flags' values for config.Merge; set names those given.
func (cfg *checkConfig) flags(set map[string]bool) config.Flags {
	return config.Flags{
		Set:             set,
		Profile:         cfg.profile,
		Schemas:         cfg.schemas.vals,
		Select:          cfg.sel.vals,
		Disable:         cfg.dis.vals,
		MaxSize:         int64(cfg.maxSize),
		MaxFindings:     cfg.maxFindings,
		LRNRegex:        cfg.lrnRegex,
		CodeLists:       cfg.codelists.vals,
		Context:         cfg.context.vals,
		InventoryLinked: cfg.inventoryLinked.vals,
		Now:             cfg.nowTime,
	}
}

// buildEngines builds the engine of the base settings and of each of the
// configuration's overrides up front, so a bad one is a usage error
// before any file is checked.
func (s *checkSettings) buildEngines(engines *engineSet) error {
	for i, st := range append([]config.Settings{s.base}, s.conf.Each(s.base)...) {
		if _, err := engines.get(st); err != nil {
			if i > 0 {
				return fmt.Errorf("%s: overrides[%d]: %w", s.conf.File, i-1, err)
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
			st = s.conf.ForFile(s.base, in.path)
		}
		if engs[i], err = engines.get(st); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", in.path, err)
		}
	}
	return run, engs, nil
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

func (e *engineSet) get(s config.Settings) (*validate.Engine, error) {
	k := s.Key()
	if eng, ok := e.engines[k]; ok {
		return eng, nil
	}
	eng, err := validate.New(s.Options(e.base))
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
	r := &checkRun{ctx: ctx, engs: engs, inputs: inputs, stdin: stdin, n: n, corpus: corpus,
		results: make([]result, len(inputs)), done: make([]chan struct{}, len(inputs)), later: map[int][]byte{}, last: map[int][]byte{}}
	for i := range r.done {
		r.done[i] = make(chan struct{})
	}
	go r.run()
	for i := range inputs {
		<-r.done[i]
		emit(inputs[i], r.results[i])
	}
}

// checkRun is the state of checkAll: the results, and the messages that
// wait for the corpus.
type checkRun struct {
	ctx     context.Context
	engs    []*validate.Engine
	inputs  []input
	stdin   io.Reader
	n       int
	corpus  *corpusRun
	results []result
	done    []chan struct{} // closed when the result is in
	mu      sync.Mutex
	// notices is true when the run holds notifications (inputs or context
	// files): every other message then waits for the corpus.
	notices bool
	// noticeOf is what hasNotifications found of each input file, read
	// only after it returns (see isNotification).
	noticeOf []int8
	later    map[int][]byte // waiting for the corpus (nil: a file, read again)
	last     map[int][]byte // goods presentations: waiting for later's facts too
}

// finish records input i's result.
func (r *checkRun) finish(i int, res result) {
	r.results[i] = res
	close(r.done[i])
}

// run checks every input, then those that waited for the corpus: when the
// run holds notifications (rule rejection), every message after the facts
// of all are collected and the corpus frozen; goods presentations last,
// after a second freeze.
func (r *checkRun) run() {
	r.notices = r.corpus != nil && len(r.inputs)+len(r.corpus.contextFiles) > 1 && r.hasNotifications()
	all := make([]int, len(r.inputs))
	for i := range all {
		all[i] = i
	}
	r.pool(all, r.checkOne)
	if len(r.later) == 0 && len(r.last) == 0 {
		return
	}
	corpus, ctx, n := r.corpus, r.ctx, r.n
	corpus.corpus.ReadContext(ctx, corpus.eng, corpus.contextFiles, n) // stopped: the checks below stop too
	corpus.corpus.Freeze()
	r.pool(sortedKeys(r.later), func(i int) { r.checkNow(i, r.later[i]) })
	if len(r.last) > 0 {
		corpus.corpus.Freeze()
		r.pool(sortedKeys(r.last), func(i int) { r.checkNow(i, r.last[i]) })
	}
}

func sortedKeys(m map[int][]byte) []int {
	idx := make([]int, 0, len(m))
	for i := range m {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	return idx
}

// hasNotifications reports whether an input file or a context file may be
// a notification (validate.FileIsNotification), looking at the files' heads
// with n workers and stopping at the first. It notes what it found of each
// input file (r.noticeOf), which checkOne then need not read again.
func (r *checkRun) hasNotifications() bool {
	type file struct {
		input int // the input's index, -1 for a context file
		path  string
	}
	files := make([]file, 0, len(r.inputs)+len(r.corpus.contextFiles))
	for i, in := range r.inputs {
		if !in.stdin {
			files = append(files, file{i, in.path})
		}
	}
	for _, f := range r.corpus.contextFiles {
		files = append(files, file{-1, f})
	}
	r.noticeOf = make([]int8, len(r.inputs))
	var found atomic.Bool
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(r.n, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !found.Load() && r.ctx.Err() == nil {
				k := int(next.Add(1)) - 1
				if k >= len(files) {
					return
				}
				notice := validate.FileIsNotification(files[k].path)
				if i := files[k].input; i >= 0 {
					r.noticeOf[i] = noticeNo
					if notice {
						r.noticeOf[i] = noticeYes
					}
				}
				if notice {
					found.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	return found.Load()
}

// What hasNotifications found of an input file: not looked at, not a
// notification, may be one.
const (
	noticeUnknown int8 = iota
	noticeNo
	noticeYes
)

// isNotification is validate.IsNotification of input i's bytes (its
// file's, data nil), from what hasNotifications found of its file when it
// looked.
func (r *checkRun) isNotification(i int, data []byte) bool {
	switch {
	case i < len(r.noticeOf) && r.noticeOf[i] != noticeUnknown:
		return r.noticeOf[i] == noticeYes
	case data == nil:
		return validate.FileIsNotification(r.inputs[i].path)
	}
	return validate.IsNotification(data)
}

// pool runs work on the inputs idx with n workers; once the run is
// interrupted, the inputs not started end with its error.
func (r *checkRun) pool(idx []int, work func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(r.n, max(len(idx), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				work(i)
			}
		}()
	}
	for k, i := range idx {
		if r.ctx.Err() != nil {
			for _, j := range idx[k:] {
				r.finish(j, result{err: r.ctx.Err()})
			}
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// wait keeps input i for after the corpus: goods presentations (tier 2)
// after the others (tier 1). data is nil for a file, read again then.
func (r *checkRun) wait(i, tier int, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if tier == 2 {
		r.last[i] = data
		return
	}
	r.later[i] = data
}

// tier says when a message is checked: 0 now, 1 after the corpus is
// frozen, 2 after the messages of tier 1 (goods presentations). With
// notifications in the run, every message waits, its facts handed to the
// corpus first (exportInput).
func (r *checkRun) tier(data []byte) int {
	switch {
	case r.corpus == nil:
		return 0
	case validate.NeedsOthers(data):
		return 2
	case r.notices:
		return 1
	}
	return 0
}

// checkOne checks input i, or keeps it for after the corpus. A file
// under validate.StreamFrom is read once: what decides its tier is read
// from the same bytes that are checked.
func (r *checkRun) checkOne(i int) {
	ctx, in := r.ctx, r.inputs[i]
	if in.stdin {
		r.checkStdin(i)
		return
	}
	if st, err := os.Stat(in.path); err == nil && st.Size() >= validate.StreamFrom {
		if t := r.fileTier(r.isNotification(i, nil), func() bool { return validate.FileNeedsOthers(in.path) }); t > 0 {
			r.exportNotice(i, nil)
			r.wait(i, t, nil)
			return
		}
		r.checkNow(i, nil)
		return
	}
	data, err := readFile(in.path, r.engs[i].MaxSize())
	if err != nil {
		r.finish(i, result{err: err})
		return
	}
	if t := r.fileTier(r.isNotification(i, data), func() bool { return validate.NeedsOthers(data) }); t > 0 {
		r.exportNotice(i, data)
		r.wait(i, t, nil) // read again then: a waiting message is not held
		return
	}
	r.finish(i, checkData(ctx, r.engs[i], in, data))
}

// fileTier is tier for a file: a goods presentation after the others; a
// notification now when there are no context messages (it reports
// nothing then that needs the others), else with the others after the
// corpus when the run holds notifications.
func (r *checkRun) fileTier(notice bool, needsOthers func() bool) int {
	switch {
	case r.corpus == nil:
		return 0
	case !notice && needsOthers():
		return 2
	case notice && len(r.corpus.contextFiles) == 0:
		return 0
	case r.notices:
		return 1
	}
	return 0
}

// checkStdin checks the message on stdin, or keeps it for after the
// corpus.
func (r *checkRun) checkStdin(i int) {
	ctx, in := r.ctx, r.inputs[i]
	data, err := readInput(ctx, in, r.stdin, r.engs[i].MaxSize())
	if err != nil {
		r.finish(i, result{err: err})
		return
	}
	if t := r.tier(data); t > 0 {
		if r.notices {
			r.exportInput(i, data)
		}
		r.wait(i, t, data)
		return
	}
	r.finish(i, checkData(ctx, r.engs[i], in, data))
}

// exportNotice hands the facts of input i (data, or its file when nil)
// to the corpus now when the run holds notifications.
func (r *checkRun) exportNotice(i int, data []byte) {
	if r.notices {
		r.exportInput(i, data)
	}
}

// exportInput hands the facts of input i, a file checked after the
// corpus, to the corpus now, so that every message of the run is known
// to the notifications' rule when it runs.
func (r *checkRun) exportInput(i int, data []byte) {
	in := r.inputs[i]
	if data == nil {
		var err error
		if data, err = readFile(in.path, r.engs[i].MaxSize()); err != nil {
			return // reported when it is checked
		}
	}
	facts, _ := r.engs[i].InputFacts(r.ctx, in.path, data)
	r.corpus.corpus.AddFacts(facts...)
}

// checkNow checks input i: data when it was read, else its file (a large
// one streamed, never held whole).
func (r *checkRun) checkNow(i int, data []byte) {
	ctx, in := r.ctx, r.inputs[i]
	if data != nil || in.stdin {
		r.finish(i, checkData(ctx, r.engs[i], in, data))
		return
	}
	if st, err := os.Stat(in.path); err == nil && st.Size() >= validate.StreamFrom {
		rep, err := r.engs[i].CheckFile(ctx, in.path, in.path)
		r.finish(i, result{rep, err})
		return
	}
	data, err := readInput(ctx, in, r.stdin, r.engs[i].MaxSize())
	if err != nil {
		r.finish(i, result{err: err})
		return
	}
	r.finish(i, checkData(ctx, r.engs[i], in, data))
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
