package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/customslint/customslint/internal/hmrcvalidator"
	"github.com/customslint/customslint/report"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// server is customslint's HTTP service: its own API (/v1/...) and an
// endpoint that answers as HMRC's transit-movements-validator does, so that
// trader software tested against HMRC's validator can use a local
// customslint instead. It is an http.Handler.
type server struct {
	engines map[validate.Profile]*validate.Engine // by profile; auto for /v1/check
	// hmrc are the engines of the HMRC-compatible endpoint, by phase: the
	// schema and HMRC's own business rules, as its validator applies them
	// (NCTS applies the EU rules and conditions later, to what HMRC
	// forwarded).
	hmrc map[validate.Profile]*validate.Engine
	// versions are the APIVersion values the HMRC-compatible endpoint
	// takes (--api-versions).
	versions hmrcvalidator.Versions
	cache    *xsd.Cache
	maxBody  int64
	timeout  time.Duration
	// slots holds one token per check in flight (--max-inflight): taken
	// when a check request arrives, given back when its check returns,
	// which can be after the request was answered 503 at its timeout.
	slots chan struct{}
	// checks counts the check goroutines still running, so that the
	// engines are freed only once none uses them; once closing is set
	// (under mu), no check starts.
	checks  sync.WaitGroup
	mu      sync.Mutex
	closing bool
	// errLog reports what no client sees (a check's panic).
	errLog *log.Logger
}

// reply is an answer, held in memory until it is written.
type reply struct {
	status      int
	contentType string
	header      map[string]string // other header fields
	body        []byte
}

// write sends rp as the answer to a request.
func (rp reply) write(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range rp.header {
		h.Set(k, v)
	}
	if rp.contentType != "" {
		h.Set("Content-Type", rp.contentType)
	}
	if rp.status != http.StatusNoContent {
		h.Set("Content-Length", strconv.Itoa(len(rp.body)))
	}
	w.WriteHeader(rp.status)
	w.Write(rp.body) // a client gone away is no error of the service
}

// job is the part of a check request that runs under --timeout, once the
// request's body is read: it gets the check's context.
type job func(ctx context.Context) reply

// checkHandler answers a check request: either at once (a bad header, a
// body too large), or by a job that the server runs under --timeout.
type checkHandler func(r *http.Request) (reply, job)

// ServeHTTP bounds the body by --max-size and answers; a panic becomes a
// 500 and is logged.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	var rp reply
	func() {
		defer func() {
			if v := recover(); v != nil {
				s.errLog.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				rp = respond(http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
			}
		}()
		rp = s.route(r)
	}()
	rp.write(w)
}

// route answers a request: GET (and HEAD) /healthz and /v1/rules, POST
// /v1/check and /messages/{IEnnn}/validation, GET the page's paths
// (pageRoute); 404 for other paths, 405
// (with Allow) for other methods.
func (s *server) route(r *http.Request) reply {
	var (
		method string
		h      func(*http.Request) reply
	)
	path := r.URL.Path
	switch {
	case path == "/healthz":
		method, h = "GET", s.healthz
	case path == "/v1/rules":
		method, h = "GET", s.listRules
	case path == "/v1/check":
		method, h = "POST", s.limited(s.check)
	case validationType(path) != "":
		method, h = "POST", s.limited(s.hmrcValidate)
	default:
		var ok bool
		if method, h, ok = s.pageRoute(path); ok {
			break
		}
		return respond(http.StatusNotFound, presentationError{"No such resource: " + path, "NOT_FOUND"})
	}
	if r.Method != method && (method != "GET" || r.Method != "HEAD") {
		allow := method
		if method == "GET" {
			allow = "GET, HEAD"
		}
		rp := respond(http.StatusMethodNotAllowed, presentationError{fmt.Sprintf("%s takes %s, not %s.", path, allow, r.Method), "METHOD_NOT_ALLOWED"})
		rp.header = map[string]string{"Allow": allow}
		return rp
	}
	return h(r)
}

// validationType is the {IEnnn} of /messages/{IEnnn}/validation, "" for
// other paths.
func validationType(path string) string {
	rest, ok := strings.CutPrefix(path, "/messages/")
	if !ok {
		return ""
	}
	code, ok := strings.CutSuffix(rest, "/validation")
	if !ok || code == "" || strings.Contains(code, "/") {
		return ""
	}
	return code
}

