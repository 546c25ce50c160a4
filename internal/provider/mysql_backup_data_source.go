package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ datasource.DataSourceWithConfigure        = (*mysqlBackupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*mysqlBackupDataSource)(nil)
)

// maxIDsInAmbiguityError bounds how many ids an "several match" error lists.
const maxIDsInAmbiguityError = 5

// singleBackupAttributeNames maps each attribute of one backup (as in the
// list data source) to its name at the top level of gaussdb_mysql_backup.
// The times are renamed: begin_time and end_time are the filters' range.
func singleBackupAttributeNames() map[string]string {
	names := map[string]string{"begin_time": "backup_begin_time", "end_time": "backup_end_time"}
	for name := range backupAttributes() {
		if _, renamed := names[name]; !renamed {
			names[name] = name
		}
	}
	return names
}

// mysqlBackupDataSource is gaussdb_mysql_backup: the one backup that the
// filters select, or the newest of them with most_recent.
type mysqlBackupDataSource struct {
	clients *apiClients
}

// mysqlBackupModel is the data source's configuration and state. The
// filters instance_id, name, instance_name and status double as attributes
// of the backup found.
type mysqlBackupModel struct {
	backupFilters
	MostRecent types.Bool     `tfsdk:"most_recent"`
	Statuses   types.Set      `tfsdk:"statuses"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`

	ID              types.String      `tfsdk:"id"`
	Type            types.String      `tfsdk:"type"`
	BackupBeginTime timetypes.RFC3339 `tfsdk:"backup_begin_time"`
	BackupEndTime   timetypes.RFC3339 `tfsdk:"backup_end_time"`
	TakeUpTime      types.Int64       `tfsdk:"take_up_time"`
	Size            types.Float64     `tfsdk:"size"`
	Datastore       types.Object      `tfsdk:"datastore"`
	BackupLevel     types.String      `tfsdk:"backup_level"`
	Description     types.String      `tfsdk:"description"`
	Restorable      types.Bool        `tfsdk:"restorable"`
}

// NewMySQLBackupDataSource returns the gaussdb_mysql_backup data source.
func NewMySQLBackupDataSource() datasource.DataSource {
	return &mysqlBackupDataSource{}
}

// Metadata names the data source gaussdb_mysql_backup.
func (d *mysqlBackupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_backup"
}

// Schema is the list data source's filters, most_recent and statuses, and
// every attribute of one backup at the top level. The filters instance_id,
// name, instance_name and status double as the backup's attributes; the
// backup's times are backup_begin_time and backup_end_time, since
// begin_time and end_time are the filters' range. Descriptions of the
// backup's attributes are those of gaussdb_mysql_backups; a test checks
// that the two schemas agree.
func (d *mysqlBackupDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	filters := backupFilterAttributes()
	backup := backupAttributes()
	about := func(name string) string { return backup[name].GetMarkdownDescription() }
	alsoFound := func(filter schema.StringAttribute) schema.StringAttribute {
		filter.Computed = true
		filter.MarkdownDescription += " When unset, the found backup's value."
		return filter
	}
	status := alsoFound(filters["status"])
	status.Validators = append(status.Validators, stringvalidator.ConflictsWith(path.MatchRoot("statuses")))

	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds one backup of a GaussDB(for MySQL) instance, e.g. the newest completed " +
			"automated backup to restore from. Takes the filters of `gaussdb_mysql_backups`.",
		Attributes: map[string]schema.Attribute{
			"region":        filters["region"],
			"backup_id":     filters["backup_id"],
			"backup_type":   filters["backup_type"],
			"begin_time":    filters["begin_time"],
			"end_time":      filters["end_time"],
			"instance_id":   alsoFound(filters["instance_id"]),
			"name":          alsoFound(filters["name"]),
			"instance_name": alsoFound(filters["instance_name"]),
			"status":        status,
			"most_recent": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When several backups match, take the newest by `begin_time` (ties broken by `id`) " +
					"instead of failing. Defaults to false.",
			},
			"statuses": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only backups in one of these statuses. Defaults to `COMPLETED` and `AVAILABLE`, " +
					"the ones a restore can use, so that a backup still `BUILDING` or one that `FAILED` is never " +
					"picked. Conflicts with `status`.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(
						gaussdb.StatusBuilding, gaussdb.StatusCompleted, gaussdb.StatusFailed, gaussdb.StatusAvailable)),
				},
			},

			"id":                schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the backup found."},
			"type":              schema.StringAttribute{Computed: true, MarkdownDescription: about("type")},
			"backup_begin_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}, MarkdownDescription: about("begin_time")},
			"backup_end_time":   schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}, MarkdownDescription: about("end_time")},
			"restorable":        schema.BoolAttribute{Computed: true, MarkdownDescription: about("restorable")},
			"take_up_time":      schema.Int64Attribute{Computed: true, MarkdownDescription: about("take_up_time")},
			"size":              schema.Float64Attribute{Computed: true, MarkdownDescription: about("size")},
			"datastore": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: about("datastore"),
				Attributes:          datastoreAttributes(),
			},
			"backup_level": schema.StringAttribute{Computed: true, MarkdownDescription: about("backup_level")},
			"description":  schema.StringAttribute{Computed: true, MarkdownDescription: about("description")},
		},
		Blocks: map[string]schema.Block{"timeouts": readTimeoutBlock(ctx)},
	}
}

