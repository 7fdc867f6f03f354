// Small C layer between Go and libxml2's parser and XSD API.
//
// Everything that needs a C callback or C-only macros lives here; the Go side
// (xsd/*.go) owns policy. Every entry point first calls cl_thread_enter so
// that libxml2's thread-local generic error handler of the current OS thread
// forwards to Go instead of printing to stderr.
#ifndef CUSTOMSLINT_XSD_BINDING_H
#define CUSTOMSLINT_XSD_BINDING_H

#include <stdint.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

// cl_init initialises libxml2 once per process: parser globals, XSD built-in
// types (xmlSchemaInitTypes is not thread-safe) and the external-entity
// loader that only serves files of registered schema bundles.
void cl_init(void);

// cl_parse parses an in-memory document. Errors go to the Go collector named
// by handle. On success the returned document's element nodes carry in
// _private the byte offset (plus one) of the end of their start tag.
// force_utf8 makes libxml2 ignore the encoding declaration (the Go side
// already transcoded the bytes to UTF-8). *well_formed is set to 1 or 0;
// a non-well-formed document is freed and NULL returned.
xmlDocPtr cl_parse(const char *buf, int len, int options, int force_utf8,
                   uintptr_t handle, int *well_formed);

// cl_compile compiles the schema whose entry document is at url (a
// customslint-bundle:// URL served by the loader). Errors and warnings go to
// the Go collector named by handle. Returns NULL when compilation fails.
xmlSchemaPtr cl_compile(const char *url, uintptr_t handle);

// cl_validate validates doc (or, when elem is not NULL, the subtree rooted at
// elem) against schema, reporting each error to the collector named by
// handle. Returns libxml2's result: 0 valid, >0 invalid, <0 internal error.
// cl_elements returns a malloc'd array of the element nodes below root
// (root excluded), in document order, and their number in *n; NULL when
// there are none or memory is short. Free it with free().
xmlNodePtr *cl_elements(xmlNodePtr root, size_t *n);

// cl_name returns the document's interned copy of a name, or NULL when no
// node of the document has it.
const xmlChar *cl_name(xmlDocPtr doc, const char *name, int len);

int cl_validate(xmlSchemaPtr schema, xmlDocPtr doc, xmlNodePtr elem,
                uintptr_t handle);

#endif
