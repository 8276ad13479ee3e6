package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// ImportedBefore refuses a file whose bytes were imported before: doing it
// twice is a mistake more often than not (Save's again does it on
// purpose).
type ImportedBefore struct {
	Sessions []session.Summary // the sessions imported from the same bytes
}

// Error implements error.
func (e *ImportedBefore) Error() string {
	var names []string
	for _, s := range e.Sessions {
		names = append(names, fmt.Sprintf("%s %s (%s)", s.ID, quote(s.Title), s.Date))
	}
	return fmt.Sprintf("this file was imported before, as %s: nothing imported; give --again to import it once more",
		strings.Join(names, " and "))
}

// Earlier lists the sessions imported from the same bytes as f.
func Earlier(ctx context.Context, e *session.Engine, f *File) ([]session.Summary, error) {
	return e.ImportedFrom(ctx, f.Session.SourceHash)
}

// Save stores f as a finished session through the engine, in one
// transaction: every rating keeps its time and gets a history entry naming
// the import. A file imported before is refused with *ImportedBefore
// unless again.
func Save(ctx context.Context, e *session.Engine, p *content.Pack, f *File, again bool) (session.Session, error) {
	if !again {
		earlier, err := Earlier(ctx, e, f)
		if err != nil {
			return session.Session{}, err
		}
		if len(earlier) > 0 {
			return session.Session{}, &ImportedBefore{Sessions: earlier}
		}
	}
	return e.ImportSession(ctx, session.Importer(), p, f.Session, f.Ratings)
}
