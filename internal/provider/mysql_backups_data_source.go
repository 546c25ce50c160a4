package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ datasource.DataSourceWithConfigure        = (*mysqlBackupsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*mysqlBackupsDataSource)(nil)
)

// mysqlBackupsDataSource is gaussdb_mysql_backups: every backup that matches
// the filters, newest first.
type mysqlBackupsDataSource struct {
	clients *apiClients
}

// mysqlBackupsModel is the data source's configuration and state.
type mysqlBackupsModel struct {
	backupFilters
	ID         types.String   `tfsdk:"id"`
	TotalCount types.Int64    `tfsdk:"total_count"`
	Backups    types.List     `tfsdk:"backups"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
}

// NewMySQLBackupsDataSource returns the gaussdb_mysql_backups data source.
func NewMySQLBackupsDataSource() datasource.DataSource {
	return &mysqlBackupsDataSource{}
}

// Metadata names the data source gaussdb_mysql_backups.
func (d *mysqlBackupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_backups"
}

// Schema describes the filters and the list of backups.
func (d *mysqlBackupsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := attributes(backupFilterAttributes())
	maps.Copy(attributes, map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Identifies this listing: derived from the project and the filters, so the same " +
				"configuration has the same id on every plan.",
		},
		"total_count": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Number of backups in `backups`.",
		},
		"backups": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "Every matching backup, once, newest first by `begin_time` (ties broken by `id`): " +
				"`backups[0]` is the latest. An empty list when nothing matches.",
			NestedObject: schema.NestedAttributeObject{Attributes: backupAttributes()},
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the backups of GaussDB(for MySQL) instances in the provider's project, " +
			"reading every page of the API, newest first.",
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// ConfigValidators checks the rules that span attributes.
func (d *mysqlBackupsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{timeRangeValidator{}}
}

// Configure takes the API clients the provider prepared.
func (d *mysqlBackupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Read lists the backups and stores them.
func (d *mysqlBackupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	found, ok := readBackups(ctx, d.clients, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	backups := found.selection.kept(found.listing.Backups)
	state, err := stateWith(req.Config.Raw, map[string]tftypes.Value{
		"id":          tftypes.NewValue(tftypes.String, found.id),
		"total_count": tftypes.NewValue(tftypes.Number, int64(len(backups))),
		"backups":     backupsTerraformValue(backups),
	})
	if err != nil {
		resp.Diagnostics.AddError(storeBackupsSummary, err.Error())
		return
	}
	resp.State.Raw = state
}

// storeBackupsSummary is the summary of a state that cannot be written.
const storeBackupsSummary = "Unable to store the backups"

// backupsFound is what gaussdb_mysql_backups found: the listing, the
// selection whose statuses say which of its backups to keep, and the
// listing's id.
type backupsFound struct {
	id        string
	listing   gaussdb.Listing
	selection backupSelection
}

// readBackups lists what a gaussdb_mysql_backups configuration asks for.
// The framework data source and the plain server (listing_server.go) both
// read through it, so that the same answers give both the same diagnostics;
// ok is false after an error.
func readBackups(ctx context.Context, clients *apiClients, config tfsdk.Config, diags *diag.Diagnostics) (backupsFound, bool) {
	var model mysqlBackupsModel
	diags.Append(config.Get(ctx, &model)...)
	if diags.HasError() {
		return backupsFound{}, false
	}
	selection := model.selection()
	listing, projectID, ok := clients.list(ctx, model.backupFilters, model.Timeouts, selection.query, diags)
	if !ok {
		return backupsFound{}, false
	}
	return backupsFound{id: selection.listingID(projectID), listing: listing, selection: selection}, true
}
