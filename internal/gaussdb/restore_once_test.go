package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

func restoreBToA() RestoreRequest {
	return RestoreRequest{SourceInstanceID: emulator.SeedInstanceA, TargetInstanceID: emulator.SeedInstanceB,
		BackupID: emulator.Seed(30)[3].ID}
}

func TestARestoreUnderWayIntoTheTargetIsFollowedNotStartedAgain(t *testing.T) {
	c, server := operationsClient(t, emulator.Operations{RestoreDuration: 3 * time.Second})
	first, err := c.Restore(context.Background(), restoreBToA(), nil)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * testJobsHiddenFor)
	second, err := c.Restore(context.Background(), restoreBToA(), nil)
	if err != nil || second.Running == nil || second.JobID != first.JobID || len(server.Restores()) != 1 {
		t.Errorf("second: %+v, %v; %d restores; want the first's job %s followed", second, err, len(server.Restores()), first.JobID)
	}
}

func TestTwoRestoresAskedAtOnceStartOne(t *testing.T) {
	c, server := operationsClient(t, emulator.Operations{RestoreDuration: 3 * time.Second})
	var (
		wg      sync.WaitGroup
		started [2]RestoreStart
		errs    [2]error
	)
	for i := range started {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started[i], errs[i] = c.Restore(context.Background(), restoreBToA(), nil)
		}()
	}
	wg.Wait()
	restores := server.Restores()
	if len(restores) != 1 || errs[0] != nil || errs[1] != nil || started[0].JobID != restores[0].JobID ||
		started[1].JobID != restores[0].JobID || (started[0].Running == nil) == (started[1].Running == nil) {
		t.Errorf("%d restores; %+v, %v; %+v, %v; want one started and followed by the other", len(restores),
			started[0], errs[0], started[1], errs[1])
	}
}

func TestARestoreLostBeforeTheAPIActedSaysWhatWasChecked(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	var posts atomic.Int64
	c := jobsClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
			panic(http.ErrAbortHandler)
		}
		server.ServeHTTP(w, r)
	}))
	_, err := c.Restore(context.Background(), restoreBToA(), nil)
	var outcome *RestoreOutcomeError
	if !errors.As(err, &outcome) || posts.Load() != 1 || len(server.Restores()) != 0 || outcome.Looks < 2 ||
		outcome.Waited < testJobGrace || !strings.Contains(err.Error(), "showed no restore job of instance "+emulator.SeedInstanceB) ||
		!strings.Contains(err.Error(), "not sent again") {
		t.Errorf("got %v after %d posts; want what was checked, after %s", err, posts.Load(), testJobGrace)
	}
}

func TestARestoreStartsWhenTheTaskCenterCannotBeReadAndSaysSo(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	c := jobsClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/immediate-jobs") {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"error_code": "DBS.200010", "error_msg": "Policy doesn't allow gaussdbformysql:task:list to be performed."}`))
			return
		}
		server.ServeHTTP(w, r)
	}))
	started, err := c.Restore(context.Background(), restoreBToA(), nil)
	if err != nil || started.JobID == "" || started.Unchecked == nil || !strings.Contains(started.Unchecked.Error(), "task:list") ||
		len(server.Restores()) != 1 {
		t.Errorf("got %+v, %v", started, err)
	}
}

func TestATaskCenterWhosePagesDoNotAddUpIsAnError(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every page is the first: offset ignored.
		var jobs []string
		for i := range 50 {
			jobs = append(jobs, `{"job_id": "j`+string(rune('a'+i%26))+string(rune('a'+i/26))+`", "job_name": "x", "status": "Completed"}`)
		}
		_, _ = w.Write([]byte(`{"jobs": [` + strings.Join(jobs, ",") + `], "total_count": 120}`))
	}))
	_, err := c.TaskCenterJobs(context.Background(), TaskCenterQuery{})
	if err == nil || !strings.Contains(err.Error(), "50 distinct jobs of the 120") {
		t.Errorf("got %v", err)
	}
}
