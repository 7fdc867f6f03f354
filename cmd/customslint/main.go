// Command customslint checks UK customs messages (CDS declarations and DMS
// notifications, CTC/NCTS transit messages) before they are sent: XML Schema
// validation against the official message structures and business rules.
//
// Usage:
//
//	customslint check [flags] PATH...
//	customslint convert --to json|xml PATH
//	customslint rules
//	customslint explain RULE
//	customslint serve [--addr HOST:PORT]
//	customslint version
//
// Exit codes: 0 no error finding; 1 at least one error finding; 2 usage,
// configuration or I/O error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

// Exit codes (CONTRACT.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

const usage = `customslint checks UK customs messages before they are sent.

Usage:
  customslint check [flags] PATH...   check files, folders (recursive, *.xml, *.json) or - (stdin)
  customslint convert --to json|xml PATH   the JSON view of an XML message, or the XML of a JSON one
  customslint rules                   list every rule
  customslint explain RULE            show a rule's documentation
  customslint serve --addr 127.0.0.1:8080   HTTP service: /v1/check, /v1/rules, /healthz and
                                      HMRC's /messages/{IEnnn}/validation
  customslint version                 print the version

Run "customslint check -h" for the flags of check.
Exit codes: 0 no error finding, 1 error findings, 2 usage, configuration or I/O error.
`

func main() { os.Exit(mainCode()) }

// mainCode runs the program on the process's arguments and streams; SIGINT
// and SIGTERM cancel it (serve then finishes the requests in flight).
func mainCode() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Package initialisation leaves about 1.5 MB of garbage. Most of it is
	// jsonschema/v6 compiling the meta-schemas of every JSON Schema draft.
	// With GOGC at 400 a check never collects it, so it would stay
	// resident for the whole run. Collecting it now and returning it to
	// the OS costs about a millisecond. Measured on go run ./bench's 5.5 MB
	// declaration: peak RSS down from 21.1 to 20.4 MB (medians of 11 runs).
	debug.FreeOSMemory()
	if os.Getenv("GOGC") == "" {
		// Collect the Go heap less often than the default, which spends a
		// large part of a folder run in the collector; a message's element
		// table is C memory, so this costs little peak memory (measured:
		// the 5.5 MB declaration of go run ./bench peaks at 31 MB with
		// GOGC=100 and 30 MB with 400; 1,380 samples at 30 and 42 MB, in
		// a fifth less time).
		debug.SetGCPercent(400)
	}
	if p := os.Getenv("CUSTOMSLINT_CPUPROFILE"); p != "" {
		// For developers: a CPU profile of the whole run (go tool pprof).
		if f, err := os.Create(p); err == nil && pprof.StartCPUProfile(f) == nil {
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// run is the whole command line program, with its streams as arguments so
// that tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "check":
		return runCheck(ctx, args[1:], stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "convert":
		return runConvert(ctx, args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "customslint: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
