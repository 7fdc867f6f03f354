package validate

// StreamAll makes e's CheckFile stream files of any size, so that tests of
// the streamed path can use small messages.
func StreamAll(e *Engine) { e.streamAll = true }