// limited takes an in-flight slot for a check request, or answers 503
// with Retry-After: 1 when --max-inflight checks are already in flight.
// The slot is held while the body arrives and until the check returns.
func (s *server) limited(h checkHandler) func(*http.Request) reply {
	return func(r *http.Request) reply {
		select {
		case s.slots <- struct{}{}:
		default:
			rp := respond(http.StatusServiceUnavailable, presentationError{fmt.Sprintf("%d checks are in flight; try again.", cap(s.slots)), "SERVER_BUSY"})
			rp.header = map[string]string{"Retry-After": "1"}
			return rp
		}
		handed := false
		defer func() {
			if !handed {
				<-s.slots
			}
		}()
		early, work := h(r)
		if work == nil {
			return early
		}
		handed = true
		return s.run(r.Context(), work)
	}
}

// run does work in its own goroutine under --timeout and answers 503 when
// the deadline passes (or the client goes away) before work returns. work's
// context is cancelled then; the in-flight slot (taken by limited) is given
// back only when work really returns.
func (s *server) run(parent context.Context, work job) reply {
	ctx, cancel := context.WithTimeout(parent, s.timeout)
	defer cancel()
	done := make(chan reply, 1)
	if !s.start() {
		<-s.slots
		return s.unfinished(context.Canceled)
	}
	go func() {
		rp := s.guarded(ctx, work)
		// The slot comes back before the answer goes out: a client that
		// waits for its answer before sending the next check finds it free.
		<-s.slots
		s.checks.Done()
		done <- rp
	}()
	select {
	case rp := <-done:
		return rp
	case <-ctx.Done():
	}
	select {
	case rp := <-done: // finished at the deadline: its answer stands
		return rp
	default:
		return s.unfinished(parent.Err())
	}
}

// start counts a check about to run, unless the server is closing.
func (s *server) start() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.checks.Add(1)
	return true
}

// stop lets no more checks start.
func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = true
}

// guarded runs work; a panic becomes a 500 and is logged.
func (s *server) guarded(ctx context.Context, work job) (rp reply) {
	defer func() {
		if v := recover(); v != nil {
			s.errLog.Printf("panic in a check: %v", v)
			rp = respond(http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
		}
	}()
	return work(ctx)
}

// unfinished is the 503 of a check that did not finish: past --timeout,
// or (parentErr set) cancelled because the client went away or the
// server is closing its connections.
func (s *server) unfinished(parentErr error) reply {
	msg := fmt.Sprintf("The check did not finish within %s.", s.timeout)
	if parentErr != nil {
		msg = "The request ended before its check finished."
	}
	return respond(http.StatusServiceUnavailable, presentationError{msg, "SERVICE_UNAVAILABLE"})
}

// failed is the answer to a check that ended in err, which is not a
// schema error: 503 for a context's end (past --timeout, or cancelled),
// otherwise internal.
func (s *server) failed(err error, internal reply) reply {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return s.unfinished(nil)
	case errors.Is(err, context.Canceled):
		return s.unfinished(err)
	}
	return internal
}

// respond is an answer with v as its JSON body.
func respond(status int, v any) reply {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return reply{status: http.StatusInternalServerError, contentType: "text/plain; charset=utf-8", body: []byte("cannot encode the answer: " + err.Error() + "\n")}
	}
	return reply{status: status, contentType: "application/json", body: b.Bytes()}
}

func (s *server) healthz(r *http.Request) reply {
	return respond(http.StatusOK, map[string]any{"status": "ok", "version": buildVersion(), "libxml2": xsd.LibXMLVersion(), "inFlight": len(s.slots)})
}

func (s *server) listRules(r *http.Request) reply {
	return respond(http.StatusOK, ruleInfos())
}

// readBody reads the body, at most --max-size (ServeHTTP's MaxBytesReader);
// on an error, the answer to give instead: 413 past the limit, 400 for a
// body that cannot be read (broken chunked framing, a client gone away).
func (s *server) readBody(r *http.Request) ([]byte, *reply) {
	tooLarge := func() ([]byte, *reply) {
		rp := respond(http.StatusRequestEntityTooLarge, map[string]string{"message": fmt.Sprintf("The body is larger than %d bytes.", s.maxBody), "code": "REQUEST_ENTITY_TOO_LARGE"})
		return nil, &rp
	}
	if r.ContentLength > s.maxBody {
		return tooLarge()
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return tooLarge()
		}
		rp := respond(http.StatusBadRequest, map[string]string{"message": "Cannot read the body: " + err.Error(), "code": "BAD_REQUEST"})
		return nil, &rp
	}
	return data, nil
}

