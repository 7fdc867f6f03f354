package rules

import (
	"fmt"
	"strings"

	"github.com/customslint/customslint/codelists"
	"github.com/customslint/customslint/xsd"
)

// validationCodeText describes a CDS validation code (CDS12015 ...): HMRC's
// text when the user loaded HMRC's dmsErrorCodes list, else customslint's
// own (the built-in list cds-validation-code).
func validationCodeText(cl *codelists.Set, code string) (string, bool) {
	if c, ok := cdsLegacyCodes[code]; ok {
		code = c
	}
	if l, ok := cl.Lookup("dmsErrorCodes"); ok && l.Source != "built in" && l.Description(code) != "" {
		return l.Description(code), true
	}
	if l, ok := cl.Lookup("cds-validation-code"); ok && l.Has(code) {
		return l.Description(code), true
	}
	return "", false
}

// errorPointerPath maps the Pointer chain of a notification's Error to the
// element path it names in the declaration. mapped is false when the chain
// leaves the model; notes say what is wrong (with the occurrence numbers
// only, when mapped).
func errorPointerPath(pm *pointerModel, e xsd.Element) (path string, mapped bool, notes []string) {
	r, probs := pm.resolve(readChain(e))
	for _, pr := range probs {
		if c := pr.unnumbered; c != nil {
			notes = append(notes, fmt.Sprintf("the notification does not number the %s (%s)", c.name, c.id))
			continue
		}
		notes = append(notes, pr.msg)
	}
	return r.path, r.ok, notes
}

// cdsNotificationError shows where the errors of a DMS notification are.
var cdsNotificationError = &Rule{
	ID:           "cds-notification-error",
	Summary:      "shows each Error of a DMS notification (DMSREJ ...) with its validation code, a description and the element its Pointer chain names",
	Severity:     Info,
	MessageTypes: []string{"CDS-RES"},
	Doc: `A DMS notification that rejects a declaration (DMSREJ, Response FunctionCode 03) lists its
errors as Error elements: a validation code (CDS12015 ...) and a chain of Pointer elements
naming the element at fault in the declaration, class by class from the Declaration (42A), as
amendments do (see cds-amendment-pointer). Other notifications, such as acceptances carrying
credibility warnings (CDS13000), hold Error elements of the same form.

This rule reads each chain back into an element path of the declaration, through customslint's
CDS model, and reports one info finding per Error with the code, a description and the path:
GovernmentAgencyGoodsItem[SequenceNumeric=1] is goods item 1, AdditionalDocument[4] the fourth
additional document, [?] an occurrence the notification does not number. The description is
customslint's own summary (built-in list cds-validation-code); when HMRC's dmsErrorCodes.json is
loaded with --codelists, HMRC's text is shown instead. A chain that names no element of the
model is shown with the reason.

Failing (shown: a DMSREJ error):

    <Error>
      <ValidationCode>CDS12056</ValidationCode>
      <Pointer><DocumentSectionCode>42A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>68A</DocumentSectionCode></Pointer>
      <Pointer><DocumentSectionCode>23A</DocumentSectionCode></Pointer>
      <Pointer><SequenceNumeric>2</SequenceNumeric><DocumentSectionCode>21A</DocumentSectionCode><TagID>145</TagID></Pointer>
    </Error>

is shown as

    CDS12056 (elements declared in a combination DMS refuses) at
    /Declaration/GoodsShipment/GovernmentAgencyGoodsItem[SequenceNumeric=1]/Commodity/Classification[2]/ID

Passing (nothing to show: a notification without Error elements, such as a DMSACC without
warnings or a DMSCLE):

    <Response>
      <FunctionCode>01</FunctionCode>
      ...
      <Declaration>...</Declaration>
    </Response>
`,
	Check: func(p *Pass) {
		pm, err := pointerIndex()
		if err != nil {
			panic(err)
		}
		for _, e := range elementsAt(p.Root, "/*/Response/Error") {
			code, _ := textAt(e, "ValidationCode")
			head := code
			if code == "" {
				head = "an error without ValidationCode"
			}
			if text, ok := validationCodeText(p.Config.CodeLists, code); ok {
				head += " (" + text + ")"
			} else if code != "" {
				head += " (a code customslint does not know)"
			}
			steps := readChain(e)
			if len(steps) == 0 {
				p.reportCode(e, code, "%s; the error names no element", head)
				continue
			}
			path, mapped, notes := errorPointerPath(pm, e)
			switch {
			case mapped && len(notes) == 0:
				p.reportCode(e, code, "%s at %s", head, path)
			case mapped:
				p.reportCode(e, code, "%s at %s (%s)", head, path, strings.Join(notes, "; "))
			default:
				where := ""
				if path != "" {
					where = " beyond " + path
				}
				p.reportCode(e, code, "%s; its pointer %s names no element of the declaration%s: %s", head, chainString(steps), where, strings.Join(notes, "; "))
			}
		}
	},
}

func init() {
	register(cdsNotificationError)
}
