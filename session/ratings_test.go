package session_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

func ptr[T any](v T) *T { return &v }

func TestRecordRating(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess := newSession(t, s, p)
	ana := sess.Participants[0]
	key := session.RatingKey{SessionID: sess.ID, ParticipantID: ana.ID, ElementID: "explain", CriterionID: "impact", Round: 1}

	steps := []struct {
		name string
		do   func() error
		want string // the cell afterwards: value, "abstain", "none" or "gone"
	}{
		{"value", func() error {
			return s.RecordRating(ctx, session.Facilitator(), session.RatingInput{RatingKey: key, Value: ptr(4)})
		}, "4"},
		{"replace", func() error {
			return s.RecordRating(ctx, session.Facilitator(), session.RatingInput{RatingKey: key, Value: ptr(2)})
		}, "2"},
		{"comment", func() error { return s.CommentRating(ctx, session.Facilitator(), key, "depends on the vendor") }, "2"},
		{"abstain", func() error {
			return s.RecordRating(ctx, session.Facilitator(), session.RatingInput{RatingKey: key, Abstain: true})
		}, "abstain"},
		{"clear keeps comment", func() error { return s.ClearRating(ctx, session.Facilitator(), key, "") }, "none"},
		{"drop comment", func() error { return s.CommentRating(ctx, session.Facilitator(), key, "") }, "gone"},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		rs, _ := ratingsOf(ctx, s, sess.ID)
		got := "gone"
		if len(rs) == 1 {
			switch r := rs[0]; {
			case r.Abstain:
				got = "abstain"
			case r.Value != nil:
				got = strconv.Itoa(*r.Value)
			default:
				got = "none"
			}
		}
		if got != st.want {
			t.Fatalf("after %s: cell is %s, want %s", st.name, got, st.want)
		}
	}
	var trail []string
	hist, _ := s.History(ctx, sess.ID)
	for _, c := range hist {
		if c.Entity != "rating" {
			continue
		}
		if want := ana.UUID + "/explain/impact/1"; c.Key != want {
			t.Errorf("history key %q, want %q", c.Key, want)
		}
		if c.Actor != session.Facilitator() {
			t.Errorf("history actor %v, want the facilitator", c.Actor)
		}
		trail = append(trail, fmt.Sprintf("%s:%s>%s", c.Field, deref(c.Old), deref(c.New)))
	}
	want := []string{"value:->4", "value:4>2", "comment:>depends on the vendor", "value:2>abstain", "value:abstain>-", "comment:depends on the vendor>"}
	if !slices.Equal(trail, want) {
		t.Errorf("history\n got %v\nwant %v", trail, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func TestRecordRatingRejects(t *testing.T) {
	ctx := context.Background()
	p := defaultPack(t)
	s := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sess := newSession(t, s, p)
	other := newSession(t, s, p)
	k := func(el, cr string, round int) session.RatingKey {
		return session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[0].ID, ElementID: el, CriterionID: cr, Round: round}
	}
	cases := map[string]struct {
		in   session.RatingInput
		want error
	}{
		"above scale":       {session.RatingInput{RatingKey: k("explain", "impact", 1), Value: ptr(6)}, session.ErrInvalid},
		"below scale":       {session.RatingInput{RatingKey: k("explain", "impact", 1), Value: ptr(0)}, session.ErrInvalid},
		"unknown element":   {session.RatingInput{RatingKey: k("nope", "impact", 1), Value: ptr(3)}, session.ErrInvalid},
		"unknown criterion": {session.RatingInput{RatingKey: k("explain", "beauty", 1), Value: ptr(3)}, session.ErrInvalid},
		"round zero":        {session.RatingInput{RatingKey: k("explain", "impact", 0), Value: ptr(3)}, session.ErrInvalid},
		"both":              {session.RatingInput{RatingKey: k("explain", "impact", 1), Value: ptr(3), Abstain: true}, session.ErrInvalid},
		"neither":           {session.RatingInput{RatingKey: k("explain", "impact", 1)}, session.ErrInvalid},
		"participant of another session": {session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID,
			ParticipantID: other.Participants[0].ID, ElementID: "explain", CriterionID: "impact", Round: 1}, Value: ptr(3)}, session.ErrNotFound},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if err := s.RecordRating(ctx, session.Facilitator(), tc.in); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if rs, _ := ratingsOf(ctx, s, sess.ID); len(rs) != 0 {
		t.Errorf("rejected ratings were written: %+v", rs)
	}
}

// The tests below start this test binary again as a "rater" process, which
// records ratings and prints a line after each commit.
const raterEnv = "TRUSTSHOP_TEST_RATER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(raterEnv); spec != "" {
		os.Exit(rater(spec))
	}
	os.Exit(m.Run())
}

