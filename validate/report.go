package validate

import (
	"cmp"
	"slices"

	"github.com/customslint/customslint/rules"
)

// Severity is how serious a finding is: error, warning or info.
type Severity = rules.Severity

// Finding is one problem in one message.
type Finding struct {
	Rule     string   `json:"rule"`     // rule ID (xml, message-type, xsd, cds-lrn ...)
	Severity Severity `json:"severity"` // error, warning or info
	Message  string   `json:"message"`
	Line     int      `json:"line"`   // 1-based; 1 for findings about the whole file
	Column   int      `json:"column"` // 1-based; 0 when the source gives none
	Path     string   `json:"path"`   // element path; empty when the finding is about the whole file
}

// Message types that are not a CTC root element name.
const (
	TypeCDSDeclaration  = "CDS-DEC" // FunctionCode 9
	TypeCDSAmendment    = "CDS-COR" // FunctionCode 13, TypeCode COR
	TypeCDSCancellation = "CDS-INV" // FunctionCode 13, TypeCode INV
	TypeCDSGoodsPresent = "CDS-GPR" // FunctionCode 13, TypeCode GPR
	TypeCDSNotification = "CDS-RES" // DMS notification (Response)
	TypeUnknown         = "UNKNOWN"
)

// FileReport is the result of checking one message.
type FileReport struct {
	Path        string    `json:"path"`
	Profile     string    `json:"profile"`     // cds, ctc-p4, ctc-p5, ctc-p6; empty when unknown
	MessageType string    `json:"messageType"` // CDS-DEC ... or the CTC root (CC015C); UNKNOWN
	Findings    []Finding `json:"findings"`
}

// Count returns the number of findings of severity s.
func (f *FileReport) Count(s Severity) int {
	n := 0
	for _, x := range f.Findings {
		if x.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any finding is an error.
func (f *FileReport) HasErrors() bool { return f.Count(rules.Error) > 0 }

// sortFindings orders findings by position; findings about the whole file
// (line 1, column 0) come first, and equal positions keep their pipeline
// order.
func (f *FileReport) sortFindings() {
	slices.SortStableFunc(f.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// Summary counts files and findings.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Report is the result of one run: the JSON report of CONTRACT.md.
type Report struct {
	Version int          `json:"version"` // report format version, 1
	Files   []FileReport `json:"files"`
	Summary Summary      `json:"summary"`
}

// NewReport builds a report over the given file reports, in their order.
func NewReport(files []FileReport) Report {
	r := Report{Version: 1, Files: files}
	if r.Files == nil {
		r.Files = []FileReport{}
	}
	for i := range r.Files {
		if r.Files[i].Findings == nil {
			r.Files[i].Findings = []Finding{}
		}
		r.Summary.Errors += r.Files[i].Count(rules.Error)
		r.Summary.Warnings += r.Files[i].Count(rules.Warning)
	}
	r.Summary.Files = len(r.Files)
	return r
}
