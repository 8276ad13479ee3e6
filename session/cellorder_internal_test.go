package session

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortCells holds cellSorter to compareCells' order, by keys and by the
// fallback for parts too large for a key.
func TestSortCells(t *testing.T) {
	random := func(seed uint64, n, ids, maxRound int) []ValueCell {
		r := rand.New(rand.NewPCG(seed, 1))
		var cells []ValueCell
		seen := map[[4]int]bool{}
		for len(cells) < n {
			k := [4]int{r.IntN(40), r.IntN(ids), r.IntN(ids), 1 + r.IntN(maxRound)}
			if seen[k] {
				continue
			}
			seen[k] = true
			cells = append(cells, ValueCell{Participant: k[0], ElementID: fmt.Sprintf("e%d", k[1]),
				CriterionID: fmt.Sprintf("c%d", k[2]), Round: k[3], Value: r.IntN(5)})
		}
		return cells
	}
	var shared cellSorter
	for _, tc := range []struct {
		name          string
		cells         []ValueCell
		keyed, sorted bool
	}{
		{"empty", nil, true, true},
		{"one", []ValueCell{{Participant: 0, ElementID: "a", CriterionID: "b", Round: 1}}, true, true},
		{"ids ranked in byte order, not pack order", []ValueCell{
			{Participant: 1, ElementID: "explain", CriterionID: "impact", Round: 1},
			{Participant: 0, ElementID: "explain", CriterionID: "impact", Round: 2},
			{Participant: 0, ElementID: "explain", CriterionID: "effort", Round: 1},
			{Participant: 0, ElementID: "audit", CriterionID: "impact", Round: 1},
		}, true, false},
		{"random", random(1, 2000, 9, 3), true, false},
		{"round too large for a key", append(random(2, 500, 5, 3), ValueCell{Participant: 3, ElementID: "e1", CriterionID: "c9", Round: 1 << 20}), false, false},
		{"participant too large for a key", append(random(3, 500, 5, 3), ValueCell{Participant: 1 << 30, ElementID: "e1", CriterionID: "c9", Round: 1}), false, false},
		{"too many ids for a key", random(4, 8000, 100000, 2), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := cellKeys(tc.cells, nil); ok != tc.keyed {
				t.Fatalf("cellKeys ok = %v, want %v", ok, tc.keyed)
			}
			if got := slices.IsSortedFunc(tc.cells, compareCells); got != tc.sorted {
				t.Fatalf("the test's cells sorted = %v, want %v", got, tc.sorted)
			}
			want := slices.Clone(tc.cells)
			slices.SortFunc(want, compareCells)
			got := slices.Clone(tc.cells)
			var fresh cellSorter
			fresh.sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("a new sorter =\n%v\nwant\n%v", got, want)
			}
			got = slices.Clone(tc.cells)
			shared.sort(got) // with the buffers of the cases before
			if !slices.Equal(got, want) {
				t.Errorf("a sorter used before =\n%v\nwant\n%v", got, want)
			}
		})
	}
}
