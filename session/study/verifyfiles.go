package study

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session/ingest"
)

// checkCSV holds a session's csv export against its json export: every
// value and abstention of the json is a row of the csv, as it is there,
// and the csv has no other row.
func checkCSV(csvPath, jsonPath string, doc *jsonExport) []string {
	f, err := os.Open(csvPath)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	// Byte-true: encoding/csv would turn a CRLF in a quoted comment into
	// LF, and an untouched export would differ from its json.
	r := ingest.NewCSVReader(f, ',')
	header, _, err := r.Read()
	if err != nil || !slices.Equal(header, export.CSVHeader) {
		return []string{fmt.Sprintf("%s: the header is not that of a trustshop csv export", csvPath)}
	}
	col := func(name string) int { return slices.Index(export.CSVHeader, name) }
	type cellID struct {
		name, element, criterion string
		round                    int
	}
	type want struct {
		value   string
		abstain string
		comment string
		ratedAt time.Time
		seen    bool
	}
	wanted := map[cellID]*want{}
	for _, rt := range doc.Ratings {
		if rt.Value == nil && !rt.Abstain {
			continue
		}
		w := &want{abstain: "FALSE", comment: rt.Comment}
		if rt.Abstain {
			w.abstain = "TRUE"
		} else {
			w.value = strconv.Itoa(*rt.Value)
		}
		if rt.RatedAt != nil {
			w.ratedAt = *rt.RatedAt
		}
		wanted[cellID{rt.Participant, rt.ElementID, rt.Criterion, rt.Round}] = w
	}
	var out []string
	base := filepath.Base(csvPath)
	for {
		rec, line, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", base, err))
			break
		}
		if len(rec) != len(export.CSVHeader) {
			out = append(out, fmt.Sprintf("%s:%d: %d cells, not %d", base, line, len(rec), len(export.CSVHeader)))
			continue
		}
		round, _ := strconv.Atoi(rec[col("round")])
		id := cellID{export.Restore(rec[col("participant")]), export.Restore(rec[col("element_id")]), export.Restore(rec[col("criterion")]), round}
		w, ok := wanted[id]
		switch {
		case rec[col("session_id")] != doc.Session.ID:
			out = append(out, fmt.Sprintf("%s:%d: session %s is not the json's %s", base, line, rec[col("session_id")], doc.Session.ID))
		case !ok:
			out = append(out, fmt.Sprintf("%s:%d: %s on %s/%s round %d is not a rating of the json (added or changed outside trustshop)",
				base, line, id.name, id.element, id.criterion, id.round))
		case w.seen:
			out = append(out, fmt.Sprintf("%s:%d: %s on %s/%s round %d occurs twice", base, line, id.name, id.element, id.criterion, id.round))
		default:
			w.seen = true
			at, _ := time.Parse(time.RFC3339Nano, rec[col("rated_at")])
			var diff []string
			if rec[col("value")] != w.value {
				diff = append(diff, fmt.Sprintf("value %q, not %q", rec[col("value")], w.value))
			}
			if rec[col("abstain")] != w.abstain {
				diff = append(diff, fmt.Sprintf("abstain %s, not %s", rec[col("abstain")], w.abstain))
			}
			if c := export.Restore(rec[col("comment")]); c != w.comment {
				diff = append(diff, fmt.Sprintf("comment %q, not %q", clip(c), clip(w.comment)))
			}
			if !at.Equal(w.ratedAt) {
				diff = append(diff, fmt.Sprintf("rated_at %q, not %s", rec[col("rated_at")], w.ratedAt.Format(time.RFC3339Nano)))
			}
			if len(diff) > 0 {
				out = append(out, fmt.Sprintf("%s:%d: %s on %s/%s round %d is not as in the json (%s; edited outside trustshop)",
					base, line, id.name, id.element, id.criterion, id.round, strings.Join(diff, ", ")))
			}
		}
	}
	var missing []string
	for id, w := range wanted {
		if !w.seen {
			missing = append(missing, fmt.Sprintf("%s: the rating of %s on %s/%s round %d in %s is missing (deleted outside trustshop)",
				base, id.name, id.element, id.criterion, id.round, filepath.Base(jsonPath)))
		}
	}
	slices.Sort(missing)
	return capList(append(capList(out), missing...))
}

// clip shortens a comment quoted in a message to its first 40 runes.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// verifyDataPackage checks that each file of a study's data package is
// there with the size and sha256 the descriptor records. The package holds
// no history, so the sessions' chains are not checked here: each session
// is listed with the head the package records and its site.
func verifyDataPackage(rep *Report, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var dp DataPackage
	if err := json.Unmarshal(b, &dp); err != nil {
		return fmt.Errorf("%s is not a data package: %w", path, err)
	}
	dir := filepath.Dir(path)
	sites := map[string]string{}
	for _, res := range dp.Resources {
		rel := filepath.FromSlash(res.Path)
		if !filepath.IsLocal(rel) {
			rep.Problems = append(rep.Problems, fmt.Sprintf("resource %s: path %q is not a file in the package's folder (absolute or with ..): not read", res.Name, res.Path))
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("resource %s: %v", res.Name, err))
			continue
		}
		sum := sha256.Sum256(data)
		switch {
		case int64(len(data)) != res.Bytes:
			rep.Problems = append(rep.Problems, fmt.Sprintf("resource %s: %s is not the file the package describes (%d bytes, not %d): changed after the export",
				res.Name, res.Path, len(data), res.Bytes))
			continue
		case "sha256:"+hex.EncodeToString(sum[:]) != res.Hash:
			rep.Problems = append(rep.Problems, fmt.Sprintf("resource %s: %s is not the file the package describes (same size, but its sha256 differs): changed after the export",
				res.Name, res.Path))
			continue
		}
		rep.Checked = append(rep.Checked, fmt.Sprintf("resource %s: %s has the size (%d bytes) and sha256 the package records", res.Name, res.Path, res.Bytes))
		if res.Name == "sessions" {
			readSites(data, sites)
		}
	}
	for id, head := range dp.Trustshop.ChainHeads {
		rep.Sessions = append(rep.Sessions, SessionCheck{SessionID: id, Site: sites[id], Head: head, HeadOnly: true,
			Statistics: "not recomputed: verify the study database for that"})
	}
	slices.SortFunc(rep.Sessions, func(a, b SessionCheck) int { return strings.Compare(a.SessionID, b.SessionID) })
	return nil
}

// readSites reads each session's site from the package's sessions table.
func readSites(data []byte, sites map[string]string) {
	r := ingest.NewCSVReader(bytes.NewReader(data), ',')
	header, _, err := r.Read()
	if err != nil {
		return
	}
	id, site := slices.Index(header, "session_id"), slices.Index(header, "site")
	if id < 0 || site < 0 {
		return
	}
	for {
		rec, _, err := r.Read()
		if err != nil {
			return
		}
		if len(rec) > max(id, site) {
			sites[rec[id]] = export.Restore(rec[site])
		}
	}
}
