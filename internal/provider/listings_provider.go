package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// listingsProvider is the framework's view of the two listings the plain
// server reads: the two data sources, whose schemas and validators it
// serves. The provider block is GaussDBProvider's to describe, validate and
// configure (listingServer leaves it out), so its schema here is empty. It
// is never configured, and never reads.
type listingsProvider struct{}

var _ provider.Provider = listingsProvider{}

func (listingsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gaussdb"
}

func (listingsProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (listingsProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (listingsProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewMySQLBackupsDataSource, NewMySQLIncrementalBackupsDataSource}
}

func (listingsProvider) Resources(context.Context) []func() resource.Resource { return nil }
