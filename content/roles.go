package content

import (
	"fmt"
	"strings"
)

// ResolveRole finds the persona a typed role means: its id, short name or
// title in any case, or the start of one of them when that names only one
// persona ("sup" for supplier). The error lists the roles to choose from.
func (p *Pack) ResolveRole(typed string) (string, error) {
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
		return "", fmt.Errorf("unknown role %q: use %s", strings.TrimSpace(typed), p.roleList())
	}
	return "", fmt.Errorf("role %q could be %s: type more of it", strings.TrimSpace(typed), strings.Join(found, " or "))
}

// roleList names the pack's persona ids for messages.
func (p *Pack) roleList() string {
	ids := make([]string, len(p.Personas))
	for i, x := range p.Personas {
		ids[i] = x.ID
	}
	return strings.Join(ids, ", ")
}
