package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

var _ action.ActionWithConfigure = (*mysqlCreateBackupAction)(nil)

// mysqlCreateBackupAction is the action gaussdb_mysql_create_backup: take a
// manual backup and wait until a restore can use it.
type mysqlCreateBackupAction struct {
	clients *apiClients
}

// createBackupActionModel is the action's configuration.
type createBackupActionModel struct {
	Region      types.String `tfsdk:"region"`
	InstanceID  types.String `tfsdk:"instance_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Timeout     types.String `tfsdk:"timeout"`
}

// NewMySQLCreateBackupAction returns the action gaussdb_mysql_create_backup.
func NewMySQLCreateBackupAction() action.Action {
	return &mysqlCreateBackupAction{}
}

// Metadata names the action gaussdb_mysql_create_backup.
func (a *mysqlCreateBackupAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_mysql_create_backup"
}

// Schema describes the backup to take.
func (a *mysqlCreateBackupAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Takes a manual backup of a GaussDB(for MySQL) instance and waits until a restore can " +
			"use it (`COMPLETED` or `AVAILABLE`). Made for `action_trigger { events = [before_update] }` on a " +
			"schema migration or an instance change: the backup is taken, and done, before the update runs; a " +
			"backup that fails stops the apply. An interrupt (Ctrl-C) does not, today: see Interrupts. The backup " +
			"is not managed by Terraform (see the resource `gaussdb_mysql_backup` for one that is). Terraform 1.14 " +
			"or later.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Optional: true, Validators: regionValidators(),
				MarkdownDescription: "Region of the instance. Defaults to the provider's `region`."},
			"instance_id": schema.StringAttribute{Required: true, Validators: instanceIDValidators(),
				MarkdownDescription: "The instance to back up."},
			"name": schema.StringAttribute{Required: true, Validators: backupNameValidators(),
				MarkdownDescription: "Backup name: 4 to 64 characters and at most 64 bytes, a letter or a Chinese " +
					"character first, then letters, digits, Chinese characters, `-` and `_` (checked at plan time). Names need not be unique; a timestamp in it tells backups apart, e.g. " +
					"`\"pre-migrate-${formatdate(\"YYYYMMDDhhmmss\", plantimestamp())}\"`."},
			"description": schema.StringAttribute{Optional: true, Validators: backupDescriptionValidators(),
				MarkdownDescription: "Description: at most 256 characters, none of `!<\"='>&` and no carriage return."},
			"timeout": schema.StringAttribute{Optional: true, Validators: []validator.String{positiveDurationValidator{}},
				MarkdownDescription: "How long to wait, busy instances included, as a duration such as `30m`. " +
					"Defaults to 60 minutes."},
		},
	}
}

// Configure takes the API clients the provider prepared.
func (a *mysqlCreateBackupAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.clients = clientsFrom(req.ProviderData, &resp.Diagnostics)
}

// Invoke takes the backup and waits for it.
func (a *mysqlCreateBackupAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m createBackupActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout := durationOr(m.Timeout.ValueString(), defaultCreateTimeout)
	ctx, c, _, cancel, ok := a.clients.start(ctx, m.Region, timeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	progress := progressOf(resp)
	instance := m.InstanceID.ValueString()
	progress(fmt.Sprintf("Taking backup %q of instance %s.", m.Name.ValueString(), instance))
	call := apiCall{summary: "Unable to back up a GaussDB(for MySQL) instance", body: manualBackupBody(instance,
		m.Name.ValueString(), m.Description.ValueString()), attributes: map[string]string{"name": "name", "description": "description"}}
	created, err := c.CreateBackup(ctx, gaussdb.ManualBackup{InstanceID: instance, Name: m.Name.ValueString(),
		Description: m.Description.ValueString()}, func(busy error) {
		progress("The instance is busy with another operation; waiting (" + busy.Error() + ").")
	})
	if err != nil {
		a.clients.addBackupInvocationError(ctx, &resp.Diagnostics, call, err, timeout, "")
		return
	}
	if created.Found != "" {
		progress(sentence(errors.New(created.Found)))
	}
	progress("The backup is " + created.ID + "; waiting until a restore can use it.")
	last := ""
	b, err := c.WaitBackup(ctx, created.ID, created.JobID, func(b gaussdb.Backup) {
		if b.Status != last {
			last = b.Status
			progress(fmt.Sprintf("Backup %s: %s.", b.ID, b.Status))
		}
	})
	if err != nil {
		a.clients.addBackupInvocationError(ctx, &resp.Diagnostics, call, err, timeout, created.ID)
		return
	}
	progress(fmt.Sprintf("Backup %s of instance %s is %s.", b.ID, instance, b.Status))
}
