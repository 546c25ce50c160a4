package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// listingServer serves the two large listings, gaussdb_mysql_backups and
// gaussdb_mysql_incremental_backups, beside the framework provider
// (provider_server.go). The framework describes them and validates their
// configuration (listingsProvider); their reads are plain: the state's
// msgpack is written straight from the listing. The framework's generic
// handling of a state after Read (comparing, copying and converting every
// element of a list of 10,000) cost most of a plan's CPU and twice its
// memory (BENCHMARKS.md).
type listingServer struct {
	// ProviderServer is the framework's server of listingsProvider:
	// schemas, validation, and every call the plain reads do not answer.
	tfprotov6.ProviderServer
	clients  *configuredClients
	listings map[string]*plainListing
}

// plainListing is one data source the plain server reads.
type plainListing struct {
	newDataSource func() datasource.DataSource
	// read lists what config asks for and writes the state's msgpack; ok is
	// false after an error, which diags holds.
	read func(ctx context.Context, clients *apiClients, config tfsdk.Config, diags *diag.Diagnostics) (state []byte, ok bool)

	once       sync.Once
	schema     schema.Schema
	objectType tftypes.Type
}

// newListingServer returns the plain server of the listings, reading with
// the API clients the framework provider configures into clients.
func newListingServer(clients *configuredClients) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return &listingServer{
			ProviderServer: providerserver.NewProtocol6(listingsProvider{})(),
			clients:        clients,
			listings: map[string]*plainListing{
				"gaussdb_mysql_backups":             {newDataSource: NewMySQLBackupsDataSource, read: backupsState},
				"gaussdb_mysql_incremental_backups": {newDataSource: NewMySQLIncrementalBackupsDataSource, read: incrementalBackupsState},
			},
		}
	}
}

// describe returns the data source's schema and its Terraform type.
func (l *plainListing) describe(ctx context.Context) (schema.Schema, tftypes.Type) {
	l.once.Do(func() {
		var resp datasource.SchemaResponse
		l.newDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
		l.schema, l.objectType = resp.Schema, resp.Schema.Type().TerraformType(ctx)
	})
	return l.schema, l.objectType
}

// GetProviderSchema gives the listings' schemas without the provider
// block's, which the framework provider gives: terraform-plugin-mux
// compares the provider schemas of its servers with go-cmp, some 16,000
// allocations in every start of the provider (enough for a garbage
// collection before the first request), and a server that gives none is
// not compared.
func (s *listingServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.ProviderServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.Provider = nil
	}
	return resp, err
}

// ValidateProviderConfig leaves the provider block to the framework
// provider: the muxed server would repeat each of its diagnostics.
func (s *listingServer) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider leaves configuring to the framework provider, which
// hands this server its API clients: one sign-in and one connection pool
// for both, and its diagnostics once.
func (s *listingServer) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

// ReadDataSource reads a listing as its framework data source would, and
// answers with the same diagnostics and the same state: on an error, the
// configuration, as the framework leaves it.
func (s *listingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	listing, ok := s.listings[req.TypeName]
	if !ok || req.Config == nil {
		// What the framework answers: an unknown data source, or a
		// request without a configuration, which Terraform never sends.
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	schema, objectType := listing.describe(ctx)
	config, diags := unmarshalConfig(req.Config, objectType)
	if diags.HasError() {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(ctx, diags)}, nil
	}
	clients := s.clients.get()
	if clients == nil {
		// Terraform reads only after configuring; the framework's data
		// source would fail on nil clients.
		diags.AddError("The provider is not configured", "Terraform asked for "+req.TypeName+" before configuring "+
			"the provider. This is a bug in Terraform or in this provider: please report it.")
	}
	var state []byte
	if !diags.HasError() {
		state, ok = listing.read(ctx, clients, tfsdk.Config{Schema: schema, Raw: config}, &diags)
	}
	if !ok || diags.HasError() {
		// As the framework answers a failed read: with the configuration.
		if state = marshalState(objectType, config, &diags); state == nil {
			return &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(ctx, diags)}, nil
		}
	}
	return &tfprotov6.ReadDataSourceResponse{
		Diagnostics: protocolDiagnostics(ctx, diags),
		State:       &tfprotov6.DynamicValue{MsgPack: state},
	}, nil
}

// unmarshalConfig decodes a configuration, with the framework's words when
// it cannot.
func unmarshalConfig(config *tfprotov6.DynamicValue, objectType tftypes.Type) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	value, err := config.Unmarshal(objectType)
	if err != nil {
		diags.AddError("Unable to Convert Configuration", "An unexpected error was encountered when converting the "+
			"configuration from the protocol type. This is always an issue in terraform-plugin-framework used to "+
			"implement the provider and should be reported to the provider developers.\n\nPlease report this to "+
			"the provider developer:\n\nUnable to unmarshal DynamicValue: "+err.Error())
	}
	return value, diags
}

// marshalState encodes a state, with the framework's words when it cannot
// (nil then).
func marshalState(objectType tftypes.Type, state tftypes.Value, diags *diag.Diagnostics) []byte {
	encoded, err := tfprotov6.NewDynamicValue(objectType, state)
	if err != nil {
		diags.AddError("Unable to Convert State", "An unexpected error was encountered when converting the state "+
			"to the protocol type. This is always an issue in terraform-plugin-framework used to implement the "+
			"provider and should be reported to the provider developers.\n\nPlease report this to the provider "+
			"developer:\n\nUnable to create DynamicValue: "+err.Error())
		return nil
	}
	return encoded.MsgPack
}

// backupsState reads gaussdb_mysql_backups and writes its state.
func backupsState(ctx context.Context, clients *apiClients, config tfsdk.Config, diags *diag.Diagnostics) ([]byte, bool) {
	found, ok := readBackups(ctx, clients, config, diags)
	if !ok {
		return nil, false
	}
	kept := 0
	for _, b := range found.listing.Backups {
		if found.selection.keep(b) {
			kept++
		}
	}
	state, err := stateMsgPack(config.Raw, map[string]tftypes.Value{
		"id":          tftypes.NewValue(tftypes.String, found.id),
		"total_count": tftypes.NewValue(tftypes.Number, int64(kept)),
	}, "backups", backupsWriter(found.listing.Backups, found.selection.keep, kept), 512*kept)
	if err != nil {
		diags.AddError(storeBackupsSummary, err.Error())
		return nil, false
	}
	return state, true
}

// incrementalBackupsState reads gaussdb_mysql_incremental_backups and
// writes its state.
func incrementalBackupsState(ctx context.Context, clients *apiClients, config tfsdk.Config, diags *diag.Diagnostics) ([]byte, bool) {
	found, ok := readIncrementalBackups(ctx, clients, config, diags)
	if !ok {
		return nil, false
	}
	state, err := stateMsgPack(config.Raw, map[string]tftypes.Value{
		"id":          tftypes.NewValue(tftypes.String, found.id),
		"total_count": tftypes.NewValue(tftypes.Number, int64(len(found.backups))),
	}, "backups", incrementalBackupsWriter(found.backups), 320*len(found.backups))
	if err != nil {
		diags.AddError(storeIncrementalBackupsSummary, err.Error())
		return nil, false
	}
	return state, true
}
