package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// restoreSummary is the summary of every error of a restore.
const restoreSummary = "Unable to restore a GaussDB(for MySQL) instance"

// restoreInvocation is one invocation of gaussdb_mysql_restore: it says
// what it does as it goes, and, when it fails, whether the restore may
// still be running and how to look.
type restoreInvocation struct {
	clients   *apiClients
	projectID string
	target    string
	// what is restored: "backup ID" or "the point T".
	what string
	// body are the request's fields, for an error to quote.
	body     url.Values
	timeout  time.Duration
	diags    *diag.Diagnostics
	progress func(string)
}

// howToLook says where a restore's job can be followed.
func (inv restoreInvocation) howToLook(jobID string) string {
	return fmt.Sprintf("Follow job %s in the console's task center (Task Center, Instant Tasks), or with GET "+
		"/v3/%s/jobs?id=%s.", jobID, inv.projectID, url.QueryEscape(jobID))
}

// warnUnchecked says that the task center could not be read for a restore
// already under way.
func (inv restoreInvocation) warnUnchecked(err error) {
	detail := fmt.Sprintf("The task center could not be read to look for a restore into instance %s already under way "+
		"(%s), so a restore was asked for without that check; the API refuses an operation on an instance that is "+
		"busy with another, which is waited out. Allow the IAM action gaussdbformysql:task:list to have it checked.",
		inv.target, sentence(err))
	inv.progress(detail)
	inv.diags.AddWarning("Unable to check for a restore under way", detail)
}

// started says which job the invocation follows.
func (inv restoreInvocation) started(s gaussdb.RestoreStart) {
	switch {
	case s.Running != nil:
		inv.progress(fmt.Sprintf("A restore into instance %s is already under way: job %s (%s, created %s). This "+
			"invocation follows it instead of starting another.", inv.target, s.JobID, s.Running.Status,
			s.Running.Created.UTC().Format(time.RFC3339)))
	case s.Recovered != nil:
		inv.progress(fmt.Sprintf("The answer to the restore request was lost; the task center shows the restore job "+
			"it started: job %s (%s, created %s). Following it.", s.JobID, s.Recovered.Status,
			s.Recovered.Created.UTC().Format(time.RFC3339)))
	default:
		inv.progress("The restore is job " + s.JobID + ".")
	}
}

// jobProgress reports each new status of the job.
func (inv restoreInvocation) jobProgress(jobID string) func(gaussdb.Job) {
	last := "-"
	return func(j gaussdb.Job) {
		status := j.Status + " " + j.Process
		if status == last {
			return
		}
		last = status
		switch j.Status {
		case "":
			inv.progress(fmt.Sprintf("Job %s is not shown by the API yet (a new job shows after several seconds); "+
				"waiting for it up to %s.", jobID, gaussdb.JobVisibleWithin))
		case gaussdb.JobUnauthorized:
			inv.progress(fmt.Sprintf("Job %s: Unauthorized, awaiting authorization before it runs; waiting.", jobID))
		case gaussdb.JobPending:
			inv.progress(fmt.Sprintf("Job %s: Pending, not started yet; waiting.", jobID))
		default:
			inv.progress(fmt.Sprintf("Job %s: %s%s.", jobID, j.Status, percent(j.Process)))
		}
	}
}

// completed says that the restore is done, and, for a restore that was
// already under way, that this invocation started none.
func (inv restoreInvocation) completed(s gaussdb.RestoreStart, job gaussdb.Job) {
	if s.Running == nil {
		inv.progress(fmt.Sprintf("Restored %s into instance %s.", inv.what, inv.target))
		return
	}
	detail := fmt.Sprintf("Job %s, the restore into instance %s that was already under way, completed; this invocation "+
		"started no restore of its own. The task center does not say what that job restored: if it was not %s, "+
		"invoke the action again.", job.ID, inv.target, inv.what)
	inv.progress(detail)
	inv.diags.AddWarning("Followed a restore that was already under way", detail)
}

// notStarted reports a restore request that failed: whether a restore
// started, and what to check.
func (inv restoreInvocation) notStarted(ctx context.Context, err error) {
	var (
		outcome    *gaussdb.RestoreOutcomeError
		apiErr     *transport.APIError
		requestErr *transport.RequestError
	)
	call := apiCall{summary: restoreSummary, body: inv.body,
		attributes: map[string]string{"backup_id": "backup_id", "restore_time": "restore_time"}}
	switch {
	case errors.As(err, &outcome):
		inv.diags.AddError(restoreSummary, sentence(err))
	case invocationEnd(ctx) != "" && errors.As(err, &requestErr):
		addStoppedError(ctx, inv.diags, restoreSummary, err, inv.timeout, fmt.Sprintf("The restore request was in "+
			"flight, so a restore into instance %s may have started: look in the console's task center before "+
			"invoking again.", inv.target))
	case invocationEnd(ctx) != "":
		addStoppedError(ctx, inv.diags, restoreSummary, err, inv.timeout, "No restore was started.")
	case errors.As(err, &apiErr) && apiErr.StatusCode < 500:
		inv.clients.addCallError(ctx, inv.diags, call, &notedError{err: err, note: "The API refused the request, " +
			"so no restore started."})
	default:
		inv.diags.AddError(restoreSummary, sentence(err)+fmt.Sprintf(" Whether a restore into instance %s started is "+
			"not known: look in the console's task center before invoking again.", inv.target))
	}
}

// waitFailed reports a restore whose job did not complete: whether it may
// still be running, and how to follow it.
func (inv restoreInvocation) waitFailed(ctx context.Context, jobID string, err error) {
	var (
		failed     *gaussdb.JobFailedError
		notVisible *gaussdb.JobNotVisibleError
		stopped    *gaussdb.JobWaitError
	)
	look := inv.howToLook(jobID)
	switch {
	case errors.As(err, &failed):
		inv.diags.AddError(restoreSummary, sentence(err)+" The restore is not running any more.")
	case errors.As(err, &notVisible):
		inv.diags.AddError(restoreSummary, fmt.Sprintf("The API answered the restore with job %s, but did not show "+
			"that job: %s The restore may still be running. %s", jobID, sentence(err), look))
	case errors.As(err, &stopped) && invocationEnd(ctx) != "":
		addStoppedError(ctx, inv.diags, restoreSummary, err, inv.timeout, "The restore goes on in the cloud: do not "+
			"invoke the action again for it. "+look)
	default:
		inv.diags.AddError(restoreSummary, sentence(err)+" The restore may still be running. "+look)
	}
}
