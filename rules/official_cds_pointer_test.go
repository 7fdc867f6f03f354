package rules_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/internal/oracle"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

type pointerSampleDefect struct {
	file, rule string
	sev        rules.Severity
	count      int
	why        string
}

// pointerSampleDefects are the findings the pointer rules raise on HMRC's
// amendment and cancellation samples, by file (under
// cds/examples/valid/annotated_XML_samples), rule and severity, with how
// many and why. Each must still occur; no other finding of these rules
// may.
var pointerSampleDefects = []pointerSampleDefect{
	{"TT_IM002c/TT_IM002c_Complex_Multi_Amendment.xml", "cds-amendment-pointer", rules.Warning, 4,
		"Exporter (57A) and its Address (04A) occur once, but their pointers are numbered 2, 3, 4, 5: the sample counts its amendments there"},
	{"TT_IM082a/TT_IM002c_Complex_Multi_Amendment.xml", "cds-amendment-pointer", rules.Warning, 4,
		"a copy of TT_IM002c's amendment, same numbering"},
	{"TT_IM003b/TT_IM003b_Amendment_(Step_3).xml", "cds-amendment-pointer", rules.Warning, 1,
		"the second AdditionalInformation numbers the Declaration (42A) 2, as it numbers its Amendment"},
	{"TT_IM017a/TT_IM017a_Amendment.xml", "cds-amendment-pointer", rules.Warning, 3,
		"AdditionalInformation 2 to 4 number the Declaration (42A) 2, 3, 4, as they number their Amendments"},
}

// TestOfficialCDSAmendmentPointers runs the pointer rules over every
// amendment (CDS-COR) and cancellation (CDS-INV) among HMRC's valid
// examples: no finding but the known sample defects.
func TestOfficialCDSAmendmentPointers(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-amendment-pointer", "cds-nil-amendment"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	base := filepath.Join(off, "cds", "examples", "valid")
	got := map[string]int{}
	checked := map[string]int{}
	for _, rel := range oracle.XMLFiles(t, base, ".") {
		data, err := os.ReadFile(filepath.Join(base, rel))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), rel, data)
		if err != nil {
			t.Fatal(err)
		}
		if rep.MessageType != validate.TypeCDSAmendment && rep.MessageType != validate.TypeCDSCancellation {
			continue
		}
		checked[rep.MessageType]++
		name := strings.TrimPrefix(filepath.ToSlash(rel), "annotated_XML_samples/")
		for _, f := range rep.Findings {
			if !strings.HasPrefix(f.Rule, "cds-") {
				continue
			}
			got[name+" "+f.Rule+" "+string(f.Severity)]++
			known := slices.ContainsFunc(pointerSampleDefects, func(d pointerSampleDefect) bool {
				return d.file == name && d.rule == f.Rule && d.sev == f.Severity
			})
			if !known {
				t.Errorf("%s:%d: %s %s on an HMRC sample: %s", name, f.Line, f.Severity, f.Rule, f.Message)
			}
		}
	}
	for _, d := range pointerSampleDefects {
		if n := got[d.file+" "+d.rule+" "+string(d.sev)]; n != d.count {
			t.Errorf("%s: %d %s findings of %s, want %d (%s)", d.file, n, d.sev, d.rule, d.count, d.why)
		}
	}
	if checked[validate.TypeCDSAmendment] < 16 || checked[validate.TypeCDSCancellation] < 3 {
		t.Errorf("checked %v; want at least 16 amendments and 3 cancellations", checked)
	}
	t.Logf("checked %v", checked)
}

var (
	errorElement  = regexp.MustCompile(`<(?:[\w.-]+:)?Error>`)
	rootEnd       = regexp.MustCompile(`</(?:[\w.-]+:)?MetaData>`)
	functionCode3 = regexp.MustCompile(`<(?:[\w.-]+:)?FunctionCode>03</`)
	withNote      = regexp.MustCompile(` at /Declaration\S* \(`)
)

// unmappedNotificationPointers are the Error pointer chains of HMRC's
// notifications that name no element of the declaration, by file (under
// cds/notifications) and the finding's position in the file, with why.
var unmappedNotificationPointers = map[string]string{}

