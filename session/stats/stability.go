package stats

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// ElementStability is how stable the answers on one element x criterion
// were between two consecutive rounds (Dajani, Sincoff and Talley 1979:
// agreement means little until answers are stable), over the raters who
// gave a value, not an abstention, in both rounds. Pointer fields are nil
// (JSON null) when undefined: all of them when NPaired is 0; the CVs when
// NPaired < 2 or the mean is 0; WilcoxonP when every paired rater kept
// their answer.
type ElementStability struct {
	ElementID string `json:"element_id"`
	Criterion string `json:"criterion"`
	FromRound int    `json:"from_round"`
	ToRound   int    `json:"to_round"`
	NPaired   int    `json:"n_paired"`
	// Unchanged is the share of the paired raters who kept their answer.
	Unchanged *float64 `json:"unchanged"`
	// MeanAbsChange is the mean of |to − from| over the paired raters.
	MeanAbsChange *float64 `json:"mean_abs_change"`
	// WilcoxonV and WilcoxonP are R's wilcox.test(to, from, paired =
	// TRUE) (see WilcoxonSignedRank). When every paired rater kept their
	// answer, V is 0, as R reports it, and P is nil (R: NaN).
	WilcoxonV *float64 `json:"wilcoxon_v"`
	WilcoxonP *float64 `json:"wilcoxon_p"`
	// CVFrom and CVTo are the coefficients of variation (sample standard
	// deviation / mean) of the paired raters' values in each round.
	CVFrom *float64 `json:"cv_from"`
	CVTo   *float64 `json:"cv_to"`
}

// CriterionStability is the change of Kendall's W for one criterion between
// two consecutive rounds. Both Ws are computed like CriterionStats.KendallW
// (tie-corrected, over the raters with a value in that round and the
// elements all of them rated) but only over the NElements elements rated on
// the criterion in both rounds, so that a round 2 on some elements only is
// compared like with like; when every element is in both rounds they equal
// the rounds' CriterionStats.KendallW. Change is WTo − WFrom, nil when
// either is undefined.
type CriterionStability struct {
	Criterion string   `json:"criterion"`
	FromRound int      `json:"from_round"`
	ToRound   int      `json:"to_round"`
	NElements int      `json:"n_elements"`
	WFrom     *float64 `json:"w_from"`
	WTo       *float64 `json:"w_to"`
	Change    *float64 `json:"change"`
}

// StabilityResult is everything Stability computes. Elements is ordered by
// element, then criterion, then FromRound; Criteria by criterion, then
// FromRound. Neither is nil.
type StabilityResult struct {
	Elements []ElementStability   `json:"elements"`
	Criteria []CriterionStability `json:"criteria"`
}

// Stability computes the stability of the answers between consecutive
// rounds: one ElementStability per element x criterion and pair of
// consecutive rounds in which that element was rated on that criterion (a
// rating or an abstention; so an element left out of round 2 pairs its
// round 1 with round 3), and one CriterionStability per criterion and pair
// of consecutive rounds in which the criterion was rated.
//
// elements and criteria give the order of the output as in Compute: ids
// that occur in ratings but not in the lists follow in order of first
// occurrence. As in Compute, the last rating of a rater for an element x
// criterion x round counts. Stability is pure and deterministic and does
// not modify ratings.
func Stability(ratings []Rating, elements, criteria []string) StabilityResult {
	var s stabilizer
	s.layout(ratings, elements, criteria)
	res := StabilityResult{Elements: []ElementStability{}, Criteria: []CriterionStability{}}
	s.elementRows(&res)
	s.criterionRows(&res)
	return res
}

// stabilizer holds the state of one Stability call: the ratings grouped
// into segments, one per element x criterion x round, sorted by element,
// criterion, round; within a segment one entry per rater.
type stabilizer struct {
	elems, crits interner
	rounds       []int // round value by round id
	cells        []cellKey
	start, end   []int32 // entries of segment p are start[p]:end[p]
	entR         []int32 // rater id, ^id for an abstention
	entV         []int
	numRaters    int

	// Per rater, stamped so they never need clearing.
	stamp []int32
	val   []int
	tok   int32

	ranker  signedRanker
	from    []float64
	to      []float64
	diff    []float64
	kendall kendallScratch
	local   []int32
	mat     []float64
	rows    []int32
}

