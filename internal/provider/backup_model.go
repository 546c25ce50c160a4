package provider

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// restorableStatuses are the statuses a restore can use: the default of
// gaussdb_mysql_backup's statuses, and what restorable says.
func restorableStatuses() []string {
	return []string{gaussdb.StatusCompleted, gaussdb.StatusAvailable}
}

// backupAttributes is the schema of one backup, as returned by the data sources.
func backupAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "Backup ID."},
		"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Backup name."},
		"instance_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the instance the backup was taken from."},
		"instance_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the instance; null when the API does not give it."},
		"begin_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "When the backup started, in RFC 3339 with the API's UTC offset " +
				"(`2026-11-20T02:00:00+08:00`), so that `timecmp()` and `formatdate()` work on it.",
		},
		"end_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "When the backup ended, in RFC 3339; null while the backup is still `BUILDING`.",
		},
		"status": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`BUILDING`, `COMPLETED`, `FAILED` or `AVAILABLE`. Restore from `COMPLETED` or `AVAILABLE` backups.",
		},
		"restorable": schema.BoolAttribute{
			Computed: true,
			MarkdownDescription: "Whether a restore can use the backup: its status is `COMPLETED` or `AVAILABLE`, " +
				"the statuses `gaussdb_mysql_backup` picks from by default.",
		},
		"take_up_time": schema.Int64Attribute{Computed: true, MarkdownDescription: "How long the backup took, in minutes; null when the API does not give it."},
		"type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`auto` (automated full backup) or `manual` (manual full backup)."},
		"size":         schema.Float64Attribute{Computed: true, MarkdownDescription: "Size in MB, with decimals as the API gives them (e.g. `2803.12`)."},
		"datastore": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Database engine the backup was taken from; null when the API does not give it.",
			Attributes:          datastoreAttributes(),
		},
		"backup_level": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "`0` (being created or failed), `1` (level-1 backup) or `2` (level-2 backup); " +
				"null unless level-1 backup is enabled on the instance.",
		},
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Description; null when the backup has none."},
	}
}

// datastoreAttributes is the schema of a backup's datastore.
func datastoreAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "Engine, e.g. `gaussdb-mysql`."},
		"version": schema.StringAttribute{Computed: true, MarkdownDescription: "Engine version, e.g. `8.0`."},
	}
}

// backupTerraformType is the Terraform type of one backup object, derived
// from its schema.
func backupTerraformType() tftypes.Object {
	attrTypes := make(map[string]tftypes.Type)
	for name, attribute := range backupAttributes() {
		attrTypes[name] = attribute.GetType().TerraformType(context.Background())
	}
	return tftypes.Object{AttributeTypes: attrTypes}
}

// backupsTerraformValue converts backups into the list Terraform stores. It
// builds Terraform's own values directly: going through the framework's
// values and the state's reflection costs ten times as much at 10,000
// backups (BenchmarkBackupsState10000).
func backupsTerraformValue(backups []gaussdb.Backup) tftypes.Value {
	objectType := backupTerraformType()
	datastoreType := objectType.AttributeTypes["datastore"]
	elements := make([]tftypes.Value, len(backups))
	for i, b := range backups {
		elements[i] = tftypes.NewValue(objectType, backupTerraformAttributes(b, datastoreType))
	}
	return tftypes.NewValue(tftypes.List{ElementType: objectType}, elements)
}

