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

// resultsData is one session's results as the engine's read-model gives
// them to the viewer, indexed for the views. It decides nothing itself:
// what is hidden, which round counts and how elements rank all come from
// session.ResultsView. It is built once per load (in a tea.Cmd) and
// read-only afterwards.
type resultsData struct {
	view   *session.ResultsView
	pack   *content.Pack
	rounds []int          // rounds with ratings, ascending
	num    map[string]int // element id -> its number (pack order, from 1)
}

// newResultsData indexes a read-model.
func newResultsData(v *session.ResultsView) *resultsData {
	d := &resultsData{view: v, pack: v.Pack, rounds: v.Rounds, num: map[string]int{}}
	for i, e := range v.Pack.Elements {
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

// hidden reports whether the viewer may not see an element's results in a
// round yet (its latest, for latestRound).
func (d *resultsData) hidden(element string, round int) bool { return d.view.Hidden(element, round) }

// hiddenLine says where an element's results are; hiddenOnLine, after the
// criteria not revealed yet, where theirs are.
const (
	hiddenLine   = "Not revealed yet: " + revealHint
	hiddenOnLine = " not revealed yet: " + revealHint
	revealHint   = "reveal it in the rating grid (r on its step, then ctrl+o)."
)

// cell is the statistics of an element x criterion x round, or nil.
func (d *resultsData) cell(element, criterion string, round int) *stats.ElementStats {
	return d.view.Cell(element, criterion, round)
}

// pick is the cell a view shows: the round's, or for latestRound the
// element's latest on the criterion.
func (d *resultsData) pick(element, criterion string, round int) *stats.ElementStats {
	return d.view.Pick(element, criterion, round)
}

// shownCells splits an element's criteria in a round as the read-model
// does per criterion (HiddenOn, which follows Pick): those the viewer may
// see, with their cells, and the labels of those not revealed yet. In the
// latest view an element whose round 2 is blind on impact but was rated
// on effort in round 1 only (revealed) shows effort and says impact is not
// revealed, as the ranking does.
func (d *resultsData) shownCells(element string, round int) (crits []content.Criterion, cells []stats.ElementStats, hidden []string) {
	for _, c := range d.pack.Criteria {
		if d.view.HiddenOn(element, c.ID, round) {
			label := common.OneLine(c.Label)
			if pr := d.view.PickRound(element, c.ID, round); round == latestRound && len(d.rounds) > 1 {
				label += fmt.Sprintf(" (round %d)", pr)
			}
			hidden = append(hidden, label)
			continue
		}
		crits = append(crits, c)
		if es := d.pick(element, c.ID, round); es != nil {
			cells = append(cells, *es)
		}
	}
	return crits, cells, hidden
}

// ranking is the ranking of a criterion in a round, best first by the
// criterion's direction, as the read-model ranks it.
func (d *resultsData) ranking(criterion string, round int) []stats.Rank {
	return d.view.Ranking(criterion, round)
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
// results in the round, side by side as far as the width allows (a
// projector's 200 columns show two elements a row). starts gets the line
// each element begins at.
func (d *resultsData) elementsLines(s common.Styles, round, width int) (lines []string, starts map[string]int) {
	n := len(d.pack.Criteria)
	blockW := min(width, n*resultsColMax+(n-1)*resultsGap)
	per := columnsFor(width, n*resultsColMin+(n-1)*resultsGap, blockW)
	colW := (width - blockGap*(per-1)) / per
	starts = map[string]int{}
	var blocks [][]string
	for _, e := range d.pack.Elements {
		crits, cells, hidden := d.shownCells(e.ID, round)
		named := cells // the rounds the title names: those shown, else those not revealed
		if len(crits) == 0 {
			for _, c := range d.pack.Criteria {
				if es := d.pick(e.ID, c.ID, round); es != nil {
					named = append(named, *es)
				}
			}
		}
		head := s.Title.Render(d.elementTitle(e.ID)) + s.Faint.Render(d.roundsOf(named, round))
		b := []string{ansi.Truncate(head, colW, "…")}
		if len(crits) > 0 {
			b = append(b, ElementLines(s, crits, cells, colW)...)
		}
		switch {
		case len(crits) == 0:
			b = append(b, wrapLines(s.Faint, hiddenLine, colW)...)
		case len(hidden) > 0:
			b = append(b, wrapLines(s.Faint, strings.Join(hidden, ", ")+hiddenOnLine, colW)...)
		}
		blocks = append(blocks, b)
	}
	for i := 0; i < len(blocks); i += per {
		if i > 0 {
			lines = append(lines, "")
		}
		for j := i; j < min(len(blocks), i+per); j++ {
			starts[d.pack.Elements[j].ID] = len(lines)
		}
		lines = append(lines, common.SideBySide(blocks[i:min(len(blocks), i+per)], colW, blockGap)...)
	}
	return lines, starts
}

// blockGap separates blocks side by side.
const blockGap = 4

// columnsFor is how many blocks of at least minW (at most maxW) fit side
// by side in width: at least one.
func columnsFor(width, minW, maxW int) int {
	per := max(1, (width+blockGap)/(maxW+blockGap))
	if per == 1 && width >= 2*minW+blockGap && width >= 2*maxW*3/4 {
		per = 2
	}
	return per
}

// rankingLines is the ranking view: per criterion the elements by median,
// then mean, as stats ranks them, with IQR, n and the consensus marker;
// the criteria side by side when the width allows.
func (d *resultsData) rankingLines(s common.Styles, round, width int) []string {
	const numW, statW, nW, consW = 3, 7, 4, 11
	roundW := 0
	if round == latestRound {
		roundW = statW
	}
	fixed := numW + 1 + 3*statW + roundW + nW + consW
	per := columnsFor(width, fixed+20, fixed+48)
	colW := (width - blockGap*(per-1)) / per
	titleW := max(8, min(48, colW-fixed))
	head := fmt.Sprintf("%*s %-*s%*s%*s%*s%*s", numW, "#", titleW, "Element", statW, "Median", statW, "Mean", statW, "IQR", nW, "n")
	if roundW > 0 {
		head += fmt.Sprintf("%*s", roundW, "Round")
	}
	head += "  Consensus"
	var blocks [][]string
	for _, c := range d.pack.Criteria {
		blocks = append(blocks, d.rankingBlock(s, c, round, head, titleW, colW))
	}
	var lines []string
	for i := 0; i < len(blocks); i += per {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, common.SideBySide(blocks[i:min(len(blocks), i+per)], colW, blockGap)...)
	}
	lines = append(lines, "")
	lines = append(lines, wrapLines(s.Faint, "✓ consensus: "+session.DescribeConsensus(d.view.Session.Consensus), width)...)
	return lines
}

// rankingBlock is one criterion's ranking, width wide.
func (d *resultsData) rankingBlock(s common.Styles, c content.Criterion, round int, head string, titleW, width int) []string {
	const numW, statW, nW = 3, 7, 4
	roundW := 0
	if round == latestRound {
		roundW = statW
	}
	var lines []string
	{
		order := "highest first"
		if c.LowerIsBetter {
			order = "lowest first: lower is better"
		}
		lines = append(lines, ansi.Truncate(s.Title.Render(common.OneLine(c.Label))+s.Faint.Render(" · "+roundName(round)+" · by median, then mean, "+order), width, "…"))
		lines = append(lines, s.Faint.Render(ansi.Truncate(head, width, "…")))
		var unrated, hidden []string
		for _, r := range d.ranking(c.ID, round) {
			if d.view.HiddenOn(r.ElementID, c.ID, round) { // the round pick chooses
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
			lines = append(lines, ansi.Truncate(s.App.Render(row)+"  "+consensusStyled(s, es.Consensus)+" "+s.Faint.Render(consensusWord(es.Consensus)), width, "…"))
		}
		if len(unrated) > 0 {
			lines = append(lines, wrapLines(s.Faint, "No ratings: "+strings.Join(unrated, "; "), width)...)
		}
		if len(hidden) > 0 {
			lines = append(lines, wrapLines(s.Faint, "Not revealed yet: "+strings.Join(hidden, "; "), width)...)
		}
	}
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