// unreadableNotifications are HMRC notifications with Error elements that
// customslint cannot read as notifications, with why; each must stay so.
var unreadableNotifications = map[string]string{
	"annotated_XML_samples/TT_IM117a/01_DMSACC.xml": "HMRC's copy lost the colons of its prefixes: the root is _2MetaData",
}

// TestOfficialDMSNotificationPointers maps the Error pointers of every DMS
// notification HMRC publishes (DMSREJ and the others that carry errors)
// to element paths: each maps, or is listed in
// unmappedNotificationPointers.
func TestOfficialDMSNotificationPointers(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-notification-error"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	base := filepath.Join(off, "cds", "notifications")
	var rejections, nErrors, rejErrors, mapped, noPointer int
	var notes, unmapped []string
	for _, rel := range oracle.XMLFiles(t, base, ".") {
		data, err := os.ReadFile(filepath.Join(base, rel))
		if err != nil {
			t.Fatal(err)
		}
		want := len(errorElement.FindAll(data, -1))
		if want == 0 {
			continue
		}
		// HMRC's legacy notifications carry log text after the root.
		if locs := rootEnd.FindAllIndex(data, -1); len(locs) > 0 {
			data = data[:locs[len(locs)-1][1]]
		}
		rejection := functionCode3.Match(data)
		if rejection {
			rejections++
		}
		rep, err := eng.Check(context.Background(), rel, data)
		if err != nil {
			t.Fatal(err)
		}
		why, unreadable := unreadableNotifications[filepath.ToSlash(rel)]
		switch {
		case rep.MessageType != validate.TypeCDSNotification && !unreadable:
			t.Errorf("%s: read as %s", rel, rep.MessageType)
			continue
		case rep.MessageType == validate.TypeCDSNotification && unreadable:
			t.Errorf("%s is read now, but is listed as unreadable (%s)", rel, why)
		case unreadable:
			t.Logf("not read: %s (%s)", rel, why)
			continue
		}
		n := 0
		for _, f := range rep.Findings {
			if f.Rule != "cds-notification-error" {
				continue
			}
			n++
			nErrors++
			if rejection {
				rejErrors++
			}
			key := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), f.Line)
			switch {
			case strings.Contains(f.Message, "the error names no element"):
				noPointer++
			case strings.Contains(f.Message, " at /Declaration"):
				mapped++
				if withNote.MatchString(f.Message) {
					notes = append(notes, key+": "+f.Message)
				}
				if _, listed := unmappedNotificationPointers[key]; listed {
					t.Errorf("%s is listed as unmapped but maps: %s", key, f.Message)
				}
			default:
				if _, listed := unmappedNotificationPointers[key]; !listed {
					t.Errorf("%s: pointer does not map: %s", key, f.Message)
				}
				unmapped = append(unmapped, key+": "+f.Message)
			}
		}
		if n != want {
			t.Errorf("%s: %d findings for %d Error elements", rel, n, want)
		}
	}
	if rejections < 10 || mapped < 20 {
		t.Errorf("only %d DMSREJ notifications, %d mapped pointers", rejections, mapped)
	}
	if len(unmapped) != len(unmappedNotificationPointers) {
		t.Errorf("%d unmapped pointers, %d listed", len(unmapped), len(unmappedNotificationPointers))
	}
	t.Logf("%d DMSREJ notifications with %d Error elements; in all notifications, %d Error elements: %d pointer chains mapped to element paths, %d unmapped, %d without pointer", rejections, rejErrors, nErrors, mapped, len(unmapped), noPointer)
	for _, s := range notes {
		t.Logf("mapped with a note: %s", s)
	}
	for _, s := range unmapped {
		t.Logf("unmapped: %s", s)
	}
}

