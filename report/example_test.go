package report_test

import (
	"context"
	"log"
	"os"

	"github.com/customslint/customslint/report"
	"github.com/customslint/customslint/validate"
)

// Write the reports customslint check writes, from a Go program: one
// writer per format (report.New), several at once with report.Multi, each
// file's report as it comes, and Close at the end with how the run ended.
func Example() {
	eng, err := validate.New(validate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()

	text, err := report.New("text", os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	w := report.Multi{text}
	// w = append(w, report.NewSARIF(sarifFile)) would also feed code scanning.

	msgs := map[string]string{"cancel.xml": "<CC014A>\n  <SynIdeMES1>UNOC</SynIdeMES1>\n</CC014A>"}
	for name, data := range msgs {
		rep, err := eng.Check(context.Background(), name, []byte(data))
		if err != nil {
			log.Fatal(err)
		}
		w.File(rep)
	}
	if err := w.Close(report.End{ExitCode: 1}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// cancel.xml: checked as ctc-p4 CC014A
	// cancel.xml:1:1: error: SynVerNumMES2 is missing in CC014A [xsd]
	// 1 file checked: 1 error, 0 warnings (1 file with errors)
}
