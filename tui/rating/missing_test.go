package rating

import (
	"slices"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// The check is the engine's (session.MissingRatings); these are the lines
// the screens write from it.
func TestMissingRatings(t *testing.T) {
	p := &content.Pack{
		Elements: []content.Element{{ID: "e1", Title: "One"}, {ID: "e2", Title: "Two"}},
		Criteria: []content.Criterion{{ID: "impact", Label: "Impact"}, {ID: "effort", Label: "Effort"}},
	}
	ana := session.Participant{ID: 1, Name: "Ana", Role: "supplier"}
	ben := session.Participant{ID: 2, Name: "Ben", Role: "user"}
	v := 3
	val := func(pid int64, el, cr string, round int) session.Rating {
		return session.Rating{ParticipantID: pid, ElementID: el, CriterionID: cr, Round: round, Value: &v}
	}
	all := func(pid int64, round int) []session.Rating {
		return []session.Rating{val(pid, "e1", "impact", round), val(pid, "e1", "effort", round), val(pid, "e2", "impact", round), val(pid, "e2", "effort", round)}
	}
	// at2 has e1 in round 2 (a partial Delphi round), e2 still in round 1
	at2 := session.Rounds{"e1": {{ElementID: "e1", Round: 1}, {ElementID: "e1", Round: 2}}}
	cases := []struct {
		name     string
		ratings  []session.Rating
		round    int
		rounds   session.Rounds
		elements []string
		want     []string
	}{
		{name: "nothing rated", want: []string{
			"Ana (supplier) → nothing rated yet (4 cells)",
			"Ben (user) → nothing rated yet (4 cells)"}},
		{name: "an element with nothing rated is named alone", ratings: append(all(2, 1), val(1, "e1", "impact", 1)),
			want: []string{"Ana (supplier) → One (Effort); Two"}},
		{name: "all rated", ratings: append(all(1, 1), all(2, 1)...)},
		{name: "an abstention counts as rated", ratings: append(all(1, 1),
			session.Rating{ParticipantID: 2, ElementID: "e1", CriterionID: "impact", Round: 1, Abstain: true},
			val(2, "e1", "effort", 1), val(2, "e2", "impact", 1)),
			want: []string{"Ben (user) → Two (Effort)"}},
		{name: "a comment alone does not count", ratings: append(all(1, 1),
			session.Rating{ParticipantID: 2, ElementID: "e1", CriterionID: "impact", Round: 1, Comment: "hm"}),
			want: []string{"Ben (user) → nothing rated yet (4 cells)"}},
		{name: "other rounds do not count", rounds: at2, ratings: all(1, 1), elements: []string{"e1"},
			want: []string{"Ana (supplier) → nothing rated yet (2 cells)", "Ben (user) → nothing rated yet (2 cells)"}},
		{name: "each element in its own round", rounds: at2, ratings: append(all(1, 1), all(2, 1)...),
			want: []string{"Ana (supplier) → One", "Ben (user) → One"}},
		{name: "one element only", ratings: []session.Rating{val(1, "e2", "impact", 1)}, elements: []string{"e2"},
			want: []string{"Ana (supplier) → Two (Effort)", "Ben (user) → nothing rated yet (2 cells)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := MissingLines(session.MissingRatings(p, []session.Participant{ana, ben}, tc.ratings, tc.rounds, tc.elements), false, 0)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestMissingLinesCutsLongLists(t *testing.T) {
	p := &content.Pack{Elements: []content.Element{{ID: "e1", Title: "One"}}, Criteria: []content.Criterion{{ID: "c", Label: "C"}}}
	var parts []session.Participant
	for i := range 10 {
		parts = append(parts, session.Participant{ID: int64(i + 1), Name: string(rune('A' + i))})
	}
	got := MissingLines(session.MissingRatings(p, parts, nil, nil, nil), true, 4)
	want := []string{"A → C", "B → C", "C → C", "… and 7 more participants (7 cells open)"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if strings.Contains(strings.Join(got, ""), "One") {
		t.Error("one-element lines name the element")
	}
}
