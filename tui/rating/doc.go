// Package rating is where the experts' ratings are typed and shown: the
// rating grid of one element (grid.go, grid_view.go, grid_results.go),
// which the walkthrough opens with r, and pass-the-laptop (laptop.go,
// laptop_view.go), where each expert in turn rates every element alone.
// Both turn keys into store writes through one editor (editor.go, edit.go)
// and share one key map (keys.go).
//
// The workshop's rules that live here until the domain engine takes them
// over sit in files of their own: the missing-ratings check (missing.go),
// the revealed-round lock (lock.go), the reveal (reveal.go) and the
// ordered queue of rating writes (writes.go).
package rating