// backupTerraformAttributes maps one backup's fields to Terraform values, by
// attribute name; absent fields are null.
func backupTerraformAttributes(b gaussdb.Backup, datastoreType tftypes.Type) map[string]tftypes.Value {
	datastore := tftypes.NewValue(datastoreType, nil)
	if b.Datastore != nil {
		datastore = tftypes.NewValue(datastoreType, map[string]tftypes.Value{
			"type":    tftypes.NewValue(tftypes.String, b.Datastore.Type),
			"version": tftypes.NewValue(tftypes.String, b.Datastore.Version),
		})
	}
	var takeUpTime, size any
	if minutes, ok := takeUpMinutes(b); ok {
		takeUpTime = minutes
	}
	if b.Size != nil {
		size = float64(*b.Size)
	}
	var backupLevel any
	if b.BackupLevel != nil {
		backupLevel = string(*b.BackupLevel)
	}
	begin, end := storedTimes(b.BeginTime, b.EndTime)
	return map[string]tftypes.Value{
		"id":            tftypes.NewValue(tftypes.String, b.ID),
		"name":          tftypes.NewValue(tftypes.String, b.Name),
		"instance_id":   tftypes.NewValue(tftypes.String, b.InstanceID),
		"instance_name": tftypes.NewValue(tftypes.String, b.InstanceName),
		"begin_time":    rfc3339OrNull(begin),
		"end_time":      rfc3339OrNull(end),
		"status":        tftypes.NewValue(tftypes.String, b.Status),
		"restorable":    tftypes.NewValue(tftypes.Bool, restorable(b.Status)),
		"take_up_time":  tftypes.NewValue(tftypes.Number, takeUpTime),
		"type":          tftypes.NewValue(tftypes.String, b.Type),
		"size":          tftypes.NewValue(tftypes.Number, size),
		"datastore":     datastore,
		"backup_level":  tftypes.NewValue(tftypes.String, backupLevel),
		"description":   tftypes.NewValue(tftypes.String, b.Description),
	}
}

// The rules of a backup's stored values, which both the framework's values
// (above) and the plain server's state (backup_state.go) follow.

// restorable says whether a restore can use a backup in status.
func restorable(status string) bool {
	return slices.Contains(restorableStatuses(), status)
}

// takeUpMinutes is take_up_time in whole minutes; ok is false when the API
// did not give it.
func takeUpMinutes(b gaussdb.Backup) (minutes int64, ok bool) {
	if b.TakeUpTime == nil {
		return 0, false
	}
	return int64(math.Round(float64(*b.TakeUpTime))), true
}

// storedTimes are a record's begin and end times as stored: both zero (null)
// when either cannot be read, since the listing warns, naming the record and
// what the API sent.
func storedTimes(begin, end gaussdb.Time) (time.Time, time.Time) {
	if begin.Unreadable() || end.Unreadable() {
		return time.Time{}, time.Time{}
	}
	return begin.Time, end.Time
}

// rfc3339OrNull writes t in RFC 3339, keeping the API's UTC offset; the zero
// time (the API sent "") becomes null.
func rfc3339OrNull(t time.Time) tftypes.Value {
	if t.IsZero() {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, t.Format(time.RFC3339))
}

// stateWith returns config, an object value, with the given attributes
// replaced: a data source's state is its configuration plus what it found.
func stateWith(config tftypes.Value, found map[string]tftypes.Value) (tftypes.Value, error) {
	objectType, ok := config.Type().(tftypes.Object)
	if !ok {
		return tftypes.Value{}, errors.New("the schema is not an object: this is a bug in the provider")
	}
	var configured map[string]tftypes.Value
	if !config.IsNull() {
		if err := config.As(&configured); err != nil {
			return tftypes.Value{}, fmt.Errorf("reading the configuration: %w", err)
		}
	}
	// A new map: As hands out the configuration's own, which changing would
	// change the configuration, which the framework then compares with the
	// state. An attribute neither configured nor found is null.
	attributes := make(map[string]tftypes.Value, len(objectType.AttributeTypes))
	for name, attributeType := range objectType.AttributeTypes {
		attributes[name] = tftypes.NewValue(attributeType, nil)
		if v, ok := configured[name]; ok {
			attributes[name] = v
		}
		if v, ok := found[name]; ok {
			attributes[name] = v
		}
	}
	return tftypes.NewValue(objectType, attributes), nil
}
