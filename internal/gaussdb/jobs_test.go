package gaussdb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// jobServer answers GET /jobs with answers[i] for the i-th request (the
// last one from then on): a status, or "404" or "400" for a job not shown.
func jobServer(answers ...string) http.Handler {
	var requests atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer := answers[min(int(requests.Add(1))-1, len(answers)-1)]
		switch answer {
		case "404":
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error_code": "DBS.200061", "error_msg": "The job does not exist."}`))
		case "400":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error_code": "DBS.280000", "error_msg": "The job does not exist."}`))
		default:
			_, _ = fmt.Fprintf(w, `{"job": {"id": %q, "name": "RestoreGaussDBforMySQLInstance", "status": %q, "process": "",
				"created": "2026-11-30T10:00:00+0000", "ended": "", "instance": {"id": "i1", "name": "orders-db"},
				"fail_reason": "Canceled by the administrator."}}`, r.URL.Query().Get("id"), answer)
		}
	})
}

func TestAJobNotShownYetIsWaitedForWhetherTheAPIAnswers404Or400(t *testing.T) {
	for _, notShown := range []string{"404", "400"} {
		c := jobsClient(t, jobServer(notShown, notShown, notShown, "Pending", "Unauthorized", "Running", "Completed"))
		var statuses []string
		job, err := c.WaitJob(context.Background(), "job-1", func(j Job) { statuses = append(statuses, j.Status) })
		want := []string{"", "", "", JobPending, JobUnauthorized, JobRunning, JobCompleted}
		if err != nil || job.Status != JobCompleted || !slices.Equal(statuses, want) {
			t.Errorf("%s: %+v after %q: %v; want it waited for through %q", notShown, job, statuses, err, want)
		}
	}
}

func TestAJobNeverShownIsAnErrorNamingItAndTheGrace(t *testing.T) {
	c := jobsClient(t, jobServer("404"))
	start := time.Now()
	_, err := c.WaitJob(context.Background(), "job-1", nil)
	var notVisible *JobNotVisibleError
	if !errors.As(err, &notVisible) || time.Since(start) < testJobGrace ||
		!strings.Contains(err.Error(), "job job-1 was still unknown") || !strings.Contains(err.Error(), "waits up to 2s") ||
		!strings.Contains(err.Error(), "DBS.200061") {
		t.Errorf("after %s: %v", time.Since(start), err)
	}
}

func TestAJobThatDisappearsOnceShownIsNotTakenForOneNotShownYet(t *testing.T) {
	c := jobsClient(t, jobServer("Running", "404"))
	_, err := c.WaitJob(context.Background(), "job-1", nil)
	var stopped *JobWaitError
	if !errors.As(err, &stopped) || !strings.Contains(err.Error(), "while it was Running") {
		t.Errorf("got %v", err)
	}
}

func TestCanceledAndUndocumentedStatusesEndTheWaitWithTheAPIsWords(t *testing.T) {
	c := jobsClient(t, jobServer("Running", "Canceled"))
	_, err := c.WaitJob(context.Background(), "job-1", nil)
	var failed *JobFailedError
	if !errors.As(err, &failed) || !strings.Contains(err.Error(), "ended Canceled: Canceled by the administrator.") {
		t.Errorf("Canceled: %v", err)
	}
	c = jobsClient(t, jobServer("Paused"))
	_, err = c.WaitJob(context.Background(), "job-1", nil)
	var unknown *JobStatusError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `status "Paused"`) {
		t.Errorf("Paused: %v", err)
	}
}

func TestAnInterruptedWaitNamesTheJobAndWhatEndedIt(t *testing.T) {
	c := jobsClient(t, jobServer("Running"))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	_, err := c.WaitJob(ctx, "job-1", nil)
	var stopped *JobWaitError
	if !errors.As(err, &stopped) || !errors.Is(err, context.Canceled) || stopped.Job.ID != "job-1" {
		t.Errorf("got %v", err)
	}
}

func TestARestoreAwaitingAuthorizationIsWaitedFor(t *testing.T) {
	c, _ := operationsClient(t, emulator.Operations{RestoreUnauthorizedFor: 600 * time.Millisecond, RestoreDuration: 300 * time.Millisecond})
	started, err := c.Restore(context.Background(), RestoreRequest{SourceInstanceID: emulator.SeedInstanceA,
		TargetInstanceID: emulator.SeedInstanceB, BackupID: emulator.Seed(30)[3].ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	job, err := c.WaitJob(context.Background(), started.JobID, func(j Job) { statuses = append(statuses, j.Status) })
	if err != nil || job.Status != JobCompleted || !slices.Contains(statuses, JobUnauthorized) {
		t.Errorf("%+v after %v: %v", job, statuses, err)
	}
}

func TestACanceledRestoreIsAnErrorWithTheAPIsWords(t *testing.T) {
	c, _ := operationsClient(t, emulator.Operations{RestoreCancellation: "Canceled: the authorization was refused."})
	started, err := c.Restore(context.Background(), RestoreRequest{SourceInstanceID: emulator.SeedInstanceA,
		TargetInstanceID: emulator.SeedInstanceB, BackupID: emulator.Seed(30)[3].ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitJob(context.Background(), started.JobID, nil)
	var failed *JobFailedError
	if !errors.As(err, &failed) || !strings.Contains(err.Error(), "ended Canceled: Canceled: the authorization was refused.") {
		t.Errorf("got %v", err)
	}
}
