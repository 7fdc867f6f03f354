package validate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// TestPrewarmErrorIsKept: a message whose schema does not compile makes
// prewarm compile it in the background; the check reports the error, and
// once Close has waited for the compilation PrewarmErr returns it too.
func TestPrewarmErrorIsKept(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cc015b.xsd"), []byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="CC015B" type="Missing"/></xs:schema>`), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := validate.New(validate.Options{Schemas: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.PrewarmErr(); err != nil {
		t.Fatalf("before any check: %v", err)
	}
	if _, err := e.Check(context.Background(), "m.xml", []byte("<CC015B/>")); !errors.Is(err, validate.ErrSchema) {
		t.Fatalf("check: %v, want ErrSchema", err)
	}
	e.Close()
	err = e.PrewarmErr()
	if !errors.Is(err, validate.ErrSchema) || !strings.Contains(err.Error(), "cc015b.xsd") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("PrewarmErr %v, want ErrSchema naming cc015b.xsd in %s", err, dir)
	}
	e.Close() // twice: nothing more
}

// TestCloseEndsPrewarm: Close cancels the context of the compilation
// prewarm waits for and returns once its goroutine has; a cancelled wait
// is not an error of the schema.
func TestCloseEndsPrewarm(t *testing.T) {
	e, err := validate.New(validate.Options{Schemas: []string{p4Mini}})
	if err != nil {
		t.Fatal(err)
	}
	started, ended := make(chan struct{}), make(chan error, 1)
	validate.SetWarm(e, func(ctx context.Context, b *xsd.Bundle, entry string) (*xsd.Schema, error) {
		close(started)
		<-ctx.Done() // a compilation that would outlive the engine
		ended <- ctx.Err()
		return nil, ctx.Err()
	})
	if _, err := e.Check(context.Background(), "m.xml", []byte("<CC015B/>")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the check started no prewarm compilation")
	}
	closed := make(chan struct{})
	go func() {
		e.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close still waiting 10 s on a prewarm compilation")
	}
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the compilation's context ended with %v, want context.Canceled", err)
		}
	default:
		t.Error("Close returned before prewarm's goroutine")
	}
	if err := e.PrewarmErr(); err != nil {
		t.Errorf("PrewarmErr %v after a cancelled wait, want nil", err)
	}
}
