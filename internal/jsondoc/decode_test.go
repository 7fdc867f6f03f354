package jsondoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustDecode(t *testing.T, s string) *Doc {
	t.Helper()
	d, err := Decode([]byte(s))
	if err != nil {
		t.Fatalf("Decode(%q): %v", s, err)
	}
	return d
}

func decodeErr(t *testing.T, s string) *Error {
	t.Helper()
	_, err := Decode([]byte(s))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Decode(%.200q): error %v, want an *Error", s, err)
	}
	return e
}

func TestDecodeValues(t *testing.T) {
	d := mustDecode(t, `{"a": [1, -2.50e+3, "x\u00e9\ud83d\ude00\n", true, false, null, {}, []], "b/~": {"c": "0"}}`)
	want := map[string]any{
		"a":   []any{json.Number("1"), json.Number("-2.50e+3"), "xé😀\n", true, false, nil, map[string]any(nil), []any(nil)},
		"b/~": map[string]any{"c": "0"},
	}
	if !reflect.DeepEqual(d.Value, want) {
		t.Errorf("value %#v\nwant %#v", d.Value, want)
	}
	if got := []Member{{"a", 1}, {"b/~", 73}}; !reflect.DeepEqual(d.Top, got) {
		t.Errorf("top members %v, want %v", d.Top, got)
	}
}

func TestDecodeRefuses(t *testing.T) {
	manyValues := `{"a": [` + strings.Repeat("0,", MaxValues-4) + `0], "b": [0, 0]}`
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	cases := []struct {
		name, in string
		offset   int
		pointer  string
		msg      string
	}{
		{"too deep", deep, MaxDepth, "", "nested more than 256 deep"},
		{"too deep in an object", `{"a":` + deep[1:] + `}`, 5 + MaxDepth - 1, "", "nested more than 256 deep"},
		{"duplicate key", `{"a": {"b": 1, "c": 2, "b": 3}}`, 23, "/a/b", `duplicate key "b"`},
		{"duplicate key after escape", `{"a": 1, "\u0061": 2}`, 9, "/a", `duplicate key "a"`},
		{"invalid UTF-8", "{\"a\": [\"ok\", \"caf\xe9\"]}", 17, "/a/1", "invalid UTF-8: byte 0xE9"},
		{"invalid UTF-8 after an escape", "{\"a\": \"\\n\xff\"}", 9, "/a", "invalid UTF-8: byte 0xFF"},
		{"invalid UTF-8 in a key", "{\"a\": {\"k\xc0\": 1}}", 9, "/a", "invalid UTF-8: byte 0xC0"},
		{"lone high surrogate", `{"a": "x\ud800y"}`, 8, "/a", `lone surrogate \uD800`},
		{"lone low surrogate", `{"a": "\udc00"}`, 7, "/a", `lone surrogate \uDC00`},
		{"high surrogate and no low one", `{"a": "\ud800\u0041"}`, 7, "/a", `lone surrogate \uD800`},
		{"control character", "{\"a\": \"x\ty\"}", 8, "/a", "control character U+0009"},
		{"two values", `{} {}`, 3, "", "after the top-level value"},
		{"truncated", `{"a": [1, 2`, 11, "", "unexpected end"},
		{"bad literal", `{"a": tru}`, 9, "", "in literal true"},
		{"bad number", `{"a": -}`, 7, "", "numeric literal"},
		{"byte outside a string", "{\"a\": \xe9}", 6, "", "byte 0xE9"},
		{"bad escape", `{"a": "\x"}`, 8, "", "escape"},
		{"empty", ``, 0, "", "unexpected end"},
		{"too many members", `{"a": [1, {` + members(MaxMembers+1) + `}]}`, 10, "/a/1", fmt.Sprintf("object with %d members", MaxMembers+1)},
		// 2 members, MaxValues-3 items, then 2 more items go over.
		{"too many values", manyValues, strings.Index(manyValues, `"b"`) + 5, "/b", fmt.Sprintf("more than %d values", MaxValues)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := decodeErr(t, c.in)
			if e.Offset != c.offset || e.Pointer != c.pointer || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("error at %d %q: %q\nwant at %d %q: %q", e.Offset, e.Pointer, e.Msg, c.offset, c.pointer, c.msg)
			}
		})
	}
}

// members returns n members "k0": 0, "k1": 1 ...
func members(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d": %d`, i, i)
	}
	return b.String()
}

// TestLimitsAreInclusive: an object of MaxMembers members and a message of
// MaxValues values decode.
func TestLimitsAreInclusive(t *testing.T) {
	mustDecode(t, `{`+members(MaxMembers)+`}`)
	d := mustDecode(t, `{"a": [`+strings.Repeat("0,", MaxValues-2)+`0]}`)
	if n := len(d.Value.(map[string]any)["a"].([]any)); n != MaxValues-1 {
		t.Errorf("%d items, want %d", n, MaxValues-1)
	}
}

// TestSizesCountedAhead: every array is made its size at once (the
// decoder and countChildren agree), strings with brackets included.
func TestSizesCountedAhead(t *testing.T) {
	d := mustDecode(t, `{"a": [1, [2, "]", 3], {"b": [], "[": "{"}, {"c": {"d": 1, "e": [true, null, -1e5]}}], "f": "x\"]"}`)
	walk(t, d, d.Value, "")
	if n := len(d.Value.(map[string]any)["a"].([]any)); n != 4 {
		t.Errorf("%d items, want 4", n)
	}
}

func TestDepthLimitIsInclusive(t *testing.T) {
	in := strings.Repeat(`{"a":`, MaxDepth) + "1" + strings.Repeat("}", MaxDepth)
	mustDecode(t, in)
}

