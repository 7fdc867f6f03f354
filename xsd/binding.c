#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemastypes.h>

#include "binding.h"
#include "_cgo_export.h"

// The Go collector (a cgo.Handle) of the operation running on this OS thread.
// A cgo call and every callback it triggers run on one thread, so libxml2's
// thread-global error hooks and the entity loader can find the caller here.
static __thread uintptr_t cl_current;

static void cl_forward(uintptr_t handle, xmlErrorPtr err) {
    if (handle != 0 && err != NULL) {
        clGoError(handle, err);
    }
}

static void cl_serror(void *data, xmlErrorPtr err) {
    cl_forward((uintptr_t) data, err);
}

static void cl_thread_serror(void *data, xmlErrorPtr err) {
    (void) data;
    cl_forward(cl_current, err);
}

static void cl_generic(void *ctx, const char *msg, ...) {
    (void) ctx;
    if (cl_current == 0 || msg == NULL) {
        return;
    }
    va_list ap;
    va_start(ap, msg);
    int n = vsnprintf(NULL, 0, msg, ap);
    va_end(ap);
    if (n <= 0) {
        return;
    }
    char *buf = malloc((size_t) n + 1);
    if (buf == NULL) {
        return;
    }
    va_start(ap, msg);
    vsnprintf(buf, (size_t) n + 1, msg, ap);
    va_end(ap);
    clGoGeneric(cl_current, buf);
    free(buf);
}

static void cl_thread_enter(uintptr_t handle) {
    cl_current = handle;
    xmlSetGenericErrorFunc(NULL, cl_generic);
    xmlSetStructuredErrorFunc(NULL, cl_thread_serror);
}

static void cl_thread_leave(void) {
    cl_current = 0;
}

// cl_entity_loader replaces libxml2's default loader (files, catalogs, HTTP,
// FTP). It asks Go, which serves files of the schema bundle being compiled
// on this thread and refuses everything else.
static xmlParserInputPtr cl_entity_loader(const char *url, const char *id,
                                          xmlParserCtxtPtr ctxt) {
    (void) id;
    char *data = NULL;
    int len = 0;
    if (url == NULL || !clGoLoadEntity((char *) url, cl_current, &data, &len)) {
        return NULL;
    }
    xmlParserInputBufferPtr buf =
        xmlParserInputBufferCreateMem(data, len, XML_CHAR_ENCODING_NONE);
    free(data);
    if (buf == NULL) {
        return NULL;
    }
    xmlParserInputPtr in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
    if (in == NULL) {
        xmlFreeParserInputBuffer(buf);
        return NULL;
    }
    in->filename = (char *) xmlStrdup((const xmlChar *) url);
    return in;
}

void cl_init(void) {
    xmlInitParser();
    xmlSchemaInitTypes();
    xmlSetExternalEntityLoader(cl_entity_loader);
}

// cl_start_element_ns builds the node as libxml2's tree builder does and
// records where its start tag ends, for exact columns in findings.
static void cl_start_element_ns(void *ctx, const xmlChar *localname,
                                const xmlChar *prefix, const xmlChar *uri,
                                int nb_namespaces, const xmlChar **namespaces,
                                int nb_attributes, int nb_defaulted,
                                const xmlChar **attributes) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr) ctx;
    xmlNodePtr before = ctxt->node;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    if (ctxt->node != NULL && ctxt->node != before && ctxt->input != NULL &&
        ctxt->input->cur != NULL && ctxt->input->base != NULL) {
        uintptr_t off = (uintptr_t) ctxt->input->consumed +
                        (uintptr_t) (ctxt->input->cur - ctxt->input->base);
        ctxt->node->_private = (void *) (off + 1);
    }
}

xmlDocPtr cl_parse(const char *buf, int len, int options, int force_utf8,
                   uintptr_t handle, int *well_formed) {
    *well_formed = 0;
    cl_thread_enter(handle);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        cl_thread_leave();
        return NULL;
    }
    ctxt->sax->startElementNs = cl_start_element_ns;
    // xmlCtxtReadMemory resets parts of the context; the thread-local
    // handle set above survives that.
    ctxt->sax->serror = cl_thread_serror;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, len, NULL,
                                      force_utf8 ? "UTF-8" : NULL, options);
    *well_formed = ctxt->wellFormed && doc != NULL;
    xmlFreeParserCtxt(ctxt);
    cl_thread_leave();
    return doc;
}

xmlSchemaPtr cl_compile(const char *url, uintptr_t handle) {
    cl_thread_enter(handle);
    xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(url);
    if (p == NULL) {
        cl_thread_leave();
        return NULL;
    }
    xmlSchemaSetParserStructuredErrors(p, cl_serror, (void *) handle);
    xmlSchemaPtr s = xmlSchemaParse(p);
    xmlSchemaFreeParserCtxt(p);
    cl_thread_leave();
    return s;
}

int cl_validate(xmlSchemaPtr schema, xmlDocPtr doc, xmlNodePtr elem,
                uintptr_t handle) {
    cl_thread_enter(handle);
    int rc = -1;
    xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
    if (v != NULL) {
        xmlSchemaSetValidStructuredErrors(v, cl_serror, (void *) handle);
        rc = elem != NULL ? xmlSchemaValidateOneElement(v, elem)
                          : xmlSchemaValidateDoc(v, doc);
        xmlSchemaFreeValidCtxt(v);
    }
    cl_thread_leave();
    return rc;
}

xmlNodePtr *cl_elements(xmlNodePtr root, size_t *n) {
    size_t cap = 256, len = 0;
    xmlNodePtr *out = malloc(cap * sizeof(xmlNodePtr));
    *n = 0;
    if (out == NULL) {
        return NULL;
    }
    xmlNodePtr cur = root->children;
    while (cur != NULL && cur != root) {
        if (cur->type == XML_ELEMENT_NODE) {
            if (len == cap) {
                xmlNodePtr *grown = realloc(out, 2 * cap * sizeof(xmlNodePtr));
                if (grown == NULL) {
                    free(out);
                    return NULL;
                }
                out = grown;
                cap *= 2;
            }
            out[len++] = cur;
            if (cur->children != NULL) {
                cur = cur->children;
                continue;
            }
        }
        while (cur != root && cur->next == NULL) {
            cur = cur->parent;
        }
        if (cur == root) {
            break;
        }
        cur = cur->next;
    }
    if (len == 0) {
        free(out);
        return NULL;
    }
    *n = len;
    return out;
}

const xmlChar *cl_name(xmlDocPtr doc, const char *name, int len) {
    if (doc == NULL || doc->dict == NULL) {
        return NULL;
    }
    return xmlDictExists(doc->dict, (const xmlChar *) name, len);
}
