package main

import "github.com/customslint/customslint/internal/readfile"

// readFile reads at most limit+1 bytes of a file (one more than the limit,
// so that the engine can tell the file is too large) into a buffer sized
// from the file's length: growing a buffer while reading would copy and
// clear megabytes of a large message several times over.
func readFile(path string, limit int64) ([]byte, error) { return readfile.Limited(path, limit) }
