//go:build race

package validate_test

// raceDetector is set when the tests run under the race detector, which
// multiplies memory: memory bounds are not checked then.
const raceDetector = true
