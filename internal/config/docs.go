package config

import (
	"fmt"
	"slices"
	"strings"
)

// Markers around the table of arguments in the documentation's template,
// which `make generate` writes from the table (scripts/argument-table).
const (
	DocsTableBegin = "<!-- arguments: generated from internal/config by make generate; do not edit -->"
	DocsTableEnd   = "<!-- end of arguments -->"
)

// DocsTable is the documentation's table of arguments: each argument, the
// variables it falls back to, the first set winning, and its default.
func DocsTable() string {
	var b strings.Builder
	b.WriteString("| Argument | Environment variables, first set wins | Default |\n| --- | --- | --- |\n")
	for _, a := range Arguments() {
		if a.EnvOnly {
			continue
		}
		env := a.Env
		for _, n := range a.Nested {
			for _, v := range n.Env {
				if !slices.Contains(env, v) {
					env = append(env, v)
				}
			}
		}
		quoted := make([]string, len(env))
		for i, v := range env {
			quoted[i] = "`" + v + "`"
		}
		defaultText := a.DefaultText()
		if defaultText == "" {
			defaultText = "none"
		}
		if a.Kind == Blocks {
			defaultText = "none (blocks; the variables stand in for one when no block is written)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", a.Name, strings.Join(quoted, ", "), defaultText)
	}
	return b.String()
}

// WithDocsTable returns template with the text between the markers
// replaced by the table; ok is false when the markers are missing.
func WithDocsTable(template string) (string, bool) {
	begin := strings.Index(template, DocsTableBegin)
	end := strings.Index(template, DocsTableEnd)
	if begin < 0 || end < begin {
		return template, false
	}
	return template[:begin] + DocsTableBegin + "\n" + DocsTable() + template[end:], true
}
