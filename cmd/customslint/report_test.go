package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/validate"
)

func TestMaxFindingsFlag(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	for _, c := range []struct {
		max     string
		code    int
		want    []string
		notWant []string
	}{
		{"1", 1, []string{"b-invalid.xml:2:3: error: Element 'SynIdeMES1'", "b-invalid.xml:6:3: error: 1 finding more from here on not shown (1 error)", "1 file checked: 2 errors"}, []string{"Element 'Extra'"}},
		{"2", 1, []string{"Element 'SynIdeMES1'", "Element 'Extra'", "1 file checked: 2 errors"}, []string{"max-findings"}},
		{"3", 1, []string{"Element 'Extra'"}, []string{"max-findings"}},
		{"0", 1, []string{"Element 'Extra'"}, []string{"max-findings"}},
		{"-1", 2, nil, nil},
		{"many", 2, nil, nil},
	} {
		r := cli(t, dir, "", "check", "--schemas", schemas, "--max-findings", c.max, "b-invalid.xml")
		if r.code != c.code {
			t.Errorf("--max-findings %s: exit %d, want %d; stderr %q", c.max, r.code, c.code, r.stderr)
		}
		for _, s := range c.want {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("--max-findings %s: stdout lacks %q:\n%s", c.max, s, r.stdout)
			}
		}
		for _, s := range c.notWant {
			if strings.Contains(r.stdout, s) {
				t.Errorf("--max-findings %s: stdout has %q:\n%s", c.max, s, r.stdout)
			}
		}
	}
}

// cancelOnRead is a stdin that interrupts the run when it is read, as a
// SIGINT would while that input is being checked.
type cancelOnRead struct{ cancel context.CancelFunc }

func (c cancelOnRead) Read([]byte) (int, error) {
	c.cancel()
	return 0, io.EOF
}

