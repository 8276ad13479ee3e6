package study

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

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

// Merge reads the sources (databases and json exports) and imports every
// session they hold into the study database behind e, through the
// engine's import (one transaction: all or nothing). A session keeps its
// id, site, participants' UUIDs and history (whose chain is checked); a
// session given twice, or whose history was changed after the fact, is
// refused. An element whose text differs between the sessions (those
// merged now and those already in the study) is refused with a
// *ChangedError unless named in opt.AllowChanged.
func Merge(ctx context.Context, e *session.Engine, p *content.Pack, sources []string, opt MergeOptions) (MergeReport, error) {
	var recs []session.Record
	from := map[string]string{}
	for _, src := range sources {
		rs, err := Load(ctx, src, p)
		if err != nil {
			return MergeReport{}, err
		}
		for _, r := range rs {
			if prev, dup := from[r.Session.ID]; dup {
				return MergeReport{}, fmt.Errorf("session %s is in both %s and %s: give each session once", r.Session.ID, prev, src)
			}
			from[r.Session.ID] = src
		}
		recs = append(recs, rs...)
	}
	texts, err := studyTexts(ctx, e, recs)
	if err != nil {
		return MergeReport{}, err
	}
	var refused, allowed []Changed
	for _, c := range changedElements(p, texts) {
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
	if err := e.ImportRecords(ctx, session.Importer(), p, recs); err != nil {
		return MergeReport{}, fmt.Errorf("merge: %w", err)
	}
	rep := MergeReport{Allowed: allowed}
	for _, r := range recs {
		rep.Sessions = append(rep.Sessions, r.Session)
		rep.Ratings += len(r.Ratings)
		rep.Participants += len(r.Session.Participants)
	}
	return rep, nil
}

// studyTexts are the element texts of every session: those being merged
// and those already in the study. By session id, element id.
func studyTexts(ctx context.Context, e *session.Engine, recs []session.Record) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	existing, err := e.Sessions(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range existing {
		h, err := e.ElementHashes(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		out[s.ID] = h
	}
	for _, r := range recs {
		out[r.Session.ID] = r.ElementHashes
	}
	return out, nil
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
