package devices

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strconv"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// page is what the template shows; every string in it is escaped by
// html/template, and Body is the pack's Markdown rendered by goldmark,
// which leaves raw HTML out and drops javascript: links.
type page struct {
	Stage   string // "join", "names" or "rate"
	Title   string // the session's title
	Session string
	CSRF    string
	Error   string
	Code    string // the join code typed, carried to the names form
	Names   []nameView
	Me      session.Participant
	Waiting string // nothing to rate: what the room is on
	Items   []elementView
	Self    bool // every element at once (self-paced)

	// Main and Version are the content drawn once by render: the whole
	// page wraps it, and the script replaces its content only when the
	// version it holds is not the server's.
	Main    template.HTML
	Version string
}

type nameView struct {
	UUID, Name, Org string
	Claimed         bool
}

type elementView struct {
	ID, Title string
	Body      template.HTML
	Open      bool // the text shown unfolded
	Round     int
	State     string // open, closed, revealed
	Criteria  []criterionView
}

type criterionView struct {
	ID, Label, Question string
	Anchor              string
	Points              []pointView
	Abstained, Given    bool
	Mine                string // the participant's own answer, in words
	Comment             string
	Writable            bool
	Results             *resultsView  // this round's, once shown to devices
	Feedback            *feedbackView // a Delphi round's: the previous round's
}

type pointView struct {
	Value int
	Label string
	Mine  bool
}

type resultsView struct {
	Round int // the element's current round
	distView
}

// barView is one scale point's bar; its label is on the rating buttons.
type barView struct {
	Value, Count int
	Width        int // in twentieths of the longest bar
	Mine         bool
}

// pageCache keeps what the pages of every participant share: the pack's
// rendered Markdown, and the group's results once revealed (the same for
// every participant), computed once per change of the session rather than
// once per page.
type pageCache struct {
	mu      sync.Mutex
	bodies  map[string]template.HTML
	results *session.ResultsView
}

func newPageCache(p *content.Pack) *pageCache {
	c := &pageCache{bodies: map[string]template.HTML{}}
	md := goldmark.New()
	for _, el := range p.Elements {
		var b bytes.Buffer
		if err := md.Convert([]byte(el.Body), &b); err != nil {
			b.Reset()
			template.HTMLEscape(&b, []byte(el.Body))
		}
		c.bodies[el.ID] = template.HTML(b.String()) //nolint:gosec // goldmark's safe mode: raw HTML omitted
	}
	return c
}

// invalidate drops the results after a change of the session.
func (c *pageCache) invalidate() {
	c.mu.Lock()
	c.results = nil
	c.mu.Unlock()
}

// groupResults is the session's results as a participant's device may see
// them (revealed to the devices, or the session finished).
func (c *pageCache) groupResults(ctx context.Context, e *session.Engine, id string) (*session.ResultsView, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.results != nil {
		return c.results, nil
	}
	rv, err := e.Results(ctx, session.Viewer{Kind: session.ViewParticipant}, id)
	if err != nil {
		return nil, err
	}
	c.results = rv
	return rv, nil
}

