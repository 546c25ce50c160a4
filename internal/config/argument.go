package config

import (
	"fmt"
	"regexp"
	"strings"
)

// Kind is what an argument holds.
type Kind int

const (
	// Text is a string.
	Text Kind = iota
	// WholeNumber is a number without fractions, between Min and Max.
	WholeNumber
	// Flag is true or false.
	Flag
	// TextMap is a map of strings, keyed by Keys.
	TextMap
	// Blocks is a list of nested blocks of Nested arguments.
	Blocks
)

// FileUse says whether an argument names a file, so that its value is
// read safely and never repeated in an error (it may be the content).
type FileUse int

const (
	// NoFile is a value used as it is.
	NoFile FileUse = iota
	// PathOnly is a file's path (~ is the home directory).
	PathOnly
	// PathOrContent is a file's path or the file's content itself.
	PathOrContent
)

// Argument is one argument of the provider block, or of a nested block.
type Argument struct {
	// Setting is the name the code knows the argument by; Name is the
	// provider block's.
	Setting Setting
	Name    string
	Kind    Kind
	// Env are the environment variables the argument falls back to, the
	// first set winning.
	Env []string
	// Sensitive values are masked in plans and logs, and redacted from
	// errors.
	Sensitive bool
	File      FileUse
	// Description says what the argument is; the sentence naming its
	// variables and default is added from Env and Default.
	Description string
	// Default is the value used when nothing sets one ("5"): Settings.Get
	// returns it, its source unset, and the documentation quotes it. It is
	// written here only.
	Default string
	// DefaultDoc is the documentation's words for the default: after
	// Default ("(seconds per attempt)"), or alone for a default that is no
	// value the provider uses ("the system's CAs only").
	DefaultDoc string
	// Required arguments must be set (in a block: when the block is).
	Required bool
	// Min and Max bound a WholeNumber; MinLength and MaxLength a Text
	// (every Text is at least one character long when set).
	Min, Max             int64
	MinLength, MaxLength int
	// OneOf lists the values a Text may take, spelled exactly.
	OneOf []string
	// Pattern, when set, is what a Text must match; Want says so in words
	// ("a region name of lower-case letters, digits and dashes").
	Pattern *regexp.Regexp
	Want    string
	// Keys are the keys a TextMap may have; its values must match Pattern.
	Keys []string
	// Nested are the arguments of each block of a Blocks argument; at most
	// MaxBlocks blocks (0 is no bound).
	Nested    []Argument
	MaxBlocks int
	// EnvBlock says when the environment stands in for a Blocks argument
	// that the provider block leaves out: when the variable Trigger is set
	// and Unless is not.
	EnvBlock struct{ Trigger, Unless string }
	// EnvOnly says that the argument is an environment variable only: not
	// in the schema, nor in the documentation's table.
	EnvOnly bool
}

// DefaultText is the documentation's text for the default, e.g. "`5`";
// empty when there is none.
func (a Argument) DefaultText() string {
	switch {
	case a.Default != "" && a.DefaultDoc != "":
		return "`" + a.Default + "` " + a.DefaultDoc
	case a.Default != "":
		return "`" + a.Default + "`"
	}
	return a.DefaultDoc
}

// DefaultsSentence is what the documentation adds to the description: the
// variables the argument falls back to, and its default.
func (a Argument) DefaultsSentence() string {
	var parts []string
	if len(a.Env) > 0 {
		quoted := make([]string, len(a.Env))
		for i, env := range a.Env {
			quoted[i] = "`" + env + "`"
		}
		parts = append(parts, "Defaults to "+strings.Join(quoted, ", then ")+
			map[bool]string{true: ", the first set", false: ""}[len(a.Env) > 1])
	}
	if text := a.DefaultText(); text != "" {
		if len(parts) == 0 {
			parts = append(parts, "Defaults to "+text)
		} else {
			parts[0] += ", else " + text
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return parts[0] + "."
}

// Argument returns the setting's line of the table.
func (s Setting) Argument() Argument {
	for _, a := range Arguments() {
		if a.Setting == s {
			return a
		}
		for _, n := range a.Nested {
			if n.Setting == s {
				return n
			}
		}
	}
	panic(fmt.Sprintf("config: setting %d has no line in the table", int(s)))
}

// String is the setting's dotted name ("assume_role.agency_name").
func (s Setting) String() string {
	for _, a := range Arguments() {
		if a.Setting == s {
			return a.Name
		}
		for _, n := range a.Nested {
			if n.Setting == s {
				return a.Name + "." + n.Name
			}
		}
	}
	return fmt.Sprintf("Setting(%d)", int(s))
}

// Find returns the argument of the table at a dotted name of the provider
// block ("region", "assume_role.agency_name"), as a diagnostic's path
// names it; ok is false when there is none.
func Find(name string) (Argument, bool) {
	parent, child, nested := strings.Cut(name, ".")
	for _, a := range Arguments() {
		if a.Name != parent {
			continue
		}
		if !nested {
			return a, true
		}
		for _, n := range a.Nested {
			if n.Name == child {
				return n, true
			}
		}
	}
	return Argument{}, false
}
