package session

import "context"

// SessionCells is a session with every rating cell of it a viewer may see:
// what the statistics of a study read of each of its sessions.
type SessionCells struct {
	Session   Session // with its participants and consensus rule
	ChainHead string
	Cells     []ValueCell // in participant, element, criterion and round order
}

// ValueCell is a rating cell reduced to what statistics need, masked for a
// viewer as Cells masks it. Value holds a value only when the cell is
// Given and neither Abstain nor Hidden.
type ValueCell struct {
	Participant int // the index in Session.Participants
	ElementID   string
	CriterionID string
	Round       int
	Value       int
	Abstain     bool
	Given       bool // a value or an abstention was given
	Hidden      bool // given, but not the viewer's to see
}

// AllSessions reads every session of the database with its cells as v may
// see them, in the order Sessions lists them: a whole study in one pass
// over the ratings table instead of a query per session.
func (e *Engine) AllSessions(ctx context.Context, v Viewer) ([]SessionCells, error) {
	list, heads, err := e.store.allSessions(ctx)
	if err != nil {
		return nil, err
	}
	rounds, err := e.store.allRounds(ctx)
	if err != nil {
		return nil, err
	}
	type seat struct{ session, index int }
	seats := map[int64]seat{}
	out := make([]SessionCells, len(list))
	var codes ratingCodes
	for i, sess := range list {
		if p, _, err := e.PackOf(sess); err == nil {
			sess.Consensus = decodeRule(sess.consensus, p)
			codes.add(p)
		}
		out[i] = SessionCells{Session: sess, ChainHead: heads[sess.ID]}
		for j, pt := range sess.Participants {
			seats[pt.ID] = seat{i, j}
		}
	}
	type sightKey struct {
		session int
		RoundKey
	}
	sights := map[sightKey]Sight{}
	ratings, err := e.store.ratingRows(ctx, codes)
	if err != nil {
		return nil, err
	}
	// Each session's cells in one array: appended to, they would be
	// copied as they grow.
	counts, total := make([]int, len(out)), 0
	for r := range allRows(ratings) {
		if at, ok := seats[r.participant]; ok {
			counts[at.session]++
			total++
		}
	}
	cells := make([]ValueCell, total)
	for i, n := range counts {
		out[i].Cells, cells = cells[:0:n], cells[n:]
	}
	for r := range allRows(ratings) {
		at, ok := seats[r.participant]
		if !ok {
			continue // a participant of no session: the join of EachCell drops it too
		}
		k := sightKey{at.session, RoundKey{r.element, r.round}}
		s, ok := sights[k]
		if !ok {
			sc := &out[at.session]
			round, _ := rounds[sc.Session.ID].Get(r.element, r.round)
			s = See(v, sc.Session.Status, round)
			sights[k] = s
		}
		c := ValueCell{Participant: at.index, ElementID: r.element, CriterionID: r.criterion, Round: r.round,
			Value: r.value, Abstain: r.abstain, Given: r.hasValue || r.abstain}
		uuid := out[at.session].Session.Participants[at.index].UUID
		if !s.Values && !(s.Own && v.Kind == ViewParticipant && uuid == v.Participant) {
			if !s.Progress || !c.Given && !r.hasComment {
				continue
			}
			c.Value, c.Hidden = 0, c.Given
		}
		out[at.session].Cells = append(out[at.session].Cells, c)
	}
	var sorter cellSorter
	for i := range out {
		sorter.sort(out[i].Cells)
	}
	return out, nil
}

// allSessions reads every session with its participants (in agenda
// order) and its chain head, the most recently changed first.
func (s *Store) allSessions(ctx context.Context) ([]Session, map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, facilitator, organisation, date, pack_id, pack_version, pack_hash,
		pack_dir, site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at, chain_head
		FROM sessions ORDER BY updated_at DESC, id`)
	if err != nil {
		return nil, nil, s.wrap("read sessions", err)
	}
	var list []Session
	heads := map[string]string{}
	index := map[string]int{}
	for rows.Next() {
		var head string
		x, err := scanSession(withHead{rows, &head})
		if err != nil {
			rows.Close()
			return nil, nil, s.wrap("read sessions", err)
		}
		heads[x.ID], index[x.ID] = head, len(list)
		list = append(list, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, s.wrap("read sessions", err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT session_id, id, coalesce(uuid, ''), name, role, organisation FROM participants
		ORDER BY session_id, position, id`)
	if err != nil {
		return nil, nil, s.wrap("read participants", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid string
		var p Participant
		if err := rows.Scan(&sid, &p.ID, &p.UUID, &p.Name, &p.Role, &p.Organisation); err != nil {
			return nil, nil, s.wrap("read participants", err)
		}
		if i, ok := index[sid]; ok {
			list[i].Participants = append(list[i].Participants, p)
		}
	}
	return list, heads, s.wrap("read participants", rows.Err())
}

// withHead scans a row of sessionColumns followed by the chain head.
type withHead struct {
	rows interface{ Scan(...any) error }
	head *string
}

func (w withHead) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.head)...) }

// allRounds reads the rounds of every session, by session id.
func (s *Store) allRounds(ctx context.Context) (map[string]Rounds, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT session_id, element_id, round, opened_at, closed_at, revealed_room_at,
		revealed_devices_at FROM element_rounds ORDER BY session_id, element_id, round`)
	if err != nil {
		return nil, s.wrap("read rounds", err)
	}
	defer rows.Close()
	out := map[string]Rounds{}
	for rows.Next() {
		var id string
		r, err := scanRound(rows, &id)
		if err != nil {
			return nil, s.wrap("read rounds", err)
		}
		if out[id] == nil {
			out[id] = Rounds{}
		}
		out[id][r.ElementID] = append(out[id][r.ElementID], r)
	}
	return out, s.wrap("read rounds", rows.Err())
}
