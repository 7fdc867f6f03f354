package validate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// DefaultMaxSize is the default input limit: 10 MiB, the CSP's limit.
const DefaultMaxSize = 10 << 20

// Options configure an Engine.
type Options struct {
	// Schemas are directories holding HMRC schema bundles as published (the
	// CDS DMS set, a CTC phase 4, 5 or 6 set). Empty: the embedded schemas.
	Schemas []string
	// Profile restricts messages to one family and phase; auto (or "") tells
	// from each message.
	Profile Profile
	// Select, when not empty, runs only these rules. Disable skips rules.
	// Entries are rule IDs or prefixes ending in "*" (ctc-r*). The xml rule
	// always runs; message-type runs unless disabled.
	Select, Disable []string
	// MaxSize refuses larger inputs with an xml finding; 0 means DefaultMaxSize.
	MaxSize int64
	// MaxFindings caps the findings of one file: the first ones by
	// position are kept, then one max-findings finding counts the rest.
	// 0 means DefaultMaxFindings; a negative number, no cap.
	MaxFindings int
	// Severity overrides the severity of every finding of a rule. The xml
	// rule's errors stay errors.
	Severity map[string]Severity
	// Rules replaces the registered rules (tests); nil means rules.All().
	Rules []*rules.Rule
	// RuleConfig carries the settings of rules that take some (the LRN
	// pattern of ctc-lrn ...); the zero value is HMRC's defaults.
	RuleConfig rules.Config
	// Cache shares compiled schemas between engines; nil gives the engine
	// its own, freed by Close.
	Cache *xsd.Cache
	// Now is the reference time of time-dependent rules (cds-acceptance-date);
	// zero means the wall clock, and such rules then report warnings, not errors.
	Now time.Time
}

// Engine checks messages. It is safe for concurrent use.
type Engine struct {
	known     map[string]bool // every rule ID
	severity  map[string]Severity
	profile   Profile
	maxSize   int64
	maxFinds  int // 0: no cap
	sets      []*schemaSet
	embedded  bool
	cache     *xsd.Cache
	ownCache  bool
	enabled   map[string]bool
	checks    []*rules.Rule
	exporters []*rules.Rule // rules that export facts (Rule.Export), enabled or not
	schemaDir []string
	ruleCfg   rules.Config
	streamAll bool           // tests: CheckFile streams files of any size
	warmed    sync.Map       // schema entries prewarm has asked for
	bg        sync.WaitGroup // prewarm's compilations, waited for by Close
	// life is the engine's lifetime: Close cancels it, which ends
	// prewarm's waits for compilations.
	life    context.Context
	closeMu sync.Mutex
	stop    context.CancelFunc // nil once closed
	// warm compiles for prewarm: cache.Get (tests replace it).
	warm    func(ctx context.Context, b *xsd.Bundle, entry string) (*xsd.Schema, error)
	warmMu  sync.Mutex
	warmErr []error // what prewarm's compilations failed with
}

// ErrSchema is wrapped by errors that come from a schema bundle rather than
// from the message (a bundle that does not compile).
var ErrSchema = errors.New("schema bundle error")

// New builds an engine: it checks the options and recognises the schema
// bundles (compiling happens on first use and is cached).
func New(opts Options) (*Engine, error) {
	p, err := ParseProfile(string(opts.Profile))
	if err != nil {
		return nil, err
	}
	e := &Engine{profile: p, maxSize: opts.MaxSize, cache: opts.Cache, schemaDir: opts.Schemas, severity: opts.Severity, ruleCfg: opts.RuleConfig}
	if e.ruleCfg.CodeLists == nil {
		e.ruleCfg.CodeLists = codelists.Builtin()
	}
	if !opts.Now.IsZero() {
		e.ruleCfg.Now = opts.Now
	}
	if e.maxSize <= 0 {
		e.maxSize = DefaultMaxSize
	}
	switch e.maxFinds = opts.MaxFindings; {
	case e.maxFinds == 0:
		e.maxFinds = DefaultMaxFindings
	case e.maxFinds < 0:
		e.maxFinds = 0
	}
	if e.cache == nil {
		e.cache, e.ownCache = xsd.NewCache(), true
	}
	e.warm = e.cache.Get
	e.life, e.stop = context.WithCancel(context.Background())
	all := opts.Rules
	if all == nil {
		all = rules.All()
	}
	if e.enabled, err = selectRules(all, opts.Select, opts.Disable); err != nil {
		return nil, err
	}
	for id, sev := range opts.Severity {
		known := false
		for _, r := range all {
			known = known || r.ID == id
		}
		if !known {
			return nil, fmt.Errorf("severity: unknown rule %q (customslint rules lists them)", id)
		}
		if _, err := rules.ParseSeverity(string(sev)); err != nil {
			return nil, fmt.Errorf("severity of %s: %w", id, err)
		}
		if id == rules.XMLID && sev != rules.Error {
			return nil, fmt.Errorf("severity: the xml rule stays an error: a message that cannot be parsed cannot be checked")
		}
		if id == rules.MaxFindingsID {
			return nil, fmt.Errorf("severity: max-findings takes the highest severity of the findings it counts")
		}
	}
	e.known = map[string]bool{}
	for _, r := range all {
		e.known[r.ID] = true
		if r.Check != nil && e.enabled[r.ID] {
			e.checks = append(e.checks, r)
		}
		if r.Export != nil {
			e.exporters = append(e.exporters, r)
		}
	}
	if len(opts.Schemas) == 0 {
		e.sets, e.embedded = embeddedSets(), true
	}
	for _, dir := range opts.Schemas {
		sets, err := officialSets(dir)
		if err != nil {
			return nil, err
		}
		e.sets = append(e.sets, sets...)
	}
	return e, nil
}