// hmrcMappingDefects are the WCO pointer paths of HMRC's exports service
// mapping (customs-declare-exports conf/code-lists) that name no element
// of the CDS model, with why. Paths are the mapping's templates, so a
// missing occurrence number ($n) is not a defect there.
var hmrcMappingDefects = map[string]string{
	"42A.28A.62A.$1.64":                  "Freight (62A) occurs once and holds only 098; the routing countries are Itinerary (81A) 064",
	"42A.67A.28A.46A.T002":               "T002 is the arrival transport means' identifier (10A); the departure one's is T004",
	"42A.67A.28A.46A.T020":               "T020 is the arrival transport mode (10A); the departure one's is T021",
	"42A.67A.28A.46A.T034":               "T034 is the arrival identification type (10A); the departure one's is T029",
	"42A.67A.68A.$1.02A.$2.276.276":      "TagID 276 written twice",
	"42A.67A.68A.$1.23A.337":             "337 (the classification type) belongs to Classification (21A), as DMS's own notifications point 21A/337; the path skips 21A",
	"42A.67A.68A.$1.23A.55B.$2.R005":     "DomesticDutyTaxParty (55B) lies within the goods item (68A), not within Commodity (23A)",
	"42A.67A.68A.$1.23A.65A.55B.$2.R119": "DomesticDutyTaxParty (55B) lies within the goods item (68A), not within GoodsMeasure (65A)",
	"42A.67A.68A.$1.23A.93A.$2.141":      "Packaging (93A) lies within the goods item (68A), not within Commodity (23A)",
	"42A.67A.68A.$1.23A.93A.$2.142":      "Packaging (93A) lies within the goods item (68A), not within Commodity (23A)",
	"42A.67A.68A.$1.23A.93A.$2.144":      "Packaging (93A) lies within the goods item (68A), not within Commodity (23A)",
}

