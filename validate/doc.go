// Package validate is customslint's engine. For each message it runs:
//
//	read -> guard (size, encoding, DTD/entities) -> parse (libxml2) ->
//	detect the message type -> XSD validation -> rules
//
// and returns one FileReport of Findings (rule, severity, message, line,
// column, path). An Engine is built once from Options (schema source,
// profile, rule selection, size limit) and is safe for concurrent use.
package validate
