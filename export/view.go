package export

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// view is what the md and html summaries show, worked out once from a
// Summary: the writers only lay it out.
type view struct {
	Sum Summary
	// latest ranks each element in its latest round, once per criterion,
	// instead of once per criterion and round (the summary step).
	latest      bool
	Roles       []roleView
	Notes       []noteView
	Rounds      []int // rounds with ratings
	Elements    []elementView
	Criteria    []criterionView
	Rankings    []rankingView
	Matrix      *matrixView
	Consensus   []consensusView
	Corrections []correctionView
}

// correctionView is one change of a closed or revealed round.
type correctionView struct {
	At                                time.Time
	Who, Element, Criterion, From, To string
	Round                             int
	Reason, By                        string
}

type roleView struct {
	ID, Title string
	People    []session.Participant
}

type noteView struct {
	Key, Title, Body string
}

type elementView struct {
	Num      int // 1-based position in the pack
	ID       string
	Title    string
	Cells    []cellView
	Comments []commentView
}

// Rated reports whether anyone rated or abstained on the element.
func (e elementView) Rated() bool {
	for _, c := range e.Cells {
		if c.N > 0 || c.Abstain > 0 {
			return true
		}
	}
	return false
}

type cellView struct {
	Criterion content.Criterion
	stats.ElementStats
	Points []pointView // every scale point in order
	Chart  barChart    // html only
}

type pointView struct {
	Value, Count int
	Label        string
}

type commentView struct {
	Who, Criterion string
	Round          int
	Text           string
}

type criterionView struct {
	Criterion content.Criterion
	stats.CriterionStats
	Values int // rating values given on the criterion in the round
}

// Label is "Effort, round 2".
func (c criterionView) Label() string { return c.Criterion.Label + ", round " + strconv.Itoa(c.Round) }

type rankingView struct {
	Criterion content.Criterion
	Round     int
	Rows      []rankRow    // rated elements, best first
	Unrated   []elementRef // elements without a rating value in this round
	Hidden    []elementRef // elements whose ratings the viewer may not see yet
}

type rankRow struct {
	Position  int
	Element   elementRef
	Median    *float64
	Mean      *float64
	Consensus *bool
}

type elementRef struct {
	Num   int
	ID    string
	Title string
}

// matrixView places every element by its median on two criteria (impact
// and effort when the pack has them), each from the element's latest round
// with ratings.
type matrixView struct {
	X, Y   content.Criterion
	Latest bool // several rounds: each element's latest ratings count
	Points []matrixPoint
	Absent []elementRef // elements without a median on both
	Hidden []elementRef // elements with no round the viewer may see
	// Earlier are placed by an earlier round: their latest is not
	// revealed to the viewer yet.
	Earlier []elementRef
}

type matrixPoint struct {
	elementRef
	X, Y float64
}

// consensusView sorts the elements by consensus on one criterion, each by
// its latest round with ratings.
type consensusView struct {
	Criterion                    content.Criterion
	Latest                       bool // several rounds
	Reached, NotReached, Unrated []elementRef
	Hidden                       []elementRef // not revealed to the viewer yet
}

// newView works out the view of a summary; it reads the rating rows once
// for the comments.
func newView(sum Summary) (*view, error) {
	v := &view{Sum: sum}
	v.roles()
	v.notes()
	refs := v.elementRefs()
	if err := v.elements(refs); err != nil {
		return nil, err
	}
	v.criteria()
	v.rankings(refs)
	v.matrix(refs)
	v.consensus(refs)
	v.corrections()
	return v, nil
}

func (v *view) roles() {
	p := v.Sum.Pack
	byRole := map[string]int{}
	for _, x := range p.Personas {
		byRole[x.ID] = len(v.Roles)
		v.Roles = append(v.Roles, roleView{ID: x.ID, Title: x.Title})
	}
	for _, pt := range v.Sum.Session.Participants {
		i, ok := byRole[pt.Role]
		if !ok { // a persona removed from the pack since
			byRole[pt.Role] = len(v.Roles)
			i = len(v.Roles)
			v.Roles = append(v.Roles, roleView{ID: pt.Role, Title: pt.Role})
		}
		v.Roles[i].People = append(v.Roles[i].People, pt)
	}
	v.Roles = slices.DeleteFunc(v.Roles, func(r roleView) bool { return len(r.People) == 0 })
}

