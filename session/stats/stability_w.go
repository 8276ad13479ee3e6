package stats

import (
	"cmp"
	"slices"
)

// criterionRows appends a CriterionStability per criterion and pair of
// consecutive rounds in which the criterion has segments.
func (s *stabilizer) criterionRows(res *StabilityResult) {
	byCrit := make([][]int32, len(s.crits.names))
	for p, k := range s.cells {
		byCrit[k.crit] = append(byCrit[k.crit], int32(p))
	}
	var commonA, commonB []int32
	for c, segs := range byCrit {
		// By round, then element: each round's segments are a run.
		slices.SortFunc(segs, func(a, b int32) int {
			ka, kb := s.cells[a], s.cells[b]
			return cmp.Or(cmp.Compare(s.rounds[ka.round], s.rounds[kb.round]), cmp.Compare(ka.elem, kb.elem))
		})
		var prev []int32
		for len(segs) > 0 {
			n := 1
			for n < len(segs) && s.cells[segs[n]].round == s.cells[segs[0]].round {
				n++
			}
			cur := segs[:n]
			segs = segs[n:]
			if prev == nil {
				prev = cur
				continue
			}
			// The elements in both rounds: a merge of two runs sorted by
			// element.
			commonA, commonB = commonA[:0], commonB[:0]
			for i, j := 0, 0; i < len(prev) && j < len(cur); {
				switch ea, eb := s.cells[prev[i]].elem, s.cells[cur[j]].elem; {
				case ea < eb:
					i++
				case ea > eb:
					j++
				default:
					commonA, commonB = append(commonA, prev[i]), append(commonB, cur[j])
					i++
					j++
				}
			}
			row := CriterionStability{
				Criterion: s.crits.names[c],
				FromRound: s.rounds[s.cells[prev[0]].round],
				ToRound:   s.rounds[s.cells[cur[0]].round],
				NElements: len(commonA),
			}
			if w, ok := s.kendallW(commonA); ok {
				row.WFrom = ptr(w)
			}
			if w, ok := s.kendallW(commonB); ok {
				row.WTo = ptr(w)
			}
			if row.WFrom != nil && row.WTo != nil {
				row.Change = ptr(*row.WTo - *row.WFrom)
			}
			res.Criteria = append(res.Criteria, row)
			prev = cur
		}
	}
}

// kendallW is Kendall's W (tie-corrected) of the segments segs, one per
// element, of one criterion x round, computed as Compute does: the raters
// are those with a value in any of the segments, the elements those rated
// by all of them.
func (s *stabilizer) kendallW(segs []int32) (float64, bool) {
	s.tok++
	m := int32(0)
	for _, p := range segs {
		for e := s.start[p]; e < s.end[p]; e++ {
			if r := s.entR[e]; r >= 0 && s.stamp[r] != s.tok {
				s.stamp[r], s.local[r] = s.tok, m
				m++
			}
		}
	}
	s.rows = s.rows[:0]
	for _, p := range segs {
		values := int32(0)
		for e := s.start[p]; e < s.end[p]; e++ {
			if s.entR[e] >= 0 {
				values++
			}
		}
		if values == m {
			s.rows = append(s.rows, p)
		}
	}
	n := len(s.rows)
	if m < 2 || n < 2 {
		return 0, false
	}
	// Column-major m x n: mat[j*n+i] is rater j's value of element i.
	// Every cell is written, since each element has one value per rater.
	s.mat = grow(s.mat, int(m)*n)
	for i, p := range s.rows {
		for e := s.start[p]; e < s.end[p]; e++ {
			if r := s.entR[e]; r >= 0 {
				s.mat[int(s.local[r])*n+i] = float64(s.entV[e])
			}
		}
	}
	s.kendall.reset(n)
	for j := range int(m) {
		s.kendall.addFloats(s.mat[j*n : (j+1)*n])
	}
	return s.kendall.result(int(m), true)
}
