// Package schemas embeds the XSD schema sets customslint generates from its
// own message models (xsd/models): one folder per set, one document per
// model schema and one entry document per group of message types. Nothing in
// here is HMRC's: regenerate with go generate ./... after changing a model.
package schemas

import (
	"embed"
	"io/fs"
)

//go:generate go run ../internal/genxsd -models ../models -out .

// FS holds the generated documents, as SET/FILE.xsd.
//
//go:embed */*.xsd
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