// ratePage builds the page of a signed-in participant: the elements their
// device may rate now, with their own answers, and the group's results
// where the engine shows them to devices.
func (s *Server) ratePage(ctx context.Context, me session.Participant) (page, error) {
	w, err := s.eng.Workshop(ctx, s.id)
	if err != nil {
		return page{}, err
	}
	pg := page{Stage: "rate", Title: w.Session.Title, Session: s.id, Me: me}
	viewer := session.Viewer{Kind: session.ViewParticipant, Participant: me.UUID}
	actor := session.ParticipantActor(me.UUID)
	elements := w.DeviceElements()
	finished := w.Session.Status == session.StatusFinished
	if finished {
		elements = w.Pack.Elements // the group has seen the summary: every result
	}
	pg.Self = w.Session.DeviceRating == session.DevicesAll || finished
	if len(elements) == 0 {
		pg.Waiting = waitingText(w)
		return pg, nil
	}
	cells, err := s.eng.Cells(ctx, viewer, s.id, session.CellQuery{})
	if err != nil {
		return page{}, err
	}
	own := map[[2]string]session.Cell{}
	for _, c := range cells {
		if c.UUID == me.UUID {
			own[[2]string{c.ElementID, c.CriterionID}] = c
		}
	}
	var rv *session.ResultsView
	for _, el := range elements {
		cur := w.Rounds.Current(el.ID)
		// In a later round, the previous round's feedback: what the
		// engine lets this participant see of it, their own answer marked.
		var fb *session.Feedback
		if cur.Round > 1 { // round 1 has none: spare the read
			f, ok, err := s.eng.Feedback(ctx, viewer, s.id, el.ID)
			if err != nil {
				return page{}, err
			}
			if ok {
				fb = &f
			}
		}
		ev := elementView{ID: el.ID, Title: el.Title, Body: s.pages.bodies[el.ID], Open: !pg.Self, Round: cur.Round, State: "open"}
		switch { // what the device may see is the engine's answer
		case w.See(viewer, el.ID, cur.Round).Values:
			ev.State = "revealed"
		case !cur.Open() || finished:
			ev.State = "closed"
		}
		for _, cr := range w.Pack.Criteria {
			k := session.RatingKey{SessionID: s.id, ParticipantID: me.ID, ElementID: el.ID, CriterionID: cr.ID, Round: cur.Round}
			cv := criterionView{ID: cr.ID, Label: cr.Label, Question: cr.Question, Anchor: "c-" + el.ID + "-" + cr.ID,
				Writable: w.MayWrite(actor, k) == nil}
			mine := own[[2]string{el.ID, cr.ID}]
			cv.Comment, cv.Abstained, cv.Given = mine.Comment, mine.Abstain, mine.Given
			cv.Mine = mineText(cr, mine)
			for v := cr.Min; v <= cr.Max; v++ {
				cv.Points = append(cv.Points, pointView{Value: v, Label: cr.PointLabel(v), Mine: mine.Value != nil && *mine.Value == v})
			}
			// The round's results once devices may see them.
			if w.See(viewer, el.ID, cur.Round).Values {
				if rv == nil {
					if rv, err = s.pages.groupResults(ctx, s.eng, s.id); err != nil {
						return page{}, err
					}
				}
				if es := rv.Cell(el.ID, cr.ID, cur.Round); es != nil {
					cv.Results = resultsOf(cr, cur.Round, es, mine)
				}
			}
			cv.Feedback = feedbackOf(w.Pack, cr, fb)
			ev.Criteria = append(ev.Criteria, cv)
		}
		pg.Items = append(pg.Items, ev)
	}
	return pg, nil
}

// resultsOf lays out a round's distribution with the participant's own
// answer marked.
func resultsOf(cr content.Criterion, round int, es *stats.ElementStats, mine session.Cell) *resultsView {
	return &resultsView{Round: round, distView: distOf(cr, *es, mine.Value)}
}

// mineText says what the participant answered.
func mineText(cr content.Criterion, mine session.Cell) string {
	switch {
	case mine.Abstain:
		return "You could not judge it."
	case mine.Value != nil:
		t := "Your answer: " + strconv.Itoa(*mine.Value)
		if l := cr.PointLabel(*mine.Value); l != "" {
			t += " · " + l
		}
		return t + "."
	}
	return "You did not answer."
}

// waitingText says what the room is on while devices have nothing to rate.
func waitingText(w session.Workshop) string {
	switch {
	case w.Session.DeviceRating == session.DevicesOff:
		return "Rating from devices is paused. The facilitator will open it."
	case w.Session.Step >= 0 && w.Session.Step < len(w.Pack.Agenda):
		return "The group is on “" + w.Pack.StepTitle(w.Pack.Agenda[w.Session.Step]) + "”. You can rate when the group reaches a solution element."
	}
	return "Nothing to rate yet."
}

// errText is what a participant reads of a refused change: the engine's
// own sentence for a rule, a plain one for anything else.
func errText(err error) string {
	var re *session.RuleError
	var rc *session.RoundClosedError
	switch {
	case errors.As(err, &re):
		return re.Msg + "."
	case errors.As(err, &rc):
		return "This round is closed: your answer can no longer change."
	case errors.Is(err, session.ErrInvalid):
		return "That was not saved: " + err.Error() + "."
	}
	return "That was not saved. Try again in a moment."
}

// num formats a statistic: 3, 3.5.
func num(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
