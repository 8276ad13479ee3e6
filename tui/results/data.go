package results

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

// latestRound, as the round of a view, shows each element in the latest
// round in which it was rated: in a Delphi-style second round only the
// contested elements are rated again, and each element's latest ratings
// count (as in the exports' matrix and consensus).
const latestRound = 0

// resultsData is one session's statistics, indexed for the views. It is
// built once per load (in a tea.Cmd) and read-only afterwards.
type resultsData struct {
	pack   *content.Pack
	res    stats.Result
	rounds []int // rounds with ratings, ascending
	cells  map[cellRef]*stats.ElementStats
	ranks  map[rankRef][]stats.Rank
	num    map[string]int // element id -> its number (pack order, from 1)
	// revealed, when not nil, holds the element x rounds whose results
	// may show: during a session only what the facilitator revealed in
	// the rating grid, so that opening the results cannot anchor anyone.
	revealed map[session.RevealKey]bool
}

type cellRef struct {
	element, criterion string
	round              int
}

type rankRef struct {
	criterion string
	round     int
}

// newResultsData indexes a Result of the pack.
func newResultsData(p *content.Pack, res stats.Result, rounds []int) *resultsData {
	d := &resultsData{pack: p, res: res, rounds: rounds,
		cells: make(map[cellRef]*stats.ElementStats, len(res.Elements)),
		ranks: map[rankRef][]stats.Rank{}, num: map[string]int{}}
	for i := range res.Elements {
		es := &res.Elements[i]
		d.cells[cellRef{es.ElementID, es.Criterion, es.Round}] = es
	}
	for _, r := range res.Ranking {
		k := rankRef{r.Criterion, r.Round}
		d.ranks[k] = append(d.ranks[k], r)
	}
	for i, e := range p.Elements {
		d.num[e.ID] = i + 1
	}
	return d
}

// roundChoices are the rounds a view can show: each round with ratings
// and, when there are several, first the latest of each element.
func (d *resultsData) roundChoices() []int {
	switch len(d.rounds) {
	case 0:
		return []int{1}
	case 1:
		return d.rounds
	}
	return append([]int{latestRound}, d.rounds...)
}

// roundName is "round 2" or "latest rounds".
func roundName(round int) string {
	if round == latestRound {
		return "each element's latest round"
	}
	return fmt.Sprintf("round %d", round)
}

// hidden reports whether the results of an element in a round (in any
// round, for latestRound) are not revealed yet.
func (d *resultsData) hidden(element string, round int) bool {
	if d.revealed == nil {
		return false
	}
	if round != latestRound {
		return !d.revealed[session.RevealKey{ElementID: element, Round: round}]
	}
	for _, r := range d.rounds {
		if d.revealed[session.RevealKey{ElementID: element, Round: r}] {
			return false
		}
	}
	return true
}

// hiddenLine says where an element's results are.
const hiddenLine = "Not revealed yet: reveal it in the rating grid (r on its step, then ctrl+o)."

// cell is the statistics of an element x criterion x round, or nil.
func (d *resultsData) cell(element, criterion string, round int) *stats.ElementStats {
	return d.cells[cellRef{element, criterion, round}]
}

// pick is the cell a view shows: the round's, or for latestRound the one
// of the last round in which the element has a rating or an abstention on
// the criterion.
func (d *resultsData) pick(element, criterion string, round int) *stats.ElementStats {
	if round != latestRound {
		return d.cell(element, criterion, round)
	}
	for i := len(d.rounds) - 1; i >= 0; i-- {
		if es := d.cell(element, criterion, d.rounds[i]); es != nil && (es.N > 0 || es.Abstain > 0) {
			return es
		}
	}
	return nil
}

// elementCells are an element's cells in a round, in criterion order.
func (d *resultsData) elementCells(element string, round int) []stats.ElementStats {
	out := make([]stats.ElementStats, 0, len(d.pack.Criteria))
	for _, c := range d.pack.Criteria {
		if es := d.pick(element, c.ID, round); es != nil {
			out = append(out, *es)
		}
	}
	return out
}

// ranking is the ranking of a criterion in a round, as stats ranks it; for
// latestRound stats.RankElements ranks the cells pick returns.
func (d *resultsData) ranking(criterion string, round int) []stats.Rank {
	if round != latestRound {
		return d.ranks[rankRef{criterion, round}]
	}
	cells := make([]stats.ElementStats, len(d.pack.Elements))
	for i, e := range d.pack.Elements {
		cells[i] = stats.ElementStats{ElementID: e.ID, Criterion: criterion}
		if es := d.pick(e.ID, criterion, round); es != nil {
			cells[i] = *es
		}
	}
	out := make([]stats.Rank, 0, len(cells))
	for pos, i := range stats.RankElements(cells) {
		es := &cells[i]
		out = append(out, stats.Rank{Criterion: criterion, Round: es.Round, Position: pos + 1,
			ElementID: es.ElementID, Median: es.Median, Mean: es.Mean})
	}
	return out
}

