package content

import (
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// number is a YAML value kept as written, so that validation can refuse
// what yaml.v3 would convert without a word: 4.5 into an int field becomes
// 4, 9223372036854775807 is a valid int, and .nan a valid float.
type number struct{ node *yaml.Node }

// UnmarshalYAML implements yaml.Unmarshaler by keeping the node.
func (n *number) UnmarshalYAML(node *yaml.Node) error {
	n.node = node
	return nil
}

// set reports whether the value was given (and is not empty or null).
func (n number) set() bool {
	return n.node != nil && !(n.node.Kind == yaml.ScalarNode && n.node.ShortTag() == "!!null")
}

// line returns the value's line within its YAML.
func (n number) line() int {
	if n.node == nil {
		return 0
	}
	return n.node.Line
}

// resolved is the value's node, or the node an alias names.
func (n number) resolved() *yaml.Node {
	if n.node.Kind == yaml.AliasNode && n.node.Alias != nil {
		return n.node.Alias
	}
	return n.node
}

// float reads the value as a finite number; the error says why it is not one.
func (n number) float() (float64, error) {
	nd := n.resolved()
	if nd.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("is not a number")
	}
	switch nd.ShortTag() {
	case "!!int", "!!float":
	case "!!str":
		return 0, fmt.Errorf("%q is text, not a number: write it without quotes", nd.Value)
	default:
		return 0, fmt.Errorf("%q is not a number", nd.Value)
	}
	var f float64
	if err := nd.Decode(&f); err != nil {
		return 0, fmt.Errorf("%q is not a number", nd.Value)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s is not a number trustshop can use: write a finite number", nd.Value)
	}
	return f, nil
}

// whole reads the value as a whole number from lo to hi. A number written
// with a fraction is refused rather than rounded; 5.0 is 5.
func (n number) whole(lo, hi int) (int, error) {
	f, err := n.float()
	if err != nil {
		return 0, err
	}
	v := n.resolved().Value
	if f != math.Trunc(f) {
		return 0, fmt.Errorf("%s is not a whole number", v)
	}
	if f < float64(lo) || f > float64(hi) {
		return 0, fmt.Errorf("%s is outside %d..%d", v, lo, hi)
	}
	return int(f), nil
}
