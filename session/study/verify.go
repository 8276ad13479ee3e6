package study

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// CSV is a session's csv export to check against the json export
	// being verified (for a csv given as the file: its json, found beside
	// it when empty).
	CSV, JSON string
	// Head is the chain head the reviewer was given (in a paper, a
	// report's footer): the history must end there.
	Head string
	// Pack is the pack a database's sessions ran on (nil: each session's
	// own, as the engine finds it).
	Pack *content.Pack
	// PackDir is the folder of Pack.
	PackDir string
}

// Report is what Verify found, per session.
type Report struct {
	File     string
	Kind     Kind
	Sessions []SessionCheck
	// Problems are those of the file as a whole (a csv against its json,
	// a data package's files).
	Problems []string
	// Checked says what was found as recorded, where that is not a
	// session's chain (a data package's files).
	Checked []string
}

// SessionCheck is the verdict on one session.
type SessionCheck struct {
	SessionID string
	Site      string
	Rows      int    // history rows
	Head      string // the head its history's content gives
	// HeadOnly: the file holds the head but not the history (a data
	// package), so the chain was not checked.
	HeadOnly bool
	// Problems say, each in a sentence, what was changed after the fact.
	Problems []string
	// Statistics says how the statistics were recomputed.
	Statistics string
}

// OK reports whether nothing was changed after the fact.
func (r *Report) OK() bool {
	if len(r.Problems) > 0 {
		return false
	}
	for _, s := range r.Sessions {
		if len(s.Problems) > 0 {
			return false
		}
	}
	return true
}

// Verify checks a database, a session's json export (with its csv
// export), a csv export against its json, or a study's data package: it
// recomputes every session's history chain, holds what the file says the
// session holds against what the history recorded, and recomputes the
// statistics. A change made through trustshop (a correction with its
// reason) is in the history and passes; one made outside it (a value
// edited with sqlite3, a row deleted, rows reordered, a csv cell changed)
// is reported. Verify never writes to the file.
func Verify(ctx context.Context, path string, opt VerifyOptions) (*Report, error) {
	kind, err := Sniff(path)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: path, Kind: kind}
	switch kind {
	case KindDatabase:
		err = verifyDatabase(ctx, rep, path, opt)
	case KindJSON:
		err = verifyJSONFile(rep, path, opt)
	case KindCSV:
		if opt.JSON == "" {
			opt.JSON = strings.TrimSuffix(path, filepath.Ext(path)) + ".json"
			if _, err := os.Stat(opt.JSON); err != nil {
				return nil, fmt.Errorf("%s is a csv export, which carries no chain: verify it against the session's json export with --json FILE", path)
			}
		}
		opt.CSV = path
		err = verifyJSONFile(rep, opt.JSON, opt)
	case KindDataPackage:
		err = verifyDataPackage(rep, path)
	default:
		return nil, fmt.Errorf("%s is not a trustshop database, json or csv export, or data package", path)
	}
	if err != nil {
		return nil, err
	}
	if opt.Head != "" {
		found := false
		for _, s := range rep.Sessions {
			found = found || s.Head == opt.Head
		}
		if !found {
			rep.Problems = append(rep.Problems, fmt.Sprintf("no session's history ends at the head %s you gave: the history is not the one that head was published for", opt.Head))
		}
	}
	return rep, nil
}

// chainProblems checks a history's chain against the head recorded for it.
func chainProblems(hist []session.Change, recorded string) (string, []string) {
	head, broken := session.CheckChain(hist)
	var out []string
	if broken != nil {
		c := broken.Change
		out = append(out, fmt.Sprintf("history row %d (%s %s %s at %s): %s", broken.Index+1, c.Entity, c.Key, c.Field,
			c.At.UTC().Format("2006-01-02 15:04:05"), broken.Why))
	}
	if head != recorded && broken == nil {
		out = append(out, fmt.Sprintf("the session records the head %s but its history ends at %s (rows were cut off the end or added outside trustshop)",
			shortHex(recorded), shortHex(head)))
	}
	return head, out
}

