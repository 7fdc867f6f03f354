package hmrcvalidator

import (
	"strings"
	"testing"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
)

// arrival is a phase 6 IE007 laid out as HMRC's fixtures are (the
// document element on line 1, four spaces a level); each test breaks it.
const arrival = `<ncts:CC007C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS6">
    <messageSender>GB1</messageSender>
    <messageType>CC007C</messageType>
    <TransitOperation>
        <MRN>26GB0000000000001</MRN>
        <simplifiedProcedure>0</simplifiedProcedure>
    </TransitOperation>
    <CustomsOfficeOfDestinationActual>
    </CustomsOfficeOfDestinationActual>
    <preparationDateAndTime>2026-13-45T99:00:00</preparationDateAndTime>
</ncts:CC007C>`

func finding(line, col int, path, msg string) validate.Finding {
	return validate.Finding{Rule: rules.XSDID, Severity: rules.Error, Line: line, Column: col, Path: path, Message: msg}
}

// TestXMLErrors words each class of libxml2 schema error as Xerces does,
// at Xerces' position.
func TestXMLErrors(t *testing.T) {
	view, err := transform.ViewFor("ctc-p6", "CC007C")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    validate.Finding
		want []XMLError
	}{
		{"unexpected element", finding(3, 5, "/CC007C/messageType", "Element 'messageType': This element is not expected. Expected is one of ( messageRecipient, preparationDateAndTime )."),
			[]XMLError{{3, 18, "cvc-complex-type.2.4.a: Invalid content was found starting with element 'messageType'. One of '{messageRecipient, preparationDateAndTime}' is expected."}}},
		{"no element expected", finding(3, 5, "/CC007C/messageType", "Element 'messageType': This element is not expected."),
			[]XMLError{{3, 18, "cvc-complex-type.2.4.d: Invalid content was found starting with element 'messageType'. No child element is expected at this point."}}},
		{"missing child, at the parent's end tag", finding(8, 5, "/CC007C/CustomsOfficeOfDestinationActual", "Element 'CustomsOfficeOfDestinationActual': Missing child element(s). Expected is ( referenceNumber )."),
			[]XMLError{{9, 40, "cvc-complex-type.2.4.b: The content of element 'CustomsOfficeOfDestinationActual' is not complete. One of '{referenceNumber}' is expected."}}},
		{"pattern and its type error", finding(2, 5, "/CC007C/messageSender", "Element 'messageSender': [facet 'pattern'] The value 'GB1' is not accepted by the pattern '.{4,35}'."),
			[]XMLError{
				{2, 39, "cvc-pattern-valid: Value 'GB1' is not facet-valid with respect to pattern '.{4,35}' for type 'MessageSenderContentType'."},
				{2, 39, "cvc-type.3.1.3: The value 'GB1' of element 'messageSender' is not valid."}}},
		{"enumeration from the model, not the shortened message", finding(6, 9, "/CC007C/TransitOperation/simplifiedProcedure", "Element 'simplifiedProcedure': [facet 'enumeration'] The value '0' is not an element of the set {'x… (message shortened)"),
			nil},
		{"length from the element's text", finding(5, 9, "/CC007C/TransitOperation/MRN", "Element 'MRN': [facet 'length'] The value has a length of '17'; this differs from the allowed length of '18'."),
			[]XMLError{
				{5, 37, "cvc-length-valid: Value '26GB0000000000001' with length = '17' is not facet-valid with respect to length '18' for type 'MrnContentType05'."},
				{5, 37, "cvc-type.3.1.3: The value '26GB0000000000001' of element 'MRN' is not valid."}}},
		{"datatype", finding(10, 5, "/CC007C/preparationDateAndTime", "Element 'preparationDateAndTime': '2026-13-45T99:00:00' is not a valid value of the atomic type 'PreparationDateAndTimeContentType'."),
			[]XMLError{
				{10, 73, "cvc-datatype-valid.1.2.1: '2026-13-45T99:00:00' is not a valid value for 'dateTime'."},
				{10, 73, "cvc-type.3.1.3: The value '2026-13-45T99:00:00' of element 'preparationDateAndTime' is not valid."}}},
		{"other messages kept", finding(1, 1, "/CC007C", "Element '{http://ncts.dgtaxud.ec}CC007C', attribute 'PhaseID': 'NCTS6' is not a valid value."),
			[]XMLError{{1, 66, "Element '{http://ncts.dgtaxud.ec}CC007C', attribute 'PhaseID': 'NCTS6' is not a valid value."}}},
	} {
		got := XMLErrors(view, []byte(arrival), []validate.Finding{c.f})
		if c.want == nil { // checked below
			if len(got) != 2 || !strings.HasPrefix(got[0].Message, "cvc-enumeration-valid: Value '0' is not facet-valid with respect to enumeration '[") ||
				strings.Contains(got[0].Message, "shortened") || !strings.HasSuffix(got[0].Message, "]'. It must be a value from the enumeration.") {
				t.Errorf("%s: %+v", c.name, got)
			}
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %+v, want %+v", c.name, got[i], c.want[i])
			}
		}
	}
}

