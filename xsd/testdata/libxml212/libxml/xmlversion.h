/* Test only: the installed xmlversion.h, claiming to be libxml2 2.12.0. */
#ifndef CL_FAKE_XMLVERSION_H
#define CL_FAKE_XMLVERSION_H
#include_next <libxml/xmlversion.h>
#undef LIBXML_VERSION
#define LIBXML_VERSION 21200
#endif