// selectRules resolves --select and --disable to the set of enabled rule IDs.
func selectRules(all []*rules.Rule, sel, dis []string) (map[string]bool, error) {
	known := map[string]bool{}
	for _, r := range all {
		known[r.ID] = true
	}
	match := func(flag, pattern string) ([]string, error) {
		var ids []string
		if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
			for id := range known {
				if strings.HasPrefix(id, prefix) {
					ids = append(ids, id)
				}
			}
		} else if known[pattern] {
			ids = append(ids, pattern)
		}
		if len(ids) == 0 {
			return nil, fmt.Errorf("%s: unknown rule %q (customslint rules lists them)", flag, pattern)
		}
		return ids, nil
	}
	enabled := map[string]bool{}
	if len(sel) == 0 {
		for id := range known {
			enabled[id] = true
		}
	} else {
		for _, s := range sel {
			ids, err := match("--select", s)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				enabled[id] = true
			}
		}
		enabled[rules.MessageTypeID] = true
	}
	for _, s := range dis {
		ids, err := match("--disable", s)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if id == rules.XMLID && !strings.HasSuffix(s, "*") {
				return nil, fmt.Errorf("--disable: the xml rule cannot be disabled: a message that cannot be parsed cannot be checked")
			}
			if id == rules.MaxFindingsID && !strings.HasSuffix(s, "*") {
				return nil, fmt.Errorf("--disable: max-findings cannot be disabled: raise the cap with --max-findings (0 for none)")
			}
			enabled[id] = false
		}
	}
	enabled[rules.XMLID] = true
	enabled[rules.InternalID] = true
	enabled[rules.MaxFindingsID] = true
	return enabled, nil
}

// Close ends the engine's lifetime: it stops prewarm's waits for the
// compilations it started, waits for them to return, and frees the
// engine's compiled schemas (unless the cache was shared). No check may
// run during Close or after it. Calling it twice does nothing more.
func (e *Engine) Close() {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	if e.stop == nil {
		return
	}
	e.stop()
	e.stop = nil
	e.bg.Wait() // prewarm's goroutines
	if e.ownCache {
		e.cache.Close() // waits for compilations libxml2 cannot stop
	}
}

// MaxSize returns the input size limit in bytes.
func (e *Engine) MaxSize() int64 { return e.maxSize }

// maxMessage bounds a finding's message: a message quotes values, and a
// hostile value could make one report megabytes long.
const maxMessage = 1000

// longQuote is a quoted value in a message ('...' as libxml2 writes them,
// "..." as rules do) long enough to shorten.
var longQuote = regexp.MustCompile(`'[^']{120,}'|"[^"]{120,}"`)

// shorten cuts long quoted values to their start, then the whole message
// to maxMessage bytes, on character boundaries.
func shorten(msg string) string {
	if len(msg) <= 200 {
		return msg
	}
	if hasLongQuote(msg) {
		msg = longQuote.ReplaceAllStringFunc(msg, func(q string) string {
			inner := q[1 : len(q)-1]
			return fmt.Sprintf("%c%s…%c (%d characters)", q[0], cutRunes(inner, 60), q[0], utf8.RuneCountInString(inner))
		})
	}
	if len(msg) > maxMessage {
		msg = cutRunes(msg, maxMessage) + "… (message shortened)"
	}
	return msg
}

// hasLongQuote reports whether longQuote may match msg: two quotes of
// one kind with 120 or more bytes between them (a character is one or
// more bytes). A scan, so that the regular expression runs only on the
// rare message that has such a quote.
func hasLongQuote(msg string) bool {
	for _, q := range []byte{'\'', '"'} {
		last := -1
		for i := 0; i < len(msg); i++ {
			if msg[i] != q {
				continue
			}
			if last >= 0 && i-last-1 >= 120 {
				return true
			}
			last = i
		}
	}
	return false
}

