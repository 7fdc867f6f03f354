package rules

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"profile", "severity", "select", "disable", "maxSize"}
	for s, want := range map[string]string{
		"severty": "severity", "profil": "profile", "Disabel": "disable", "maxsize": "maxSize",
		"nope": "", "": "", "colour": "",
	} {
		if got := Nearest(s, keys); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", s, got, want)
		}
	}
	for s, want := range map[string]string{"xds": "xsd", "cds-lnr": "cds-lrn", "banana": "", "ctc-r0020x": "ctc-r0020"} {
		if got := NearestID(s); got != want {
			t.Errorf("NearestID(%q) = %q, want %q", s, got, want)
		}
	}
	if got := Nearest(string(make([]byte, 100000)), keys); got != "" {
		t.Errorf("a huge name: %q", got)
	}
}