// notes lists the notes in agenda order, then any of steps no longer on it.
func (v *view) notes() {
	p := v.Sum.Pack
	seen := map[string]bool{}
	for _, s := range p.Agenda {
		k := s.Key()
		if n, ok := v.Sum.Notes[k]; ok && !seen[k] && strings.TrimSpace(n.Body) != "" {
			v.Notes = append(v.Notes, noteView{Key: k, Title: p.StepTitle(s), Body: n.Body})
		}
		seen[k] = true
	}
	var rest []string
	for k, n := range v.Sum.Notes {
		if !seen[k] && strings.TrimSpace(n.Body) != "" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		v.Notes = append(v.Notes, noteView{Key: k, Title: k, Body: v.Sum.Notes[k].Body})
	}
}

func (v *view) elementRefs() map[string]elementRef {
	refs := map[string]elementRef{}
	for i, e := range v.Sum.Pack.Elements {
		refs[e.ID] = elementRef{Num: i + 1, ID: e.ID, Title: e.Title}
	}
	for _, es := range v.Sum.Stats.Elements { // elements no longer in the pack
		if _, ok := refs[es.ElementID]; !ok {
			refs[es.ElementID] = elementRef{Num: len(refs) + 1, ID: es.ElementID, Title: es.ElementID}
		}
	}
	return refs
}

func (v *view) criterion(id string) content.Criterion {
	if c, ok := v.Sum.Pack.Criterion(id); ok {
		return c
	}
	return content.Criterion{ID: id, Label: id}
}

func (v *view) elements(refs map[string]elementRef) error {
	idx := map[string]int{}
	for _, r := range sortedRefs(refs) {
		idx[r.ID] = len(v.Elements)
		v.Elements = append(v.Elements, elementView{Num: r.Num, ID: r.ID, Title: r.Title})
	}
	rounds := map[int]bool{}
	for _, es := range v.Sum.Stats.Elements {
		rounds[es.Round] = true
		if es.N == 0 && es.Abstain == 0 {
			continue // nobody rated it in this round: a row of – says nothing
		}
		c := v.criterion(es.Criterion)
		cv := cellView{Criterion: c, ElementStats: es}
		for p := c.Min; p <= c.Max && c.Max > c.Min; p++ {
			cv.Points = append(cv.Points, pointView{Value: p, Count: es.Counts[p], Label: c.PointLabel(p)})
		}
		e := &v.Elements[idx[es.ElementID]]
		e.Cells = append(e.Cells, cv)
	}
	for r := range rounds {
		v.Rounds = append(v.Rounds, r)
	}
	slices.Sort(v.Rounds)
	names := map[int64]string{}
	for _, pt := range v.Sum.Session.Participants {
		names[pt.ID] = pt.Name
	}
	if v.Sum.Ratings == nil {
		return nil
	}
	return v.Sum.Ratings(func(r session.Rating) error {
		if strings.TrimSpace(r.Comment) == "" || v.Sum.Round > 0 && r.Round != v.Sum.Round {
			return nil
		}
		i, ok := idx[r.ElementID]
		if !ok {
			return nil
		}
		v.Elements[i].Comments = append(v.Elements[i].Comments, commentView{
			Who: names[r.ParticipantID], Criterion: v.criterion(r.CriterionID).Label, Round: r.Round, Text: r.Comment,
		})
		return nil
	})
}

func sortedRefs(refs map[string]elementRef) []elementRef {
	out := make([]elementRef, 0, len(refs))
	for _, r := range refs {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b elementRef) int { return cmp.Compare(a.Num, b.Num) })
	return out
}

func (v *view) criteria() {
	values := map[string]int{}
	for _, es := range v.Sum.Stats.Elements {
		values[es.Criterion+"/"+strconv.Itoa(es.Round)] += es.N
	}
	for _, cs := range v.Sum.Stats.Criteria {
		v.Criteria = append(v.Criteria, criterionView{Criterion: v.criterion(cs.Criterion), CriterionStats: cs,
			Values: values[cs.Criterion+"/"+strconv.Itoa(cs.Round)]})
	}
}

// Agreement is the rows of the agreement table: each criterion in each
// round that holds rating values.
func (v *view) Agreement() []criterionView {
	return slices.DeleteFunc(slices.Clone(v.Criteria), func(c criterionView) bool { return c.Values == 0 })
}

// NotRated lists the criteria and rounds without a rating value ("Effort,
// round 2; Impact, round 2"), which the tables leave out; "" when none.
func (v *view) NotRated() string {
	var out []string
	for _, c := range v.Criteria {
		if c.Values == 0 {
			out = append(out, c.Label())
		}
	}
	return strings.Join(out, "; ")
}
