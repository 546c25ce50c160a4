package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// incrementalBackupAttributes is the schema of one incremental backup.
func incrementalBackupAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Incremental backup ID."},
		"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Name; null when the API does not give it."},
		"instance_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the instance the binlog is of."},
		"begin_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "Start of the binlog, in RFC 3339 with the API's UTC offset; null when the API " +
				"gives a time the provider cannot read (a warning names it).",
		},
		"end_time": schema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "End of the binlog, in RFC 3339; null as `begin_time` is.",
		},
		"backup_type": schema.StringAttribute{
			Computed: true,
			MarkdownDescription: "`Log` (kept in the instance's region) or `OffSiteLog` (a copy in another region, " +
				"listed with `display_offsite_backup = true`).",
		},
		"size_kb": schema.Float64Attribute{
			Computed:            true,
			MarkdownDescription: "Size in KB (kilobytes, as the API counts), with decimals; null when the API does not give it.",
		},
	}
}

// incrementalBackupsTerraformValue converts incremental backups into the
// list Terraform stores, building Terraform's values directly as
// backupsTerraformValue does.
func incrementalBackupsTerraformValue(backups []gaussdb.IncrementalBackup) tftypes.Value {
	attrTypes := map[string]tftypes.Type{}
	for name, attribute := range incrementalBackupAttributes() {
		attrTypes[name] = attribute.GetType().TerraformType(context.Background())
	}
	objectType := tftypes.Object{AttributeTypes: attrTypes}
	elements := make([]tftypes.Value, len(backups))
	for i, b := range backups {
		var size any
		if b.Size != nil {
			size = float64(*b.Size)
		}
		begin, end := storedTimes(b.BeginTime, b.EndTime)
		elements[i] = tftypes.NewValue(objectType, map[string]tftypes.Value{
			"id":          tftypes.NewValue(tftypes.String, b.ID),
			"name":        tftypes.NewValue(tftypes.String, b.Name),
			"instance_id": tftypes.NewValue(tftypes.String, b.InstanceID),
			"begin_time":  rfc3339OrNull(begin),
			"end_time":    rfc3339OrNull(end),
			"backup_type": tftypes.NewValue(tftypes.String, b.BackupType),
			"size_kb":     tftypes.NewValue(tftypes.Number, size),
		})
	}
	return tftypes.NewValue(tftypes.List{ElementType: objectType}, elements)
}
