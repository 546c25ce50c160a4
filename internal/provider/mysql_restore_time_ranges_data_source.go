package provider

import (
	"context"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ datasource.DataSourceWithConfigure        = (*mysqlRestoreTimeRangesDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*mysqlRestoreTimeRangesDataSource)(nil)
)

// mysqlRestoreTimeRangesDataSource is gaussdb_mysql_restore_time_ranges: the
// spans of time an instance can be restored to.
type mysqlRestoreTimeRangesDataSource struct {
	clients *apiClients
}

// mysqlRestoreTimeRangesModel is the data source's configuration and state.
type mysqlRestoreTimeRangesModel struct {
	Region                 types.String      `tfsdk:"region"`
	InstanceID             types.String      `tfsdk:"instance_id"`
	Date                   types.String      `tfsdk:"date"`
	BeginTime              types.String      `tfsdk:"begin_time"`
	EndTime                types.String      `tfsdk:"end_time"`
	ID                     types.String      `tfsdk:"id"`
	Ranges                 types.List        `tfsdk:"ranges"`
	EarliestRestorableTime timetypes.RFC3339 `tfsdk:"earliest_restorable_time"`
	LatestRestorableTime   timetypes.RFC3339 `tfsdk:"latest_restorable_time"`
	Timeouts               timeouts.Value    `tfsdk:"timeouts"`
}

// NewMySQLRestoreTimeRangesDataSource returns the
// gaussdb_mysql_restore_time_ranges data source.
func NewMySQLRestoreTimeRangesDataSource() datasource.DataSource {
	return &mysqlRestoreTimeRangesDataSource{}
}

// Metadata names the data source gaussdb_mysql_restore_time_ranges.
func (d *mysqlRestoreTimeRangesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_restore_time_ranges"
}

// restorableTimeDescription is how the computed times are written.
const restorableTimeDescription = "in RFC 3339, in UTC, to the millisecond as the API counts " +
	"(`2026-11-19T18:30:00Z`, `2026-11-19T18:30:00.5Z`)"

// Schema describes the instance, the day or window, and the ranges.
func (d *mysqlRestoreTimeRangesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := instanceArguments("whose restore window to read")
	rangeAttributes := map[string]schema.Attribute{
		"begin_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "First point of the range, " + restorableTimeDescription + "."},
		"end_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "Last point of the range, included."},
	}
	maps.Copy(attributes, map[string]schema.Attribute{
		"date": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only the ranges within this day, in UTC, as `2026-11-20`. Conflicts with " +
				"`begin_time` and `end_time`. With neither, the whole retention period. The API is asked for " +
				"the whole window in milliseconds either way (it may read `date` as a day of another zone), " +
				"and the ranges are cut to the day here.",
			Validators: []validator.String{dateValidator{}},
		},
		"begin_time": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only the ranges within a window from this time, in the API's form " +
				"`2026-11-20T02:00:00+0800` or RFC 3339, to the millisecond. Requires `end_time`. The ranges " +
				"are cut to the window by the provider, whatever the API returns.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"end_time": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "End of the window, in the same forms. Requires `begin_time`, and must be later than it.",
			Validators:          []validator.String{apiTimeValidator{}},
		},
		"id": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "Identifies this read: derived from the project and the arguments, so the same " +
				"configuration has the same id on every plan.",
		},
		"ranges": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "The spans of points the instance can be restored to, oldest first, both ends " +
				"included; spans that overlap or touch are joined, and every span is cut to the day or window " +
				"asked for. An empty list when there are none.",
			NestedObject: schema.NestedAttributeObject{Attributes: rangeAttributes},
		},
		"earliest_restorable_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "The first point of the first range, " + restorableTimeDescription +
				"; null when there is no range.",
		},
		"latest_restorable_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "The last point of the last range: the newest point in time a restore can " +
				"reach; null when there is no range. To restore the newest data, which may be a full backup " +
				"newer than this, use `gaussdb_mysql_restore_point`.",
		},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the spans of time a GaussDB(for MySQL) instance can be restored to (point-in-" +
			"time recovery), on a day, within a window, or over its whole retention period.",
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// ConfigValidators checks the rules that span attributes.
func (d *mysqlRestoreTimeRangesDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.RequiredTogether(path.MatchRoot("begin_time"), path.MatchRoot("end_time")),
		datasourcevalidator.Conflicting(path.MatchRoot("date"), path.MatchRoot("begin_time")),
		datasourcevalidator.Conflicting(path.MatchRoot("date"), path.MatchRoot("end_time")),
		timeRangeValidator{milliseconds: true},
	}
}

// Configure takes the API clients the provider prepared.
func (d *mysqlRestoreTimeRangesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Read reads the ranges and stores them.
func (d *mysqlRestoreTimeRangesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model mysqlRestoreTimeRangesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	q := gaussdb.RestoreTimeQuery{InstanceID: model.InstanceID.ValueString(), Date: model.Date.ValueString()}
	// The validators have refused malformed times.
	q.BeginTime, _ = gaussdb.ParseTime(model.BeginTime.ValueString())
	q.EndTime, _ = gaussdb.ParseTime(model.EndTime.ValueString())

	ctx, apiClient, cancel, ok := d.clients.startRead(ctx, model.Region, model.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ranges, err := apiClient.RestoreTimeRanges(ctx, q)
	if err != nil {
		d.clients.addCallError(ctx, &resp.Diagnostics, restoreTimeCall(q), err)
		return
	}
	earliest, latest := tftypes.NewValue(tftypes.String, nil), tftypes.NewValue(tftypes.String, nil)
	if n := len(ranges); n > 0 {
		earliest, latest = millisecondTime(ranges[0].Begin), millisecondTime(ranges[n-1].End)
	}
	state, err := stateWith(req.Config.Raw, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, stableID("project_id="+apiClient.ProjectID(), "instance_id="+q.InstanceID,
			"date="+q.Date, "begin_time="+millisecondText(q.BeginTime), "end_time="+millisecondText(q.EndTime))),
		"ranges":                   rangesTerraformValue(ranges),
		"earliest_restorable_time": earliest,
		"latest_restorable_time":   latest,
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to store the restore time ranges", err.Error())
		return
	}
	resp.State.Raw = state
}

// restoreTimeCall describes a restore-time request for its errors.
func restoreTimeCall(q gaussdb.RestoreTimeQuery) apiCall {
	return apiCall{summary: "Unable to read the restore window of a GaussDB(for MySQL) instance",
		action: "gaussdbformysql:backup:getRestoreTime", sent: q.Parameters(), instanceID: q.InstanceID,
		attributes: map[string]string{"date": "date", "start_time": "begin_time", "end_time": "end_time"}}
}

// rangesTerraformValue converts ranges into the list Terraform stores.
func rangesTerraformValue(ranges []gaussdb.TimeRange) tftypes.Value {
	objectType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"begin_time": tftypes.String, "end_time": tftypes.String}}
	elements := make([]tftypes.Value, len(ranges))
	for i, r := range ranges {
		elements[i] = tftypes.NewValue(objectType, map[string]tftypes.Value{
			"begin_time": millisecondTime(r.Begin), "end_time": millisecondTime(r.End),
		})
	}
	return tftypes.NewValue(tftypes.List{ElementType: objectType}, elements)
}

// millisecondTime writes t in RFC 3339 in UTC, to the millisecond, with no
// fraction when it has none.
func millisecondTime(t time.Time) tftypes.Value {
	return tftypes.NewValue(tftypes.String, millisecondText(t))
}

// millisecondText is millisecondTime's text, or "" for the zero time.
func millisecondText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Millisecond).Format(time.RFC3339Nano)
}
