package session

import (
	"context"
	"testing"

	"github.com/trustshop/trustshop/content"
)

// The connection a merge switched foreign keys off on and attached its
// sources to never goes back to the pool.
func TestMergeConnectionIsNotReused(t *testing.T) {
	ctx := context.Background()
	src := chainFixture(t)
	p, _ := content.Default()
	s, err := OpenSource(ctx, src, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := OpenEngine(ctx, t.TempDir()+"/study.db", Options{}, EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.ImportSources(ctx, Importer(), p, nil, []*Source{s}); err != nil {
		t.Fatal(err)
	}
	var conns []interface{ Close() error }
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 4 { // every connection the pool may hand out, held at once
		conn, err := e.store.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		var fk, attached int
		if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM pragma_database_list").Scan(&attached); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || attached != 1 {
			t.Errorf("a pooled connection has foreign keys %d and %d databases", fk, attached)
		}
	}
}
