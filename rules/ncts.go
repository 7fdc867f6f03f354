package rules

import (
	"maps"
	"slices"
	"strings"
)

// The EU's NCTS rules and conditions (DDNTA appendix Q2: B, C, E, G, R and S
// entries) that customslint implements are rules named ctc-<id in lower
// case> (ctc-c0467, ctc-r0003 ...). The others are recorded here with the
// reason they cannot be checked from the message alone, so that every entry
// of HMRC's published tables is accounted for (a test requires it) and
// users can see what customslint leaves to NCTS.

var nctsNotChecked = map[string]string{}

// notChecked records NCTS rules or conditions customslint does not check;
// called from the init of the file that covers them.
func notChecked(reason string, ids ...string) {
	for _, id := range ids {
		id = strings.ToUpper(id)
		if _, dup := nctsNotChecked[id]; dup {
			panic("rules: NCTS entry " + id + " recorded twice")
		}
		nctsNotChecked[id] = reason
	}
}

// notCheckedEntries returns the NCTS rules and conditions customslint does not
// check, by ID (C0005, G0001 ...), with the reason.
func notCheckedEntries() map[string]string { return maps.Clone(nctsNotChecked) }

// nctsChecked reports the rule that checks an NCTS rule or condition (by
// ID: C0467), if any: ctc-c0467, another rule that lists it in its Codes
// (ctc-mrn has R0028), or an engine stage that covers it (xsd).
func nctsChecked(id string) (*Rule, bool) {
	id = strings.ToUpper(id)
	if r, ok := registry["ctc-"+strings.ToLower(id)]; ok {
		return r, true
	}
	for _, r := range All() {
		if slices.Contains(r.Codes, id) {
			return r, true
		}
	}
	if rid, ok := nctsCoveredBy[id]; ok {
		r, ok := registry[rid]
		return r, ok
	}
	return nil, false
}

// nctsCoveredBy maps NCTS IDs an engine stage covers to its ID.
var nctsCoveredBy = map[string]string{}

// coveredBy records that an engine stage (xsd) covers the NCTS rules or
// conditions ids.
func coveredBy(stage string, ids ...string) {
	for _, id := range ids {
		nctsCoveredBy[strings.ToUpper(id)] = stage
	}
}
