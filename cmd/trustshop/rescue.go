package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
)

// rescueDirs are where changes that could not be saved are kept, the first
// that takes the file: beside the database, the XDG state folder, the
// temporary folder.
func rescueDirs(db string) []string {
	return []string{filepath.Dir(db), filepath.Join(xdg.StateHome, "trustshop"), os.TempDir()}
}

// tuiEnd words what the terminal interface ended with: changes that could
// not be saved are kept in a file named in the message, and a panic says
// where the data is. Anything else passes through.
func tuiEnd(err error, db string, dirs []string, now time.Time) error {
	var unsaved *tui.UnsavedError
	var crash *tui.PanicError
	switch {
	case errors.As(err, &crash):
		var b strings.Builder
		fmt.Fprintf(&b, "%v (a bug in trustshop).\n", crash)
		if len(crash.Unsaved) == 0 {
			fmt.Fprintf(&b, "Everything typed before it was saved in %s.", db)
		} else {
			b.WriteString(keepOps(crash.Unsaved, crash, db, dirs, now))
		}
		if len(crash.Unsaved) == 0 && len(crash.Stack) > 0 {
			if path, werr := writeRescue(dirs, "crash", rescueText(nil, crash, db, now), now); werr == nil {
				fmt.Fprintf(&b, "\nDetails for a bug report are in %s.", path)
			}
		}
		return errors.New(b.String())
	case errors.As(err, &unsaved):
		return errors.New(keepOps(unsaved.Ops, nil, db, dirs, now))
	case errors.Is(err, tui.ErrInterrupted):
		// say where what was typed went: ctrl+c in the middle of a
		// comment or a note saves it first
		return fmt.Errorf("%w: everything typed, a comment or note half-written included, is saved in %s", err, db)
	}
	return err
}

// keepOps writes the ops to a rescue file and says what they were and
// where they are; with no file to be had, the message holds them. Only
// what people typed (an op's Keep: a note, a rating) goes in the file:
// the program's own bookkeeping (the step clock, the view) is named, but
// there is nothing to type in again for it.
func keepOps(ops []session.Op, crash *tui.PanicError, db string, dirs []string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d change%s could not be saved in %s:", len(ops), plural(len(ops)), db)
	var typed []session.Op
	for _, op := range ops {
		fmt.Fprintf(&b, "\n  - %s", op.What)
		if op.LastErr != nil {
			fmt.Fprintf(&b, " (%v)", op.LastErr)
		}
		if op.Keep != "" {
			typed = append(typed, op)
		}
	}
	if len(typed) < len(ops) {
		b.WriteString("\nThe step clock and the view go on from what was saved last: nothing to type in again for them.")
	}
	if len(typed) == 0 && crash == nil {
		return b.String()
	}
	text := rescueText(typed, crash, db, now)
	path, err := writeRescue(dirs, "unsaved", text, now)
	if err != nil {
		fmt.Fprintf(&b, "\nNo file could take them either (%v); here they are:\n\n%s", err, text)
		return b.String()
	}
	if len(typed) == 0 {
		fmt.Fprintf(&b, "\nDetails for a bug report are in %s.", path)
		return b.String()
	}
	fmt.Fprintf(&b, "\nWhat was typed is kept in %s: type it in again once the database can be written.", path)
	return b.String()
}

// rescueText is the content of a rescue file: each change with what it
// held, and for a panic where it happened.
func rescueText(ops []session.Op, crash *tui.PanicError, db string, now time.Time) string {
	var b strings.Builder
	if len(ops) > 0 {
		fmt.Fprintf(&b, "trustshop could not save these changes in %s on %s.\n", db, now.Format("2006-01-02 15:04:05 -0700"))
		b.WriteString("Type them in again once the database can be written (trustshop open ID).\n")
		for i, op := range ops {
			fmt.Fprintf(&b, "\n%d. %s\n", i+1, op.What)
			if op.LastErr != nil {
				fmt.Fprintf(&b, "   why: %v\n", op.LastErr)
			}
			if op.Keep != "" {
				b.WriteString("   what it held:\n")
				for _, line := range strings.Split(op.Keep, "\n") {
					fmt.Fprintf(&b, "     %s\n", line)
				}
			}
		}
	}
	if crash != nil {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%v\n\n%s", crash, crash.Stack)
	}
	return b.String()
}

// writeRescue writes text to a new file "trustshop-KIND-TIME.txt" in the
// first folder of dirs that takes it (only the user may read it: it holds
// what people typed), and returns its path.
func writeRescue(dirs []string, kind, text string, now time.Time) (string, error) {
	name := fmt.Sprintf("trustshop-%s-%s.txt", kind, now.Format("20060102-150405"))
	var errs []error
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			errs = append(errs, err)
			continue
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			return path, nil
		}
		os.Remove(path) // a full disk: half a file is no rescue
		errs = append(errs, err)
	}
	return "", errors.Join(errs...)
}
