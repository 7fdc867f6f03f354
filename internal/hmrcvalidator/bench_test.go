package hmrcvalidator

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// hostileLine is a message of about size bytes on one line (no newline),
// with many elements, and the findings libxml2 could report on it: n
// errors spread along the line, half asking for the end of an element
// that holds most of the message, half for a value's end tag. Its
// non-ASCII text makes columns differ from byte offsets.
func hostileLine(size, n int) ([]byte, []validate.Finding) {
	var b bytes.Buffer
	b.WriteString(`<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec"><Outer>`)
	item := `<Item><name>é</name></Item>`
	count := size / len(item)
	cols := make([]int, 0, count)
	col := b.Len() + 1
	for i := 0; i < count; i++ {
		cols = append(cols, col)
		b.WriteString(item)
		col += len([]rune(item))
	}
	b.WriteString(`</Outer></ncts:CC015C>`)
	var fs []validate.Finding
	for i := 0; i < n; i++ {
		c := cols[i*len(cols)/n]
		if i%2 == 0 {
			fs = append(fs, validate.Finding{Rule: rules.XSDID, Severity: rules.Error, Line: 1, Column: 52,
				Message: "Element 'Outer': Missing child element(s). Expected is ( Last ).", Path: "/CC015C/Outer"})
			continue
		}
		fs = append(fs, validate.Finding{Rule: rules.XSDID, Severity: rules.Error, Line: 1, Column: c + len("<Item>"),
			Message: "Element 'name': [facet 'maxLength'] The value has a length of '1'; this exceeds the allowed maximum length of '0'.", Path: fmt.Sprintf("/CC015C/Outer/Item[%d]/name", i)})
	}
	return b.Bytes(), fs
}

// BenchmarkXMLErrorsOneLine words the 1000 errors (the report's cap; 1500
// in Xerces' wording, a facet error being two) of a
// 10 MiB message written on one line.
func BenchmarkXMLErrorsOneLine(b *testing.B) {
	data, fs := hostileLine(10<<20, 1000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if out := XMLErrors(nil, data, fs); len(out) != 1500 {
			b.Fatalf("%d errors", len(out))
		}
	}
}

// BenchmarkJSONSyntaxDeep reads 10 MiB of "[": nesting is refused past
// Jackson's limit rather than held.
func BenchmarkJSONSyntaxDeep(b *testing.B) {
	data := bytes.Repeat([]byte("["), 10<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, bad := JSONSyntax(data); !bad {
			b.Fatal("taken")
		}
	}
}
