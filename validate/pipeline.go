package validate

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// The pipeline of a message, in order. Each stage reports its findings
// through the run's collector and tells whether the next one can run;
// the error is a done context's or a schema bundle's.
//
//	read     Check, CheckReader, CheckFile: the bytes, or a file guarded in
//	         pieces; JSON goes to checkJSON, which runs the same pipeline
//	         on its XML form (xmlInput.into)
//	guard    xmlRun.guard: size limit, encoding, bounds on the markup
//	parse    xmlRun.parse: libxml2's one pass (xsd.ParseDocument), which
//	         validates too when the schema prewarm guessed is compiled
//	detect   xmlRun.detect: message type, profile, category and schema;
//	         the facts the rules export for checks across messages
//	schema   xmlRun.schema: XSD validation, the parse's or a second pass
//	rules    xmlRun.rules: every enabled rule that applies
//	report   xmlRun.report: the findings capped and sorted (collector)
//
// checkXML is the whole of it; run below reads as the list above.

// xmlRun is one XML message on its way through the pipeline: what each
// stage found, for the next.
type xmlRun struct {
	e    *Engine
	ctx  context.Context
	name string
	in   xmlInput
	fr   *FileReport
	c    *collector
	g    guarded       // guard
	doc  *xsd.Document // parse; freed when run returns
	pre  prevalidated  // parse, when it validated too
	det  detection     // detect
	set  *schemaSet    // detect: the schemas of the message's profile
}

// checkXML runs the XML pipeline. suppress is false for XML made from a
// JSON message, which has no comments to read. When ctx is done before
// the report is built, the report is empty and the error wraps ctx.Err().
func (e *Engine) checkXML(ctx context.Context, name string, in xmlInput, suppress bool) (FileReport, error) {
	fr := FileReport{Path: name, MessageType: TypeUnknown}
	r := &xmlRun{e: e, ctx: ctx, name: name, in: in, fr: &fr, c: e.adder(&fr)}
	if in.into != nil {
		r.c.forward, r.c.place = in.into, in.place
	}
	return r.report(r.run(suppress))
}

// run runs the stages from guard to rules.
func (r *xmlRun) run(suppress bool) error {
	if !r.guard() {
		return nil
	}
	if ok, err := r.parse(); !ok {
		return err
	}
	defer r.doc.Free()
	if suppress && r.g.mayHaveSuppression() {
		defer r.e.suppress(r.doc, r.c)() // filters from here on; reports unused ones before report
	}
	if !r.detect() {
		return nil
	}
	if ok, err := r.schema(); !ok {
		return err
	}
	return r.rules()
}

// CheckReader reads one message (at most the size limit plus one byte, so a
// huge input costs no memory) and checks it. The error is an I/O error, a
// cancelled context or a schema bundle that does not compile; the report is
// valid in every case.
func (e *Engine) CheckReader(ctx context.Context, name string, r io.Reader) (FileReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, e.maxSize+1))
	if err != nil {
		return FileReport{Path: name, MessageType: TypeUnknown, Findings: []Finding{}}, fmt.Errorf("read %s: %w", name, err)
	}
	return e.Check(ctx, name, data)
}

// StreamFrom is the size from which CheckFile streams a file; smaller
// ones are read whole, which costs fewer system calls and little memory.
const StreamFrom = 1 << 20

// CheckFile checks the message in a file, as Check does. From StreamFrom
// bytes it does not hold the message: an XML message in UTF-8 (or ASCII)
// is guarded and parsed in pieces, and positions and comments are read
// back from the file. Other messages (JSON, other encodings) are read
// whole. The error is an I/O error or one Check returns.
func (e *Engine) CheckFile(ctx context.Context, name, path string) (FileReport, error) {
	empty := FileReport{Path: name, MessageType: TypeUnknown, Findings: []Finding{}}
	f, err := os.Open(path)
	if err != nil {
		return empty, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return e.CheckReader(ctx, name, f)
	}
	if st.Size() > e.maxSize {
		return e.checkXML(ctx, name, xmlInput{size: st.Size()}, true)
	}
	if st.Size() < StreamFrom && !e.streamAll {
		return e.CheckReader(ctx, name, f)
	}
	src := io.NewSectionReader(f, 0, st.Size())
	head := readPrefix(src, 64<<10)
	if !IsJSON(head) {
		if g, ok := guardFile(src, head); ok {
			if err := ctx.Err(); err != nil {
				return stopped(name), err
			}
			return e.checkXML(ctx, name, xmlInput{size: st.Size(), guarded: &g}, true)
		}
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, e.maxSize+1))
	if err != nil {
		return empty, fmt.Errorf("read %s: %w", name, err)
	}
	return e.Check(ctx, name, data)
}

