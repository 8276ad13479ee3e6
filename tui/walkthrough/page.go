package walkthrough

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"
)

// page is the shown item (the step, or a detour) rendered, in a viewport,
// with its lines measured once so that View only copies them.
type page struct {
	vp      viewport.Model
	content string   // what the viewport shows, rendered
	lines   []string // content split into lines, for View
	widths  []int    // the width of each line
	restore int      // scroll offset to apply once content is shown; -1 none
	// restoreLate keeps restore for a later set: the summary's results
	// arrive after its first render, which is too short to scroll.
	restoreLate bool
}

func newPage() page {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return page{vp: vp, restore: -1}
}

// set shows out, keeping the scroll offset; top scrolls to the top, and a
// pending restore applies once there is something to show.
func (p *page) set(out string, top bool) {
	if out != p.content {
		off := p.vp.YOffset()
		p.content = out
		p.vp.SetContent(out)
		p.vp.SetYOffset(off)
		p.lines = strings.Split(out, "\n")
		p.widths = make([]int, len(p.lines))
		for i, l := range p.lines {
			p.widths[i] = ansi.StringWidth(l)
		}
	}
	if top {
		p.vp.GotoTop()
	}
	if p.restore >= 0 && out != "" && !p.restoreLate {
		p.vp.SetYOffset(p.restore)
		p.restore = -1
	}
}

// appendRows appends the h lines shown from the scroll offset on, with
// their widths; past the end they are blank.
func (p *page) appendRows(lines []string, widths []int, h int) ([]string, []int) {
	off := p.vp.YOffset()
	for i := off; i < off+h; i++ {
		if i < len(p.lines) {
			lines, widths = append(lines, p.lines[i]), append(widths, p.widths[i])
		} else {
			lines, widths = append(lines, ""), append(widths, 0)
		}
	}
	return lines, widths
}
