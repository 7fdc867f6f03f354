package xsd

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// Bundle is a set of schema documents that refer to each other by relative
// xs:include, xs:import and xs:redefine locations. Compiling a schema from a
// bundle reads only files of that bundle: a location with a URL scheme
// (http, https, ftp, file ...), an absolute path or a path that climbs out of
// the bundle is refused with an error, and libxml2's own loader (files,
// catalogs, network) is never used. A directory bundle follows a symbolic
// link only when it resolves to a file under its directory (ConfinedFS).
type Bundle struct {
	name string // what errors call it: a directory, or embedded:NAME
	key  string // identity in caches
	id   uint64 // identity in the URLs libxml2 sees
	fsys fs.FS
	// shipped: the bundle is built into the binary and its references were
	// checked when it was built (tests call Check on it), so Compile does
	// not read every document again at run time to check them.
	shipped bool

	mu   sync.Mutex
	refs map[string][]schemaRef // references per document, read once
}

var bundleIDs atomic.Uint64

// DirBundle returns the bundle of the schema files under dir.
func DirBundle(dir string) (*Bundle, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("schema bundle %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("schema bundle: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("schema bundle %s: not a directory", dir)
	}
	fsys, err := ConfinedFS(abs)
	if err != nil {
		return nil, fmt.Errorf("schema bundle %s: %w", dir, err)
	}
	return &Bundle{name: dir, key: "dir:" + abs, id: bundleIDs.Add(1), fsys: fsys}, nil
}

// ConfinedFS returns the files under dir as a file system that never
// leaves dir: a symbolic link inside it is followed only when its resolved
// path stays under dir (a link to ../secret or /etc/passwd fails to open
// with "path escapes from parent"), unlike os.DirFS, which follows links
// anywhere. The directory stays open until the file system is garbage
// collected.
func ConfinedFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}

// FSBundle returns the bundle of the schema files in fsys. name identifies
// the bundle in errors and, with the "fs:" prefix, in caches: give distinct
// file systems distinct names.
func FSBundle(name string, fsys fs.FS) *Bundle {
	return &Bundle{name: name, key: "fs:" + name, id: bundleIDs.Add(1), fsys: fsys}
}

// ShippedBundle is FSBundle for a schema set built into the binary, whose
// references the project's tests check with Check: Compile skips that
// check (about a megabyte of allocation and a few milliseconds per
// process). Its documents are still loaded through the bundle only.
func ShippedBundle(name string, fsys fs.FS) *Bundle {
	b := FSBundle(name, fsys)
	b.shipped = true
	return b
}

// Name returns the bundle's display name.
func (b *Bundle) Name() string { return b.name }

// Key returns the bundle's cache identity.
func (b *Bundle) Key() string { return b.key }

// FS returns the bundle's files.
func (b *Bundle) FS() fs.FS { return b.fsys }

// url is the location libxml2 sees for a file of the bundle. Relative
// locations inside schemas resolve against it (RFC 3986) and come back to
// load, which maps them to the bundle again.
func (b *Bundle) url(name string) string {
	return fmt.Sprintf("customslint-bundle://b%d/%s", b.id, (&url.URL{Path: name}).EscapedPath())
}

// display turns libxml2's view of a location back into a bundle-relative path.
func (b *Bundle) display(u string) string {
	prefix := fmt.Sprintf("customslint-bundle://b%d/", b.id)
	if rest, ok := strings.CutPrefix(u, prefix); ok {
		if p, err := url.PathUnescape(rest); err == nil {
			return p
		}
		return rest
	}
	return u
}

// load returns the content of the file libxml2 asks for by URL, if it lies in
// the bundle.
func (b *Bundle) load(u string) ([]byte, bool) {
	prefix := fmt.Sprintf("customslint-bundle://b%d/", b.id)
	rest, ok := strings.CutPrefix(u, prefix)
	if !ok {
		return nil, false
	}
	p, err := url.PathUnescape(rest)
	if err != nil || !fs.ValidPath(p) {
		return nil, false
	}
	data, err := fs.ReadFile(b.fsys, p)
	if err != nil {
		return nil, false
	}
	return data, true
}