// TestHMRCWCOPointerPaths turns every WCO pointer path of HMRC's exports
// service mappings into an amendment and checks it with
// cds-amendment-pointer: the class tree customslint reads from its model
// agrees with the paths HMRC's own service builds, but for the listed
// defects of the mapping.
func TestHMRCWCOPointerPaths(t *testing.T) {
	off := oracle.OfficialDir(t)
	eng, err := validate.New(validate.Options{Profile: validate.ProfileCDS, Select: []string{"cds-amendment-pointer"}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	paths := map[string]bool{}
	for _, name := range []string{"exports-wco-mapping.json", "wco-to-exports-mapping.json"} {
		data, err := os.ReadFile(filepath.Join(off, "cds", "codelists", "customs-declare-exports", name))
		if err != nil {
			t.Fatal(err)
		}
		var entries []struct {
			WCO string `json:"wco"`
		}
		if err := json.Unmarshal(data, &entries); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, e := range entries {
			paths[e.WCO] = true
		}
	}
	var sorted []string
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	seen := map[string]bool{}
	for _, p := range sorted {
		msg := amendmentFor(p)
		rep, err := eng.Check(context.Background(), p, []byte(msg))
		if err != nil {
			t.Fatal(err)
		}
		var problems []string
		for _, f := range rep.Findings {
			switch {
			case f.Rule == rules.XSDID:
				t.Errorf("%s: the amendment made for it is not schema-valid: %s", p, f.Message)
			case f.Rule == "cds-amendment-pointer" && !strings.Contains(f.Message, "needs a SequenceNumeric"):
				problems = append(problems, f.Message)
			}
		}
		why, listed := hmrcMappingDefects[p]
		switch {
		case len(problems) > 0 && !listed:
			t.Errorf("HMRC's path %s does not resolve: %s", p, strings.Join(problems, "; "))
		case len(problems) == 0 && listed:
			t.Errorf("HMRC's path %s resolves, but is listed as a defect (%s)", p, why)
		case listed:
			seen[p] = true
			t.Logf("HMRC mapping defect %s (%s): %s", p, why, strings.Join(problems, "; "))
		}
	}
	for p := range hmrcMappingDefects {
		if !paths[p] {
			t.Errorf("listed defect %s is not in HMRC's mappings", p)
		}
	}
	t.Logf("%d WCO pointer paths of HMRC's exports service, %d listed as defects", len(paths), len(seen))
}

// amendmentFor writes a CDS amendment whose only Amendment has the pointer
// chain of an HMRC WCO path: 42A.67A.68A.$1.02A.$2.D006 (class IDs, $n or
// #n occurrence numbers of the class before, a TagID last).
func amendmentFor(path string) string {
	var b strings.Builder
	b.WriteString(`<md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
<md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
<md:WCOTypeName>DEC</md:WCOTypeName>
<md:ResponsibleCountryCode>GB</md:ResponsibleCountryCode>
<md:ResponsibleAgencyName>HMRC</md:ResponsibleAgencyName>
<md:AgencyAssignedCustomizationVersionCode>v2.1</md:AgencyAssignedCustomizationVersionCode>
<Declaration><FunctionCode>13</FunctionCode><ID>26GBK7QX3M9D2PLR47</ID><TypeCode>COR</TypeCode>
<Amendment><ChangeReasonCode>32</ChangeReasonCode>
`)
	type ptr struct{ seq, sec, tag string }
	var ps []ptr
	cls := regexp.MustCompile(`^[0-9]{2}[A-Z]$`)
	for _, part := range strings.Split(path, ".") {
		switch {
		case cls.MatchString(part):
			ps = append(ps, ptr{sec: part})
		case len(ps) == 0:
			ps = append(ps, ptr{tag: part})
		case strings.HasPrefix(part, "$") || strings.HasPrefix(part, "#"):
			ps[len(ps)-1].seq = part[1:]
		case ps[len(ps)-1].tag != "":
			ps = append(ps, ptr{tag: part}) // a second TagID: a Pointer without class
		default:
			ps[len(ps)-1].tag = part
		}
	}
	for _, p := range ps {
		b.WriteString("<Pointer>")
		if p.seq != "" {
			b.WriteString("<SequenceNumeric>" + p.seq + "</SequenceNumeric>")
		}
		if p.sec != "" {
			b.WriteString("<DocumentSectionCode>" + p.sec + "</DocumentSectionCode>")
		}
		if p.tag != "" {
			b.WriteString("<TagID>" + p.tag + "</TagID>")
		}
		b.WriteString("</Pointer>\n")
	}
	b.WriteString("</Amendment></Declaration></md:MetaData>\n")
	return b.String()
}

// TestCDSValidationCodesAreHMRCs proves the built-in list
// cds-validation-code holds exactly the validation codes HMRC publishes
// (the exports frontend's dmsErrorCodes.json and its earlier
// errors-dms-rej-list.csv), each with a description of customslint's own.
func TestCDSValidationCodesAreHMRCs(t *testing.T) {
	off := oracle.OfficialDir(t)
	dir := filepath.Join(off, "codelists", "cds", "customs-declare-exports-frontend")
	hmrc := map[string]string{}
	data, err := os.ReadFile(filepath.Join(dir, "dmsErrorCodes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct{ Code, En string }
	if err := json.Unmarshal(data, &entries); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		hmrc[e.Code] = e.En
	}
	f, err := os.Open(filepath.Join(dir, "historical", "errors-dms-rej-list.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if _, ok := hmrc[r[0]]; !ok {
			hmrc[r[0]] = r[1]
		}
	}
	l, ok := codelists.Builtin().Lookup("cds-validation-code")
	if !ok {
		t.Fatal("no built-in list cds-validation-code")
	}
	// norm drops HMRC's "Relation Error:" kind of prefix, case and
	// punctuation.
	prefix := regexp.MustCompile(`^[A-Za-z ]*(?:[Ee]rror|check)\s*[:-]\s*`)
	punct := regexp.MustCompile(`[^a-z0-9/]+`)
	norm := func(s string) string {
		return strings.TrimSpace(punct.ReplaceAllString(strings.ToLower(prefix.ReplaceAllString(s, "")), " "))
	}
	for code, text := range hmrc {
		if !l.Has(code) {
			t.Errorf("HMRC's %s is missing", code)
			continue
		}
		d := l.Description(code)
		switch {
		case d == "":
			t.Errorf("%s has no description", code)
		case strings.Contains(norm(text), norm(d)) || strings.Contains(norm(d), norm(text)):
			t.Errorf("%s: the description is HMRC's text %q; write it in customslint's words", code, text)
		case len(d) > 110:
			t.Errorf("%s: description of %d characters; keep it short", code, len(d))
		}
	}
	for _, code := range l.Codes() {
		if _, ok := hmrc[code]; !ok {
			t.Errorf("%s is not an HMRC validation code", code)
		}
	}
	t.Logf("%d validation codes", len(hmrc))
}
