package session

import (
	"testing"
	"time"
)

func TestSee(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	blind := ElementRound{ElementID: "explain", Round: 1}
	closed := ElementRound{ElementID: "explain", Round: 1, ClosedAt: at}
	room := ElementRound{ElementID: "explain", Round: 1, ClosedAt: at, RevealedRoomAt: at}
	devices := ElementRound{ElementID: "explain", Round: 1, ClosedAt: at, RevealedDevicesAt: at}
	both := ElementRound{ElementID: "explain", Round: 1, ClosedAt: at, RevealedRoomAt: at, RevealedDevicesAt: at}
	ana := Viewer{Kind: ViewParticipant, Participant: "ana-uuid"}
	all := Sight{Values: true, Own: true, Progress: true}
	cases := []struct {
		viewer Viewer
		status Status
		round  ElementRound
		want   Sight
	}{
		{Viewer{Kind: ViewFacilitator}, StatusRunning, blind, Sight{Progress: true}},
		{Viewer{Kind: ViewFacilitator}, StatusRunning, closed, Sight{Progress: true}},
		{Viewer{Kind: ViewFacilitator}, StatusRunning, devices, Sight{Progress: true}},
		{Viewer{Kind: ViewFacilitator}, StatusRunning, room, Sight{Values: true, Progress: true}},
		{Viewer{Kind: ViewFacilitator}, StatusFinished, blind, Sight{Values: true, Progress: true}},
		{Viewer{Kind: ViewRoom}, StatusRunning, blind, Sight{}},
		{Viewer{Kind: ViewRoom}, StatusRunning, devices, Sight{}},
		{Viewer{Kind: ViewRoom}, StatusRunning, room, Sight{Values: true}},
		{Viewer{Kind: ViewRoom}, StatusPlanned, blind, Sight{}},
		{Viewer{Kind: ViewRoom}, StatusFinished, blind, Sight{Values: true}},
		{ana, StatusRunning, blind, Sight{Own: true}},
		{ana, StatusRunning, room, Sight{Own: true}},
		{ana, StatusRunning, devices, Sight{Values: true, Own: true}},
		{ana, StatusFinished, closed, Sight{Values: true, Own: true}},
		{Viewer{Kind: ViewParticipant}, StatusRunning, both, Sight{Values: true}},
		{Viewer{Kind: ViewResearcher}, StatusRunning, blind, all},
		{Viewer{Kind: ViewResearcher}, StatusPlanned, blind, all},
		{Viewer{Kind: ViewReview}, StatusRunning, blind, Sight{Progress: true}},
		{Viewer{Kind: ViewReview}, StatusRunning, room, Sight{Values: true, Progress: true}},
		{Viewer{Kind: ViewReview}, StatusFinished, blind, all},
		{Viewer{Kind: "stranger"}, StatusFinished, both, Sight{}},
	}
	for _, tc := range cases {
		if got := See(tc.viewer, tc.status, tc.round); got != tc.want {
			t.Errorf("See(%v, %s, open=%v room=%v devices=%v) = %+v, want %+v", tc.viewer, tc.status,
				tc.round.Open(), tc.round.RevealedToRoom(), tc.round.RevealedToDevices(), got, tc.want)
		}
	}
}

func TestMask(t *testing.T) {
	four := 4
	value := Rating{ParticipantID: 1, Value: &four, Comment: "why"}
	abstain := Rating{ParticipantID: 1, Abstain: true, Comment: "not my field"}
	comment := Rating{ParticipantID: 1, Comment: "only a comment"}
	ana := Viewer{Kind: ViewParticipant, Participant: "ana"}
	cases := []struct {
		name   string
		sight  Sight
		viewer Viewer
		row    Rating
		uuid   string
		shown  bool
		value  bool // the value and comment come through
	}{
		{"progress hides the value", Sight{Progress: true}, Viewer{Kind: ViewFacilitator}, value, "ana", true, false},
		{"progress shows an abstention as such", Sight{Progress: true}, Viewer{Kind: ViewFacilitator}, abstain, "ana", true, false},
		{"progress marks a comment alone, without its text", Sight{Progress: true}, Viewer{Kind: ViewFacilitator}, comment, "ana", true, false},
		{"the room sees no comment alone", Sight{}, Viewer{Kind: ViewRoom}, comment, "ana", false, false},
		{"the room sees nothing before the reveal", Sight{}, Viewer{Kind: ViewRoom}, value, "ana", false, false},
		{"values", Sight{Values: true}, Viewer{Kind: ViewRoom}, value, "ana", true, true},
		{"own value", Sight{Own: true}, ana, value, "ana", true, true},
		{"another's value", Sight{Own: true}, ana, value, "ben", false, false},
	}
	for _, tc := range cases {
		c, ok := tc.sight.mask(tc.viewer, tc.row, tc.uuid)
		if ok != tc.shown {
			t.Errorf("%s: shown = %v", tc.name, ok)
			continue
		}
		if !ok {
			continue
		}
		if got := c.Value != nil || c.Comment != ""; got != tc.value || c.Hidden == (tc.value || !tc.row.Given()) {
			t.Errorf("%s: value shown %v (hidden %v), want %v", tc.name, got, c.Hidden, tc.value)
		}
		if c.Given != tc.row.Given() || c.Abstain != tc.row.Abstain || c.HasComment != (tc.row.Comment != "") {
			t.Errorf("%s: given %v abstain %v", tc.name, c.Given, c.Abstain)
		}
	}
}