// elementTitle is "3. Prove your quality!".
func (d *resultsData) elementTitle(id string) string {
	title := id
	if e, ok := d.pack.Element(id); ok {
		title = e.Title
	}
	return fmt.Sprintf("%d. %s", d.num[id], common.OneLine(title))
}

// roundsOf names the rounds an element's cells come from, for the
// latest view when there are several rounds: " · round 2".
func (d *resultsData) roundsOf(cells []stats.ElementStats, round int) string {
	if round != latestRound || len(d.rounds) < 2 || len(cells) == 0 {
		return ""
	}
	var names []string
	seen := map[int]bool{}
	for _, es := range cells {
		if !seen[es.Round] {
			seen[es.Round] = true
			names = append(names, fmt.Sprint(es.Round))
		}
	}
	return " · round " + strings.Join(names, ", ")
}

// elementsLines is the elements view: every element of the pack with its
// results in the round. starts gets the line each element begins at.
func (d *resultsData) elementsLines(s common.Styles, round, width int) (lines []string, starts map[string]int) {
	starts = map[string]int{}
	for i, e := range d.pack.Elements {
		if i > 0 {
			lines = append(lines, "")
		}
		starts[e.ID] = len(lines)
		cells := d.elementCells(e.ID, round)
		head := s.Title.Render(d.elementTitle(e.ID)) + s.Faint.Render(d.roundsOf(cells, round))
		lines = append(lines, ansi.Truncate(head, width, "…"))
		if d.hidden(e.ID, round) {
			lines = append(lines, wrapLines(s.Faint, hiddenLine, width)...)
			continue
		}
		lines = append(lines, ElementLines(s, d.pack.Criteria, cells, width)...)
	}
	return lines, starts
}

// rankingLines is the ranking view: per criterion the elements by median,
// then mean, as stats ranks them, with IQR, n and the consensus marker.
func (d *resultsData) rankingLines(s common.Styles, round, width int) []string {
	var lines []string
	const numW, statW, nW = 3, 7, 4
	roundW := 0
	if round == latestRound {
		roundW = statW
	}
	titleW := max(8, min(60, width-numW-1-3*statW-roundW-nW-4))
	head := fmt.Sprintf("%*s %-*s%*s%*s%*s%*s", numW, "#", titleW, "Element", statW, "Median", statW, "Mean", statW, "IQR", nW, "n")
	if roundW > 0 {
		head += fmt.Sprintf("%*s", roundW, "Round")
	}
	for i, c := range d.pack.Criteria {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, ansi.Truncate(s.Title.Render(common.OneLine(c.Label))+s.Faint.Render(" · "+roundName(round)+" · by median, then mean"), width, "…"))
		lines = append(lines, s.Faint.Render(ansi.Truncate(head, width, "…")))
		var unrated, hidden []string
		for _, r := range d.ranking(c.ID, round) {
			if d.hidden(r.ElementID, round) {
				hidden = append(hidden, d.elementTitle(r.ElementID))
				continue
			}
			es := d.pick(r.ElementID, c.ID, round)
			if es == nil || es.N == 0 {
				unrated = append(unrated, d.elementTitle(r.ElementID))
				continue
			}
			row := fmt.Sprintf("%*d %s%*s%*s%*s%*d", numW, r.Position, common.Pad(d.elementTitle(r.ElementID), titleW),
				statW, export.Number(r.Median), statW, export.Number(r.Mean), statW, export.Number(es.IQR), nW, es.N)
			if roundW > 0 {
				row += fmt.Sprintf("%*d", roundW, es.Round)
			}
			lines = append(lines, ansi.Truncate(s.App.Render(row)+"  "+consensusStyled(s, es.Consensus), width, "…"))
		}
		if len(unrated) > 0 {
			lines = append(lines, wrapLines(s.Faint, "No ratings: "+strings.Join(unrated, "; "), width)...)
		}
		if len(hidden) > 0 {
			lines = append(lines, wrapLines(s.Faint, "Not revealed yet: "+strings.Join(hidden, "; "), width)...)
		}
	}
	lines = append(lines, "", s.Faint.Render(ansi.Truncate(fmt.Sprintf("✓ consensus: IQR ≤ %s and ≥ %s of ratings within one point of the median",
		export.Number(&d.pack.Consensus.MaxIQR), pctText(d.pack.Consensus.MinAgreement)), width, "…")))
	return lines
}

// consensusStyled is the short consensus marker in its colour.
func consensusStyled(s common.Styles, c *bool) string {
	switch {
	case c == nil:
		return s.Faint.Render("–")
	case *c:
		return s.OK.Render("✓")
	}
	return s.Warn.Render("✗")
}
