package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

func TestScratch(t *testing.T) {
	if os.Getenv("SCRATCH") == "" && os.Getenv("SHOW") == "" {
		t.Skip()
	}
	e := tuitest.NewEnv(t)
	e.AtStep(t, "element:explain")
	for i, p := range e.Sess.Participants {
		for _, c := range []string{"impact", "effort"} {
			v := 2 + i
			e.Store.RecordRating(e.Ctx, session.Facilitator(), session.RatingInput{RatingKey: session.RatingKey{SessionID: e.Sess.ID, ParticipantID: p.ID, ElementID: "explain", CriterionID: c, Round: 1}, Value: &v})
		}
	}
	if os.Getenv("REVEAL") != "" {
		e.Store.Reveal(e.Ctx, session.Facilitator(), e.Sess.ID, "explain", 1, session.AudienceRoom)
	}
	for _, sz := range [][2]int{{200, 60}, {100, 30}, {80, 24}, {60, 15}} {
		d := newRootDriver(t, NewModel(e.Ctx, options(e, e.Sess.ID)), sz[0], sz[1])
		d.Press(strings.Fields(os.Getenv("SCRATCH"))...)
		fmt.Println(d.text())
	}
}
