package session

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session/stats"
)

// PackRule is the consensus rule a pack sets.
func PackRule(p *content.Pack) stats.ConsensusRule {
	return stats.ConsensusRule{Kind: p.Consensus.Rule, MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement}
}

// encodeRule is how a session stores its consensus rule.
func encodeRule(r stats.ConsensusRule) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// decodeRule reads a stored rule; "" (a session from before rules were
// stored) is the pack's.
func decodeRule(s string, p *content.Pack) stats.ConsensusRule {
	var r stats.ConsensusRule
	if s == "" || json.Unmarshal([]byte(s), &r) != nil {
		return PackRule(p)
	}
	return r
}

// SetConsensusRule changes the consensus definition of a session. It is
// fixed before round 1 (from the pack, when the session is created); a
// change afterwards is recorded in the history with the old and the new
// rule, so a reader sees that the definition moved.
func (e *Engine) SetConsensusRule(ctx context.Context, actor Actor, id string, rule stats.ConsensusRule) error {
	if err := facilitatorOnly(actor, "change the consensus rule"); err != nil {
		return err
	}
	if err := rule.Validate(); err != nil {
		return invalid("consensus rule: %v", err)
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		var stored string
		if err := t.queryRow("SELECT consensus FROM sessions WHERE id = ?", sess.ID).Scan(&stored); err != nil {
			return err
		}
		old, new := encodeRule(decodeRule(stored, p)), encodeRule(rule)
		if old == new && stored != "" {
			return nil
		}
		if _, err := t.exec("UPDATE sessions SET consensus = ?, updated_at = ? WHERE id = ?", new, formatTime(t.now), sess.ID); err != nil {
			return err
		}
		return t.log(sess.ID, "session", sess.ID, "consensus", &old, &new)
	})
}

// DescribeConsensus says in one sentence what a rule calls a consensus,
// for every screen and export that shows a consensus mark.
func DescribeConsensus(r stats.ConsensusRule) string {
	switch r.EffectiveKind() {
	case stats.ConsensusPercentAgreement:
		return fmt.Sprintf("at least %s of the ratings within one scale point of the median (percent agreement)", percent(r.MinAgreement))
	case stats.Consensus7015:
		return "at least 70 % of the ratings in the best third of the scale and fewer than 15 % in the worst third (the 70/15 rule)"
	case stats.ConsensusIQRAgreement:
		return fmt.Sprintf("an interquartile range (IQR) of at most %s and at least %s of the ratings within one scale point of the median",
			strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", r.MaxIQR), "0"), "."), percent(r.MinAgreement))
	}
	return fmt.Sprintf("an unknown rule %q", r.Kind)
}

func percent(share float64) string {
	s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", share*100), "0"), ".")
	return s + " %"
}
