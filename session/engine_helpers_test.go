package session_test

import (
	"fmt"
	"sort"
	"strings"

	"github.com/trustshop/trustshop/session"
)

// fmtAll renders what a command may change, to compare before and after.
func fmtAll(rows []session.Rating, rounds session.Rounds, history int, status session.Status, step int) string {
	var parts []string
	for _, r := range rows {
		v := "-"
		if r.Value != nil {
			v = fmt.Sprint(*r.Value)
		}
		parts = append(parts, fmt.Sprintf("%d/%s/%s/%d=%s,%v,%q", r.ParticipantID, r.ElementID, r.CriterionID, r.Round, v, r.Abstain, r.Comment))
	}
	for el, list := range rounds {
		for _, x := range list {
			parts = append(parts, fmt.Sprintf("round %s/%d open=%v room=%v devices=%v", el, x.Round, x.Open(), x.RevealedToRoom(), x.RevealedToDevices()))
		}
	}
	sort.Strings(parts)
	return fmt.Sprintf("history %d, %s step %d: %s", history, status, step, strings.Join(parts, "; "))
}
