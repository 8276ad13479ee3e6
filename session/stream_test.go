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
