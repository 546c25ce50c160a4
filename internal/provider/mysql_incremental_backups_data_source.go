package provider

import (
	"context"
	"maps"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ datasource.DataSourceWithConfigure        = (*mysqlIncrementalBackupsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*mysqlIncrementalBackupsDataSource)(nil)
)

// mysqlIncrementalBackupsDataSource is gaussdb_mysql_incremental_backups:
// every incremental (binlog) backup of an instance, newest first.
type mysqlIncrementalBackupsDataSource struct {
	clients *apiClients
}

// mysqlIncrementalBackupsModel is the data source's configuration and state.
type mysqlIncrementalBackupsModel struct {
	Region               types.String   `tfsdk:"region"`
	InstanceID           types.String   `tfsdk:"instance_id"`
	BeginTime            types.String   `tfsdk:"begin_time"`
	EndTime              types.String   `tfsdk:"end_time"`
	DisplayOffsiteBackup types.Bool     `tfsdk:"display_offsite_backup"`
	ID                   types.String   `tfsdk:"id"`
	TotalCount           types.Int64    `tfsdk:"total_count"`
	Backups              types.List     `tfsdk:"backups"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// NewMySQLIncrementalBackupsDataSource returns the
// gaussdb_mysql_incremental_backups data source.
func NewMySQLIncrementalBackupsDataSource() datasource.DataSource {
	return &mysqlIncrementalBackupsDataSource{}
}

// Metadata names the data source gaussdb_mysql_incremental_backups.
func (d *mysqlIncrementalBackupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_incremental_backups"
}

// Schema describes the instance, the window and the list.
func (d *mysqlIncrementalBackupsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := instanceArguments("whose incremental backups to list")
	maps.Copy(attributes, map[string]schema.Attribute{
		"begin_time": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only binlogs that started at or after this time, in " + timeFormatsDescription +
				". Requires `end_time`. Applied by the provider to each binlog's start time, and not sent: the " +
				"API does not say which of a binlog's times it compares.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"end_time": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only binlogs that started at or before this time, in the same forms. Requires " +
				"`begin_time`, and must be later than it. Applied by the provider, and sent (one second later) " +
				"only while the API's answers show that it keeps every binlog that started by then; a time at " +
				"or after now is not sent, and costs no more requests than now.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"display_offsite_backup": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Also list the copies kept in another region (`backup_type = \"OffSiteLog\"`). " +
				"Defaults to `false`: the instance's own region only, as the API does.",
		},
		"id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Identifies this listing: derived from the project and the arguments, so the same " +
				"configuration has the same id on every plan.",
		},
		"total_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of binlogs in `backups`."},
		"backups": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "Every matching binlog, once, newest first by `begin_time` (ties broken by `id`): " +
				"`backups[0]` is the latest. An empty list when nothing matches.",
			NestedObject: schema.NestedAttributeObject{Attributes: incrementalBackupAttributes()},
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the incremental (binlog) backups of a GaussDB(for MySQL) instance, reading " +
			"every page of the API at the largest size it serves (50), newest first. Every binlog that existed " +
			"throughout the read is listed exactly once, or the read fails saying why.",
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// ConfigValidators checks the rules that span attributes.
func (d *mysqlIncrementalBackupsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.RequiredTogether(path.MatchRoot("begin_time"), path.MatchRoot("end_time")),
		timeRangeValidator{},
	}
}

// Configure takes the API clients the provider prepared.
func (d *mysqlIncrementalBackupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Read lists the binlogs and stores them.
func (d *mysqlIncrementalBackupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	found, ok := readIncrementalBackups(ctx, d.clients, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	state, err := stateWith(req.Config.Raw, map[string]tftypes.Value{
		"id":          tftypes.NewValue(tftypes.String, found.id),
		"total_count": tftypes.NewValue(tftypes.Number, int64(len(found.backups))),
		"backups":     incrementalBackupsTerraformValue(found.backups),
	})
	if err != nil {
		resp.Diagnostics.AddError(storeIncrementalBackupsSummary, err.Error())
		return
	}
	resp.State.Raw = state
}

// storeIncrementalBackupsSummary is the summary of a state that cannot be
// written.
const storeIncrementalBackupsSummary = "Unable to store the incremental backups"

// incrementalBackupsFound is what gaussdb_mysql_incremental_backups found:
// the binlogs, newest first, and the listing's id.
type incrementalBackupsFound struct {
	id      string
	backups []gaussdb.IncrementalBackup
}

// readIncrementalBackups lists what a gaussdb_mysql_incremental_backups
// configuration asks for. The framework data source and the plain server
// (listing_server.go) both read through it, so that the same answers give
// both the same diagnostics; ok is false after an error.
func readIncrementalBackups(ctx context.Context, clients *apiClients, config tfsdk.Config, diags *diag.Diagnostics,
) (incrementalBackupsFound, bool) {
	var model mysqlIncrementalBackupsModel
	diags.Append(config.Get(ctx, &model)...)
	if diags.HasError() {
		return incrementalBackupsFound{}, false
	}
	q := gaussdb.IncrementalBackupQuery{InstanceID: model.InstanceID.ValueString(),
		IncludeOffsite: model.DisplayOffsiteBackup.ValueBool()}
	// The validators have refused malformed times.
	q.BeginTime, _ = gaussdb.ParseTime(model.BeginTime.ValueString())
	q.EndTime, _ = gaussdb.ParseTime(model.EndTime.ValueString())

	ctx, apiClient, cancel, ok := clients.startRead(ctx, model.Region, model.Timeouts, diags)
	if !ok {
		return incrementalBackupsFound{}, false
	}
	defer cancel()
	listing, err := apiClient.ListIncrementalBackups(ctx, q)
	if err != nil {
		call := apiCall{summary: "Unable to list GaussDB(for MySQL) incremental backups", sent: q.Parameters(),
			instanceID: q.InstanceID, attributes: map[string]string{"begin_time": "begin_time", "end_time": "end_time",
				"display_offsite_backup": "display_offsite_backup"}}
		clients.addPagingError(ctx, diags, call, err, "Narrow the listing with begin_time and end_time.")
		return incrementalBackupsFound{}, false
	}
	addWarnings(diags, listing.Warnings)

	id := stableID("project_id="+apiClient.ProjectID(), "instance_id="+q.InstanceID,
		"begin_time="+instantOrEmpty(q.BeginTime.Truncate(time.Second)), "end_time="+instantOrEmpty(q.EndTime.Truncate(time.Second)),
		"offsite="+strconv.FormatBool(q.IncludeOffsite))
	return incrementalBackupsFound{id: id, backups: listing.Backups}, true
}
