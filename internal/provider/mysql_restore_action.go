package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ action.ActionWithConfigure        = (*mysqlRestoreAction)(nil)
	_ action.ActionWithConfigValidators = (*mysqlRestoreAction)(nil)
	_ action.ActionWithModifyPlan       = (*mysqlRestoreAction)(nil)
)

// defaultRestoreTimeout bounds an invocation: a restore of a large
// instance takes hours.
const defaultRestoreTimeout = 3 * time.Hour

// mysqlRestoreAction is the action gaussdb_mysql_restore: restore a backup
// or a point in time into an instance, once per invocation.
type mysqlRestoreAction struct {
	clients *apiClients
}

// restoreActionModel is the action's configuration.
type restoreActionModel struct {
	Region               types.String `tfsdk:"region"`
	SourceInstanceID     types.String `tfsdk:"source_instance_id"`
	TargetInstanceID     types.String `tfsdk:"target_instance_id"`
	BackupID             types.String `tfsdk:"backup_id"`
	RestoreTime          types.String `tfsdk:"restore_time"`
	AllowOverwriteSource types.Bool   `tfsdk:"allow_overwrite_source"`
	Timeout              types.String `tfsdk:"timeout"`
}

// NewMySQLRestoreAction returns the action gaussdb_mysql_restore.
func NewMySQLRestoreAction() action.Action {
	return &mysqlRestoreAction{}
}

// Metadata names the action gaussdb_mysql_restore.
func (a *mysqlRestoreAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_restore"
}

// Schema describes what to restore, from where and into what.
func (a *mysqlRestoreAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restores a backup, or a point in time, of a GaussDB(for MySQL) instance into an " +
			"instance (`POST /v3/{project_id}/instances/restore`), and follows the restore's job until it ends. It " +
			"runs only when invoked (`terraform apply -invoke=action.gaussdb_mysql_restore.NAME`) or triggered, " +
			"once each time: a later plan never restores again, and a restore into the target already under way is " +
			"followed instead of starting a second. Terraform 1.14 or later.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Optional: true, Validators: regionValidators(),
				MarkdownDescription: "Region of the instances. Defaults to the provider's `region`."},
			"source_instance_id": schema.StringAttribute{Required: true, Validators: instanceIDValidators(),
				MarkdownDescription: "The instance whose backup or point in time to restore."},
			"target_instance_id": schema.StringAttribute{Required: true, Validators: instanceIDValidators(),
				MarkdownDescription: "The instance to restore into: its data is replaced. The source instance itself " +
					"only with `allow_overwrite_source = true`."},
			"backup_id": schema.StringAttribute{Optional: true,
				Validators: backupIDValidators(),
				MarkdownDescription: "The backup to restore: a full backup of the source instance, `COMPLETED` or " +
					"`AVAILABLE` (checked at plan time). Exactly one of `backup_id` and `restore_time`."},
			"restore_time": schema.StringAttribute{Optional: true, Validators: []validator.String{apiTimeValidator{}},
				MarkdownDescription: "The point in time to restore, in RFC 3339 or the API's form, to the millisecond; " +
					"it must be within the source's restore window (see `gaussdb_mysql_restore_time_ranges`). At plan " +
					"time the window an hour either side of the point is read, then the whole window if that does not " +
					"hold it; the point is refused only when the window shows it outside (in the future, in a gap " +
					"between two ranges, or outside every range), and otherwise left to the API to check."},
			"allow_overwrite_source": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Must be `true` to restore into the source instance itself, replacing its data."},
			"timeout": schema.StringAttribute{Optional: true, Validators: []validator.String{positiveDurationValidator{}},
				MarkdownDescription: "How long to wait for the restore, busy instances included, as a duration such as " +
					"`90m`. Defaults to 3 hours. When it runs out the restore goes on in the cloud; the error names its job. " +
					"An interrupt (Ctrl-C) stops the wait too, but its error may not reach Terraform: see Interrupts."},
		},
	}
}

// ConfigValidators checks that one thing is restored.
func (a *mysqlRestoreAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{
		actionvalidator.ExactlyOneOf(path.MatchRoot("backup_id"), path.MatchRoot("restore_time")),
		overwriteSourceValidator{},
	}
}

