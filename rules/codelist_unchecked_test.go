package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// TestUncheckedCodes: the code list rules record the data items they met
// without a list (the offices and UN/LOCODEs of a transit declaration, a
// CDS additional document code), once each however many messages or
// workers; with the lists loaded, none; a nil collector is safe.
func TestUncheckedCodes(t *testing.T) {
	var nilU *rules.UncheckedCodes
	nilU.Add("x", "CL1")
	if nilU.Info() != "" || nilU.Fields() != nil {
		t.Error("nil collector")
	}
	run := func(t *testing.T, profile validate.Profile, file string, lists *codelists.Set) *rules.UncheckedCodes {
		t.Helper()
		u := &rules.UncheckedCodes{}
		eng, err := validate.New(validate.Options{Profile: profile, Select: []string{"ctc-codelist", "cds-codelist"}, RuleConfig: rules.Config{CodeLists: lists, Unchecked: u}})
		if err != nil {
			t.Fatal(err)
		}
		defer eng.Close()
		data, err := os.ReadFile(filepath.Join("..", "testdata", "messages", file))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := eng.Check(context.Background(), file, data); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		return u
	}
	u := run(t, validate.ProfileCTCP5, "ctc-p5/cc015c.xml", codelists.Builtin())
	want := []string{
		"Consignment/ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber (CL141)",
		"Consignment/PlaceOfLoading/UNLocode (CL244)",
		"CustomsOfficeOfDeparture/referenceNumber (CL171)",
		"CustomsOfficeOfDestinationDeclared/referenceNumber (CL172)",
		"CustomsOfficeOfTransitDeclared/referenceNumber (CL173)",
	}
	if got := u.Fields(); !sameSet(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if info := u.Info(); !strings.HasPrefix(info, "info: 5 data items not checked") || !strings.Contains(info, "--codelists") {
		t.Errorf("info %q", info)
	}
	// HMRC's reference data supplies them all.
	loaded, _, err := codelists.Load(referenceData(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := run(t, validate.ProfileCTCP5, "ctc-p5/cc015c.xml", codelists.Builtin().With(loaded)).Fields(); len(got) != 0 {
		t.Errorf("with the reference data: %q", got)
	}
	got := run(t, validate.ProfileCDS, "cds/declaration-imz.xml", codelists.Builtin()).Fields()
	for _, f := range got {
		if !strings.Contains(f, "(cds-") && !strings.Contains(f, "(CL244)") {
			t.Errorf("CDS: %s unchecked, though its list is built in", f)
		}
	}
	if len(got) == 0 {
		t.Error("CDS: no unchecked data item (declaration-imz has additional documents, whose list only --codelists loads)")
	}
}
