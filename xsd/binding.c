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

// cl_error is the error a structured error handler (xmlStructuredErrorFunc)
// receives: libxml2 2.12 made it const, earlier versions pass an
// xmlErrorPtr. The Go side only reads it; cgo's exports cannot say const,
// so it is passed on as a plain pointer.
#if LIBXML_VERSION >= 21200
typedef const xmlError *cl_error;
#else
typedef xmlError *cl_error;
#endif

static void cl_forward(uintptr_t handle, cl_error err) {
    if (handle != 0 && err != NULL) {
        clGoError(handle, (xmlError *) err);
    }
}

static void cl_serror(void *data, cl_error err) {
    cl_forward((uintptr_t) data, err);
}

static void cl_thread_serror(void *data, cl_error err) {
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


// ---------------------------------------------------------------------------
// Streaming parse: one pass of libxml2's SAX2 parser that builds the compact
// element table (cl_tree) and, when a schema is given, validates on the way
// through libxml2's SAX plug. No libxml2 tree is built.

// cl_open is an open element: its number, the last child appended to it,
// where its text starts in cl_state.pend, how many namespaces it declared.
typedef struct {
    int32_t ord, last;
    size_t pstart;
    int nsdecl;
} cl_open;

// cl_state is the state of one pass; it lives on the C stack of cl_stream.
typedef struct {
    xmlParserCtxtPtr ctxt;
    cl_tree *tree;        // NULL in a validation-only pass
    uintptr_t handle;     // the Go collector
    int32_t count;        // start tags seen so far (ordinal of the next one)
    cl_open *open;        // open elements, outermost first
    int depth;
    size_t capopen;
    char *pend;           // text of the open elements, outermost first
    size_t npend, cappend;
    const xmlChar **ns;   // namespace declarations in scope: prefix, URI pairs
    int nns;
    size_t capns;
    // Validation.
    xmlSAXHandlerPtr vsax;
    void *vdata;
    int32_t gate;         // ordinal of the element validated; -1: none
    int gatedepth;        // its depth while inside it, else -1
    int oom;
    // Cancellation: the flag Go sets, and whether this pass saw it set.
    const int32_t *cancel;
    int cancelled;
    // Names: an open-addressing table of numbers in tree->names, by the
    // interned string's address; at most half full.
    uint32_t *hnames;
    size_t caphnames;
} cl_state;

static int cl_grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) {
        return 1;
    }
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        n *= 2;
    }
    void *q = realloc(*p, n * size);
    if (q == NULL) {
        return 0;
    }
    *p = q;
    *cap = n;
    return 1;
}

static const xmlChar *cl_intern(cl_state *st, const xmlChar *s) {
    if (s == NULL || st->tree == NULL) {
        return s;
    }
    if (xmlDictOwns(st->tree->dict, s) == 1) {
        return s;
    }
    return xmlDictLookup(st->tree->dict, s, -1);
}

// cl_text_add appends n bytes to the tree's text arena; returns the offset
// or -1 when memory is short.
static int64_t cl_text_add(cl_state *st, const char *s, size_t n) {
    cl_tree *t = st->tree;
    if (t->ntext + n + 1 > UINT32_MAX) {
        st->oom = 1;
        return -1;
    }
    if (!cl_grow((void **) &t->text, &t->captext, t->ntext + n + 1, 1)) {
        st->oom = 1;
        return -1;
    }
    int64_t off = (int64_t) t->ntext;
    memcpy(t->text + t->ntext, s, n);
    t->ntext += n;
    return off;
}

static size_t cl_hash(const xmlChar *s, size_t mask) {
    return (size_t) (((uintptr_t) s >> 3) * (uintptr_t) 0x9E3779B97F4A7C15ull) & mask;
}

