package rating

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// On a scale of 0..10 the feedback's line keeps every count given: points
// nobody chose are left out (they used to fill the line and push the
// counts given past its end), and the role table has a column only for
// the points some role chose.
func TestFeedbackCountsOnAWideScale(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	cr := content.Criterion{ID: "impact", Label: "Impact", Min: 0, Max: 10}
	med, iqr := 0.0, 5.0
	counts := map[int]int{0: 2, 7: 1, 10: 1}
	cf := &session.CriterionFeedback{Criterion: "impact",
		Group: stats.ElementStats{N: 4, Median: &med, IQR: &iqr, Counts: counts},
		ByRole: []session.RoleStats{
			{Role: "supplier", Stats: stats.ElementStats{N: 2, Median: &med, IQR: &med, Counts: map[int]int{0: 2}}},
			{Role: "user", Stats: stats.ElementStats{N: 2, Median: &med, IQR: &iqr, Counts: map[int]int{7: 1, 10: 1}}},
		}}
	tests := []struct {
		name, got string
		want      []string
		notWant   []string
	}{
		{name: "line", got: tuitest.Plain(feedbackLine(s, cr, 1, cf, 56)),
			want: []string{"0:2", "7:1", "10:1"}, notWant: []string{"1:0", "…"}},
		{name: "role table", got: tuitest.Plain(strings.Join(roleTable(s, tuitest.DefaultPack(t), cr, "Impact by role", cf.ByRole, 56), "\n")),
			want: []string{" 0  7 10"}, notWant: []string{"…", "  4  5"}},
	}
	for _, tc := range tests {
		for _, w := range tc.want {
			if !strings.Contains(tc.got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, tc.got, w)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(tc.got, w) {
				t.Errorf("%s: %q has %q", tc.name, tc.got, w)
			}
		}
	}
}
