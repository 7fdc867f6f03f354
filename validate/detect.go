package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// Namespaces of the message families.
const (
	NSMetaData     = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
	NSDeclaration  = "urn:wco:datamodel:WCO:DEC-DMS:2"
	NSResponse     = "urn:wco:datamodel:WCO:RES-DMS:2"
	NSNCTS         = "http://ncts.dgtaxud.ec"
	nsMDGSubmit    = "http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1"
	nsInvLinkPrefx = "http://gov.uk/customs/inventoryLinking"
)

type family int

const (
	familyUnknown family = iota
	familyCDS
	familyCTC
)

// detection is what the document element says about the message.
type detection struct {
	family      family
	profile     Profile // cds, ctc-p4; for namespaced CTC messages "" (phase 5 or 6, decided later)
	messageType string  // what the report shows
	schemaType  string  // the message type whose schema applies ("" = none)
	elem        xsd.Element
	wrapped     bool // elem is inside a transport wrapper
	findings    []Finding
}

var (
	ctcP4Root = regexp.MustCompile(`^CC[0-9]{3}[AB]$`)
	ctcCRoot  = regexp.MustCompile(`^CC[0-9]{3}C$`)
)

func findingAt(e xsd.Element, rule string, sev Severity, format string, args ...any) Finding {
	line, col := e.Position()
	if line < 1 {
		line = 1
	}
	return Finding{Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...), Line: line, Column: col, Path: e.Path()}
}

func describe(e xsd.Element) string {
	if ns := e.Namespace(); ns != "" {
		return fmt.Sprintf("%s (namespace %s)", e.LocalName(), ns)
	}
	return e.LocalName() + " (no namespace)"
}

// detect tells family and message type from the document element.
func detect(doc *xsd.Document) detection {
	d := detection{messageType: TypeUnknown, elem: doc.Root()}
	root := d.elem
	local, ns := root.LocalName(), root.Namespace()

	if local == "submitDeclarationRequest" && ns == nsMDGSubmit {
		inner := root.Child(nsMDGSubmit, "requestDetail").ChildByLocalName("MetaData")
		if !inner.Valid() {
			d.family = familyCDS
			d.profile = ProfileCDS
			d.findings = append(d.findings, findingAt(root, rules.MessageTypeID, rules.Error,
				"HMRC MDG submitDeclarationRequest without a MetaData in its requestDetail"))
			return d
		}
		line, _ := inner.Position()
		d.findings = append(d.findings, findingAt(root, rules.MessageTypeID, rules.Info,
			"HMRC MDG submitDeclarationRequest wrapper: checked the MetaData it carries (line %d)", line))
		d.elem, d.wrapped = inner, true
		local, ns = inner.LocalName(), inner.Namespace()
	}

	switch {
	case local == "MetaData":
		d.family, d.profile = familyCDS, ProfileCDS
		d.detectCDS()
	case ctcP4Root.MatchString(local):
		d.family, d.profile, d.messageType = familyCTC, ProfileCTCP4, local
		if ns != "" {
			d.findings = append(d.findings, findingAt(d.elem, rules.XSDID, rules.Error,
				"%s is a CTC phase 4 message, which has no namespace, but it is in namespace %s", local, ns))
			return d
		}
		d.schemaType = local
	case ctcCRoot.MatchString(local):
		d.family, d.messageType = familyCTC, local
		if ns != NSNCTS {
			have := "it has no namespace"
			if ns != "" {
				have = "it is in namespace " + ns
			}
			d.findings = append(d.findings, findingAt(d.elem, rules.XSDID, rules.Error,
				"%s is a CTC phase 5/6 message and must be in namespace %s, but %s", local, NSNCTS, have))
			return d
		}
		d.schemaType = local
	default:
		d.findings = append(d.findings, findingAt(d.elem, rules.MessageTypeID, rules.Error, "%s", unknownRoot(d.elem)))
	}
	return d
}

func unknownRoot(e xsd.Element) string {
	local, ns := e.LocalName(), e.Namespace()
	switch {
	case strings.HasPrefix(ns, nsInvLinkPrefx) || strings.Contains(ns, "inventorylinking"):
		return fmt.Sprintf("%s is an inventory linking message; customslint checks CDS declarations and notifications and CTC messages, not inventory linking", local)
	case strings.HasPrefix(local, "Declaration") && strings.HasSuffix(local, "Response"):
		return fmt.Sprintf("%s is a response of HMRC's declaration information API, not a message customslint checks", local)
	case ns == "hmrc:fileupload":
		return fmt.Sprintf("%s is a CDS file upload message, not a message customslint checks", local)
	}
	return fmt.Sprintf("unknown document element %s: customslint checks CDS declarations and DMS notifications (md:MetaData in %s) and CTC messages (CC...A/B without namespace for phase 4, CC...C in %s for phases 5 and 6)",
		describe(e), NSMetaData, NSNCTS)
}

// detectCDS classifies a MetaData element: a declaration of some function, or
// a DMS notification.
func (d *detection) detectCDS() {
	md := d.elem
	ns := md.Namespace()
	decl := md.ChildByLocalName("Declaration")
	resp := md.ChildByLocalName("Response")
	switch {
	case resp.Valid():
		d.messageType = TypeCDSNotification
	case decl.Valid():
		d.messageType = classifyDeclaration(decl)
	default:
		d.findings = append(d.findings, findingAt(md, rules.MessageTypeID, rules.Error,
			"MetaData holds neither a Declaration nor a Response, so it is neither a CDS declaration nor a DMS notification"))
		return
	}
	if ns != NSMetaData {
		what := "a CDS declaration"
		inner := "Declaration in " + NSDeclaration
		if d.messageType == TypeCDSNotification {
			what = "a DMS notification"
			inner = "Response in " + NSResponse
		}
		have := "has no namespace"
		if ns != "" {
			have = "is in namespace " + ns
		}
		d.findings = append(d.findings, findingAt(md, rules.XSDID, rules.Error,
			"MetaData %s, so %s cannot be validated: MetaData must be in %s and %s (HMRC publishes many notification samples without namespaces; they do not validate as published)",
			have, what, NSMetaData, inner))
		return
	}
	switch d.messageType {
	case TypeCDSDeclaration, TypeCDSAmendment, TypeCDSGoodsPresent, TypeCDSCancellation, TypeCDSNotification:
		d.schemaType = d.messageType
	default:
		// Without a FunctionCode the schema check says what is missing.
		fc := decl.ChildByLocalName("FunctionCode")
		if fc.Valid() {
			tc := strings.TrimSpace(decl.ChildByLocalName("TypeCode").Text())
			d.findings = append(d.findings, findingAt(fc, rules.MessageTypeID, rules.Warning,
				"Declaration with FunctionCode %q and TypeCode %q is none of the CDS messages customslint knows (FunctionCode 9: declaration; 13 with TypeCode COR, INV or GPR): validated against the declaration submission schema",
				strings.TrimSpace(fc.Text()), tc))
		}
		d.schemaType = TypeCDSDeclaration
	}
}

// classifyDeclaration maps FunctionCode and TypeCode to a message type.
func classifyDeclaration(decl xsd.Element) string {
	fc := strings.TrimSpace(decl.ChildByLocalName("FunctionCode").Text())
	tc := strings.TrimSpace(decl.ChildByLocalName("TypeCode").Text())
	switch fc {
	case "9":
		return TypeCDSDeclaration
	case "13":
		switch tc {
		case "COR":
			return TypeCDSAmendment
		case "INV":
			return TypeCDSCancellation
		case "GPR":
			return TypeCDSGoodsPresent
		}
	}
	return TypeUnknown
}
