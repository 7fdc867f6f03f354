package main

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// get fetches path from ts: status, content type, header and body.
func getPage(t *testing.T, ts *testService, path string) (*http.Response, string) {
	t.Helper()
	res, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// TestServePage covers GET / and its assets: HTML under a strict CSP,
// every asset embedded and referring to no other host.
func TestServePage(t *testing.T) {
	ts := testServer(t, 0)
	res, body := getPage(t, ts, "/")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self';") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	for _, want := range []string{`<label for="message">`, `<textarea id="message"`, `<input type="file" id="files" name="files" multiple`, `<select id="profile"`, `aria-live="polite"`, `src="/assets/page.js"`, `href="/assets/page.css"`} {
		if !strings.Contains(body, want) {
			t.Errorf("GET / lacks %s", want)
		}
	}
	for _, p := range []validate.Profile{validate.ProfileAuto, validate.ProfileCDS, validate.ProfileCTCP4, validate.ProfileCTCP5, validate.ProfileCTCP6} {
		if !strings.Contains(body, `<option value="`+string(p)+`"`) {
			t.Errorf("no option for profile %s", p)
		}
	}
	// No inline script or style (the CSP would block them), no other host.
	if regexp.MustCompile(`<script>|<style|style="|\son[a-z]+=`).MatchString(body) {
		t.Error("inline script or style in the page")
	}
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	fs.WalkDir(webFS, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := webFS.ReadFile(p)
		// A namespace name is no address the browser fetches.
		b = bytes.ReplaceAll(b, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil)
		if m := external.Find(b); m != nil {
			t.Errorf("%s refers to another host: %s", p, m)
		}
		return nil
	})
	for path, ct := range map[string]string{"/assets/page.js": "text/javascript; charset=utf-8", "/assets/page.css": "text/css; charset=utf-8", "/assets/icon.svg": "image/svg+xml"} {
		res, body := getPage(t, ts, path)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != ct || len(body) < 100 || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %s %d bytes", path, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
	}
	for _, path := range []string{"/assets/", "/assets/nope.js", "/assets/index.html", "/assets/rule.tmpl", "/assets/../serve.go", "/index.html"} {
		if res, _ := getPage(t, ts, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
	if res, err := post(t, ts.Client(), ts.URL+"/", nil, []byte("x")); err != nil || res.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %v %d", err, res.status)
	}
}

// TestServeRulePages covers GET /rules/RULE for every rule, the list at
// /rules/ and 404 for an unknown rule, everything escaped.
func TestServeRulePages(t *testing.T) {
	ts := testServer(t, 0)
	res, list := getPage(t, ts, "/rules/")
	if res.StatusCode != 200 {
		t.Fatalf("/rules/: %d", res.StatusCode)
	}
	for _, r := range rules.All() {
		if !strings.Contains(list, `<a href="/rules/`+r.ID+`">`+r.ID+`</a>`) {
			t.Errorf("/rules/ does not link %s", r.ID)
		}
		res, body := getPage(t, ts, "/rules/"+r.ID)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: %d", r.ID, res.StatusCode)
			continue
		}
		if !strings.Contains(body, "<h1><code>"+r.ID+"</code></h1>") {
			t.Errorf("%s: no heading", r.ID)
		}
		// Every word of the doc is on the page, escaped as HTML.
		for _, w := range strings.Fields(r.Doc) {
			if esc := htmlEscape(w); !strings.Contains(body, esc) {
				t.Errorf("%s: the page lacks %q of the doc", r.ID, esc)
				break
			}
		}
	}
	_, lrn := getPage(t, ts, "/rules/cds-lrn")
	if !regexp.MustCompile(`<pre>&lt;FunctionalReferenceID&gt;CLT26IM0314A01&lt;/FunctionalReferenceID&gt;</pre>`).MatchString(lrn) {
		t.Errorf("cds-lrn's passing example is not a pre block:\n%s", lrn)
	}
	res, body := getPage(t, ts, "/rules/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
	if res.StatusCode != http.StatusNotFound || strings.Contains(body, "<script>") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("unknown rule: %d %s", res.StatusCode, body)
	}
}

