// Package zipfs serves an embedded zip archive as a file system: the
// binary embeds the schemas and models packed (see xsd/internal/gen) and
// inflates a file when it is read.
package zipfs

import (
	"archive/zip"
	"io/fs"
	"strings"
)

// Must returns the files of the zip archive data; it panics, naming the
// archive, when data is not one (a generated file the tests read).
func Must(name, data string) fs.FS {
	r, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil {
		panic(name + ": " + err.Error())
	}
	return r
}
