// Package xsd is customslint's binding to libxml2's XML parser and XML Schema
// (XSD 1.0) validator.
//
// It parses messages without ever loading a DTD, an external entity or
// anything from the network, in one streaming pass of libxml2's SAX parser
// into a compact table of elements (no libxml2 tree), validating on the way
// when the schema is known (ParseDocument with Input.Schema) or in a
// second streaming pass; compiles schema sets from a Bundle (a directory or an fs.FS) resolving
// xs:include/xs:import only inside that bundle; and returns every error
// with line, column, element path and libxml2 error code. Compiled schemas are cached per (bundle,
// entry) in a Cache and are safe for concurrent validation. Every C object is
// freed explicitly: Document.Free, Schema.Close, Cache.Close.
package xsd
