package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestParseValue(t *testing.T) {
	cases := []struct {
		in        string
		v         int
		comma, ok bool
	}{
		{"4", 4, false, true},
		{"0", 0, false, true},
		{"-1", -1, false, true},
		{"10", 10, false, true},
		{"4.0", 4, false, true},
		{"4.00", 4, false, true},
		{"5,0", 5, true, true},
		{"007", 7, false, true},
		{"4.5", 0, false, false},
		{"4,5", 0, false, false},
		{"4.", 0, false, false},
		{".0", 0, false, false},
		{"+4", 0, false, false},
		{"4e0", 0, false, false},
		{"0x4", 0, false, false},
		{"4 ", 0, false, false},
		{"--4", 0, false, false},
		{"-", 0, false, false},
		{"9223372036854775807", 0, false, false},
		{"NaN", 0, false, false},
		{"Inf", 0, false, false},
		{"٤", 0, false, false}, // an Arabic-Indic four
		{"", 0, false, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			v, comma, ok := parseValue(c.in)
			if v != c.v || comma != c.comma || ok != c.ok {
				t.Errorf("parseValue(%q) = %d, %v, %v; want %d, %v, %v", c.in, v, comma, ok, c.v, c.comma, c.ok)
			}
		})
	}
}

func TestParseRound(t *testing.T) {
	for in, want := range map[string]int{"1": 1, "2": 2, "99": 99, "01": 1} {
		if got, msg := parseRound(in); got != want || msg != "" {
			t.Errorf("parseRound(%q) = %d, %q", in, got, msg)
		}
	}
	for _, in := range []string{"0", "100", "-1", "+1", "1.0", "9223372036854775807", "18446744073709551617", "", "one"} {
		if _, msg := parseRound(in); !strings.Contains(msg, "a whole number from 1 to 99") {
			t.Errorf("parseRound(%q) accepted (%q)", in, msg)
		}
	}
}

func TestParseStamp(t *testing.T) {
	utc := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	good := []struct {
		in       string
		at       time.Time
		dateOnly bool
	}{
		{"2026-11-25T09:30:00Z", utc("2026-11-25T09:30:00Z"), false},
		{"2026-11-25T09:30:00.5Z", utc("2026-11-25T09:30:00.5Z"), false},
		{"2026-11-25T09:30:00.123456789Z", utc("2026-11-25T09:30:00.123456789Z"), false},
		{"2026-11-25T10:30:00+01:00", utc("2026-11-25T09:30:00Z"), false},
		{"2026-11-25T04:30:00-05:00", utc("2026-11-25T09:30:00Z"), false},
		{"2026-11-25 09:30:00Z", utc("2026-11-25T09:30:00Z"), false},
		{"2026-11-25T09:30Z", utc("2026-11-25T09:30:00Z"), false},
		{"2026-11-25", utc("2026-11-25T00:00:00Z"), true},
		{"1900-01-01T00:00:00Z", utc("1900-01-01T00:00:00Z"), false},
		{"2999-12-31T23:59:59Z", utc("2999-12-31T23:59:59Z"), false},
		{"2026-12-31T10:00:00Z", utc("2026-12-31T10:00:00Z"), false},
		{"2026-01-31", utc("2026-01-31T00:00:00Z"), true},
		{"2024-02-29T08:00:00Z", utc("2024-02-29T08:00:00Z"), false},
	}
	for _, c := range good {
		t.Run(c.in, func(t *testing.T) {
			st, msg := parseStamp(c.in)
			if msg != "" || !st.at.Equal(c.at) || st.dateOnly != c.dateOnly {
				t.Errorf("parseStamp(%q) = %v %v %q, want %v %v", c.in, st.at, st.dateOnly, msg, c.at, c.dateOnly)
			}
		})
	}
	bad := map[string]string{
		"2026-11-25T9:00:00Z":             "write a time such as",
		"2026-11-25T09:00:00":             "no time zone",
		"2026-11-25T09:00:00+1:00":        "write a time such as",
		"2026-11-25T09:00:00+15:00":       "at most ±14:00",
		"2026-11-25T09:00:00+01:60":       "at most ±14:00",
		"2026-11-25T09:00:00.Z":           "1 to 9 digits",
		"2026-11-25T09:00:00.1234567891Z": "1 to 9 digits",
		"2026-11-25T24:00:00Z":            "no such day or time",
		"2026-11-25T09:00:60Z":            "no such day or time",
		"2026-02-31":                      "no such day",
		"2026-02-31T09:00:00Z":            "no such day or time",
		"2026-04-31T09:00:00Z":            "no such day or time",
		"2026-02-29":                      "no such day",
		"9999-12-31T00:00:00Z":            "the year must be from 1900 to 2999",
		"9999-12-31":                      "the year must be from 1900 to 2999",
		"0000-01-01T00:00:00Z":            "the year must be from 1900 to 2999",
		"0001-01-01T00:00:00Z":            "the year must be from 1900 to 2999",
		"25.11.2026":                      "write a time such as",
		"11/25/2026 09:00":                "write a time such as",
		"2026-11-25t09:00:00z":            "write a time such as",
		"yesterday":                       "write a time such as",
		"2026-11-25T09:00:00Z trailing":   "write a time such as",
		"２０２６-11-25":                      "write a time such as",
	}
	for in, want := range bad {
		t.Run(in, func(t *testing.T) {
			if _, msg := parseStamp(in); !strings.Contains(msg, want) {
				t.Errorf("parseStamp(%q) = %q, want %q", in, msg, want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2026-11-25T09:00:00+01:00")
	if err != nil || d.Format(time.RFC3339) != "2026-11-25T09:00:00+01:00" {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	if d, err := ParseDate("2026-11-25"); err != nil || !d.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a date alone = %v, %v; want midnight UTC", d, err)
	}
	if _, err := ParseDate("9999-12-31"); err == nil || !strings.HasPrefix(err.Error(), `--date "9999-12-31": the year`) {
		t.Errorf("ParseDate(9999-12-31): %v", err)
	}
	at := onDay(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), d)
	if at.Format(time.RFC3339) != "2026-03-02T09:00:00+01:00" {
		t.Errorf("onDay = %v", at)
	}
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		"Ana":                      `"Ana"`,
		"Zoë 李":                    `"Zoë 李"`,
		"\x1b]52;c;aGk=\x07":       `"\x1b]52;c;aGk=\a"`,
		"a\x00b":                   `"a\x00b"`,
		"\xff\xfe":                 `"\xff\xfe"`,
		"\u202eevil":               `"\u202eevil"`,
		strings.Repeat("x", 5<<20): `"` + strings.Repeat("x", 40) + `"…`,
	}
	for in, want := range cases {
		if got := quote(in); got != want {
			t.Errorf("quote(%.20q) = %s, want %s", in, got, want)
		}
	}
}
