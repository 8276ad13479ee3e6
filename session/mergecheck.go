package session

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/trustshop/trustshop/content"
)

// sourceChecks checks the sources of a merge (checkChains, checkRows) beside its
// copy: one part of a source at a time on one thread while SQLite copies
// on another, then on a thread more once the copy is done. More threads
// during the copy take the copy's core: on two cores, four at once made
// it take half as long again. Whatever another program commits to a
// source meanwhile, Source.unchanged notices.
type sourceChecks struct {
	ctx    context.Context
	cancel context.CancelFunc
	p      *content.Pack
	srcs   []*Source
	errs   []error // by part: a source's chains, then its rows
	next   atomic.Int64
	wg     sync.WaitGroup
}

// startChecks starts checking srcs on one thread.
func startChecks(ctx context.Context, p *content.Pack, srcs []*Source) *sourceChecks {
	ctx, cancel := context.WithCancel(ctx)
	c := &sourceChecks{ctx: ctx, cancel: cancel, p: p, srcs: srcs, errs: make([]error, 2*len(srcs))}
	c.more()
	return c
}

// more adds a thread, which takes the parts no thread has taken yet.
func (c *sourceChecks) more() {
	c.wg.Go(func() {
		for c.ctx.Err() == nil {
			i := int(c.next.Add(1)) - 1
			if i >= len(c.errs) {
				return
			}
			if s := c.srcs[i/2]; i%2 == 0 {
				c.errs[i] = s.checkChains(c.ctx)
			} else {
				c.errs[i] = s.checkRows(c.ctx, c.p)
			}
		}
	})
}

// wait waits for every check and says what each found wrong.
func (c *sourceChecks) wait() error {
	c.wg.Wait()
	if err := errors.Join(c.errs...); err != nil {
		return err
	}
	return c.ctx.Err()
}

// stop ends the checks and waits for their threads.
func (c *sourceChecks) stop() {
	c.cancel()
	c.wg.Wait()
}