// cl_name_id returns the number of the interned string s in the tree's
// names, adding it when new; 0 for NULL, and when memory is short (which
// sets st->oom).
static uint32_t cl_name_id(cl_state *st, const xmlChar *s) {
    cl_tree *t = st->tree;
    if (s == NULL) {
        return 0;
    }
    if (2 * ((size_t) t->nnames + 1) > st->caphnames) {
        size_t cap = st->caphnames ? 2 * st->caphnames : 256;
        uint32_t *h = calloc(cap, sizeof(uint32_t));
        if (h == NULL) {
            st->oom = 1;
            return 0;
        }
        for (uint32_t id = 1; id < t->nnames; id++) {
            size_t k = cl_hash(t->names[id], cap - 1);
            while (h[k] != 0) {
                k = (k + 1) & (cap - 1);
            }
            h[k] = id;
        }
        free(st->hnames);
        st->hnames = h;
        st->caphnames = cap;
    }
    size_t mask = st->caphnames - 1;
    size_t k = cl_hash(s, mask);
    for (; st->hnames[k] != 0; k = (k + 1) & mask) {
        if (t->names[st->hnames[k]] == s) {
            return st->hnames[k];
        }
    }
    if (!cl_grow((void **) &t->names, &t->capnames, (size_t) t->nnames + 1, sizeof(xmlChar *))) {
        st->oom = 1;
        return 0;
    }
    uint32_t id = t->nnames++;
    t->names[id] = s;
    st->hnames[k] = id;
    return id;
}

static void cl_stop(cl_state *st) {
    st->oom = 1;
    xmlStopParser(st->ctxt);
}

// cl_cancel_asked reports whether the pass is to stop: its cancel flag
// is set (by Go, from another thread) or was seen set before.
static int cl_cancel_asked(cl_state *st) {
    if (!st->cancelled && st->cancel != NULL &&
        __atomic_load_n(st->cancel, __ATOMIC_RELAXED) != 0) {
        st->cancelled = 1;
    }
    return st->cancelled;
}

// cl_cancel_check, from a SAX callback, stops the parser when the pass is
// to stop and says so; the callback then does nothing.
static int cl_cancel_check(cl_state *st) {
    if (!cl_cancel_asked(st)) {
        return 0;
    }
    if (st->ctxt->instate != XML_PARSER_EOF) {
        xmlStopParser(st->ctxt);
    }
    return 1;
}

static uint32_t cl_offset(cl_state *st) {
    xmlParserInputPtr in = st->ctxt->input;
    if (in == NULL || in->cur == NULL || in->base == NULL) {
        return 0;
    }
    return (uint32_t) ((uintptr_t) in->consumed + (uintptr_t) (in->cur - in->base));
}

// cl_forward_start passes a start tag to the validator. The element that
// starts validation gets every namespace binding in scope, so that it is
// validated as if it were a document element.
static void cl_forward_start(cl_state *st, int first, const xmlChar *localname,
                             const xmlChar *prefix, const xmlChar *uri,
                             int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted,
                             const xmlChar **attributes) {
    if (!first || st->nns == nb_namespaces) {
        st->vsax->startElementNs(st->vdata, localname, prefix, uri, nb_namespaces,
                                 namespaces, nb_attributes, nb_defaulted, attributes);
        return;
    }
    // Innermost binding per prefix.
    const xmlChar **all = malloc((size_t) st->nns * 2 * sizeof(xmlChar *));
    if (all == NULL) {
        cl_stop(st);
        return;
    }
    int n = 0;
    for (int i = st->nns - 1; i >= 0; i--) {
        const xmlChar *p = st->ns[2 * i];
        int seen = 0;
        for (int j = 0; j < n && !seen; j++) {
            seen = xmlStrEqual(all[2 * j], p);
        }
        if (!seen) {
            all[2 * n] = p;
            all[2 * n + 1] = st->ns[2 * i + 1];
            n++;
        }
    }
    st->vsax->startElementNs(st->vdata, localname, prefix, uri, n, all,
                             nb_attributes, nb_defaulted, attributes);
    free(all);
}

