package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/session"
)

// Markdown writes the summary a participant reads after the workshop: who
// took part, the notes per agenda step, the results per element, the
// rankings, the impact x effort matrix and where the group agreed. It uses
// only CommonMark and GitHub tables (no HTML), so it reads well in glow and
// on GitHub. User-written text is escaped so it cannot break the layout.
func Markdown(w io.Writer, sum Summary) error {
	v, err := newView(sum)
	if err != nil {
		return fmt.Errorf("markdown of session %s: %w", sum.Session.ID, err)
	}
	m := &mdWriter{w: bufio.NewWriter(w)}
	m.head(v)
	m.people(v)
	m.notes(v)
	m.results(v)
	m.rankings(v)
	m.matrix(v)
	m.consensus(v)
	m.agreement(v)
	m.corrections(v)
	m.foot(v)
	if m.err == nil {
		m.err = m.w.Flush()
	}
	if m.err != nil {
		return fmt.Errorf("markdown of session %s: %w", sum.Session.ID, m.err)
	}
	return nil
}

// mdWriter keeps the first write error, so the sections need not check.
type mdWriter struct {
	w   *bufio.Writer
	err error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *mdWriter) head(v *view) {
	s, p := v.Sum.Session, v.Sum.Pack
	m.printf("# %s\n\n", mdText(s.Title))
	m.printf("- **Date:** %s\n", mdText(s.Date))
	m.printf("- **Facilitator:** %s\n", mdText(s.Facilitator))
	if s.Organisation != "" {
		m.printf("- **Organisation:** %s\n", mdText(s.Organisation))
	}
	m.printf("- **Participants:** %d\n", len(s.Participants))
	m.printf("- **Pack:** %s %s (`%s`)\n", mdText(p.Title), mdText(p.Version), p.ID)
	m.printf("- **Session:** `%s`, %s\n", s.ID, s.Status)
	if v.Sum.Round > 0 {
		m.printf("- **Round shown:** %d\n", v.Sum.Round)
	}
	if v.Sum.RoomOnly() {
		m.printf("\n> %s\n", roomOnlyNote)
	}
	if p.Source != "" {
		m.printf("\nBased on: %s\n", mdText(p.Source))
	}
}

func (m *mdWriter) people(v *view) {
	m.printf("\n## Who took part\n")
	if len(v.Roles) == 0 {
		m.printf("\nNo participants were recorded.\n")
	}
	for _, r := range v.Roles {
		m.printf("\n### %s\n\n", mdText(r.Title))
		for _, pt := range r.People {
			if pt.Organisation != "" {
				m.printf("- %s, %s\n", mdText(pt.Name), mdText(pt.Organisation))
			} else {
				m.printf("- %s\n", mdText(pt.Name))
			}
		}
	}
}

func (m *mdWriter) notes(v *view) {
	if len(v.Notes) == 0 {
		return
	}
	m.printf("\n## Notes\n")
	for _, n := range v.Notes {
		m.printf("\n### %s\n\n%s\n", mdText(n.Title), mdQuote(n.Body))
	}
}

func (m *mdWriter) results(v *view) {
	m.printf("\n## Results\n\n")
	if len(v.Rounds) == 0 {
		m.printf("No ratings were recorded.\n")
		return
	}
	m.printf("Consensus means %s. The distribution counts the ratings on each scale point, lowest first.\n",
		mdText(session.DescribeConsensus(v.Sum.Session.Consensus)))
	multi := len(v.Rounds) > 1
	for _, e := range v.Elements {
		m.printf("\n### %d. %s\n\n", e.Num, mdText(e.Title))
		if e.Rated() {
			m.cellTable(e, multi)
		} else {
			m.printf("No ratings.\n")
		}
		if len(e.Comments) > 0 {
			m.printf("\nComments:\n\n")
			for _, c := range e.Comments {
				m.printf("- %s (%s", mdText(c.Who), mdText(c.Criterion))
				if multi {
					m.printf(", round %d", c.Round)
				}
				m.printf("): %s\n", mdText(c.Text))
			}
		}
	}
}

