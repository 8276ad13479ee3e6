package study

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// Result is the statistics of a study, per site and pooled: the object
// `trustshop study stats --json` prints (docs/study.md). Lists are never
// nil.
type Result struct {
	PackID        string              `json:"pack_id"`
	ConsensusRule stats.ConsensusRule `json:"consensus_rule"`
	Sessions      []SessionInfo       `json:"sessions"`
	Sites         []SiteStats         `json:"sites"`
	Pooled        PooledStats         `json:"pooled"`
	// Warnings say what the reader of the figures must know (sessions
	// under different consensus rules).
	Warnings []string `json:"warnings"`
}

// SessionInfo is one session of a study.
type SessionInfo struct {
	SessionID    string `json:"session_id"`
	Site         string `json:"site"`
	Title        string `json:"title"`
	Date         string `json:"date"`
	Participants int    `json:"participants"`
	Ratings      int    `json:"ratings"` // values and abstentions
	ChainHead    string `json:"chain_head"`
}

// SiteStats are the statistics of the sessions of one site: every
// statistic of a session's, over the site's participants together,
// Kendall's W included (it needs the same raters for every element, which
// a site's experts are).
type SiteStats struct {
	Site          string                     `json:"site"`
	Sessions      []string                   `json:"sessions"`
	Participants  int                        `json:"participants"`
	Ratings       int                        `json:"ratings"`
	ConsensusRule stats.ConsensusRule        `json:"consensus_rule"`
	Elements      []stats.ElementStats       `json:"elements"`
	Criteria      []stats.CriterionStats     `json:"criteria"`
	Stability     []stats.ElementStability   `json:"stability"`
	StabilityW    []stats.CriterionStability `json:"stability_kendall_w"`
}

// PooledStats are the statistics of every site's ratings together: the
// participants of all sites are the raters of Krippendorff's alpha, which
// takes raters who rated different things; Kendall's W is reported per
// site only.
type PooledStats struct {
	Sessions     int                      `json:"sessions"`
	Sites        int                      `json:"sites"`
	Participants int                      `json:"participants"`
	Ratings      int                      `json:"ratings"`
	Elements     []stats.ElementStats     `json:"elements"`
	Criteria     []PooledCriterion        `json:"criteria"`
	Stability    []stats.ElementStability `json:"stability"`
}

// PooledCriterion is Krippendorff's alpha of a criterion in a round over
// every participant of the study.
type PooledCriterion struct {
	Criterion     string   `json:"criterion"`
	Round         int      `json:"round"`
	AlphaNominal  *float64 `json:"alpha_nominal"`
	AlphaOrdinal  *float64 `json:"alpha_ordinal"`
	AlphaInterval *float64 `json:"alpha_interval"`
}

// siteRatings gathers what one site contributes.
type siteRatings struct {
	site         string
	sessions     []string
	participants int
	rules        []stats.ConsensusRule
	ratings      []stats.Rating
	count        int // how many ratings, before they are gathered
}

