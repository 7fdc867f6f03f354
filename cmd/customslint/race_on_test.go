//go:build race

package main

// raceDetector: the race detector multiplies memory, so memory figures of
// this binary's children mean nothing under it.
const raceDetector = true
