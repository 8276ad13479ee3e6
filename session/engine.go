package session

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/trustshop/trustshop/content"
)

// Engine owns the rules of every workshop in one database. Every front end
// (the terminal interface, the command line, import, the participants' web
// page, the projector window) changes a session only through its commands,
// and reads what a viewer may see through it. A command checks the rules
// and the pack, commits in one transaction with its history row naming the
// actor, and reaches every front end through the change feed (Feed), in
// this process and in any other on the same database.
//
// The Engine is safe for concurrent use. Its writes go through one
// goroutine that commits the commands waiting at the same moment together
// (each in a savepoint of its own, so one refused command does not undo
// another): two hundred devices rating at once cost a few fsyncs, not two
// hundred.
type Engine struct {
	store *Store
	opt   EngineOptions
	now   func() time.Time
	packs packCache
	hub   *hub

	jobs     chan *job
	stop     chan struct{}
	stopped  chan struct{}
	closeErr error
	once     sync.Once
}

// EngineOptions configure an Engine; the zero value uses the embedded pack.
type EngineOptions struct {
	// Pack is the pack new sessions run on (--pack, or the embedded one);
	// nil loads LoadPack(PackDir).
	Pack *content.Pack
	// PackDir is the folder of Pack ("" for the embedded pack). When set,
	// it also overrides the folder a session recorded (--pack).
	PackDir string
	// LoadPack loads a pack folder ("" for the embedded pack); default
	// content.Open.
	LoadPack func(dir string) (*content.Pack, error)
	// PollInterval is how often the change feed looks for commits of
	// other processes (default 50ms; a PRAGMA data_version costs
	// microseconds).
	PollInterval time.Duration
}

// NewEngine returns the engine of an open store; Close closes both.
func NewEngine(st *Store, opt EngineOptions) *Engine {
	if opt.LoadPack == nil {
		opt.LoadPack = content.Open
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = 50 * time.Millisecond
	}
	e := &Engine{
		store: st, opt: opt, now: st.now,
		packs: packCache{load: opt.LoadPack, byDir: map[string]*content.Pack{}},
		jobs:  make(chan *job, 256), stop: make(chan struct{}), stopped: make(chan struct{}),
	}
	if opt.Pack != nil {
		e.packs.byDir[opt.PackDir] = opt.Pack
	}
	e.hub = newHub(st, opt.PollInterval)
	go e.commitLoop()
	return e
}

// OpenEngine opens the database at path (see Open) and returns its engine.
func OpenEngine(ctx context.Context, path string, st Options, opt EngineOptions) (*Engine, error) {
	s, err := Open(ctx, path, st)
	if err != nil {
		return nil, err
	}
	return NewEngine(s, opt), nil
}

// Close stops the engine's goroutines, waits for the commands under way and
// closes the database.
func (e *Engine) Close() error {
	e.once.Do(func() {
		close(e.stop)
		<-e.stopped
		e.hub.close()
		e.closeErr = e.store.Close()
	})
	return e.closeErr
}

// ReadOnly reports whether the database is read-only: commands fail.
func (e *Engine) ReadOnly() bool { return e.store.ReadOnly() }

// Path is the database file.
func (e *Engine) Path() string { return e.store.Path() }

// Pack is the pack new sessions run on.
func (e *Engine) Pack() (*content.Pack, error) { return e.packs.get(e.opt.PackDir) }

// job is one command waiting for the writer.
type job struct {
	actor Actor
	fn    func(*txn) error
	done  chan error
	// prepare, when set, makes the job a bulk command that runs alone on
	// a connection of its own: prepare readies the connection before the
	// transaction begins (attaches databases, sets pragmas), and the
	// connection is closed afterwards rather than going back to the pool.
	prepare func(context.Context, *sql.Conn) error
}

// ErrClosed is returned by commands after Close.
var ErrClosed = errors.New("the workshop engine is closed")

// do runs fn as one command of actor, in a transaction of its own or
// batched with others that wait at the same moment, and returns when it is
// committed (or refused).
func (e *Engine) do(ctx context.Context, actor Actor, fn func(*txn) error) error {
	return e.submit(ctx, &job{actor: actor, fn: fn, done: make(chan error, 1)})
}

// doAlone runs fn as one command of actor in a transaction of its own, on
// a connection that prepare readies first (see job.prepare): a bulk
// command such as a merge, which attaches other databases.
func (e *Engine) doAlone(ctx context.Context, actor Actor, prepare func(context.Context, *sql.Conn) error, fn func(*txn) error) error {
	return e.submit(ctx, &job{actor: actor, fn: fn, prepare: prepare, done: make(chan error, 1)})
}

