package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/customslint/customslint/cmd/customslint/internal/http1"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// server is customslint's HTTP service: its own API (/v1/...) and an
// endpoint that answers as HMRC's transit-movements-validator does, so that
// trader software tested against HMRC's validator can use a local
// customslint instead.
type server struct {
	engines map[validate.Profile]*validate.Engine // by profile; auto for /v1/check
	// hmrc are the engines of the HMRC-compatible endpoint, by phase: the
	// schema and HMRC's own business rules, as its validator applies them
	// (NCTS applies the EU rules and conditions later, to what HMRC
	// forwarded).
	hmrc     map[validate.Profile]*validate.Engine
	cache    *xsd.Cache
	maxBody  int64
	timeout  time.Duration
	inFlight atomic.Int64 // checks being answered, for /healthz
}

// hmrcVersions maps the APIVersion header of the CTC Traders API to the
// NCTS phase.
var hmrcVersions = map[string]validate.Profile{"2.1": validate.ProfileCTCP5, "3.0": validate.ProfileCTCP6}

// hmrcMessageTypes are the message types HMRC's validator takes (trader
// requests), by the code in its URL.
var hmrcMessageTypes = map[string]string{
	"IE007": "CC007C", "IE013": "CC013C", "IE014": "CC014C", "IE015": "CC015C", "IE044": "CC044C", "IE170": "CC170C",
}

// handle routes a request: GET (and HEAD) /healthz and /v1/rules, POST
// /v1/check and /messages/{IEnnn}/validation; 404 for other paths, 405
// (with Allow) for other methods.
func (s *server) handle(r *http1.Request) http1.Response {
	method, h := "", http1.Handler(nil)
	switch {
	case r.Path == "/healthz":
		method, h = "GET", s.healthz
	case r.Path == "/v1/rules":
		method, h = "GET", s.listRules
	case r.Path == "/v1/check":
		method, h = "POST", s.counted(s.check)
	case validationType(r.Path) != "":
		method, h = "POST", s.counted(s.hmrcValidate)
	default:
		return respond(404, presentationError{"No such resource: " + r.Path, "NOT_FOUND"})
	}
	if r.Method != method && (method != "GET" || r.Method != "HEAD") {
		allow := method
		if method == "GET" {
			allow = "GET, HEAD"
		}
		resp := respond(405, presentationError{fmt.Sprintf("%s takes %s, not %s.", r.Path, allow, r.Method), "METHOD_NOT_ALLOWED"})
		resp.Header = map[string]string{"Allow": allow}
		return resp
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

// counted keeps the number of checks in flight.
func (s *server) counted(h http1.Handler) http1.Handler {
	return func(r *http1.Request) http1.Response {
		s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		return h(r)
	}
}

// respond is an answer with v as its JSON body.
func respond(status int, v any) http1.Response {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return http1.Response{Status: 500, ContentType: "text/plain; charset=utf-8", Body: []byte("cannot encode the answer: " + err.Error() + "\n")}
	}
	return http1.Response{Status: status, ContentType: "application/json", Body: b.Bytes()}
}

func (s *server) healthz(r *http1.Request) http1.Response {
	return respond(200, map[string]any{"status": "ok", "version": buildVersion(), "libxml2": xsd.LibXMLVersion(), "inFlight": s.inFlight.Load()})
}

type ruleInfo struct {
	ID           string   `json:"id"`
	Severity     string   `json:"severity"`
	MessageTypes []string `json:"messageTypes"`
	Summary      string   `json:"summary"`
	Doc          string   `json:"doc"`
}

func (s *server) listRules(r *http1.Request) http1.Response {
	var out []ruleInfo
	for _, rl := range rules.All() {
		mt := rl.MessageTypes
		if mt == nil {
			mt = []string{}
		}
		out = append(out, ruleInfo{rl.ID, string(rl.Severity), mt, rl.Summary, rl.Doc})
	}
	return respond(200, out)
}

// readBody reads the body (at most the size limit, which the server
// enforces); on an error, the answer to give instead.
func (s *server) readBody(r *http1.Request) ([]byte, *http1.Response) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var resp http1.Response
		if errors.Is(err, http1.ErrBodyTooLarge) {
			resp = respond(413, map[string]string{"message": fmt.Sprintf("The body is larger than %d bytes.", s.maxBody), "code": "REQUEST_ENTITY_TOO_LARGE"})
		} else {
			resp = respond(400, map[string]string{"message": "Cannot read the body: " + err.Error(), "code": "BAD_REQUEST"})
		}
		return nil, &resp
	}
	return data, nil
}

