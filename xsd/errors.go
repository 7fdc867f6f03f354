package xsd

import (
	"fmt"
	"strings"
)

// Level is how serious libxml2 considers an error.
type Level int

// libxml2's xmlErrorLevel values.
const (
	LevelNone    Level = 0
	LevelWarning Level = 1
	LevelError   Level = 2
	LevelFatal   Level = 3
)

// String returns "warning", "error" or "fatal".
func (l Level) String() string {
	switch l {
	case LevelWarning:
		return "warning"
	case LevelError:
		return "error"
	case LevelFatal:
		return "fatal"
	}
	return "none"
}

// libxml2 error domains this package distinguishes (xmlErrorDomain).
const (
	DomainParser        = 1  // XML_FROM_PARSER: well-formedness
	DomainNamespace     = 3  // XML_FROM_NAMESPACE
	DomainSchemasParser = 16 // XML_FROM_SCHEMASP: compiling a schema
	DomainSchemasValid  = 17 // XML_FROM_SCHEMASV: validating an instance
	DomainIO            = 8  // XML_FROM_IO
)

// Error is one message from libxml2, with where it applies.
type Error struct {
	Domain  int    // libxml2 error domain (XML_FROM_*)
	Code    int    // libxml2 error code (xmlParserErrors), e.g. 1871 for an unexpected element
	Level   Level  // warning, error or fatal
	Message string // libxml2's text, without the trailing newline
	File    string // for schema compile errors: the schema document, relative to its bundle
	Line    int    // 1-based; 0 when libxml2 gives none
	Column  int    // 1-based, in characters; 0 when unknown
	Path    string // element path, e.g. /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/SequenceNumeric
}

// Error formats the error as file:line:column: message.
func (e Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, "%d:", e.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// CompileError reports why a schema set did not compile.
type CompileError struct {
	Bundle string  // the bundle's display name (a directory or embedded:NAME)
	Entry  string  // the entry document, relative to the bundle
	Errors []Error // every error libxml2 or the bundle checks reported
}

// Error names the schema and the first few problems.
func (e *CompileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "compile schema %s in %s", e.Entry, e.Bundle)
	for i, er := range e.Errors {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-i)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(er.Error())
	}
	return b.String()
}
