package provider

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// TestTheDocsTableIsTheTableOfArguments: the documentation's table of
// arguments is the one make generate writes from internal/config, and it
// has a row for every argument and block of the schema.
func TestTheDocsTableIsTheTableOfArguments(t *testing.T) {
	template, err := os.ReadFile("../../templates/index.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(template), config.DocsTableBegin+"\n"+config.DocsTable()+config.DocsTableEnd) {
		t.Errorf("templates/index.md.tmpl does not hold the table of internal/config: run make generate")
	}
	var resp provider.SchemaResponse
	testProvider(nil).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	for name := range resp.Schema.Attributes {
		if !strings.Contains(config.DocsTable(), "| `"+name+"` |") {
			t.Errorf("argument %s has no row in the table", name)
		}
	}
	for name := range resp.Schema.Blocks {
		if !strings.Contains(config.DocsTable(), "| `"+name+"` |") {
			t.Errorf("block %s has no row in the table", name)
		}
	}
}
