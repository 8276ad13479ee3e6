// Package export writes a trustshop session in the formats researchers and
// participants take away, and reads the csv format back in.
//
// Load assembles a Summary from the store, the pack the session ran on and
// the statistics; each format is a Writer over it:
//
//	sum, err := export.Load(ctx, store, pack, id, export.LoadOptions{Stats: true, Notes: true})
//	err = export.Markdown(os.Stdout, sum)
//
// The formats are md (Markdown), csv (one row per rating, streamed), json
// (everything, documented in docs/export-json.md) and html (one
// self-contained file). ReadCSV checks a csv file against a pack and turns it
// into the input of (*session.Store).ImportSession. Exports carry no terminal
// styling; package export never imports the TUI.
package export

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// Summary is everything an export shows of one session. Which parts are
// filled depends on the LoadOptions; a writer uses only what it needs.
type Summary struct {
	Session session.Session
	Pack    *content.Pack
	Round   int                     // the round the statistics are limited to; 0 for all
	Notes   map[string]session.Note // by step key
	Stats   stats.Result
	History []session.Change // oldest first
	// Ratings streams the session's rating rows (values, abstentions and
	// comment-only rows) in participant, element, criterion, round order.
	Ratings RatingSource
}

// RatingSource calls fn for every rating row until fn returns an error.
type RatingSource func(fn func(session.Rating) error) error

// SliceRatings is a RatingSource over rows held in memory.
func SliceRatings(rows []session.Rating) RatingSource {
	return func(fn func(session.Rating) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// LoadOptions say which parts of a Summary to load; the session, the pack
// and the rating source are always there.
type LoadOptions struct {
	Stats   bool
	Notes   bool
	History bool
	Round   int // limit the statistics to this round; 0 for all
}

// Load assembles the Summary of the session id (a full id or a unique
// prefix) run on pack p. The returned Summary streams its ratings from st,
// so st must stay open while a writer runs.
func Load(ctx context.Context, st *session.Store, p *content.Pack, id string, opt LoadOptions) (Summary, error) {
	sess, err := st.Session(ctx, id)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Session: sess, Pack: p, Round: opt.Round, Notes: map[string]session.Note{}}
	sum.Ratings = func(fn func(session.Rating) error) error { return st.EachRating(ctx, sess.ID, fn) }
	if opt.Notes {
		if sum.Notes, err = st.Notes(ctx, sess.ID); err != nil {
			return Summary{}, fmt.Errorf("session %s: %w", sess.ID, err)
		}
	}
	if opt.History {
		if sum.History, err = st.History(ctx, sess.ID); err != nil {
			return Summary{}, fmt.Errorf("session %s: %w", sess.ID, err)
		}
	}
	if opt.Stats {
		if sum.Stats, err = st.Results(ctx, p, sess.ID, opt.Round); err != nil {
			return Summary{}, fmt.Errorf("statistics of session %s: %w", sess.ID, err)
		}
	}
	return sum, nil
}

// Writer writes a Summary in one format.
type Writer func(io.Writer, Summary) error

// Format is an export format as `trustshop export --format` names it.
type Format struct {
	Name  string // md, csv, json, html
	Ext   string // the usual file extension, with the dot
	Write Writer
	Needs LoadOptions // what Load must fill in for Write
}

var formats = []Format{
	{Name: "md", Ext: ".md", Write: Markdown, Needs: LoadOptions{Stats: true, Notes: true}},
	{Name: "csv", Ext: ".csv", Write: CSV},
	{Name: "json", Ext: ".json", Write: JSON, Needs: LoadOptions{Stats: true, Notes: true, History: true}},
	{Name: "html", Ext: ".html", Write: HTML, Needs: LoadOptions{Stats: true, Notes: true}},
}

// Lookup returns the format with the name.
func Lookup(name string) (Format, bool) {
	i := slices.IndexFunc(formats, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return formats[i], true
}

// FormatNames lists the format names in the order help texts show them.
func FormatNames() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.Name
	}
	return out
}