// Check checks one message, XML or JSON. XML: guard, parse, detect the
// message type, validate against the schema, run the rules. JSON: its JSON
// Schema, then the same checks on the message converted to XML, reported at
// JSON pointers. The error is a cancelled context or a schema bundle that
// does not compile (wrapping ErrSchema); the report is valid in every case
// except a check its context stopped (see stopped).
// Every stage honours ctx: when it is done before the check ends, the
// error wraps ctx.Err() and the report is stopped's.
func (e *Engine) Check(ctx context.Context, name string, data []byte) (FileReport, error) {
	if err := ctx.Err(); err != nil {
		return stopped(name), err
	}
	if int64(len(data)) <= e.maxSize && IsJSON(data) {
		fr := FileReport{Path: name, MessageType: TypeUnknown}
		c := e.adder(&fr)
		err := e.checkJSON(ctx, &fr, data, c)
		if isContextErr(err) {
			return stopped(name), err
		}
		c.finish()
		return fr, err
	}
	return e.checkXML(ctx, name, xmlInput{data: data, size: int64(len(data))}, true)
}

// xmlInput is an XML message: its bytes, or a file already guarded.
type xmlInput struct {
	data    []byte
	size    int64
	guarded *guarded // guardFile's result: the file to parse in pieces
	// into takes the findings instead of the report, after place has
	// moved them (the XML form of a JSON message: into the JSON).
	into  *collector
	place func(*Finding)
	phase Profile // a CTC phase already decided (from the JSON form), "" for none
}

// adder returns the collector through which a check reports (see
// collector.add); its finish writes fr.Findings, capped at the engine's
// MaxFindings.
func (e *Engine) adder(fr *FileReport) *collector {
	return &collector{e: e, fr: fr, max: e.maxFinds}
}

// guard refuses what is over the size limit, then checks the bytes
// before libxml2 sees them (guard.go). False: nothing more to check.
func (r *xmlRun) guard() bool {
	if r.in.size > r.e.maxSize {
		r.c.add(xmlFinding(rules.Error, 1, 0, "the file is larger than the limit of %s; it was not checked (the CSP accepts at most 10 MiB; change the limit with --max-size)", sizeString(r.e.maxSize)))
		return false
	}
	if r.in.guarded != nil {
		r.g = *r.in.guarded
	} else {
		r.g = guard(r.in.data)
	}
	for _, f := range r.g.findings {
		r.c.add(f)
	}
	return r.g.ok
}

// parse parses the guarded input and reports the parser's errors. When
// the schema guessed from the first bytes is compiled, the parse validates
// against it too (r.pre). False: no document (not well-formed, or ctx
// done: then the error).
func (r *xmlRun) parse() (bool, error) {
	e, g, c := r.e, &r.g, r.c
	if e.enabled[rules.XSDID] {
		r.pre.guessed = e.prewarm(g.head)
	}
	var omitted xsd.Omitted // under the cap, libxml2's errors are counted, not kept
	in := xsd.Input{Data: g.src, ForceUTF8: g.forceUTF8, Schema: r.pre.schema, Options: []xsd.Option{xsd.MaxErrors(e.maxFinds, &omitted)}}
	if g.file != nil {
		in.Data, in.Source, in.ForceUTF8 = nil, g.file, false
	}
	res, err := xsd.ParseDocument(r.ctx, in)
	if isContextErr(err) {
		return false, err
	}
	r.pre.errs, r.pre.omitted = res.SchemaErrors, omitted.Validity
	if err != nil {
		c.add(xmlFinding(rules.Error, 1, 0, "cannot parse: %v", err))
		return false, nil
	}
	for _, pe := range res.ParseErrors {
		sev := rules.Error
		if pe.Level == xsd.LevelWarning {
			sev = rules.Warning
		}
		c.add(xmlFinding(sev, pe.Line, pe.Column, "%s", parserMessage(pe.Message)))
	}
	c.omit(rules.XMLID, omitted.Parser)
	r.doc = res.Doc
	return r.doc != nil, nil
}

// detect tells the message type, profile and category, hands the facts
// the rules export from the message to the run's corpus, and picks the
// schema set. False: the message cannot be checked further (unknown, or
// its profile or schema is wrong; a finding says why).
func (r *xmlRun) detect() bool {
	det := detect(r.doc)
	r.e.decidePhase(&det, r.in.phase)
	r.det = det
	r.fr.MessageType = det.messageType
	if det.messageType == TypeCDSDeclaration {
		r.fr.Category = declarationCategory(det.elem)
	}
	r.exportFacts()
	for _, f := range det.findings {
		r.c.add(f)
	}
	set, profile, problem := r.e.resolve(det)
	if profile != "" {
		r.fr.Profile = string(profile)
	}
	if problem != "" {
		r.c.add(findingAt(det.elem, rules.MessageTypeID, rules.Error, "%s", problem))
	}
	r.set = set
	return det.family != familyUnknown && problem == ""
}

// exportFacts hands what the rules export from the message (Rule.Export)
// to the run's corpus, when the run collects facts.
func (r *xmlRun) exportFacts() {
	fc, ok := r.e.ruleCfg.Corpus.(rules.FactCollector)
	if !ok {
		return
	}
	facts, failed := r.e.exportFacts(r.doc, r.det, r.name, false)
	fc.AddFacts(facts...)
	for _, f := range failed {
		r.c.add(findingAt(r.det.elem, rules.InternalID, rules.Error, "%s (please report this with the message; the checks still ran)", f))
	}
}

