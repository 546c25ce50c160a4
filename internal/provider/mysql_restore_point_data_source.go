package provider

import (
	"context"
	"errors"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var _ datasource.DataSourceWithConfigure = (*mysqlRestorePointDataSource)(nil)

// mysqlRestorePointDataSource is gaussdb_mysql_restore_point: the newest
// point an instance can be restored to, and how.
type mysqlRestorePointDataSource struct {
	clients *apiClients
}

// mysqlRestorePointModel is the data source's configuration and state.
type mysqlRestorePointModel struct {
	Region          types.String      `tfsdk:"region"`
	InstanceID      types.String      `tfsdk:"instance_id"`
	NotAfter        types.String      `tfsdk:"not_after"`
	ID              types.String      `tfsdk:"id"`
	Type            types.String      `tfsdk:"type"`
	RestoreTime     timetypes.RFC3339 `tfsdk:"restore_time"`
	RestoreTimeMS   types.Int64       `tfsdk:"restore_time_ms"`
	BackupID        types.String      `tfsdk:"backup_id"`
	BackupBeginTime timetypes.RFC3339 `tfsdk:"backup_begin_time"`
	BackupEndTime   timetypes.RFC3339 `tfsdk:"backup_end_time"`
	Timeouts        timeouts.Value    `tfsdk:"timeouts"`
}

// NewMySQLRestorePointDataSource returns the gaussdb_mysql_restore_point
// data source.
func NewMySQLRestorePointDataSource() datasource.DataSource {
	return &mysqlRestorePointDataSource{}
}

// Metadata names the data source gaussdb_mysql_restore_point.
func (d *mysqlRestorePointDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_restore_point"
}

// Schema describes the instance, the limit and the point found.
func (d *mysqlRestorePointDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := instanceArguments("to restore from")
	maps.Copy(attributes, map[string]schema.Attribute{
		"not_after": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "The newest point at or before this time, in the API's form " +
				"`2026-11-20T02:00:00+0800` or RFC 3339, to the millisecond. Defaults to the time of the read.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Identifies this read: derived from the project, `instance_id` and `not_after`, so " +
				"the id stays the same when the point moves.",
		},
		"type": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "How to restore to the point: `timestamp` (a point in time, `restore_time_ms`) when " +
				"the restore window reaches past the newest restorable full backup, `backup` (`backup_id`) when it " +
				"does not. The values of the restore API's `type`.",
		},
		"restore_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "The point restored to, " + restorableTimeDescription + ": the end of the " +
				"restore window, or the backup's `end_time` when `type` is `backup`.",
		},
		"restore_time_ms": schema.Int64Attribute{
			Computed: true,
			MarkdownDescription: "`restore_time` in milliseconds since 1970, as the restore API takes it " +
				"(`restore_time` of `huaweicloud_taurusdb_restore` with `type = \"timestamp\"`).",
		},
		"backup_id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "The newest restorable full backup (`COMPLETED` or `AVAILABLE`) that ended at or " +
				"before `restore_time`: the backup restored when `type` is `backup`.",
		},
		"backup_begin_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "When that backup started, in RFC 3339 with the API's UTC offset."},
		"backup_end_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "When that backup ended, in RFC 3339 with the API's UTC offset."},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the newest point a GaussDB(for MySQL) instance can be restored to, at or " +
			"before a time, and how: from the newest restorable full backup, or to a later point in time of " +
			"the restore window. Reads every page of the instance's backups, then its restore window from " +
			"that backup on.",
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// Configure takes the API clients the provider prepared.
func (d *mysqlRestorePointDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Read finds the point and stores it.
func (d *mysqlRestorePointDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model mysqlRestorePointModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	instanceID := model.InstanceID.ValueString()
	notAfter := time.Now()
	if !model.NotAfter.IsNull() {
		// The validator has refused a malformed time.
		notAfter, _ = gaussdb.ParseTime(model.NotAfter.ValueString())
	}

	ctx, apiClient, cancel, ok := d.clients.startRead(ctx, model.Region, model.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	point, err := apiClient.LatestRestorePoint(ctx, instanceID, notAfter)
	if err != nil {
		d.addError(ctx, &resp.Diagnostics, model, err)
		return
	}
	addWarnings(&resp.Diagnostics, point.Warnings)

	notAfterPart := ""
	if !model.NotAfter.IsNull() {
		notAfterPart = millisecondText(notAfter)
	}
	state, err := stateWith(req.Config.Raw, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, stableID("project_id="+apiClient.ProjectID(), "instance_id="+instanceID,
			"not_after="+notAfterPart)),
		"type":              tftypes.NewValue(tftypes.String, point.Type),
		"restore_time":      millisecondTime(point.Time),
		"restore_time_ms":   tftypes.NewValue(tftypes.Number, point.Time.UnixMilli()),
		"backup_id":         tftypes.NewValue(tftypes.String, point.Backup.ID),
		"backup_begin_time": rfc3339OrNull(point.Backup.BeginTime.Time),
		"backup_end_time":   rfc3339OrNull(point.Backup.EndTime.Time),
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to store the restore point", err.Error())
		return
	}
	resp.State.Raw = state
}

// addError reports a failed search on what caused it: an instance with
// nothing to restore, or the request that failed.
func (d *mysqlRestorePointDataSource) addError(ctx context.Context, diags *diag.Diagnostics, model mysqlRestorePointModel, err error) {
	const summary = "Unable to find a restore point"
	var (
		none *gaussdb.NoRestorePointError
		step *gaussdb.RestorePointStepError
	)
	switch {
	case errors.As(err, &none):
		attribute, advice := path.Root("instance_id"), "Check instance_id, or take a backup first."
		if !model.NotAfter.IsNull() {
			attribute, advice = path.Root("not_after"), "Choose a later not_after, or check instance_id."
		}
		diags.AddAttributeError(attribute, summary, sentence(err)+" "+advice)
	case errors.As(err, &step) && step.Window != nil:
		call := restoreTimeCall(*step.Window)
		call.summary, call.attributes = summary, nil
		d.clients.addCallError(ctx, diags, call, err)
	case errors.As(err, &step) && step.Backups != nil:
		call := apiCall{summary: summary, action: "gaussdbformysql:backup:list", sent: step.Backups.Parameters(),
			attributes: map[string]string{"instance_id": "instance_id"}}
		d.clients.addPagingError(ctx, diags, call, err, "The instance has more backups than one read can hold.")
	default:
		d.clients.addCallError(ctx, diags, apiCall{summary: summary}, err)
	}
}
