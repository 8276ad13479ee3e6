package study

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// jsonExport is the part of a session's json export (docs/export-json.md)
// that a merge and verify read back.
type jsonExport struct {
	SchemaVersion int             `json:"schema_version"`
	Pack          content.Outline `json:"pack"`
	Session       struct {
		ID            string            `json:"id"`
		Title         string            `json:"title"`
		Facilitator   string            `json:"facilitator"`
		Organisation  string            `json:"organisation"`
		Date          string            `json:"date"`
		Site          string            `json:"site"`
		Status        string            `json:"status"`
		Step          int               `json:"step"`
		Steps         int               `json:"steps"`
		CreatedAt     *time.Time        `json:"created_at"`
		UpdatedAt     *time.Time        `json:"updated_at"`
		PackHash      string            `json:"pack_hash"`
		ElementHashes map[string]string `json:"element_hashes"`
	} `json:"session"`
	Participants []struct {
		UUID         string `json:"uuid"`
		Name         string `json:"name"`
		Role         string `json:"role"`
		Organisation string `json:"organisation"`
	} `json:"participants"`
	Ratings []struct {
		ParticipantUUID string       `json:"participant_uuid"`
		Participant     string       `json:"participant"`
		ElementID       string       `json:"element_id"`
		Criterion       string       `json:"criterion"`
		Round           int          `json:"round"`
		Value           *int         `json:"value"`
		Abstain         bool         `json:"abstain"`
		Comment         string       `json:"comment"`
		RatedAt         *time.Time   `json:"rated_at"`
		History         []jsonChange `json:"history"`
	} `json:"ratings"`
	Notes []struct {
		StepKey   string       `json:"step_key"`
		Body      string       `json:"body"`
		UpdatedAt *time.Time   `json:"updated_at"`
		History   []jsonChange `json:"history"`
	} `json:"notes"`
	History    []jsonChange    `json:"history"`
	Statistics json.RawMessage `json:"statistics"`
	ChainHead  *string         `json:"chain_head"`
}

type jsonChange struct {
	Entity string  `json:"entity"`
	Key    string  `json:"entity_key"`
	Field  string  `json:"field"`
	Old    *string `json:"old"`
	New    *string `json:"new"`
	At     *string `json:"at"`
	Actor  string  `json:"actor"`
	Reason string  `json:"reason"`
	Seq    int     `json:"seq"`
	Hash   string  `json:"hash"`
}

// readJSON reads a session's json export.
func readJSON(path string) (*jsonExport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc jsonExport
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s is not a trustshop json export: %w", path, err)
	}
	if doc.SchemaVersion != 1 || doc.Session.ID == "" {
		return nil, fmt.Errorf("%s is not a trustshop json export (schema_version 1 with a session): export it with trustshop export ID --format json", path)
	}
	return &doc, nil
}

// chained reports whether the export carries the history's chain (an
// export written before trustshop chained its history does not).
func (d *jsonExport) chained() bool { return d.ChainHead != nil }

// history gathers the export's history rows (in the top level, in the
// ratings and in the notes) back into one list in the session's order,
// each with its entity and key. It reports the places where rows are
// missing (a gap in seq) or doubled.
func (d *jsonExport) history() ([]session.Change, []string) {
	type row struct {
		jsonChange
		entity, key string
	}
	var all []row
	for _, c := range d.History {
		all = append(all, row{c, c.Entity, c.Key})
	}
	for _, r := range d.Ratings {
		key := session.HistoryKey(r.ParticipantUUID, r.ElementID, r.Criterion, r.Round)
		for _, c := range r.History {
			all = append(all, row{c, "rating", key})
		}
	}
	for _, n := range d.Notes {
		for _, c := range n.History {
			all = append(all, row{c, "note", n.StepKey})
		}
	}
	slices.SortStableFunc(all, func(a, b row) int { return a.Seq - b.Seq })
	var problems []string
	out := make([]session.Change, len(all))
	for i, r := range all {
		if d.chained() && r.Seq != i+1 {
			if i > 0 && r.Seq == all[i-1].Seq {
				problems = append(problems, fmt.Sprintf("history row %d occurs twice", r.Seq))
			} else {
				problems = append(problems, fmt.Sprintf("history rows are missing before row %d (a row was deleted)", r.Seq))
			}
		}
		c := session.Change{SessionID: d.Session.ID, Entity: r.entity, Key: r.key, Field: r.Field, Old: r.Old, New: r.New,
			Actor: session.ParseActor(r.Actor), Reason: r.Reason, Hash: r.Hash}
		if r.At != nil {
			c.At, _ = time.Parse(time.RFC3339Nano, *r.At)
		}
		// The export holds each row's hash, not its predecessor's: a row
		// follows the one recorded before it.
		if i > 0 {
			c.Prev = out[i-1].Hash
		}
		out[i] = c
	}
	if !d.chained() {
		session.Chain("", out)
	}
	return out, problems
}

// head is the chain head the export records.
func (d *jsonExport) head(history []session.Change) string {
	if d.ChainHead != nil {
		return *d.ChainHead
	}
	if len(history) == 0 {
		return ""
	}
	return history[len(history)-1].Hash
}

// consensusRule is the rule the export's statistics were computed with.
func (d *jsonExport) consensusRule() stats.ConsensusRule {
	var st struct {
		Rule *stats.ConsensusRule `json:"consensus_rule"`
	}
	if json.Unmarshal(d.Statistics, &st) == nil && st.Rule != nil {
		return *st.Rule
	}
	return stats.ConsensusRule{Kind: d.Pack.Consensus.Rule, MaxIQR: d.Pack.Consensus.MaxIQR, MinAgreement: d.Pack.Consensus.MinAgreement}
}

