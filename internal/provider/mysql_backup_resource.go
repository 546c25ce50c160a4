package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var (
	_ resource.ResourceWithConfigure   = (*mysqlBackupResource)(nil)
	_ resource.ResourceWithIdentity    = (*mysqlBackupResource)(nil)
	_ resource.ResourceWithImportState = (*mysqlBackupResource)(nil)
)

// Default timeouts of a manual backup: a backup of a large instance takes
// tens of minutes.
const (
	defaultCreateTimeout = 60 * time.Minute
	defaultDeleteTimeout = 20 * time.Minute
)

// mysqlBackupResource is gaussdb_mysql_backup: a manual backup.
type mysqlBackupResource struct {
	clients *apiClients
}

// backupArguments are the resource's arguments; the rest of its state is
// the backup as listed.
type backupArguments struct {
	Region      types.String   `tfsdk:"region"`
	InstanceID  types.String   `tfsdk:"instance_id"`
	Name        types.String   `tfsdk:"name"`
	Description types.String   `tfsdk:"description"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// readBackupArguments reads the arguments out of a plan or state with its
// GetAttribute: the rest of the object is the backup.
func readBackupArguments(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics,
	diags *diag.Diagnostics,
) backupArguments {
	var args backupArguments
	for name, into := range map[string]any{"region": &args.Region, "instance_id": &args.InstanceID, "name": &args.Name,
		"description": &args.Description, "timeouts": &args.Timeouts} {
		diags.Append(get(ctx, path.Root(name), into)...)
	}
	return args
}

// backupIdentity is the resource's identity.
type backupIdentity struct {
	BackupID  types.String `tfsdk:"backup_id"`
	Region    types.String `tfsdk:"region"`
	ProjectID types.String `tfsdk:"project_id"`
}

// NewMySQLBackupResource returns the gaussdb_mysql_backup resource.
func NewMySQLBackupResource() resource.Resource {
	return &mysqlBackupResource{}
}

// Metadata names the resource gaussdb_mysql_backup.
func (r *mysqlBackupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_backup"
}

// Schema describes a manual backup.
func (r *mysqlBackupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = backupResourceSchema(ctx)
}

// IdentitySchema describes what identifies a backup.
func (r *mysqlBackupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = backupIdentitySchema()
}

// Configure takes the API clients the provider prepared.
func (r *mysqlBackupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Create takes the backup and waits until a restore can use it.
func (r *mysqlBackupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	args := readBackupArguments(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	timeout, diags := args.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, c, region, cancel, ok := r.clients.start(ctx, args.Region, timeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	const summary = "Unable to create a GaussDB(for MySQL) backup"
	created, err := c.CreateBackup(ctx, gaussdb.ManualBackup{InstanceID: args.InstanceID.ValueString(),
		Name: args.Name.ValueString(), Description: args.Description.ValueString()}, logBusy(ctx))
	if err != nil {
		r.clients.addCallError(ctx, &resp.Diagnostics, apiCall{summary: summary, instanceID: args.InstanceID.ValueString(),
			body:       manualBackupBody(args.InstanceID.ValueString(), args.Name.ValueString(), args.Description.ValueString()),
			attributes: map[string]string{"name": "name", "description": "description"},
			timeout:    namedTimeout{name: "timeouts.create", value: timeout}}, err)
		return
	}
	if created.Found != "" {
		resp.Diagnostics.AddWarning("Backup found after its creation's answer was lost", sentence(errors.New(created.Found)))
	}
	tflog.Info(ctx, "backup requested; waiting until a restore can use it", map[string]any{"backup_id": created.ID})
	backup, err := c.WaitBackup(ctx, created.ID, created.JobID, func(b gaussdb.Backup) {
		tflog.Debug(ctx, "backup status", map[string]any{"backup_id": b.ID, "status": b.Status})
	})
	if backup.ID == "" {
		// Not listed yet: the state still records the backup, its id and
		// name, so that it is deleted, not forgotten.
		name, description := args.Name.ValueString(), args.Description.ValueStringPointer()
		backup = gaussdb.Backup{ID: created.ID, Name: &name, Description: description, InstanceID: args.InstanceID.ValueString(),
			Status: gaussdb.StatusBuilding, Type: gaussdb.BackupTypeManual}
	}
	storeBackup(ctx, req.Plan.Raw, backup, region, c.ProjectID(), &resp.State, resp.Identity, &resp.Diagnostics)
	if err != nil {
		// The framework marks the backup tainted: the next apply replaces it.
		addCreateWaitError(ctx, &resp.Diagnostics, summary, created.ID, err, timeout)
	}
}

// Read refreshes the backup; one deleted outside Terraform leaves the state.
func (r *mysqlBackupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	args := readBackupArguments(ctx, req.State.GetAttribute, &resp.Diagnostics)
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, c, region, cancel, ok := r.clients.start(ctx, args.Region, 0, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	backup, err := c.GetBackup(ctx, id.ValueString())
	if errors.As(err, new(*gaussdb.BackupNotFoundError)) {
		tflog.Warn(ctx, "the backup no longer exists: removing it from the state", map[string]any{"backup_id": id.ValueString()})
		resp.Diagnostics.AddWarning("Backup no longer exists", fmt.Sprintf("The API lists no backup %s (named %q) of "+
			"instance %s any more: it was deleted outside Terraform, or never appeared. It is removed from the state; "+
			"the next apply takes a new one.", id.ValueString(), args.Name.ValueString(), args.InstanceID.ValueString()))
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every read without error,
		// even one that removes the resource.
		resp.Diagnostics.Append(resp.Identity.Set(ctx, backupIdentity{BackupID: id, Region: types.StringValue(region),
			ProjectID: types.StringValue(c.ProjectID())})...)
		return
	}
	if err != nil {
		r.clients.addCallError(ctx, &resp.Diagnostics, apiCall{summary: "Unable to read a GaussDB(for MySQL) backup"}, err)
		return
	}
	storeBackup(ctx, req.State.Raw, backup, region, c.ProjectID(), &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update changes only the timeouts: every argument forces a new backup.
func (r *mysqlBackupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var timeoutsValue timeouts.Value
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("timeouts"), &timeoutsValue)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.State.Raw = req.State.Raw.Copy()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), timeoutsValue)...)
}

// Delete deletes the backup and waits until it is gone.
func (r *mysqlBackupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	args := readBackupArguments(ctx, req.State.GetAttribute, &resp.Diagnostics)
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	timeout, diags := args.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, c, _, cancel, ok := r.clients.start(ctx, args.Region, timeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := c.DeleteBackup(ctx, id.ValueString(), logBusy(ctx)); err != nil {
		r.clients.addCallError(ctx, &resp.Diagnostics, apiCall{summary: "Unable to delete a GaussDB(for MySQL) backup",
			timeout: namedTimeout{name: "timeouts.delete", value: timeout}}, err)
	}
}

// manualBackupBody is what a request for a manual backup sends, for its
// errors to quote.
func manualBackupBody(instanceID, name, description string) url.Values {
	body := url.Values{"instance_id": {instanceID}, "name": {name}}
	if description != "" {
		body.Set("description", description)
	}
	return body
}

// ImportState imports a manual backup by its id ("ID" or "REGION/ID") or by
// its identity.
func (r *mysqlBackupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var identity backupIdentity
	if req.ID != "" {
		identity.BackupID = types.StringValue(req.ID)
		if region, id, found := strings.Cut(req.ID, "/"); found {
			identity.Region, identity.BackupID = types.StringValue(region), types.StringValue(id)
		}
	} else {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, c, region, cancel, ok := r.clients.start(ctx, identity.Region, 0, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if project := identity.ProjectID.ValueString(); project != "" && project != c.ProjectID() {
		resp.Diagnostics.AddAttributeError(path.Root("project_id"), "Backup of another project",
			fmt.Sprintf("The identity names project %s, but the provider reads project %s in region %s. Configure a "+
				"provider for that project (an alias), and import with it.", project, c.ProjectID(), region))
		return
	}
	backup, err := c.GetBackup(ctx, identity.BackupID.ValueString())
	if err != nil {
		r.clients.addCallError(ctx, &resp.Diagnostics, apiCall{summary: "Unable to import a GaussDB(for MySQL) backup"}, err)
		return
	}
	if backup.Type != gaussdb.BackupTypeManual {
		resp.Diagnostics.AddError("Unable to import a GaussDB(for MySQL) backup", fmt.Sprintf("Backup %s is an %s "+
			"backup: only manual backups can be managed (automated ones expire with the instance's retention). Read it "+
			"with the gaussdb_mysql_backup data source instead.", backup.ID, backup.Type))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), backup.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), region)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, backupIdentity{BackupID: types.StringValue(backup.ID),
		Region: types.StringValue(region), ProjectID: types.StringValue(c.ProjectID())})...)
}

// storeBackup writes a backup into state, from base (the plan or prior
// state, which holds the arguments and timeouts), and sets the identity.
func storeBackup(ctx context.Context, base tftypes.Value, b gaussdb.Backup, region, projectID string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics,
) {
	if base.IsNull() {
		base = tftypes.NewValue(state.Schema.Type().TerraformType(ctx), nil)
	}
	raw, err := backupStateValue(base, b, region)
	if err != nil {
		diags.AddError("Unable to store the backup", err.Error())
		return
	}
	state.Raw = raw
	if identity != nil {
		diags.Append(identity.Set(ctx, backupIdentity{BackupID: types.StringValue(b.ID), Region: types.StringValue(region),
			ProjectID: types.StringValue(projectID)})...)
	}
}

// backupStateValue is a backup as the resource's state holds it: base's
// values (the arguments and timeouts; base may be null), with the
// backup's.
func backupStateValue(base tftypes.Value, b gaussdb.Backup, region string) (tftypes.Value, error) {
	found := backupTerraformAttributes(b, backupTerraformType().AttributeTypes["datastore"])
	found["region"] = tftypes.NewValue(tftypes.String, region)
	if b.Description == nil || *b.Description == "" {
		// Not set and set empty are one: the API leaves out an empty one.
		found["description"] = tftypes.NewValue(tftypes.String, nil)
	}
	return stateWith(base, found)
}
