package export_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// clock is a fixed clock that ticks one second per call once started, so
// every timestamp of a fixture is the same on every run; before start (while
// Open migrates) it stands still, so a new migration changes no golden.
type clock struct {
	t       time.Time
	started bool
}

func (c *clock) now() time.Time {
	if c.started {
		c.t = c.t.Add(time.Second)
	}
	return c.t
}

func defaultPack(tb testing.TB) *content.Pack {
	tb.Helper()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// people is who takes part in a fixture.
type people struct {
	title string
	names [4]string
	orgs  [4]string
	note  string
	quip  string // a comment
}

var plain = people{
	title: "Pilot workshop",
	names: [4]string{"Ana", "Ben", "Chi", "Dev"},
	orgs:  [4]string{"Vendor GmbH", "", "Pumps Ltd", "Plant"},
	note:  "The group wants **one** glossary.\n- Ana: start with the supply chain\n- Ben: keep it short",
	quip:  "Needs buy-in from legal.",
}

// hostile puts markup, quotes and a spreadsheet formula everywhere a user
// types text.
var hostile = people{
	title: `<script>alert(1)</script> "Pilot" | 'x'`,
	names: [4]string{`<script>alert(1)</script>`, `Ben "the quote" O'Brien`, `=cmd|' /C calc'!A0`, "-2+3"},
	orgs:  [4]string{`<b>Vendor</b>`, `"Q" & Co`, `@SUM(A1)`, "\tTab Ltd"},
	note:  "<script>alert('note')</script>\n| not | a table |\n<img src=x onerror=alert(1)>",
	quip:  "=cmd|' /C calc'!A0\nsecond line <i>x</i> | pipe",
}

// fixture stores a session of four participants rating the default pack's
// seven elements on impact and effort (one abstention, a comment-only
// cell, a second round on one element) plus two notes, with a fixed clock.
func fixture(tb testing.TB, who people) (*session.Engine, *content.Pack, session.Session) {
	tb.Helper()
	ctx := context.Background()
	p := defaultPack(tb)
	clk := &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	st, err := session.OpenEngine(ctx, filepath.Join(tb.TempDir(), "t.db"), session.Options{Now: clk.now}, session.EngineOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	clk.started = true
	tb.Cleanup(func() { st.Close() })
	roles := []string{"supplier", "user", "partner", "user"}
	in := session.NewSession{Title: who.title, Facilitator: "Dana", Organisation: "Acme", Date: "2026-11-25"}
	for i, name := range who.names {
		in.Participants = append(in.Participants, session.Participant{Name: name, Role: roles[i], Organisation: who.orgs[i]})
	}
	sess, err := st.CreateSession(ctx, session.Facilitator(), p, in)
	if err != nil {
		tb.Fatal(err)
	}
	rate := func(pi int, el, crit string, round int, v int, comment string) {
		tb.Helper()
		k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[pi].ID, ElementID: el, CriterionID: crit, Round: round}
		in := session.RatingInput{RatingKey: k}
		if v == 0 {
			in.Abstain = true
		} else {
			in.Value = &v
		}
		if comment != "" {
			in.Comment = &comment
		}
		if err := st.RecordRating(ctx, session.Facilitator(), in); err != nil {
			tb.Fatal(err)
		}
	}
	for ei, e := range p.Elements {
		for pi := range who.names {
			impact := 1 + (ei*3+pi)%5
			effort := 1 + (ei*2+pi*pi)%5
			if ei == 2 && pi == 1 {
				impact = 0 // Ben abstains
			}
			comment := ""
			if (ei+pi)%5 == 0 {
				comment = who.quip
			}
			rate(pi, e.ID, "impact", 1, impact, comment)
			rate(pi, e.ID, "effort", 1, effort, "")
		}
	}
	if err := st.OpenRound(ctx, session.Facilitator(), sess.ID, 2, []string{p.Elements[0].ID}); err != nil {
		tb.Fatal(err)
	}
	for pi := range 3 { // a second round on the first element
		rate(pi, p.Elements[0].ID, "impact", 2, 4+pi%2, "")
	}
	k := session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[3].ID, ElementID: p.Elements[0].ID, CriterionID: "impact", Round: 2}
	if err := st.CommentRating(ctx, session.Facilitator(), k, "comment only: "+who.quip); err != nil {
		tb.Fatal(err)
	}
	if err := st.SaveNote(ctx, session.Facilitator(), sess.ID, "intro", who.note); err != nil {
		tb.Fatal(err)
	}
	if err := st.SaveNote(ctx, session.Facilitator(), sess.ID, "element:"+p.Elements[0].ID, "Explain first, then "+who.quip); err != nil {
		tb.Fatal(err)
	}
	if sess, err = st.Session(ctx, sess.ID); err != nil {
		tb.Fatal(err)
	}
	return st, p, sess
}

// render exports the fixture's session in a format.
func render(tb testing.TB, st *session.Engine, p *content.Pack, id, format string) string {
	tb.Helper()
	f, ok := export.Lookup(format)
	if !ok {
		tb.Fatalf("no format %s", format)
	}
	sum, err := export.Load(context.Background(), st, id, f.Needs)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, sum); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// TestGolden snapshots every format on a fixed session; refresh with
// go test ./export -update. The random session id is replaced by
// SESSIONID.
func TestGolden(t *testing.T) {
	st, p, sess := fixture(t, plain)
	for _, format := range export.FormatNames() {
		t.Run(format, func(t *testing.T) {
			got := stable(render(t, st, p, sess.ID, format), sess)
			path := filepath.Join("testdata", "session."+format+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; run go test ./export -update and review the diff\n%s", format, path, firstDiff(got, string(want)))
			}
		})
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

// stable replaces what is random in an export (the session id, the
// participants' UUIDs, the history's hashes, which cover both) with
// names, so that goldens can compare it.
func stable(out string, sess session.Session) string {
	out = strings.ReplaceAll(out, sess.ID, "SESSIONID")
	for i, pt := range sess.Participants {
		out = strings.ReplaceAll(out, pt.UUID, "PARTICIPANT-"+strconv.Itoa(i+1))
	}
	return chainHash.ReplaceAllString(out, "${1}HASH")
}

// chainHash is a history hash: 64 hex digits not part of a longer word
// (a content hash follows "sha256:", which stays).
var chainHash = regexp.MustCompile(`(^|[^:0-9a-f])[0-9a-f]{64}\b`)
