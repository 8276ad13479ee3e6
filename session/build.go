package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrExists is a database BuildNew was asked to create that is there.
var ErrExists = errors.New("already exists")

// BuildNew creates the database at path, which must not exist, by fn on
// an engine over a new file beside it (path.building-*), and gives that
// file its name only once fn succeeded and the file is on disk. The file
// is written without a write-ahead log and without a sync before the end:
// a bulk write such as a study merge then writes each page once instead
// of twice (log, then database) and waits for the disk once. If fn fails,
// nothing is left behind; if the process dies, no database is at path,
// only a path.building-* file to delete. The engine is closed when fn
// returns.
func BuildNew(ctx context.Context, path string, opt Options, eopt EngineOptions, fn func(*Engine) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("database %s %w", path, ErrExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	made, err := makeDirs(path)
	if err != nil {
		return err
	}
	file, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".building-*")
	if err != nil {
		made.undo(path)
		return fmt.Errorf("create database %s: %w", path, err)
	}
	tmp := file.Name()
	made.created = true
	err = file.Close()
	if err == nil {
		err = build(ctx, tmp, opt, eopt, fn)
	}
	if err == nil {
		err = rename(tmp, path)
	}
	if err != nil {
		made.undo(tmp)
		return err
	}
	return nil
}

// build fills the new file tmp with fn and makes it a database as Open
// leaves one (with its write-ahead log), synced to disk.
func build(ctx context.Context, tmp string, opt Options, eopt EngineOptions, fn func(*Engine) error) error {
	opt.build, opt.ReadOnly, opt.MustExist, opt.Inspect = true, false, false, false
	e, err := OpenEngine(ctx, tmp, opt, eopt)
	if err != nil {
		return err
	}
	stop := writeBehind(tmp, 100*time.Millisecond)
	err = fn(e)
	stop()
	if cerr := e.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close database %s: %w", tmp, cerr)
	}
	if err != nil {
		return err
	}
	// One connection turns the log on (a header write, synced) and, the
	// last to close, removes the -wal and -shm files again.
	db, err := sql.Open("sqlite3", "file:"+escapePath(tmp)+"?_journal_mode=WAL&_synchronous=FULL")
	if err != nil {
		return fmt.Errorf("open database %s: %w", tmp, err)
	}
	var mode string
	err = db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && mode != "wal" {
		err = fmt.Errorf("journal mode %q", mode)
	}
	if err != nil {
		return fmt.Errorf("set WAL mode in database %s: %w", tmp, err)
	}
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync database %s: %w", tmp, err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync database %s: %w", tmp, err)
	}
	return nil
}

// rename gives the built file tmp its name, never replacing a file
// another program created there meanwhile, and syncs the folder.
func rename(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("database %s was created by another program meanwhile: nothing was written; choose another file", path)
	case err != nil: // a file system without hard links (FAT)
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("database %s was created by another program meanwhile: nothing was written; choose another file", path)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("create database %s: %w", path, err)
		}
	default:
		// Should this fail, tmp is only a second name of the database.
		_ = os.Remove(tmp)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("sync the folder of database %s: %w", path, err)
	}
	return nil
}
