package validate

import (
	"sort"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/xsd"
)

// Facts reads what a message tells the other messages of a run (for
// rules.Corpus): for a CDS declaration, amendment, goods presentation or
// DMS notification its LRN, MRN, MCR previous document and goods
// locations. ok is false for anything else, and for input that does not
// parse. JSON messages are not read.
func (e *Engine) Facts(name string, data []byte) (rules.CDSFacts, bool) {
	if int64(len(data)) > e.maxSize || IsJSON(data) {
		return rules.CDSFacts{}, false
	}
	g := guard(data)
	if !g.ok {
		return rules.CDSFacts{}, false
	}
	doc, _, err := xsd.Parse(g.src, g.forceUTF8)
	if err != nil || doc == nil {
		return rules.CDSFacts{}, false
	}
	defer doc.Free()
	det := detect(doc)
	if det.family != familyCDS {
		return rules.CDSFacts{}, false
	}
	return rules.CDSFactsOf(det.elem, name, det.messageType), true
}

// Corpus is the rules.Corpus of a run, built from the facts of its
// messages. It is read-only once made and safe for concurrent use.
type Corpus struct {
	decls    []rules.CDSFacts    // declarations and amendments, sorted by path
	mrnToLRN map[string][]string // from DMS notifications
}

// NewCorpus indexes the facts of a run's messages.
func NewCorpus(facts []rules.CDSFacts) *Corpus {
	c := &Corpus{mrnToLRN: map[string][]string{}}
	for _, f := range facts {
		switch f.MessageType {
		case TypeCDSDeclaration, TypeCDSAmendment:
			c.decls = append(c.decls, f)
		case TypeCDSNotification:
			if f.MRN != "" && f.LRN != "" {
				c.mrnToLRN[f.MRN] = append(c.mrnToLRN[f.MRN], f.LRN)
			}
		}
	}
	sort.SliceStable(c.decls, func(i, j int) bool { return c.decls[i].Path < c.decls[j].Path })
	return c
}

// CDSDeclarations implements rules.Corpus.
func (c *Corpus) CDSDeclarations(lrn, mrn string) []rules.CDSFacts {
	lrns := map[string]bool{}
	if lrn != "" {
		lrns[lrn] = true
	}
	if mrn != "" {
		for _, l := range c.mrnToLRN[mrn] {
			lrns[l] = true
		}
	}
	var out []rules.CDSFacts
	for _, d := range c.decls {
		if lrns[d.LRN] || (mrn != "" && d.MRN == mrn) {
			out = append(out, d)
		}
	}
	return out
}
