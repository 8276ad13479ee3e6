package stats

import (
	"cmp"
	"slices"
)

// compareRank orders two cells of one criterion x round for the ranking:
// rated before unrated, then median, then mean, each descending (higher is
// better) or, when lowerIsBetter, ascending. Equal cells compare 0, so a
// stable sort keeps the element order.
func compareRank(a, b *ElementStats, lowerIsBetter bool) int {
	if (a.N == 0) != (b.N == 0) {
		if a.N == 0 {
			return 1
		}
		return -1
	}
	if a.N == 0 {
		return 0
	}
	if lowerIsBetter {
		a, b = b, a
	}
	if r := cmp.Compare(*b.Median, *a.Median); r != 0 {
		return r
	}
	return cmp.Compare(*b.Mean, *a.Mean)
}

// RankElements returns the indices of cells (the element stats of one
// criterion x round, in element order) in ranking order for a criterion
// where higher is better: median descending, then mean descending, then
// the given order; cells with N = 0 last. For a criterion whose direction
// is known use RankElementsOn.
func RankElements(cells []ElementStats) []int {
	return RankElementsOn(cells, Scale{})
}

// RankElementsOn is RankElements on the criterion's scale: best first, so
// by median and mean ascending when scale.LowerIsBetter, as Compute ranks.
func RankElementsOn(cells []ElementStats, scale Scale) []int {
	idx := make([]int, len(cells))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareRank(&cells[a], &cells[b], scale.LowerIsBetter) })
	return idx
}

// rankGroup writes the ranking of the cells of one criterion x round into
// out (len(out) == len(cells)).
func rankGroup(cells []ElementStats, out []Rank, lowerIsBetter bool, g *groupScratch) {
	g.order = grow(g.order, len(cells))
	for i := range g.order {
		g.order[i] = int32(i)
	}
	slices.SortStableFunc(g.order, func(a, b int32) int { return compareRank(&cells[a], &cells[b], lowerIsBetter) })
	for pos, i := range g.order {
		es := &cells[i]
		out[pos] = Rank{
			Criterion: es.Criterion,
			Round:     es.Round,
			Position:  pos + 1,
			ElementID: es.ElementID,
			Median:    es.Median,
			Mean:      es.Mean,
		}
	}
}
