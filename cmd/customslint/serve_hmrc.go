package main

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/customslint/customslint/internal/hmrcvalidator"
	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/transform"
	"github.com/customslint/customslint/validate"
	"github.com/customslint/customslint/xsd"
)

// hmrcMessageTypes are the message types HMRC's validator takes (trader
// requests), by the code in its URL.
var hmrcMessageTypes = map[string]string{
	"IE007": "CC007C", "IE013": "CC013C", "IE014": "CC014C", "IE015": "CC015C", "IE044": "CC044C", "IE170": "CC170C",
}

// internalError is HMRC's answer to a failure of its own.
func internalError() reply {
	return respond(http.StatusInternalServerError, presentationError{"Internal server error", "INTERNAL_SERVER_ERROR"})
}

// validationErrors is the 200 answer listing a message's schema errors.
func validationErrors[E any](errs []E) reply {
	return respond(http.StatusOK, map[string]any{"validationErrors": errs})
}

// hmrcValidate is POST /messages/{IEnnn}/validation, with the statuses and
// bodies of HMRC's transit-movements-validator: 204 valid; 200 with
// validationErrors for schema errors; 200 with BUSINESS_VALIDATION_ERROR for
// a business rule; 400 for JSON that does not parse; 404 for an unknown
// message type; 406 for a missing APIVersion, 415 for one the service does
// not take (--api-versions) or a content type other than application/xml
// or application/json.
func (s *server) hmrcValidate(r *http.Request) (reply, job) {
	profile, problem := s.versions.Profile(r.Header.Values("APIVersion"))
	if problem != nil {
		return respond(problem.Status, presentationError{problem.Message, problem.Code}), nil
	}
	ct := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "application/xml" && mt != "application/json" {
		msg := "Content type must be specified."
		if ct != "" {
			msg = fmt.Sprintf("Content type %s is not supported.", ct)
		}
		return respond(http.StatusUnsupportedMediaType, presentationError{msg, "UNSUPPORTED_MEDIA_TYPE"}), nil
	}
	code := validationType(r.URL.Path)
	root, ok := hmrcMessageTypes[code]
	if !ok {
		return respond(http.StatusNotFound, presentationError{fmt.Sprintf("Unknown Message Type provided: %s is not recognised", code), "NOT_FOUND"}), nil
	}
	data, errResp := s.readBody(r)
	if errResp != nil {
		return *errResp, nil
	}
	eng := s.hmrc[profile]
	return reply{}, func(ctx context.Context) reply {
		if mt == "application/json" {
			return s.hmrcJSON(ctx, eng, profile, root, data)
		}
		return s.hmrcXML(ctx, eng, profile, code, root, data)
	}
}

// hmrcXML answers for an XML message, as HMRC's validator does.
func (s *server) hmrcXML(ctx context.Context, eng *validate.Engine, profile validate.Profile, code, root string, data []byte) reply {
	if validate.IsJSON(data) {
		// JSON sent as XML: the XML parser stops at the first byte, as
		// HMRC's does (the engine would otherwise read it as JSON).
		return validationErrors([]hmrcvalidator.XMLError{{LineNumber: 1, ColumnNumber: 1, Message: "Content is not allowed in prolog."}})
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		return s.failed(err, internalError())
	}
	var schemaErrs []hmrcvalidator.XMLError
	for _, f := range rep.Findings {
		if f.Severity == rules.Error && f.Rule == rules.XMLID {
			// A parser stops at the first fatal error; so does HMRC's.
			schemaErrs = []hmrcvalidator.XMLError{{LineNumber: f.Line, ColumnNumber: f.Column, Message: f.Message}}
			break
		}
	}
	if schemaErrs == nil {
		view, err := transform.ViewFor(string(profile), root)
		if err != nil {
			view = nil // worded without the model: type names and enumerations as libxml2 gives them
		}
		schemaErrs = hmrcvalidator.XMLErrors(view, data, rep.Findings)
	}
	if len(schemaErrs) == 0 && rep.MessageType != root {
		// HMRC validates against the message type's schema: another
		// document element has no declaration there.
		line, col := rootPosition(data)
		schemaErrs = []hmrcvalidator.XMLError{hmrcvalidator.UndeclaredRoot(data, line, col)}
	}
	if len(schemaErrs) > 0 {
		return validationErrors(schemaErrs)
	}
	return s.business(rep)
}

// rootPosition is where the document element of a parsed message starts.
func rootPosition(data []byte) (int, int) {
	doc, _, err := xsd.Parse(data, false)
	if err != nil {
		return 1, 1
	}
	defer doc.Free()
	return doc.Root().Position()
}

// hmrcJSON answers for a JSON message, as HMRC's validator does.
func (s *server) hmrcJSON(ctx context.Context, eng *validate.Engine, profile validate.Profile, root string, data []byte) reply {
	if msg, bad := hmrcvalidator.JSONSyntax(data); bad {
		return respond(http.StatusBadRequest, presentationError{msg, "BAD_REQUEST"})
	}
	if err := validate.CheckJSONSyntax(data); err != nil {
		return respond(http.StatusBadRequest, presentationError{"Invalid JSON: " + err.Error(), "BAD_REQUEST"})
	}
	view, err := transform.ViewFor(string(profile), root)
	if err != nil {
		return internalError()
	}
	errs, err := validate.JSONSchemaErrors(profile, root, data)
	if err != nil {
		return internalError()
	}
	if len(errs) > 0 {
		return validationErrors(hmrcvalidator.JSONErrors(view, errs))
	}
	rep, err := eng.Check(ctx, "<request>", data)
	if err != nil && !errors.Is(err, validate.ErrSchema) {
		return s.failed(err, internalError())
	}
	return s.business(rep)
}

// business answers for a schema-valid message: HMRC's business error, or
// 204.
func (s *server) business(rep validate.FileReport) reply {
	if msg, ok := hmrcvalidator.Business(rep.Findings); ok {
		return respond(http.StatusOK, presentationError{msg, "BUSINESS_VALIDATION_ERROR"})
	}
	return reply{status: http.StatusNoContent}
}