// TestInterruptedRunIsMarkedInEveryFormat: the inputs not checked when the
// run is interrupted are never listed as clean; every format says the
// report is incomplete.
func TestInterruptedRunIsMarkedInEveryFormat(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	p := func(name string) string { return filepath.Join(dir, name) }
	o := func(name string) string { return filepath.Join(out, name) }
	code := run(ctx, []string{"check", "--schemas", schemas, "--jobs", "1",
		"--report", "json=" + o("r.json"), "--report", "sarif=" + o("r.sarif"), "--report", "junit=" + o("r.xml"), "--report", "github=" + o("r.gh"),
		p("a-valid.xml"), p("b-invalid.xml"), "-", p("sub/deeper/d-valid.XML")}, cancelOnRead{cancel}, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "interrupted: 2 files not checked") {
		t.Errorf("stderr %q", stderr.String())
	}
	unchecked := []string{"<stdin>", p("sub/deeper/d-valid.XML")}

	t.Run("text", func(t *testing.T) {
		for _, s := range []string{
			p("b-invalid.xml") + ":2:3: error:",
			"<stdin>: not checked: the run was interrupted\n",
			p("sub/deeper/d-valid.XML") + ": not checked: the run was interrupted\n",
			"2 files checked: 2 errors, 0 warnings (1 file with errors); 2 files not checked; INCOMPLETE: the run was interrupted\n",
		} {
			if !strings.Contains(stdout.String(), s) {
				t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		var rep validate.Report
		readJSON(t, o("r.json"), &rep)
		if !rep.Incomplete || !rep.Interrupted || len(rep.Files) != 2 || rep.Summary.Files != 2 || len(rep.Unchecked) != 2 {
			t.Fatalf("report %+v", rep)
		}
		for i, u := range rep.Unchecked {
			if u.Path != unchecked[i] || u.Reason != "the run was interrupted" {
				t.Errorf("unchecked %d: %+v", i, u)
			}
		}
		for _, f := range rep.Files {
			if f.Path == "<stdin>" || strings.HasSuffix(f.Path, "d-valid.XML") {
				t.Errorf("an input not checked is listed: %+v", f)
			}
		}
	})
	t.Run("sarif", func(t *testing.T) {
		validateSARIF(t, o("r.sarif"))
		var log sarifInvocations
		readJSON(t, o("r.sarif"), &log)
		inv := log.Runs[0].Invocations
		if len(inv) != 1 || inv[0].ExecutionSuccessful || inv[0].ExitCode != exitUsage || len(inv[0].ToolExecutionNotifications) != 2 {
			t.Fatalf("invocations %+v", inv)
		}
		if n := inv[0].ToolExecutionNotifications[0]; n.Level != "error" || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "stdin" {
			t.Errorf("notification %+v", n)
		}
	})
	t.Run("junit", func(t *testing.T) {
		var doc struct {
			Tests  int `xml:"tests,attr"`
			Errors int `xml:"errors,attr"`
			Suites []struct {
				Errors int `xml:"errors,attr"`
				Cases  []struct {
					Name   string `xml:"name,attr"`
					Errors []struct {
						Message string `xml:"message,attr"`
					} `xml:"error"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		data, err := os.ReadFile(o("r.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Tests != 4 || doc.Errors != 2 || doc.Suites[0].Errors != 2 || len(doc.Suites[0].Cases) != 4 {
			t.Fatalf("junit %+v", doc)
		}
		for i, c := range doc.Suites[0].Cases[2:] {
			if c.Name != unchecked[i] || len(c.Errors) != 1 || c.Errors[0].Message != "not checked: the run was interrupted" {
				t.Errorf("case %+v", c)
			}
		}
	})
	t.Run("github", func(t *testing.T) {
		data, err := os.ReadFile(o("r.gh"))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"::error file=stdin,title=customslint not checked::not checked: the run was interrupted\n", "INCOMPLETE"} {
			if !strings.Contains(string(data), s) {
				t.Errorf("github output lacks %q:\n%s", s, data)
			}
		}
	})
}

// sarifInvocations is the part of a SARIF log that says how the run went.
type sarifInvocations struct {
	Runs []struct {
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ExitCode                   int  `json:"exitCode"`
			ToolExecutionNotifications []struct {
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// validateSARIF checks a SARIF file against the OASIS SARIF 2.1.0 schema.
func validateSARIF(t *testing.T, path string) {
	t.Helper()
	off := oracle.OfficialDir(t)
	schema, err := jsonschema.NewCompiler().Compile(filepath.Join(off, "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate against the OASIS schema: %v", err)
	}
}

// TestCompleteRunSARIFInvocation: a run that checked everything says so.
func TestCompleteRunSARIFInvocation(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, "", "check", "--schemas", schemas, "--format", "sarif", "--output", "r.sarif", "b-invalid.xml", "a-valid.xml")
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	validateSARIF(t, filepath.Join(dir, "r.sarif"))
	var log sarifInvocations
	readJSON(t, filepath.Join(dir, "r.sarif"), &log)
	if inv := log.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || inv[0].ExitCode != exitFindings || len(inv[0].ToolExecutionNotifications) != 0 {
		t.Errorf("invocations %+v", inv)
	}
}

// blockedRun starts customslint on b-invalid.xml and stdin, which the
// test holds open, with a text report on stderr besides the JSON report
// asked for: it returns once b-invalid.xml's findings are on stderr, when
// the run is waiting for stdin.
func blockedRun(t *testing.T, dir string, args ...string) (*exec.Cmd, io.WriteCloser, *bytes.Buffer) {
	t.Helper()
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	args = append([]string{"check", "--schemas", schemas, "--format", "json", "--jobs", "1", "--report", "text=/dev/stderr"}, args...)
	cmd := exec.Command(os.Args[0], append(args, "b-invalid.xml", "-")...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.Dir = dir
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	seen := make(chan bool, 1)
	go func() {
		var got []byte
		buf := make([]byte, 4096)
		for {
			n, err := errPipe.Read(buf)
			got = append(got, buf[:n]...)
			if bytes.Contains(got, []byte("b-invalid.xml:2:3: error")) {
				seen <- true
				io.Copy(io.Discard, errPipe)
				return
			}
			if err != nil {
				seen <- false
				return
			}
		}
	}()
	select {
	case ok := <-seen:
		if !ok {
			t.Fatal("the run ended before checking b-invalid.xml")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("b-invalid.xml was not checked in 30 s")
	}
	return cmd, in, &stdout
}

func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestKilledRunKeepsThePreviousReport: SIGKILL in the middle of a run
// leaves the previous report whole (the old code truncated it at the
// start).
func TestKilledRunKeepsThePreviousReport(t *testing.T) {
	dir := fixtureDir(t)
	old := filepath.Join(dir, "out.json")
	if err := os.WriteFile(old, []byte("previous report\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, in, _ := blockedRun(t, dir, "--output", "out.json")
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	in.Close()
	cmd.Wait()
	if data, err := os.ReadFile(old); err != nil || string(data) != "previous report\n" {
		t.Fatalf("previous report: %q %v", data, err)
	}
}

// TestInterruptedRunKeepsThePreviousReport: after SIGINT the previous
// report stays and no temporary file is left; where there was none, the
// report is written, marked interrupted, with the file checked and not
// the one that was not.
func TestInterruptedRunKeepsThePreviousReport(t *testing.T) {
	dir := fixtureDir(t)
	old := filepath.Join(dir, "out.json")
	if err := os.WriteFile(old, []byte("previous report\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	interrupt := func(args ...string) (int, []byte) {
		cmd, in, stdout := blockedRun(t, dir, args...)
		defer in.Close()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		// stdin stays open: the interruption ends the wait for it.
		return exitCode(t, cmd), stdout.Bytes()
	}
	if code, _ := interrupt("--output", "out.json"); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	if data, err := os.ReadFile(old); err != nil || string(data) != "previous report\n" {
		t.Fatalf("previous report: %q %v", data, err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.json.*")); len(tmps) > 0 {
		t.Errorf("left behind: %v", tmps)
	}

	// Where there was no report, the interrupted one is written, marked.
	os.Remove(old)
	if code, _ := interrupt("--output", "out.json"); code != exitUsage {
		t.Errorf("exit %d", code)
	}
	var rep validate.Report
	readJSON(t, old, &rep)
	if !rep.Interrupted || len(rep.Files) != 1 || rep.Files[0].Path != "b-invalid.xml" || len(rep.Unchecked) != 1 || rep.Unchecked[0].Path != "<stdin>" {
		t.Errorf("report %+v", rep)
	}

	// On stdout, the same marks.
	code, stdout := interrupt()
	rep = validate.Report{}
	if err := json.Unmarshal(stdout, &rep); err != nil || code != exitUsage || !rep.Interrupted || len(rep.Files) != 1 || len(rep.Unchecked) != 1 {
		t.Errorf("stdout: exit %d, report %+v %v", code, rep, err)
	}
}

// TestOutputReplacedWhenComplete: a complete run replaces the report in
// one step, keeps its permissions and leaves no temporary file.
func TestOutputReplacedWhenComplete(t *testing.T) {
	dir := fixtureDir(t)
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	old := filepath.Join(dir, "out.json")
	if err := os.WriteFile(old, []byte("previous report\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cli(t, dir, "", "check", "--schemas", schemas, "--format", "json", "--output", "out.json", "b-invalid.xml")
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep validate.Report
	readJSON(t, old, &rep)
	if len(rep.Files) != 1 || rep.Incomplete {
		t.Errorf("report %+v", rep)
	}
	if st, err := os.Stat(old); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v %v", st.Mode(), err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.json.*")); len(tmps) > 0 {
		t.Errorf("left behind: %v", tmps)
	}
	// A destination that is not a regular file is written directly.
	if r := cli(t, dir, "", "check", "--schemas", schemas, "--output", os.DevNull, "b-invalid.xml"); r.code != exitFindings {
		t.Errorf("--output %s: exit %d %s", os.DevNull, r.code, r.stderr)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode().IsRegular() {
		t.Errorf("%s replaced: %v %v", os.DevNull, st.Mode(), err)
	}
}

// TestFileNamesThatWouldGarbleALine: names with a colon or a line break
// are quoted in text; GitHub's own escapes keep them in github.
func TestFileNamesThatWouldGarbleALine(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a:b.xml", "new\nline.xml", "plain.xml"} {
		writeFile(t, filepath.Join(dir, name), invalidP4)
	}
	schemas := abs(t, filepath.Join(repoRoot, "testdata/schemas/ctc-p4-mini"))
	r := cli(t, dir, "", "check", "--schemas", schemas, "a:b.xml", "new\nline.xml", "plain.xml")
	for _, s := range []string{"\n\"a:b.xml\":2:3: error:", "\n\"new\\nline.xml\":2:3: error:", "\nplain.xml:2:3: error:"} {
		if !strings.Contains("\n"+r.stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
		}
	}
	line := regexp.MustCompile(`^("(\\.|[^"\\])*"|[^":\n]+):\d+:\d+: (error|warning|info): `)
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n")[:9] {
		if strings.HasSuffix(l, ": checked as ctc-p4 CC015B") {
			continue // the profile of the file whose findings follow
		}
		if !line.MatchString(l) {
			t.Errorf("line %q cannot be read back", l)
		}
	}
	r = cli(t, dir, "", "check", "--schemas", schemas, "--format", "github", "a:b.xml", "new\nline.xml")
	for _, s := range []string{"::error file=a%3Ab.xml,line=2,col=3,", "::error file=new%0Aline.xml,line=2,col=3,"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("github output lacks %q:\n%s", s, r.stdout)
		}
	}
}

// denseDeclaration writes a CDS declaration of nearly 10 MiB in which every
// goods item is wrong many times over (about 140,000 schema errors).
func denseDeclaration(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "messages", "cds", "declaration-imz.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	start := strings.Index(s, "      <GovernmentAgencyGoodsItem>")
	end := strings.Index(s, "</GovernmentAgencyGoodsItem>\n") + len("</GovernmentAgencyGoodsItem>\n")
	docStart := strings.Index(s[start:], "        <AdditionalDocument>") + start
	docEnd := strings.Index(s[start:], "</AdditionalDocument>\n") + start + len("</AdditionalDocument>\n")
	if start < 0 || end < start || docStart < start || docEnd > end {
		t.Fatal("the test declaration has changed")
	}
	item := s[start:docStart] + strings.Repeat("<AdditionalDocument><TypeCode>9350</TypeCode></AdditionalDocument>\n", 200) + s[docEnd:end]
	item = strings.NewReplacer("310.5", "heavy", ">288<", ">light<", "4820.00", "lots", "<CountryCode>CN</CountryCode>", "<CountryCode>C9</CountryCode>").Replace(item)
	var b strings.Builder
	b.WriteString(s[:start])
	for b.Len()+len(item)+len(s)-end < 10<<20-64<<10 {
		b.WriteString(item)
	}
	b.WriteString(s[end:])
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostileReportStaysSmall checks a declaration of nearly 10 MiB with
// 140,000 findings in a child process per format: the report holds 1,000
// findings and the closing one, and the child's peak RSS stays under
// 100 MB (before the cap: 330 MB text, 740 MB JSON, 1.2 GB SARIF).
func TestHostileReportStaysSmall(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("checks 30 MB of messages; memory figures mean nothing under the race detector")
	}
	dir := t.TempDir()
	denseDeclaration(t, filepath.Join(dir, "dense.xml"))
	for _, format := range []string{"text", "json", "sarif"} {
		cmd := exec.Command(os.Args[0], "check", "--format", format, "--output", "out."+format, "dense.xml")
		cmd.Env = append(os.Environ(), mainEnv+"=1")
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != exitFindings {
			t.Fatalf("%s: %v %s", format, err, stderr.String())
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		data, err := os.ReadFile(filepath.Join(dir, "out."+format))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: peak RSS %d MB, report %d KB", format, rss>>10, len(data)>>10)
		if rss > 100<<10 {
			t.Errorf("%s: peak RSS %d MB, want under 100 MB", format, rss>>10)
		}
		if len(data) > 2<<20 {
			t.Errorf("%s: report of %d bytes", format, len(data))
		}
		closing := regexp.MustCompile(`(\d+) findings more from here on not shown \((\d+) errors\)`).FindSubmatch(data)
		if closing == nil || string(closing[1]) != string(closing[2]) {
			t.Fatalf("%s: no closing finding", format)
		}
		if format == "json" {
			var rep validate.Report
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			f := rep.Files[0].Findings
			if len(f) != validate.DefaultMaxFindings+1 || f[len(f)-1].Rule != "max-findings" || rep.Summary.Errors != len(f) {
				t.Errorf("json: %d findings, last %+v, summary %+v", len(f), f[len(f)-1], rep.Summary)
			}
			var more int
			fmt.Sscan(string(closing[1]), &more)
			if more < 100000 {
				t.Errorf("json: only %d findings left out: the input is not as hostile as meant", more)
			}
		}
	}
}