// cellTable writes an element's statistics, a row per criterion (and
// round, when there are several).
func (m *mdWriter) cellTable(e elementView, multi bool) {
	if multi {
		m.printf("| Criterion | Round | n | Median | IQR | Consensus | Distribution |\n|---|--:|--:|--:|--:|---|---|\n")
	} else {
		m.printf("| Criterion | n | Median | IQR | Consensus | Distribution |\n|---|--:|--:|--:|---|---|\n")
	}
	for _, c := range e.Cells {
		n := strconv.Itoa(c.N)
		if c.Abstain > 0 {
			n += fmt.Sprintf(" (+%d abstained)", c.Abstain)
		}
		round := ""
		if multi {
			round = fmt.Sprintf(" %d |", c.Round)
		}
		m.printf("| %s |%s %s | %s | %s | %s | %s |\n", mdCell(c.Criterion.Label), round, n,
			Number(c.Median), Number(c.IQR), consensusWord(c.Consensus), sparkline(c.Points))
	}
}

// sparkline draws a distribution as block characters in a code span, with
// the counts after it: `▁▄█▄▁` 0·1·2·1·0.
func sparkline(points []pointView) string {
	if len(points) == 0 {
		return ""
	}
	const bars = "▁▂▃▄▅▆▇█"
	blocks := []rune(bars)
	top := 0
	for _, p := range points {
		top = max(top, p.Count)
	}
	var b, counts strings.Builder
	b.WriteByte('`')
	for i, p := range points {
		level := 0
		if top > 0 {
			level = (p.Count*(len(blocks)-1) + top - 1) / top
		}
		b.WriteRune(blocks[level])
		if i > 0 {
			counts.WriteString("·")
		}
		counts.WriteString(strconv.Itoa(p.Count))
	}
	b.WriteString("` ")
	b.WriteString(counts.String())
	return b.String()
}

func (m *mdWriter) rankings(v *view) {
	if len(v.Rankings) == 0 {
		return
	}
	m.printf("\n## Ranking\n\nBy median, then mean; %s.\n", rankOrder(v.Sum.Pack))
	for _, rk := range v.Rankings {
		if len(rk.Rows) == 0 { // nothing the viewer may see: a line, not an empty table
			m.printf("\n%s, %s: not revealed yet (%s).\n", mdText(rk.Criterion.Label), roundLabel(rk.Round), refList(rk.Hidden))
			continue
		}
		m.printf("\n### %s, %s\n\n| # | Element | Median | Mean | Consensus |\n|--:|---|--:|--:|---|\n", mdText(rk.Criterion.Label), roundLabel(rk.Round))
		for _, r := range rk.Rows {
			m.printf("| %d | %d. %s | %s | %s | %s |\n", r.Position, r.Element.Num, mdCell(r.Element.Title),
				Number(r.Median), Number(r.Mean), consensusWord(r.Consensus))
		}
		if len(rk.Unrated) > 0 {
			m.printf("\nNo ratings in this round: %s\n", refList(rk.Unrated))
		}
		if len(rk.Hidden) > 0 {
			m.printf("\nNot revealed yet: %s\n", refList(rk.Hidden))
		}
	}
}

func (m *mdWriter) matrix(v *view) {
	mx := v.Matrix
	if mx == nil {
		return
	}
	m.printf("\n## %s × %s\n\n", mdText(mx.Y.Label), mdText(mx.X.Label))
	if len(mx.Points) == 0 {
		m.printf("No element has a median on both in one round yet.\n")
		if len(mx.Hidden) > 0 {
			m.printf("\nNot revealed yet: %s\n", refList(mx.Hidden))
		}
		return
	}
	m.printf("Each element sits at its median %s (up) and %s (across)%s; the numbers are the elements' numbers above.\n\n",
		mdText(strings.ToLower(mx.Y.Label)), mdText(strings.ToLower(mx.X.Label)), latestNote(mx.Latest))
	if grid := textGrid(mx); grid != "" {
		fence := "```"
		for strings.Contains(grid, fence) { // a label with backticks must not end the block
			fence += "`"
		}
		m.printf("%stext\n%s%s\n\n", fence, grid, fence)
	}
	m.printf("| # | Element | %s | %s |\n|--:|---|--:|--:|\n", mdCell(mx.Y.Label), mdCell(mx.X.Label))
	for _, pt := range mx.Points {
		m.printf("| %d | %s | %s | %s |\n", pt.Num, mdCell(pt.Title), Number(&pt.Y), Number(&pt.X))
	}
	if len(mx.Earlier) > 0 {
		m.printf("\nPlaced by an earlier round (the latest is not revealed yet): %s\n", refList(mx.Earlier))
	}
	if len(mx.Absent) > 0 {
		m.printf("\nNot placed (no median on both in one round): %s\n", refList(mx.Absent))
	}
	if len(mx.Hidden) > 0 {
		m.printf("\nNot revealed yet: %s\n", refList(mx.Hidden))
	}
}

