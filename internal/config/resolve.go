package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Raw is a value of the provider block as Terraform gave it; an argument
// missing from the block's map is null.
type Raw struct {
	Null, Unknown bool
	// Text is a Text's value, a WholeNumber's digits or a Flag's "true" or
	// "false".
	Text string
	// Map holds a TextMap's elements; Blocks a Blocks argument's blocks.
	Map    map[string]Raw
	Blocks []map[string]Raw
}

// SourceKind says what kind of place a value came from, in the order of
// precedence: a value of the provider block beats the environment's, which
// beats a profile's.
type SourceKind int

const (
	Unset SourceKind = iota
	FromProfile
	FromEnvironment
	FromBlock
)

// Source is where a value came from.
type Source struct {
	Kind SourceKind
	// Name is the argument's path in the provider block ("assume_role[0].
	// agency_name"), the environment variable, or the profile and its field
	// ("profile dev's secretAccessKey").
	Name string
}

// String names the source as an error says it.
func (s Source) String() string {
	switch s.Kind {
	case FromBlock:
		return "the provider block's " + s.Name
	case FromEnvironment:
		return "the environment variable " + s.Name
	case FromProfile:
		return s.Name
	}
	return "nothing"
}

// Value is an argument's value and where it came from; the zero Value is
// an argument that nothing sets.
type Value struct {
	Text   string
	Source Source
}

// IsSet says whether something set the value.
func (v Value) IsSet() bool {
	return v.Source.Kind != Unset
}

// Int returns a WholeNumber's value (0 when unset).
func (v Value) Int() int64 {
	n, _ := strconv.ParseInt(v.Text, 10, 64)
	return n
}

// Bool returns a Flag's value (false when unset).
func (v Value) Bool() bool {
	b, _ := strconv.ParseBool(v.Text)
	return b
}

// Block is one block of a Blocks argument.
type Block struct {
	// Index is the block's position; FromEnvironment says that the
	// environment stands in for a block the provider block leaves out.
	Index           int
	FromEnvironment bool
	// Values holds every nested argument of the block, set or not.
	Values map[Setting]Value
}

// Get returns the value of a nested argument of the block's kind. Another
// setting is a mistake in the code, which panics rather than read as unset.
func (b Block) Get(name Setting) Value {
	v, ok := b.Values[name]
	if !ok {
		panic(fmt.Sprintf("config: %s is not an argument of this block", name))
	}
	return v
}

// Settings are the resolved arguments, by Setting: every argument of the
// table has a value (unset, its Default, when nothing sets it).
type Settings struct {
	values map[Setting]Value
	maps   map[Setting]map[string]Value
	blocks map[Setting][]Block
}

// Get returns an argument's value. A setting that is no value (a map, a
// block, a nested argument) is a mistake in the code, which panics rather
// than read as unset.
func (s Settings) Get(name Setting) Value {
	v, ok := s.values[name]
	if !ok {
		panic(fmt.Sprintf("config: %s is not a value of the provider block", name))
	}
	return v
}

// Map returns a TextMap argument's values by key.
func (s Settings) Map(name Setting) map[string]Value {
	values, ok := s.maps[name]
	if !ok {
		panic(fmt.Sprintf("config: %s is not a map", name))
	}
	return values
}

// Blocks returns a Blocks argument's blocks.
func (s Settings) Blocks(name Setting) []Block {
	blocks, ok := s.blocks[name]
	if !ok {
		panic(fmt.Sprintf("config: %s is not a block", name))
	}
	return blocks
}

// Problem is something wrong with the configuration, on the argument it
// concerns.
type Problem struct {
	// Path is the argument: a name, then block indexes and nested names or
	// map keys (see PathStep).
	Path    []PathStep
	Summary string
	Detail  string
	// Warning says it does not stop the provider.
	Warning bool
}

// PathStep is one step of a Problem's path: an attribute name, a block's
// index (Index >= 0 with no Name) or a map key.
type PathStep struct {
	Name  string
	Index int
	Key   string
}

// At returns the path of an argument, or of one in a block.
func At(name Setting, steps ...PathStep) []PathStep {
	return at(name.Argument().Name, steps...)
}

func at(name string, steps ...PathStep) []PathStep {
	return append([]PathStep{{Name: name, Index: -1}}, steps...)
}

// Nested is the step to a nested argument of block index.
func Nested(index int, name Setting) []PathStep {
	return nested(index, name.Argument().Name)
}

func nested(index int, name string) []PathStep {
	return []PathStep{{Index: index}, {Name: name, Index: -1}}
}

// Resolve takes each argument from the provider block, else from the first
// of its environment variables that is set. It checks what the schema
// cannot: the environment's values, and values unknown at plan time, which
// a provider that reads data sources during plan cannot use.
func Resolve(block map[string]Raw, getenv func(string) string) (Settings, []Problem) {
	s := Settings{values: map[Setting]Value{}, maps: map[Setting]map[string]Value{}, blocks: map[Setting][]Block{}}
	var problems []Problem
	for _, a := range Arguments() {
		raw, given := block[a.Name]
		if !given {
			raw = Raw{Null: true}
		}
		switch a.Kind {
		case Blocks:
			blocks, p := resolveBlocks(a, raw, getenv)
			s.blocks[a.Setting], problems = blocks, append(problems, p...)
		case TextMap:
			values, p := resolveMap(a, raw)
			s.maps[a.Setting], problems = values, append(problems, p...)
		default:
			v, p := resolveScalar(a, raw, a.Name, at(a.Name), getenv)
			s.values[a.Setting], problems = v, append(problems, p...)
		}
	}
	return s, problems
}

