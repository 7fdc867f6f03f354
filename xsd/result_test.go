package xsd_test

import (
	"context"
	"errors"
	"testing"

	"github.com/customslint/customslint/xsd"
)

// split unpacks ParseDocument's result, for tests that compare its parts.
func split(r xsd.Result, err error) (*xsd.Document, []xsd.Error, []xsd.Error, error) {
	return r.Doc, r.ParseErrors, r.SchemaErrors, err
}

// withSchema parses and validates src in memory.
func withSchema(ctx context.Context, src []byte, s *xsd.Schema, opts ...xsd.Option) (xsd.Result, error) {
	return xsd.ParseDocument(ctx, xsd.Input{Data: src, Schema: s, Options: opts})
}

// fromSource parses src through a Source, validating when s is not nil.
func fromSource(ctx context.Context, r xsd.Source, s *xsd.Schema) (xsd.Result, error) {
	return xsd.ParseDocument(ctx, xsd.Input{Source: r, Schema: s})
}

// TestParseDocumentResult: one Result holds the document and both kinds of
// errors; a document that is not well-formed has no Doc and no schema
// errors; a closed schema is an error, not a crash.
func TestParseDocumentResult(t *testing.T) {
	s := compileOrder(t)
	r, err := withSchema(context.Background(), []byte(`<Order xmlns="urn:test:order"><ID>TOOLONGID</ID><Item seq="x"><Qty>1</Qty></Item></Order>`), s)
	if err != nil || r.Doc == nil || len(r.ParseErrors) != 0 || len(r.SchemaErrors) == 0 {
		t.Fatalf("invalid document: doc %v, parse errors %v, schema errors %v, %v", r.Doc != nil, r.ParseErrors, r.SchemaErrors, err)
	}
	r.Doc.Free()
	r, err = withSchema(context.Background(), []byte(`<Order xmlns="urn:test:order"><ID>`), s)
	if err != nil || r.Doc != nil || len(r.ParseErrors) == 0 || r.SchemaErrors != nil {
		t.Fatalf("not well-formed: doc %v, parse errors %v, schema errors %v, %v", r.Doc != nil, r.ParseErrors, r.SchemaErrors, err)
	}
	r, err = xsd.ParseDocument(context.Background(), xsd.Input{Data: []byte(`<a><b/></a>`)})
	if err != nil || r.Doc == nil || r.SchemaErrors != nil {
		t.Fatalf("without a schema: doc %v, schema errors %v, %v", r.Doc != nil, r.SchemaErrors, err)
	}
	r.Doc.Free()
	closed := compileOrder(t)
	closed.Close()
	if r, err := withSchema(context.Background(), []byte(`<a/>`), closed); !errors.Is(err, xsd.ErrClosed) || r.Doc != nil {
		t.Fatalf("closed schema: doc %v, error %v, want ErrClosed", r.Doc != nil, err)
	}
}
