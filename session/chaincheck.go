package session

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"runtime"
	"sync"
)

// The chains of a database being merged are checked in one pass over its
// history in the order of the rows' ids, on every core. A row's hash is
// computed from its content and the previous hash it records, so rows
// hash independently of each other; the pass then holds each recorded
// previous hash against the recorded hash of the session's row before it,
// and the session's last row against the head it records. Every row
// passing both is exactly CheckChain's verdict: by induction the recorded
// hashes are then the ones CheckChain computes. A session that fails is
// checked again with CheckChain, for the message.

// chainBatch is how many rows go to a hashing goroutine at a time.
const chainBatch = 512

// brokenChains returns the ids of the sessions of the database behind
// conn whose history chain does not hold, or does not end at the head
// the session records (heads, by session id).
func brokenChains(ctx context.Context, conn *sql.Conn, heads map[string]string) (map[string]bool, error) {
	var mu sync.Mutex
	broken := map[string]bool{}
	mark := func(id string) {
		mu.Lock()
		broken[id] = true
		mu.Unlock()
	}
	batches := make(chan []Change, runtime.GOMAXPROCS(0))
	// Hashed batches come back to be filled again: a new one for each
	// would be a third of what a merge allocates.
	free := make(chan []Change, 2*runtime.GOMAXPROCS(0)+1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			buf := make([]byte, 0, 512)
			for batch := range batches {
				for i := range batch {
					var ok bool
					if ok, buf = hashMatches(buf, batch[i].Prev, &batch[i], batch[i].Hash); !ok {
						mark(batch[i].SessionID)
					}
				}
				select {
				case free <- batch[:0]:
				default:
				}
			}
		})
	}
	last := make(map[string]string, len(heads)) // the recorded hash of each session's newest row so far
	batch := make([]Change, 0, chainBatch)
	err := eachHistoryRow(ctx, conn, func(c Change) {
		if c.Prev != last[c.SessionID] {
			mark(c.SessionID)
		}
		last[c.SessionID] = c.Hash
		batch = append(batch, c)
		if len(batch) == chainBatch {
			batches <- batch
			select {
			case batch = <-free:
			default:
				batch = make([]Change, 0, chainBatch)
			}
		}
	})
	batches <- batch
	close(batches)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	for id, head := range heads {
		if last[id] != head {
			broken[id] = true
		}
	}
	return broken, nil
}

// eachHistoryRow calls fn for every history row, in the order of their
// ids, through the driver: a merge reads a million of them.
func eachHistoryRow(ctx context.Context, conn *sql.Conn, fn func(Change)) error {
	return rawRows(ctx, conn, 11, `SELECT session_id, entity, entity_key, field, old_value, new_value,
		changed_at, actor, reason, prev_hash, hash FROM history ORDER BY id`, nil, func(dest []driver.Value) error {
		var c Change
		var at, actor string
		ok := asString(dest[0], &c.SessionID) && asString(dest[1], &c.Entity) && asString(dest[2], &c.Key) &&
			asString(dest[3], &c.Field) && asNullString(dest[4], &c.Old) && asNullString(dest[5], &c.New) &&
			asString(dest[6], &at) && asString(dest[7], &actor) && asString(dest[8], &c.Reason) &&
			asString(dest[9], &c.Prev) && asString(dest[10], &c.Hash)
		if !ok {
			return fmt.Errorf("%w: unexpected column types in history: %v", ErrCorrupt, dest)
		}
		// As historyAfter reads them, which CheckChain is given.
		c.At, c.Actor = parseTime(at), ParseActor(actor)
		fn(c)
		return nil
	})
}

// asNullString reads a text that may be null.
func asNullString(v driver.Value, out **string) bool {
	if v == nil {
		*out = nil
		return true
	}
	var s string
	if !asString(v, &s) {
		return false
	}
	*out = &s
	return true
}