const xsdNS = "http://www.w3.org/2001/XMLSchema"

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// Check walks the documents reachable from entry by schemaLocation and
// reports each reference that leaves the bundle or names a missing file.
// Compile calls it before libxml2 sees any document (unless the bundle is
// a ShippedBundle).
func (b *Bundle) Check(entry string) []Error {
	var errs []Error
	seen := map[string]bool{}
	queue := []string{entry}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		refs, err := b.docRefs(name)
		if err != nil {
			errs = append(errs, Error{Domain: DomainIO, Level: LevelFatal, File: name, Message: "cannot read schema document: " + missing(name, err)})
			continue
		}
		for _, r := range refs {
			target, problem := resolveRef(name, r.location)
			if problem == "" {
				if _, err := fs.Stat(b.fsys, target); err != nil {
					problem = missing(target, err)
				}
			}
			if problem != "" {
				errs = append(errs, Error{Domain: DomainSchemasParser, Level: LevelFatal, File: name, Line: r.line,
					Message: fmt.Sprintf("xs:%s schemaLocation %q refused: %s", r.kind, r.location, problem)})
				continue
			}
			queue = append(queue, target)
		}
	}
	return errs
}

// missing says why a referenced document cannot be read: it is not in
// the bundle, or it is a symbolic link that leads out of it (refused by
// ConfinedFS), or another error.
func missing(target string, err error) string {
	switch err := unwrapPath(err); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s not found in the schema bundle", target)
	case strings.Contains(err.Error(), "escapes"): // os.Root's error is not exported
		return fmt.Sprintf("%s is a symbolic link that leads outside the schema bundle", target)
	default:
		return fmt.Sprintf("%s cannot be read: %v", target, err)
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// resolveRef resolves a schemaLocation against the document that holds it.
// It returns the bundle path or why the location is refused.
func resolveRef(from, loc string) (string, string) {
	if schemeRE.MatchString(loc) {
		scheme := strings.ToLower(loc[:strings.IndexByte(loc, ':')])
		switch scheme {
		case "http", "https", "ftp":
			return "", "schemas are never fetched from the network; put the file in the bundle and refer to it by a relative path"
		default:
			return "", "only relative locations inside the schema bundle are allowed"
		}
	}
	if strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, `\`) {
		return "", "absolute paths are not allowed; use a path relative to the schema document"
	}
	p, err := url.PathUnescape(loc)
	if err != nil {
		return "", "not a valid relative URI"
	}
	joined := path.Join(path.Dir(from), p)
	if joined == ".." || strings.HasPrefix(joined, "../") || !fs.ValidPath(joined) {
		return "", "the path leads outside the schema bundle"
	}
	return joined, ""
}

// docRefs returns the references of one document of the bundle, reading
// and scanning it only the first time.
func (b *Bundle) docRefs(name string) ([]schemaRef, error) {
	b.mu.Lock()
	refs, ok := b.refs[name]
	b.mu.Unlock()
	if ok {
		return refs, nil
	}
	data, err := fs.ReadFile(b.fsys, name)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte("schemaLocation")) {
		// A document encoding/xml cannot read (an entity, a syntax error)
		// still goes to libxml2, which reports syntax errors with file and
		// line; references found before the problem are still checked.
		refs, _ = schemaRefs(data)
	}
	b.mu.Lock()
	if b.refs == nil {
		b.refs = map[string][]schemaRef{}
	}
	b.refs[name] = refs
	b.mu.Unlock()
	return refs, nil
}

type schemaRef struct {
	kind, location string
	line           int
}

// schemaRefs lists the include, import, redefine and override references of
// a schema document.
func schemaRefs(data []byte) ([]schemaRef, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var refs []schemaRef
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return refs, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Space != xsdNS {
			continue
		}
		switch se.Name.Local {
		case "include", "import", "redefine", "override":
		default:
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local == "schemaLocation" && a.Name.Space == "" {
				line, _ := dec.InputPos()
				refs = append(refs, schemaRef{kind: se.Name.Local, location: strings.TrimSpace(a.Value), line: line})
			}
		}
	}
}
