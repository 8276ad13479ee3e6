// Package rating is where the experts' ratings are typed and shown: the
// rating grid of one element (grid.go, grid_view.go, grid_results.go),
// which the walkthrough opens with r, and pass-the-laptop (laptop.go,
// laptop_view.go), where each expert in turn rates every element alone.
// Both turn keys into changes for the workshop engine through one editor
// (editor.go, edit.go, writes.go) and share one key map (keys.go).
//
// No rule of the workshop lives here: which cells may change, what a
// viewer may see and which cells are missing are asked of the engine
// (session.Workshop.MayWrite and See, session.MissingRatings); the
// changes travel through the program's outbox (session.Outbox) and the
// engine checks them again when it commits them.
package rating
