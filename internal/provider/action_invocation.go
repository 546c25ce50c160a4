package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// progressOf sends an invocation's progress messages to Terraform.
func progressOf(resp *action.InvokeResponse) func(message string) {
	return func(message string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: message})
		}
	}
}

// invocationEnd is why an invocation's context ended: "" while it has not,
// "timeout" when the action's timeout ran out, "interrupt" when Terraform
// stopped the provider (Ctrl-C).
func invocationEnd(ctx context.Context) string {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "timeout"
	case ctx.Err() != nil:
		return "interrupt"
	}
	return ""
}

// addStoppedError reports an invocation that stopped waiting, on the
// timeout when it ran out, saying what goes on in the cloud. An interrupt
// is logged too: terraform-plugin-go v0.31.0 does not send the outcome of
// an invocation whose context was stopped, so the log may be the only
// place that says it.
func addStoppedError(ctx context.Context, diags *diag.Diagnostics, summary string, err error, timeout time.Duration,
	goesOn string,
) {
	if invocationEnd(ctx) == "timeout" {
		diags.AddAttributeError(path.Root("timeout"), summary, fmt.Sprintf("The action's timeout (%s) ran out: %s %s "+
			"Raise timeout to wait longer.", timeout, sentence(err), goesOn))
		return
	}
	detail := fmt.Sprintf("Interrupted: %s %s", sentence(err), goesOn)
	tflog.Warn(ctx, summary+": "+detail)
	diags.AddError(summary, detail)
}

// notedError is an error with a sentence added, still unwrapping to it.
type notedError struct {
	err  error
	note string
}

func (e *notedError) Error() string { return sentence(e.err) + " " + e.note }

func (e *notedError) Unwrap() error { return e.err }

// addBackupInvocationError reports a failed backup invocation: a timeout
// or an interrupt says which, and that the backup (id, when known) goes on
// in the cloud; a lost answer says what to check before invoking again;
// the rest as addCallError does.
func (a *apiClients) addBackupInvocationError(ctx context.Context, diags *diag.Diagnostics, call apiCall, err error,
	timeout time.Duration, backupID string,
) {
	goesOn := "A backup that started goes on in the cloud."
	if backupID != "" {
		goesOn = "Backup " + backupID + " goes on in the cloud; the gaussdb_mysql_backup data source reads it."
	}
	var (
		unknown *transport.OutcomeUnknownError
		outcome *gaussdb.BackupOutcomeError
	)
	switch {
	case invocationEnd(ctx) != "":
		addStoppedError(ctx, diags, call.summary, err, timeout, goesOn)
	case errors.As(err, &outcome):
		diags.AddError(call.summary, sentence(err))
	case errors.As(err, &unknown):
		diags.AddError(call.summary, sentence(err)+" The backup may have started: list the instance's manual "+
			"backups (the gaussdb_mysql_backups data source) before invoking the action again.")
	default:
		a.addCallError(ctx, diags, call, err)
	}
}
