package validate

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/transform"
)

// TestRewordUK: UK in a country element that libxml2 rejects (an
// enumerated country list) suggests GB; in another element it does not.
func TestRewordUK(t *testing.T) {
	view, err := transform.ViewFor("ctc-p6", "CC015C")
	if err != nil {
		t.Fatal(err)
	}
	msg := "Element 'country': [facet 'enumeration'] The value 'UK' is not an element of the set {'AD', 'GB'}."
	got, ok := reword(msg, "/CC015C/Consignment/LocationOfGoods/Address/country", view)
	if !ok || !strings.HasPrefix(got, msg) || !strings.HasSuffix(got, "Did you mean GB? The United Kingdom's country code is GB, not UK.") {
		t.Errorf("country UK: %q %v", got, ok)
	}
	other := "Element 'referenceNumber': [facet 'enumeration'] The value 'UK' is not an element of the set {'AD', 'GB'}."
	if got, ok := reword(other, "/CC015C/CustomsOfficeOfDeparture/referenceNumber", view); ok {
		t.Errorf("referenceNumber UK reworded: %q", got)
	}
}
