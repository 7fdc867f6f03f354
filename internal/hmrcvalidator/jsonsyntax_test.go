package hmrcvalidator

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONSyntax gives Jackson's message, as HMRC's service answers it,
// for each kind of JSON that does not parse.
func TestJSONSyntax(t *testing.T) {
	for in, want := range map[string]string{
		"{'ABC':}":          "Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [line: 1, column: 3]",
		"{ nope }":          "Unexpected character ('n' (code 110)): was expecting double-quote to start field name\n at [line: 1, column: 4]",
		"{":                 "Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1])\n at [line: 1, column: 2]",
		"[1,\n  2":          "Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 1])\n at [line: 2, column: 4]",
		"{\"a\":1}\n}":      "Unexpected close marker '}': expected ']' (for root starting at [line: 1, column: 0])\n at [line: 2, column: 2]",
		"[1}":               "Unexpected close marker '}': expected ']' (for Array starting at [line: 1, column: 1])\n at [line: 1, column: 4]",
		"{\"a\" 1}":         "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value\n at [line: 1, column: 7]",
		"{\"a\":1 \"b\":2}": "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries\n at [line: 1, column: 9]",
		"[1 2]":             "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries\n at [line: 1, column: 5]",
		"{\"a\":tru}":       "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [line: 1, column: 9]",
		"{\"a\":01}":        "Invalid numeric value: Leading zeroes not allowed\n at [line: 1, column: 7]",
		"{\"a\":\"x":        "Unexpected end-of-input: was expecting closing quote for a string value\n at [line: 1, column: 8]",
		"{\"a\":\"\\q\"}":   "Unrecognized character escape 'q' (code 113)\n at [line: 1, column: 9]",
		"{\"a\":\"\x01\"}":  "Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value\n at [line: 1, column: 8]",
		"":                  "No content to map due to end-of-input\n at [line: 1, column: 1]",
		"{\"a\":#}":         "Unexpected character ('#' (code 35)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [line: 1, column: 7]",
	} {
		got, bad := JSONSyntax([]byte(in))
		if !bad || got != want {
			t.Errorf("JSONSyntax(%q) = %q, %v\nwant %q", in, got, bad, want)
		}
	}
	for _, ok := range []string{`{}`, `[]`, ` {"a": [1, -2.5e3, true, null, "\u00e9\n"]} `, `{"a":{"b":[[]]}}`} {
		if msg, bad := JSONSyntax([]byte(ok)); bad {
			t.Errorf("JSONSyntax(%q): %s", ok, msg)
		}
	}
}

// TestJSONSyntaxDeep: nesting to Jackson's limit is read, deeper is
// refused with Jackson's message (and not held).
func TestJSONSyntaxDeep(t *testing.T) {
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	if msg, bad := JSONSyntax([]byte(ok)); bad {
		t.Fatal(msg)
	}
	deep := strings.Repeat("[", 1<<20) + strings.Repeat("]", 1<<20)
	want := "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)\n at [line: 1, column: 1002]"
	if msg, bad := JSONSyntax([]byte(deep)); !bad || msg != want {
		t.Fatalf("%q, want %q", msg, want)
	}
}

// FuzzJSONSyntax: JSON that Go reads is JSON Jackson reads (HMRC's
// parser takes what the standard takes), and no input makes JSONSyntax
// fail without a message.
func FuzzJSONSyntax(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2]}`, `{'ABC':}`, `[1,]`, `"\u12`, `-`, `0.`, `1e`, "{\"a\":\"é\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, bad := JSONSyntax(data)
		if bad && msg == "" {
			t.Fatal("refused without a message")
		}
		if bad && json.Valid(data) && !strings.HasPrefix(msg, "Document nesting depth") {
			t.Fatalf("refused valid JSON %q: %s", data, msg)
		}
	})
}