static void cl_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                         const xmlChar *uri, int nb_namespaces,
                         const xmlChar **namespaces, int nb_attributes,
                         int nb_defaulted, const xmlChar **attributes) {
    cl_state *st = (cl_state *) ctx;
    if (st->oom || cl_cancel_check(st)) {
        return;
    }
    if (st->count == INT32_MAX) { // more elements than a table holds
        cl_stop(st);
        return;
    }
    int32_t ord = st->count++;
    if (!cl_grow((void **) &st->open, &st->capopen, (size_t) st->depth + 1, sizeof(cl_open)) ||
        !cl_grow((void **) &st->ns, &st->capns, 2 * ((size_t) st->nns + (size_t) nb_namespaces), sizeof(xmlChar *))) {
        cl_stop(st);
        return;
    }
    for (int i = 0; i < nb_namespaces; i++) {
        st->ns[2 * st->nns] = namespaces[2 * i];
        st->ns[2 * st->nns + 1] = namespaces[2 * i + 1];
        st->nns++;
    }
    int32_t parent = st->depth > 0 ? st->open[st->depth - 1].ord : -1;
    cl_tree *t = st->tree;
    if (t != NULL) {
        if (!cl_grow((void **) &t->els, &t->capels, (size_t) ord + 1, sizeof(cl_el)) ||
            !cl_grow((void **) &t->attrs, &t->capattrs, (size_t) t->nattrs + (size_t) nb_attributes, sizeof(cl_attr))) {
            cl_stop(st);
            return;
        }
        cl_el *e = &t->els[ord];
        memset(e, 0, sizeof(*e));
        e->name = cl_name_id(st, cl_intern(st, localname));
        e->uri = cl_name_id(st, cl_intern(st, uri));
        if (st->oom) {
            cl_stop(st);
            return;
        }
        e->parent = parent;
        e->next = -1;
        e->line = st->ctxt->input != NULL ? st->ctxt->input->line : 0;
        e->tag_end = cl_offset(st);
        e->attr = (uint32_t) t->nattrs;
        for (int i = 0; i < nb_attributes; i++) {
            const xmlChar **a = attributes + 5 * i;
            cl_attr *at = &t->attrs[t->nattrs];
            at->name = cl_intern(st, a[0]);
            at->prefix = cl_intern(st, a[1]);
            at->uri = cl_intern(st, a[2]);
            size_t n = (size_t) (a[4] - a[3]);
            int64_t off;
            if (memchr(a[3], '&', n) != NULL) {
                // Character and predefined entity references, decoded as
                // libxml2's tree builder does (no other entity can exist:
                // documents with a DOCTYPE are refused before parsing).
                xmlChar *dec = xmlStringLenDecodeEntities(st->ctxt, a[3], (int) n,
                                                          XML_SUBSTITUTE_REF, 0, 0, 0);
                if (dec == NULL) {
                    off = cl_text_add(st, "", 0);
                    n = 0;
                } else {
                    n = strlen((const char *) dec);
                    off = cl_text_add(st, (const char *) dec, n);
                    xmlFree(dec);
                }
            } else {
                off = cl_text_add(st, (const char *) a[3], n);
            }
            if (off < 0) {
                cl_stop(st);
                return;
            }
            at->value = (uint32_t) off;
            at->value_len = (uint32_t) n;
            t->nattrs++;
        }
        t->nels = ord + 1;
        if (parent >= 0) {
            int32_t prev = st->open[st->depth - 1].last;
            if (prev >= 0) {
                t->els[prev].next = ord;
            }
            st->open[st->depth - 1].last = ord;
        }
    }
    st->open[st->depth] = (cl_open) {ord, -1, st->npend, nb_namespaces};
    st->depth++;
    if (st->vsax != NULL) {
        if (st->gatedepth < 0 && ord == st->gate) {
            st->gatedepth = st->depth;
            cl_forward_start(st, 1, localname, prefix, uri, nb_namespaces, namespaces,
                             nb_attributes, nb_defaulted, attributes);
        } else if (st->gatedepth >= 0) {
            cl_forward_start(st, 0, localname, prefix, uri, nb_namespaces, namespaces,
                             nb_attributes, nb_defaulted, attributes);
        }
    }
}

static int cl_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            return 0;
        }
    }
    return 1;
}

static void cl_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri) {
    cl_state *st = (cl_state *) ctx;
    if (st->oom || st->depth == 0 || cl_cancel_check(st)) {
        return;
    }
    // The validator first: errors it raises belong to the element ending,
    // still on top of the stack.
    if (st->vsax != NULL && st->gatedepth >= 0) {
        st->vsax->endElementNs(st->vdata, localname, prefix, uri);
        if (st->gatedepth == st->depth) {
            st->gatedepth = -1;
            st->gate = -1;
        }
    }
    int d = st->depth - 1;
    int32_t ord = st->open[d].ord;
    size_t from = st->open[d].pstart;
    cl_tree *t = st->tree;
    if (t != NULL) {
        cl_el *e = &t->els[ord];
        size_t n = st->npend - from;
        // White space between child elements is layout, not content (what
        // XML_PARSE_NOBLANKS drops from a libxml2 tree).
        if (n > 0 && !(st->open[d].last >= 0 && cl_blank(st->pend + from, n))) {
            int64_t off = cl_text_add(st, st->pend + from, n);
            if (off < 0) {
                cl_stop(st);
                return;
            }
            e->text = (uint32_t) off;
            e->text_len = (uint32_t) n;
        }
    }
    st->npend = from;
    st->nns -= st->open[d].nsdecl;
    st->depth--;
}

