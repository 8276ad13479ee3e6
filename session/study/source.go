// Package study merges workshops run on different laptops into one study
// and reports on it: `trustshop study merge` reads databases and json
// exports and imports their sessions through the engine (each keeps its
// id, site, participants' UUIDs and history chain), `study stats`
// computes the statistics per site and pooled, `study export` writes the
// tidy csv with a Frictionless data package, and Verify checks that a
// database or an export was not changed after the fact.
//
//	recs, err := study.Load(ctx, "leeds.db", pack)
//	rep, err := study.Merge(ctx, engine, pack, []string{"leeds.db", "graz.json"}, study.MergeOptions{})
//	res, err := study.Compute(ctx, engine, pack)
//	rep, err := study.Verify(ctx, "export.json", study.VerifyOptions{})
package study

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// Kind is what a file given to merge or verify holds.
type Kind int

// The kinds of file.
const (
	KindUnknown  Kind = iota
	KindDatabase      // a trustshop SQLite database
	KindJSON          // a session's json export
	KindCSV           // a session's csv export
	KindDataPackage
)

// Sniff tells a database from a json export or a csv by its first bytes.
func Sniff(path string) (Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return KindUnknown, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return KindUnknown, fmt.Errorf("read %s: %w", path, err)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return KindDatabase, nil
	case bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")):
		if bytes.Contains(head, []byte(`"resources"`)) && !bytes.Contains(head, []byte(`"schema_version"`)) {
			return KindDataPackage, nil
		}
		return KindJSON, nil
	case bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte("session_id,")):
		return KindCSV, nil
	}
	return KindUnknown, nil
}

// Load reads every session of a database, or the session of a json
// export, as records to merge. p is the pack the sessions ran on.
func Load(ctx context.Context, path string, p *content.Pack) ([]session.Record, error) {
	kind, err := Sniff(path)
	if err != nil {
		return nil, err
	}
	switch kind {
	case KindDatabase:
		return loadDatabase(ctx, path, p)
	case KindJSON:
		doc, err := readJSON(path)
		if err != nil {
			return nil, err
		}
		if doc.Pack.ID != p.ID {
			return nil, fmt.Errorf("%s: session %s ran on pack %q, the study on %q: pass its pack with --pack", path, doc.Session.ID, doc.Pack.ID, p.ID)
		}
		rec, problems := doc.record(path)
		if len(problems) > 0 {
			return nil, fmt.Errorf("%s: %s; run trustshop verify %s", path, problems[0], path)
		}
		return []session.Record{rec}, nil
	}
	return nil, fmt.Errorf("%s is neither a trustshop database nor a json export (export a session with trustshop export ID --format json)", path)
}

// loadDatabase reads every session of a database, without changing it.
func loadDatabase(ctx context.Context, path string, p *content.Pack) ([]session.Record, error) {
	db, err := session.OpenSource(ctx, path, p)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Records(ctx)
}
