package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ list.ListResourceWithConfigure        = (*mysqlBackupListResource)(nil)
	_ list.ListResourceWithConfigValidators = (*mysqlBackupListResource)(nil)
)

// mysqlBackupListResource lists the manual backups that the resource
// gaussdb_mysql_backup manages, for terraform query.
type mysqlBackupListResource struct {
	clients *apiClients
}

// backupListFilters are the list block's config: the data source's
// filters, but backup_type, since only manual backups are resources.
type backupListFilters struct {
	Region       types.String `tfsdk:"region"`
	InstanceID   types.String `tfsdk:"instance_id"`
	BackupID     types.String `tfsdk:"backup_id"`
	Name         types.String `tfsdk:"name"`
	InstanceName types.String `tfsdk:"instance_name"`
	BeginTime    types.String `tfsdk:"begin_time"`
	EndTime      types.String `tfsdk:"end_time"`
	Status       types.String `tfsdk:"status"`
}

// NewMySQLBackupListResource returns the list resource gaussdb_mysql_backup.
func NewMySQLBackupListResource() list.ListResource {
	return &mysqlBackupListResource{}
}

// Metadata names the list resource gaussdb_mysql_backup.
func (r *mysqlBackupListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_backup"
}

// ListResourceConfigSchema is the data source's filters, but backup_type.
func (r *mysqlBackupListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attributes := map[string]listschema.Attribute{}
	for name, filter := range backupFilterAttributes() {
		if name == "backup_type" {
			continue
		}
		attributes[name] = listschema.StringAttribute{Optional: true, MarkdownDescription: filter.MarkdownDescription,
			Validators: filter.Validators}
	}
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the manual backups of the provider's project (the backups that the resource " +
			"`gaussdb_mysql_backup` manages), newest first, each with its identity, for `terraform query`. A " +
			"`limit` reads only the pages it needs.",
		Attributes: attributes,
	}
}

// ListResourceConfigValidators checks the time range as the data source does.
func (r *mysqlBackupListResource) ListResourceConfigValidators(context.Context) []list.ConfigValidator {
	return []list.ConfigValidator{timeRangeValidator{}}
}

// Configure takes the API clients the provider prepared.
func (r *mysqlBackupListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// List streams the matching manual backups, newest first: with a limit,
// the newest of them, read with only the pages they need.
func (r *mysqlBackupListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filters backupListFilters
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &filters)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	ctx, c, region, cancel, ok := r.clients.start(ctx, filters.Region, 0, &diags)
	if !ok {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	defer cancel()
	selection := backupFilters{Region: filters.Region, InstanceID: filters.InstanceID, BackupID: filters.BackupID,
		Name: filters.Name, InstanceName: filters.InstanceName, BackupType: types.StringValue(gaussdb.BackupTypeManual),
		BeginTime: filters.BeginTime, EndTime: filters.EndTime, Status: filters.Status}.selection()
	var (
		listing gaussdb.Listing
		err     error
	)
	if req.Limit > 0 {
		listing, err = c.ListNewestBackups(ctx, selection.query, int(req.Limit), selection.keep)
	} else {
		listing, err = c.ListBackups(ctx, selection.query)
		listing.Backups = selection.kept(listing.Backups)
	}
	if err != nil {
		r.clients.addListingError(ctx, &diags, err, selection.query)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	addWarnings(&diags, listing.Warnings)
	stateType := req.ResourceSchema.Type().TerraformType(ctx)
	stream.Results = func(push func(list.ListResult) bool) {
		for i, b := range listing.Backups {
			result := req.NewListResult(ctx)
			if i == 0 {
				result.Diagnostics.Append(diags...)
			}
			result.DisplayName = backupDisplayName(b)
			result.Diagnostics.Append(result.Identity.Set(ctx, backupIdentity{BackupID: types.StringValue(b.ID),
				Region: types.StringValue(region), ProjectID: types.StringValue(c.ProjectID())})...)
			if req.IncludeResource {
				raw, err := backupStateValue(tftypes.NewValue(stateType, nil), b, region)
				if err != nil {
					result.Diagnostics.AddError("Unable to store the backup", err.Error())
				}
				result.Resource.Raw = raw
			}
			if !push(result) {
				return
			}
		}
	}
}

// backupDisplayName names a backup in terraform query's output.
func backupDisplayName(b gaussdb.Backup) string {
	name := b.ID
	if b.Name != nil && *b.Name != "" {
		name = *b.Name
	}
	began := "start unknown"
	if !b.BeginTime.IsZero() {
		began = "began " + b.BeginTime.Format(time.RFC3339)
	}
	return fmt.Sprintf("%s (%s, %s, instance %s)", name, b.Status, began, b.InstanceID)
}
