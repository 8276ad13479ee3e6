package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// NewJSONEncoder returns an indented JSON encoder whose output holds no
// character a terminal acts on, whatever the strings in it hold, and still
// decodes to the same values: encoding/json escapes C0 controls but writes
// DEL, C1 controls and bidirectional overrides as they are, so those are
// written as \u escapes (they can only occur inside strings). Every JSON
// output of trustshop goes through it.
func NewJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(jsonSafeWriter{w})
	enc.SetIndent("", "  ")
	return enc
}

// jsonSafeWriter escapes what NewJSONEncoder says; an Encoder writes each
// value in one call, so a character is never split between writes.
type jsonSafeWriter struct{ w io.Writer }

func (j jsonSafeWriter) Write(p []byte) (int, error) {
	s := string(p)
	i := strings.IndexFunc(s, jsonUnsafe)
	if i < 0 {
		_, err := j.w.Write(p)
		return len(p), err
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if jsonUnsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	if _, err := io.WriteString(j.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// jsonUnsafe reports what json leaves raw that a terminal acts on.
func jsonUnsafe(r rune) bool {
	return r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