// Compute reads every session of the study database behind e and computes
// the statistics per site and pooled, the raters being the participants'
// UUIDs (unique across the study).
func Compute(ctx context.Context, e *session.Engine, p *content.Pack) (*Result, error) {
	list, err := e.AllSessions(ctx, session.Viewer{Kind: session.ViewResearcher})
	if err != nil {
		return nil, err
	}
	// Oldest first, so that sites and sessions come out in the order the
	// workshops ran.
	slices.SortStableFunc(list, func(a, b session.SessionCells) int {
		return cmp.Or(strings.Compare(a.Session.Date, b.Session.Date), strings.Compare(a.Session.ID, b.Session.ID))
	})
	res := &Result{PackID: p.ID, Sessions: []SessionInfo{}, Sites: []SiteStats{}, Warnings: []string{}}
	bySite := map[string]*siteRatings{}
	var sites []*siteRatings
	var rules []stats.ConsensusRule
	ids := map[string]string{} // interned ids: the pack's strings
	for _, el := range p.Elements {
		ids[el.ID] = el.ID
	}
	for _, c := range p.Criteria {
		ids[c.ID] = c.ID
	}
	total := 0
	for _, s := range list {
		total += len(s.Cells)
	}
	all := make([]stats.Rating, 0, total)
	perSession := make([][]stats.Rating, len(list))
	for i, s := range list {
		sess := s.Session
		if sess.PackID != p.ID {
			return nil, fmt.Errorf("session %s ran on pack %q, the study on %q: a study pools sessions of one pack", sess.ID, sess.PackID, p.ID)
		}
		sr := bySite[sess.Site]
		if sr == nil {
			sr = &siteRatings{site: sess.Site}
			bySite[sess.Site] = sr
			sites = append(sites, sr)
		}
		sr.sessions = append(sr.sessions, sess.ID)
		sr.participants += len(sess.Participants)
		sr.rules = append(sr.rules, sess.Consensus)
		rules = append(rules, sess.Consensus)
		start := len(all)
		for _, c := range s.Cells {
			if !c.Given {
				continue
			}
			x := stats.Rating{Element: intern(ids, c.ElementID), Criterion: intern(ids, c.CriterionID), Round: c.Round,
				Rater: sess.Participants[c.Participant].UUID, Abstain: c.Abstain}
			if !c.Abstain && !c.Hidden {
				x.Value = c.Value
			}
			all = append(all, x)
		}
		perSession[i] = all[start:]
		sr.count += len(all) - start
		res.Sessions = append(res.Sessions, SessionInfo{SessionID: sess.ID, Site: sess.Site, Title: sess.Title, Date: sess.Date,
			Participants: len(sess.Participants), Ratings: len(all) - start, ChainHead: s.ChainHead})
	}
	// Each site's ratings in the order of its sessions, as the pooled ones.
	for i, s := range list {
		sr := bySite[s.Session.Site]
		if sr.ratings == nil {
			sr.ratings = make([]stats.Rating, 0, sr.count)
		}
		sr.ratings = append(sr.ratings, perSession[i]...)
	}
	rule, warn := commonRule(rules, session.PackRule(p))
	res.ConsensusRule = rule
	if warn != "" {
		res.Warnings = append(res.Warnings, "pooled: "+warn)
	}
	elements, criteria := packOrder(p)
	for _, sr := range sites {
		rule, warn := commonRule(sr.rules, session.PackRule(p))
		if warn != "" {
			res.Warnings = append(res.Warnings, fmt.Sprintf("site %q: %s", sr.site, warn))
		}
		st := cellStats(p, rule, sr.ratings)
		stab := stats.Stability(sr.ratings, elements, criteria)
		res.Sites = append(res.Sites, SiteStats{Site: sr.site, Sessions: sr.sessions, Participants: sr.participants,
			Ratings: len(sr.ratings), ConsensusRule: rule, Elements: st.Elements, Criteria: st.Criteria,
			Stability: nonNil(stab.Elements), StabilityW: nonNil(stab.Criteria)})
	}
	st := cellStats(p, rule, all)
	pooled := PooledStats{Sessions: len(list), Sites: len(sites), Ratings: len(all), Elements: st.Elements, Criteria: []PooledCriterion{},
		Stability: nonNil(stats.Stability(all, elements, criteria).Elements)}
	for _, sr := range sites {
		pooled.Participants += sr.participants
	}
	for _, c := range st.Criteria {
		pooled.Criteria = append(pooled.Criteria, PooledCriterion{Criterion: c.Criterion, Round: c.Round,
			AlphaNominal: c.AlphaNominal, AlphaOrdinal: c.AlphaOrdinal, AlphaInterval: c.AlphaInterval})
	}
	res.Pooled = pooled
	return res, nil
}

func intern(ids map[string]string, s string) string {
	if x, ok := ids[s]; ok {
		return x
	}
	ids[s] = s
	return s
}

func packOrder(p *content.Pack) (elements, criteria []string) {
	for _, e := range p.Elements {
		elements = append(elements, e.ID)
	}
	for _, c := range p.Criteria {
		criteria = append(criteria, c.ID)
	}
	return elements, criteria
}

// cellStats computes the statistics of ratings on the pack and drops the
// empty cells of a round an element was not rated in, as a session's
// results do: a Delphi round 2 on two elements is not a round 2 of the
// others.
func cellStats(p *content.Pack, rule stats.ConsensusRule, ratings []stats.Rating) stats.Result {
	res := session.ComputeStats(p, rule, ratings)
	first := 0
	for _, es := range res.Elements {
		if first == 0 || es.Round < first {
			first = es.Round
		}
	}
	res.Elements = slices.DeleteFunc(res.Elements, func(es stats.ElementStats) bool {
		return es.Round != first && es.N == 0 && es.Abstain == 0
	})
	return res
}

// commonRule is the consensus rule the sessions share; when they differ,
// the one most of them use (the first of those most used), with a warning.
func commonRule(rules []stats.ConsensusRule, fallback stats.ConsensusRule) (stats.ConsensusRule, string) {
	if len(rules) == 0 {
		return fallback, ""
	}
	count := map[stats.ConsensusRule]int{}
	best := rules[0]
	for _, r := range rules {
		count[r]++
		if count[r] > count[best] {
			best = r
		}
	}
	if len(count) == 1 {
		return best, ""
	}
	var kinds []string
	for r := range count {
		kinds = append(kinds, r.EffectiveKind())
	}
	sort.Strings(kinds)
	return best, fmt.Sprintf("the sessions use %d consensus rules (%s); consensus is decided by the one %d of %d use (%s)",
		len(count), strings.Join(kinds, ", "), count[best], len(rules), best.EffectiveKind())
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