// check is POST /v1/check: the report entry of one message, XML or JSON
// (Content-Type, else sniffed). ?profile= and ?name= are optional.
func (s *server) check(r *http1.Request) http1.Response {
	profile, err := validate.ParseProfile(r.Query.Get("profile"))
	if err != nil {
		return respond(400, map[string]string{"message": err.Error(), "code": "BAD_REQUEST"})
	}
	eng := s.engines[profile]
	data, errResp := s.readBody(r)
	if errResp != nil {
		return *errResp
	}
	name := r.Query.Get("name")
	if name == "" {
		name = "<request>"
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	rep, err := eng.Check(ctx, name, data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		return respond(503, map[string]string{"message": err.Error(), "code": "INTERNAL_SERVER_ERROR"})
	}
	return respond(200, rep)
}

type presentationError struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

type xmlSchemaError struct {
	LineNumber   int    `json:"lineNumber"`
	ColumnNumber int    `json:"columnNumber"`
	Message      string `json:"message"`
}

type jsonSchemaError struct {
	SchemaPath string `json:"schemaPath"`
	Message    string `json:"message"`
}

// jsonPath writes a JSON pointer as the path networknt's validator (HMRC's)
// prints: /n1:CC015C/Guarantee/0/sequenceNumber -> $.n1:CC015C.Guarantee[0].sequenceNumber.
func jsonPath(ptr string) string {
	out := "$"
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		if _, err := strconv.Atoi(tok); err == nil {
			out += "[" + tok + "]"
		} else {
			out += "." + tok
		}
	}
	return out
}

