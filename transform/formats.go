package transform

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	localDateTimeRE = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?$`)
	localDateRE     = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})$`)
)

func validDate(y, m, d string) bool {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	if mm < 1 || mm > 12 || dd < 1 {
		return false
	}
	return dd <= time.Date(yy, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// checkLocalDateTime accepts what Java's LocalDateTime.parse accepts for
// four-digit years: yyyy-MM-ddTHH:mm[:ss[.fraction]], a real date, no zone.
// HMRC's validator reads the JSON Schema format "date-time" this way.
func checkLocalDateTime(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	m := localDateTimeRE.FindStringSubmatch(s)
	if m == nil || !validDate(m[1], m[2], m[3]) {
		return fmt.Errorf("%q is not a local date and time (yyyy-MM-ddTHH:mm:ss, no offset)", s)
	}
	h, _ := strconv.Atoi(m[4])
	mi, _ := strconv.Atoi(m[5])
	sec := 0
	if m[6] != "" {
		sec, _ = strconv.Atoi(m[6])
	}
	if h > 23 || mi > 59 || sec > 59 {
		return fmt.Errorf("%q is not a valid time of day", s)
	}
	return nil
}

// checkLocalDate accepts what Java's LocalDate.parse accepts for
// four-digit years: yyyy-MM-dd, a real date.
func checkLocalDate(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if m := localDateRE.FindStringSubmatch(s); m == nil || !validDate(m[1], m[2], m[3]) {
		return fmt.Errorf("%q is not a date (yyyy-MM-dd)", s)
	}
	return nil
}

// NewCompiler returns a JSON Schema compiler set up as HMRC's validator:
// draft-07, formats asserted, "date-time" a local date and time and "date"
// a plain date.
func NewCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "date-time", Validate: checkLocalDateTime})
	c.RegisterFormat(&jsonschema.Format{Name: "date", Validate: checkLocalDate})
	return c
}

var (
	compiledMu sync.Mutex
	compiled   = map[*View]*jsonschema.Schema{}
)

// Schema returns the view's compiled JSON Schema (compiled once).
func (v *View) Schema() (*jsonschema.Schema, error) {
	compiledMu.Lock()
	defer compiledMu.Unlock()
	if s, ok := compiled[v]; ok {
		return s, nil
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(v.JSONSchema()))
	if err != nil {
		return nil, err
	}
	c := NewCompiler()
	url := "customslint:" + v.Profile + "/" + v.MessageType + ".json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile the JSON Schema of %s: %w", v.MessageType, err)
	}
	compiled[v] = s
	return s, nil
}
