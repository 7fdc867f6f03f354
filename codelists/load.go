package codelists

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads the code lists in the given folders (recursively), in the
// forms HMRC publishes them:
//
//   - a JSON array of entries, one list per file named by the file (HMRC's
//     customs-reference-data code-lists/CountryCodesCommonTransit.json, the
//     exports frontend's countryCodes.json): the code is the entry's "code"
//     (or "id" for customs offices), the description its "description",
//     "en" or "name";
//   - a CS/RD2 payload {"lists": {..: {"listName", "listEntries"}}} (plain
//     or .json.gz, such as RD_NCTS-P5.json.gz), one list per listName,
//     entries whose state is not "valid" left out.
//
// A list is known by its name (the file name without extension, or the
// listName) and by an ID: its NCTS number when the name is an EU entity
// customslint knows (CountryCodesCommonTransit is CL009, see EntityCL), the
// cds- ID of an HMRC CDS list (countryCodes is cds-country, see CDSFiles),
// else the name itself. So a list of one's own is a JSON array of
// {"code": ..., "description": ...} in a file named by the ID it supplies
// (cds-package-type.json). A loaded list replaces a built-in one of the
// same ID (Set.With).
//
// Customs offices (CL141) that carry roles ({"roles": [{"role": "DEP"}]},
// as HMRC publishes them) also give the lists of offices by role: CL171
// (DEP), CL172 (DES), CL173 (TRA), CL175 (TXT), CL176 (ENQ), CL177 (REC),
// CL294 (EXT).
//
// Skipped: files ending in .schema.json, and the tables HMRC publishes
// beside its lists that are not lists (entries {"parentCode",
// "childCodes"} linking or tagging codes, {"cds", "wco"} pointer
// mappings). Any other file that is not a list (not JSON, another JSON
// document, an entry without a code) is skipped with a warning naming it
// (see skipped); a file or folder that cannot be read is an error.
func Load(dirs ...string) (*Set, []string, error) {
	s := NewSet()
	var warnings []string
	for _, dir := range dirs {
		var files []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			n := strings.ToLower(d.Name())
			if !d.IsDir() && (strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".json.gz")) && !strings.HasSuffix(n, ".schema.json") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("codelists: %w", err)
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, nil, fmt.Errorf("codelists %s: no *.json or *.json.gz files", dir)
		}
		for _, f := range files {
			lists, err := loadFile(f)
			if err != nil {
				w, err := skipped(f, err)
				if err != nil {
					return nil, nil, err
				}
				warnings = append(warnings, w)
				continue
			}
			for _, l := range lists {
				s.add(l)
			}
		}
	}
	return s, warnings, nil
}

// entry is one code list entry in any of HMRC's forms.
type entry struct {
	fields map[string]any
}

func (e *entry) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &e.fields) }

func (e entry) str(k string) string {
	s, _ := e.field(k).(string)
	return s
}

// codeFields are where HMRC's lists keep the code: most in "code", customs
// offices in "id", and some CS/RD2 lists under the name of what they code.
var codeFields = []string{"code", "id", "unLocodeExtendedCode", "currency", "documentType", "role", "qualifier", "method", "type"}

func (e entry) key() string {
	for _, k := range codeFields {
		if s := e.str(k); s != "" {
			return s
		}
	}
	return ""
}

func (e entry) text() string {
	for _, k := range []string{"description", "en", "name"} {
		if s := e.str(k); s != "" {
			return s
		}
	}
	return ""
}

type payloadList struct {
	ListName    string  `json:"listName"`
	ListEntries []entry `json:"listEntries"`
}

// MaxInflated bounds what one code list file may hold once read (and
// inflated, for .json.gz): 256 MiB, many times HMRC's largest reference data
// file (RD_NCTS-P5.json.gz inflates to 13.9 MB), so that a small .gz that
// inflates to gigabytes is refused instead of filling memory.
const MaxInflated = 256 << 20

// ErrTooLarge is wrapped by the error about a code list file larger than
// MaxInflated.
var ErrTooLarge = errors.New("code list file too large")

// jsonStart is an io.Writer that counts what passes through it and fails
// at the first byte that is neither blank nor the start of a JSON array or
// object, so that a file of anything else is refused after one buffer.
type jsonStart struct {
	n    int64
	seen bool
}

func (w *jsonStart) Write(p []byte) (int, error) {
	if !w.seen {
		for i, c := range p {
			switch c {
			case ' ', '\t', '\r', '\n', 0xef, 0xbb, 0xbf: // blanks and a byte order mark
				continue
			case '[', '{':
				w.seen = true
			default:
				w.n += int64(i)
				return i, fmt.Errorf("not JSON: starts with byte %#02x", c)
			}
			break
		}
	}
	w.n += int64(len(p))
	return len(p), nil
}

