/* Test only: the installed xmlerror.h with libxml2 2.12's handler type,
   which takes a const xmlError *. The declarations of the real header that
   use the type are renamed away and declared again with the new one; the
   headers included after this one (parser.h's SAX handler, xmlschemas.h)
   see the new type. */
#ifndef CL_FAKE_XMLERROR_H
#define CL_FAKE_XMLERROR_H
#define xmlStructuredErrorFunc cl_legacy_xmlStructuredErrorFunc
#define xmlSetStructuredErrorFunc cl_legacy_xmlSetStructuredErrorFunc
#define __xmlRaiseError cl_legacy___xmlRaiseError
#include_next <libxml/xmlerror.h>
#undef xmlStructuredErrorFunc
#undef xmlSetStructuredErrorFunc
#undef __xmlRaiseError
typedef void (*xmlStructuredErrorFunc)(void *userData, const xmlError *error);
void xmlSetStructuredErrorFunc(void *ctx, xmlStructuredErrorFunc handler);
#endif
