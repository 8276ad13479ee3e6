package session

import (
	"testing"
	"time"
)

func TestParseStampMatchesTimeParse(t *testing.T) {
	cases := []time.Time{
		time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 25, 23, 59, 59, 999999999, time.UTC),
		time.Date(1999, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2024, 2, 29, 12, 30, 5, 123456789, time.FixedZone("CET", 3600)),
	}
	for _, c := range cases {
		s := formatTime(c)
		t.Run(s, func(t *testing.T) {
			got, ok := parseStamp(s)
			if !ok || !got.Equal(c) || got.Location() != time.UTC {
				t.Errorf("parseStamp(%q) = %v, %v; want %v", s, got, ok, c.UTC())
			}
			if !parseTime(s).Equal(c) {
				t.Errorf("parseTime(%q) = %v", s, parseTime(s))
			}
		})
	}
	for _, s := range []string{"", "2026-11-25T09:00:00Z", "2026-11-25T09:00:00.5Z", "2026-13-25T09:00:00.000000000Z",
		"2026-11-25 09:00:00.000000000Z", "2026-11-25T09:00:00.00000000xZ"} {
		if _, ok := parseStamp(s); ok {
			t.Errorf("parseStamp(%q) accepted it", s)
		}
	}
	if got := parseTime("2026-11-25T09:00:00.5Z"); !got.Equal(time.Date(2026, 11, 25, 9, 0, 0, 5e8, time.UTC)) {
		t.Errorf("parseTime falls back wrongly: %v", got)
	}
}

// parseStamp takes every real day, the 31st of a long month included, and
// refuses a day the month does not have (which time.Date would roll over
// into the next month, so that a history row's time would be hashed as
// another day).
func TestParseStampDays(t *testing.T) {
	for _, s := range []string{"2026-12-31", "2026-01-31", "2026-03-31", "2024-02-29", "2026-02-28", "2000-02-29"} {
		got, ok := parseStamp(s + "T09:00:00.000000000Z")
		if want, _ := time.Parse("2006-01-02", s); !ok || !got.Equal(want.Add(9*time.Hour)) {
			t.Errorf("parseStamp(%s) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"2026-02-29", "2026-02-30", "2026-02-31", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
		"1900-02-29", "2026-11-00", "2026-00-10", "2026-11-32"} {
		stamp := s + "T09:00:00.000000000Z"
		if got, ok := parseStamp(stamp); ok {
			t.Errorf("parseStamp(%s) accepted it as %v", stamp, got)
		}
		if got := parseTime(stamp); !got.IsZero() {
			t.Errorf("parseTime(%s) = %v, want the zero time", stamp, got)
		}
	}
}

// An actor reads back as it was stored, whatever the text: the chain
// hashes what is stored.
func TestParseActorKeepsTheText(t *testing.T) {
	for _, s := range []string{"", "cli", "facilitator", "import", "participant:0b5e-uuid", "participant:", "participant",
		"cli:evil", "facilitator:x:y", "tui"} {
		if got := ParseActor(s).String(); got != s {
			t.Errorf("ParseActor(%q).String() = %q", s, got)
		}
	}
	if ParseActor("cli") != CommandLine() || ParseActor("participant:u") != ParticipantActor("u") {
		t.Error("the actors trustshop writes do not read back as themselves")
	}
	c := Change{SessionID: "s", Entity: "rating", Key: "k", Field: "value", Actor: ParseActor("cli")}
	odd := c
	odd.Actor = ParseActor("cli:evil")
	if ChainHash("", c) == ChainHash("", odd) {
		t.Error("an actor with a suffix hashes as the actor without")
	}
}
