package session

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/trustshop/trustshop/content"
)

// stableSchema is the first schema whose databases hold their
// participants' UUIDs (5) and their history's chain (7): an updated copy of
// one keeps both, so merging the copy is merging the database. An older
// one would get new UUIDs and a new chain with every copy, so it is
// updated in place once, by opening it (the error says so).
const stableSchema = 7

// openUpdatedCopy opens, as a source, an up-to-date copy of a database an
// older trustshop wrote at stableSchema or later (an older one gets
// refused, the error of opening it). SQLite copies the database whole
// into a file of its own (VACUUM INTO, which reads the database as it is
// and changes nothing of it, so a laptop's file merges as handed over,
// from read-only media too); the copy is brought to this schema as opening
// a database does, and read as the source. A write to the database while
// the merge runs is not in the copy, which is what is merged: one
// consistent reading. The copy is the caller's to remove
// (removeUpdatedCopy) after closing the engine.
func openUpdatedCopy(ctx context.Context, path string, p *content.Pack, refused error) (*Engine, string, error) {
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		return nil, "", fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&version); err != nil || version < stableSchema {
		return nil, "", refused
	}
	dir, err := os.MkdirTemp("", "trustshop-merge-*")
	if err != nil {
		return nil, "", fmt.Errorf("update a copy of %s: %w", path, err)
	}
	tmp := filepath.Join(dir, filepath.Base(path))
	fail := func(err error) (*Engine, string, error) {
		os.RemoveAll(dir)
		return nil, "", fmt.Errorf("update a copy of %s: %w", path, err)
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fail(err)
	}
	e, err := OpenEngine(ctx, tmp, Options{}, EngineOptions{Pack: p})
	if err == nil {
		err = e.Close()
	}
	if err != nil {
		return fail(err)
	}
	if e, err = OpenEngine(ctx, tmp, Options{Inspect: true}, EngineOptions{Pack: p}); err != nil {
		return fail(err)
	}
	return e, tmp, nil
}

// removeUpdatedCopy removes a copy openUpdatedCopy made with the folder
// made for it alone, its log files in it: never call it with another
// path.
func removeUpdatedCopy(copy string) {
	os.RemoveAll(filepath.Dir(copy))
}
