// Command bench times customslint against xmllint and, where java is
// installed, the JDK's javax.xml.validation, on the same files built at run
// time from HMRC's official material:
//
//	(a) every schema-valid CDS declaration sample (declarations, amendments,
//	    goods presentations) copied 4 times;
//	(b) one declaration grown to 999 goods items;
//	(c) the schema-valid CTC phase 5 and phase 6 examples;
//	(d) (b) with its additional documents repeated to near the 10 MiB
//	    CSP limit.
//
// customslint runs `check --format json` with its embedded schemas and every
// rule; xmllint runs `--noout --schema` with HMRC's bundle (one process per
// schema entry); the JDK validates in one JVM per schema entry and reports
// its in-process time too. Runs alternate between the tools; the table shows
// medians and ratios, and customslint's peak RSS.
//
//	go run ./bench [-runs 5] [-official ../shared/official]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/customslint/customslint/bench/manifest"
)

func main() {
	runs := flag.Int("runs", 5, "alternating runs per tool")
	official := flag.String("official", "", "HMRC's official material (default $CUSTOMSLINT_OFFICIAL or ../shared/official)")
	out := flag.String("out", filepath.Join("bench", "out"), "work folder (inputs, binaries)")
	before := flag.String("before", "", "also time customslint built at this git revision (a tag, a commit), in the same alternating runs: before and after from one run")
	flag.Parse()
	if err := run(*runs, *official, *out, *before); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall    time.Duration
	inProc  time.Duration // JDK only
	maxRSS  int64         // KiB, largest process of the run
	failure string
}

func run(runs int, official, out, before string) error {
	if official == "" {
		official = os.Getenv("CUSTOMSLINT_OFFICIAL")
	}
	if official == "" {
		official = filepath.Join("..", "shared", "official")
	}
	official, _ = filepath.Abs(official)
	if _, err := os.Stat(official); err != nil {
		return fmt.Errorf("official material not found at %s (-official DIR)", official)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	bin := filepath.Join(out, "customslint")
	fmt.Println("building customslint ...")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/customslint").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	beforeBin := ""
	if before != "" {
		beforeBin = filepath.Join(out, "customslint-before")
		fmt.Printf("building customslint at %s ...\n", before)
		if err := buildAt(before, beforeBin); err != nil {
			return err
		}
	}
	xmllint, _ := exec.LookPath("xmllint")
	if xmllint == "" {
		return fmt.Errorf("xmllint not found (apt-get install libxml2-utils)")
	}
	java := ""
	if j, err := exec.LookPath("java"); err == nil {
		if jc, err := exec.LookPath("javac"); err == nil {
			if b, err := exec.Command(jc, "-d", filepath.Join(out, "jdk"), filepath.Join("bench", "jdk", "Validate.java")).CombinedOutput(); err != nil {
				return fmt.Errorf("javac: %v\n%s", err, b)
			}
			java = j
		}
	}
	// The inputs are built by another program (bench/inputs, which
	// imports the engine): a child's peak RSS counts the memory of the
	// process that started it (Go starts children sharing its address space
	// until exec), so the timing process must stay small. It imports only
	// the standard library and the manifest types.
	fmt.Println("building inputs ...")
	builder := filepath.Join(out, "inputs-builder")
	if b, err := exec.Command("go", "build", "-o", builder, "./bench/inputs").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	if b, err := exec.Command(builder, "-official", official, "-out", out).CombinedOutput(); err != nil {
		return fmt.Errorf("building inputs: %v\n%s", err, b)
	}
	var inputs []manifest.Input
	listing, err := os.ReadFile(filepath.Join(out, "inputs.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(listing, &inputs); err != nil {
		return err
	}

	fmt.Printf("\n%d alternating runs; wall time medians (xmllint and the JDK: the sum over their schema entries)\n\n", runs)
	fmt.Printf("%-34s %6s %8s  %10s %10s %10s %10s  %8s %9s %9s\n", "input", "files", "MB", "customslint", "xmllint", "JDK", "JDK in-JVM", "cl/xmllint", "JDK/cl", "peak RSS")
	for _, in := range inputs {
		var cl, bef, xl, jdk []sample
		for r := 0; r < runs; r++ {
			// With a before binary, the two take turns to go first: the
			// process that follows the JDK's runs is the slower by up to a
			// fifth on (a), whichever binary it is.
			if beforeBin != "" && r%2 == 1 {
				bef = append(bef, runCustomslint(beforeBin, in))
			}
			cl = append(cl, runCustomslint(bin, in))
			if beforeBin != "" && r%2 == 0 {
				bef = append(bef, runCustomslint(beforeBin, in))
			}
			xl = append(xl, runGroups(in, func(g manifest.Group) []string {
				return append([]string{xmllint, "--noout", "--schema", g.Entry}, g.Files...)
			}))
			if java != "" {
				jdk = append(jdk, runGroups(in, func(g manifest.Group) []string {
					// HMRC's services raise the JDK's limit on content model
					// size (jdk.xml.maxOccurLimit), which the CTC schemas exceed.
					return append([]string{java, "-Djdk.xml.maxOccurLimit=100000", "-cp", filepath.Join(out, "jdk"), "Validate", g.Entry}, g.Files...)
				}))
			}
		}
		for _, s := range append(append(append(append([]sample{}, cl...), bef...), xl...), jdk...) {
			if s.failure != "" {
				return fmt.Errorf("%s: %s", in.Name, s.failure)
			}
		}
		c, x := median(cl, false), median(xl, false)
		j, jin := "-", "-"
		jr := "-"
		if len(jdk) > 0 {
			jw := median(jdk, false)
			j, jin = secs(jw), secs(median(jdk, true))
			jr = fmt.Sprintf("%.1fx", float64(jw)/float64(c))
		}
		rss := maxRSS(cl)
		fmt.Printf("%-34s %6d %8.1f  %10s %10s %10s %10s  %8.2fx %9s %7.0fMB", in.Name, in.NFiles, float64(in.Bytes)/1e6, secs(c), secs(x), j, jin, float64(c)/float64(x), jr, float64(rss)/1024)
		if in.PeakRSS {
			fmt.Printf(" (%.1fx the file)", float64(rss*1024)/float64(in.Bytes))
		}
		fmt.Println()
		if len(bef) > 0 {
			b := median(bef, false)
			fmt.Printf("%34s before (%s): %s, %.2fx xmllint, peak RSS %.0f MB; now/before %.2fx\n", "", before, secs(b),
				float64(b)/float64(x), float64(maxRSS(bef))/1024, float64(c)/float64(b))
		}
		if in.PeakRSS && in.Base != "" {
			memoryLine(bin, xmllint, in, rss, maxRSS(xl), runs)
		}
	}
	return nil
}

// buildAt builds cmd/customslint as it was at git revision rev into bin,
// in a temporary worktree of the repository.
func buildAt(rev, bin string) error {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "customslint-before-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if b, err := exec.Command("git", "worktree", "add", "--detach", dir, rev).CombinedOutput(); err != nil {
		return fmt.Errorf("git worktree add %s: %v\n%s", rev, err, b)
	}
	defer exec.Command("git", "worktree", "remove", "--force", dir).Run()
	build := exec.Command("go", "build", "-o", abs, "./cmd/customslint")
	build.Dir = dir
	if b, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build at %s: %v\n%s", rev, err, b)
	}
	return nil
}

