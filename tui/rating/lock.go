package rating

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The revealed-round lock, a rule of the workshop: once the group has seen
// the results of an element's round, that round takes no new value, since
// a value changed now would be anchored on the results; a comment may
// still change. The grid and pass-the-laptop share the lock through their
// editor, so neither is a special case.

// revealLock holds the element x rounds revealed so far.
type revealLock struct {
	revealed map[session.RevealKey]bool
	// hint says what the screen offers instead of a change ("press ] to
	// rate again in round 2").
	hint func(cellKey) string
}

func newRevealLock() revealLock {
	return revealLock{
		revealed: map[session.RevealKey]bool{},
		hint:     func(cellKey) string { return "a further round can rate it again" },
	}
}

// mark adds reveals; a reveal is never taken back, so a read that began
// before a local reveal cannot hide it again.
func (l *revealLock) mark(r map[session.RevealKey]bool) {
	for k := range r {
		l.revealed[k] = true
	}
}

// reveal marks one element's round as revealed.
func (l *revealLock) reveal(element string, round int) {
	l.revealed[session.RevealKey{ElementID: element, Round: round}] = true
}

// isRevealed reports whether an element's round has been revealed.
func (l *revealLock) isRevealed(element string, round int) bool {
	return l.revealed[session.RevealKey{ElementID: element, Round: round}]
}

// closed reports whether the round of cell k's element has been revealed.
func (l *revealLock) closed(k cellKey) bool { return l.isRevealed(k.element, k.round) }

// closedCmd tells that cell k can no longer change, and what to do instead.
func (l *revealLock) closedCmd(p *content.Pack, k cellKey) tea.Cmd {
	title := k.element
	if el, ok := p.Element(k.element); ok {
		title = el.Title
	}
	return common.StatusCmd(fmt.Sprintf("Round %d of %s is revealed, so its ratings are closed: %s.", k.round, title, l.hint(k)))
}
