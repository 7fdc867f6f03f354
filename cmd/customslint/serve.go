package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

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

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /v1/rules", s.listRules)
	mux.HandleFunc("POST /v1/check", s.counted(s.check))
	mux.HandleFunc("POST /messages/{type}/validation", s.counted(s.hmrcValidate))
	return mux
}

// counted keeps the number of checks in flight.
func (s *server) counted(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		h(w, r)
	}
}

func respond(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // a write error means the client went away
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	respond(w, http.StatusOK, map[string]any{"status": "ok", "version": buildVersion(), "libxml2": xsd.LibXMLVersion(), "inFlight": s.inFlight.Load()})
}

type ruleInfo struct {
	ID           string   `json:"id"`
	Severity     string   `json:"severity"`
	MessageTypes []string `json:"messageTypes"`
	Summary      string   `json:"summary"`
	Doc          string   `json:"doc"`
}

func (s *server) listRules(w http.ResponseWriter, r *http.Request) {
	var out []ruleInfo
	for _, rl := range rules.All() {
		mt := rl.MessageTypes
		if mt == nil {
			mt = []string{}
		}
		out = append(out, ruleInfo{rl.ID, string(rl.Severity), mt, rl.Summary, rl.Doc})
	}
	respond(w, http.StatusOK, out)
}

// drain reads and drops what is left of a request body answered without
// it (at most the size limit), so that the connection can be reused.
func (s *server) drain(r *http.Request) {
	io.Copy(io.Discard, io.LimitReader(r.Body, s.maxBody))
}

// readBody reads at most the size limit; ok is false when the body is
// larger or cannot be read (the answer has been written).
func (s *server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			respond(w, http.StatusRequestEntityTooLarge, map[string]string{"message": fmt.Sprintf("The body is larger than %d bytes.", s.maxBody), "code": "REQUEST_ENTITY_TOO_LARGE"})
		} else {
			respond(w, http.StatusBadRequest, map[string]string{"message": "Cannot read the body: " + err.Error(), "code": "BAD_REQUEST"})
		}
		return nil, false
	}
	return data, true
}

// check is POST /v1/check: the report entry of one message, XML or JSON
// (Content-Type, else sniffed). ?profile= and ?name= are optional.
func (s *server) check(w http.ResponseWriter, r *http.Request) {
	profile, err := validate.ParseProfile(r.URL.Query().Get("profile"))
	if err != nil {
		respond(w, http.StatusBadRequest, map[string]string{"message": err.Error(), "code": "BAD_REQUEST"})
		return
	}
	eng := s.engines[profile]
	data, ok := s.readBody(w, r)
	if !ok {
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "<request>"
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	rep, err := eng.Check(ctx, name, data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		respond(w, http.StatusServiceUnavailable, map[string]string{"message": err.Error(), "code": "INTERNAL_SERVER_ERROR"})
		return
	}
	respond(w, http.StatusOK, rep)
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
func (s *server) hmrcValidate(w http.ResponseWriter, r *http.Request) {
	version := r.Header.Get("APIVersion")
	if version == "" {
		s.drain(r)
		respond(w, http.StatusNotAcceptable, presentationError{"An Accept Header is missing.", "NOT_ACCEPTABLE"})
		return
	}
	profile, ok := hmrcVersions[version]
	if !ok {
		s.drain(r)
		respond(w, http.StatusNotAcceptable, presentationError{fmt.Sprintf("The Accept header %s is not supported.", version), "NOT_ACCEPTABLE"})
		return
	}
	ct := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "application/xml" && mt != "application/json" {
		s.drain(r)
		msg := "Content type must be specified."
		if ct != "" {
			msg = fmt.Sprintf("Content type %s is not supported.", ct)
		}
		respond(w, http.StatusUnsupportedMediaType, presentationError{msg, "UNSUPPORTED_MEDIA_TYPE"})
		return
	}
	code := r.PathValue("type")
	root, ok := hmrcMessageTypes[code]
	if !ok {
		s.drain(r)
		respond(w, http.StatusNotFound, presentationError{fmt.Sprintf("Unknown Message Type provided: %s is not recognised", code), "NOT_FOUND"})
		return
	}
	data, ok := s.readBody(w, r)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	defer cancel()
	eng := s.hmrc[profile]
	if mt == "application/json" {
		s.hmrcJSON(ctx, w, eng, profile, root, data)
		return
	}
	if validate.IsJSON(data) {
		// JSON sent as XML: the XML parser stops at the first byte, as
		// HMRC's does (the engine would otherwise read it as JSON).
		respond(w, http.StatusOK, map[string]any{"validationErrors": []xmlSchemaError{{1, 1, "Content is not allowed in prolog."}}})
		return
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		respond(w, http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
		return
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
		respond(w, http.StatusOK, map[string]any{"validationErrors": schemaErrs})
		return
	}
	s.business(w, rep)
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

func (s *server) hmrcJSON(ctx context.Context, w http.ResponseWriter, eng *validate.Engine, profile validate.Profile, root string, data []byte) {
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		respond(w, http.StatusBadRequest, presentationError{"Invalid JSON: " + err.Error(), "BAD_REQUEST"})
		return
	}
	errs, err := validate.JSONSchemaErrors(profile, root, data)
	if err != nil {
		respond(w, http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
		return
	}
	if len(errs) > 0 {
		var out []jsonSchemaError
		for _, e := range errs {
			out = append(out, jsonSchemaError{e.SchemaPath, jsonPath(e.Pointer) + ": " + e.Message})
		}
		respond(w, http.StatusOK, map[string]any{"validationErrors": out})
		return
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		respond(w, http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
		return
	}
	s.business(w, rep)
}

// structural rules are answered as validationErrors or not at all; every
// other error finding is a business rule.
var structural = map[string]bool{rules.XMLID: true, rules.XSDID: true, rules.MessageTypeID: true, rules.JSONSchemaID: true, rules.SuppressionID: true}

// business answers for a schema-valid message: the error of the first
// business rule in HMRC's order (then any other rule's, by position), or
// 204.
func (s *server) business(w http.ResponseWriter, rep validate.FileReport) {
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
		respond(w, http.StatusOK, presentationError{first.Message, "BUSINESS_VALIDATION_ERROR"})
		return
	}
	w.WriteHeader(http.StatusNoContent)
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

// serve answers until ctx ends (SIGINT, SIGTERM), then lets requests in
// flight finish (up to ten seconds).
func (s *server) serve(ctx context.Context, ln net.Listener, stderr io.Writer) int {
	hs := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.timeout + 30*time.Second,
		WriteTimeout:      s.timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
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
