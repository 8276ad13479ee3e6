package tuitest

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// IntlNames are the participants of NewIntlEnv: German, CJK, an emoji
// ZWJ sequence, a combining accent (e + U+0301), a long name.
var IntlNames = []session.Participant{
	{Name: "Jürgen Größe", Role: "lieferant", Organisation: "Maßwerk GmbH"},
	{Name: "李小龍", Role: "riyousha", Organisation: "東京製作所"},
	{Name: "👩‍🔬 Dr. Ōta", Role: "riyousha"},
	{Name: "Rene\u0301e Cafe\u0301", Role: "lieferant"},
	{Name: "山田 花子 (やまだ はなこ) Übersetzerin", Role: "riyousha"},
}

// IntlPack loads testdata/packs/intl: titles, labels and texts in German,
// Japanese and emoji, and criteria on 1..7, 0..10 (labels on the anchors
// only) and 1..4.
func IntlPack(tb testing.TB) *content.Pack {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	p, err := content.LoadDir(filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "packs", "intl"))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// NewIntlEnv is a database holding one planned session of the intl pack,
// "Größe 信頼 👩‍🔬 Workshop", of IntlNames.
func NewIntlEnv(tb testing.TB) *Env {
	tb.Helper()
	e := openEnvPack(tb, IntlPack(tb))
	sess, err := e.Store.CreateSession(e.Ctx, session.Facilitator(), e.Pack, session.NewSession{
		Title: "Größe 信頼 👩‍🔬 Workshop – Cafe\u0301 Runde", Facilitator: "Dörte 田中", Organisation: "Maßwerk",
		Participants: IntlNames,
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.Sess = sess
	return e
}

// RateIntl records a rating of every participant on every criterion of
// element el in round 1, spread over each scale, and reveals the round to
// the room when reveal is set. The third participant abstains on the
// second criterion.
func (e *Env) RateIntl(tb testing.TB, el string, reveal bool) {
	tb.Helper()
	fac := session.Facilitator()
	for i, p := range e.Sess.Participants {
		for j, c := range e.Pack.Criteria {
			in := session.RatingInput{RatingKey: session.RatingKey{SessionID: e.Sess.ID, ParticipantID: p.ID, ElementID: el, CriterionID: c.ID, Round: 1}}
			if i == 2 && j == 1 {
				in.Abstain = true
			} else {
				v := c.Min + (i*3+j)%(c.Max-c.Min+1)
				in.Value = &v
			}
			if err := e.Store.RecordRating(e.Ctx, fac, in); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if reveal {
		if err := e.Store.Reveal(e.Ctx, fac, e.Sess.ID, el, 1, session.AudienceRoom); err != nil {
			tb.Fatal(err)
		}
	}
}
