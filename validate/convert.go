package validate

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/xsd"
)

// Convert turns one message into its other form: XML into the JSON view of
// its message type, JSON into XML. to is "json" or "xml". What the XML
// document holds around the message (a transport wrapper such as HMRC's
// MDG submitDeclarationRequest, processing instructions outside the
// message) is carried over in the JSON's transform.DocumentKey member.
// Problems list what could not be carried over (a schema-valid message
// has none); the error says why nothing was converted.
func (e *Engine) Convert(ctx context.Context, name string, data []byte, to string) ([]byte, []transform.Problem, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > e.maxSize {
		return nil, nil, fmt.Errorf("%s is larger than the limit of %s", name, sizeString(e.maxSize))
	}
	isJSON := IsJSON(data)
	switch {
	case to == "json" && isJSON:
		return nil, nil, fmt.Errorf("%s is JSON already", name)
	case to == "xml" && !isJSON:
		return nil, nil, fmt.Errorf("%s is XML already", name)
	case to != "json" && to != "xml":
		return nil, nil, fmt.Errorf("convert to %q: want json or xml", to)
	}
	if isJSON {
		return e.convertJSON(name, data)
	}
	g := guard(data)
	if !g.ok {
		for _, f := range g.findings {
			if f.Severity == "error" {
				return nil, nil, fmt.Errorf("%s:%d: %s", name, f.Line, f.Message)
			}
		}
	}
	res, err := xsd.ParseDocument(ctx, xsd.Input{Data: g.src, ForceUTF8: g.forceUTF8})
	doc, perrs := res.Doc, res.ParseErrors
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if doc == nil {
		if len(perrs) > 0 {
			return nil, nil, fmt.Errorf("%s: not well-formed XML: %v", name, perrs[0])
		}
		return nil, nil, errors.New(name + ": not well-formed XML")
	}
	defer doc.Free()
	det := detect(doc)
	if det.family == familyUnknown || det.schemaType == "" {
		msg := "the message type cannot be told"
		if len(det.findings) > 0 {
			msg = det.findings[0].Message
		}
		return nil, nil, fmt.Errorf("%s: %s", name, msg)
	}
	e.decidePhase(&det, "")
	view, err := transform.ViewFor(string(det.profile), det.messageType)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	env, probs := transform.ReadEnvelope(g.src, childPath(det.elem))
	out, vprobs := view.ToJSONDocument(det.elem, env)
	return out, append(vprobs, probs...), nil
}

// childPath returns the element-child indexes that lead from the document
// element to e (none when e is the document element).
func childPath(e xsd.Element) []int {
	var path []int
	for p := e.Parent(); p.Valid(); e, p = p, p.Parent() {
		i := 0
		for c := p.FirstChild(); c.Valid() && c != e; c = c.Next() {
			i++
		}
		path = append(path, i)
	}
	slices.Reverse(path)
	return path
}