// ConfigValidators checks the rules that span attributes.
func (d *mysqlBackupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{timeRangeValidator{}}
}

// Configure takes the API clients the provider prepared.
func (d *mysqlBackupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Read lists the matching backups, picks one, and stores it.
func (d *mysqlBackupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config mysqlBackupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	selection := config.selection()
	if config.Status.IsNull() {
		selection.statuses = restorableStatuses()
		if !config.Statuses.IsNull() {
			resp.Diagnostics.Append(config.Statuses.ElementsAs(ctx, &selection.statuses, false)...)
		}
	}

	listing, _, ok := d.clients.list(ctx, config.backupFilters, config.Timeouts, selection.query, &resp.Diagnostics)
	if !ok {
		return
	}
	backup, problem := pickBackup(listing.Backups, config.MostRecent.ValueBool(), selection)
	if problem != "" {
		resp.Diagnostics.AddError("No single GaussDB(for MySQL) backup", problem)
		return
	}

	state, err := stateWith(req.Config.Raw, singleBackupAttributes(backup))
	if err != nil {
		resp.Diagnostics.AddError("Unable to store the backup", err.Error())
		return
	}
	resp.State.Raw = state
}

// singleBackupAttributes is a backup's attributes under their top-level names.
func singleBackupAttributes(b gaussdb.Backup) map[string]tftypes.Value {
	datastoreType := backupTerraformType().AttributeTypes["datastore"]
	topLevelNames := singleBackupAttributeNames()
	attributes := map[string]tftypes.Value{}
	for name, value := range backupTerraformAttributes(b, datastoreType) {
		attributes[topLevelNames[name]] = value
	}
	return attributes
}

// pickBackup returns the one backup of a listing (newest first) that the
// selection keeps, or says why there is none.
func pickBackup(listed []gaussdb.Backup, mostRecent bool, s backupSelection) (gaussdb.Backup, string) {
	backups := s.kept(listed)
	if mostRecent {
		// A backup whose times cannot be read cannot be shown the newest.
		datable := slices.DeleteFunc(slices.Clone(backups), func(b gaussdb.Backup) bool {
			return b.BeginTime.IsZero() || b.BeginTime.Unreadable() || b.EndTime.Unreadable()
		})
		if len(datable) == 0 && len(backups) > 0 {
			return gaussdb.Backup{}, fmt.Sprintf("%d backups matched %s, but the API gave none of them a begin_time "+
				"that can be read, so none can be shown to be the most recent (see the warnings).", len(backups), s.describe())
		}
		backups = datable
	}
	switch {
	case len(backups) == 0 && len(listed) > 0:
		return gaussdb.Backup{}, notInStatuses(listed, s)
	case len(backups) == 0:
		return gaussdb.Backup{}, "No backup matched " + s.describe() + "."
	case len(backups) == 1 || mostRecent:
		return backups[0], ""
	}
	ids := make([]string, 0, maxIDsInAmbiguityError)
	for _, b := range backups[:min(len(backups), maxIDsInAmbiguityError)] {
		ids = append(ids, b.ID)
	}
	more := ""
	if len(backups) > maxIDsInAmbiguityError {
		more = ", ..."
	}
	return gaussdb.Backup{}, fmt.Sprintf("%d backups matched %s (newest first: %s%s). Set most_recent = true to take "+
		"the newest, or narrow the filters (instance_id, backup_type, begin_time, end_time, ...).",
		len(backups), s.describe(), strings.Join(ids, ", "), more)
}

// notInStatuses explains that backups matched every filter but the
// statuses, naming the newest and its status.
func notInStatuses(listed []gaussdb.Backup, s backupSelection) string {
	newest := listed[0]
	wanted := strings.Join(s.statuses, ", ")
	if len(listed) == 1 {
		return fmt.Sprintf("Backup %s matched the other filters, but its status is %s, not one of statuses (%s). "+
			"Wait until it is COMPLETED, or set statuses (or status) to include %s.", newest.ID, newest.Status, wanted, newest.Status)
	}
	return fmt.Sprintf("%d backups matched the other filters, but none has a status in statuses (%s); the newest, %s, "+
		"is %s. Wait until one is COMPLETED, or set statuses (or status) to include the status you want.",
		len(listed), wanted, newest.ID, newest.Status)
}
