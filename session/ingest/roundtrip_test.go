package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/ingest"
)

// TestRoundTrip exports a session, imports the csv and exports the new
// session: the two files are equal but for session_id, also with CRLF and
// formulas in comments, quotes and markup in names.
func TestRoundTrip(t *testing.T) {
	cases := map[string]struct {
		title       string
		names, orgs []string
		comments    []string
	}{
		"plain": {"Pilot workshop", []string{"Ana", "Ben", "Chi"}, []string{"Vendor GmbH", ""}, []string{"", "Needs buy-in from legal."}},
		"hostile": {`<script>alert(1)</script> "Pilot" | 'x'`,
			[]string{`<script>alert(1)</script>`, `Ben "the quote" O'Brien`, `=cmd|' /C calc'!A0`, "-2+3", "'=quoted", "Zoë 李 😀"},
			[]string{`<b>Vendor</b>`, `"Q" & Co`, `@SUM(A1)`, "\tTab Ltd", ""},
			[]string{"", "=cmd|' /C calc'!A0\nsecond line", "line one\r\nline two\r\n", "\r\nstarts with CRLF", "ends with CR\r", "  spaces kept  ", `"quoted"`, "a;b,c\td"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e, p := newEngine(t), defaultPack(t)
			sess := seeded(t, e, p, c.title, c.names, c.orgs, c.comments)
			first := exportCSV(t, e, sess.ID)
			f, err := ingest.Read(strings.NewReader(first), p, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Session.Title != c.title {
				t.Errorf("title %q, want %q", f.Session.Title, c.title)
			}
			f.Session.Facilitator = "(imported)"
			again, err := ingest.Save(ctx, e, p, f, false)
			if err != nil {
				t.Fatal(err)
			}
			if again.Status != session.StatusFinished {
				t.Errorf("an imported session is %s, want finished", again.Status)
			}
			second := exportCSV(t, e, again.ID)
			if strings.ReplaceAll(first, sess.ID, "ID") != strings.ReplaceAll(second, again.ID, "ID") {
				t.Errorf("export, import, export changed the csv:\n%q\n---\n%q", first, second)
			}
			if !strings.Contains(first, "\r\n") && name == "hostile" {
				t.Error("the fixture has no CRLF in a comment")
			}
		})
	}
}
