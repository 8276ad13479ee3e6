package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// openFile is what checkFile found out about a database file before SQLite
// opens it.
type openFile struct {
	readOnly bool // open it with mode=ro
	// immutable: nothing to read beside the file (no -wal, no hot
	// journal), so SQLite is told not to look for, or create, any: a
	// read-only file or folder stays exactly as it was.
	immutable bool
	created   bool     // this Open created the file
	madeDirs  []string // and these folders, the outermost last
}

// checkFile looks at the file before SQLite does. The write bits are
// checked as well as access, since root may write any file but a user who
// took the write bit away means "do not change this".
func checkFile(path string, opt Options) (openFile, error) {
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		if opt.ReadOnly || opt.MustExist {
			return openFile{}, fmt.Errorf("%w at %s: create a session with trustshop new (or trustshop import), or choose another file with --db",
				ErrNoDatabase, path)
		}
		return create(path)
	}
	if err != nil {
		return openFile{}, fmt.Errorf("open database %s: %w", path, err)
	}
	if info.IsDir() {
		return openFile{}, fmt.Errorf("open database %s: it is a folder; give the path of a file, e.g. %s", path, filepath.Join(path, "trustshop.db"))
	}
	if !info.Mode().IsRegular() {
		return openFile{}, fmt.Errorf("open database %s: it is not a regular file (%s); give the path of a database file", path, info.Mode().Type())
	}
	dir := filepath.Dir(path)
	switch {
	case !writable(path, info):
		if !opt.ReadOnly {
			return openFile{}, fmt.Errorf("database %s is %w: make it writable (chmod u+w %s) or choose another file with --db", path, ErrReadOnly, path)
		}
	case !writableDir(dir):
		// SQLite writes its -wal and -shm files beside the database.
		if !opt.ReadOnly {
			return openFile{}, fmt.Errorf("database %s is in a %w folder, and SQLite keeps its journal beside the database: make the folder writable (chmod u+w %s) or move the database",
				path, ErrReadOnly, dir)
		}
	default:
		return openFile{}, nil
	}
	return readOnlyFile(path), nil
}

// readOnlyFile is an existing database opened for reading only.
func readOnlyFile(path string) openFile {
	return openFile{readOnly: true, immutable: !pending(path+"-wal") && !pending(path+"-journal")}
}

// create makes the folders and an empty file for a new database, so that
// a failure to set it up can remove exactly what this call made, and the
// file is only the owner's (it holds people's names and ratings).
func create(path string) (openFile, error) {
	f, err := makeDirs(path)
	if err != nil {
		return openFile{}, err
	}
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case errors.Is(err, os.ErrExist): // another process made it meanwhile: theirs
		return f, nil
	case err != nil:
		f.undo(path)
		return openFile{}, fmt.Errorf("create database %s: %w", path, err)
	}
	f.created = true
	if err := file.Close(); err != nil {
		f.undo(path)
		return openFile{}, fmt.Errorf("create database %s: %w", path, err)
	}
	return f, nil
}

// makeDirs makes the folders of a new database, noting those it made.
func makeDirs(path string) (openFile, error) {
	var f openFile
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); err == nil || dir == filepath.Dir(dir) {
			break
		}
		f.madeDirs = append(f.madeDirs, dir)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		f.undo(path)
		return openFile{}, fmt.Errorf("create the folder for database %s: %w", path, err)
	}
	return f, nil
}

// undo removes what create made, after the database could not be set up.
func (f openFile) undo(path string) {
	if f.created {
		for _, p := range []string{path + "-wal", path + "-shm", path + "-journal", path} {
			_ = os.Remove(p)
		}
	}
	for _, dir := range f.madeDirs { // innermost first; only if empty
		_ = os.Remove(dir)
	}
}

// pending reports whether a journal file holds something SQLite must read.
func pending(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Size() > 0
}

// writable reports whether this process may and should write the file.
func writable(path string, info os.FileInfo) bool {
	if info.Mode().Perm()&0o200 == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// writableDir reports whether this process may and should create files in
// dir (as for a file, a folder whose owner took the write bit away counts
// as read-only, even for root).
func writableDir(dir string) bool {
	info, err := os.Stat(dir)
	return err == nil && info.Mode().Perm()&0o200 != 0 && canWrite(dir)
}

// checkTables compares the database's tables and columns with those its
// schema version must have: a table a tool or a person dropped is named at
// open, not met later as a bare "no such table". The comparison (a few
// milliseconds) runs only when the schema changed since it last passed:
// SQLite counts every change of the schema (schema_version), and a passed
// check records that count in the file's user_version, so an ordinary open
// reads two numbers.
func (s *Store) checkTables(ctx context.Context) error {
	var cookie, checked int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return s.wrap("read the schema", err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&checked); err != nil {
		return s.wrap("read the schema", err)
	}
	if cookie != 0 && cookie == checked {
		return nil
	}
	if err := s.compareTables(ctx); err != nil {
		return err
	}
	if !s.readOnly {
		// a database another program holds locked is checked again next time
		_, _ = s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", cookie))
	}
	return nil
}

// compareTables does checkTables' comparison.
func (s *Store) compareTables(ctx context.Context) error {
	want, err := expectedColumns(ctx)
	if err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	have, err := columns(ctx, s.db)
	if err != nil {
		return s.wrap("read the schema", err)
	}
	tables := make([]string, 0, len(want))
	for t := range want {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	for _, t := range tables {
		cols, ok := have[t]
		if !ok {
			return fmt.Errorf("database %s is %w: its table %s is missing (a tool removed it?): restore a backup, or choose another file with --db",
				s.path, ErrCorrupt, t)
		}
		for _, c := range want[t] {
			if !slices.Contains(cols, c) {
				return fmt.Errorf("database %s is %w: column %s of table %s is missing (a tool removed it?): restore a backup, or choose another file with --db",
					s.path, ErrCorrupt, c, t)
			}
		}
	}
	return nil
}

// expectedColumns applies every migration to an empty database in memory
// and returns its tables' columns: always what this build's schema is,
// whichever migrations it holds.
func expectedColumns(ctx context.Context) (map[string][]string, error) {
	db, err := sql.Open("sqlite3", "file::memory:?_foreign_keys=off")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)           // one connection: one in-memory database
	tx, err := db.BeginTx(ctx, nil) // one transaction: a fifth of the time
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // read, then thrown away
	for _, m := range migrations {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return nil, fmt.Errorf("schema %d: %w", m.Version, err)
		}
	}
	return columns(ctx, tx)
}

// columns lists each table's columns.
func columns(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string][]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		out[t] = append(out[t], c)
	}
	return out, rows.Err()
}
