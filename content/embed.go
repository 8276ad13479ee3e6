package content

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed all:default
var defaultFS embed.FS

// DefaultDir names the embedded default pack in messages.
const DefaultDir = "default"

// Default loads the embedded default pack, the Digital Twin Trust Framework.
func Default() (*Pack, error) {
	sub, err := fs.Sub(defaultFS, DefaultDir)
	if err != nil {
		return nil, fmt.Errorf("embedded pack: %w", err)
	}
	p, err := Load(sub)
	if ps, ok := err.(Problems); ok {
		return nil, ps.In("embedded " + DefaultDir)
	}
	return p, err
}

// Open loads the pack in dir, or the embedded default pack when dir is "".
func Open(dir string) (*Pack, error) {
	if dir == "" {
		return Default()
	}
	return LoadDir(dir)
}
