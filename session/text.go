package session

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Limits of what people type; a participant's device is untrusted input,
// and every name, title and comment may be printed on a terminal.
const (
	MaxNameLen    = 100    // a participant's name, an organisation, a role
	MaxTitleLen   = 200    // a session's title, facilitator, site
	MaxCommentLen = 2000   // a rating's comment
	MaxNoteLen    = 100000 // the note of an agenda step
)

// CheckText says what is wrong with text typed into a field of at most max
// characters, or "" when nothing is: valid UTF-8, at most max characters,
// and no control characters (escape sequences could rewrite a terminal's
// clipboard or title); multiline text keeps its line breaks and tabs. It
// is the rule of every command; an importer calls it first to name the
// file's line.
func CheckText(s string, max int, multiline bool) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8 text"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("is %d characters long; at most %d fit", n, max)
	}
	for _, r := range s {
		if r == '\t' || multiline && (r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u202e' || r == '\u202d' {
			return fmt.Sprintf("holds a control character (%U): type plain text", r)
		}
	}
	return ""
}

// checkText is the boundary where typed text enters a session (CheckText).
func checkText(field, s string, max int, multiline bool) error {
	if problem := CheckText(s, max, multiline); problem != "" {
		return invalid("%s %s", field, problem)
	}
	return nil
}

// short cuts text for a message: a 5 MB name must not fill the screen.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:39]) + "…"
}
