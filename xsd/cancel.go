package xsd

import (
	"context"
	"sync/atomic"
)

// watch returns the flag a streaming pass under ctx reads to stop early
// (nil when ctx can never be done) and the function that stops watching,
// to call once the pass has returned. The flag is set, from another
// goroutine, as soon as ctx is done; C reads it atomically before every
// read of input and in every SAX callback, so a pass stops within one
// callback or one 4 KB read of the deadline. The flag is Go memory that
// holds no Go pointer, passed to C for the duration of the call only.
func watch(ctx context.Context) (*int32, func()) {
	if ctx.Done() == nil {
		return nil, func() {}
	}
	flag := new(int32)
	stop := context.AfterFunc(ctx, func() { atomic.StoreInt32(flag, 1) })
	return flag, func() { stop() }
}

// ctxEvery is how many errors the Go side locates between two looks at
// the context: a hostile document can have hundreds of thousands of
// errors, and locating one reads its element's start tag, which can be
// megabytes long.
const ctxEvery = 16
