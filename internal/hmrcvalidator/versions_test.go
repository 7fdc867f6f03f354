package hmrcvalidator

import (
	"testing"

	"github.com/customslint/customslint/validate"
)

func TestVersions(t *testing.T) {
	def, err := ParseVersions(DefaultVersions)
	if err != nil || len(def) != 1 || def["3.0"] != validate.ProfileCTCP6 {
		t.Fatalf("%v %v", def, err)
	}
	both, err := ParseVersions(" 2.1 ,3.0")
	if err != nil || both["2.1"] != validate.ProfileCTCP5 || both["3.0"] != validate.ProfileCTCP6 {
		t.Fatalf("%v %v", both, err)
	}
	for _, bad := range []string{"", "1.0", "3.0,", "2.1;3.0"} {
		if _, err := ParseVersions(bad); err == nil {
			t.Errorf("ParseVersions(%q) takes it", bad)
		}
	}
	for _, c := range []struct {
		values []string
		status int
	}{{nil, 406}, {[]string{""}, 415}, {[]string{"2.1"}, 415}, {[]string{"abc"}, 415}, {[]string{"3.0"}, 0}} {
		p, prob := Default().Profile(c.values)
		switch {
		case c.status == 0 && (prob != nil || p != validate.ProfileCTCP6):
			t.Errorf("%q: %v %+v", c.values, p, prob)
		case c.status != 0 && (prob == nil || prob.Status != c.status):
			t.Errorf("%q: %+v, want %d", c.values, prob, c.status)
		}
	}
	if p, prob := both.Profile([]string{"2.1"}); prob != nil || p != validate.ProfileCTCP5 {
		t.Errorf("2.1 with both: %v %+v", p, prob)
	}
}
