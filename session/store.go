package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Errors of opening and using a database; each message names the file and
// what to do, and callers test them with errors.Is.
var (
	ErrReadOnly    = errors.New("read-only")
	ErrLocked      = errors.New("locked")
	ErrCorrupt     = errors.New("not a trustshop database or damaged")
	ErrNewerSchema = errors.New("written by a newer trustshop")
	// ErrOlderSchema is a database read without changing it (Inspect)
	// that an older trustshop wrote: it needs an update first.
	ErrOlderSchema = errors.New("written by an older trustshop")
	// ErrNoDatabase is a database opened to be read (or to change a
	// session in it) that does not exist yet: nothing is created.
	ErrNoDatabase = errors.New("no database yet")
)

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// ReadOnly is for a caller that only reads: a missing database is
	// ErrNoDatabase (nothing is created), and a read-only file or folder
	// is opened for reading, leaving nothing beside it, instead of being
	// refused. Writes then fail with ErrReadOnly. A writable database is
	// opened as usual (and migrated).
	ReadOnly bool
	// MustExist refuses a missing database with ErrNoDatabase instead of
	// creating it and its folder: for commands that change a session,
	// which must be in an existing database.
	MustExist bool
	// Inspect opens an existing file for reading only, even when it may
	// be written: nothing is migrated or written (a database of an older
	// schema is refused). `trustshop verify` and a merge's sources use it,
	// so that looking at a file never changes it.
	Inspect bool
	// BusyTimeout is how long a write waits for another process's
	// transaction (default 5s).
	BusyTimeout time.Duration
	// Now is the clock (default time.Now); tests fix it.
	Now func() time.Time
	// build opens a new file that BuildNew fills and then puts in place:
	// written without a write-ahead log and without syncs, since a crash
	// leaves only a file nobody opens.
	build bool
}

// Store is a trustshop database. It is safe for use by one goroutine at a
// time per method call, and by several processes on the same file.
type Store struct {
	db       *sql.DB
	path     string
	now      func() time.Time
	readOnly bool
	inspect  bool
	build    bool
}

// LatestSchema is the schema version this build writes.
func LatestSchema() int { return migrations[len(migrations)-1].Version }

// Open opens (creating it and its folder if needed) the database at path,
// checks that it is a trustshop database this build understands, whole,
// and migrates it to the latest schema. A read-only, locked, damaged or
// newer database is refused with a message naming the file, and is not
// modified; a database this call created is removed again if it could not
// be set up (a full disk leaves no empty file behind).
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Inspect {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		opt.ReadOnly = true
	}
	f, err := checkFile(path, opt)
	if err != nil {
		return nil, err
	}
	if opt.Inspect && !f.readOnly {
		// writable, so another program may write it while it is read
		// (a study merge checks for that): read-only, but not immutable
		f.readOnly = true
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", fmt.Sprint(opt.BusyTimeout.Milliseconds()))
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	if opt.build {
		// The rollback journal in memory: a failed command still rolls
		// back (as it would not with none), and a new file's pages are
		// not journaled at all.
		q.Set("_synchronous", "OFF")
		q.Set("_journal_mode", "MEMORY")
	}
	if f.readOnly {
		q.Set("mode", "ro")
	}
	if f.immutable {
		q.Set("immutable", "1")
	}
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?"+q.Encode())
	if err != nil {
		f.undo(path)
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// Keep connections open: the participants' web page reads from many
	// goroutines at once, and opening a SQLite connection (file, schema,
	// pragmas) costs far more than a read. database/sql keeps 2 by default.
	db.SetMaxIdleConns(16)
	s := &Store{db: db, path: path, now: opt.Now, readOnly: f.readOnly, inspect: opt.Inspect, build: opt.build}
	if err := s.prepare(ctx); err != nil {
		db.Close()
		f.undo(path)
		return nil, err
	}
	return s, nil
}

// escapePath keeps a path intact inside a file: URI.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// prepare checks the schema and migrates; nothing is written before the
// checks pass.
func (s *Store) prepare(ctx context.Context) error {
	version, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if version > LatestSchema() {
		return fmt.Errorf("database %s was %w (schema %d; this build knows up to %d): update trustshop, or choose another file with --db",
			s.path, ErrNewerSchema, version, LatestSchema())
	}
	if s.readOnly {
		if version < LatestSchema() && s.inspect {
			return fmt.Errorf("database %s was %w (schema %d): open it once with this one (trustshop sessions --db %s), which updates it and links its history into a chain, then try again",
				s.path, ErrOlderSchema, version, s.path)
		}
		if version < LatestSchema() {
			return fmt.Errorf("database %s is %w (or its folder is) and needs an update to schema %d: make both writable (chmod u+w %s %s) once",
				s.path, ErrReadOnly, LatestSchema(), s.path, filepath.Dir(s.path))
		}
		return s.checkTables(ctx)
	}
	if err := s.setJournal(ctx); err != nil {
		return err
	}
	if err := s.migrate(ctx, version); err != nil {
		return err
	}
	return s.checkTables(ctx)
}

// setJournal turns on write-ahead logging, which a new file gets with
// 8 KiB pages (an existing one keeps its own: the size is fixed by the
// first write, on the same connection). A study merge writes a hundred
// megabytes, and on a virtual machine every page costs a system call or
// two: half as many make a merge a quarter faster, and a rating's commit
// still writes a few pages.
func (s *Store) setJournal(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap("connect", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA page_size = 8192"); err != nil {
		return s.wrap("set the page size", err)
	}
	if s.build {
		return nil // BuildNew turns the log on when the file is complete
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return s.wrap("set WAL mode", err)
	}
	return nil
}

// schemaVersion reads the applied schema version; 0 for an empty file.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var tables int
	var hasMigrations bool
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return 0, s.wrap("read the schema", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return 0, s.wrap("read the schema", err)
		}
		tables++
		hasMigrations = hasMigrations || name == "schema_migrations"
	}
	if err := rows.Err(); err != nil {
		return 0, s.wrap("read the schema", err)
	}
	if tables == 0 {
		return 0, nil
	}
	if !hasMigrations {
		return 0, fmt.Errorf("database %s is %w (it holds other tables): choose another file with --db", s.path, ErrCorrupt)
	}
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, s.wrap("read the schema version", err)
	}
	return int(v.Int64), nil
}