// readFile reads a code list file, inflating a .json.gz, without holding
// more than limit bytes: a .gz is inflated once to count (and to refuse
// what does not start as JSON) and then read into a buffer of its size, so
// that a bomb costs time up to the limit but no memory.
func readFile(f *os.File, gzipped bool, limit int64) ([]byte, error) {
	tooLarge := fmt.Errorf("%w: more than %d MiB (inflated), the limit for one file (HMRC's RD_NCTS-P5.json.gz inflates to 14 MB)", ErrTooLarge, limit>>20)
	if !gzipped {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.Size() > limit {
			return nil, tooLarge
		}
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		if err == nil && int64(len(data)) > limit {
			return nil, tooLarge
		}
		return data, err
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	count := &jsonStart{}
	if _, err := io.Copy(count, io.LimitReader(gz, limit+1)); err != nil {
		return nil, err
	}
	if count.n > limit {
		return nil, tooLarge
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if err := gz.Reset(f); err != nil {
		return nil, err
	}
	data := make([]byte, count.n)
	if _, err := io.ReadFull(gz, data); err != nil {
		return nil, fmt.Errorf("the file changed while read: %w", err)
	}
	if n, _ := io.Copy(io.Discard, io.LimitReader(gz, 1)); n > 0 {
		return nil, errors.New("the file changed while read")
	}
	return data, nil
}

func loadFile(file string) ([]*List, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	base := filepath.Base(file)
	gzipped := strings.HasSuffix(strings.ToLower(base), ".gz")
	if gzipped {
		base = base[:len(base)-3]
	}
	data, err := readFile(f, gzipped, MaxInflated)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(base, filepath.Ext(base))
	t := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
	switch {
	case len(t) > 0 && t[0] == '[':
		var es []entry
		if err := json.Unmarshal(t, &es); err != nil {
			return nil, err
		}
		if relation(es) {
			return nil, nil
		}
		l, err := listOf(name, file, es)
		if err != nil {
			return nil, err
		}
		return append([]*List{l}, roleLists(l, es)...), nil
	case len(t) > 0 && t[0] == '{':
		var doc struct {
			Lists map[string]payloadList `json:"lists"`
			payloadList
		}
		if err := json.Unmarshal(t, &doc); err != nil {
			return nil, err
		}
		var pls []payloadList
		for _, pl := range doc.Lists {
			pls = append(pls, pl)
		}
		if doc.ListName != "" {
			pls = append(pls, doc.payloadList)
		}
		if len(pls) == 0 {
			return nil, errors.New(`not a code list: want a JSON array of entries or a CS/RD2 payload with "lists"`)
		}
		var out []*List
		for _, pl := range pls {
			var valid []entry
			for _, e := range pl.ListEntries {
				if st := e.str("state"); st == "" || st == "valid" {
					valid = append(valid, e)
				}
			}
			l, err := listOf(pl.ListName, file, valid)
			if err != nil {
				return nil, err
			}
			out = append(out, l)
			out = append(out, roleLists(l, valid)...)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out, nil
	}
	return nil, errors.New("not JSON")
}

// listOf makes a list of entries; several entries of one code (one per
// language) give one code with the English description.
func listOf(name, file string, es []entry) (*List, error) {
	codes := map[string]string{}
	for _, e := range es {
		k := e.key()
		if k == "" {
			return nil, fmt.Errorf("list %s: an entry without code or id", name)
		}
		if old, seen := codes[k]; seen && (old != "" && e.str("languageCode") != "EN") {
			continue
		}
		codes[k] = e.text()
	}
	id := name
	if cl, ok := EntityCL[name]; ok {
		id = cl
	} else if cds, ok := cdsListID(name, es); ok {
		id = cds
	}
	l := NewList(id, name, file, codes)
	if id == name {
		l.Name = ""
	}
	return l, nil
}

// relation reports whether entries are one of the tables HMRC publishes
// beside its lists that are not lists themselves: links and tags between
// codes ({"parentCode", "childCodes"}, such as
// linkProcedureCodeToAdditionalProcedureCodes.json) and WCO pointer
// mappings ({"cds", "wco"}). Load skips them.
func relation(es []entry) bool {
	if len(es) == 0 {
		return false
	}
	for _, e := range es {
		if e.key() != "" {
			return false
		}
		_, parent := e.fields["parentCode"]
		_, wco := e.fields["wco"]
		if !parent && !wco {
			return false
		}
	}
	return true
}

// officeRoles are the NCTS lists of customs offices that have one role:
// the offices of CL141 (CustomsOffices) whose roles include it.
var officeRoles = []struct{ role, entity string }{
	{"DEP", "CustomsOfficeDeparture"},    // CL171
	{"DES", "CustomsOfficeDestination"},  // CL172
	{"TRA", "CustomsOfficeTransit"},      // CL173
	{"TXT", "CustomsOfficeTransitExit"},  // CL175
	{"ENQ", "CustomsOfficeEnquiry"},      // CL176
	{"REC", "CustomsOfficeRecovery"},     // CL177
	{"EXT", "CustomsOfficeExitDeclared"}, // CL294
}

// roleLists derives, from a loaded CL141 whose entries carry roles
// ({"roles": [{"role": "DEP"}, ...]} as HMRC publishes customs offices),
// the lists of the offices of each role: CL171 (departure) holds the
// offices with role DEP. The EU defines CL175 as the offices with role TXT
// in the security area (CL147); the derived list does not look at the
// country.
func roleLists(l *List, es []entry) []*List {
	if l.ID != EntityCL["CustomsOffices"] {
		return nil
	}
	byRole := map[string]map[string]string{}
	for _, e := range es {
		roles, _ := e.fields["roles"].([]any)
		for _, r := range roles {
			m, _ := r.(map[string]any)
			role, _ := m["role"].(string)
			if role == "" {
				continue
			}
			if byRole[role] == nil {
				byRole[role] = map[string]string{}
			}
			k := e.key()
			byRole[role][k] = l.Description(k)
		}
	}
	var out []*List
	for _, or := range officeRoles {
		if codes, ok := byRole[or.role]; ok {
			out = append(out, NewList(EntityCL[or.entity], or.entity, l.Source+" (offices with role "+or.role+")", codes))
		}
	}
	return out
}