// check is POST /v1/check: the report entry of one message, XML or JSON
// (Content-Type, else sniffed). ?profile= and ?name= are optional;
// ?format=sarif answers the SARIF log of the message instead of the entry.
func (s *server) check(r *http.Request) (reply, job) {
	q := r.URL.Query()
	profile, err := validate.ParseProfile(q.Get("profile"))
	if err != nil {
		return respond(http.StatusBadRequest, map[string]string{"message": err.Error(), "code": "BAD_REQUEST"}), nil
	}
	format := q.Get("format")
	if format != "" && format != "json" && format != "sarif" {
		return respond(http.StatusBadRequest, map[string]string{"message": fmt.Sprintf("unknown format %q (want json or sarif)", format), "code": "BAD_REQUEST"}), nil
	}
	eng := s.engines[profile]
	data, errResp := s.readBody(r)
	if errResp != nil {
		return *errResp, nil
	}
	name := q.Get("name")
	if name == "" {
		name = "<request>"
	}
	return reply{}, func(ctx context.Context) reply {
		rep, err := eng.Check(ctx, name, data)
		if err != nil && !errors.Is(err, validate.ErrSchema) {
			return s.failed(err, respond(http.StatusServiceUnavailable, map[string]string{"message": err.Error(), "code": "INTERNAL_SERVER_ERROR"}))
		}
		if format == "sarif" {
			return sarifReply(rep)
		}
		return respond(http.StatusOK, rep)
	}
}

// sarifReply is the SARIF log of one message's report, its exit code the
// one `customslint check` gives that message.
func sarifReply(rep validate.FileReport) reply {
	var b bytes.Buffer
	w := report.NewSARIF(&b)
	w.File(rep)
	code := exitOK
	if rep.HasErrors() {
		code = exitFindings
	}
	if err := w.Close(report.End{ExitCode: code}); err != nil {
		return respond(http.StatusInternalServerError, presentationError{"cannot write the SARIF log: " + err.Error(), "INTERNAL_SERVER_ERROR"})
	}
	return reply{status: http.StatusOK, contentType: "application/sarif+json", body: b.Bytes()}
}

// presentationError is the body of an answer that is no check: HMRC's
// shape, which customslint's own API shares.
type presentationError struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// runServe is `customslint serve [--addr HOST:PORT] [--schemas DIR] ...`.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("customslint serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this address")
	var schemas listFlag
	fs.Var(&schemas, "schemas", "validate against the official HMRC schema bundle in `DIR` (repeatable)")
	maxSize := sizeFlag(validate.DefaultMaxSize)
	fs.Var(&maxSize, "max-size", "largest request body in `BYTES` (default 10MiB)")
	timeout := fs.Duration("timeout", 30*time.Second, "longest check of one request; past it the request is answered 503")
	maxInflight := fs.Int("max-inflight", 4*runtime.NumCPU(), "most checks in flight; beyond it requests are answered 503 with Retry-After: 1")
	lrnRegex := fs.String("lrn-regex", "", "turn on ctc-lrn: a declaration's LRN must match this `PATTERN` as a whole")
	apiVersions := fs.String("api-versions", hmrcvalidator.DefaultVersions, "APIVersion `VALUES` /messages/{IEnnn}/validation takes, comma-separated: 3.0 (phase 6, as HMRC's current validator), 2.1 (phase 5)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: customslint serve [flags]\n\nAn HTTP service: POST /v1/check, GET /v1/rules, GET /healthz, and POST /messages/{IEnnn}/validation\nas HMRC's CTC validator answers (docs/serve.md).\n\nFlags:\n")
		printFlags(fs, stderr)
	}
	if _, code, ok := parseCommand(fs, args, stderr); !ok {
		return code
	}
	if *timeout <= 0 || *maxInflight < 1 || maxSize < 1 {
		fmt.Fprintln(stderr, "customslint: --timeout, --max-inflight and --max-size must be positive")
		return exitUsage
	}
	versions, err := hmrcvalidator.ParseVersions(*apiVersions)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: --api-versions: %v\n", err)
		return exitUsage
	}
	var rc rules.Config
	if *lrnRegex != "" {
		re, err := rules.WholeMatch(*lrnRegex)
		if err != nil {
			fmt.Fprintf(stderr, "customslint: --lrn-regex: %v\n", err)
			return exitUsage
		}
		rc.LRNPattern = re
	}
	srv, err := newServer(validate.Options{Schemas: schemas.vals, MaxSize: int64(maxSize), RuleConfig: rc}, *timeout, *maxInflight, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	srv.versions = versions
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		srv.close()
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "customslint: serving on http://%s\n", ln.Addr())
	return srv.serve(ctx, ln, stderr)
}

