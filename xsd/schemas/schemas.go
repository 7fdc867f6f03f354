// Package schemas embeds the XSD schema sets customslint generates from its
// own message models (xsd/models): one folder per set, one document per
// model schema and one entry document per group of message types. Nothing in
// here is HMRC's: regenerate with go generate ./... after changing a model.
package schemas

import (
	_ "embed" // schemas.zip
	"io/fs"

	"github.com/customslint/customslint/xsd/internal/zipfs"
)

//go:generate go run ../internal/genxsd -models ../models -out .

//go:embed schemas.zip
var packed string

// FS holds the generated documents, as SET/FILE.xsd: the committed files,
// packed by go generate into schemas.zip, which the binary embeds (a
// twelfth of their size; a set's documents are inflated when compiled).
var FS = zipfs.Must("xsd/schemas/schemas.zip", packed)

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
