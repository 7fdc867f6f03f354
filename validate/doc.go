// Package validate is customslint's engine. For each message it runs:
//
//	read -> guard (size, encoding, DTD/entities) -> parse (libxml2) ->
//	detect the message type -> XSD validation -> rules -> report
//
// (one function a stage, in pipeline.go) and returns one FileReport of Findings (rule, severity, message, line,
// column, path). An Engine is built once from Options (schema source,
// profile, rule selection, size limit) and is safe for concurrent use.
// A Corpus gives the rules of a run the facts of its other messages, for
// checks across messages.
package validate
