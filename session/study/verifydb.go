package study

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/trustshop/trustshop/session"
)

// verifyDatabase checks every session of a database, opened so that
// nothing in it changes.
func verifyDatabase(ctx context.Context, rep *Report, path string, opt VerifyOptions) error {
	e, err := session.OpenEngine(ctx, path, session.Options{Inspect: true}, session.EngineOptions{Pack: opt.Pack, PackDir: opt.PackDir})
	if err != nil {
		return err
	}
	defer e.Close()
	list, err := e.Sessions(ctx)
	if err != nil {
		return err
	}
	for _, s := range list {
		sc, err := verifySession(ctx, e, s.ID)
		if err != nil {
			return fmt.Errorf("verify session %s: %w", s.ID, err)
		}
		rep.Sessions = append(rep.Sessions, sc)
	}
	return nil
}

// verifySession checks one session of a database: its chain, its tables
// against the trace of its history, and its statistics.
func verifySession(ctx context.Context, e *session.Engine, id string) (SessionCheck, error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return SessionCheck{}, err
	}
	sess := w.Session
	sc := SessionCheck{SessionID: sess.ID, Site: sess.Site}
	hist, err := e.History(ctx, id)
	if err != nil {
		return SessionCheck{}, err
	}
	recorded, err := e.ChainHead(ctx, id)
	if err != nil {
		return SessionCheck{}, err
	}
	sc.Rows = len(hist)
	var problems []string
	sc.Head, problems = chainProblems(hist, recorded)
	sc.Problems = append(sc.Problems, problems...)
	tr := session.Replay(hist)
	h := held{cells: map[string]session.CellState{}, names: map[string]string{}, notes: map[string]string{},
		participants: sess.Participants, title: sess.Title, site: sess.Site}
	if b, err := json.Marshal(sess.Consensus); err == nil {
		h.consensus = string(b)
	}
	uuids := map[int64]string{}
	ids := map[string]int64{}
	for _, p := range sess.Participants {
		h.names[p.UUID] = p.Name
		uuids[p.ID], ids[p.UUID] = p.UUID, p.ID
	}
	var tableRows []session.Rating
	err = e.EachCell(ctx, session.Viewer{Kind: session.ViewResearcher}, id, func(c session.Cell) error {
		r := c.Rating
		uuid, ok := uuids[r.ParticipantID]
		if !ok {
			uuid = fmt.Sprintf("participant-row-%d", r.ParticipantID)
		}
		h.cells[session.HistoryKey(uuid, r.ElementID, r.CriterionID, r.Round)] = session.CellState{Value: r.Value, Abstain: r.Abstain, Comment: r.Comment}
		tableRows = append(tableRows, r)
		return nil
	})
	if err != nil {
		return SessionCheck{}, err
	}
	for k, n := range w.Notes {
		h.notes[k] = n.Body
	}
	sc.Problems = append(sc.Problems, h.against(tr)...)
	// The statistics of the tables against those of the history's trace.
	var traced []session.Rating
	for key, st := range tr.Cells {
		uuid, k, ok := (session.Change{Entity: "rating", Key: key}).CellOf()
		pid, known := ids[uuid]
		if !ok || !known || (st.Value == nil && !st.Abstain) {
			continue
		}
		traced = append(traced, session.Rating{SessionID: id, ParticipantID: pid, ElementID: k.ElementID, CriterionID: k.CriterionID,
			Round: k.Round, Value: st.Value, Abstain: st.Abstain})
	}
	// In one order, so that sums of floating point numbers add up alike.
	pos := map[int64]int{}
	for i, p := range sess.Participants {
		pos[p.ID] = i
	}
	order := func(a, b session.Rating) int {
		return cmp.Or(cmp.Compare(pos[a.ParticipantID], pos[b.ParticipantID]), cmp.Compare(a.ElementID, b.ElementID),
			cmp.Compare(a.CriterionID, b.CriterionID), cmp.Compare(a.Round, b.Round))
	}
	slices.SortFunc(tableRows, order)
	slices.SortFunc(traced, order)
	viewer := session.Viewer{Kind: session.ViewResearcher}
	fromTables := session.BuildResults(sess, w.Pack, w.Rounds, viewer, tableRows)
	fromHistory := session.BuildResults(sess, w.Pack, w.Rounds, viewer, traced)
	named := func(r *session.ResultsView) []byte {
		b, _ := json.Marshal(map[string]any{"elements": r.Stats.Elements, "criteria": r.Stats.Criteria,
			"ranking": r.Stats.Ranking, "stability": r.Stability()})
		return b
	}
	a, b := named(fromTables), named(fromHistory)
	var x, y any
	_ = json.Unmarshal(a, &x)
	_ = json.Unmarshal(b, &y)
	if d := diffJSON("statistics", x, y); d != "" {
		sc.Statistics = "recomputed from the tables and from the history: they differ"
		sc.Problems = append(sc.Problems, fmt.Sprintf("the statistics of the tables are not those of the history: %s differs", d))
	} else {
		sc.Statistics = fmt.Sprintf("recomputed from the tables and from the history: the same (%s)", ratingCount(countGiven(tableRows)))
	}
	return sc, nil
}

func countGiven(rows []session.Rating) int {
	n := 0
	for _, r := range rows {
		if r.Given() {
			n++
		}
	}
	return n
}
