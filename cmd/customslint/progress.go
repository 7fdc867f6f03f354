package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/customslint/customslint/validate"
)

// progress shows "checked N/M files" on stderr while a long run goes on,
// when stderr is a terminal. It writes nothing for short runs.
type progress struct {
	w      io.Writer
	total  int
	done   int
	start  time.Time
	last   time.Time
	shown  bool
	active bool
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newProgress(stderr io.Writer, total int) *progress {
	now := time.Now()
	return &progress{w: stderr, total: total, start: now, last: now, active: isTerminal(stderr)}
}

// step counts one more file; it redraws at most ten times a second, after
// the first second.
func (p *progress) step() {
	p.done++
	if !p.active {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rcustomslint: checked %d/%d files", p.done, p.total)
}

// finish clears the line.
func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// ruleSummary counts findings by rule and severity, for --summary.
type ruleSummary struct {
	count map[string]map[validate.Severity]int
	files map[string]int // files with at least one finding of the rule
}

func newRuleSummary() *ruleSummary {
	return &ruleSummary{count: map[string]map[validate.Severity]int{}, files: map[string]int{}}
}

func (s *ruleSummary) add(f validate.FileReport) {
	seen := map[string]bool{}
	for _, x := range f.Findings {
		if s.count[x.Rule] == nil {
			s.count[x.Rule] = map[validate.Severity]int{}
		}
		s.count[x.Rule][x.Severity]++
		if !seen[x.Rule] {
			seen[x.Rule] = true
			s.files[x.Rule]++
		}
	}
}

// write prints one line per rule that reported something.
func (s *ruleSummary) write(w io.Writer) {
	var ids []string
	for id := range s.count {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tERRORS\tWARNINGS\tINFOS\tFILES")
	for _, id := range ids {
		c := s.count[id]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", id, c["error"], c["warning"], c["info"], s.files[id])
	}
	if len(ids) == 0 {
		fmt.Fprintln(tw, strings.Repeat("-\t", 5))
	}
	tw.Flush()
}
