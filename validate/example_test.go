package validate_test

import (
	"context"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/customslint/customslint/rules"
	"github.com/customslint/customslint/validate"
)

// Check one message with the embedded schemas.
func ExampleEngine_Check() {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	msg := []byte(`<CC014A>
  <SynIdeMES1>UNOC</SynIdeMES1>
</CC014A>`)
	rep, err := eng.Check(context.Background(), "cancel.xml", msg)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rep.Profile, rep.MessageType)
	for _, f := range rep.Findings {
		fmt.Printf("%s:%d:%d: %s: %s [%s]\n", rep.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule)
	}
	// Output:
	// ctc-p4 CC014A
	// cancel.xml:1:1: error: SynVerNumMES2 is missing in CC014A [xsd]
}

// Check every message of a folder against a schema bundle, as CI does over
// fixture folders. The engine is safe for concurrent use, so the files
// could as well be checked by several goroutines.
func ExampleEngine_CheckReader_folder() {
	eng, err := validate.New(validate.Options{Schemas: []string{"../testdata/schemas/ctc-p4-mini"}})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	dir, err := os.MkdirTemp("", "fixtures")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "ok.xml"), []byte("<CC015B><SynIdeMES1>UNOC</SynIdeMES1><MesRecMES6>NCTS</MesRecMES6><MesTypMES20>GB015B</MesTypMES20><HEAHEA><RefNumHEA4>LRN1</RefNumHEA4></HEAHEA></CC015B>"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.xml"), []byte("<CC015B><SynIdeMES1>unoc</SynIdeMES1></CC015B>"), 0o644)

	var reports []validate.FileReport
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rep, err := eng.CheckReader(context.Background(), filepath.Base(p), f)
		reports = append(reports, rep)
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	sum := validate.NewReport(reports).Summary
	fmt.Printf("%d files, %d errors\n", sum.Files, sum.Errors)
	for _, r := range reports {
		for _, f := range r.Findings {
			fmt.Printf("%s:%d:%d: %s\n", r.Path, f.Line, f.Column, f.Message)
		}
	}
	// Output:
	// 2 files, 2 errors
	// bad.xml:1:1: MesRecMES6 is missing in CC015B
	// bad.xml:1:9: Element 'SynIdeMES1': [facet 'pattern'] The value 'unoc' is not accepted by the pattern '[A-Z]{4}'.
}

// Convert a phase 6 message to the JSON HMRC's CTC Traders API takes, and
// back. A schema-valid message converts without problems and the XML
// comes back with the same content.
func ExampleEngine_Convert() {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	msg := []byte(`<ncts:CC014C xmlns:ncts="http://ncts.dgtaxud.ec" PhaseID="NCTS6">
  <messageSender>GB123456789000</messageSender>
  <messageRecipient>NTA.GB</messageRecipient>
  <preparationDateAndTime>2026-03-14T11:42:00</preparationDateAndTime>
  <messageIdentification>CLT6M26031400037</messageIdentification>
  <messageType>CC014C</messageType>
  <TransitOperation>
    <MRN>26GB0000607HX2M4J2</MRN>
  </TransitOperation>
  <Invalidation>
    <requestDateAndTime>2026-03-14T11:41:00</requestDateAndTime>
    <initiatedByCustoms>0</initiatedByCustoms>
    <justification>Ferry sailing cancelled.</justification>
  </Invalidation>
  <CustomsOfficeOfDeparture>
    <referenceNumber>GB000060</referenceNumber>
  </CustomsOfficeOfDeparture>
  <HolderOfTheTransitProcedure>
    <identificationNumber>GB123456789000</identificationNumber>
  </HolderOfTheTransitProcedure>
</ncts:CC014C>`)
	js, problems, err := eng.Convert(context.Background(), "cc014c.xml", msg, "json")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s", js)
	fmt.Println(len(problems), "problems")

	back, _, err := eng.Convert(context.Background(), "cc014c.json", js, "xml")
	if err != nil {
		log.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), "back.xml", back)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rep.MessageType, len(rep.Findings), "findings")
	// Output:
	// {
	//   "n1:CC014C": {
	//     "messageSender": "GB123456789000",
	//     "messageRecipient": "NTA.GB",
	//     "preparationDateAndTime": "2026-03-14T11:42:00",
	//     "messageIdentification": "CLT6M26031400037",
	//     "messageType": "CC014C",
	//     "TransitOperation": {
	//       "MRN": "26GB0000607HX2M4J2"
	//     },
	//     "Invalidation": {
	//       "requestDateAndTime": "2026-03-14T11:41:00",
	//       "initiatedByCustoms": "0",
	//       "justification": "Ferry sailing cancelled."
	//     },
	//     "CustomsOfficeOfDeparture": {
	//       "referenceNumber": "GB000060"
	//     },
	//     "HolderOfTheTransitProcedure": {
	//       "identificationNumber": "GB123456789000"
	//     },
	//     "@PhaseID": "NCTS6"
	//   }
	// }
	// 0 problems
	// CC014C 0 findings
}

// Check a goods presentation against the declaration it presents, read
// but not checked (as customslint check --context does): the declaration
// carries a master consignment reference, so cds-gpr-inventory-linked
// finds it inventory-linked.
func ExampleCorpus() {
	corpus := validate.NewCorpus()
	eng, err := validate.New(validate.Options{RuleConfig: rules.Config{Corpus: corpus}, Select: []string{"cds-gpr-*"}})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	dir := filepath.Join("..", "rules", "testdata", "cds-gpr-inventory-linked")
	ctx := context.Background()
	// Messages checked first would export their facts to the corpus as
	// they are checked; here the declaration is only read.
	if err := corpus.ReadContext(ctx, eng, []string{filepath.Join(dir, "context", "decl-mcr.xml")}, 1); err != nil {
		log.Fatal(err)
	}
	corpus.Freeze()
	gpr, err := os.ReadFile(filepath.Join(dir, "cds", "gpr-mcr-by-lrn.xml"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(validate.NeedsOthers(gpr))
	rep, err := eng.Check(ctx, "gpr.xml", gpr)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range rep.Findings {
		fmt.Printf("%s:%d: %s [%s]\n", rep.Path, f.Line, f.Message[:strings.Index(f.Message, ";")], f.Rule)
	}
	// Output:
	// true
	// gpr.xml:9: a goods presentation must not be sent for an inventory-linked declaration: the declaration with LRN CLT26IM0320M01 is inventory-linked because it carries a previous document of type MCR (../rules/testdata/cds-gpr-inventory-linked/context/decl-mcr.xml:119) [cds-gpr-inventory-linked]
}