// hmrcValidate is POST /messages/{IEnnn}/validation, with the statuses and
// bodies of HMRC's transit-movements-validator: 204 valid; 200 with
// validationErrors for schema errors; 200 with BUSINESS_VALIDATION_ERROR for
// a business rule; 400 for JSON that does not parse; 404 for an unknown
// message type; 406 for a missing or unsupported APIVersion; 415 for a
// content type other than application/xml or application/json.
func (s *server) hmrcValidate(r *http1.Request) http1.Response {
	version := r.Header.Get("APIVersion")
	if version == "" {
		return respond(406, presentationError{"An Accept Header is missing.", "NOT_ACCEPTABLE"})
	}
	profile, ok := hmrcVersions[version]
	if !ok {
		return respond(406, presentationError{fmt.Sprintf("The Accept header %s is not supported.", version), "NOT_ACCEPTABLE"})
	}
	ct := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "application/xml" && mt != "application/json" {
		msg := "Content type must be specified."
		if ct != "" {
			msg = fmt.Sprintf("Content type %s is not supported.", ct)
		}
		return respond(415, presentationError{msg, "UNSUPPORTED_MEDIA_TYPE"})
	}
	code := validationType(r.Path)
	root, ok := hmrcMessageTypes[code]
	if !ok {
		return respond(404, presentationError{fmt.Sprintf("Unknown Message Type provided: %s is not recognised", code), "NOT_FOUND"})
	}
	data, errResp := s.readBody(r)
	if errResp != nil {
		return *errResp
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	eng := s.hmrc[profile]
	if mt == "application/json" {
		return s.hmrcJSON(ctx, eng, profile, root, data)
	}
	if validate.IsJSON(data) {
		// JSON sent as XML: the XML parser stops at the first byte, as
		// HMRC's does (the engine would otherwise read it as JSON).
		return respond(200, map[string]any{"validationErrors": []xmlSchemaError{{1, 1, "Content is not allowed in prolog."}}})
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		return respond(500, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
	}
	var schemaErrs []xmlSchemaError
	for _, f := range rep.Findings {
		if f.Severity == rules.Error && f.Rule == rules.XMLID {
			// A parser stops at the first fatal error; so does HMRC's.
			schemaErrs = []xmlSchemaError{{f.Line, f.Column, f.Message}}
			break
		}
		if f.Severity == rules.Error && f.Rule == rules.XSDID {
			schemaErrs = append(schemaErrs, xmlSchemaError{f.Line, f.Column, f.Message})
		}
	}
	if len(schemaErrs) == 0 && rep.MessageType != root {
		// HMRC validates against the message type's schema: another
		// document element has no declaration there.
		line, col := rootPosition(data)
		schemaErrs = append(schemaErrs, xmlSchemaError{line, col, fmt.Sprintf("Cannot find the declaration of element %s: %s takes %s", rep.MessageType, code, root)})
	}
	if len(schemaErrs) > 0 {
		return respond(200, map[string]any{"validationErrors": schemaErrs})
	}
	return s.business(rep)
}

// rootPosition is where the document element of a parsed message starts.
func rootPosition(data []byte) (int, int) {
	doc, _, err := xsd.Parse(data, false)
	if err != nil {
		return 1, 1
	}
	defer doc.Free()
	return doc.Root().Position()
}

func (s *server) hmrcJSON(ctx context.Context, eng *validate.Engine, profile validate.Profile, root string, data []byte) http1.Response {
	if err := validate.CheckJSONSyntax(data); err != nil {
		return respond(400, presentationError{"Invalid JSON: " + err.Error(), "BAD_REQUEST"})
	}
	errs, err := validate.JSONSchemaErrors(profile, root, data)
	if err != nil {
		return respond(500, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
	}
	if len(errs) > 0 {
		var out []jsonSchemaError
		for _, e := range errs {
			out = append(out, jsonSchemaError{e.SchemaPath, jsonPath(e.Pointer) + ": " + e.Message})
		}
		return respond(200, map[string]any{"validationErrors": out})
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		return respond(500, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
	}
	return s.business(rep)
}

// structural rules are answered as validationErrors or not at all; every
// other error finding is a business rule.
var structural = map[string]bool{rules.XMLID: true, rules.XSDID: true, rules.MessageTypeID: true, rules.JSONSchemaID: true, rules.SuppressionID: true}

// business answers for a schema-valid message: the error of the first
// business rule in HMRC's order (then any other rule's, by position), or
// 204.
func (s *server) business(rep validate.FileReport) http1.Response {
	var first *validate.Finding
	rank := func(id string) int {
		if i := slices.Index(rules.HMRCOrder, id); i >= 0 {
			return i
		}
		return len(rules.HMRCOrder)
	}
	for i, f := range rep.Findings {
		if f.Severity != rules.Error || structural[f.Rule] {
			continue
		}
		if first == nil || rank(f.Rule) < rank(first.Rule) {
			first = &rep.Findings[i]
		}
	}
	if first != nil {
		return respond(200, presentationError{first.Message, "BUSINESS_VALIDATION_ERROR"})
	}
	return http1.Response{Status: 204}
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
	timeout := fs.Duration("timeout", 30*time.Second, "longest check of one request")
	lrnRegex := fs.String("lrn-regex", "", "turn on ctc-lrn: a declaration's LRN must match this `PATTERN` as a whole")
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
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
	srv, err := newServer(validate.Options{Schemas: schemas.vals, MaxSize: int64(maxSize), RuleConfig: rc}, *timeout)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	defer srv.close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "customslint: serving on http://%s\n", ln.Addr())
	return srv.serve(ctx, ln, stderr)
}

// newServer makes the engines of every profile the service answers for
// from the same options, sharing compiled schemas.
func newServer(opts validate.Options, timeout time.Duration) (*server, error) {
	if opts.MaxSize == 0 {
		opts.MaxSize = validate.DefaultMaxSize
	}
	s := &server{engines: map[validate.Profile]*validate.Engine{}, hmrc: map[validate.Profile]*validate.Engine{}, maxBody: opts.MaxSize, timeout: timeout}
	opts.Cache = xsd.NewCache()
	s.cache = opts.Cache
	for _, p := range []validate.Profile{validate.ProfileAuto, validate.ProfileCDS, validate.ProfileCTCP4, validate.ProfileCTCP5, validate.ProfileCTCP6} {
		o := opts
		o.Profile = p
		eng, err := validate.New(o)
		if err != nil {
			s.close()
			return nil, err
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
			return nil, err
		}
		s.hmrc[p] = eng
	}
	return s, nil
}

func (s *server) close() {
	for _, e := range s.engines {
		e.Close()
	}
	for _, e := range s.hmrc {
		e.Close()
	}
	s.cache.Close()
}

// httpServer is the HTTP/1.1 server that answers for s; what it reports
// (a failing accept, a handler's panic) goes to stderr.
func (s *server) httpServer(stderr io.Writer) *http1.Server {
	var mu sync.Mutex
	return &http1.Server{
		Handler:           s.handle,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.timeout + 30*time.Second,
		WriteTimeout:      s.timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		MaxBodyBytes:      s.maxBody,
		ErrorLog: func(msg string) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(stderr, "customslint: %s\n", msg)
		},
	}
}

// serve answers until ctx ends (SIGINT, SIGTERM), then lets requests in
// flight finish (up to ten seconds).
func (s *server) serve(ctx context.Context, ln net.Listener, stderr io.Writer) int {
	hs := s.httpServer(stderr)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "customslint: shutting down; finishing the requests in flight")
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		fmt.Fprintf(stderr, "customslint: shutdown: %v\n", err)
		return exitUsage
	}
	return exitOK
}