// TestXMLErrorsDropsFollowingTypeError: libxml2's type error after a facet
// error of the same element is the cvc-type.3.1.3 already given.
func TestXMLErrorsDropsFollowingTypeError(t *testing.T) {
	got := XMLErrors(nil, []byte(arrival), []validate.Finding{
		finding(2, 5, "/CC007C/messageSender", "Element 'messageSender': [facet 'pattern'] The value 'GB1' is not accepted by the pattern '.{4,35}'."),
		finding(2, 5, "/CC007C/messageSender", "Element 'messageSender': 'GB1' is not a valid value of the atomic type 'MessageSenderContentType'."),
	})
	if len(got) != 2 || got[1].Message != "cvc-type.3.1.3: The value 'GB1' of element 'messageSender' is not valid." {
		t.Errorf("%+v", got)
	}
}

// TestXMLErrorsBadPlaces: positions outside the message, or a message cut
// short, keep libxml2's place rather than fail.
func TestXMLErrorsBadPlaces(t *testing.T) {
	for _, f := range []validate.Finding{
		finding(99, 1, "/CC007C", "Element 'CC007C': Missing child element(s). Expected is ( a )."),
		finding(2, 500, "/CC007C/messageSender", "Element 'messageSender': This element is not expected."),
		finding(0, 0, "", "Element 'x': Missing child element(s). Expected is ( a )."),
	} {
		got := XMLErrors(nil, []byte(arrival[:40]), []validate.Finding{f})
		if len(got) != 1 || got[0].LineNumber != f.Line || got[0].ColumnNumber != f.Column {
			t.Errorf("%+v: %+v", f, got)
		}
	}
}

func TestUndeclaredRoot(t *testing.T) {
	got := UndeclaredRoot([]byte("<?xml version=\"1.0\"?>\n<ncts:CC015C xmlns:ncts=\"http://ncts.dgtaxud.ec\">\n</ncts:CC015C>"), 2, 1)
	want := XMLError{2, 50, "cvc-elt.1.a: Cannot find the declaration of element 'ncts:CC015C'."}
	if got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
}

// TestSourceColumns: columns count characters, on lines of ASCII and of
// other text, long or short.
func TestSourceColumns(t *testing.T) {
	line := strings.Repeat("é", 3000) + "<a>"
	src := newSource([]byte("x\n" + line))
	off := src.offset(2, 3001)
	if off != 2+6000 || src.data[off] != '<' {
		t.Fatalf("offset %d", off)
	}
	if l, c := src.position(off + 3); l != 2 || c != 3004 {
		t.Errorf("position %d:%d", l, c)
	}
	if src.offset(2, 5000) != -1 || src.offset(3, 1) != -1 {
		t.Error("a place past the line or the message")
	}
}
