package study

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// TidyHeader is the header of the study's csv, one row per rating (a
// value or an abstention): a contract for R and pandas scripts
// (docs/study.md).
var TidyHeader = []string{"site", "session_id", "session_date", "participant_uuid", "role",
	"element_id", "criterion", "round", "value", "abstain", "rated_at"}

// SessionsHeader is the header of the study's sessions csv.
var SessionsHeader = []string{"session_id", "site", "title", "date", "participants", "ratings", "chain_head"}

// DataPackageName is the file the data package is written to, beside the
// csv.
const DataPackageName = "datapackage.json"

// ExportFiles are the files Export wrote.
type ExportFiles struct {
	CSV, Sessions, DataPackage string
}

// Export writes the study's ratings as a tidy csv at csvPath, its
// sessions beside it (<name>-sessions.csv) and a Frictionless data
// package (datapackage.json) describing both: each file's size in bytes,
// its sha256 and its table schema.
func Export(ctx context.Context, e *session.Engine, p *content.Pack, csvPath string, now time.Time) (ExportFiles, error) {
	res, err := Compute(ctx, e, p)
	if err != nil {
		return ExportFiles{}, err
	}
	dir := filepath.Dir(csvPath)
	files := ExportFiles{CSV: csvPath, Sessions: strings.TrimSuffix(csvPath, filepath.Ext(csvPath)) + "-sessions.csv",
		DataPackage: filepath.Join(dir, DataPackageName)}
	ratingsFile, err := writeFile(files.CSV, func(w io.Writer) error { return writeTidy(ctx, w, e, res) })
	if err != nil {
		return ExportFiles{}, err
	}
	sessionsFile, err := writeFile(files.Sessions, func(w io.Writer) error { return writeSessions(w, res) })
	if err != nil {
		return ExportFiles{}, err
	}
	dp := newDataPackage(p, res, now, ratingsFile, sessionsFile)
	if _, err := writeFile(files.DataPackage, func(w io.Writer) error { return writeJSON(w, dp) }); err != nil {
		return ExportFiles{}, err
	}
	return files, nil
}

// writeJSON writes v as every JSON output of trustshop is written
// (export.NewJSONEncoder: indented, no character a terminal acts on).
func writeJSON(w io.Writer, v any) error {
	return export.NewJSONEncoder(w).Encode(v)
}

// writtenFile is a file as the data package describes it.
type writtenFile struct {
	name  string
	bytes int64
	hash  string
}

// writeFile writes a file through fn with export.WriteFile (to a
// temporary file renamed into place, so that a failed export leaves no
// half file; its messages name the folder, not the temporary file) and
// returns its size and sha256.
func writeFile(path string, fn func(io.Writer) error) (writtenFile, error) {
	h := sha256.New()
	var n int64
	err := export.WriteFile(path, func(w io.Writer) error {
		cw := &countWriter{w: io.MultiWriter(w, h)}
		if err := fn(cw); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		n = cw.n
		return nil
	})
	if err != nil {
		return writtenFile{}, err
	}
	return writtenFile{name: filepath.Base(path), bytes: n, hash: "sha256:" + hex.EncodeToString(h.Sum(nil))}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// writeTidy writes one row per value or abstention of every session.
func writeTidy(ctx context.Context, w io.Writer, e *session.Engine, res *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TidyHeader); err != nil {
		return err
	}
	rec := make([]string, len(TidyHeader))
	var stamp []byte
	for _, si := range res.Sessions {
		sess, err := e.Session(ctx, si.SessionID)
		if err != nil {
			return err
		}
		people := make(map[int64]session.Participant, len(sess.Participants))
		for _, pt := range sess.Participants {
			people[pt.ID] = pt
		}
		rec[0], rec[1], rec[2] = sess.Site, sess.ID, sess.Date
		err = e.EachCell(ctx, session.Viewer{Kind: session.ViewResearcher}, sess.ID, func(c session.Cell) error {
			r := c.Rating
			if !r.Given() {
				return nil
			}
			pt := people[r.ParticipantID]
			rec[3], rec[4], rec[5], rec[6], rec[7] = pt.UUID, pt.Role, r.ElementID, r.CriterionID, strconv.Itoa(r.Round)
			if r.Abstain || r.Value == nil {
				rec[8], rec[9] = "", "TRUE"
			} else {
				rec[8], rec[9] = strconv.Itoa(*r.Value), "FALSE"
			}
			// Microseconds at most: what R, pandas and both frictionless
			// readers parse as an ISO 8601 time.
			stamp = r.RatedAt.UTC().Truncate(time.Microsecond).AppendFormat(stamp[:0], "2006-01-02T15:04:05.999999Z")
			rec[10] = string(stamp)
			return cw.Write(rec)
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSessions writes one row per session.
func writeSessions(w io.Writer, res *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SessionsHeader); err != nil {
		return err
	}
	for _, s := range res.Sessions {
		if err := cw.Write([]string{s.SessionID, s.Site, s.Title, s.Date, strconv.Itoa(s.Participants),
			strconv.Itoa(s.Ratings), s.ChainHead}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
