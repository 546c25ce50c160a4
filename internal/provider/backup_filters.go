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

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// maxFilterLength bounds the string filters.
const maxFilterLength = 256

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

// backupFilterAttributes is the schema of backupFilters. Every filter is a
// string, so the map is typed: a data source adjusts one without a type
// assertion.
func backupFilterAttributes() map[string]schema.StringAttribute {
	// Ids are 36 characters and names at most 64; a longer value is a
	// mistake, and one of megabytes would be refused by the gateway (431).
	nonEmpty := []validator.String{stringvalidator.LengthBetween(1, maxFilterLength)}
	return map[string]schema.StringAttribute{
		"region": {
			Optional: true,
			MarkdownDescription: "Region to read, with its own endpoint and project. Defaults to the provider's " +
				"`region`. Another region is read in its own project: with a token, only when `domain_name` or `domain_id` lets IAM re-scope it.",
			Validators: regionValidators(),
		},
		"instance_id": {
			Optional:            true,
			MarkdownDescription: "Only backups of this instance. Applied by the API.",
			Validators:          nonEmpty,
		},
		"backup_id": {
			Optional:            true,
			MarkdownDescription: "Only the backup with this ID. Applied by the API.",
			Validators:          nonEmpty,
		},
		"name": {
			Optional: true,
			MarkdownDescription: "Only backups with exactly this name. Sent to the API and applied again by the " +
				"provider, since deployments of the API from before 2023 ignore it.",
			Validators: nonEmpty,
		},
		"instance_name": {
			Optional: true,
			MarkdownDescription: "Only backups of instances with exactly this name. Sent to the API and applied " +
				"again by the provider. Deployments of the API from before 2023 ignore it and do not return " +
				"`instance_name`, so that nobody can tell which backups match: the read then fails, asking to " +
				"filter by `instance_id` instead, rather than list every instance's backups or none.",
			Validators: nonEmpty,
		},
		"backup_type": {
			Optional: true,
			MarkdownDescription: "Only backups of this type: `auto` (automated full backup) or `manual` (manual full " +
				"backup). Applied by the API.",
			Validators: []validator.String{stringvalidator.OneOf(gaussdb.BackupTypeAuto, gaussdb.BackupTypeManual)},
		},
		"begin_time": {
			Optional: true,
			MarkdownDescription: "Only backups that started at or after this time, in " + timeFormatsDescription +
				". Applied by the provider to each backup's start time, and not sent: the API does not say which " +
				"of a backup's times it compares, so the provider reads from the top of the list down to this " +
				"time. A time later than now gives an empty list without a request.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"end_time": {
			Optional: true,
			MarkdownDescription: "Only backups that started at or before this time, in " + timeFormatsDescription +
				". Must be later than `begin_time`. Applied by the provider to each backup's start time, and sent " +
				"to the API (one second later) only while its answers show that it keeps every backup that " +
				"started by then; a time at or after now is not sent.",
			Validators: []validator.String{apiTimeValidator{}},
		},
		"status": {
			Optional: true,
			MarkdownDescription: "Only backups in this status: `BUILDING`, `COMPLETED`, `FAILED` or `AVAILABLE`. " +
				"Applied by the provider (the API has no such filter).",
			Validators: []validator.String{stringvalidator.OneOf(
				gaussdb.StatusBuilding, gaussdb.StatusCompleted, gaussdb.StatusFailed, gaussdb.StatusAvailable)},
		},
	}
}

// backupSelection is what a data source asks for: the query the client
// runs, and the statuses the provider keeps (the API has no such filter).
type backupSelection struct {
	query gaussdb.BackupQuery
	// statuses keeps backups in one of these statuses; empty keeps all.
	statuses []string
}

// selection converts the filters into a selection. The schema's validators
// have already rejected malformed times, so parse errors cannot occur here.
func (f backupFilters) selection() backupSelection {
	q := gaussdb.BackupQuery{
		InstanceID:   f.InstanceID.ValueString(),
		BackupID:     f.BackupID.ValueString(),
		Name:         f.Name.ValueString(),
		InstanceName: f.InstanceName.ValueString(),
		BackupType:   f.BackupType.ValueString(),
	}
	if t, err := gaussdb.ParseTime(f.BeginTime.ValueString()); err == nil {
		q.BeginTime = t
	}
	if t, err := gaussdb.ParseTime(f.EndTime.ValueString()); err == nil {
		q.EndTime = t
	}
	s := backupSelection{query: q}
	if status := f.Status.ValueString(); status != "" {
		s.statuses = []string{status}
	}
	return s
}

// keep says whether a backup's status is selected.
func (s backupSelection) keep(b gaussdb.Backup) bool {
	return len(s.statuses) == 0 || slices.Contains(s.statuses, b.Status)
}

// kept returns the backups whose status is selected, in their order.
func (s backupSelection) kept(backups []gaussdb.Backup) []gaussdb.Backup {
	return slices.DeleteFunc(slices.Clone(backups), func(b gaussdb.Backup) bool { return !s.keep(b) })
}

// listingID identifies a selection's result: the same project and filters
// give the same id on every plan, so that the data source never shows a
// diff of its own making.
func (s backupSelection) listingID(projectID string) string {
	q := s.query
	parts := []string{
		"project_id=" + projectID,
		"instance_id=" + q.InstanceID,
		"backup_id=" + q.BackupID,
		"name=" + q.Name,
		"instance_name=" + q.InstanceName,
		"backup_type=" + q.BackupType,
		"begin_time=" + instantOrEmpty(q.BeginTime),
		"end_time=" + instantOrEmpty(q.EndTime),
		"statuses=" + strings.Join(slices.Sorted(slices.Values(s.statuses)), ","),
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(sum[:16])
}

// describe says in words which filters a selection applies.
func (s backupSelection) describe() string {
	q := s.query
	var parts []string
	add := func(name, value string) {
		if value != "" {
			parts = append(parts, name+" = "+value)
		}
	}
	add("instance_id", q.InstanceID)
	add("backup_id", q.BackupID)
	add("name", q.Name)
	add("instance_name", q.InstanceName)
	add("backup_type", q.BackupType)
	add("begin_time", instantOrEmpty(q.BeginTime))
	add("end_time", instantOrEmpty(q.EndTime))
	add("statuses", strings.Join(s.statuses, ", "))
	if len(parts) == 0 {
		return "in the project"
	}
	return "the filters " + strings.Join(parts, "; ")
}

// instantOrEmpty writes t in UTC, so that one instant written two ways gives
// one id, or "" for the zero time.
func instantOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// attributes returns string attributes as the schema's general type.
func attributes(typed map[string]schema.StringAttribute) map[string]schema.Attribute {
	general := make(map[string]schema.Attribute, len(typed))
	for name, attribute := range typed {
		general[name] = attribute
	}
	return general
}