// cutRunes returns at most n bytes of s, not splitting a character.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isContextErr reports whether err is (or wraps) a context's error.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// stopped is the report of a check its context stopped: no partial
// findings, and Findings nil, not empty, since nothing was checked to the
// end (the CLI writes no entry for such a report).
func stopped(name string) FileReport {
	return FileReport{Path: name, MessageType: TypeUnknown}
}

// resolve picks the profile and schema set for a detected message. problem
// explains why the message cannot be checked (wrong profile, no schema).
func (e *Engine) resolve(det detection) (*schemaSet, Profile, string) {
	profile := det.profile
	switch det.family {
	case familyUnknown:
		return nil, "", ""
	case familyCTC:
		if profile == "" {
			profile = e.ctcPhase()
		}
	}
	if e.profile != ProfileAuto && e.profile != profile {
		if det.family == familyCTC && profile != ProfileCTCP4 && (e.profile == ProfileCTCP5 || e.profile == ProfileCTCP6) {
			profile = e.profile
		} else {
			return nil, profile, fmt.Sprintf("%s is a %s message but --profile %s was given", det.messageType, profileName(profile), e.profile)
		}
	}
	if det.schemaType == "" {
		return nil, profile, "" // detection already reported why it cannot be validated
	}
	for _, s := range e.sets {
		if s.profile == profile {
			if _, ok := s.entries[det.schemaType]; ok {
				return s, profile, ""
			}
		}
	}
	if e.embedded {
		where := "HMRC's CDS DMS folder, the one holding customs/wrapper_submit.xsd"
		if det.family == familyCTC {
			where = fmt.Sprintf("a %s folder holding %s.xsd", profileName(profile), strings.ToLower(det.schemaType))
		}
		return nil, profile, fmt.Sprintf("no embedded schema covers %s (profile %s) yet: validate against HMRC's published schemas with --schemas DIR (%s)",
			det.schemaType, profile, where)
	}
	return nil, profile, fmt.Sprintf("no schema for %s (profile %s) in --schemas %s", det.schemaType, profile, strings.Join(e.schemaDir, ", "))
}

// ctcPhase decides phase 5 or 6 for a namespaced CTC message: --profile if
// given, else the phase of the CTC bundles given with --schemas when they
// are all phase 5, else phase 6 (the current CTC Traders API).
func (e *Engine) ctcPhase() Profile {
	if e.profile == ProfileCTCP5 || e.profile == ProfileCTCP6 {
		return e.profile
	}
	if e.embedded {
		return ProfileCTCP6
	}
	p5, p6 := false, false
	for _, s := range e.sets {
		p5 = p5 || s.profile == ProfileCTCP5
		p6 = p6 || s.profile == ProfileCTCP6
	}
	if p5 && !p6 {
		return ProfileCTCP5
	}
	return ProfileCTCP6
}

func profileName(p Profile) string {
	switch p {
	case ProfileCDS:
		return "CDS"
	case ProfileCTCP4:
		return "CTC phase 4"
	case ProfileCTCP5:
		return "CTC phase 5"
	case ProfileCTCP6:
		return "CTC phase 6"
	}
	return string(p)
}

// panicSite names the function and line that panicked, from inside the
// deferred recover.
func panicSite() string {
	pc := make([]uintptr, 32)
	n := runtime.Callers(3, pc)
	frames := runtime.CallersFrames(pc[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf(" at %s (%s:%d)", f.Function, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

var nsInBraces = regexp.MustCompile(`\{[^{}\s]*:[^{}\s]*\}`) // {urn:...} or {http://...}, not a regex quantifier like {3}

// readableXSD shortens libxml2's Clark notation ({urn:...}Element): when a
// message names only one namespace the braces add nothing and are dropped;
// when it names several (an element in the wrong namespace) they stay.
func readableXSD(msg string) string {
	msg = oneLine(msg)
	found := nsInBraces.FindAllString(msg, -1)
	if len(found) == 0 {
		return msg
	}
	for _, f := range found[1:] {
		if f != found[0] {
			return msg
		}
	}
	return strings.ReplaceAll(msg, found[0], "")
}

// parserMessage rewords the libxml2 parser messages that speak of libxml2
// itself rather than of the document.
func parserMessage(msg string) string {
	msg = oneLine(msg)
	if strings.HasPrefix(msg, "Excessive depth in document") {
		return "elements nested more than 256 deep: no CDS or CTC message is, so this is refused"
	}
	return msg
}

// oneLine joins a multi-line libxml2 message into one line.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
}

func sizeString(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB (%d bytes)", n>>20, n)
	}
	return fmt.Sprintf("%d bytes", n)
}