// rater records ratings for one participant, cycling through the elements,
// criteria and values of round 1 (each commit changes a value), printing
// "ok N" after each commit. spec is "path|session|participant-index|count".
func rater(spec string) int {
	parts := strings.Split(spec, "|")
	path, sessID := parts[0], parts[1]
	who, _ := strconv.Atoi(parts[2])
	count, _ := strconv.Atoi(parts[3])
	ctx := context.Background()
	s, err := session.OpenEngine(ctx, path, session.Options{}, session.EngineOptions{})
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer s.Close()
	p, err := content.Default()
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	sess, err := s.Session(ctx, sessID)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	pt := sess.Participants[who]
	w := bufio.NewWriter(os.Stdout)
	for i := range count {
		el := p.Elements[i%len(p.Elements)].ID
		cr := p.Criteria[(i/len(p.Elements))%len(p.Criteria)].ID
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: pt.ID,
			ElementID: el, CriterionID: cr, Round: 1}, Value: ptr(1 + i%5)}
		if err := s.RecordRating(ctx, session.Facilitator(), in); err != nil {
			fmt.Fprintln(w, "error", err)
			w.Flush()
			return 1
		}
		fmt.Fprintln(w, "ok", i+1)
		w.Flush()
	}
	return 0
}

func startRater(t *testing.T, path, sessID string, who, count int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s|%d|%d", raterEnv, path, sessID, who, count))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

func TestRatingsSurviveSIGKILL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	p := defaultPack(t)
	s := openStore(t, path)
	sess := newSession(t, s, p)
	s.Close()

	const n = 25
	cmd, lines := startRater(t, path, sess.ID, 0, 1000)
	confirmed := 0
	for confirmed < n && lines.Scan() {
		if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "ok" {
			confirmed, _ = strconv.Atoi(f[1])
		} else {
			t.Fatalf("rater: %s", lines.Text())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s = openStore(t, path)
	rs, err := ratingsOf(ctx, s, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Every commit the rater reported must be there (a few more may have
	// committed before the signal landed).
	if len(rs) < min(n, len(p.Elements)) {
		t.Fatalf("after SIGKILL: %d rating cells, want at least %d", len(rs), min(n, len(p.Elements)))
	}
	hist, _ := s.History(ctx, sess.ID)
	values := 0
	for _, c := range hist {
		if c.Entity == "rating" && c.Field == "value" {
			values++
		}
	}
	if values < n {
		t.Fatalf("after SIGKILL: %d rating changes in the history, want at least the %d confirmed", values, n)
	}
	if check, err := s.IntegrityCheck(ctx); err != nil || check != "ok" {
		t.Fatalf("integrity: %q, %v", check, err)
	}
}

func TestTwoWritersAtOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	p := defaultPack(t)
	s := openStore(t, path)
	sess := newSession(t, s, p)
	s.Close()

	const n = 40
	var cmds []*exec.Cmd
	var outs []*bufio.Scanner
	for who := range 2 {
		cmd, out := startRater(t, path, sess.ID, who, n)
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for i, out := range outs {
		last := ""
		for out.Scan() {
			last = out.Text()
			if strings.HasPrefix(last, "error") {
				t.Errorf("writer %d: %s", i, last)
			}
		}
		if err := cmds[i].Wait(); err != nil {
			t.Errorf("writer %d exited: %v (last line %q)", i, err, last)
		}
	}
	s = openStore(t, path)
	rs, err := ratingsOf(ctx, s, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cells := len(p.Elements) * len(p.Criteria); len(rs) != 2*cells {
		t.Fatalf("%d rating cells, want %d", len(rs), 2*cells)
	}
	hist, _ := s.History(ctx, sess.ID)
	values := 0
	for _, c := range hist {
		if c.Entity == "rating" && c.Field == "value" {
			values++
		}
	}
	if values != 2*n {
		t.Fatalf("%d rating changes in the history, want %d: every commit of both writers", values, 2*n)
	}
	if check, err := s.IntegrityCheck(ctx); err != nil || check != "ok" {
		t.Fatalf("integrity: %q, %v", check, err)
	}
}

func BenchmarkRecordRating(b *testing.B) {
	ctx := context.Background()
	p := defaultPack(b)
	s := openStore(b, filepath.Join(b.TempDir(), "t.db"))
	sess := newSession(b, s, p)
	var durations []time.Duration
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: sess.Participants[i%3].ID,
			ElementID: p.Elements[i%7].ID, CriterionID: p.Criteria[i%2].ID, Round: 1}, Value: ptr(1 + i%5)}
		start := time.Now()
		if err := s.RecordRating(ctx, session.Facilitator(), in); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
		i++
	}
	slices.Sort(durations)
	p99 := durations[len(durations)*99/100]
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}