// htmlEscape escapes s as html/template does in text.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

func TestDocBlocks(t *testing.T) {
	doc := "A paragraph\nover two lines.\n\n- one item\n  continued\n- two\n\nFailing:\n\n    <a>\n      <b/>\n    </a>\n"
	got := docBlocks(doc)
	want := []docBlock{
		{Kind: "p", Text: "A paragraph over two lines."},
		{Kind: "ul", Items: []string{"one item continued", "two"}},
		{Kind: "p", Text: "Failing:"},
		{Kind: "pre", Text: "<a>\n  <b/>\n</a>"},
	}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if !bytes.Equal(gb, wb) {
		t.Errorf("docBlocks:\n got %s\nwant %s", gb, wb)
	}
}

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Results []struct {
			RuleID    string `json:"ruleId"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
		Invocations []struct {
			ExitCode            int  `json:"exitCode"`
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
	} `json:"runs"`
}

// TestServeCheckSARIF covers POST /v1/check?format=sarif: the findings of
// the JSON entry, as SARIF results.
func TestServeCheckSARIF(t *testing.T) {
	ts := testServer(t, 0)
	bad := readRepoFile(t, "testdata/messages/cds/declaration-invalid.xml")
	good := readRepoFile(t, "testdata/messages/ctc-p6/cc015c.xml")
	xml := map[string]string{"Content-Type": "application/xml"}

	res, err := post(t, ts.Client(), ts.URL+"/v1/check?name=d.xml&format=json", xml, bad)
	var entry validate.FileReport
	if err != nil || res.status != 200 || json.Unmarshal([]byte(res.body), &entry) != nil || len(entry.Findings) == 0 {
		t.Fatalf("json: %v %d %s", err, res.status, res.body)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/v1/check?name=d.xml&format=sarif", bytes.NewReader(bad))
	req.Header.Set("Content-Type", "application/xml")
	hres, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(hres.Body)
	hres.Body.Close()
	if hres.StatusCode != 200 || hres.Header.Get("Content-Type") != "application/sarif+json" {
		t.Fatalf("sarif: %d %s", hres.StatusCode, hres.Header.Get("Content-Type"))
	}
	var log sarifLog
	if err := json.Unmarshal(body, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("sarif log: %v %s", err, body)
	}
	run := log.Runs[0]
	if len(run.Results) != len(entry.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(entry.Findings))
	}
	for i, r := range run.Results {
		x := entry.Findings[i]
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID != x.Rule || loc.Region.StartLine != x.Line || loc.ArtifactLocation.URI != "d.xml" {
			t.Errorf("result %d: %+v for %+v", i, r, x)
		}
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExitCode != exitFindings || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocation %+v", run.Invocations)
	}

	res, err = post(t, ts.Client(), ts.URL+"/v1/check?format=sarif", xml, good)
	if err != nil || res.status != 200 || json.Unmarshal([]byte(res.body), &log) != nil || len(log.Runs[0].Results) != 0 || log.Runs[0].Invocations[0].ExitCode != exitOK {
		t.Errorf("valid message as SARIF: %v %d %.300s", err, res.status, res.body)
	}
	res, err = post(t, ts.Client(), ts.URL+"/v1/check?format=junit", xml, good)
	if err != nil || res.status != 400 || !strings.Contains(res.body, `"code":"BAD_REQUEST"`) || !strings.Contains(res.body, "junit") {
		t.Errorf("format=junit: %v %d %s", err, res.status, res.body)
	}
}

// TestServePageLimits sends a body over --max-size as the page does (its
// query, either format): 413, as any /v1/check.
func TestServePageLimits(t *testing.T) {
	ts := testServer(t, 1000)
	big := bytes.Repeat([]byte("<a/>"), 1000)
	for _, q := range []string{"profile=auto&name=pasted+message", "profile=cds&name=big.xml&format=sarif"} {
		res, err := post(t, ts.Client(), ts.URL+"/v1/check?"+q, map[string]string{"Content-Type": "application/xml"}, big)
		if err != nil || res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, "REQUEST_ENTITY_TOO_LARGE") {
			t.Errorf("%s: %v %d %s", q, err, res.status, res.body)
		}
	}
}

// TestServeStoresNothing runs the real process in an empty working
// directory with an empty TMPDIR, sends the page's requests with a unique
// marker in every part a client controls (messages, names, paths, bodies
// over the limit, bodies that do not parse), and requires that nothing
// serve wrote to stdout or stderr holds the marker and that no file
// appeared in either directory.
func TestServeStoresNothing(t *testing.T) {
	work, tmp := t.TempDir(), t.TempDir()
	marker := "MARKER" + strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "X")
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--max-size", "20000")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), mainEnv+"=1", "TMPDIR="+tmp)
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	addr := ""
	for i := 0; addr == ""; i++ {
		if i == 3000 {
			t.Fatalf("no serving line: %q %q", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
		if line, ok := strings.CutPrefix(stdout.String(), "customslint: serving on "); ok && strings.HasSuffix(line, "\n") {
			addr = strings.TrimSpace(line)
		}
	}
	client := &http.Client{Timeout: 30 * time.Second}
	decl := string(readRepoFile(t, "testdata/messages/cds/declaration-invalid.xml"))
	withMarker := strings.Replace(decl, "CLT26IM0314A01-RETRY-AFTER-TIMEOUT-00002", marker, 1)
	if withMarker == decl {
		t.Fatal("the fixture's LRN moved: put the marker elsewhere")
	}
	js := `{"n1:CC015C":{"messageSender":"` + marker + `"}}`
	requests := []struct {
		method, path, ct, body string
		status                 int
	}{
		{"GET", "/", "", "", 200},
		{"GET", "/assets/page.js", "", "", 200},
		{"POST", "/v1/check?profile=auto&name=" + marker + ".xml", "application/xml", withMarker, 200},
		{"POST", "/v1/check?profile=cds&name=" + marker + ".xml&format=sarif", "application/xml", withMarker, 200},
		{"POST", "/v1/check?profile=auto&name=pasted", "application/json", js, 200},
		{"POST", "/v1/check?profile=auto&name=pasted", "application/xml", "<" + marker + ">&broken", 200},
		{"POST", "/v1/check?profile=" + marker, "application/xml", withMarker, 400},
		{"POST", "/v1/check?name=big", "application/xml", strings.Repeat(marker, 3000), 413},
		{"GET", "/rules/" + marker, "", "", 404},
		{"GET", "/" + marker, "", "", 404},
		{"POST", "/messages/IE015/validation", "application/xml", withMarker, 200},
	}
	for _, rq := range requests {
		req, _ := http.NewRequest(rq.method, addr+rq.path, strings.NewReader(rq.body))
		if rq.ct != "" {
			req.Header.Set("Content-Type", rq.ct)
			req.Header.Set("APIVersion", "3.0")
		}
		req.Header.Set("User-Agent", marker)
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", rq.method, rq.path, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != rq.status {
			t.Errorf("%s %.60s: %d, want %d", rq.method, rq.path, res.StatusCode, rq.status)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve: %v", err)
	}
	for name, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
		if strings.Contains(out, marker) {
			t.Errorf("serve's %s holds the marker:\n%s", name, out)
		}
	}
	for _, dir := range []string{work, tmp} {
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) != 0 {
			names := []string{}
			for _, e := range entries {
				names = append(names, filepath.Join(dir, e.Name()))
			}
			t.Errorf("serve wrote files: %v %v", err, names)
		}
	}
}
