package tui

import (
	"time"
)

// clearStatusMsg removes the footer message with the given sequence number
// (a newer message is left alone).
type clearStatusMsg struct{ seq int }

// statusTTL is how long a footer message stays.
func statusTTL(isErr bool) time.Duration {
	if isErr {
		return 8 * time.Second
	}
	return 3 * time.Second
}
