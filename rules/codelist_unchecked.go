package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// UncheckedCodes collects, over a run, the data items ctc-codelist and
// cds-codelist met but could not check for want of their code list (the
// customs offices and UN/LOCODEs that only --codelists loads, the CDS lists
// HMRC publishes for exports only ...), so that the run can say so once. Its
// zero value is ready; a nil *UncheckedCodes collects nothing. It is safe
// for concurrent use.
type UncheckedCodes struct {
	mu     sync.Mutex
	fields map[string]string // data item -> list
}

// Add records that the data item at path was not checked: list, its code
// list, is not available.
func (u *UncheckedCodes) Add(path, list string) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.fields == nil {
		u.fields = map[string]string{}
	}
	u.fields[path] = list
}

// Fields returns the data items recorded, "path (list)", sorted.
func (u *UncheckedCodes) Fields() []string {
	if u == nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	out := make([]string, 0, len(u.fields))
	for p, l := range u.fields {
		out = append(out, p+" ("+l+")")
	}
	sort.Strings(out)
	return out
}

// Info is the run's one line about them, "" when every data item met was
// checked.
func (u *UncheckedCodes) Info() string {
	fields := u.Fields()
	if len(fields) == 0 {
		return ""
	}
	return fmt.Sprintf("info: %d data items not checked against a code list for want of reference data (load HMRC's with --codelists DIR): %s",
		len(fields), strings.Join(fields, ", "))
}
