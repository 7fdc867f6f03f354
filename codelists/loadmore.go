package codelists

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// field is the entry's value of a field, found by its exact name or else
// by its name in any case: HMRC's phase 4 offices of transit spell their
// code "ID".
func (e entry) field(k string) any {
	if v, ok := e.fields[k]; ok {
		return v
	}
	for name, v := range e.fields {
		if strings.EqualFold(name, k) {
			return v
		}
	}
	return nil
}

// cdsListID gives the cds- ID of one of HMRC's CDS list files (CDSFiles)
// whose entries are coded as the exports frontend codes them ("code"):
// NCTS's phase 4 customsOffices.json shares the frontend's file name but
// lists transit offices by "id", and must not replace the supervising
// offices.
func cdsListID(name string, es []entry) (string, bool) {
	id, ok := CDSFiles[name]
	if !ok {
		return "", false
	}
	for _, e := range es {
		if e.str("code") == "" {
			return "", false
		}
	}
	return id, true
}

// skipped sorts out why Load could not read a file as code lists. A file
// that cannot be opened or read, or that is over the size limit, is an error. Any other file is not a code
// list: Load skips it, and skipped says so for people (never with Go type
// names): "codelists: DIR/x.json: skipped, not a code list: ...".
func skipped(file string, err error) (string, error) {
	var pe *fs.PathError
	if errors.As(err, &pe) || errors.Is(err, ErrTooLarge) {
		return "", fmt.Errorf("codelists %s: %w", file, err)
	}
	why := plainError(err)
	if strings.HasSuffix(strings.ToLower(file), ".gz") && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum)) {
		why = "not gzip-compressed data, or cut short"
	}
	return fmt.Sprintf("codelists: %s: skipped, not a code list: %s", file, strings.TrimPrefix(why, "not a code list: ")), nil
}

// plainError words the errors of reading JSON (and gzip) for people.
func plainError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON (at byte %d: %s)", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		where := "the top level"
		if typ.Field != "" {
			where = "field " + typ.Field
		}
		return fmt.Sprintf("a JSON %s at %s, where a list has %s", typ.Value, where, jsonKind(typ.Type.Kind().String()))
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names the JSON value a Go kind stands for.
func jsonKind(kind string) string {
	switch kind {
	case "map", "struct":
		return "an object"
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	}
	return "another kind of value"
}