func shortHex(h string) string {
	if h == "" {
		return "(none)"
	}
	return h[:min(len(h), 12)]
}

// verifyJSONFile checks a session's json export (and a csv against it).
func verifyJSONFile(rep *Report, path string, opt VerifyOptions) error {
	doc, err := readJSON(path)
	if err != nil {
		return err
	}
	sc := SessionCheck{SessionID: doc.Session.ID, Site: doc.Session.Site}
	rec, problems := doc.record(path)
	hist := rec.History
	sc.Rows = len(hist)
	sc.Problems = append(sc.Problems, problems...)
	if !doc.chained() {
		sc.Problems = append(sc.Problems, "the export was written before trustshop chained its history (no chain_head): nothing to check it against; export the session again")
	}
	var chain []string
	sc.Head, chain = chainProblems(hist, doc.head(hist))
	sc.Problems = append(sc.Problems, chain...)
	h := held{cells: map[string]session.CellState{}, names: map[string]string{}, notes: map[string]string{},
		participants: rec.Session.Participants, title: rec.Session.Title, site: rec.Session.Site}
	if b, err := json.Marshal(rec.Session.Consensus); err == nil {
		h.consensus = string(b)
	}
	for _, p := range rec.Session.Participants {
		h.names[p.UUID] = p.Name
	}
	for _, r := range doc.Ratings {
		h.cells[session.HistoryKey(r.ParticipantUUID, r.ElementID, r.Criterion, r.Round)] =
			session.CellState{Value: r.Value, Abstain: r.Abstain, Comment: r.Comment}
	}
	for _, n := range doc.Notes {
		h.notes[n.StepKey] = n.Body
	}
	sc.Problems = append(sc.Problems, h.against(session.Replay(hist))...)
	sc.Statistics, problems = checkJSONStatistics(doc, rec)
	sc.Problems = append(sc.Problems, problems...)
	rep.Sessions = append(rep.Sessions, sc)
	if opt.CSV != "" {
		rep.Problems = append(rep.Problems, checkCSV(opt.CSV, path, doc)...)
	}
	return nil
}

// checkJSONStatistics recomputes the statistics from the export's ratings
// and holds them against those it carries.
func checkJSONStatistics(doc *jsonExport, rec session.Record) (string, []string) {
	p := outlinePack(doc.Pack)
	sess := rec.Session
	rows := make([]session.Rating, 0, len(rec.Ratings))
	for i := range sess.Participants {
		sess.Participants[i].ID = int64(i + 1)
	}
	for _, r := range rec.Ratings {
		pt := sess.Participants[r.Participant]
		rows = append(rows, session.Rating{SessionID: sess.ID, ParticipantID: pt.ID, Participant: pt.Name, ElementID: r.ElementID,
			CriterionID: r.CriterionID, Round: r.Round, Value: r.Value, Abstain: r.Abstain, Comment: r.Comment, RatedAt: r.RatedAt})
	}
	rv := session.BuildResults(sess, p, rec.Rounds, session.Viewer{Kind: session.ViewResearcher}, rows)
	mine, err := json.Marshal(export.NewStatistics(export.Summary{Session: sess, Pack: p, Results: rv, Stats: rv.Stats}))
	if err != nil {
		return "", []string{"the statistics could not be recomputed: " + err.Error()}
	}
	var a, b any
	if json.Unmarshal(mine, &a) != nil || json.Unmarshal(doc.Statistics, &b) != nil {
		return "", []string{"the export's statistics are not a JSON object"}
	}
	if d := diffJSON("statistics", b, a); d != "" {
		return "recomputed from the ratings: they differ", []string{fmt.Sprintf("the statistics in the file are not those of its ratings: %s differs (edited outside trustshop)", d)}
	}
	return fmt.Sprintf("recomputed from %s: the same", ratingCount(len(rows))), nil
}

// ratingCount says "1 rating" or "3 ratings".
func ratingCount(n int) string {
	if n == 1 {
		return "1 rating"
	}
	return fmt.Sprintf("%d ratings", n)
}
