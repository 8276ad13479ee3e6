package study

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// MergeOptions tune Merge.
type MergeOptions struct {
	// AllowChanged names the elements that may be pooled although their
	// text differs between sessions (--allow-changed ID).
	AllowChanged []string
}

// Changed is an element whose text (session.ElementHash) differs between
// the sessions of a study: which sessions saw which text.
type Changed struct {
	ElementID string
	// Texts maps each hash ("" where unknown) to the sessions that saw it.
	Texts map[string][]string
}

// ChangedError refuses a merge that would pool elements whose text
// differs between sessions.
type ChangedError struct{ Elements []Changed }

// ErrChanged is wrapped by ChangedError.
var ErrChanged = errors.New("an element's text differs between sessions")

func (e *ChangedError) Error() string {
	var b strings.Builder
	b.WriteString("the text of ")
	for i, c := range e.Elements {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.ElementID)
	}
	b.WriteString(" differs between sessions, so their ratings are not of the same text:")
	for _, c := range e.Elements {
		fmt.Fprintf(&b, "\n  %s: %s", c.ElementID, describeTexts(c.Texts))
	}
	b.WriteString("\npool them anyway with --allow-changed ID for each, if the change does not matter to what was rated")
	return b.String()
}

func (e *ChangedError) Unwrap() error { return ErrChanged }

func describeTexts(texts map[string][]string) string {
	hashes := make([]string, 0, len(texts))
	for h := range texts {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	parts := make([]string, len(hashes))
	for i, h := range hashes {
		name := "unknown text"
		if h != "" {
			name = "text " + strings.TrimPrefix(h, "sha256:")[:12]
		}
		parts[i] = fmt.Sprintf("%s in session %s", name, strings.Join(texts[h], ", "))
	}
	return strings.Join(parts, "; ")
}

// MergeReport says what a merge brought in.
type MergeReport struct {
	Sessions     []session.Session // the sessions merged, in the order given
	Ratings      int
	Participants int
	// Allowed are the changed elements pooled with --allow-changed.
	Allowed []Changed
}

// MergeFile merges the sources into the study database at path, as
// `trustshop study merge` does. A new study is built beside path and
// appears there whole or not at all (session.BuildNew, which writes it
// without a log, each page once); an existing one is merged into in one
// transaction (Merge). eopt configures the study's engine.
func MergeFile(ctx context.Context, path string, p *content.Pack, sources []string, opt MergeOptions, eopt session.EngineOptions) (MergeReport, error) {
	var rep MergeReport
	merge := func(e *session.Engine) error {
		var err error
		rep, err = Merge(ctx, e, p, sources, opt)
		return err
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		err := session.BuildNew(ctx, path, session.Options{}, eopt, merge)
		if !errors.Is(err, session.ErrExists) {
			return rep, interrupted(ctx, err, fmt.Sprintf("%s was not created", path))
		}
		// created meanwhile: merged into as any existing study
	}
	e, err := session.OpenEngine(ctx, path, session.Options{}, eopt)
	if err != nil {
		return MergeReport{}, err
	}
	defer e.Close()
	err = merge(e)
	return rep, interrupted(ctx, err, fmt.Sprintf("nothing was merged into %s", path))
}

// interrupted says of a merge cut off (ctrl+c) only that, and what it
// left, instead of which check or copy the cancel reached first.
func interrupted(ctx context.Context, err error, left string) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	return fmt.Errorf("merge interrupted: %s (%w)", left, ctx.Err())
}

