package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpinput "github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// requireBrowserEnv set to 1 makes the browser test fail, not skip, when
// no Chromium is installed (.ci/run sets it).
const requireBrowserEnv = "CUSTOMSLINT_REQUIRE_BROWSER"

// screenshotDirEnv is where the browser test keeps its screenshot
// (os.TempDir() when unset).
const screenshotDirEnv = "CUSTOMSLINT_SCREENSHOT_DIR"

// chromium is the path of the browser the test drives, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserErrors collects what the page reports: script exceptions and
// console or network errors (a blocked script, a CSP violation, a 404).
type browserErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (b *browserErrors) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *cdplog.EventEntryAdded:
		if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
			msg = fmt.Sprintf("%s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			msg = "console.error"
		}
	}
	if msg != "" {
		b.mu.Lock()
		b.msgs = append(b.msgs, msg)
		b.mu.Unlock()
	}
}

func (b *browserErrors) all() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs...)
}

// must returns a check for a browser step: an error fails the test, with
// the errors the page reported so far.
func (b *browserErrors) must(t *testing.T) func(step string, err error) {
	return func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (page errors: %v)", step, err, b.all())
		}
	}
}

// newBrowser starts headless Chromium for the test; it skips the test
// when none is installed, unless CUSTOMSLINT_REQUIRE_BROWSER=1.
func newBrowser(t *testing.T, errs *browserErrors) context.Context {
	t.Helper()
	exe := chromium()
	if exe == "" {
		if os.Getenv(requireBrowserEnv) == "1" {
			t.Fatalf("no chromium on PATH and %s=1 (.ci/setup installs it)", requireBrowserEnv)
		}
		t.Skip("no chromium on PATH (.ci/setup installs it; " + requireBrowserEnv + "=1 makes this a failure)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 860),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(errs.listen))
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first Run starts the browser, under no deadline (it would stop
	// the browser at its end).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// activeElement describes document.activeElement: its id, tag, and for a
// rule link the line and rule of the finding it is in.
type activeElement struct {
	ID   string `json:"id"`
	Tag  string `json:"tag"`
	Href string `json:"href"`
	Line string `json:"line"`
	Rule string `json:"rule"`
}

const activeJS = `(() => {
  const a = document.activeElement, f = a && a.closest ? a.closest(".finding") : null;
  return {id: a.id || "", tag: a.tagName.toLowerCase(), href: a.getAttribute("href") || "",
          line: f ? f.dataset.line : "", rule: f ? f.dataset.rule : ""};
})()`

// tabUntil presses Tab until the focused element satisfies ok, at most
// max times; it returns how many Tabs it took.
func tabUntil(ctx context.Context, max int, ok func(activeElement) bool) (int, activeElement, error) {
	var a activeElement
	for n := 1; n <= max; n++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			return n, a, err
		}
		a, err := chromedp.Run(ctx, chromedp.Evaluate[activeElement](activeJS))
		if err != nil {
			return n, a, err
		}
		if ok(a) {
			return n, a, nil
		}
	}
	return max, a, fmt.Errorf("not reached in %d Tabs (last focus %+v)", max, a)
}

// firstRuleFinding is the first finding of a rule with its own
// documentation beyond the schema's on a line of the message.
func firstRuleFinding(t *testing.T, msg []byte) (validate.FileReport, validate.Finding) {
	t.Helper()
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rep, err := eng.Check(context.Background(), "declaration-invalid.xml", msg)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rep.Findings {
		if x.Rule != rules.XSDID && x.Line > 1 {
			return rep, x
		}
	}
	t.Fatal("the fixture has no finding of a rule on a line")
	return rep, validate.Finding{}
}

// TestBrowserPage drives the page in headless Chromium from the keyboard
// alone: Tab to the textarea, type an invalid declaration, Tab to Check
// and press Enter, wait for the finding under its line, Tab to its rule
// link and press Enter, and read the rule's documentation. It keeps a
// screenshot of the findings.
func TestBrowserPage(t *testing.T) {
	var errs browserErrors
	ctx := newBrowser(t, &errs)
	ts := testServer(t, 0)
	msg := readRepoFile(t, "testdata/messages/cds/declaration-invalid.xml")
	rep, want := firstRuleFinding(t, msg)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	must := errs.must(t)
	must("open /", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("check"))))

	n, _, err := tabUntil(ctx, 1, func(a activeElement) bool { return a.ID == "message" })
	must("Tab to the textarea", err)
	must("type the message", chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdpinput.InsertText, cdpinput.InsertTextParams{Text: string(msg)})
		return err
	})))
	typed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementById("message").value.length`))
	must("read the textarea", err)
	if typed != len([]rune(string(msg))) {
		t.Fatalf("the textarea holds %d characters, want %d", typed, len([]rune(string(msg))))
	}
	tabs, _, err := tabUntil(ctx, 6, func(a activeElement) bool { return a.ID == "check" })
	must("Tab to Check", err)
	t.Logf("Tab %d to the textarea, %d more to Check", n, tabs)
	must("press Enter on Check", chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))

	finding := fmt.Sprintf(`.finding[data-line="%d"][data-rule="%s"]`, want.Line, want.Rule)
	must("wait for the finding", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(finding))))
	// The finding is in the list right under its line, which shows the
	// message's text of that line.
	under, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+finding+`').closest("ul").previousElementSibling.dataset.line`))
	must("read the finding's line", err)
	lineText, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(fmt.Sprintf(`.line[data-line="%d"] code`, want.Line))))
	must("read the line", err)
	wantText := strings.Split(string(msg), "\n")[want.Line-1]
	if under != fmt.Sprint(want.Line) || lineText != strings.TrimRight(wantText, "\r") {
		t.Errorf("finding under line %s, showing %q; want line %d %q", under, lineText, want.Line, wantText)
	}
	text, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(finding)))
	must("read the finding", err)
	if !strings.Contains(text, want.Message) || !strings.Contains(text, string(want.Severity)) || (want.Code != "" && !strings.Contains(text, want.Code)) {
		t.Errorf("finding shows %q, want %s %s %q", text, want.Severity, want.Code, want.Message)
	}
	summary, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("summary")))
	must("read the summary", err)
	wantSummary := fmt.Sprintf("1 file checked: %d errors, %d warning", rep.Count(rules.Error), rep.Count(rules.Warning))
	if !strings.HasPrefix(summary, wantSummary) {
		t.Errorf("summary %q, want %q...", summary, wantSummary)
	}
	tabs, link, err := tabUntil(ctx, 40, func(a activeElement) bool {
		return a.Tag == "a" && a.Rule == want.Rule && a.Line == fmt.Sprint(want.Line)
	})
	must("Tab to the rule link", err)
	t.Logf("%d Tabs from the results to the link %s", tabs, link.Href)
	if link.Href != "/rules/"+want.Rule {
		t.Errorf("rule link %q", link.Href)
	}
	// The picture shows the focused link amid its line's findings.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`document.activeElement.scrollIntoView({block: "center"})`))
	must("scroll to the link", err)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must("screenshot", err)
	dir := os.Getenv(screenshotDirEnv)
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, "customslint-page.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Errorf("keeping the screenshot: %v", err)
	} else {
		t.Logf("screenshot of the findings: %s (%d bytes)", path, len(shot))
	}

	must("press Enter on the link", chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("article.rule-doc .doc"))))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must("read the location", err)
	heading, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("article.rule-doc h1")))
	must("read the heading", err)
	doc, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("article.rule-doc .doc")))
	must("read the doc", err)
	r, _ := rules.Lookup(want.Rule)
	if loc != ts.URL+"/rules/"+want.Rule || heading != want.Rule || !strings.Contains(strings.Join(strings.Fields(doc), " "), strings.Join(strings.Fields(docBlocks(r.Doc)[0].Text), " ")) {
		t.Errorf("rule page %s %q shows %.200q", loc, heading, doc)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("the page reported errors: %v", e)
	}
}

