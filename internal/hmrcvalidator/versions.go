package hmrcvalidator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/customslint/customslint/validate"
)

// DefaultVersions are the APIVersion values HMRC's current validator takes:
// 3.0 (NCTS phase 6) only; it answers 2.1 as it answers any unknown value.
const DefaultVersions = "3.0"

// known are the APIVersion values customslint can answer, by NCTS phase.
var known = map[string]validate.Profile{"2.1": validate.ProfileCTCP5, "3.0": validate.ProfileCTCP6}

// Versions are the APIVersion values an endpoint takes, each with the
// profile its messages are checked with.
type Versions map[string]validate.Profile

// ParseVersions reads a comma-separated list of APIVersion values
// ("2.1,3.0"); each must be one customslint answers for.
func ParseVersions(list string) (Versions, error) {
	v := Versions{}
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		p, ok := known[s]
		if !ok {
			return nil, fmt.Errorf("APIVersion %q: customslint answers for %s", s, strings.Join(KnownVersions(), ", "))
		}
		v[s] = p
	}
	return v, nil
}

// KnownVersions are the APIVersion values customslint can answer, sorted.
func KnownVersions() []string {
	var out []string
	for k := range known {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Problem is an answer that ends a request before its message is read:
// its status, code and message, as HMRC's service gives them.
type Problem struct {
	Status  int
	Code    string
	Message string
}

// Profile is the profile of the APIVersion header's values (none when the
// header is absent), or the problem HMRC answers: 406 NOT_ACCEPTABLE when
// the header is missing, 415 UNSUPPORTED_MEDIA_TYPE when its value (even
// empty) is not one the endpoint takes.
func (v Versions) Profile(values []string) (validate.Profile, *Problem) {
	if len(values) == 0 {
		return "", &Problem{http.StatusNotAcceptable, "NOT_ACCEPTABLE", "An Accept Header is missing."}
	}
	p, ok := v[values[0]]
	if !ok {
		return "", &Problem{http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", fmt.Sprintf("The Accept header %s is not supported.", values[0])}
	}
	return p, nil
}

// Default are the versions of DefaultVersions.
func Default() Versions {
	return Versions{"3.0": known["3.0"]}
}
