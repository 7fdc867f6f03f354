package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/customslint/customslint/validate"
)

// runConvert is `customslint convert --to json|xml [--output FILE] PATH`.
func runConvert(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("customslint convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "", "convert to json or xml")
	output := fs.String("output", "", "write to this file instead of stdout")
	profile := fs.String("profile", "auto", "for CC...C messages: ctc-p5 or ctc-p6 (default: phase 6)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: customslint convert --to json|xml [--output FILE] PATH\n\nPATH is one message (XML or JSON) or - for stdin. A wrapper around the message\n(HMRC's MDG submitDeclarationRequest) and processing instructions outside it are\nkept (JSON member \"@document\"); what cannot be kept is listed on stderr (exit 1).\n\nFlags:\n")
		printFlags(fs, stderr)
	}
	paths, code, ok := parseCommand(fs, args, stderr)
	if !ok {
		return code
	}
	if len(paths) != 1 || (*to != "json" && *to != "xml") {
		fmt.Fprintf(stderr, "customslint: convert needs --to json or --to xml and one PATH\nRun '%s -h' for the flags.\n", fs.Name())
		return exitUsage
	}
	p, err := validate.ParseProfile(*profile)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: --profile: %v\n", err)
		return exitUsage
	}
	eng, err := validate.New(validate.Options{Profile: p})
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	defer eng.Close()
	var data []byte
	name := paths[0]
	if name == "-" {
		name = "<stdin>"
		data, err = io.ReadAll(io.LimitReader(stdin, eng.MaxSize()+1))
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	out, probs, err := eng.Convert(ctx, name, data, *to)
	if err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitFindings
	}
	for _, pr := range probs {
		fmt.Fprintf(stderr, "%s: %s: %s\n", name, pr.Path, pr.Message)
	}
	if *output == "" {
		if _, err := stdout.Write(out); err != nil {
			fmt.Fprintf(stderr, "customslint: %v\n", err)
			return exitUsage
		}
	} else if err := writeAtomically(*output, out); err != nil {
		fmt.Fprintf(stderr, "customslint: %v\n", err)
		return exitUsage
	}
	if len(probs) > 0 {
		return exitFindings // something was left out
	}
	return exitOK
}

// writeAtomically writes data to a temporary file beside dest and renames
// it into place when complete (as check's reports): a convert that fails
// or is interrupted leaves a file already at dest as it was.
func writeAtomically(dest string, data []byte) error {
	f, err := createReport(dest)
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.abort()
		return fmt.Errorf("--output %s: %w", dest, err)
	}
	if err := f.commit(true); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
}