// record turns the export into a session record.
func (d *jsonExport) record(source string) (session.Record, []string) {
	hist, problems := d.history()
	s := session.Session{ID: d.Session.ID, Title: d.Session.Title, Facilitator: d.Session.Facilitator,
		Organisation: d.Session.Organisation, Date: d.Session.Date, Site: d.Session.Site, Status: session.Status(d.Session.Status),
		Step: d.Session.Step, Steps: d.Session.Steps, PackID: d.Pack.ID, PackVersion: d.Pack.Version, PackHash: d.Session.PackHash,
		Consensus: d.consensusRule()}
	if s.PackHash == "" {
		s.PackHash = d.Pack.ContentHash
	}
	if d.Session.CreatedAt != nil {
		s.CreatedAt = *d.Session.CreatedAt
	}
	if d.Session.UpdatedAt != nil {
		s.UpdatedAt = *d.Session.UpdatedAt
	}
	index := make(map[string]int, len(d.Participants))
	for i, p := range d.Participants {
		index[p.UUID] = i
		s.Participants = append(s.Participants, session.Participant{UUID: p.UUID, Name: p.Name, Role: p.Role, Organisation: p.Organisation})
	}
	rec := session.Record{Session: s, History: hist, Head: d.head(hist), ElementHashes: d.Session.ElementHashes, Source: source}
	for _, r := range d.Ratings {
		i, ok := index[r.ParticipantUUID]
		if !ok {
			problems = append(problems, fmt.Sprintf("a rating names participant %s, who is not among the participants", r.ParticipantUUID))
			continue
		}
		ir := session.ImportedRating{Participant: i, ElementID: r.ElementID, CriterionID: r.Criterion, Round: r.Round,
			Value: r.Value, Abstain: r.Abstain, Comment: r.Comment}
		if r.RatedAt != nil {
			ir.RatedAt = *r.RatedAt
		}
		rec.Ratings = append(rec.Ratings, ir)
	}
	for _, n := range d.Notes {
		note := session.Note{StepKey: n.StepKey, Body: n.Body}
		if n.UpdatedAt != nil {
			note.UpdatedAt = *n.UpdatedAt
		}
		rec.Notes = append(rec.Notes, note)
	}
	rec.Rounds = roundsOf(hist, rec.Ratings)
	return rec, problems
}

// roundsOf rebuilds a session's element rounds from its history (when
// each opened, closed and was revealed), adding the rounds that hold
// ratings but no trace (an import): opened at the first rating, closed
// when a later round exists.
func roundsOf(hist []session.Change, ratings []session.ImportedRating) session.Rounds {
	type key struct {
		el    string
		round int
	}
	found := map[key]*session.ElementRound{}
	var order []key
	get := func(k key) *session.ElementRound {
		r, ok := found[k]
		if !ok {
			r = &session.ElementRound{ElementID: k.el, Round: k.round}
			found[k] = r
			order = append(order, k)
		}
		return r
	}
	for _, c := range hist {
		if c.Entity != "round" {
			continue
		}
		el, n, ok := strings.Cut(c.Key, "/")
		var round int
		if _, err := fmt.Sscan(n, &round); !ok || err != nil || round < 1 {
			continue
		}
		r := get(key{el, round})
		switch c.Field {
		case "opened":
			r.OpenedAt = c.At
		case "closed":
			r.ClosedAt = c.At
		case "reopened":
			r.ClosedAt = time.Time{}
		case "revealed_room":
			r.RevealedRoomAt = c.At
		case "revealed_devices":
			r.RevealedDevicesAt = c.At
		}
	}
	for _, rt := range ratings {
		if rt.Value == nil && !rt.Abstain {
			continue
		}
		r := get(key{rt.ElementID, rt.Round})
		if r.OpenedAt.IsZero() || (!rt.RatedAt.IsZero() && rt.RatedAt.Before(r.OpenedAt)) {
			r.OpenedAt = rt.RatedAt
		}
	}
	out := session.Rounds{}
	for _, k := range order {
		r := found[k]
		if r.OpenedAt.IsZero() {
			continue
		}
		out[k.el] = append(out[k.el], *r)
	}
	for el, rs := range out {
		slices.SortFunc(rs, func(a, b session.ElementRound) int { return a.Round - b.Round })
		for i := range rs[:len(rs)-1] {
			if rs[i].ClosedAt.IsZero() {
				rs[i].ClosedAt = rs[i+1].OpenedAt
			}
		}
		out[el] = rs
	}
	return out
}

// outlinePack is a pack as far as an export's outline describes it:
// enough to recompute the statistics the export holds.
func outlinePack(o content.Outline) *content.Pack {
	p := &content.Pack{ID: o.ID, Title: o.Title, Version: o.Version, ContentHash: o.ContentHash,
		Consensus: content.Consensus{Rule: o.Consensus.Rule, MaxIQR: o.Consensus.MaxIQR, MinAgreement: o.Consensus.MinAgreement}}
	for _, x := range o.Personas {
		p.Personas = append(p.Personas, content.Persona{ID: x.ID, Title: x.Title, Short: x.Short})
	}
	for _, x := range o.Elements {
		p.Elements = append(p.Elements, content.Element{ID: x.ID, Title: x.Title})
	}
	for _, x := range o.Criteria {
		p.Criteria = append(p.Criteria, content.Criterion{ID: x.ID, Label: x.Label, Question: x.Question, Min: x.Min, Max: x.Max,
			Points: x.Points, LowerIsBetter: x.Better == "lower"})
	}
	if o.Matrix != nil {
		p.Matrix = content.Matrix{X: o.Matrix.X, Y: o.Matrix.Y}
	}
	return p
}