// newServer makes the engines of every profile the service answers for
// from the same options, sharing compiled schemas. At most maxInflight
// checks run at once, each for at most timeout; what no client sees goes
// to stderr.
func newServer(opts validate.Options, timeout time.Duration, maxInflight int, stderr io.Writer) (*server, error) {
	if opts.MaxSize == 0 {
		opts.MaxSize = validate.DefaultMaxSize
	}
	s := &server{
		engines:  map[validate.Profile]*validate.Engine{},
		hmrc:     map[validate.Profile]*validate.Engine{},
		versions: hmrcvalidator.Default(),
		maxBody:  opts.MaxSize,
		timeout:  timeout,
		slots:    make(chan struct{}, maxInflight),
		errLog:   log.New(stderr, "customslint: ", 0),
	}
	opts.Cache = xsd.NewCache()
	s.cache = opts.Cache
	for _, p := range []validate.Profile{validate.ProfileAuto, validate.ProfileCDS, validate.ProfileCTCP4, validate.ProfileCTCP5, validate.ProfileCTCP6} {
		o := opts
		o.Profile = p
		eng, err := validate.New(o)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("engine for %s: %w", p, err)
		}
		s.engines[p] = eng
	}
	for _, p := range []validate.Profile{validate.ProfileCTCP5, validate.ProfileCTCP6} {
		o := opts
		o.Profile = p
		o.Select = append([]string{rules.XSDID, rules.JSONSchemaID, rules.MessageTypeID}, rules.HMRCOrder...)
		eng, err := validate.New(o)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("HMRC engine for %s: %w", p, err)
		}
		s.hmrc[p] = eng
	}
	return s, nil
}

// close frees the engines and compiled schemas, once every check has
// returned (it waits for them).
func (s *server) close() {
	s.stop()
	s.checks.Wait()
	for _, e := range s.engines {
		e.Close()
	}
	for _, e := range s.hmrc {
		e.Close()
	}
	s.cache.Close()
}

// idle waits until every check has returned, or ctx ends; it reports
// whether they all returned. No check may start while it waits (stop, or
// no request in flight).
func (s *server) idle(ctx context.Context) bool {
	done := make(chan struct{})
	go func() {
		s.checks.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// httpServer is the net/http server that answers for s, HTTP/1.1 only;
// what it reports (a failing accept, a panic) goes to s's error log.
// A request has ReadHeaderTimeout for its head; the read and write
// timeouts cover its body, a check of --timeout and its answer.
func (s *server) httpServer() *http.Server {
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	return &http.Server{
		Handler:           s,
		Protocols:         &protocols,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.timeout + 30*time.Second,
		WriteTimeout:      s.timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.errLog,
	}
}

// exitReserve is the part of the second after --timeout that SIGTERM's
// shutdown leaves for closing the connections still open and exiting.
const exitReserve = 500 * time.Millisecond

// serve answers until ctx ends (SIGINT, SIGTERM), then stops accepting
// and lets the requests in flight finish: every check is answered by
// --timeout, so the process exits within --timeout + 1 s of the signal.
// Connections still open then (a body still arriving) are closed. The
// engines are freed if every check has returned by then; a check that
// has not (libxml2 busy past its deadline) is left to the exit.
func (s *server) serve(ctx context.Context, ln net.Listener, stderr io.Writer) int {
	hs := s.httpServer()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		s.close()
		return exitUsage
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "customslint: shutting down; finishing the requests in flight")
	shut, cancel := context.WithTimeout(context.Background(), s.timeout+time.Second-exitReserve)
	defer cancel()
	code := exitOK
	if err := hs.Shutdown(shut); err != nil {
		fmt.Fprintf(stderr, "customslint: shutdown: %v; closing the connections still open\n", err)
		hs.Close()
		code = exitUsage
	}
	<-served
	s.stop()
	if !s.idle(shut) {
		fmt.Fprintf(stderr, "customslint: checks still running past --timeout; exiting without waiting for them\n")
		return exitUsage
	}
	s.close()
	return code
}
