// Package schemas embeds the XSD schema sets customslint generates from its
// own message models (model/src, by go generate ./model): one folder per
// set, one document per model schema and one entry document per group of
// message types. Nothing in here is HMRC's: regenerate after changing a
// model. The documents are embedded as the text files they are.
package schemas

import (
	"embed"
	"io/fs"
)

// FS holds the generated documents, as SET/FILE.xsd.
//
//go:embed cds ctc-p4 ctc-p5 ctc-p6
var FS embed.FS

// Set is one embedded schema set.
type Set struct {
	Name    string            // folder in FS
	Profile string            // engine profile: cds, ctc-p4, ctc-p5, ctc-p6
	Entries map[string]string // message type -> entry document in the folder
}

// Files returns the documents of one set.
func (s Set) Files() fs.FS {
	sub, err := fs.Sub(FS, s.Name)
	if err != nil {
		panic(err) // Name is a folder of FS by construction
	}
	return sub
}