func (m *mdWriter) consensus(v *view) {
	if len(v.Consensus) == 0 {
		return
	}
	m.printf("\n## Consensus\n")
	for _, c := range v.Consensus {
		m.printf("\n**%s**%s\n\n", mdText(c.Criterion.Label), latestNote(c.Latest))
		m.printf("- Reached: %s\n", refList(c.Reached))
		m.printf("- Not reached: %s\n", refList(c.NotReached))
		if len(c.Unrated) > 0 {
			m.printf("- No ratings: %s\n", refList(c.Unrated))
		}
		if len(c.Hidden) > 0 {
			m.printf("- Not revealed yet: %s\n", refList(c.Hidden))
		}
	}
}

// corrections lists the ratings changed after their round was closed or
// revealed, each with the reason given: a reader can see what changed
// after the group saw the results.
func (m *mdWriter) corrections(v *view) {
	if len(v.Corrections) == 0 {
		return
	}
	m.printf("\n## Corrections\n\nRatings changed after their round was closed or revealed.\n\n")
	m.printf("| When | Who | Element | Criterion | Round | From | To | Reason | By |\n|---|---|---|---|--:|--:|--:|---|---|\n")
	for _, c := range v.Corrections {
		m.printf("| %s | %s | %s | %s | %d | %s | %s | %s | %s |\n", c.At.UTC().Format("2006-01-02 15:04"), mdCell(c.Who),
			mdCell(c.Element), mdCell(c.Criterion), c.Round, mdCell(c.From), mdCell(c.To), mdCell(c.Reason), mdCell(c.By))
	}
}

// latestNote says which round counts when there are several.
func latestNote(several bool) string {
	if several {
		return ", each element in its latest round with ratings"
	}
	return ""
}

func refList(refs []elementRef) string {
	if len(refs) == 0 {
		return "none"
	}
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = fmt.Sprintf("%d. %s", r.Num, mdText(r.Title))
	}
	return strings.Join(parts, "; ")
}

func (m *mdWriter) agreement(v *view) {
	if len(v.Criteria) == 0 {
		return
	}
	m.printf("\n## Agreement across experts\n")
	if rows := v.Agreement(); len(rows) > 0 {
		m.printf("\nKrippendorff's alpha (1 is full agreement, 0 is chance) and Kendall's W (1 is the same order of elements for everyone); – where undefined.\n\n")
		m.printf("| Criterion | Round | α nominal | α ordinal | α interval | Kendall's W |\n|---|--:|--:|--:|--:|--:|\n")
		for _, c := range rows {
			m.printf("| %s | %d | %s | %s | %s | %s |\n", mdCell(c.Criterion.Label), c.Round,
				Number(c.AlphaNominal), Number(c.AlphaOrdinal), Number(c.AlphaInterval), Number(c.KendallW))
		}
	}
	if s := v.NotRated(); s != "" {
		m.printf("\nNo rating was given (at most abstentions) in: %s.\n", mdText(s))
	}
}

func (m *mdWriter) foot(v *view) {
	p := v.Sum.Pack
	m.printf("\n---\n\nExported by trustshop from session `%s` on pack `%s` %s (`%s`).", v.Sum.Session.ID, p.ID, mdText(p.Version), p.ContentHash)
	if p.Source != "" {
		m.printf(" Cite the source when you use these results: %s", mdText(p.Source))
	}
	if h := v.Sum.ChainHead(); h != "" {
		m.printf("\n\nHistory chain head: `%s` (`trustshop verify` checks the session's json export or database against it).", h)
	}
	m.printf("\n")
}