func (s *stabilizer) layout(ratings []Rating, elements, criteria []string) {
	// Streams rather than plain interners: ratings come in runs.
	elems := stream{in: newInterner(elements, 0), id: -1}
	crits := stream{in: newInterner(criteria, 0), id: -1}
	raters := newStream(64)
	roundIDs := map[int]int32{}
	table := newCellTable(64)
	cellOf := make([]int32, len(ratings))
	rd, lastRound := int32(-1), 0
	for i := range ratings {
		r := &ratings[i]
		if rd < 0 || r.Round != lastRound {
			id, ok := roundIDs[r.Round]
			if !ok {
				id = int32(len(s.rounds))
				roundIDs[r.Round] = id
				s.rounds = append(s.rounds, r.Round)
			}
			rd, lastRound = id, r.Round
		}
		k := cellKey{round: rd, crit: crits.next(r.Criterion), elem: elems.next(r.Element)}
		id := table.id(k, int32(len(s.cells)))
		if int(id) == len(s.cells) {
			s.cells = append(s.cells, k)
		}
		cellOf[i] = id
	}
	s.elems, s.crits = elems.in, crits.in
	// Output order of the segments.
	order := make([]int32, len(s.cells))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		ka, kb := s.cells[a], s.cells[b]
		return cmp.Or(cmp.Compare(ka.elem, kb.elem), cmp.Compare(ka.crit, kb.crit),
			cmp.Compare(s.rounds[ka.round], s.rounds[kb.round]))
	})
	pos := make([]int32, len(s.cells))
	sorted := make([]cellKey, len(s.cells))
	for p, id := range order {
		pos[id], sorted[p] = int32(p), s.cells[id]
	}
	s.cells = sorted
	// Counting sort by segment, keeping the order of the ratings.
	s.start = make([]int32, len(s.cells)+1)
	for i, id := range cellOf {
		cellOf[i] = pos[id]
		s.start[pos[id]+1]++
	}
	for p := range s.cells {
		s.start[p+1] += s.start[p]
	}
	next := slices.Clone(s.start[:len(s.cells)])
	s.entR, s.entV = make([]int32, len(ratings)), make([]int, len(ratings))
	for i := range ratings {
		r := &ratings[i]
		q := next[cellOf[i]]
		next[cellOf[i]]++
		rt := raters.next(r.Rater)
		if r.Abstain {
			rt = ^rt
		}
		s.entR[q], s.entV[q] = rt, r.Value
	}
	s.numRaters = len(raters.in.names)
	s.stamp, s.val = make([]int32, s.numRaters), make([]int, s.numRaters)
	s.local = make([]int32, s.numRaters)
	// One entry per rater and segment: the last one wins, in the place of
	// the first.
	s.end = make([]int32, len(s.cells))
	for p := range s.cells {
		s.tok++
		k := s.start[p]
		for q := s.start[p]; q < s.start[p+1]; q++ {
			id, _ := unabstain(s.entR[q])
			if s.stamp[id] == s.tok {
				w := s.val[id]
				s.entR[w], s.entV[w] = s.entR[q], s.entV[q]
				continue
			}
			s.stamp[id], s.val[id] = s.tok, int(k)
			s.entR[k], s.entV[k] = s.entR[q], s.entV[q]
			k++
		}
		s.end[p] = k
	}
}

// sameCell reports whether segments p and q are of the same element x
// criterion.
func (s *stabilizer) sameCell(p, q int) bool {
	return s.cells[p].elem == s.cells[q].elem && s.cells[p].crit == s.cells[q].crit
}

// elementRows appends a row per pair of consecutive segments of one
// element x criterion.
func (s *stabilizer) elementRows(res *StabilityResult) {
	for p := 0; p+1 < len(s.cells); p++ {
		if !s.sameCell(p, p+1) {
			continue
		}
		a, b := s.cells[p], s.cells[p+1]
		row := ElementStability{
			ElementID: s.elems.names[a.elem],
			Criterion: s.crits.names[a.crit],
			FromRound: s.rounds[a.round],
			ToRound:   s.rounds[b.round],
		}
		s.pair(p, p+1)
		s.fill(&row)
		res.Elements = append(res.Elements, row)
	}
}

// pair collects into s.from and s.to the values of the raters with a value
// in both segment p and segment q, in the order of q.
func (s *stabilizer) pair(p, q int) {
	s.tok++
	for e := s.start[p]; e < s.end[p]; e++ {
		if r := s.entR[e]; r >= 0 {
			s.stamp[r], s.val[r] = s.tok, s.entV[e]
		}
	}
	s.from, s.to = s.from[:0], s.to[:0]
	for e := s.start[q]; e < s.end[q]; e++ {
		if r := s.entR[e]; r >= 0 && s.stamp[r] == s.tok {
			s.from = append(s.from, float64(s.val[r]))
			s.to = append(s.to, float64(s.entV[e]))
		}
	}
}

// fill computes the statistics of row from the pairs in s.from and s.to.
func (s *stabilizer) fill(row *ElementStability) {
	n := len(s.to)
	row.NPaired = n
	if n == 0 {
		return
	}
	s.diff = s.diff[:0]
	unchanged, sumAbs := 0, 0.0
	for i, t := range s.to {
		switch d := t - s.from[i]; {
		case d == 0:
			unchanged++
		case d > 0:
			sumAbs += d
			s.diff = append(s.diff, d)
		default:
			sumAbs -= d
			s.diff = append(s.diff, d)
		}
	}
	fn := float64(n)
	row.Unchanged = ptr(float64(unchanged) / fn)
	row.MeanAbsChange = ptr(sumAbs / fn)
	w, ok := s.ranker.test(s.diff, unchanged > 0)
	row.WilcoxonV = ptr(w.V)
	if ok {
		row.WilcoxonP = ptr(w.P)
	}
	row.CVFrom, row.CVTo = cv(s.from), cv(s.to)
}

// cv is the sample standard deviation over the mean of x, nil when x has
// fewer than two values or a zero mean.
func cv(x []float64) *float64 {
	if len(x) < 2 {
		return nil
	}
	mean := stat.Mean(x, nil)
	if mean == 0 {
		return nil
	}
	return ptr(stat.StdDev(x, nil) / mean)
}

func ptr[T any](v T) *T { return &v }
