package study

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The data package (and study stats --json) is written as every JSON
// output of trustshop: indented, a terminal's control characters and
// bidirectional overrides escaped, the values unchanged.
func TestWriteJSONIsInert(t *testing.T) {
	in := map[string]string{"title": "Site \u202eevil\u009b<b>", "plain": "Zürich"}
	var b bytes.Buffer
	if err := writeJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\u202e\u009b") || !strings.Contains(out, `\u202e`) {
		t.Errorf("control characters written as they are:\n%q", out)
	}
	if !strings.HasPrefix(out, "{\n  \"") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("not indented JSON ending in a line break:\n%s", out)
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["title"] != in["title"] || back["plain"] != in["plain"] {
		t.Errorf("decodes to %v, %v", back, err)
	}
}
