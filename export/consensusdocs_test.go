package export_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// The docs show consensus_rule as stats --json writes it for each rule a
// pack may name, so a reader of the docs can parse what the tool writes.
func TestDocsShowConsensusRuleAsWritten(t *testing.T) {
	docs := map[string]string{}
	for _, f := range []string{"../docs/export-json.md", "../docs/delphi.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = string(b)
	}
	cases := []struct{ rule string }{{content.ConsensusIQRAgreement}, {content.ConsensusPercentAgreement}, {content.Consensus7015}}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			p := defaultPack(t)
			p.Consensus.Rule = c.rule // as pack.yaml's rule: gives it, thresholds at their defaults
			st := export.NewStatistics(export.Summary{Session: session.Session{Consensus: session.PackRule(p)}, Pack: p})
			b, err := json.Marshal(st.ConsensusRule)
			if err != nil {
				t.Fatal(err)
			}
			var back stats.ConsensusRule
			if json.Unmarshal(b, &back) != nil || back.Kind != c.rule {
				t.Errorf("kind %q, want pack.yaml's rule %q (%s)", back.Kind, c.rule, b)
			}
			for f, text := range docs {
				if !strings.Contains(text, string(b)) {
					t.Errorf("%s does not show %s", f, b)
				}
			}
		})
	}
}