// TestBrowserPageFiles chooses three files at once (the file chooser's
// answer set as the browser's own dialog would) and presses Space on
// Check: each file gets its result, the one over --max-size its 413.
func TestBrowserPageFiles(t *testing.T) {
	var errs browserErrors
	ctx := newBrowser(t, &errs)
	const maxBody = 10000
	ts := testServer(t, maxBody)
	dir := t.TempDir()
	files := map[string][]byte{
		"declaration-invalid.xml": readRepoFile(t, "testdata/messages/cds/declaration-invalid.xml"),
		"cc015c.json":             toJSON(t, validate.ProfileCTCP6, readRepoFile(t, "testdata/messages/ctc-p6/cc015c.xml")),
		"cc013c.xml":              readRepoFile(t, "testdata/messages/ctc-p6/cc013c.xml"),
	}
	order := []string{"declaration-invalid.xml", "cc015c.json", "cc013c.xml"}
	var paths []string
	for _, name := range order {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if len(files["cc013c.xml"]) <= maxBody || len(files["cc015c.json"]) > maxBody {
		t.Fatal("the fixtures' sizes moved: pick others around --max-size")
	}
	eng, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	must := errs.must(t)
	must("open /", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("check")),
		chromedp.SetUploadFiles(chromedp.ID("files"), paths)))
	_, _, err = tabUntil(ctx, 6, func(a activeElement) bool { return a.ID == "check" })
	must("Tab to Check", err)
	must("press Space on Check", chromedp.Do(ctx, chromedp.KeyEvent(" "),
		chromedp.WaitVisible(chromedp.CSS(`#results .file:nth-of-type(3) .error-box`))))

	type shown struct {
		Name, Summary, Error string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]shown](`Array.from(document.querySelectorAll("#results .file")).map(a => ({
		Name: a.querySelector("h3").textContent,
		Summary: (a.querySelector(".file-summary") || {}).textContent || "",
		Error: (a.querySelector(".error-box") || {}).textContent || ""}))`))
	must("read the results", err)
	if len(got) != 3 {
		t.Fatalf("%d results, want 3: %+v", len(got), got)
	}
	nErrors, nWarnings := 0, 0
	for i, name := range order[:2] {
		rep, err := eng.Check(context.Background(), name, files[name])
		if err != nil {
			t.Fatal(err)
		}
		nErrors += rep.Count(rules.Error)
		nWarnings += rep.Count(rules.Warning)
		want := fmt.Sprintf("checked as %s %s", rep.Profile, rep.MessageType)
		counts := fmt.Sprintf(": %d error", rep.Count(rules.Error))
		if got[i].Name != name || !strings.HasPrefix(got[i].Summary, want) || !strings.Contains(got[i].Summary, counts) {
			t.Errorf("result %d: %+v, want %s %s%s", i, got[i], name, want, counts)
		}
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll("#results .file:nth-of-type(%d) .finding").length`, i+1)))
		must("count findings", err)
		if rows != len(rep.Findings) {
			t.Errorf("%s: %d findings shown, want %d", name, rows, len(rep.Findings))
		}
	}
	if got[2].Name != "cc013c.xml" || !strings.Contains(got[2].Error, "413") || !strings.Contains(got[2].Error, fmt.Sprintf("larger than %d bytes", maxBody)) {
		t.Errorf("file over --max-size: %+v", got[2])
	}
	summary, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("summary")))
	must("read the summary", err)
	if want := fmt.Sprintf("2 files checked: %d errors, %d warning", nErrors, nWarnings); !strings.HasPrefix(summary, want) || !strings.HasSuffix(summary, "; 1 not checked") {
		t.Errorf("summary %q, want %q ... 1 not checked", summary, want)
	}
	// The 413 is the page's answer, a network error in the console: the
	// only one allowed.
	for _, e := range errs.all() {
		if !strings.Contains(e, "413") {
			t.Errorf("the page reported: %s", e)
		}
	}
}
