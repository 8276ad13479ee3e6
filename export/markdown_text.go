package export

// Markdown's escaping of user text, and the summary step's results.

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/session"
)

// mdText escapes user text for inline Markdown: a backslash goes before
// every character that could start markup (CommonMark allows it before any
// ASCII punctuation), and line breaks become spaces so a text stays in its
// paragraph, list item or table cell. Characters that cannot start markup
// on their own stay as they are, so the file still reads well as text.
func mdText(s string) string {
	s = strings.Join(strings.Fields(session.Visible(s)), " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	// At the start, "- ", "+ " or "1. " would open a list inside a list item.
	markerEnd := func(i int) bool { return i+1 >= len(s) || s[i+1] == ' ' }
	if s != "" && strings.IndexByte("-+", s[0]) >= 0 && markerEnd(0) {
		b.WriteByte('\\')
	} else if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') && markerEnd(i) {
		b.WriteString(s[:i])
		b.WriteByte('\\')
		s = s[i:]
	}
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>#|~$", r),
			r == '&' && i+1 < len(s) && (s[i+1] == '#' || isLetter(s[i+1])): // an entity
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdCell escapes user text for a table cell; mdText already escapes | and
// joins lines.
func mdCell(s string) string { return mdText(s) }

// mdQuote renders a note as a block quote. The group's Markdown (lists,
// emphasis) stays, but raw HTML is escaped, and the quote keeps headings
// and rules inside the note. Each line break stays one: a line followed by
// another in the same paragraph ends in two spaces (a hard line break,
// which is nothing at the end of a list item or heading), since Markdown
// would otherwise join the lines of a list typed without markers.
func mdQuote(s string) string {
	s = strings.TrimSpace(session.Visible(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(strings.NewReplacer("\\<", "\\<", "<", "\\<", ">", "\\>").Replace(l), " \t")
		switch {
		case l == "":
			lines[i] = ">"
		case i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !strings.HasPrefix(strings.TrimSpace(l), "```"):
			lines[i] = "> " + l + "  "
		default:
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// roundLabel is "round 2", or for 0 "each element in its latest round".
func roundLabel(round int) string {
	if round == 0 {
		return "each element in its latest round"
	}
	return "round " + strconv.Itoa(round)
}

// SummaryResults writes the results the walkthrough's summary step shows
// the room: the ranking per criterion (each element in its latest round
// when there are several), the matrix and where the group agreed, as the
// Markdown summary writes them, from the read-model for the Summary's
// viewer (elements not revealed to it are listed as such). It writes
// nothing when no rating was given.
func SummaryResults(w io.Writer, sum Summary) error {
	v, err := newView(sum)
	if err != nil {
		return fmt.Errorf("results of session %s: %w", sum.Session.ID, err)
	}
	if len(v.Rounds) == 0 {
		return nil
	}
	v.latest = true
	v.Rankings = nil
	refs := v.elementRefs()
	v.rankings(refs)
	m := &mdWriter{w: bufio.NewWriter(w)}
	m.rankings(v)
	m.matrix(v)
	m.consensus(v)
	if m.err == nil {
		m.err = m.w.Flush()
	}
	if m.err != nil {
		return fmt.Errorf("results of session %s: %w", sum.Session.ID, m.err)
	}
	return nil
}
