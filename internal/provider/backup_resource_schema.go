package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// backupNameValidators and backupDescriptionValidators refuse at plan time
// what the API would refuse. Their patterns are compiled when the
// resource's schema is built, not in every start of the provider.
func backupNameValidators() []validator.String {
	return []validator.String{backupNameValidator{}}
}

func backupDescriptionValidators() []validator.String {
	// At most 256 characters, none of !<"='>& and no carriage return. The
	// characters are counted by UTF8LengthBetween rather than by the
	// pattern: a counted repetition of 256 compiled to some 5,000
	// allocations in every start of the provider.
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, 256),
		stringvalidator.RegexMatches(regexp.MustCompile(`^[^!<"='>&\r]*$`),
			`must not hold any of ! < " = ' > & or a carriage return (the API's rule)`),
	}
}

// backupResourceSchema is the schema of the gaussdb_mysql_backup resource:
// the arguments of a manual backup, everything the data source exposes of
// it, and the timeouts.
func backupResourceSchema(ctx context.Context) schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	known := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	computedString := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description, PlanModifiers: known}
	}
	return schema.Schema{
		MarkdownDescription: "A manual backup of a GaussDB(for MySQL) instance. Created, it is waited for until a " +
			"restore can use it (`COMPLETED` or `AVAILABLE`); destroyed, it is deleted and waited for until it is " +
			"gone. Every argument forces a new backup.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Backup ID."),
			"region": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Region of the instance. Defaults to the provider's `region`.",
				Validators:          regionValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
			},
			"instance_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the instance to back up.",
				Validators: instanceIDValidators(), PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Backup name: 4 to 64 characters and at most 64 bytes, a letter or a Chinese " +
					"character first, then letters, digits, Chinese characters, `-` and `_` (checked at plan time, as " +
					"the API checks it).",
				Validators: backupNameValidators(), PlanModifiers: replace,
			},
			"description": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Description: at most 256 characters, none of `!<\"='>&` and no carriage " +
					"return (checked at plan time).",
				Validators: backupDescriptionValidators(), PlanModifiers: replace,
			},
			"instance_name": computedString("Name of the instance; null when the API does not give it."),
			"begin_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}, PlanModifiers: known,
				MarkdownDescription: "When the backup started, in RFC 3339 with the API's UTC offset."},
			"end_time": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}, PlanModifiers: known,
				MarkdownDescription: "When the backup ended, in RFC 3339."},
			"status": computedString("`COMPLETED` or `AVAILABLE` once created (a backup that ends `FAILED` fails the " +
				"apply, and is replaced at the next one)."),
			"restorable": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether a restore can use the backup: `COMPLETED` or `AVAILABLE`."},
			"take_up_time": schema.Int64Attribute{Computed: true, MarkdownDescription: "How long the backup took, in minutes."},
			"type":         computedString("`manual`."),
			"size": schema.Float64Attribute{Computed: true,
				MarkdownDescription: "Size in MB, with decimals as the API gives them."},
			"datastore": schema.SingleNestedAttribute{
				Computed: true, MarkdownDescription: "Database engine the backup was taken from.",
				Attributes: map[string]schema.Attribute{
					"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "Engine, e.g. `gaussdb-mysql`."},
					"version": schema.StringAttribute{Computed: true, MarkdownDescription: "Engine version, e.g. `8.0`."},
				},
			},
			"backup_level": computedString("`0`, `1` or `2`; null unless level-1 backup is enabled on the instance."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true,
				CreateDescription: "How long creating may take, waiting until the backup can be restored from " +
					"included, as a duration such as `30m`. Defaults to 60 minutes.",
				DeleteDescription: "How long deleting may take, waiting until the backup is gone included. " +
					"Defaults to 20 minutes.",
			}),
		},
	}
}

// backupIdentitySchema identifies a backup: its id, and the region and
// project it is in.
func backupIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"backup_id": identityschema.StringAttribute{RequiredForImport: true,
				Description: "Backup ID."},
			"region": identityschema.StringAttribute{OptionalForImport: true,
				Description: "Region of the backup; the provider's when left out."},
			"project_id": identityschema.StringAttribute{OptionalForImport: true,
				Description: "Project of the backup; the provider's project of the region when left out."},
		},
	}
}
