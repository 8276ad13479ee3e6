package tui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// MapID is the item id of the stakeholder map in `trustshop show`.
const MapID = "map"

// ItemIDs lists what `trustshop show` accepts: every item of the pack and
// the stakeholder map.
func ItemIDs(p *content.Pack) []string {
	ids := []string{content.IntroID, MapID}
	for _, it := range p.Items()[1:] {
		ids = append(ids, it.ID)
	}
	return ids
}

// RenderItem renders one item of the pack (or MapID) as the walkthrough
// shows it, wrapped at width. With plain it uses glamour's no-TTY style:
// no colour, no escape sequences, for pipes, files and NO_COLOR; otherwise
// the theme's markdown style.
func RenderItem(p *content.Pack, id string, width int, theme Theme, plain bool) (string, error) {
	var src string
	var diagram string
	if id == MapID {
		src, diagram = walkthrough.FacilitatorMapHead, p.StakeholderMap(width)
	} else {
		it, ok := p.Item(id)
		if !ok {
			return "", fmt.Errorf("unknown item %q: choose one of %s", id, strings.Join(ItemIDs(p), ", "))
		}
		src = p.Markdown(it)
	}
	cfg := common.MarkdownStyle(theme)
	if plain {
		cfg = styles.NoTTYStyleConfig
	}
	out, err := common.RenderMarkdown(src, width, cfg)
	if err != nil {
		return "", err
	}
	if id == MapID {
		legend, err := common.RenderMarkdown(walkthrough.MapLegend(p), width, cfg)
		if err != nil {
			return "", err
		}
		out = strings.TrimRight(out, "\n") + "\n\n" + diagram + "\n\n" + strings.TrimLeft(legend, "\n")
	}
	if plain {
		// glamour writes links as OSC 8 hyperlinks and pads lines to the
		// width even in its no-TTY style; a pipe wants neither
		out = trailingBlanks.ReplaceAllString(xansi.Strip(out), "\n")
	}
	return out, nil
}

var trailingBlanks = regexp.MustCompile(`[ \t]+\n`)
