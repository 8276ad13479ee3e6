package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// SchemaVersion is the version of the json export's schema
// (docs/export-json.md). It goes up when a field changes meaning or goes
// away; new fields do not change it.
const SchemaVersion = 1

// Statistics is the statistics object of `trustshop stats --json` and of
// the json export. The field names are a contract for other tools.
type Statistics struct {
	SessionID string                 `json:"session_id"`
	Round     *int                   `json:"round,omitempty"` // set when limited to one round
	Elements  []stats.ElementStats   `json:"elements"`
	Criteria  []stats.CriterionStats `json:"criteria"`
	Ranking   []stats.Rank           `json:"ranking"`
	// ConsensusRule is the session's definition of a consensus, as data.
	ConsensusRule stats.ConsensusRule `json:"consensus_rule"`
	// Stability compares each element x criterion between consecutive
	// rounds (over every round, whatever Round is); StabilityW is the
	// change of Kendall's W per criterion between them.
	Stability  []stats.ElementStability   `json:"stability"`
	StabilityW []stats.CriterionStability `json:"stability_kendall_w"`
}

// NewStatistics wraps a stats.Result; its lists are never nil, so they
// encode as [] rather than null.
func NewStatistics(sum Summary) Statistics {
	st := Statistics{SessionID: sum.Session.ID, Elements: sum.Stats.Elements, Criteria: sum.Stats.Criteria, Ranking: sum.Stats.Ranking,
		ConsensusRule: sum.Session.Consensus, Stability: []stats.ElementStability{}, StabilityW: []stats.CriterionStability{}}
	if sum.Results != nil {
		sr := sum.Results.Stability()
		st.Stability, st.StabilityW = sr.Elements, sr.Criteria
	}
	if sum.Round > 0 {
		st.Round = &sum.Round
	}
	if st.Elements == nil {
		st.Elements = []stats.ElementStats{}
	}
	if st.Criteria == nil {
		st.Criteria = []stats.CriterionStats{}
	}
	if st.Ranking == nil {
		st.Ranking = []stats.Rank{}
	}
	return st
}

// StatsJSON writes the statistics as one indented JSON object.
func StatsJSON(w io.Writer, sum Summary) error {
	if err := NewJSONEncoder(w).Encode(NewStatistics(sum)); err != nil {
		return fmt.Errorf("statistics of session %s: %w", sum.Session.ID, err)
	}
	return nil
}

type jsonDoc struct {
	SchemaVersion int               `json:"schema_version"`
	Pack          content.Outline   `json:"pack"`
	Session       jsonSession       `json:"session"`
	Participants  []jsonParticipant `json:"participants"`
	Ratings       []jsonRating      `json:"ratings"`
	Notes         []jsonNote        `json:"notes"`
	History       []jsonChange      `json:"history"`
	Statistics    Statistics        `json:"statistics"`
	// ChainHead is the hash of the newest history row (docs/verify.md).
	ChainHead string `json:"chain_head"`
}

type jsonSession struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Facilitator  string  `json:"facilitator"`
	Organisation string  `json:"organisation"`
	Date         string  `json:"date"`
	Site         string  `json:"site"`
	Status       string  `json:"status"`
	Step         int     `json:"step"`
	Steps        int     `json:"steps"`
	CreatedAt    *string `json:"created_at"`
	UpdatedAt    *string `json:"updated_at"`
	// PackHash is the content hash of the pack as the session ran on it;
	// ElementHashes the hash of each element's text (session.ElementHash).
	PackHash      string            `json:"pack_hash"`
	ElementHashes map[string]string `json:"element_hashes"`
}

