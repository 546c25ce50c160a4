package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// stoppedContext is a context that ended as cause says: a timeout or an
// interrupt.
func stoppedContext(cause error) context.Context {
	if errors.Is(cause, context.DeadlineExceeded) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		return ctx
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func testInvocation(diags *diag.Diagnostics) restoreInvocation {
	return restoreInvocation{clients: &apiClients{}, projectID: "p1", target: "i-target", what: "backup b1",
		timeout: 90 * time.Minute, diags: diags, progress: func(string) {}}
}

// Every failure of a restore whose job is known says whether the restore
// may still be running, and names the job to follow.
func TestEveryRestoreFailureSaysWhetherItMayStillRunAndHowToLook(t *testing.T) {
	running := gaussdb.Job{ID: "job-9", Status: gaussdb.JobRunning, Process: "35%"}
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want []string
	}{
		{"failed", context.Background(), &gaussdb.JobFailedError{Job: gaussdb.Job{ID: "job-9", Status: gaussdb.JobFailed,
			FailReason: "No space left."}}, []string{"ended Failed: No space left.", "not running any more"}},
		{"never shown", context.Background(), &gaussdb.JobNotVisibleError{ID: "job-9", Waited: 2 * time.Minute,
			Grace: 2 * time.Minute, Last: errors.New("HTTP 404")}, []string{"may still be running", "jobs?id=job-9"}},
		{"an undocumented status", context.Background(), &gaussdb.JobStatusError{Job: gaussdb.Job{ID: "job-9", Status: "Paused"}},
			[]string{"may still be running", "jobs?id=job-9"}},
		{"unreadable", context.Background(), &gaussdb.JobWaitError{Job: running, Err: errors.New("HTTP 403")},
			[]string{"may still be running", "jobs?id=job-9"}},
		{"interrupted", stoppedContext(context.Canceled), &gaussdb.JobWaitError{Job: running, Waited: time.Minute,
			Err: context.Canceled}, []string{"Interrupted:", "while it was Running", "goes on in the cloud", "jobs?id=job-9"}},
		{"timed out", stoppedContext(context.DeadlineExceeded), &gaussdb.JobWaitError{Job: running, Waited: time.Minute,
			Err: context.DeadlineExceeded}, []string{"timeout (1h30m0s) ran out", "goes on in the cloud", "jobs?id=job-9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			testInvocation(&diags).waitFailed(tt.ctx, "job-9", tt.err)
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v", diags)
			}
			detail := diags[0].Detail()
			for _, want := range tt.want {
				if !strings.Contains(detail, want) {
					t.Errorf("%q does not say %q", detail, want)
				}
			}
			if tt.name == "interrupted" && strings.Contains(detail, "timeout") {
				t.Errorf("an interrupt is called a timeout: %q", detail)
			}
		})
	}
}

// A restore request that failed says whether a restore started.
func TestEveryRestoreRequestFailureSaysWhetherARestoreStarted(t *testing.T) {
	inFlight := &transport.RequestError{Method: "POST", URL: "https://x/v3/p1/instances/restore", Attempts: 1, Err: context.Canceled}
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"refused", context.Background(), &transport.APIError{StatusCode: 400, Code: "DBS.280124",
			Message: "The backup does not exist."}, "so no restore started"},
		{"refused without naming the field", context.Background(), &transport.APIError{StatusCode: 400, Code: "DBS.200001",
			Message: "Parameter error."}, `backup_id = "b1"`},
		{"interrupted in flight", stoppedContext(context.Canceled), inFlight, "may have started"},
		{"interrupted while busy", stoppedContext(context.Canceled), errors.New("context canceled (waited 1m while busy)"),
			"No restore was started."},
		{"lost, nothing found", context.Background(), &gaussdb.RestoreOutcomeError{Lost: &transport.OutcomeUnknownError{
			Method: "POST", Path: "/v3/p1/instances/restore", Err: errors.New("EOF")}, Target: "i-target", Looks: 9,
			Waited: 2 * time.Minute}, "showed no restore job of instance i-target"},
		{"other", context.Background(), errors.New("decoding: odd"), "started is not known"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			inv := testInvocation(&diags)
			inv.body = restoreBody(gaussdb.RestoreRequest{SourceInstanceID: "i-source", TargetInstanceID: "i-target", BackupID: "b1"})
			inv.notStarted(tt.ctx, tt.err)
			if len(diags) != 1 || !strings.Contains(diags[0].Detail(), tt.want) {
				t.Errorf("diagnostics %v, want one saying %q", diags, tt.want)
			}
			if strings.Contains(diags[0].Detail(), "..") {
				t.Errorf("a doubled full stop: %q", diags[0].Detail())
			}
		})
	}
}
