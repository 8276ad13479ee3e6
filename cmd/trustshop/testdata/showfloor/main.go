// Command showfloor is the floor for BenchmarkShowProcess: a program that
// does nothing but render a Markdown file with glamour (no-TTY style) at a
// width and print it, which is the least any `trustshop show` can cost on
// this stack.
package main

import (
	"fmt"
	"os"
	"strconv"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

func main() {
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	width, _ := strconv.Atoi(os.Args[2])
	r, err := glamour.NewTermRenderer(glamour.WithStyles(styles.NoTTYStyleConfig), glamour.WithWordWrap(width))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := r.Render(string(src))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
}
