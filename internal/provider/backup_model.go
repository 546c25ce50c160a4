package provider

import (
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

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
		"take_up_time": schema.Int64Attribute{Computed: true, MarkdownDescription: "How long the backup took, in minutes; null when the API does not give it."},
		"type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`auto` (automated full backup) or `manual` (manual full backup)."},
		"size":         schema.Float64Attribute{Computed: true, MarkdownDescription: "Size in MB, with decimals as the API gives them (e.g. `2803.12`)."},
		"datastore": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Database engine the backup was taken from; null when the API does not give it.",
			Attributes: map[string]schema.Attribute{
				"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "Engine, e.g. `GaussDB(for MySQL)`."},
				"version": schema.StringAttribute{Computed: true, MarkdownDescription: "Engine version, e.g. `8.0`."},
			},
		},
		"backup_level": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "`0` (being created or failed), `1` (level-1 backup) or `2` (level-2 backup); " +
				"null unless level-1 backup is enabled on the instance.",
		},
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Description; null when the backup has none."},
	}
}

// datastoreAttrTypes is the type of the datastore object.
func datastoreAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{"type": types.StringType, "version": types.StringType}
}

// backupAttrTypes is the type of one backup object.
func backupAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"id":            types.StringType,
		"name":          types.StringType,
		"instance_id":   types.StringType,
		"instance_name": types.StringType,
		"begin_time":    timetypes.RFC3339Type{},
		"end_time":      timetypes.RFC3339Type{},
		"status":        types.StringType,
		"take_up_time":  types.Int64Type,
		"type":          types.StringType,
		"size":          types.Float64Type,
		"datastore":     types.ObjectType{AttrTypes: datastoreAttrTypes()},
		"backup_level":  types.StringType,
		"description":   types.StringType,
	}
}

// backupsValue converts backups into the list Terraform stores. The values
// are built directly, without reflection, as a listing may hold thousands.
func backupsValue(backups []client.Backup) types.List {
	objectType := types.ObjectType{AttrTypes: backupAttrTypes()}
	datastoreType := datastoreAttrTypes()
	elements := make([]attr.Value, len(backups))
	for i, b := range backups {
		elements[i] = basetypes.NewObjectValueMust(objectType.AttrTypes, backupAttrValues(b, datastoreType))
	}
	return basetypes.NewListValueMust(objectType, elements)
}

// backupAttrValues maps one backup's fields to attribute values.
func backupAttrValues(b client.Backup, datastoreType map[string]attr.Type) map[string]attr.Value {
	datastore := types.ObjectNull(datastoreType)
	if b.Datastore != nil {
		datastore = basetypes.NewObjectValueMust(datastoreType, map[string]attr.Value{
			"type":    types.StringValue(b.Datastore.Type),
			"version": types.StringValue(b.Datastore.Version),
		})
	}
	takeUpTime := types.Int64Null()
	if b.TakeUpTime != nil {
		takeUpTime = types.Int64Value(int64(math.Round(float64(*b.TakeUpTime))))
	}
	size := types.Float64Null()
	if b.Size != nil {
		size = types.Float64Value(float64(*b.Size))
	}
	return map[string]attr.Value{
		"id":            types.StringValue(b.ID),
		"name":          types.StringValue(b.Name),
		"instance_id":   types.StringValue(b.InstanceID),
		"instance_name": types.StringPointerValue(b.InstanceName),
		"begin_time":    rfc3339OrNull(b.BeginTime.Time),
		"end_time":      rfc3339OrNull(b.EndTime.Time),
		"status":        types.StringValue(b.Status),
		"take_up_time":  takeUpTime,
		"type":          types.StringValue(b.Type),
		"size":          size,
		"datastore":     datastore,
		"backup_level":  types.StringPointerValue(b.BackupLevel),
		"description":   types.StringPointerValue(b.Description),
	}
}

// rfc3339OrNull writes t in RFC 3339, keeping the API's UTC offset; the zero
// time (the API sent "") becomes null.
func rfc3339OrNull(t time.Time) timetypes.RFC3339 {
	if t.IsZero() {
		return timetypes.NewRFC3339Null()
	}
	return timetypes.NewRFC3339TimeValue(t)
}
