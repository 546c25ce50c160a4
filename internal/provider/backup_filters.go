package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

// backupFilters are the arguments that select backups: where to look, and
// which of the backups there.
type backupFilters struct {
	Region       types.String `tfsdk:"region"`
	InstanceID   types.String `tfsdk:"instance_id"`
	BackupID     types.String `tfsdk:"backup_id"`
	Name         types.String `tfsdk:"name"`
	InstanceName types.String `tfsdk:"instance_name"`
	BackupType   types.String `tfsdk:"backup_type"`
	BeginTime    types.String `tfsdk:"begin_time"`
	EndTime      types.String `tfsdk:"end_time"`
	Status       types.String `tfsdk:"status"`
}

// backupFilterAttributes is the schema of backupFilters.
func backupFilterAttributes() map[string]schema.Attribute {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Region to read, with its own endpoint and project. Defaults to the provider's " +
				"`region`. Another region needs AK/SK or password authentication, since a token is scoped to one project.",
			Validators: nonEmpty,
		},
		"instance_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only backups of this instance.",
			Validators:          nonEmpty,
		},
		"backup_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only the backup with this ID.",
			Validators:          nonEmpty,
		},
		"name": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only backups with exactly this name. Sent to the API and also applied by the " +
				"provider, since older API versions ignore it.",
			Validators: nonEmpty,
		},
		"instance_name": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only backups of instances with exactly this name. Sent to the API and also " +
				"applied by the provider, since older API versions ignore it.",
			Validators: nonEmpty,
		},
		"backup_type": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only backups of this type: `auto` (automated full backup) or `manual` (manual full backup).",
			Validators:          []validator.String{stringvalidator.OneOf(client.BackupTypeAuto, client.BackupTypeManual)},
		},
		"begin_time": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only backups that started at or after this time, in " + timeFormatsDescription + ".",
			Validators:          []validator.String{apiTimeValidator{}},
		},
		"end_time": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only backups that started at or before this time, in " + timeFormatsDescription +
				". Must be later than `begin_time`.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"status": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only backups in this status: `BUILDING`, `COMPLETED`, `FAILED` or `AVAILABLE`. " +
				"Applied by the provider (the API has no such filter).",
			Validators: []validator.String{stringvalidator.OneOf(
				client.StatusBuilding, client.StatusCompleted, client.StatusFailed, client.StatusAvailable)},
		},
	}
}

// query converts the filters into a client query. The schema's validators
// have already rejected malformed times, so parse errors cannot occur here.
func (f backupFilters) query() client.BackupQuery {
	q := client.BackupQuery{
		InstanceID:   f.InstanceID.ValueString(),
		BackupID:     f.BackupID.ValueString(),
		Name:         f.Name.ValueString(),
		InstanceName: f.InstanceName.ValueString(),
		BackupType:   f.BackupType.ValueString(),
	}
	if status := f.Status.ValueString(); status != "" {
		q.Statuses = []string{status}
	}
	if t, err := client.ParseTime(f.BeginTime.ValueString()); err == nil {
		q.BeginTime = t
	}
	if t, err := client.ParseTime(f.EndTime.ValueString()); err == nil {
		q.EndTime = t
	}
	return q
}

// listingID identifies a query's result: the same project and filters give
// the same id on every plan, so that the data source never shows a diff of
// its own making.
func listingID(projectID string, q client.BackupQuery) string {
	parts := []string{
		"project_id=" + projectID,
		"instance_id=" + q.InstanceID,
		"backup_id=" + q.BackupID,
		"name=" + q.Name,
		"instance_name=" + q.InstanceName,
		"backup_type=" + q.BackupType,
		"begin_time=" + instantOrEmpty(q.BeginTime),
		"end_time=" + instantOrEmpty(q.EndTime),
		"statuses=" + strings.Join(slices.Sorted(slices.Values(q.Statuses)), ","),
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(sum[:16])
}

// instantOrEmpty writes t in UTC, so that one instant written two ways gives
// one id, or "" for the zero time.
func instantOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
