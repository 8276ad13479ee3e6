package walkthrough

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// MapHead is the text above the stakeholder map, as the room sees it on
// the projector.
const MapHead = mapHeadText + "\n"

// FacilitatorMapHead is MapHead with the facilitator's instruction, which
// the room does not see.
const FacilitatorMapHead = mapHeadText + " Press a story's number to read it.\n"

const mapHeadText = `# Stakeholder map

Who must trust whom. Each box is a stakeholder persona of the pack; each
arrow is a user story, drawn from the stakeholder who must trust to the one
who is trusted.`

// MapLegend lists the stories under the map with their full titles.
func MapLegend(p *content.Pack) string {
	short := map[string]string{}
	for _, x := range p.Personas {
		short[x.ID] = x.Short
	}
	var b strings.Builder
	b.WriteString("## User stories\n\n")
	for i, s := range p.Stories {
		fmt.Fprintf(&b, "%d. **%s**: %s → %s\n", i+1, s.Title, short[s.From], short[s.To])
	}
	return b.String()
}
