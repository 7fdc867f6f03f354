package gen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
)

// The embedded schemas and models are packed into zip archives: XSD and
// model text compresses about twenty times, and an embedded file costs its
// size in the binary (and in resident memory, as Linux maps the binary in
// large blocks) whether it is read or not.
const (
	SchemasZip = "schemas.zip" // in xsd/schemas: every generated XSD document
	ModelsZip  = "models.zip"  // in xsd/models: every model file (*/*.cm)
)

// Pack returns a zip archive of files (slash-separated names), names
// sorted, no times, deflated at the best level: the same files give the
// same archive with the same Go release.
func Pack(files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", name, err)
		}
		if _, err := f.Write(files[name]); err != nil {
			return nil, fmt.Errorf("pack %s: %w", name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	return buf.Bytes(), nil
}

// Unpack returns the files of a zip archive Pack made.
func Unpack(data []byte) (map[string][]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("unpack %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("unpack %s: %w", f.Name, err)
		}
		out[f.Name] = b
	}
	return out, nil
}

// ModelFiles returns the model files of fsys (SET/*.cm), by path.
func ModelFiles(fsys fs.FS) (map[string][]byte, error) {
	names, err := fs.Glob(fsys, "*/*.cm")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out[path.Clean(name)] = b
	}
	return out, nil
}

// SameFiles reports whether two sets of files are equal, naming the first
// difference.
func SameFiles(got, want map[string][]byte) (bool, string) {
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		if !ok {
			return false, name + " is missing"
		}
		if !bytes.Equal(g, want[name]) {
			return false, name + " differs"
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			return false, name + " should not be there"
		}
	}
	return true, ""
}
