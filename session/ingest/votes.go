package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// finish settles the votes, blames the rows that disagree with them and
// returns the File, or every problem.
func (im *importer) finish(hash string) (*File, error) {
	im.blamePeople()
	im.blame(&im.titles, "session_title", "a file holds one session")
	im.blame(&im.ids, "session_id", "a file holds one session")
	im.roundGaps()
	im.dateProblems()
	in := &im.out.Session
	for _, key := range im.people.order {
		parts := strings.SplitN(im.people.winner(key).value, "\x00", 3)
		in.Participants = append(in.Participants, session.Participant{Name: parts[0], Role: parts[1], Organisation: parts[2]})
	}
	in.Title = im.opt.Title
	if in.Title == "" && len(im.titles.order) > 0 {
		in.Title = im.titles.winner("").value
	}
	if err := im.errs.err(); err != nil {
		return nil, err
	}
	im.out.Ratings = slices.Concat(im.ratings...)
	switch {
	case len(im.out.Ratings) == 0 && len(im.out.Report.Missing) > 0:
		return nil, fail(2, fmt.Sprintf("no ratings: all %d value cells are empty", len(im.out.Report.Missing)))
	case len(im.out.Ratings) == 0 && im.out.Report.Rows == 0:
		return nil, fail(2, "no ratings: the file has only its header")
	case len(im.out.Ratings) == 0:
		return nil, fail(2, fmt.Sprintf("no ratings in %s", count(im.out.Report.Rows, "row")))
	case strings.TrimSpace(in.Title) == "":
		return nil, fail(2, "the session_title cells are empty: give the title with --title")
	}
	in.Date = im.earliest.UTC().Format("2006-01-02")
	in.SourceHash = "sha256:" + hash
	im.out.Report.Participants = len(in.Participants)
	return &im.out, nil
}

// blamePeople blames every row whose participant differs from the
// spelling, role and organisation most rows give that participant.
func (im *importer) blamePeople() {
	for _, key := range im.people.order {
		w := im.people.winner(key)
		want := strings.SplitN(w.value, "\x00", 3)
		for _, b := range im.people.ballots[key] {
			if b == w {
				continue
			}
			got := strings.SplitN(b.value, "\x00", 3)
			var diffs []string
			if got[0] != want[0] {
				diffs = append(diffs, fmt.Sprintf("spelt %s here", quote(got[0])))
			}
			if got[1] != want[1] {
				diffs = append(diffs, fmt.Sprintf("has role %s here", quote(got[1])))
			}
			if got[2] != want[2] {
				diffs = append(diffs, fmt.Sprintf("has organisation %s here", quote(got[2])))
			}
			msg := fmt.Sprintf("participant %s %s, but %s on %s: a participant has one spelling, role and organisation",
				quote(want[0]), strings.Join(diffs, " and "), quote(describe(want)), w.where())
			im.errs.blame(b, msg)
		}
	}
}

// describe names a participant's spelling, role and organisation.
func describe(v []string) string {
	if v[2] == "" {
		return v[0] + ", " + v[1]
	}
	return v[0] + ", " + v[1] + ", " + v[2]
}

// blame blames every row whose cell in a one-per-file column differs from
// the one most rows have.
func (im *importer) blame(p *poll, column, why string) {
	if len(p.order) == 0 {
		return
	}
	w := p.winner("")
	for _, b := range p.ballots[""] {
		if b == w {
			continue
		}
		msg := fmt.Sprintf("%s %s differs from %s on %s: %s", column, quote(b.value), quote(w.value), w.where(), why)
		im.errs.blame(b, msg)
	}
}

// poll counts, per key, the rows that give each value.
type poll struct {
	order   []string // keys in order of first appearance
	pos     map[string]int
	ballots map[string][]*ballot
	lastKey string
	last    *ballot // the ballot of the row before: rows of one participant come together
}

// ballot is one value and the rows that give it: how many, and the first
// maxKept of their lines (more would be more messages than are kept).
type ballot struct {
	value string
	n     int
	lines []int
}

func (b *ballot) add(line int) {
	b.n++
	if len(b.lines) < maxKept {
		b.lines = append(b.lines, line)
	}
}

// where says which rows gave the value, for a message.
func (b *ballot) where() string {
	if b.n == 1 {
		return fmt.Sprintf("line %d", b.lines[0])
	}
	return fmt.Sprintf("%d other rows (from line %d)", b.n, b.lines[0])
}

// vote counts a row that gives value for key, and returns key's position
// in order of first appearance.
func (p *poll) vote(key, value string, line int) int {
	if p.last != nil && key == p.lastKey && value == p.last.value {
		p.last.add(line)
		return p.pos[key]
	}
	i := p.index(key)
	p.lastKey = key
	for _, b := range p.ballots[key] {
		if b.value == value {
			p.last = b
			b.add(line)
			return i
		}
	}
	if p.ballots == nil {
		p.ballots = map[string][]*ballot{}
	}
	p.last = &ballot{value: value}
	p.last.add(line)
	p.ballots[key] = append(p.ballots[key], p.last)
	return i
}

// index returns the position of key in order of first appearance.
func (p *poll) index(key string) int {
	if i, ok := p.pos[key]; ok {
		return i
	}
	if p.pos == nil {
		p.pos = map[string]int{}
	}
	p.pos[key] = len(p.order)
	p.order = append(p.order, key)
	return len(p.order) - 1
}

// winner is the value most rows give for key; on a tie the one seen
// first. So one odd row is blamed, not the rows that agree after it.
func (p *poll) winner(key string) *ballot {
	var w *ballot
	for _, b := range p.ballots[key] {
		if w == nil || b.n > w.n {
			w = b
		}
	}
	if w == nil { // every row of the key was bad
		return &ballot{value: "\x00\x00"}
	}
	return w
}

func elementIDs(p *content.Pack) string {
	ids := make([]string, len(p.Elements))
	for i, e := range p.Elements {
		ids[i] = e.ID
	}
	return strings.Join(ids, ", ")
}

func criterionIDs(p *content.Pack) string {
	ids := make([]string, len(p.Criteria))
	for i, c := range p.Criteria {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func personaIDs(p *content.Pack) string {
	ids := make([]string, len(p.Personas))
	for i, x := range p.Personas {
		ids[i] = x.ID
	}
	return strings.Join(ids, ", ")
}

// roundGaps blames the first row of each element's round whose round
// before holds no rating: rounds of an element follow each other from 1
// (a round 3 without a round 2 is a typo in the round column more often
// than not, and the engine refuses it).
func (im *importer) roundGaps() {
	type elRound struct {
		element int32
		round   int16
	}
	first := map[elRound]int32{}
	for k, line := range im.cells {
		er := elRound{k.element, k.round}
		if l, ok := first[er]; !ok || line < l {
			first[er] = line
		}
	}
	for er, line := range first {
		if er.round > 1 {
			if _, ok := first[elRound{er.element, er.round - 1}]; !ok {
				im.errs.add(RowError{int(line), fmt.Sprintf("element %s has ratings in round %d but none in round %d: an element's rounds follow each other from 1 (is the round column right?)",
					quote(im.pack.Elements[er.element].ID), er.round, er.round-1)})
			}
		}
	}
}
