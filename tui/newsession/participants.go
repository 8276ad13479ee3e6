package newsession

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// parseParticipants reads the participants text of the new-session form:
// one "Name: role[: organisation]" a line, blank lines ignored. A role is a
// persona of p given by its id, short name or title, or by the start of one
// of them when that is unambiguous ("sup" for supplier). It returns the
// participants it understood and one message a problem, each naming its line.
func parseParticipants(p *content.Pack, text string) ([]session.Participant, []string) {
	var out []session.Participant
	var problems []string
	seen := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, ":", 3)
		name := strings.TrimSpace(parts[0])
		if name == "" {
			problems = append(problems, fmt.Sprintf("line %d: start with a name or alias, e.g. \"Ana: %s\"", n, firstRole(p)))
			continue
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			problems = append(problems, fmt.Sprintf("line %d: %s is listed on line %d already", n, name, first))
			continue
		}
		seen[strings.ToLower(name)] = n
		if len(parts) < 2 || strings.TrimSpace(parts[1]) == "" {
			problems = append(problems, fmt.Sprintf("line %d: give %s a role after a colon, e.g. \"%s: %s\"", n, name, name, firstRole(p)))
			continue
		}
		role, err := p.ResolveRole(parts[1])
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		pt := session.Participant{Name: name, Role: role}
		if len(parts) == 3 {
			pt.Organisation = strings.TrimSpace(parts[2])
		}
		out = append(out, pt)
	}
	return out, problems
}

func firstRole(p *content.Pack) string {
	if len(p.Personas) == 0 {
		return "role"
	}
	return p.Personas[0].ID
}
