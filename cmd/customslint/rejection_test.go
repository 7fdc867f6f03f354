package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/customslint/customslint/internal/oracle"
)

// TestRejectionAcrossTheRun checks HMRC's Trade Test 1 import rejected for
// a missing net mass with its DMSREJ: given together (the notification
// first: the declaration is checked after it, the report keeps the order
// of the arguments), the rejection is an error on the declaration at the
// goods item's GoodsMeasure; with the declaration in --context, it is on
// the notification, naming the declaration's file and line; the
// declaration alone gets none.
func TestRejectionAcrossTheRun(t *testing.T) {
	off := filepath.Join(oracle.OfficialDir(t), "cds")
	declDir := filepath.Join(off, "examples/invalid/business-rule-rejected/exports-frontend/Imports/Rejected/Obligation Rejection/Declaration")
	decl := filepath.Join(declDir, "TT1_IM_v2.02_Rejected_Obligation_Netmass.xml")
	rej := filepath.Join(off, "notifications/exports-frontend/Imports/Rejected/Obligation Rejection/Example Notification/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml")
	dir := t.TempDir()
	now := "--now=2018-01-25T12:00:00Z"

	r := cli(t, dir, "", "check", now, rej, decl)
	if r.code != 1 {
		t.Errorf("together: exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	want := decl + ":263:7: error: CDS rejected this (DMSREJ " + rej + ", 2018-01-25T10:46:18Z) with CDS10001"
	if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "customslint's cds-dataset catches this before sending [rejection CDS10001]") {
		t.Errorf("together: stdout lacks %q:\n%s", want, r.stdout)
	}
	if i, j := strings.Index(r.stdout, rej+": checked as"), strings.Index(r.stdout, decl+": checked as"); i < 0 || j < i {
		t.Errorf("together: the report is not in the order of the arguments:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, rej+":45:1: warning: text after the root element of this DMS notification is ignored") {
		t.Errorf("together: no warning for the log lines after the notification:\n%s", r.stdout)
	}

	r = cli(t, dir, "", "check", now, "--context", declDir, rej)
	want = rej + ":14:3: error: in " + decl + ":263 (read for context, not checked): CDS rejected this"
	if r.code != 1 || !strings.Contains(r.stdout, want) {
		t.Errorf("--context: exit %d, stdout lacks %q:\n%s", r.code, want, r.stdout)
	}

	r = cli(t, dir, "", "check", now, decl)
	if strings.Contains(r.stdout, "[rejection") {
		t.Errorf("alone: a rejection finding:\n%s", r.stdout)
	}
}