// migrate applies the migrations after version, each in its transaction.
func (s *Store) migrate(ctx context.Context, version int) error {
	if version == 0 {
		_, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		if err != nil {
			return s.wrap("create the migrations table", err)
		}
	}
	applied, err := s.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	for _, m := range migrations {
		// every migration not recorded yet, not only those above the
		// highest: one written on another branch may land in between
		if applied[m.Version] {
			continue
		}
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			// Another process may have migrated while we waited for the lock.
			var done int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			if step := migrationStep(m.Version); step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, s.stamp())
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate to schema %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return nil
}

// appliedMigrations reads which migrations the database has.
func (s *Store) appliedMigrations(ctx context.Context) (map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, s.wrap("read the schema versions", err)
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, s.wrap("read the schema versions", err)
		}
		out[v] = true
	}
	return out, s.wrap("read the schema versions", rows.Err())
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// stamp is the current time as stored: RFC 3339 in UTC with nanoseconds, so
// that text order is time order.
func (s *Store) stamp() string { return formatTime(s.now()) }

const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	if t, ok := parseStamp(s); ok {
		return t
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// withTx runs fn in one immediate transaction and commits it.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.withConnTx(ctx, nil, fn)
}

// withConnTx is withTx on a connection of the caller's (nil: any of the
// pool's).
func (s *Store) withConnTx(ctx context.Context, conn *sql.Conn, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("database %s is %w: nothing can be changed", s.path, ErrReadOnly)
	}
	var tx *sql.Tx
	var err error
	if conn != nil {
		tx, err = conn.BeginTx(ctx, nil)
	} else {
		tx, err = s.db.BeginTx(ctx, nil)
	}
	if err != nil {
		return s.wrap("begin", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return s.wrap("", err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("commit", err)
	}
	return nil
}

// wrap turns driver errors into the package's errors, once, at the edge.
func (s *Store) wrap(doing string, err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			err = fmt.Errorf("database %s is %w by another program: close it or wait, then try again", s.path, ErrLocked)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			err = fmt.Errorf("database %s is %w or its folder is: %v", s.path, ErrReadOnly, se)
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			err = fmt.Errorf("database %s is %w (%v): move it away, or choose another file with --db", s.path, ErrCorrupt, se)
		case sqlite3.ErrFull:
			err = fmt.Errorf("database %s: the disk is full (%v): free some space, then try again", s.path, se)
		case sqlite3.ErrError:
			if missing, ok := strings.CutPrefix(se.Error(), "no such "); ok {
				err = fmt.Errorf("database %s is %w: %s is missing (a tool removed it?): restore a backup, or choose another file with --db", s.path, ErrCorrupt, missing)
			}
		}
	}
	if doing == "" {
		return err
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// IntegrityCheck runs SQLite's integrity check; "ok" means no damage.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, s.wrap("check integrity", err)
}
