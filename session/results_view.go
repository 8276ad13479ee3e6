package session

import (
	"context"
	"slices"
	"strconv"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session/stats"
)

// ResultsView is the one read-model of a session's results: per element x
// criterion x round the statistics of what one viewer may see. The results
// screens, the summary step and every export render it; none computes a
// result or decides what is hidden on its own.
type ResultsView struct {
	Session Session
	Pack    *content.Pack
	Viewer  Viewer
	// Rounds are the rounds that hold a given rating (seen by the viewer
	// or not), ascending: a round nobody rated is not among them.
	Rounds []int
	// Stats are computed over the ratings the viewer may see.
	Stats stats.Result

	inputs   []stats.Rating // the ratings the viewer may see, as stats reads them
	hidden   map[RoundKey]bool
	latest   map[string]int    // element -> its latest round with a given rating
	latestOn map[[2]string]int // element x criterion -> its latest round with a given rating
	cells    map[cellRef]*stats.ElementStats
}

type cellRef struct {
	element, criterion string
	round              int
}

// Results reads a session's ratings and builds what viewer v may see of
// its results. It streams the ratings: a session of a million holds only
// their statistics' inputs in memory.
func (e *Engine) Results(ctx context.Context, v Viewer, id string) (*ResultsView, error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return nil, err
	}
	var count int
	if err := e.store.db.QueryRowContext(ctx, `SELECT count(*) FROM `+sessionRatings+` WHERE p.session_id = ?
		AND (r.value IS NOT NULL OR r.abstain = 1)`, w.Session.ID).Scan(&count); err != nil {
		return nil, e.store.wrap("count ratings", err)
	}
	b := newResultsBuilder(w.Session, w.Pack, w.Rounds, v, count)
	if err := e.store.eachRating(ctx, w.Session.ID, func(r Rating) error { b.add(r); return nil }); err != nil {
		return nil, err
	}
	return b.build(), nil
}

// BuildResults builds the read-model from a session's rating rows; it is
// pure, so a screen or a test that holds the rows can call it.
func BuildResults(sess Session, p *content.Pack, rounds Rounds, v Viewer, rows []Rating) *ResultsView {
	b := newResultsBuilder(sess, p, rounds, v, len(rows))
	for _, r := range rows {
		b.add(r)
	}
	return b.build()
}

// resultsBuilder gathers the statistics' inputs of the ratings a viewer
// may see, noting the hidden element rounds and each element's latest.
type resultsBuilder struct {
	r      *ResultsView
	rounds Rounds
	seen   map[int]bool
	rated  map[RoundKey]bool // element rounds with a given rating, seen or not
	sight  map[RoundKey]bool
	in     []stats.Rating
	ids    map[string]string // interned ids: a million ratings share the pack's strings
	raters map[int64]string
}

func newResultsBuilder(sess Session, p *content.Pack, rounds Rounds, v Viewer, size int) *resultsBuilder {
	b := &resultsBuilder{
		r: &ResultsView{Session: sess, Pack: p, Viewer: v, hidden: map[RoundKey]bool{}, latest: map[string]int{},
			latestOn: map[[2]string]int{}, cells: map[cellRef]*stats.ElementStats{}},
		rounds: rounds, seen: map[int]bool{}, rated: map[RoundKey]bool{}, sight: map[RoundKey]bool{},
		in: make([]stats.Rating, 0, size), ids: map[string]string{}, raters: map[int64]string{},
	}
	for _, e := range p.Elements {
		b.ids[e.ID] = e.ID
	}
	for _, c := range p.Criteria {
		b.ids[c.ID] = c.ID
	}
	return b
}

func (b *resultsBuilder) intern(s string) string {
	if x, ok := b.ids[s]; ok {
		return x
	}
	b.ids[s] = s
	return s
}

