package validate

import (
	"context"

	"github.com/customslint/customslint/xsd"
)

// StreamAll makes e's CheckFile stream files of any size, so that tests of
// the streamed path can use small messages.
func StreamAll(e *Engine) { e.streamAll = true }

// SetWarm replaces the compilation prewarm runs in the background.
func SetWarm(e *Engine, warm func(ctx context.Context, b *xsd.Bundle, entry string) (*xsd.Schema, error)) {
	e.warm = warm
}
