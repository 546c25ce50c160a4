package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// listingsProvider is the framework's view of the two listings the plain
// server reads: the provider block (the same schema as GaussDBProvider's)
// and the two data sources, whose schemas and validators it serves. It is
// never configured, and never reads.
type listingsProvider struct{}

var _ provider.Provider = listingsProvider{}

func (listingsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "gaussdb"
}

func (listingsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (listingsProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (listingsProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewMySQLBackupsDataSource, NewMySQLIncrementalBackupsDataSource}
}

func (listingsProvider) Resources(context.Context) []func() resource.Resource { return nil }
