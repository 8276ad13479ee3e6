package session

import (
	"math/rand/v2"
	"testing"
	"time"
)

// appendChainTime writes what AppendFormat writes, for every year.
func TestAppendChainTime(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	times := []time.Time{
		time.Date(2026, 11, 25, 9, 0, 10, 0, time.UTC),
		time.Date(2026, 11, 25, 9, 0, 10, 1, time.UTC),
		time.Date(2026, 11, 25, 9, 0, 10, 100_000_000, time.UTC),
		time.Date(2026, 11, 25, 9, 0, 10, 999_999_999, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 59, 120_000, time.UTC),
		time.Date(2027, 1, 1, 0, 30, 0, 5, berlin), // the day before in UTC
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 6, 1, 12, 0, 0, 40, time.UTC),
		time.Date(2024, 2, 29, 1, 2, 3, 4_000_000, time.UTC),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		times = append(times, time.Unix(r.Int64N(400_000_000_000)-200_000_000_000, r.Int64N(1_000_000_000)))
	}
	for _, at := range times {
		want := at.UTC().Format(time.RFC3339Nano)
		if got := string(appendChainTime([]byte("x"), at)); got != "x"+want {
			t.Errorf("%v: %q, want %q", at, got, "x"+want)
		}
	}
}