func (b *resultsBuilder) add(row Rating) {
	if !row.Given() {
		return
	}
	r := b.r
	b.seen[row.Round] = true
	r.latest[row.ElementID] = max(r.latest[row.ElementID], row.Round)
	on := [2]string{row.ElementID, row.CriterionID}
	r.latestOn[on] = max(r.latestOn[on], row.Round)
	k := RoundKey{row.ElementID, row.Round}
	b.rated[k] = true
	visible, ok := b.sight[k]
	if !ok {
		round, _ := b.rounds.Get(row.ElementID, row.Round)
		visible = See(r.Viewer, r.Session.Status, round).Values
		b.sight[k] = visible
	}
	if !visible {
		r.hidden[k] = true
		return
	}
	rater, ok := b.raters[row.ParticipantID]
	if !ok {
		rater = strconv.FormatInt(row.ParticipantID, 10)
		b.raters[row.ParticipantID] = rater
	}
	x := stats.Rating{Element: b.intern(row.ElementID), Criterion: b.intern(row.CriterionID), Round: row.Round, Rater: rater, Abstain: row.Abstain}
	if row.Value != nil && !row.Abstain {
		x.Value = *row.Value
	}
	b.in = append(b.in, x)
}

func (b *resultsBuilder) build() *ResultsView {
	r := b.r
	for round := range b.seen {
		r.Rounds = append(r.Rounds, round)
	}
	slices.Sort(r.Rounds)
	r.inputs = b.in
	r.Stats = ComputeStats(r.Pack, r.Session.Consensus, b.in)
	// Drop the empty cells of a round an element was not rated in: a
	// Delphi round 2 on two elements is not a round 2 of the others.
	first := r.firstRound()
	r.Stats.Elements = slices.DeleteFunc(r.Stats.Elements, func(es stats.ElementStats) bool {
		return es.Round != first && !b.rated[RoundKey{es.ElementID, es.Round}]
	})
	for i := range r.Stats.Elements {
		es := &r.Stats.Elements[i]
		r.cells[cellRef{es.ElementID, es.Criterion, es.Round}] = es
	}
	r.Stats.Ranking = slices.DeleteFunc(r.Stats.Ranking, func(rk stats.Rank) bool {
		return r.cells[cellRef{rk.ElementID, rk.Criterion, rk.Round}] == nil
	})
	return r
}

func (r *ResultsView) firstRound() int {
	if len(r.Rounds) == 0 {
		return 1
	}
	return r.Rounds[0]
}

// Cell is the statistics of an element x criterion x round the viewer may
// see, or nil.
func (r *ResultsView) Cell(element, criterion string, round int) *stats.ElementStats {
	return r.cells[cellRef{element, criterion, round}]
}

// LatestRound is the latest round in which the element holds a value or
// an abstention (0: never rated). Each element counts in its latest round:
// a Delphi round 2 rates only the contested elements again.
func (r *ResultsView) LatestRound(element string) int { return r.latest[element] }

// Hidden reports whether an element's round (0: its latest on any
// criterion, the round Matrix places it at) holds ratings the viewer may
// not see yet. A view of one criterion asks HiddenOn, which follows Pick.
func (r *ResultsView) Hidden(element string, round int) bool {
	if round == 0 {
		round = r.latest[element]
	}
	return r.hidden[RoundKey{element, round}]
}

// HiddenOn is Hidden for the cell Pick shows: whether the round Pick
// chooses for an element on a criterion holds ratings the viewer may not
// see yet. Every view of one criterion (a ranking, the consensus lists)
// asks HiddenOn and Pick together, so both mean the same round.
func (r *ResultsView) HiddenOn(element, criterion string, round int) bool {
	return r.hidden[RoundKey{element, r.PickRound(element, criterion, round)}]
}

// PickRound is the round Pick and HiddenOn choose: round itself, or for 0
// the latest round in which the element holds a value or an abstention on
// the criterion, seen by the viewer or not (0: never rated). In a Delphi
// round 2 only the contested elements are rated again, and each counts in
// its latest; a round of abstentions only counts (its median is
// undefined), and a blind latest round is not replaced by an older one.
func (r *ResultsView) PickRound(element, criterion string, round int) int {
	if round == 0 {
		return r.latestOn[[2]string{element, criterion}]
	}
	return round
}

// Pick is the cell a view of a round shows (see PickRound), or nil; ask
// HiddenOn whether the viewer may see it.
func (r *ResultsView) Pick(element, criterion string, round int) *stats.ElementStats {
	return r.Cell(element, criterion, r.PickRound(element, criterion, round))
}

