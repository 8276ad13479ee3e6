package export_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/export"
)

func TestJSONEncoderIsInertAndLossless(t *testing.T) {
	in := map[string]string{"name": "Ana\x1b]52;c;aA==\x07 \u009b2J \x7f abc\u202edcba \u2066x\u2069 李 ü"}
	var b bytes.Buffer
	if err := export.NewJSONEncoder(&b).Encode(in); err != nil {
		t.Fatal(err)
	}
	for _, r := range b.String() {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("the JSON holds %U raw:\n%s", r, b.String())
		}
	}
	var out map[string]string
	if err := json.Unmarshal(b.Bytes(), &out); err != nil || out["name"] != in["name"] {
		t.Errorf("decoded %q, %v; want %q", out["name"], err, in["name"])
	}
	if !strings.Contains(b.String(), "李 ü") || !strings.HasPrefix(b.String(), "{\n  \"name\"") {
		t.Errorf("the JSON changed more than the controls:\n%s", b.String())
	}
}
