package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session/ingest"
)

// hostileRows are the bad values of issue 13 (§7), each in one row of an
// otherwise good file, with what the message must say.
var hostileRows = []struct {
	name, row, msg string
}{
	{"round 2^63-1", row("T", "Ana", "supplier", "", "explain", "effort", "9223372036854775807", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `round "9223372036854775807": a whole number from 1 to 99`},
	{"round 100", row("T", "Ana", "supplier", "", "explain", "effort", "100", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "from 1 to 99"},
	{"round -1", row("T", "Ana", "supplier", "", "explain", "effort", "-1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "from 1 to 99"},
	{"rated_at 9999-12-31", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "9999-12-31T23:59:59Z"), "the year must be from 1900 to 2999"},
	{"rated_at T9:00:00Z", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T9:00:00Z"), `rated_at "2026-11-25T9:00:00Z": write a time such as`},
	{"year 0000", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "0000-01-01T00:00:00Z"), "the year must be from 1900"},
	{"year 0001", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "0001-01-01T00:00:00Z"), "the year must be from 1900"},
	{"value 4e0", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4e0", "FALSE", "", "2026-11-25T09:00:00Z"), `value "4e0": a whole number on the effort scale 1..5`},
	{"value +4", row("T", "Ana", "supplier", "", "explain", "effort", "1", "+4", "FALSE", "", "2026-11-25T09:00:00Z"), `value "+4": a whole number`},
	{"value 2^63", row("T", "Ana", "supplier", "", "explain", "effort", "1", "9223372036854775808", "FALSE", "", "2026-11-25T09:00:00Z"), "a whole number"},
	{"invalid UTF-8 in a name", row("T", "Ana\xff", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `participant "Ana\xff" is not valid UTF-8 text: save the file as CSV UTF-8`},
	{"invalid UTF-8 in a comment", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "M\xfcller", "2026-11-25T09:00:00Z"), "comment is not valid UTF-8 text"},
	{"invalid UTF-8 in a title", row("T\xc3", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "session_title is not valid UTF-8"},
	{"NUL in a name", row("T", "A\x00na", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `participant "A\x00na" holds a control character (U+0000)`},
	{"NUL in a comment", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "a\x00b", "2026-11-25T09:00:00Z"), "comment holds a control character (U+0000)"},
	{"ESC in a name", row("T", "Ana\x1b]52;c;aGk=\x07", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `participant "Ana\x1b]52;c;aGk=\a" holds a control character (U+001B)`},
	{"ESC in a comment", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "\x1b[2J", "2026-11-25T09:00:00Z"), "comment holds a control character (U+001B)"},
	{"ESC in the title", row("T\x1b]0;pwned\x07", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "session_title holds a control character"},
	{"ESC in an organisation", row("T", "Ana", "supplier", "\x1b[31mAcme", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `organisation "\x1b[31mAcme" holds a control character`},
	{"ESC in a role", row("T", "Ana", "\x1b[31msupplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `role "\x1b[31msupplier" is not a persona`},
	{"ESC in an element", row("T", "Ana", "supplier", "", "\x1b[31mexplain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), `unknown element_id "\x1b[31mexplain"`},
	{"right-to-left override", row("T", "Ana\u202eevil", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "control character (U+202E)"},
	{"a 101-character name", row("T", strings.Repeat("n", 101), "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "is 101 characters long; at most 100 fit"},
	{"a 2,001-character comment", row("T", "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", strings.Repeat("c", 2001), "2026-11-25T09:00:00Z"), "comment is 2001 characters long; at most 2000 fit"},
	{"a 201-character title", row(strings.Repeat("t", 201), "Ana", "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "session_title is 201 characters long"},
	{"a 5 MB name", row("T", strings.Repeat("N", 5<<20), "supplier", "", "explain", "effort", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"), "the row is longer than 1 MiB"},
}

// TestReadRefusesHostileValues: each bad value is refused with its line
// and a message that is short and holds no control character.
func TestReadRefusesHostileValues(t *testing.T) {
	good := row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z")
	for _, c := range hostileRows {
		t.Run(c.name, func(t *testing.T) {
			bad := readErr(t, csvFile(header, good, c.row), ingest.Options{})
			if len(bad.Rows) != 1 || bad.Rows[0].Line != 3 || !strings.Contains(bad.Rows[0].Msg, c.msg) {
				t.Errorf("got %.300q, want one bad row at line 3: %q", bad.Error(), c.msg)
			}
			checkPrintable(t, bad.Error())
		})
	}
}

// checkPrintable fails if a message could harm a terminal or fill it.
func checkPrintable(t *testing.T, msg string) {
	t.Helper()
	for _, line := range strings.Split(msg, "\n") {
		if why := printable(line); why != "" {
			t.Errorf("%s: %.200q", why, line)
		}
	}
}

func TestSaveRefusesTheSameFileTwice(t *testing.T) {
	ctx := context.Background()
	e, p := newEngine(t), defaultPack(t)
	file := csvFile(header, row("T", "Ana", "supplier", "", "explain", "impact", "1", "4", "FALSE", "", "2026-11-25T09:00:00Z"))
	read := func() *ingest.File {
		f, err := ingest.Read(strings.NewReader(file), p, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		f.Session.Facilitator = "(imported)"
		return f
	}
	first, err := ingest.Save(ctx, e, p, read(), false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Save(ctx, e, p, read(), false)
	var before *ingest.ImportedBefore
	if !errors.As(err, &before) || len(before.Sessions) != 1 || before.Sessions[0].ID != first.ID ||
		!strings.Contains(err.Error(), "this file was imported before, as "+first.ID+` "T" (2026-11-25): nothing imported; give --again`) {
		t.Fatalf("second import: %v", err)
	}
	if list, _ := e.Sessions(ctx); len(list) != 1 {
		t.Errorf("%d sessions after a refused import, want 1", len(list))
	}
	if _, err := ingest.Save(ctx, e, p, read(), true); err != nil {
		t.Fatalf("--again: %v", err)
	}
	if earlier, _ := ingest.Earlier(ctx, e, read()); len(earlier) != 2 {
		t.Errorf("%d sessions from the file after --again, want 2", len(earlier))
	}
}