// Ranking ranks the elements on a criterion in a round (0: each element's
// latest on the criterion, see Pick), best first as stats ranks them; elements hidden from the viewer
// or without ratings come last, without a median.
func (r *ResultsView) Ranking(criterion string, round int) []stats.Rank {
	cells := make([]stats.ElementStats, len(r.Pack.Elements))
	for i, e := range r.Pack.Elements {
		cells[i] = stats.ElementStats{ElementID: e.ID, Criterion: criterion, Round: round}
		if es := r.Pick(e.ID, criterion, round); es != nil && !r.HiddenOn(e.ID, criterion, round) {
			cells[i] = *es
		}
	}
	cr, _ := r.Pack.Criterion(criterion)
	out := make([]stats.Rank, 0, len(cells))
	for pos, i := range stats.RankElementsOn(cells, scaleOf(cr)) {
		es := &cells[i]
		out = append(out, stats.Rank{Criterion: criterion, Round: es.Round, Position: pos + 1,
			ElementID: es.ElementID, Median: es.Median, Mean: es.Mean})
	}
	return out
}

// MatrixPoint places an element by its medians on the matrix's two
// criteria, both from the same round.
type MatrixPoint struct {
	Num       int // the element's position in the pack, from 1
	ElementID string
	Round     int
	X, Y      float64
}

// Matrix places every element the viewer may see on the pack's two matrix
// criteria, each element at its latest round the viewer may see, both
// medians from that one round: a round-2 impact never meets a round-1
// effort. A blind round 2 does not hide a revealed round 1: the element
// stays where round 1 put it. absent lists the elements without a median
// on both in that round; hidden those with no round the viewer may see.
func (r *ResultsView) Matrix() (x, y content.Criterion, points []MatrixPoint, absent, hidden []string, ok bool) {
	x, y, ok = MatrixAxes(r.Pack)
	if !ok {
		return x, y, nil, nil, nil, false
	}
	for i, e := range r.Pack.Elements {
		round, blind := r.latest[e.ID], false
		for round > 0 && r.hidden[RoundKey{e.ID, round}] {
			blind = true
			round = r.roundBefore(e.ID, round)
		}
		ex, ey := r.Cell(e.ID, x.ID, round), r.Cell(e.ID, y.ID, round)
		switch {
		case round == 0 && blind:
			hidden = append(hidden, e.ID)
		case round == 0 || ex == nil || ey == nil || ex.Median == nil || ey.Median == nil:
			absent = append(absent, e.ID)
		default:
			points = append(points, MatrixPoint{Num: i + 1, ElementID: e.ID, Round: round, X: *ex.Median, Y: *ey.Median})
		}
	}
	return x, y, points, absent, hidden, true
}

// roundBefore is the element's latest round before round that has its
// cells (a round it was rated in, seen by the viewer or not), 0 when there
// is none.
func (r *ResultsView) roundBefore(element string, round int) int {
	for i := len(r.Rounds) - 1; i >= 0; i-- {
		rd := r.Rounds[i]
		if rd >= round {
			continue
		}
		for _, c := range r.Pack.Criteria {
			if r.Cell(element, c.ID, rd) != nil {
				return rd
			}
		}
	}
	return 0
}

// MatrixAxes picks the matrix's criteria: the pair the pack names, else
// today's default (see content.Pack.MatrixAxes).
func MatrixAxes(p *content.Pack) (x, y content.Criterion, ok bool) { return p.MatrixAxes() }

// RoundStats are the statistics of one round only (0: every round), as
// `trustshop stats --round` reports them.
func (r *ResultsView) RoundStats(round int) stats.Result {
	if round == 0 {
		return r.Stats
	}
	out := stats.Result{Elements: []stats.ElementStats{}, Criteria: []stats.CriterionStats{}, Ranking: []stats.Rank{}}
	for _, es := range r.Stats.Elements {
		if es.Round == round {
			out.Elements = append(out.Elements, es)
		}
	}
	for _, cs := range r.Stats.Criteria {
		if cs.Round == round {
			out.Criteria = append(out.Criteria, cs)
		}
	}
	for _, rk := range r.Stats.Ranking {
		if rk.Round == round {
			out.Ranking = append(out.Ranking, rk)
		}
	}
	return out
}

// Stability compares each element x criterion between consecutive rounds
// over the ratings the viewer may see (see stats.Stability).
func (r *ResultsView) Stability() stats.StabilityResult {
	elements := make([]string, len(r.Pack.Elements))
	for i, e := range r.Pack.Elements {
		elements[i] = e.ID
	}
	criteria := make([]string, len(r.Pack.Criteria))
	for i, c := range r.Pack.Criteria {
		criteria[i] = c.ID
	}
	return stats.Stability(r.inputs, elements, criteria)
}
