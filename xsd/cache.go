package xsd

import (
	"context"
	"sync"
)

// Cache holds compiled schemas by (bundle, entry). Each schema is compiled
// once, however many goroutines ask for it at the same time, and then shared.
// A failed compilation is cached too: the bundle does not change under us.
type Cache struct {
	mu sync.Mutex
	m  map[cacheKey]*cacheEntry
}

type cacheKey struct{ bundle, entry string }

type cacheEntry struct {
	done   chan struct{}
	schema *Schema
	err    error
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[cacheKey]*cacheEntry{}} }

// Get returns the compiled schema for entry in bundle b, compiling it on
// first use. Waiting for the compilation, this call's or another's, ends
// early when ctx is done: libxml2 cannot stop compiling, so a compilation
// runs on its own goroutine and, once done, serves later calls, whatever
// their context: a compilation already done is answered, not the context.
func (c *Cache) Get(ctx context.Context, b *Bundle, entry string) (*Schema, error) {
	k := cacheKey{b.key, entry}
	c.mu.Lock()
	e, ok := c.m[k]
	if !ok {
		e = &cacheEntry{done: make(chan struct{})}
		c.m[k] = e
	}
	c.mu.Unlock()
	if !ok {
		go func() {
			defer close(e.done)
			e.schema, e.err = Compile(context.WithoutCancel(ctx), b, entry)
		}()
	}
	select {
	case <-e.done: // before looking at ctx: select picks at random
		return e.schema, e.err
	default:
	}
	select {
	case <-e.done:
		return e.schema, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Ready returns the compiled schema for entry in bundle b when it is
// already compiled, without waiting or compiling.
func (c *Cache) Ready(b *Bundle, entry string) (*Schema, bool) {
	c.mu.Lock()
	e, ok := c.m[cacheKey{b.key, entry}]
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	select {
	case <-e.done:
		return e.schema, e.schema != nil
	default:
		return nil, false
	}
}

// Close frees every cached schema and empties the cache. No validation may
// be using them.
func (c *Cache) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		<-e.done
		if e.schema != nil {
			e.schema.Close()
		}
		delete(c.m, k)
	}
}