// cl_chars takes character content: text or, when cdata, a CDATA section.
static void cl_chars(cl_state *st, const xmlChar *ch, int len, int cdata) {
    if (st->oom || st->depth == 0 || len <= 0 || cl_cancel_check(st)) {
        return;
    }
    if (st->tree != NULL) {
        if (!cl_grow((void **) &st->pend, &st->cappend, st->npend + (size_t) len, 1)) {
            cl_stop(st);
            return;
        }
        memcpy(st->pend + st->npend, ch, (size_t) len);
        st->npend += (size_t) len;
    }
    if (st->vsax != NULL && st->gatedepth >= 0) {
        if (cdata) {
            st->vsax->cdataBlock(st->vdata, ch, len);
        } else {
            st->vsax->characters(st->vdata, ch, len);
        }
    }
}

static void cl_sax_text(void *ctx, const xmlChar *ch, int len) {
    cl_chars((cl_state *) ctx, ch, len, 0);
}

static void cl_sax_cdata(void *ctx, const xmlChar *ch, int len) {
    cl_chars((cl_state *) ctx, ch, len, 1);
}

static void cl_sax_comment(void *ctx, const xmlChar *value) {
    cl_state *st = (cl_state *) ctx;
    cl_tree *t = st->tree;
    (void) value; // read from the source when asked for (see cl_comment)
    if (st->oom || t == NULL || cl_cancel_check(st)) {
        return;
    }
    if (!cl_grow((void **) &t->comments, &t->capcomments, (size_t) t->ncomments + 1, sizeof(cl_comment))) {
        cl_stop(st);
        return;
    }
    cl_comment *c = &t->comments[t->ncomments++];
    c->end = cl_offset(st);
    c->line = st->ctxt->input != NULL ? st->ctxt->input->line : 0;
    c->next = st->count; // the next start tag, if any (checked at the end)
}

// cl_valid_serror receives the validator's errors and names the element
// each is about: the innermost open one (see the order of calls above).
static void cl_valid_serror(void *data, cl_error err) {
    cl_state *st = (cl_state *) data;
    if (err == NULL || cl_cancel_check(st)) {
        return;
    }
    int32_t el = st->depth > 0 ? st->open[st->depth - 1].ord : -1;
    clGoValidError(st->handle, (xmlError *) err, el);
}

void cl_tree_free(cl_tree *t) {
    if (t == NULL) {
        return;
    }
    free(t->els);
    free(t->attrs);
    free(t->comments);
    free(t->text);
    free(t->names);
    if (t->dict != NULL) {
        xmlDictFree(t->dict);
    }
    free(t);
}

// cl_shrink gives back what the doubling arrays did not use.
static void cl_shrink(void **p, size_t used, size_t size) {
    if (*p == NULL || used == 0) {
        return;
    }
    void *q = realloc(*p, used * size);
    if (q != NULL) {
        *p = q;
    }
}

// cl_reader serves the input to the parser in the pieces it asks for, so
// libxml2 holds a window of the document rather than a copy of it.
// With no bytes in memory (p NULL), the Go collector reads them from its
// source.
typedef struct {
    const char *p;
    size_t n, off;
    uintptr_t handle;
    cl_state *st;
} cl_reader;

static int cl_read(void *ctx, char *buf, int len) {
    cl_reader *r = (cl_reader *) ctx;
    if (len <= 0) {
        return 0;
    }
    // A read that fails stops the parser wherever it is, even inside a
    // long start tag, where no SAX callback comes.
    if (cl_cancel_asked(r->st)) {
        return -1;
    }
    if (r->p == NULL && r->n > 0) {
        int k = clGoRead(r->handle, buf, len);
        if (k < 0) {
            cl_cancel_asked(r->st); // Go sets the flag when it refused for the context
        }
        return k;
    }
    size_t k = r->n - r->off;
    if (k > (size_t) len) {
        k = (size_t) len;
    }
    memcpy(buf, r->p + r->off, k);
    r->off += k;
    return (int) k;
}

