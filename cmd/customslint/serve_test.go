package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/customslint/customslint/internal/hmrcvalidator"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

func readRepoFile(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// toJSON converts an XML fixture into the JSON form HMRC's API takes.
func toJSON(t *testing.T, profile validate.Profile, xml []byte) []byte {
	t.Helper()
	eng, err := validate.New(validate.Options{Profile: profile})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	out, problems, err := eng.Convert(context.Background(), "fixture.xml", xml, "json")
	if err != nil || len(problems) > 0 {
		t.Fatalf("convert: %v %v", err, problems)
	}
	return out
}

// testService is a running service: the net/http server of
// cmd/customslint on a loopback port, and net/http's client to talk to it.
type testService struct {
	URL    string
	client *http.Client
}

func (ts *testService) Client() *http.Client { return ts.client }

// lockedBuffer is what the server reports, written from its goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveConfig is how a test runs the service: the limits of the serve
// flags (zero: their defaults), the handler (nil: the server's own) and
// what wraps the listener (nil: nothing).
type serveConfig struct {
	maxBody     int64
	timeout     time.Duration
	maxInflight int
	handler     func(*server) http.Handler
	listener    func(net.Listener) net.Listener
	// apiVersions is --api-versions ("" the default); lrnRegex is
	// --lrn-regex.
	apiVersions, lrnRegex string
}

// testServer serves until the test ends, then requires the server to have
// reported nothing (no panic, no failing accept) and to shut down.
func testServer(t *testing.T, maxBody int64) *testService {
	t.Helper()
	ts, _ := startServer(t, serveConfig{maxBody: maxBody})
	return ts
}

// startServer is testServer with more settings; it returns the server too.
func startServer(t *testing.T, cfg serveConfig) (*testService, *server) {
	t.Helper()
	if cfg.timeout == 0 {
		cfg.timeout = 30 * time.Second
	}
	if cfg.maxInflight == 0 {
		// Room for every request of TestServeConcurrent: the limit has
		// tests of its own.
		cfg.maxInflight = 1000
	}
	var log lockedBuffer
	var rc rules.Config
	if cfg.lrnRegex != "" {
		re, err := rules.WholeMatch(cfg.lrnRegex)
		if err != nil {
			t.Fatal(err)
		}
		rc.LRNPattern = re
	}
	srv, err := newServer(validate.Options{MaxSize: cfg.maxBody, RuleConfig: rc}, cfg.timeout, cfg.maxInflight, &log)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.apiVersions != "" {
		v, err := hmrcvalidator.ParseVersions(cfg.apiVersions)
		if err != nil {
			srv.close()
			t.Fatal(err)
		}
		srv.versions = v
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.close()
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if cfg.listener != nil {
		ln = cfg.listener(ln)
	}
	hs := srv.httpServer()
	if cfg.handler != nil {
		hs.Handler = cfg.handler(srv)
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	ts := &testService{URL: "http://" + addr, client: &http.Client{Transport: &http.Transport{}}}
	t.Cleanup(func() {
		ts.client.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		if !srv.idle(ctx) {
			t.Error("checks still running at the end of the test")
		}
		srv.close()
		if l := log.String(); l != "" {
			t.Errorf("the server reported: %s", l)
		}
	})
	return ts, srv
}

type response struct {
	status int
	body   string
}

func post(t testing.TB, client *http.Client, url string, headers map[string]string, body []byte) (response, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return response{}, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{res.StatusCode, string(b)}, err
}

// hmrcCase is one request to the HMRC-compatible endpoint and the answer
// HMRC's transit-movements-validator gives.
type hmrcCase struct {
	name, msgType, version, contentType string
	body                                []byte
	status                              int
	// json is the expected body, compared as JSON after dropping the
	// members named in loose (whose text is customslint's own).
	json  string
	loose []string
}

func hmrcCases(t *testing.T) []hmrcCase {
	p6 := readRepoFile(t, "testdata/messages/ctc-p6/cc015c.xml")
	p5 := readRepoFile(t, "testdata/messages/ctc-p5/cc015c.xml")
	fr := readRepoFile(t, "rules/testdata/ctc-office-uk/ctc-p6/cc015c-departure-fr.xml")
	arrival := readRepoFile(t, "rules/testdata/ctc-recipient-office-match/ctc-p6/cc007c-gb-to-xi.xml")
	p6JSON := toJSON(t, validate.ProfileCTCP6, p6)
	frJSON := toJSON(t, validate.ProfileCTCP6, fr)
	broken := bytes.Replace(p6, []byte("<messageType>CC015C</messageType>"), []byte("<messageType>CC015C</messageType><extra/>"), 1)
	brokenJSON := bytes.Replace(p6JSON, []byte(`"messageType": "CC015C"`), []byte(`"messageType": 15`), 1)
	if bytes.Equal(brokenJSON, p6JSON) {
		t.Fatal("cannot break the JSON fixture")
	}
	xml, js := "application/xml", "application/json"
	business := `{"code":"BUSINESS_VALIDATION_ERROR","message":"The customs office specified for CustomsOfficeOfDeparture must be a customs office located in the United Kingdom (FR000690 was specified)"}`
	return []hmrcCase{
		{"valid XML, phase 6", "IE015", "3.0", xml, p6, 204, "", nil},
		{"phase 5 is not taken by default", "IE015", "2.1", xml, p5, 415, `{"code":"UNSUPPORTED_MEDIA_TYPE","message":"The Accept header 2.1 is not supported."}`, nil},
		{"content type with charset", "IE015", "3.0", "application/xml; charset=UTF-8", p6, 204, "", nil},
		{"schema error XML", "IE015", "3.0", xml, broken, 200, `{"validationErrors":[{"lineNumber":10,"columnNumber":0,"message":""}]}`, []string{"columnNumber", "message"}},
		{"malformed XML", "IE015", "3.0", xml, []byte("<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\">\n<a></b>"), 200, `{"validationErrors":[{"lineNumber":2,"columnNumber":0,"message":""}]}`, []string{"columnNumber", "message"}},
		{"JSON sent as XML", "IE015", "3.0", xml, p6JSON, 200, `{"validationErrors":[{"lineNumber":1,"columnNumber":1,"message":"Content is not allowed in prolog."}]}`, nil},
		{"wrong message for the URL", "IE013", "3.0", xml, p6, 200, `{"validationErrors":[{"lineNumber":5,"columnNumber":66,"message":"cvc-elt.1.a: Cannot find the declaration of element 'ncts:CC015C'."}]}`, nil},
		{"business rule XML", "IE015", "3.0", xml, fr, 200, business, nil},
		{"business rule arrival", "IE007", "3.0", xml, arrival, 200, `{"code":"BUSINESS_VALIDATION_ERROR","message":"The message recipient country must match the country of the CustomsOfficeOfDestinationActual"}`, nil},
		{"valid JSON", "IE015", "3.0", js, p6JSON, 204, "", nil},
		{"schema error JSON", "IE015", "3.0", js, brokenJSON, 200, `{"validationErrors":[{"schemaPath":"","message":""}]}`, []string{"schemaPath", "message"}},
		{"business rule JSON", "IE015", "3.0", js, frJSON, 200, business, nil},
		{"malformed JSON", "IE015", "3.0", js, []byte(`{"n1:CC015C": {`), 400, `{"code":"BAD_REQUEST","message":""}`, []string{"message"}},
		{"unknown message type", "IE999", "3.0", xml, p6, 404, `{"code":"NOT_FOUND","message":"Unknown Message Type provided: IE999 is not recognised"}`, nil},
		{"a message traders receive", "IE029", "3.0", xml, p6, 404, `{"code":"NOT_FOUND","message":"Unknown Message Type provided: IE029 is not recognised"}`, nil},
		{"no APIVersion", "IE015", "", xml, p6, 406, `{"code":"NOT_ACCEPTABLE","message":"An Accept Header is missing."}`, nil},
		{"unsupported APIVersion", "IE015", "1.0", xml, p6, 415, `{"code":"UNSUPPORTED_MEDIA_TYPE","message":"The Accept header 1.0 is not supported."}`, nil},
		{"wrong content type", "IE015", "3.0", "text/plain", p6, 415, `{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type text/plain is not supported."}`, nil},
		{"no content type", "IE015", "3.0", "", p6, 415, `{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type must be specified."}`, nil},
	}
}

// sameJSON compares two JSON bodies, ignoring the values (not the
// presence) of the loose members.
func sameJSON(t testing.TB, got, want string, loose []string) error {
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return fmt.Errorf("body %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	blank := func(v any) any {
		var walk func(any) any
		walk = func(v any) any {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					x[k] = walk(e)
					for _, l := range loose {
						if k == l {
							x[k] = "*"
						}
					}
				}
			case []any:
				for i := range x {
					x[i] = walk(x[i])
				}
			}
			return v
		}
		return walk(v)
	}
	gs, _ := json.Marshal(blank(g))
	ws, _ := json.Marshal(blank(w))
	// Loose members must hold something: an empty message or a zero line
	// is no answer.
	if strings.Contains(got, `"message":""`) || strings.Contains(got, `"lineNumber":0`) || strings.Contains(got, `"schemaPath":""`) {
		return fmt.Errorf("empty member in %s", got)
	}
	if string(gs) != string(ws) {
		return fmt.Errorf("body %s, want the shape %s", got, want)
	}
	return nil
}

func checkHMRC(t testing.TB, client *http.Client, base string, c hmrcCase) error {
	h := map[string]string{}
	if c.version != "" {
		h["APIVersion"] = c.version
	}
	if c.contentType != "" {
		h["Content-Type"] = c.contentType
	}
	res, err := post(t, client, base+"/messages/"+c.msgType+"/validation", h, c.body)
	if err != nil {
		return err
	}
	if res.status != c.status {
		return fmt.Errorf("status %d, want %d; body %s", res.status, c.status, res.body)
	}
	if c.json == "" {
		if res.body != "" {
			return fmt.Errorf("body %q, want none", res.body)
		}
		return nil
	}
	return sameJSON(t, res.body, c.json, c.loose)
}

// TestServeHMRCEndpoint answers every kind of request with HMRC's status and
// body.
func TestServeHMRCEndpoint(t *testing.T) {
	ts := testServer(t, 0)
	for _, c := range hmrcCases(t) {
		if err := checkHMRC(t, ts.Client(), ts.URL, c); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestServeBodyLimit refuses a body over --max-size with 413, on both
// endpoints.
func TestServeBodyLimit(t *testing.T) {
	ts := testServer(t, 1000)
	big := bytes.Repeat([]byte("<a/>"), 1000)
	for _, url := range []string{"/v1/check", "/messages/IE015/validation"} {
		res, err := post(t, ts.Client(), ts.URL+url, map[string]string{"APIVersion": "3.0", "Content-Type": "application/xml"}, big)
		if err != nil {
			t.Fatal(err)
		}
		if res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, "REQUEST_ENTITY_TOO_LARGE") {
			t.Errorf("%s: %d %s", url, res.status, res.body)
		}
	}
}

// TestServeOwnAPI covers /v1/check, /v1/rules and /healthz.
func TestServeOwnAPI(t *testing.T) {
	ts := testServer(t, 0)
	p6 := readRepoFile(t, "testdata/messages/ctc-p6/cc015c.xml")
	fr := readRepoFile(t, "rules/testdata/ctc-office-uk/ctc-p6/cc015c-departure-fr.xml")

	var entry validate.FileReport
	res, err := post(t, ts.Client(), ts.URL+"/v1/check?name=fr.xml", map[string]string{"Content-Type": "application/xml"}, fr)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(res.body), &entry); err != nil || res.status != 200 {
		t.Fatalf("check: %d %s %v", res.status, res.body, err)
	}
	// Every rule runs here (the EU conditions too), not only HMRC's.
	office := 0
	for _, f := range entry.Findings {
		if f.Rule == "ctc-office-uk" && f.Line == 18 && f.Path == "/CC015C/CustomsOfficeOfDeparture/referenceNumber" {
			office++
		}
		if f.Rule == "xsd" {
			t.Errorf("schema finding on a schema-valid message: %+v", f)
		}
	}
	if entry.Path != "fr.xml" || entry.Profile != "ctc-p6" || entry.MessageType != "CC015C" || office != 1 {
		t.Errorf("check entry: %+v", entry)
	}

	// JSON in, findings at JSON pointers; ?profile= chooses the phase.
	js := toJSON(t, validate.ProfileCTCP5, readRepoFile(t, "testdata/messages/ctc-p5/cc015c.xml"))
	res, err = post(t, ts.Client(), ts.URL+"/v1/check?profile=ctc-p5", map[string]string{"Content-Type": "application/json"}, js)
	if err != nil {
		t.Fatal(err)
	}
	entry = validate.FileReport{}
	if err := json.Unmarshal([]byte(res.body), &entry); err != nil || res.status != 200 || entry.Profile != "ctc-p5" || len(entry.Findings) != 0 {
		t.Errorf("check JSON: %d %s %v", res.status, res.body, err)
	}

	res, err = post(t, ts.Client(), ts.URL+"/v1/check?profile=ctc-p9", nil, p6)
	if err != nil {
		t.Fatal(err)
	}
	if res.status != 400 || !strings.Contains(res.body, "ctc-p9") {
		t.Errorf("bad profile: %d %s", res.status, res.body)
	}

	get := func(path string) (int, string) {
		r, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	code, body := get("/v1/rules")
	var rl []ruleInfo
	if err := json.Unmarshal([]byte(body), &rl); err != nil || code != 200 {
		t.Fatalf("rules: %d %s", code, body)
	}
	found := false
	for _, r := range rl {
		found = found || (r.ID == "ctc-c0467" && r.Severity == "error" && len(r.MessageTypes) == 1 && strings.Contains(r.Doc, "Failing"))
	}
	if !found || len(rl) < 10 {
		t.Errorf("rules: %d rules, ctc-c0467 found %v", len(rl), found)
	}
	code, body = get("/healthz")
	if code != 200 || !strings.Contains(body, `"status":"ok"`) || !strings.Contains(body, "libxml2") || !strings.Contains(body, `"inFlight":0`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, _ := get("/v1/check"); code != http.StatusMethodNotAllowed {
		t.Errorf("GET /v1/check: %d", code)
	}
}

// TestServeConcurrent sends 200 requests at once, every kind of the HMRC
// endpoint's answers mixed, and requires each to get its answer.
func TestServeConcurrent(t *testing.T) {
	ts := testServer(t, 0)
	cases := hmrcCases(t)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	start := make(chan struct{})
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c := cases[i%len(cases)]
			if err := checkHMRC(t, client, ts.URL, c); err != nil {
				errs <- fmt.Errorf("request %d (%s): %w", i, c.name, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestServeGracefulShutdown runs the real process, sends SIGTERM while a
// request's body is still arriving, and requires that request to be
// answered and the process to exit 0.
func TestServeGracefulShutdown(t *testing.T) {
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no serving line: %v", err)
	}
	addr := strings.TrimSpace(strings.TrimPrefix(line, "customslint: serving on "))
	if !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("serving line %q", line)
	}
	errLines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			errLines <- sc.Text()
		}
		close(errLines)
	}()

	msg := readRepoFile(t, "testdata/messages/ctc-p6/cc015c.xml")
	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, addr+"/messages/IE015/validation", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("APIVersion", "3.0")
	req.Header.Set("Content-Type", "application/xml")
	req.ContentLength = int64(len(msg))
	answer := make(chan response, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			answer <- response{0, err.Error()}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		answer <- response{res.StatusCode, string(b)}
	}()
	if _, err := pw.Write(msg[:len(msg)/2]); err != nil {
		t.Fatal(err)
	}
	// Wait until the server is reading the request (not merely holding
	// the connection in its accept queue).
	for i := 0; ; i++ {
		r, err := http.Get(addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		var h struct{ InFlight int }
		err = json.NewDecoder(r.Body).Decode(&h)
		r.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if h.InFlight == 1 {
			break
		}
		if i == 1000 {
			t.Fatal("the request never reached the server")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case l := <-errLines:
		if !strings.Contains(l, "shutting down") {
			t.Fatalf("stderr %q", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown line after SIGTERM")
	}
	if _, err := pw.Write(msg[len(msg)/2:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	select {
	case res := <-answer:
		if res.status != http.StatusNoContent {
			t.Errorf("request in flight: %d %s", res.status, res.body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("request in flight not answered")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
	// Once shut down, nothing listens.
	if _, err := http.Get(addr + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}