func TestBOMIsSkipped(t *testing.T) {
	d := mustDecode(t, "\xef\xbb\xbf{\"a\":\n  {\"b\": 1}}")
	if line, col := d.PointerPosition(""); line != 1 || col != 1 {
		t.Errorf("root at %d:%d, want 1:1 (the BOM takes no column)", line, col)
	}
	if line, col := d.PointerPosition("/a/b"); line != 2 || col != 9 {
		t.Errorf("/a/b at %d:%d, want 2:9", line, col)
	}
	e := decodeErr(t, "\xef\xbb\xbf{\"a\" 1}")
	if line, col := ErrorPosition([]byte("\xef\xbb\xbf{\"a\" 1}"), e); line != 1 || col != 6 {
		t.Errorf("error at %d:%d, want 1:6", line, col)
	}
}

func TestPointerPositions(t *testing.T) {
	src := "{\n  \"é\": [\n    {\"x\": 1},\n    {\"y\": \"ü\", \"a/b\": [true, null]}\n  ],\n  \"s\": \"{[\\\"]}\", \"t\": 2\n}"
	d := mustDecode(t, src)
	cases := []struct {
		ptr       string
		line, col int
	}{
		{"", 1, 1},
		{"/é", 2, 8},
		{"/é/0", 3, 5},
		{"/é/1/y", 4, 11},
		{"/é/1/a~1b/1", 4, 30},
		{"/s", 6, 8},
		{"/t", 6, 23},
		{"/é/1/missing", 4, 5}, // the nearest value present
		{"/é/7", 2, 8},
		{"/é/01", 2, 8},
		{"/t/x", 6, 23},
	}
	for _, c := range cases {
		if line, col := d.PointerPosition(c.ptr); line != c.line || col != c.col {
			t.Errorf("%q at %d:%d, want %d:%d", c.ptr, line, col, c.line, c.col)
		}
	}
}

func TestWideObjectLookup(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 1000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`"k` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `_` + strconv.Itoa(i) + `": ` + strconv.Itoa(i))
	}
	b.WriteString("}")
	d := mustDecode(t, b.String())
	for _, i := range []int{0, 1, 500, 999} {
		key := `k` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `_` + strconv.Itoa(i)
		if line, _ := d.PointerPosition("/" + key); line != i+1 {
			t.Errorf("%s on line %d, want %d", key, line, i+1)
		}
	}
}

// TestSharedScalars: equal scalars share their box, and their values stay
// right.
func TestSharedScalars(t *testing.T) {
	d := mustDecode(t, `["GB", "GB", 1, 1, "1"]`)
	arr := d.Value.([]any)
	if arr[0] != "GB" || arr[1] != "GB" || arr[2] != json.Number("1") || arr[4] != "1" {
		t.Errorf("values %#v", arr)
	}
}

// FuzzDecode compares Decode with encoding/json: the same value for every
// text both accept, and a refusal only for what encoding/json accepts
// silently changed or unbounded (duplicate keys, invalid UTF-8, lone
// surrogates, nesting over MaxDepth).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2.5e3,"x\u00e9",true,null]}`, `{"a":1,"a":2}`, "\"\xff\"", `"\ud800"`, `[[[[]]]]`, "\xef\xbb\xbf{\"a\": {\"b\": \"c\"}}", `{"a":"\"}"} `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		var want any
		dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
		dec.UseNumber()
		stdErr := dec.Decode(&want)
		if stdErr == nil {
			if _, e := dec.Token(); e != io.EOF {
				stdErr = errors.New("more than one value")
			}
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(data) || e.Msg == "" {
				t.Fatalf("bad error %#v", err)
			}
			ErrorPosition(data, e)
			if stdErr == nil && !strings.Contains(e.Msg, "duplicate key") && !strings.Contains(e.Msg, "UTF-8") &&
				!strings.Contains(e.Msg, "surrogate") && !strings.Contains(e.Msg, "nested more than") {
				t.Fatalf("refused what encoding/json reads: %v", err)
			}
			return
		}
		if stdErr != nil {
			t.Fatalf("accepted what encoding/json refuses (%v): %#v", stdErr, d.Value)
		}
		if !sameValue(d.Value, want) {
			t.Fatalf("value %#v, encoding/json %#v", d.Value, want)
		}
		walk(t, d, d.Value, "")
	})
}

// sameValue compares a decoded value with encoding/json's (whose empty
// objects and arrays are not nil).
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case string:
		return utf8.ValidString(x) && x == b
	}
	return a == b
}

// walk requires every value's pointer to lead to an offset where a value
// of its kind starts.
func walk(t *testing.T, d *Doc, v any, ptr string) {
	off := d.Offset(ptr)
	if off >= len(d.src) {
		t.Fatalf("%q at offset %d of %d", ptr, off, len(d.src))
	}
	c := d.src[off]
	ok := false
	switch x := v.(type) {
	case map[string]any:
		ok = c == '{'
		for k, w := range x {
			walk(t, d, w, ptr+"/"+EscapeToken(k))
		}
	case []any:
		ok = c == '['
		if cap(x) != len(x) {
			t.Fatalf("%q: %d items in a slice made for %d: countChildren disagrees with the decoder", ptr, len(x), cap(x))
		}
		for i, w := range x {
			walk(t, d, w, ptr+"/"+strconv.Itoa(i))
		}
	case string:
		ok = c == '"'
	case json.Number:
		ok = c == '-' || c >= '0' && c <= '9'
	case bool:
		ok = c == 't' || c == 'f'
	case nil:
		ok = c == 'n'
	}
	if !ok {
		t.Fatalf("%q at offset %d: %q", ptr, off, d.src[off:])
	}
	d.Position(off)
}
