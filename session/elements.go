package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/trustshop/trustshop/content"
)

// ElementHash is the hash of an element's text as the experts read it:
// "sha256:<hex>" over its id, title, body, testimonials and references
// (as JSON, in that order). Two sessions rated the same element only if
// its hashes are equal; a merged study pools it only then.
func ElementHash(e content.Element) string {
	b, _ := json.Marshal(struct {
		ID           string                `json:"id"`
		Title        string                `json:"title"`
		Body         string                `json:"body"`
		Testimonials []content.Testimonial `json:"testimonials"`
		References   []content.Reference   `json:"references"`
	}{e.ID, e.Title, e.Body, e.Testimonials, e.References})
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ElementHashes are the hashes of a pack's elements by id.
func ElementHashes(p *content.Pack) map[string]string {
	out := make(map[string]string, len(p.Elements))
	for _, e := range p.Elements {
		out[e.ID] = ElementHash(e)
	}
	return out
}

// saveElementHashes records the text of each element a session runs on.
func (t *txn) saveElementHashes(sessionID string, hashes map[string]string) error {
	for id, h := range hashes {
		if _, err := t.exec(`INSERT INTO session_elements (session_id, element_id, content_hash) VALUES (?, ?, ?)
			ON CONFLICT (session_id, element_id) DO UPDATE SET content_hash = excluded.content_hash`, sessionID, id, h); err != nil {
			return err
		}
	}
	return nil
}

// ElementHashes are the hashes of the element texts a session ran on
// (ElementHash), by element id: as recorded when it was created, or, for
// a session created before trustshop recorded them, those of its pack if
// the pack's text is still the one the session ran on. Empty when neither
// is known.
func (e *Engine) ElementHashes(ctx context.Context, id string) (map[string]string, error) {
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := e.store.db.QueryContext(ctx, "SELECT element_id, content_hash FROM session_elements WHERE session_id = ?", sess.ID)
	if err != nil {
		return nil, e.store.wrap("read element texts", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var el, h string
		if err := rows.Scan(&el, &h); err != nil {
			return nil, e.store.wrap("read element texts", err)
		}
		out[el] = h
	}
	if err := rows.Err(); err != nil {
		return nil, e.store.wrap("read element texts", err)
	}
	if len(out) == 0 {
		if p, _, err := e.PackOf(sess); err == nil {
			out = packTexts(sess, p)
		}
	}
	return out, nil
}

// AllElementHashes are the element texts of every session of the
// database, by session id, as ElementHashes gives them.
func (e *Engine) AllElementHashes(ctx context.Context) (map[string]map[string]string, error) {
	list, _, err := e.store.allSessions(ctx)
	if err != nil {
		return nil, err
	}
	texts, err := e.store.allElementHashes(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]string, len(list))
	for _, sess := range list {
		out[sess.ID] = texts[sess.ID]
		if len(out[sess.ID]) == 0 {
			out[sess.ID] = map[string]string{}
			if p, _, err := e.PackOf(sess); err == nil {
				out[sess.ID] = packTexts(sess, p)
			}
		}
	}
	return out, nil
}

// packTexts are the element texts of a session that did not record them:
// those of its pack p if the pack's text is still the one it ran on,
// else none.
func packTexts(sess Session, p *content.Pack) map[string]string {
	if p.ContentHash != sess.PackHash {
		return map[string]string{}
	}
	return ElementHashes(p)
}
