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

// cl_compile compiles the schema whose entry document is at url (a
// customslint-bundle:// URL served by the loader). Errors and warnings go to
// the Go collector named by handle. Returns NULL when compilation fails.
xmlSchemaPtr cl_compile(const char *url, uintptr_t handle);

// cl_el is one element of a parsed document. Elements are numbered in
// document order (the order of their start tags), from 0 for the document
// element; links are those numbers, -1 for none. An element's first child,
// when it has one, is the next element: the one whose parent it is. Names
// and namespace URIs are numbers in the tree's names (0: none). An
// element's attributes run from its attr to the next element's (to nattrs
// for the last element). 36 bytes.
typedef struct {
    uint32_t name;         // local name: cl_tree.names[name]
    uint32_t uri;          // namespace URI: cl_tree.names[uri], 0 for none
    int32_t parent, next;
    int32_t line;          // line where the start tag ends (as libxml2 counts)
    uint32_t tag_end;      // byte offset just past the start tag
    uint32_t text, text_len; // direct character content, in the text arena
    uint32_t attr;         // its first attribute in attrs
} cl_el;

// cl_attr is an attribute (namespace declarations are not attributes).
typedef struct {
    const xmlChar *name, *uri, *prefix; // interned; uri and prefix may be NULL
    uint32_t value, value_len;          // the decoded value, in the text arena
} cl_attr;

// cl_comment is a comment, with the element whose start tag follows it.
// Its text is not copied: it is in the source, just before end.
typedef struct {
    uint32_t end;  // byte offset just past the comment's "-->"
    int32_t line;
    int32_t next; // -1 when no start tag follows
} cl_comment;

// cl_tree is a parsed document: arrays in malloc'd memory and the parser's
// dictionary, which holds every name. Free it with cl_tree_free.
typedef struct {
    cl_el *els;
    int32_t nels;
    size_t capels;
    cl_attr *attrs;
    int32_t nattrs;
    size_t capattrs;
    cl_comment *comments;
    int32_t ncomments;
    size_t capcomments;
    char *text;
    size_t ntext, captext;
    // The distinct element names and namespace URIs, interned in dict;
    // names[0] is NULL.
    const xmlChar **names;
    uint32_t nnames;
    size_t capnames;
    xmlDictPtr dict;
} cl_tree;

// cl_stream parses an in-memory document in one pass of libxml2's SAX2
// parser (no libxml2 tree). With out, it builds the document's cl_tree
// (*out, NULL unless well-formed). With a schema, it validates the element
// numbered gate (0: the document element) and its content against it on
// the way, through libxml2's SAX plug: each validity error goes to the Go
// collector with the number of the element it is about, *valid is set to
// 1 (valid) or 0, -1 when the document is not well-formed. Parse errors go
// to the collector through the thread's structured error handler.
// buf NULL with len > 0: the collector reads the len bytes (clGoRead).
// cancel, when not NULL, is a flag another thread may set (atomically) to
// stop the pass: it is read before each read of input and in every SAX
// callback, and the parser is then stopped (xmlStopParser) or its read
// fails.
// Returns 1 when well-formed, 0 when not, -1 when memory ran short, -2
// when stopped through cancel (then *out is NULL).
int cl_stream(const char *buf, int len, int options, uintptr_t handle,
              xmlSchemaPtr schema, int32_t gate, const int32_t *cancel,
              cl_tree **out, int *valid);

// cl_tree_free frees a tree from cl_stream.
void cl_tree_free(cl_tree *t);

// cl_tree_name returns the tree's interned copy of a name, or NULL when
// no element or attribute of the document has it.
const xmlChar *cl_tree_name(cl_tree *t, const char *name, int len);

#endif