// resolveScalar resolves one argument at path (named name in messages).
func resolveScalar(a Argument, raw Raw, name string, path []PathStep, getenv func(string) string) (Value, []Problem) {
	switch {
	case raw.Unknown:
		return Value{}, []Problem{unknownProblem(name, path, a.Env)}
	case !raw.Null:
		return Value{Text: raw.Text, Source: Source{Kind: FromBlock, Name: name}}, nil
	}
	for _, env := range a.Env {
		text := strings.TrimSpace(getenv(env))
		if text == "" {
			continue
		}
		if want := a.Invalid(text); want != "" {
			return Value{}, []Problem{{Path: path, Summary: "Invalid " + env,
				Detail: fmt.Sprintf("The environment variable %s is %s; it must be %s.", env, a.quote(text), want)}}
		}
		return Value{Text: text, Source: Source{Kind: FromEnvironment, Name: env}}, nil
	}
	return Value{Text: a.Default}, nil
}

// Invalid says what a value from outside the provider block (the
// environment, a profile) must be, or "" when it is so; the schema checks
// the block's.
func (a Argument) Invalid(text string) string {
	switch a.Kind {
	case WholeNumber:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || n < a.Min || n > a.Max {
			return fmt.Sprintf("a whole number from %d to %d", a.Min, a.Max)
		}
	case Flag:
		if _, err := strconv.ParseBool(text); err != nil {
			return "true or false"
		}
	default:
		switch {
		case len(a.OneOf) > 0 && !slices.Contains(a.OneOf, text):
			return "one of " + strings.Join(a.OneOf, ", ") + " (spelled exactly so)"
		case a.Pattern != nil && !a.Pattern.MatchString(text):
			return a.Want
		case a.MaxLength > 0 && len(text) > a.MaxLength:
			return fmt.Sprintf("at most %d characters long", a.MaxLength)
		case len(text) < a.MinLength:
			return fmt.Sprintf("at least %d characters long", a.MinLength)
		}
	}
	return ""
}

// quote writes a value for an error: never a secret's, nor a value that
// may be a file's content.
func (a Argument) quote(text string) string {
	if a.Sensitive || a.File != NoFile {
		return fmt.Sprintf("a value of %d characters (not repeated here)", len(text))
	}
	return strconv.Quote(text)
}

// unknownProblem says that an argument's value is known only after apply.
func unknownProblem(name string, path []PathStep, env []string) Problem {
	instead := "."
	if len(env) > 0 {
		instead = ", or use its environment variable, " + env[0] + "."
	}
	return Problem{Path: path, Summary: "Unknown provider setting",
		Detail: "The provider needs " + name + " to read data sources during plan, but its value is known only " +
			"after apply. Set it to a value known at plan time" + instead}
}

// resolveMap resolves a TextMap; it has no environment variables.
func resolveMap(a Argument, raw Raw) (map[string]Value, []Problem) {
	values := map[string]Value{}
	switch {
	case raw.Unknown:
		return values, []Problem{unknownProblem(a.Name, at(a.Name), nil)}
	case raw.Null:
		return values, nil
	}
	var problems []Problem
	for key, element := range raw.Map {
		name := a.Name + "." + key
		if element.Unknown {
			problems = append(problems, unknownProblem(name, at(a.Name, PathStep{Key: key, Index: -1}), nil))
			continue
		}
		if !element.Null {
			values[key] = Value{Text: element.Text, Source: Source{Kind: FromBlock, Name: name}}
		}
	}
	return values, problems
}

// resolveBlocks resolves a Blocks argument: the provider block's blocks, or
// the one the environment stands in for.
func resolveBlocks(a Argument, raw Raw, getenv func(string) string) ([]Block, []Problem) {
	if raw.Unknown {
		return nil, []Problem{{Path: at(a.Name), Summary: "Unknown provider setting",
			Detail: "The provider needs its " + a.Name + " blocks to read data sources during plan, but which " +
				"blocks there are is known only after apply (a dynamic block's for_each, or a list of unknown " +
				"length). Give them with values known at plan time."}}
	}
	var (
		blocks   []Block
		problems []Problem
	)
	for i, rawBlock := range raw.Blocks {
		b := Block{Index: i, Values: map[Setting]Value{}}
		for _, n := range a.Nested {
			value, given := rawBlock[n.Name]
			if !given {
				value = Raw{Null: true}
			}
			name := fmt.Sprintf("%s[%d].%s", a.Name, i, n.Name)
			b.Values[n.Setting] = Value{Text: n.Default}
			switch {
			case value.Unknown:
				problems = append(problems, unknownProblem(name, append(at(a.Name), nested(i, n.Name)...), nil))
			case !value.Null:
				b.Values[n.Setting] = Value{Text: value.Text, Source: Source{Kind: FromBlock, Name: name}}
			}
		}
		blocks = append(blocks, b)
	}
	if len(raw.Blocks) > 0 || strings.TrimSpace(getenv(a.EnvBlock.Trigger)) == "" ||
		a.EnvBlock.Unless != "" && strings.TrimSpace(getenv(a.EnvBlock.Unless)) != "" {
		return blocks, problems
	}
	b := Block{FromEnvironment: true, Values: map[Setting]Value{}}
	for _, n := range a.Nested {
		v, p := resolveScalar(n, Raw{Null: true}, a.Name+"."+n.Name, at(a.Name), getenv)
		problems = append(problems, p...)
		b.Values[n.Setting] = v
	}
	return []Block{b}, problems
}
