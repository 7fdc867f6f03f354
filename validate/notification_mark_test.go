package validate

import (
	"bytes"
	"strings"
	"testing"
)

// TestHasDMSNotificationMark: the search for the mark's rarer tail answers
// as bytes.Contains on the whole mark, on strings built from its pieces.
func TestHasDMSNotificationMark(t *testing.T) {
	pieces := []string{"urn:wco:datamodel:WCO:", "RES-DMS:2", "DEC-DMS:2", "urn:", "RES-", "x", " ", "WCO:", "2"}
	var cases []string
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				cases = append(cases, a+b+c, a+b, b+c+a)
			}
		}
	}
	cases = append(cases, "", "RES-DMS:2", string(dmsNotificationMark), "urn:wco:datamodel:WCO:urn:wco:datamodel:WCO:RES-DMS:2")
	hits := 0
	for _, s := range cases {
		want := bytes.Contains([]byte(s), dmsNotificationMark)
		if got := hasDMSNotificationMark([]byte(s)); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
		if want {
			hits++
		}
	}
	if hits == 0 || hits == len(cases) {
		t.Fatalf("%d of %d cases hold the mark", hits, len(cases))
	}
	for _, s := range []string{"CC056C", "<CC056C>", "56C", "C56C", "CC0CC056C", "CC056", "xCC056Cx", "CC05CC056C"} {
		want := bytes.Contains([]byte(s), ie056Mark)
		if got := containsByTail([]byte(s), ie056Mark, ie056Tail); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
	if !bytes.HasSuffix(dmsNotificationMark, dmsMarkTail) || !bytes.HasSuffix(ie056Mark, ie056Tail) {
		t.Fatal("a tail is not the end of its mark")
	}
}

// TestHasLongQuote: the scan is true wherever longQuote matches, so that
// shorten never skips a quote to cut.
func TestHasLongQuote(t *testing.T) {
	long, short := strings.Repeat("a", 120), strings.Repeat("é", 119)
	cases := []string{"", "'" + long + "'", `"` + long + `"`, "'" + long[1:] + "'", "'" + short + "'", `x "` + long + `" y`,
		"'" + long, `'` + long + `"`, "'a' '" + long + "' 'b'", `"` + strings.Repeat("é", 120) + `"`}
	matched := 0
	for _, s := range cases {
		m := longQuote.MatchString(s)
		if m && !hasLongQuote(s) {
			t.Errorf("%.40q: longQuote matches, hasLongQuote says no", s)
		}
		if m {
			matched++
		}
		if !m && !strings.ContainsAny(s, "é") && hasLongQuote(s) {
			t.Errorf("%.40q: hasLongQuote true where longQuote does not match", s)
		}
	}
	if matched < 3 {
		t.Fatalf("only %d cases match longQuote", matched)
	}
}

// TestHasDirective: the search for the directive prefix's tail answers as
// bytes.Contains on the whole prefix.
func TestHasDirective(t *testing.T) {
	if !strings.HasSuffix(directivePrefix, string(directiveTail)) {
		t.Fatalf("%q does not end %q", directivePrefix, directiveTail)
	}
	pieces := []string{"customslint:", "lint:", "customs", "slint:", "<!-- ", "x", "customslint", ":"}
	hits, n := 0, 0
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				s := a + b + c
				n++
				want := strings.Contains(s, directivePrefix)
				if got := hasDirective([]byte(s)); got != want {
					t.Errorf("%q: %v, want %v", s, got, want)
				}
				if want {
					hits++
				}
			}
		}
	}
	if hits == 0 || hits == n {
		t.Fatalf("%d of %d hold the prefix", hits, n)
	}
}