// submit queues a job for the writer and waits for its result.
func (e *Engine) submit(ctx context.Context, j *job) error {
	if e.store.readOnly {
		return fmt.Errorf("database %s is %w: nothing can be changed", e.store.path, ErrReadOnly)
	}
	select {
	case <-e.stop:
		return ErrClosed
	default:
	}
	select {
	case e.jobs <- j:
	case <-e.stop:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the command is committed even if ctx ends meanwhile: a
	// rating typed just before ctrl+c must not be lost. A command queued
	// as the engine closed may find no writer left.
	select {
	case err := <-j.done:
		return err
	case <-e.stopped:
		select {
		case err := <-j.done:
			return err
		default:
			return ErrClosed
		}
	}
}

// maxBatch bounds how many commands share a transaction.
const maxBatch = 128

func (e *Engine) commitLoop() {
	defer close(e.stopped)
	batch := make([]*job, 0, maxBatch)
	var held *job // a bulk job met while gathering a batch: it runs next
	for {
		j := held
		held = nil
		if j == nil {
			select {
			case j = <-e.jobs:
			case <-e.stop:
				for { // commit what was queued before Close
					select {
					case j := <-e.jobs:
						e.run([]*job{j})
					default:
						return
					}
				}
			}
		}
		if j.prepare != nil {
			e.run([]*job{j})
			continue
		}
		batch = append(batch[:0], j)
	drain:
		for len(batch) < maxBatch {
			select {
			case j := <-e.jobs:
				if j.prepare != nil {
					held = j
					break drain
				}
				batch = append(batch, j)
			default:
				break drain
			}
		}
		e.commit(batch)
	}
}

// run commits a batch, or a bulk job alone.
func (e *Engine) run(batch []*job) {
	if len(batch) == 1 && batch[0].prepare != nil {
		e.commitAlone(batch[0])
		return
	}
	e.commit(batch)
}

// commitAlone runs a bulk job in a transaction of its own on a connection
// of its own, which is closed afterwards: whatever prepare attached or
// set on it goes with it, and the pool never hands it out.
func (e *Engine) commitAlone(j *job) {
	ctx := context.Background()
	err := func() error {
		conn, err := e.store.db.Conn(ctx)
		if err != nil {
			return e.store.wrap("connect", err)
		}
		defer func() {
			conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck // the error is what discards it
			conn.Close()
		}()
		if err := j.prepare(ctx, conn); err != nil {
			return e.store.wrap("", err)
		}
		return e.store.withConnTx(ctx, conn, func(tx *sql.Tx) error {
			return j.fn(&txn{ctx: ctx, tx: tx, now: e.now(), actor: j.actor})
		})
	}()
	j.done <- err
	if err == nil {
		e.hub.bump()
	}
}

// commit runs a batch of commands in one transaction, each in a savepoint:
// a refused command rolls back its own changes only. If the commit fails,
// every command of the batch gets the error and nothing is written.
func (e *Engine) commit(batch []*job) {
	errs := make([]error, len(batch))
	err := e.store.withTx(context.Background(), func(tx *sql.Tx) error {
		now := e.now()
		for i, j := range batch {
			t := &txn{ctx: context.Background(), tx: tx, now: now, actor: j.actor}
			if _, err := tx.Exec("SAVEPOINT command"); err != nil {
				return err
			}
			errs[i] = j.fn(t)
			if errs[i] != nil {
				if _, err := tx.Exec("ROLLBACK TO command"); err != nil {
					return err
				}
			}
			if _, err := tx.Exec("RELEASE command"); err != nil {
				return err
			}
		}
		return nil
	})
	for i, j := range batch {
		switch {
		case err != nil:
			j.done <- err
		case errs[i] != nil:
			j.done <- e.store.wrap("", errs[i])
		default:
			j.done <- nil
		}
	}
	if err == nil {
		e.hub.bump()
	}
}

// packCache loads each pack folder once per engine.
type packCache struct {
	mu    sync.Mutex
	load  func(dir string) (*content.Pack, error)
	byDir map[string]*content.Pack
}

func (c *packCache) get(dir string) (*content.Pack, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.byDir[dir]; ok {
		return p, nil
	}
	p, err := c.load(dir)
	if err != nil {
		return nil, err
	}
	c.byDir[dir] = p
	return p, nil
}

// PackOf loads the pack a session runs on: --pack if the engine has one,
// else the folder the session recorded, else the embedded pack. A pack
// with another id is refused; warning is set when its text changed since
// the session was created.
func (e *Engine) PackOf(sess Session) (p *content.Pack, warning string, err error) {
	dir := e.opt.PackDir
	if dir == "" {
		dir = sess.PackDir
	}
	p, err = e.packs.get(dir)
	if err != nil {
		return nil, "", fmt.Errorf("open the pack of session %s: %w", sess.ID, err)
	}
	if p.ID != sess.PackID {
		where := "the embedded pack"
		if dir != "" {
			where = dir
		}
		return nil, "", fmt.Errorf("session %s ran on pack %q but %s is %q: pass the session's pack with --pack", sess.ID, sess.PackID, where, p.ID)
	}
	if p.ContentHash != sess.PackHash {
		warning = fmt.Sprintf("the text of pack %s changed since session %s was created (version %s then, %s now)", p.ID, sess.ID, sess.PackVersion, p.Version)
	}
	return p, warning, nil
}
