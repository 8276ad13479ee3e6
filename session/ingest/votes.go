package ingest

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
)

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
			for _, line := range b.lines {
				im.errs.add(RowError{line, msg})
			}
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
		for _, line := range b.lines {
			im.errs.add(RowError{line, msg})
		}
	}
}

// poll counts, per key, the rows that give each value.
type poll struct {
	order   []string // keys in order of first appearance
	pos     map[string]int
	ballots map[string][]*ballot
}

// ballot is one value and the rows that give it.
type ballot struct {
	value string
	lines []int
}

// where says which rows gave the value, for a message.
func (b *ballot) where() string {
	if len(b.lines) == 1 {
		return fmt.Sprintf("line %d", b.lines[0])
	}
	return fmt.Sprintf("%d other rows (from line %d)", len(b.lines), b.lines[0])
}

func (p *poll) vote(key, value string, line int) {
	p.index(key)
	for _, b := range p.ballots[key] {
		if b.value == value {
			b.lines = append(b.lines, line)
			return
		}
	}
	if p.ballots == nil {
		p.ballots = map[string][]*ballot{}
	}
	p.ballots[key] = append(p.ballots[key], &ballot{value: value, lines: []int{line}})
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
		if w == nil || len(b.lines) > len(w.lines) {
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
