package config_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/customslint/customslint/config"
	"github.com/customslint/customslint/validate"
)

// Check a message with the settings of a project's .customslint.yaml, as
// customslint check does: load the file, merge it with your own settings
// (here a --select given on the command line, which wins), then build the
// engine of the settings that apply to the file.
func Example() {
	dir, err := os.MkdirTemp("", "project")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, config.FileName), []byte(`
disable: [xsd]
now: 2022-08-26T11:11:02Z
overrides:
  - paths: ["legacy/**"]
    profile: ctc-p4
`), 0o644)

	conf, err := config.Load(config.Find(dir))
	if err != nil {
		log.Fatal(err)
	}
	m, err := config.Merge(conf, config.Flags{
		Set:    map[string]bool{config.FlagSelect: true},
		Select: []string{"xml", "xsd"},
	})
	if err != nil {
		log.Fatal(err)
	}
	msg := filepath.Join(dir, "legacy", "cancel.xml")
	settings := conf.ForFile(m.Base, msg)
	fmt.Println("profile:", settings.Profile, "select:", settings.Select, "disable:", settings.Disable)
	fmt.Println("now:", m.Options.Now.Format("2006-01-02"))

	eng, err := validate.New(settings.Options(m.Options))
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	rep, err := eng.Check(context.Background(), "cancel.xml", []byte("<CC014A>\n  <SynIdeMES1>UNOC</SynIdeMES1>\n</CC014A>"))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range rep.Findings {
		fmt.Printf("%s:%d: %s [%s]\n", rep.Path, f.Line, f.Severity, f.Rule)
	}
	// Output:
	// profile: ctc-p4 select: [xml xsd] disable: []
	// now: 2022-08-26
	// cancel.xml:1: error [xsd]
}
