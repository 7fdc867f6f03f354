package validate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// bigDeclaration is HMRC-shaped declaration grown to about 10 MB with 5,500
// goods items, each with schema and code list errors: a check of it takes
// a second or more (and minutes of CPU for the JDK).
func bigDeclaration(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("../testdata/messages/cds/declaration-imz.xml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "<GovernmentAgencyGoodsItem>")
	end := strings.Index(s, "</GovernmentAgencyGoodsItem>") + len("</GovernmentAgencyGoodsItem>")
	item := strings.NewReplacer(`currencyID="GBP"`, `currencyID="G"`, "<CountryCode>CN</CountryCode>", "<CountryCode>C</CountryCode>",
		"<TypeCode>CT</TypeCode>", "<TypeCode>C</TypeCode>").Replace(s[start:end])
	var b bytes.Buffer
	b.WriteString(s[:start])
	for i := 0; i < 5500; i++ {
		b.WriteString(strings.Replace(item, "<SequenceNumeric>1<", fmt.Sprintf("<SequenceNumeric>%d<", i+1), 1))
		b.WriteString("\n")
	}
	b.WriteString(s[end:])
	return b.Bytes()
}

// watchdog fails the test when f has not returned long after the
// context's deadline: a guard against a stage that ignores its context,
// not a speed measurement.
func watchdog(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("still running 10 s after the context ended")
	}
}

// wantStopped requires the outcome of a check whose context ended: the
// context's error and no report claiming anything (Findings nil: the CLI
// writes no entry).
func wantStopped(t *testing.T, rep validate.FileReport, err, ctxErr error) {
	t.Helper()
	if !errors.Is(err, ctxErr) {
		t.Errorf("error %v, want one wrapping %v", err, ctxErr)
	}
	if rep.Findings != nil || rep.MessageType != validate.TypeUnknown {
		t.Errorf("a stopped check reported %s with %d findings:\n%.2000s", rep.MessageType, len(rep.Findings), dump(rep.Findings))
	}
}

// TestCheckStopsAtItsDeadline: a check that takes a second or more, given
// 100 ms, returns the deadline's error, from bytes and from a streamed
// file, and a check cancelled half way returns context.Canceled.
func TestCheckStopsAtItsDeadline(t *testing.T) {
	e := newEngine(t, validate.Options{Select: []string{"cds-codelist"}, MaxFindings: -1}) // every error, to count them below
	data := bigDeclaration(t)
	path := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The schema is compiled before: the deadline falls in the check.
	small, err := os.ReadFile("../testdata/messages/cds/declaration-imz.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rep := check(t, e, string(small)); rep.MessageType != "CDS-DEC" {
		t.Fatalf("warm-up: %s", dump(rep.Findings))
	}
	checks := map[string]func(ctx context.Context) (validate.FileReport, error){
		"Check":     func(ctx context.Context) (validate.FileReport, error) { return e.Check(ctx, "big.xml", data) },
		"CheckFile": func(ctx context.Context) (validate.FileReport, error) { return e.CheckFile(ctx, "big.xml", path) },
	}
	for name, f := range checks {
		t.Run(name+"/deadline", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			watchdog(t, func() {
				rep, err := f(ctx)
				wantStopped(t, rep, err, context.DeadlineExceeded)
			})
		})
		t.Run(name+"/cancel", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			time.AfterFunc(50*time.Millisecond, cancel)
			watchdog(t, func() {
				rep, err := f(ctx)
				wantStopped(t, rep, err, context.Canceled)
			})
		})
	}
	// Without a deadline the same check runs to its end.
	rep, err := e.Check(context.Background(), "big.xml", data)
	if err != nil || rep.Count(rules.Error) < 5500 {
		t.Errorf("without a deadline: %v, %d errors", err, rep.Count(rules.Error))
	}
}

// TestRulesStopBetweenRules: the rules stage looks at the context between
// two rules: a context cancelled while a rule runs stops the check before
// the next rule.
func TestRulesStopBetweenRules(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ran := false
	first := &rules.Rule{ID: "test-a-cancels", Summary: "s", Doc: "d", Severity: rules.Error, Check: func(p *rules.Pass) {
		p.Reportf(p.Root, "first")
		cancel()
	}}
	second := &rules.Rule{ID: "test-b-after", Summary: "s", Doc: "d", Severity: rules.Error, Check: func(p *rules.Pass) {
		ran = true
	}}
	e := newEngine(t, validate.Options{Schemas: []string{p4Mini}, Rules: append(rules.All(), first, second), Select: []string{"test-*"}})
	rep, err := e.Check(ctx, "m.xml", []byte(validCC015B))
	wantStopped(t, rep, err, context.Canceled)
	if ran {
		t.Error("the rule after the cancellation ran")
	}
}

// TestJSONCheckStopsAtItsDeadline: a JSON message's check, cancelled
// before it starts, reports nothing and the context's error.
func TestJSONCheckStopsAtItsDeadline(t *testing.T) {
	e := newEngine(t, validate.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := e.Check(ctx, "m.json", []byte(`{"n1:CC015C": {}}`))
	wantStopped(t, rep, err, context.Canceled)
}

// askCounter is a context that counts the looks at its Err and is
// cancelled from look number cancelAt (never when it is negative): the
// check, not a clock, decides where the cancellation falls.
type askCounter struct {
	context.Context
	asks, cancelAt int
}

func (c *askCounter) Err() error {
	c.asks++
	if c.cancelAt >= 0 && c.asks > c.cancelAt {
		return context.Canceled
	}
	return nil
}

// TestJSONSchemaStageHonoursItsContext: a large JSON message whose check
// ends in its JSON Schema stage (5,000 wrong items) returns
// context.Canceled and no report wherever the cancellation falls, down to
// the stage's last look at its context.
func TestJSONSchemaStageHonoursItsContext(t *testing.T) {
	e := newEngine(t, validate.Options{Profile: validate.ProfileCTCP5})
	js := cc015cJSON(t, e)
	// Phase 5 leaves Consignment's absent arrays out of the JSON.
	msg := []byte(replace(t, js, `"Consignment": {`, `"Consignment": {"TransportEquipment": [`+strings.Repeat(`{"x": 1}, `, 4999)+`{}],`))
	full := &askCounter{Context: context.Background(), cancelAt: -1}
	rep, err := e.Check(full, "big.json", msg)
	if err != nil || !hasRule(rep, rules.JSONSchemaID) || hasRule(rep, "xsd") {
		t.Fatalf("uncancelled: %v %s", err, dump(rep.Findings[:min(3, len(rep.Findings))]))
	}
	if full.asks < 3 {
		t.Fatalf("the check looked at its context %d times", full.asks)
	}
	for at := 0; at < full.asks; at++ {
		ctx := &askCounter{Context: context.Background(), cancelAt: at}
		rep, err := e.Check(ctx, "big.json", msg)
		wantStopped(t, rep, err, context.Canceled)
	}
}
