package study

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/trustshop/trustshop/session"
)

// held is what a database's tables or an export's objects hold of a
// session, to hold against the trace of its history.
type held struct {
	cells        map[string]session.CellState // by history key
	names        map[string]string            // participant uuid -> name, for messages
	notes        map[string]string
	participants []session.Participant
	title, site  string
	consensus    string // the rule as stored (JSON); "" to leave unchecked
}

// maxListed bounds the differences listed per kind: a table edited
// wholesale needs no ten thousand lines to say so.
const maxListed = 10

// against lists every way what is held differs from what the history
// records: values edited, rows added or deleted outside trustshop.
func (h held) against(tr session.Trace) []string {
	var out []string
	var cellProblems []string
	keys := make([]string, 0, len(h.cells))
	for k := range h.cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		got := h.cells[k]
		want, ok := tr.Cells[k]
		switch {
		case !ok && !got.Empty():
			cellProblems = append(cellProblems, fmt.Sprintf("rating %s holds %s but the history never recorded it (added outside trustshop)", h.cellName(k), got))
		case ok && !got.SameAs(want):
			cellProblems = append(cellProblems, fmt.Sprintf("rating %s holds %s but the history says %s (edited outside trustshop)", h.cellName(k), got, want))
		}
	}
	gone := make([]string, 0)
	for k, want := range tr.Cells {
		if _, ok := h.cells[k]; !ok && !want.Empty() {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	for _, k := range gone {
		cellProblems = append(cellProblems, fmt.Sprintf("rating %s is missing but the history says %s (deleted outside trustshop)", h.cellName(k), tr.Cells[k]))
	}
	out = append(out, capList(cellProblems)...)
	for step, body := range h.notes {
		if want, ok := tr.Notes[step]; !ok || want != body {
			out = append(out, fmt.Sprintf("the note of step %s is not the text the history recorded (edited outside trustshop)", step))
		}
	}
	for step, want := range tr.Notes {
		if _, ok := h.notes[step]; !ok && want != "" {
			out = append(out, fmt.Sprintf("the note of step %s is missing (deleted outside trustshop)", step))
		}
	}
	seen := map[string]bool{}
	for _, p := range h.participants {
		seen[p.UUID] = true
		pt, ok := tr.Participants[p.UUID]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("participant %s (%s) has no trace in the history (added outside trustshop)", p.Name, p.UUID))
		case !pt.Matches(p):
			out = append(out, fmt.Sprintf("participant %s (%s) is not as the history recorded them: %q (edited outside trustshop)", p.Name, p.UUID, pt.Added))
		}
	}
	for uuid := range tr.Participants {
		if !seen[uuid] && h.participants != nil {
			out = append(out, fmt.Sprintf("participant %s of the history is missing (deleted outside trustshop)", uuid))
		}
	}
	if want, ok := tr.Session["title"]; ok && want != h.title {
		out = append(out, fmt.Sprintf("the session's title is %q but the history says %q", h.title, want))
	}
	if want := tr.Session["site"]; want != h.site {
		out = append(out, fmt.Sprintf("the session's site is %q but the history says %q", h.site, want))
	}
	if want, ok := tr.Session["consensus"]; ok && h.consensus != "" && !sameJSON(want, h.consensus) {
		out = append(out, fmt.Sprintf("the session's consensus rule is %s but the history says %s", h.consensus, want))
	}
	return out
}

// cellName names a rating cell by its participant's name.
func (h held) cellName(key string) string {
	c := session.Change{Entity: "rating", Key: key}
	uuid, k, ok := c.CellOf()
	if !ok {
		return key
	}
	name := h.names[uuid]
	if name == "" {
		name = uuid
	}
	return fmt.Sprintf("of %s on %s/%s round %d", name, k.ElementID, k.CriterionID, k.Round)
}

// capList keeps the first maxListed lines and says how many more there were.
func capList(lines []string) []string {
	if len(lines) <= maxListed {
		return lines
	}
	return append(lines[:maxListed:maxListed], fmt.Sprintf("… and %d more like these", len(lines)-maxListed))
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(a, b string) bool {
	return bytes.Equal(canonicalJSON([]byte(a)), canonicalJSON([]byte(b)))
}

// canonicalJSON re-encodes a JSON text with sorted keys and no spacing.
func canonicalJSON(b []byte) []byte {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return b
	}
	out, _ := json.Marshal(v)
	return out
}

// diffJSON names the first place where two JSON values differ: a key
// path such as elements[3].median, or "" when they are the same.
func diffJSON(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return path
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if d := diffJSON(p, x[k], y[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok {
			return path
		}
		for i := range max(len(x), len(y)) {
			if i >= len(x) || i >= len(y) {
				return fmt.Sprintf("%s[%d]", path, i)
			}
			if d := diffJSON(fmt.Sprintf("%s[%d]", path, i), x[i], y[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		return path
	}
	return ""
}
