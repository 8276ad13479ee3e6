// Package export writes a trustshop session in the formats researchers and
// participants take away.
//
// Load assembles a Summary from the store, the pack the session ran on and
// the statistics; each format is a Writer over it:
//
//	sum, err := export.Load(ctx, store, pack, id, export.LoadOptions{Stats: true, Notes: true})
//	err = export.Markdown(os.Stdout, sum)
//
// The formats are md (Markdown), csv (one row per rating, streamed), json
// (everything, documented in docs/export-json.md) and html (one
// self-contained file); session/ingest reads the csv format back in.
// Exports carry no terminal styling; package export never imports the TUI.
package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// Summary is everything an export shows of one session, as one viewer may
// see it (a researcher's export sees everything; the summary step of a
// running session shows the room only what was revealed). Which parts are
// filled depends on the LoadOptions; a writer uses only what it needs.
type Summary struct {
	Session session.Session
	Pack    *content.Pack
	Viewer  session.Viewer
	Round   int                     // the round the statistics are limited to; 0 for all
	Notes   map[string]session.Note // by step key
	// Results is the engine's read-model of the results; Stats are its
	// statistics of Round (all rounds when 0).
	Results *session.ResultsView
	Stats   stats.Result
	History []session.Change // oldest first
	// Ratings streams the session's rating rows (values, abstentions and
	// comment-only rows) that the viewer may see, in participant, element,
	// criterion, round order.
	Ratings RatingSource
	// ElementHashes are the hashes of the element texts the session ran
	// on (session.ElementHash), loaded with the history.
	ElementHashes map[string]string
	// Warning says the pack's text changed since the session was created.
	Warning string
	// head is the hash of the newest history row, of every row, whatever
	// the viewer may see of them.
	head string
}

// ChainHead is the hash of the newest row of the session's history (see
// session.ChainHash), which `trustshop verify` checks an export and a
// database against; "" when the history was not loaded.
func (s Summary) ChainHead() string {
	if s.head != "" || len(s.History) == 0 {
		return s.head
	}
	return s.History[len(s.History)-1].Hash // a Summary built without Load
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
	Round   int            // limit the statistics to this round; 0 for all
	Viewer  session.Viewer // who the export is for; the zero Viewer is a researcher
}

// Load assembles the Summary of the session id (a full id or a unique
// prefix) through the engine, which finds the pack it ran on and decides
// what the viewer may see. The returned Summary streams its ratings from
// the engine, so it must stay open while a writer runs.
func Load(ctx context.Context, e *session.Engine, id string, opt LoadOptions) (Summary, error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return Summary{}, err
	}
	if opt.Viewer.Kind == "" {
		opt.Viewer = session.Viewer{Kind: session.ViewResearcher}
	}
	sess := w.Session
	sum := Summary{Session: sess, Pack: w.Pack, Viewer: opt.Viewer, Round: opt.Round, Notes: map[string]session.Note{}, Warning: w.Warning}
	sum.Ratings = func(fn func(session.Rating) error) error {
		return e.EachCell(ctx, opt.Viewer, sess.ID, func(c session.Cell) error { return fn(c.Rating) })
	}
	if opt.Notes {
		sum.Notes = w.Notes
	}
	if opt.History {
		hist, err := e.History(ctx, sess.ID)
		if err != nil {
			return Summary{}, fmt.Errorf("session %s: %w", sess.ID, err)
		}
		if len(hist) > 0 {
			sum.head = hist[len(hist)-1].Hash
		}
		// masked like the ratings: a correction of a round the viewer may
		// not see shows neither its values nor its reason
		sum.History = session.MaskHistory(opt.Viewer, w.Session.Status, w.Rounds, hist)
		if sum.ElementHashes, err = e.ElementHashes(ctx, sess.ID); err != nil {
			return Summary{}, fmt.Errorf("session %s: %w", sess.ID, err)
		}
	}
	if opt.Stats {
		if sum.Results, err = e.Results(ctx, opt.Viewer, sess.ID); err != nil {
			return Summary{}, fmt.Errorf("statistics of session %s: %w", sess.ID, err)
		}
		sum.Stats = sum.Results.RoundStats(opt.Round)
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
	{Name: "md", Ext: ".md", Write: Markdown, Needs: LoadOptions{Stats: true, Notes: true, History: true}},
	{Name: "csv", Ext: ".csv", Write: CSV},
	{Name: "json", Ext: ".json", Write: JSON, Needs: LoadOptions{Stats: true, Notes: true, History: true}},
	{Name: "html", Ext: ".html", Write: HTML, Needs: LoadOptions{Stats: true, Notes: true, History: true}},
}

// Options are the LoadOptions of an export in format f of a session with
// the status: a summary (md, html) of a session not finished yet shows
// what the room saw, blind values left out, unless all (the researcher's
// export, `trustshop export --all`) asks for every value; csv and json are
// data for analysis and hold every value.
func (f Format) Options(status session.Status, all bool) LoadOptions {
	opt := f.Needs
	if (f.Name == "md" || f.Name == "html") && status != session.StatusFinished && !all {
		opt.Viewer = session.Viewer{Kind: session.ViewRoom}
	}
	return opt
}

// RoomOnly reports whether the summary leaves out what the room has not
// seen: an export for the room of a session not finished (see
// Format.Options). The header says so.
func (s Summary) RoomOnly() bool {
	return s.Viewer.Kind == session.ViewRoom && s.Session.Status != session.StatusFinished
}

// roomOnlyNote is what the header of such a summary says.
const roomOnlyNote = "The session is not finished: values not yet revealed to the room are left out. `trustshop export --all` writes every value."

// Lookup returns the format with the name.
func Lookup(name string) (Format, bool) {
	i := slices.IndexFunc(formats, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return formats[i], true
}

// ForFile returns the format a file's extension names (.md or .markdown,
// .csv, .json, .html or .htm, in any case), or false.
func ForFile(name string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".markdown":
		ext = ".md"
	case ".htm":
		ext = ".html"
	}
	i := slices.IndexFunc(formats, func(f Format) bool { return f.Ext == ext })
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