// Merge imports every session of the sources (databases and json
// exports) into the study database behind e in one transaction: all or
// nothing. A database is copied by SQLite itself (session.ImportSources),
// a json export through the engine's import. A session keeps its id,
// site, participants' UUIDs and history (whose chain is checked); a
// session given twice, or whose history was changed after the fact, is
// refused. An element whose text differs between the sessions (those
// merged now and those already in the study) is refused with a
// *ChangedError unless named in opt.AllowChanged.
func Merge(ctx context.Context, e *session.Engine, p *content.Pack, sources []string, opt MergeOptions) (MergeReport, error) {
	var recs []session.Record
	var dbs []*session.Source
	defer func() {
		for _, db := range dbs {
			db.Close()
		}
	}()
	var merged []session.Session // in the order given
	var ratings, participants int
	from := map[string]string{}
	texts := map[string]map[string]string{} // of the sessions merged, by session id
	add := func(src string, sess session.Session, elements map[string]string, n int) error {
		if prev, dup := from[sess.ID]; dup {
			return fmt.Errorf("session %s is in both %s and %s: give each session once", sess.ID, prev, src)
		}
		from[sess.ID], texts[sess.ID] = src, elements
		merged = append(merged, sess)
		ratings += n
		participants += len(sess.Participants)
		return nil
	}
	opened := openSources(ctx, p, sources)
	for _, o := range opened {
		if o.db != nil {
			dbs = append(dbs, o.db) // closed on return, whatever happens
		}
	}
	for i, o := range opened {
		if o.err != nil {
			return MergeReport{}, o.err
		}
		src := sources[i]
		if o.db != nil {
			for _, ss := range o.db.Sessions() {
				if err := add(src, ss.Session, ss.ElementHashes, ss.Ratings); err != nil {
					return MergeReport{}, err
				}
			}
			continue
		}
		for _, r := range o.recs {
			if err := add(src, r.Session, r.ElementHashes, len(r.Ratings)); err != nil {
				return MergeReport{}, err
			}
		}
		recs = append(recs, o.recs...)
	}
	existing, err := e.AllElementHashes(ctx)
	if err != nil {
		return MergeReport{}, err
	}
	for id, h := range texts {
		existing[id] = h
	}
	var refused, allowed []Changed
	for _, c := range changedElements(p, existing) {
		if slices.Contains(opt.AllowChanged, c.ElementID) {
			allowed = append(allowed, c)
		} else {
			refused = append(refused, c)
		}
	}
	if len(refused) > 0 {
		return MergeReport{}, &ChangedError{Elements: refused}
	}
	for _, id := range opt.AllowChanged {
		if _, ok := p.Element(id); !ok {
			return MergeReport{}, fmt.Errorf("--allow-changed %s: pack %s has no element %s", id, p.ID, id)
		}
	}
	if err := e.ImportSources(ctx, session.Importer(), p, recs, dbs); err != nil {
		return MergeReport{}, fmt.Errorf("merge: %w", err)
	}
	return MergeReport{Sessions: merged, Ratings: ratings, Participants: participants, Allowed: allowed}, nil
}

// opened is a source of a merge: a database, or the records of a json
// export.
type opened struct {
	db   *session.Source
	recs []session.Record
	err  error
}

// openSources opens or reads the sources a few at a time (each is a file
// to read and a schema to check, much of it waiting for the disk), in the
// order given.
func openSources(ctx context.Context, p *content.Pack, sources []string) []opened {
	out := make([]opened, len(sources))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, src := range sources {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			o := &out[i]
			kind, err := Sniff(src)
			switch {
			case err != nil:
				o.err = err
			case kind == KindDatabase:
				o.db, o.err = session.OpenSource(ctx, src, p)
			default:
				o.recs, o.err = Load(ctx, src, p)
			}
		})
	}
	wg.Wait()
	return out
}

// changedElements lists the pack's elements whose text is not the same in
// every session that rated them (a session that does not know its texts
// counts as another text).
func changedElements(p *content.Pack, texts map[string]map[string]string) []Changed {
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Changed
	for _, el := range p.Elements {
		c := Changed{ElementID: el.ID, Texts: map[string][]string{}}
		for _, id := range ids {
			h := texts[id][el.ID]
			c.Texts[h] = append(c.Texts[h], id)
		}
		if len(c.Texts) > 1 {
			out = append(out, c)
		}
	}
	return out
}
