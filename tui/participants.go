package tui

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
		role, err := resolveRole(p, parts[1])
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

// resolveRole finds the persona a typed role means.
func resolveRole(p *content.Pack, typed string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(typed))
	for _, x := range p.Personas {
		if t == x.ID || t == strings.ToLower(x.Short) || t == strings.ToLower(x.Title) {
			return x.ID, nil
		}
	}
	var found []string
	for _, x := range p.Personas {
		for _, s := range []string{x.ID, strings.ToLower(x.Short), strings.ToLower(x.Title)} {
			if strings.HasPrefix(s, t) {
				found = append(found, x.ID)
				break
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("unknown role %q: use %s", strings.TrimSpace(typed), roleList(p))
	}
	return "", fmt.Errorf("role %q could be %s: type more of it", strings.TrimSpace(typed), strings.Join(found, " or "))
}

// roleList names the pack's persona ids for messages.
func roleList(p *content.Pack) string {
	ids := make([]string, len(p.Personas))
	for i, x := range p.Personas {
		ids[i] = x.ID
	}
	return strings.Join(ids, ", ")
}

func firstRole(p *content.Pack) string {
	if len(p.Personas) == 0 {
		return "role"
	}
	return p.Personas[0].ID
}
