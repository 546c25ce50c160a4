// Command argument-table writes the provider's table of arguments, from
// internal/config, into the documentation's template (make generate).
package main

import (
	"fmt"
	"os"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

func main() {
	const template = "templates/index.md.tmpl"
	text, err := os.ReadFile(template)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	updated, ok := config.WithDocsTable(string(text))
	if !ok {
		fmt.Fprintf(os.Stderr, "%s has no markers %q and %q\n", template, config.DocsTableBegin, config.DocsTableEnd)
		os.Exit(1)
	}
	if err := os.WriteFile(template, []byte(updated), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