type jsonParticipant struct {
	ID           int64  `json:"id"`
	UUID         string `json:"uuid"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	RoleTitle    string `json:"role_title"`
	Organisation string `json:"organisation"`
}

type jsonRating struct {
	ParticipantID   int64        `json:"participant_id"`
	ParticipantUUID string       `json:"participant_uuid"`
	Participant     string       `json:"participant"`
	ElementID       string       `json:"element_id"`
	Criterion       string       `json:"criterion"`
	Round           int          `json:"round"`
	Value           *int         `json:"value"`
	Abstain         bool         `json:"abstain"`
	Comment         string       `json:"comment"`
	RatedAt         *string      `json:"rated_at"`
	UpdatedAt       *string      `json:"updated_at"`
	History         []jsonChange `json:"history"`
}

type jsonNote struct {
	StepKey   string       `json:"step_key"`
	StepTitle string       `json:"step_title"`
	Body      string       `json:"body"`
	UpdatedAt *string      `json:"updated_at"`
	History   []jsonChange `json:"history"`
}

type jsonChange struct {
	Entity string  `json:"entity,omitempty"`
	Key    string  `json:"entity_key,omitempty"`
	Field  string  `json:"field"`
	Old    *string `json:"old"`
	New    *string `json:"new"`
	At     *string `json:"at"`
	// Actor is who made the change ("facilitator", "participant:<uuid>",
	// "cli", "import"; "" before trustshop recorded it); Reason is set on
	// a correction of a closed or revealed round.
	Actor      string `json:"actor"`
	Reason     string `json:"reason,omitempty"`
	Correction bool   `json:"correction,omitempty"`
	// Seq is the row's place in the session's history, from 1; Hash its
	// hash in the chain (docs/verify.md).
	Seq  int    `json:"seq"`
	Hash string `json:"hash"`
}

// jsonTime is a time in RFC 3339 UTC, or null when unset.
func jsonTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339Nano)
	return &s
}

// JSON writes everything about the session as one JSON object: the pack's
// outline, the session, its participants, every rating row with its
// history, the notes with theirs, the remaining history and the
// statistics. The schema is documented in docs/export-json.md.
func JSON(w io.Writer, sum Summary) error {
	s, p := sum.Session, sum.Pack
	doc := jsonDoc{
		SchemaVersion: SchemaVersion,
		Pack:          p.Outline(),
		Session: jsonSession{ID: s.ID, Title: s.Title, Facilitator: s.Facilitator, Organisation: s.Organisation,
			Date: s.Date, Site: s.Site, Status: string(s.Status), Step: s.Step, Steps: s.Steps,
			CreatedAt: jsonTime(s.CreatedAt), UpdatedAt: jsonTime(s.UpdatedAt),
			PackHash: s.PackHash, ElementHashes: sum.ElementHashes},
		Participants: []jsonParticipant{},
		Ratings:      []jsonRating{},
		Notes:        []jsonNote{},
		History:      []jsonChange{},
		Statistics:   NewStatistics(sum),
		ChainHead:    sum.ChainHead(),
	}
	if doc.Session.ElementHashes == nil {
		doc.Session.ElementHashes = map[string]string{}
	}
	uuids := make(map[int64]string, len(s.Participants))
	for _, pt := range s.Participants {
		title := pt.Role
		if x, ok := p.Persona(pt.Role); ok {
			title = x.Title
		}
		doc.Participants = append(doc.Participants, jsonParticipant{pt.ID, pt.UUID, pt.Name, pt.Role, title, pt.Organisation})
		uuids[pt.ID] = pt.UUID
	}
	// History rows go with the rating or note they belong to.
	// Those of a rating or note that is no longer there (cleared, or
	// never more than a comment) stay in the top-level history, so that
	// every row of the chain is in the file.
	byKey := map[string][]jsonChange{}
	for i, c := range sum.History {
		jc := jsonChange{Entity: c.Entity, Key: c.Key, Field: c.Field, Old: c.Old, New: c.New, At: jsonTime(c.At), Actor: c.Actor.String(),
			Reason: c.Reason, Correction: c.Correction(), Seq: i + 1, Hash: c.Hash}
		if c.Entity == "rating" || c.Entity == "note" {
			byKey[c.Entity+"\x00"+c.Key] = append(byKey[c.Entity+"\x00"+c.Key], jc)
			continue
		}
		doc.History = append(doc.History, jc)
	}
	// take hands out a rating's or note's rows without entity and key:
	// the object they sit in names them.
	take := func(k string) []jsonChange {
		h := byKey[k]
		delete(byKey, k)
		for i := range h {
			h[i].Entity, h[i].Key = "", ""
		}
		if h == nil {
			h = []jsonChange{}
		}
		return h
	}
	err := sum.Ratings(func(r session.Rating) error {
		uuid := uuids[r.ParticipantID]
		h := take("rating\x00" + uuid + "/" + r.ElementID + "/" + r.CriterionID + "/" + strconv.Itoa(r.Round))
		doc.Ratings = append(doc.Ratings, jsonRating{
			ParticipantID: r.ParticipantID, ParticipantUUID: uuid, Participant: r.Participant, ElementID: r.ElementID, Criterion: r.CriterionID,
			Round: r.Round, Value: r.Value, Abstain: r.Abstain, Comment: r.Comment,
			RatedAt: jsonTime(r.RatedAt), UpdatedAt: jsonTime(r.UpdatedAt), History: h,
		})
		return nil
	})
	if err != nil {
		return fmt.Errorf("json of session %s: %w", s.ID, err)
	}
	v := &view{Sum: sum}
	v.notes()
	for _, n := range v.Notes {
		h := take("note\x00" + n.Key)
		doc.Notes = append(doc.Notes, jsonNote{StepKey: n.Key, StepTitle: n.Title, Body: n.Body,
			UpdatedAt: jsonTime(sum.Notes[n.Key].UpdatedAt), History: h})
	}
	for _, rest := range byKey {
		doc.History = append(doc.History, rest...)
	}
	slices.SortFunc(doc.History, func(a, b jsonChange) int { return a.Seq - b.Seq })
	bw := bufio.NewWriter(w)
	if err := NewJSONEncoder(bw).Encode(doc); err != nil {
		return fmt.Errorf("json of session %s: %w", s.ID, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("json of session %s: %w", s.ID, err)
	}
	return nil
}
