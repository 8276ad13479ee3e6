package session_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session"
)

func TestFeedDeliversEveryChangeInOrder(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	w, err := f.e.Workshop(ctx, f.sess.ID)
	f.must(err)
	feed := f.e.Feed(f.sess.ID, w.Seq)
	defer feed.Close()
	fac := session.Facilitator()
	f.must(f.rate(fac, f.key(0, "explain", "impact", 1), 4, ""))
	f.must(f.e.Reveal(ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
	f.must(f.e.MoveTo(ctx, fac, f.sess.ID, 2, false))
	f.must(f.e.SaveNote(ctx, fac, f.sess.ID, "intro", "agreed"))
	_, err = f.e.AddParticipant(ctx, fac, f.sess.ID, session.Participant{Name: "Dev", Role: "user"})
	f.must(err)
	// a rating given to a planned session starts it: the status follows;
	// the step reached is visited (the step clock)
	want := "rating.value session.status round.revealed_room session.step step.visited note.body participant.added"
	var got []string
	for len(got) < 7 {
		rows, err := feed.Next(ctx)
		f.must(err)
		for _, c := range rows {
			got = append(got, c.Entity+"."+c.Field)
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("feed:\n got %v\nwant %s", got, want)
	}
	if feed.Cursor() <= w.Seq {
		t.Errorf("cursor %d did not advance past %d", feed.Cursor(), w.Seq)
	}
}

// A change committed by another engine (another process, or another
// connection) reaches the feed within a second, through data_version.
func TestFeedSeesAnotherProcess(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	path := filepath.Join(t.TempDir(), "t.db")
	p := defaultPack(t)
	a := openStore(t, path)
	sess := newSession(t, a, p)
	w, err := a.Workshop(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	feed := a.Feed(sess.ID, w.Seq)
	defer feed.Close()

	// another engine on the same file in this process
	b := openStore(t, path)
	start := time.Now()
	v := 3
	if err := b.RecordRating(ctx, session.CommandLine(), session.RatingInput{RatingKey: session.RatingKey{SessionID: sess.ID,
		ParticipantID: sess.Participants[1].ID, ElementID: "quality", CriterionID: "effort", Round: 1}, Value: &v}); err != nil {
		t.Fatal(err)
	}
	rows, err := feed.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("another engine's change took %v to arrive", d)
	}
	if rows[0].Actor != session.CommandLine() || rows[0].Entity != "rating" {
		t.Errorf("first change %+v", rows[0])
	}

	// and a real second process: the rater of ratings_test.go
	cmd, lines := startRater(t, path, sess.ID, 2, 5)
	// One Next may bring several of its ratings when the rater is
	// quicker than the feed: wait only for those not delivered yet.
	committed, delivered := 0, 0
	for committed < 5 {
		lines.Scan()
		if !strings.HasPrefix(lines.Text(), "ok") {
			t.Fatalf("rater: %q", lines.Text())
		}
		committed++
		at := time.Now()
		for delivered < committed {
			rows, err := feed.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(at); d > time.Second {
				t.Errorf("a change of another process arrived after %v", d)
			}
			delivered += values(rows)
		}
	}
	cmd.Wait()
}

// values counts the rating values among the changes.
func values(rows []session.Change) int {
	n := 0
	for _, c := range rows {
		if c.Entity == "rating" && c.Field == "value" {
			n++
		}
	}
	return n
}

func TestFeedEndsWhenTheSessionIsDeleted(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	feed := f.e.Feed(f.sess.ID, 1<<40)
	defer feed.Close()
	done := make(chan error, 1)
	go func() {
		_, err := feed.Next(ctx)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	f.must(f.e.DeleteSession(ctx, session.Facilitator(), f.sess.ID))
	if err := <-done; !errors.Is(err, session.ErrNotFound) || !strings.Contains(err.Error(), "deleted") {
		t.Fatalf("feed of a deleted session: %v", err)
	}
	// and a command on it says so in words, not as a constraint
	if err := f.rate(session.Facilitator(), f.key(0, "explain", "impact", 1), 3, ""); !errors.Is(err, session.ErrNotFound) {
		t.Fatalf("rating a deleted session: %v", err)
	}
	if err := f.e.SaveNote(ctx, session.Facilitator(), f.sess.ID, "intro", "x"); !errors.Is(err, session.ErrNotFound) || strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("a note on a deleted session: %v", err)
	}
}

// Many writers at once: every rating is stored exactly once, whichever
// batch of the group commit it rode in, and a refused one does not take
// its batch down with it.
func TestConcurrentCommandsAreEachCommittedOnce(t *testing.T) {
	f := newFixture(t)
	for i := range 27 {
		_, err := f.e.AddParticipant(f.ctx, session.Facilitator(), f.sess.ID, session.Participant{Name: "P" + strconv.Itoa(i), Role: "user"})
		f.must(err)
	}
	w, _ := f.e.Workshop(f.ctx, f.sess.ID)
	f.must(f.e.SetDeviceRating(f.ctx, session.Facilitator(), f.sess.ID, session.DevicesAll))
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for _, pt := range w.Session.Participants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me := session.ParticipantActor(pt.UUID)
			for _, el := range f.p.Elements {
				for _, cr := range f.p.Criteria {
					v := 1 + len(el.ID)%5
					k := session.RatingKey{SessionID: f.sess.ID, ParticipantID: pt.ID, ElementID: el.ID, CriterionID: cr.ID, Round: 1}
					errs <- f.e.RecordRating(f.ctx, me, session.RatingInput{RatingKey: k, Value: &v})
					// a forged write for someone else, refused in the same batches
					k.ParticipantID = w.Session.Participants[0].ID
					if pt.ID != k.ParticipantID {
						if err := f.e.RecordRating(f.ctx, me, session.RatingInput{RatingKey: k, Value: &v}); !errors.Is(err, session.ErrNotYours) {
							errs <- err
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	rows, _ := ratingsOf(f.ctx, f.e, f.sess.ID)
	if want := 30 * 7 * 2; len(rows) != want {
		t.Fatalf("%d ratings stored, want %d", len(rows), want)
	}
	h, _ := f.e.History(f.ctx, f.sess.ID)
	values := 0
	for _, c := range h {
		if c.Entity == "rating" {
			values++
		}
	}
	if values != 30*7*2 {
		t.Fatalf("%d rating history rows, want %d", values, 30*7*2)
	}
}

// Poll gives what is committed now and never waits: nothing, then the
// change, then nothing again, and the end of a deleted session.
func TestFeedPoll(t *testing.T) {
	f := newFixture(t)
	w, err := f.e.Workshop(f.ctx, f.sess.ID)
	f.must(err)
	feed := f.e.Feed(f.sess.ID, w.Seq)
	defer feed.Close()
	if rows, err := feed.Poll(f.ctx); err != nil || len(rows) != 0 {
		t.Fatalf("before a change: %v %v", rows, err)
	}
	fac := session.Facilitator()
	f.must(f.e.SaveNote(f.ctx, fac, f.sess.ID, "intro", "agreed"))
	rows, err := feed.Poll(f.ctx)
	if err != nil || len(rows) != 1 || rows[0].Entity+"."+rows[0].Field != "note.body" {
		t.Fatalf("after a note: %+v %v", rows, err)
	}
	if rows, err := feed.Poll(f.ctx); err != nil || len(rows) != 0 {
		t.Fatalf("polled again: %v %v", rows, err)
	}
	f.must(f.e.DeleteSession(f.ctx, fac, f.sess.ID))
	if _, err := feed.Poll(f.ctx); !errors.Is(err, session.ErrNotFound) {
		t.Fatalf("after the delete: %v, want ErrNotFound", err)
	}
}