// schema validates the message against its schema, when there is one and
// the xsd rule is enabled. False with an error: ctx is done, or the schema
// does not compile (wrapping ErrSchema; a finding says so too).
func (r *xmlRun) schema() (bool, error) {
	if r.set == nil || !r.e.enabled[rules.XSDID] {
		return true, nil
	}
	if err := r.ctx.Err(); err != nil {
		return false, err
	}
	serr := r.e.validateXSD(r.ctx, r.doc, r.det, r.set, r.pre, r.c)
	switch {
	case isContextErr(serr):
		return false, serr
	case serr != nil:
		r.c.add(findingAt(r.det.elem, rules.MessageTypeID, rules.Error, "not validated: the schema for %s does not compile (%v)", r.det.schemaType, serr))
		return false, fmt.Errorf("%w: %w", ErrSchema, serr)
	}
	return true, nil
}

// rules runs the rules on the message (runRules).
func (r *xmlRun) rules() error {
	return r.e.runRules(r.ctx, r.doc, r.det, r.fr.Profile, r.name, r.c.add)
}

// report builds the report: the findings capped and sorted. When ctx is
// done by now, there is no partial report: what ran before the deadline
// is dropped (stopped) and the error wraps ctx.Err().
func (r *xmlRun) report(err error) (FileReport, error) {
	if err == nil && r.ctx.Err() != nil {
		err = r.ctx.Err()
	}
	if isContextErr(err) {
		return stopped(r.name), fmt.Errorf("check %s: %w", r.name, err)
	}
	r.c.finish()
	return *r.fr, err
}

// prevalidated is the outcome of validating while parsing, against the
// schema guessed from the first bytes (see prewarm).
type prevalidated struct {
	guessed
	errs    []xsd.Error
	omitted xsd.OmittedErrors // the validity errors the cap left out of errs
}

// validateXSD validates the message element and reports each schema error:
// those found while parsing when the guessed schema was the right one,
// else from a second pass. It returns an error only when the schema itself
// cannot be compiled, or ctx's when it is done.
func (e *Engine) validateXSD(ctx context.Context, doc *xsd.Document, det detection, set *schemaSet, pre prevalidated, c *collector) error {
	add := c.add
	entry := set.entries[det.schemaType]
	var errs []xsd.Error
	var err error
	var omitted xsd.Omitted
	if pre.schema != nil && pre.set == set && pre.entry == entry && !det.wrapped {
		errs, omitted.Validity = pre.errs, pre.omitted
	} else {
		schema, cerr := e.cache.Get(ctx, set.bundle, entry)
		if cerr != nil {
			return cerr
		}
		limit := xsd.MaxErrors(e.maxFinds, &omitted)
		if det.wrapped {
			errs, err = schema.ValidateElementContext(ctx, doc, det.elem, limit)
		} else {
			errs, err = schema.ValidateContext(ctx, doc, limit)
		}
		if isContextErr(err) {
			return err
		}
	}
	defer c.omit(rules.XSDID, omitted.Validity)
	for i, ve := range errs {
		if i%1024 == 1023 && ctx.Err() != nil {
			return ctx.Err()
		}
		sev := rules.Error
		if ve.Level == xsd.LevelWarning {
			sev = rules.Warning
		}
		line := ve.Line
		if line < 1 {
			line = 1
		}
		msg, detail := xsdMessage(ve, set.profile, det.schemaType)
		add(Finding{Rule: rules.XSDID, Severity: sev, Message: msg, Detail: detail, Line: line, Column: ve.Column, Path: ve.Path})
	}
	if err != nil {
		add(findingAt(det.elem, rules.InternalID, rules.Error, "schema validation failed: %v", err))
	}
	return nil
}

// runRules runs every enabled rule that applies; a rule that panics becomes
// an internal finding and the others still run. Between two rules it looks
// at ctx, and returns its error when it is done.
func (e *Engine) runRules(ctx context.Context, doc *xsd.Document, det detection, profile, name string, add func(Finding)) error {
	index := rules.NewIndex(det.elem)
	for _, r := range e.checks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !r.Applies(profile, det.messageType) {
			continue
		}
		pass := &rules.Pass{Rule: r, Name: name, Profile: profile, MessageType: det.messageType, Doc: doc, Root: det.elem, Config: &e.ruleCfg, Index: index}
		pass.Report = func(d rules.Diagnostic) {
			sev := d.Severity
			if sev == "" {
				sev = r.Severity
			}
			line := d.Line
			if line < 1 {
				line = 1
			}
			add(Finding{Rule: r.ID, Severity: sev, Message: d.Message, Line: line, Column: d.Column, Path: d.Path, Code: FindingCode(r, d.Code)})
		}
		func() {
			defer func() {
				if v := recover(); v != nil {
					add(findingAt(det.elem, rules.InternalID, rules.Error,
						"rule %s failed on this message: %v%s (please report this with the message; the other rules still ran)", r.ID, v, panicSite()))
				}
			}()
			r.Check(pass)
		}()
	}
	return ctx.Err()
}
