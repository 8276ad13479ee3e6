package session

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// View is how the facilitator left the walkthrough, restored on
// reopening: presenter zoom, and the theme ("" for the program's); and
// the item shown over the step (a story opened from the map, an element
// from a story), which the projector window shows too.
type View struct {
	Zoom  bool
	Theme string
	// Shown is "<step key>/<item id>" while an item is shown over the
	// step, "" while the step is: the step's key keeps an item from one
	// step from showing over the next.
	Shown string
}

// ShownOver is the item shown over step key, or "".
func (v View) ShownOver(stepKey string) string {
	if item, ok := strings.CutPrefix(v.Shown, stepKey+"/"); ok {
		return item
	}
	return ""
}

// SkipStep marks an agenda step as skipped on purpose, or not: the agenda
// shows it apart from the steps visited and those not reached yet.
func (e *Engine) SkipStep(ctx context.Context, actor Actor, id, stepKey string, skipped bool) error {
	if err := facilitatorOnly(actor, "skip a step"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		if !hasStep(p, stepKey) {
			return invalid("the agenda of pack %s has no step %q", p.ID, stepKey)
		}
		var old bool
		err = t.queryRow("SELECT skipped FROM step_state WHERE session_id = ? AND step_key = ?", sess.ID, stepKey).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old == skipped {
			return nil
		}
		if _, err := t.exec(`INSERT INTO step_state (session_id, step_key, skipped) VALUES (?, ?, ?)
			ON CONFLICT (session_id, step_key) DO UPDATE SET skipped = excluded.skipped`, sess.ID, stepKey, skipped); err != nil {
			return err
		}
		return t.log(sess.ID, "step", stepKey, "skipped", flag(old), flag(skipped))
	})
}

// SetView remembers the walkthrough's zoom and theme for the next opening,
// and the item shown over the step for the projector window.
func (e *Engine) SetView(ctx context.Context, actor Actor, id string, v View) error {
	if err := facilitatorOnly(actor, "change the view"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, err := t.loadSession(id)
		if err != nil {
			return err
		}
		r, err := t.loadClock(sess.ID)
		if err != nil {
			return err
		}
		old := r.View
		if old == v {
			return nil
		}
		r.View = v
		if err := t.saveClock(sess.ID, r); err != nil {
			return err
		}
		if old.Zoom != v.Zoom {
			if err := t.log(sess.ID, "view", sess.ID, "zoom", flag(old.Zoom), flag(v.Zoom)); err != nil {
				return err
			}
		}
		if old.Theme != v.Theme {
			if err := t.log(sess.ID, "view", sess.ID, "theme", text(old.Theme), text(v.Theme)); err != nil {
				return err
			}
		}
		if old.Shown != v.Shown {
			return t.log(sess.ID, "view", sess.ID, "shown", text(old.Shown), text(v.Shown))
		}
		return nil
	})
}

func hasStep(p *content.Pack, key string) bool {
	for _, st := range p.Agenda {
		if st.Key() == key {
			return true
		}
	}
	return false
}