int cl_stream(const char *buf, int len, int options, uintptr_t handle,
              xmlSchemaPtr schema, int32_t gate, const int32_t *cancel,
              cl_tree **out, int *valid) {
    *valid = -1;
    if (out != NULL) {
        *out = NULL;
    }
    cl_thread_enter(handle);
    int wf = 0;
    xmlSchemaValidCtxtPtr v = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    cl_state st;
    memset(&st, 0, sizeof(st));
    st.handle = handle;
    st.gate = -1;
    st.gatedepth = -1;
    st.cancel = cancel;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        cl_thread_leave();
        return 0;
    }
    xmlCtxtUseOptions(ctxt, options);
    xmlSAXHandlerPtr sax = ctxt->sax; // freed with the context
    memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = cl_sax_start;
    sax->endElementNs = cl_sax_end;
    sax->characters = cl_sax_text;
    sax->ignorableWhitespace = cl_sax_text;
    sax->cdataBlock = cl_sax_cdata;
    sax->comment = cl_sax_comment;
    sax->serror = cl_thread_serror;
    ctxt->userData = &st;
    st.ctxt = ctxt;
    if (out != NULL) {
        st.tree = calloc(1, sizeof(cl_tree));
        if (st.tree == NULL) {
            goto done;
        }
        st.tree->dict = ctxt->dict;
        xmlDictReference(ctxt->dict);
        st.tree->names = calloc(64, sizeof(xmlChar *));
        if (st.tree->names == NULL) {
            goto done;
        }
        st.tree->capnames = 64;
        st.tree->nnames = 1; // names[0]: none
    }
    if (schema != NULL) {
        v = xmlSchemaNewValidCtxt(schema);
        if (v == NULL) {
            goto done;
        }
        xmlSchemaSetValidStructuredErrors(v, cl_valid_serror, &st);
        // Plugged with no handler of its own, the validator hands back its
        // SAX callbacks; cl_sax_* call them, only inside the gate element.
        plug = xmlSchemaSAXPlug(v, &st.vsax, &st.vdata);
        if (plug == NULL) {
            xmlSchemaFreeValidCtxt(v);
            v = NULL;
            goto done;
        }
        st.gate = gate;
    }
    cl_reader rd = {buf, len > 0 ? (size_t) len : 0, 0, handle, &st};
    xmlParserInputBufferPtr in =
        xmlParserInputBufferCreateIO(cl_read, NULL, &rd, XML_CHAR_ENCODING_NONE);
    if (in == NULL) {
        goto done;
    }
    xmlParserInputPtr stream = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE);
    if (stream == NULL) {
        xmlFreeParserInputBuffer(in);
        goto done;
    }
    inputPush(ctxt, stream);
    xmlParseDocument(ctxt);
    wf = st.cancelled ? -2 : st.oom ? -1 : ctxt->wellFormed ? 1 : 0;
done:
    if (plug != NULL) {
        xmlSchemaSAXUnplug(plug);
    }
    if (v != NULL) {
        if (wf == 1) {
            *valid = xmlSchemaIsValid(v);
        }
        xmlSchemaFreeValidCtxt(v);
    }
    xmlFreeParserCtxt(ctxt);
    free(st.open);
    free(st.pend);
    free(st.ns);
    free(st.hnames);
    if (st.tree != NULL) {
        cl_tree *t = st.tree;
        if (wf != 1) {
            cl_tree_free(t);
        } else {
            for (int32_t i = 0; i < t->ncomments; i++) {
                if (t->comments[i].next >= t->nels) {
                    t->comments[i].next = -1;
                }
            }
            cl_shrink((void **) &t->els, (size_t) t->nels, sizeof(cl_el));
            cl_shrink((void **) &t->attrs, (size_t) t->nattrs, sizeof(cl_attr));
            cl_shrink((void **) &t->comments, (size_t) t->ncomments, sizeof(cl_comment));
            cl_shrink((void **) &t->text, t->ntext + 1, 1);
            *out = t;
        }
    }
    cl_thread_leave();
    return wf;
}

const xmlChar *cl_tree_name(cl_tree *t, const char *name, int len) {
    if (t == NULL || t->dict == NULL) {
        return NULL;
    }
    return xmlDictExists(t->dict, (const xmlChar *) name, len);
}
