// Package manifest describes the inputs of the benchmark: what the inputs
// builder writes (inputs.json) and the timing program reads.
package manifest

// Group is one schema entry and the files it validates.
type Group struct {
	Entry string // absolute path of the official XSD
	Files []string
}

// Input is one benchmark input: folders for customslint (with a profile),
// groups for the validators that need one schema per call.
type Input struct {
	Name    string
	Dirs    map[string][]string // profile -> folders
	Groups  []Group
	Bytes   int64
	NFiles  int
	PeakRSS bool
	// Base is the declaration (b) was grown from: the same run on it
	// measures what a process needs whatever the file's size.
	Base      string
	BaseBytes int64
}
