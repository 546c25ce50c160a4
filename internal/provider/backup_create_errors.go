package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

// taintedNote is what happens to a backup whose creation failed after the
// API accepted it.
const taintedNote = "It is recorded in the state as tainted, with its id and name, so that the next apply deletes it " +
	"and takes a new one."

// addCreateWaitError reports a backup that the API accepted as id but that
// did not become restorable: failed, not listed, out of time, interrupted
// or unreadable; each says what becomes of the backup.
func addCreateWaitError(ctx context.Context, diags *diag.Diagnostics, summary, id string, err error, timeout time.Duration) {
	var (
		failed   *gaussdb.BackupFailedError
		notFound *gaussdb.BackupNotFoundError
	)
	switch {
	case errors.As(err, &failed):
		diags.AddError(summary, sentence(err)+" "+taintedNote)
	case errors.As(err, &notFound):
		diags.AddError(summary, fmt.Sprintf("The API accepted the backup as %s, but its listing did not show it within %s "+
			"(a listing may lag behind a creation). %s", id, gaussdb.ListedWithin, taintedNote))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		diags.AddAttributeError(path.Root("timeouts"), summary, fmt.Sprintf("timeouts.create (%s) ran out: %s Backup %s "+
			"goes on in the cloud. %s Raise timeouts.create if backups need longer.", timeout, sentence(err), id, taintedNote))
	case ctx.Err() != nil:
		diags.AddError(summary, fmt.Sprintf("Interrupted: %s Backup %s goes on in the cloud. %s", sentence(err), id, taintedNote))
	default:
		diags.AddError(summary, fmt.Sprintf("%s Backup %s exists. %s", sentence(err), id, taintedNote))
	}
}