// Configure takes the API clients the provider prepared.
func (a *mysqlRestoreAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses at plan time what the API would refuse: a backup that
// is not a restorable backup of the source, or a point that the source's
// restore window shows outside it (see checkRestorePoint).
func (a *mysqlRestoreAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var m restoreActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || a.clients == nil || m.SourceInstanceID.IsUnknown() || m.BackupID.IsUnknown() ||
		m.RestoreTime.IsUnknown() || m.Region.IsUnknown() {
		return
	}
	ctx, c, _, cancel, ok := a.clients.start(ctx, m.Region, 0, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	source := m.SourceInstanceID.ValueString()
	if !m.BackupID.IsNull() {
		b, err := c.GetBackup(ctx, m.BackupID.ValueString())
		switch {
		case errors.As(err, new(*gaussdb.BackupNotFoundError)):
			resp.Diagnostics.AddAttributeError(path.Root("backup_id"), "Backup not found", sentence(err))
		case err != nil:
			resp.Diagnostics.AddAttributeWarning(path.Root("backup_id"), "Unable to check the backup",
				"The backup could not be read at plan time, so the API will check it when the action runs: "+err.Error())
		case b.InstanceID != source:
			resp.Diagnostics.AddAttributeError(path.Root("backup_id"), "Backup of another instance",
				fmt.Sprintf("Backup %s is a backup of instance %s, not of source_instance_id %s.", b.ID, b.InstanceID, source))
		case !slices.Contains(restorableStatuses(), b.Status):
			resp.Diagnostics.AddAttributeError(path.Root("backup_id"), "Backup cannot be restored",
				fmt.Sprintf("Backup %s is %s: only COMPLETED and AVAILABLE backups can be restored.", b.ID, b.Status))
		}
		return
	}
	at, err := gaussdb.ParseTime(m.RestoreTime.ValueString())
	if err != nil {
		return
	}
	at = at.Truncate(time.Millisecond)
	checkRestorePoint(ctx, c, source, at, time.Now(), &resp.Diagnostics)
}

// Invoke restores, once, and follows the job until it ends: a restore into
// the target already under way is followed instead of starting another.
func (a *mysqlRestoreAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m restoreActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	timeout := durationOr(m.Timeout.ValueString(), defaultRestoreTimeout)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, c, _, cancel, ok := a.clients.start(ctx, m.Region, timeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	r := gaussdb.RestoreRequest{SourceInstanceID: m.SourceInstanceID.ValueString(), TargetInstanceID: m.TargetInstanceID.ValueString(),
		BackupID: m.BackupID.ValueString()}
	what := "backup " + r.BackupID
	if !m.RestoreTime.IsNull() {
		at, _ := gaussdb.ParseTime(m.RestoreTime.ValueString())
		r.RestoreTime = at.Truncate(time.Millisecond)
		what = "the point " + millisecondText(r.RestoreTime)
	}
	progress := progressOf(resp)
	progress(fmt.Sprintf("Restoring %s of instance %s into instance %s.", what, r.SourceInstanceID, r.TargetInstanceID))
	inv := restoreInvocation{clients: a.clients, projectID: c.ProjectID(), target: r.TargetInstanceID, what: what,
		body: restoreBody(r), timeout: timeout, diags: &resp.Diagnostics, progress: progress}
	started, err := c.Restore(ctx, r, func(busy error) {
		progress("The target instance is busy with another operation; waiting (" + busy.Error() + ").")
	})
	if started.Unchecked != nil {
		inv.warnUnchecked(started.Unchecked)
	}
	if err != nil {
		inv.notStarted(ctx, err)
		return
	}
	inv.started(started)
	job, err := c.WaitJob(ctx, started.JobID, inv.jobProgress(started.JobID))
	if err != nil {
		inv.waitFailed(ctx, started.JobID, err)
		return
	}
	inv.completed(started, job)
}

// restoreBody is what a restore request sends, for its errors to quote.
func restoreBody(r gaussdb.RestoreRequest) url.Values {
	body := url.Values{"source_instance_id": {r.SourceInstanceID}, "target_instance_id": {r.TargetInstanceID}}
	if r.BackupID != "" {
		body.Set("type", gaussdb.RestoreTypeBackup)
		body.Set("backup_id", r.BackupID)
	} else {
		body.Set("type", gaussdb.RestoreTypeTimestamp)
		body.Set("restore_time", strconv.FormatInt(r.RestoreTime.UnixMilli(), 10))
	}
	return body
}

// percent writes a job's progress, when it has one, as " (35%)".
func percent(process string) string {
	if process == "" {
		return ""
	}
	return " (" + process + ")"
}

// durationOr parses a duration, or gives fallback for an empty one; the
// validator has refused malformed ones.
func durationOr(value string, fallback time.Duration) time.Duration {
	if d, err := time.ParseDuration(value); err == nil && d > 0 {
		return d
	}
	return fallback
}

// overwriteSourceValidator refuses a restore into the source instance
// without allow_overwrite_source = true.
type overwriteSourceValidator struct{}

func (overwriteSourceValidator) Description(context.Context) string {
	return "restoring into the source instance needs allow_overwrite_source = true"
}

func (v overwriteSourceValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (overwriteSourceValidator) ValidateAction(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var m restoreActionModel
	if req.Config.Get(ctx, &m).HasError() || m.SourceInstanceID.IsUnknown() || m.TargetInstanceID.IsUnknown() ||
		m.AllowOverwriteSource.IsUnknown() {
		return
	}
	if m.SourceInstanceID.ValueString() == m.TargetInstanceID.ValueString() && !m.AllowOverwriteSource.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("target_instance_id"), "Restore into the source instance",
			fmt.Sprintf("target_instance_id is the source instance, %s: the restore would replace its data with %s. "+
				"Set allow_overwrite_source = true if that is what you want.", m.SourceInstanceID.ValueString(),
				"the backup's or the point's"))
	}
}
