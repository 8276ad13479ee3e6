package session

import (
	"cmp"
	"slices"
)

// compareCells orders cells by participant, element, criterion and round:
// the order of SessionCells.Cells.
func compareCells(a, b ValueCell) int {
	return cmp.Or(cmp.Compare(a.Participant, b.Participant), cmp.Compare(a.ElementID, b.ElementID),
		cmp.Compare(a.CriterionID, b.CriterionID), cmp.Compare(a.Round, b.Round))
}

// cellSorter puts cells in compareCells' order. A study sorts a million
// cells, and comparing their ids as strings was half of reading it: the
// ids are ranked once instead and each cell sorted by one number. Its
// buffers serve session after session.
type cellSorter struct {
	keys     []cellKey
	unsorted []ValueCell
}

// sort sorts cells.
func (cs *cellSorter) sort(cells []ValueCell) {
	if slices.IsSortedFunc(cells, compareCells) {
		return
	}
	keys, ok := cellKeys(cells, cs.keys[:0])
	cs.keys = keys
	if !ok {
		slices.SortFunc(cells, compareCells)
		return
	}
	slices.SortFunc(keys, func(a, b cellKey) int { return cmp.Compare(a.key, b.key) })
	cs.unsorted = append(cs.unsorted[:0], cells...)
	for i, k := range keys {
		cells[i] = cs.unsorted[k.at]
	}
}

// cellKey is a cell's place in compareCells' order as one number, and
// where the cell is now.
type cellKey struct {
	key uint64
	at  int
}

// Bits of a cellKey, most significant first: participant, element rank,
// criterion rank, round.
const (
	participantBits = 24
	elementBits     = 12
	criterionBits   = 12
	roundBits       = 64 - participantBits - elementBits - criterionBits
)

// cellKeys ranks the cells' element and criterion ids in byte order and
// packs each cell's place into a key, appended to keys; ok is false when
// a part does not fit its bits.
func cellKeys(cells []ValueCell, keys []cellKey) (_ []cellKey, ok bool) {
	elements, criteria := map[string]uint64{}, map[string]uint64{}
	for _, c := range cells {
		elements[c.ElementID], criteria[c.CriterionID] = 0, 0
	}
	rank := func(ids map[string]uint64, bits int) bool {
		sorted := make([]string, 0, len(ids))
		for id := range ids {
			sorted = append(sorted, id)
		}
		slices.Sort(sorted)
		for i, id := range sorted {
			ids[id] = uint64(i)
		}
		return len(sorted) <= 1<<bits
	}
	if !rank(elements, elementBits) || !rank(criteria, criterionBits) {
		return keys, false
	}
	for i, c := range cells {
		if c.Participant < 0 || c.Participant >= 1<<participantBits || c.Round < 0 || c.Round >= 1<<roundBits {
			return keys, false
		}
		keys = append(keys, cellKey{at: i, key: uint64(c.Participant)<<(64-participantBits) |
			elements[c.ElementID]<<(criterionBits+roundBits) | criteria[c.CriterionID]<<roundBits | uint64(c.Round)})
	}
	return keys, true
}