// memoryLine splits the peak RSS of (b) into what each tool needs whatever
// the input (its peak on the declaration (b) was grown from: binary,
// libraries, compiled schema) and what grows with the file.
func memoryLine(bin, xmllint string, in manifest.Input, clRSS, xlRSS int64, runs int) {
	var clBase, xlBase []sample
	for r := 0; r < runs; r++ {
		clBase = append(clBase, exec1([]string{bin, "check", "--format", "json", "--output", os.DevNull, "--profile", "cds", in.Base}))
		xlBase = append(xlBase, exec1([]string{xmllint, "--noout", "--schema", in.Groups[0].Entry, in.Base}))
	}
	part := func(name string, peak, base int64) string {
		grown := float64(peak-base) * 1024
		return fmt.Sprintf("%s %.0f MB = %.0f MB on the %.0f KB original + %.1f MB (%.1fx the file's growth)", name,
			float64(peak)/1024, float64(base)/1024, float64(in.BaseBytes)/1e3, grown/1e6, grown/float64(in.Bytes-in.BaseBytes))
	}
	fmt.Printf("%34s peak RSS: %s; %s\n", "", part("customslint", clRSS, maxRSS(clBase)), part("xmllint", xlRSS, maxRSS(xlBase)))
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

func median(ss []sample, inProc bool) time.Duration {
	var ds []time.Duration
	for _, s := range ss {
		if inProc {
			ds = append(ds, s.inProc)
		} else {
			ds = append(ds, s.wall)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func maxRSS(ss []sample) int64 {
	var m int64
	for _, s := range ss {
		m = max(m, s.maxRSS)
	}
	return m
}

// exec1 runs one command and measures it. Exit status 1 is a verdict
// (findings, invalid files), not a failure.
func exec1(argv []string) sample {
	cmd := exec.CommandContext(context.Background(), argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = ru.Maxrss
	}
	if m := regexp.MustCompile(`inprocess_ms=(\d+)`).FindSubmatch(stdout.Bytes()); m != nil {
		ms, _ := strconv.Atoi(string(m[1]))
		s.inProc = time.Duration(ms) * time.Millisecond
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() <= 4 && !strings.Contains(stderr.String(), "Exception in thread") {
		// xmllint: 3 = invalid files; customslint: 1 = error findings
		err = nil
	}
	if err != nil {
		s.failure = fmt.Sprintf("%s: %v\n%s", filepath.Base(argv[0]), err, trim(stderr.String()))
	}
	return s
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

func runCustomslint(bin string, in manifest.Input) sample {
	var total sample
	for profile, dirs := range in.Dirs {
		s := exec1(append([]string{bin, "check", "--format", "json", "--output", os.DevNull, "--profile", profile}, dirs...))
		total.wall += s.wall
		total.maxRSS = max(total.maxRSS, s.maxRSS)
		if s.failure != "" {
			total.failure = s.failure
		}
	}
	return total
}

func runGroups(in manifest.Input, argv func(manifest.Group) []string) sample {
	var total sample
	for _, g := range in.Groups {
		s := exec1(argv(g))
		total.wall += s.wall
		total.inProc += s.inProc
		total.maxRSS = max(total.maxRSS, s.maxRSS)
		if s.failure != "" {
			total.failure = s.failure
		}
	}
	return total
}
