package provider

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// TestEveryArgumentAndVariableIsDocumented reads the table of arguments in
// the provider's documentation template: every argument of the schema has
// a row, and the row names each of its environment variables.
func TestEveryArgumentAndVariableIsDocumented(t *testing.T) {
	template, err := os.ReadFile("../../templates/index.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|(.*)$").FindAllStringSubmatch(string(template), -1) {
		rows[m[1]] = m[2]
	}
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	variables := argumentVariables()
	names := blockNames(resp)
	for name := range resp.Schema.Attributes {
		names = append(names, name)
	}
	for _, name := range names {
		row, documented := rows[name]
		if !documented {
			t.Errorf("argument %s has no row in the table of templates/index.md.tmpl", name)
		}
		envs, declared := variables[name]
		if !declared {
			t.Errorf("argument %s is missing from argumentVariables", name)
		}
		for _, env := range envs {
			if !strings.Contains(row, "`"+env+"`") {
				t.Errorf("the row of %s does not name %s", name, env)
			}
		}
	}
	for name := range variables {
		if _, ok := resp.Schema.Attributes[name]; !ok && !slices.Contains(blockNames(resp), name) {
			t.Errorf("argumentVariables names %s, which the schema does not have", name)
		}
	}
}

func blockNames(resp provider.SchemaResponse) []string {
	var names []string
	for name := range resp.Schema.Blocks {
		names = append(names, name)
	}
	return names
}
