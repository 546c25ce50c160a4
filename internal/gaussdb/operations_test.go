package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// testJobsHiddenFor is how long the emulator hides new jobs in these
// tests: every test meets the delay the jobs page documents, briefly.
const testJobsHiddenFor = 300 * time.Millisecond

// testJobGrace is how long these tests' clients wait for a hidden job,
// testListingLag for a backup the listing does not hold yet.
const (
	testJobGrace   = 2 * time.Second
	testListingLag = 3 * time.Second
)

// operationsClient is a client of an emulator with the seeded backups and
// logs, and the operations shaped by ops (new jobs hidden for
// testJobsHiddenFor unless ops says otherwise).
func operationsClient(t *testing.T, ops emulator.Operations) (*Client, *emulator.Server) {
	t.Helper()
	server := operationsServer(ops)
	return jobsClient(t, server), server
}

// operationsServer is the emulator of operationsClient.
func operationsServer(ops emulator.Operations) *emulator.Server {
	if ops.JobsHiddenFor == 0 {
		ops.JobsHiddenFor = testJobsHiddenFor
	}
	return emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30),
		IncrementalBackups: emulator.SeedIncremental(2), Operations: ops})
}

// jobsClient is a client of handler that waits testJobGrace for a job.
func jobsClient(t *testing.T, handler http.Handler) *Client {
	t.Helper()
	httpServer := httptest.NewServer(handler)
	t.Cleanup(httpServer.Close)
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		JobVisibleWithin: testJobGrace, ListedWithin: testListingLag, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCreateBackupWaitsUntilItCanBeRestoredFrom(t *testing.T) {
	for _, completeAs := range []string{"", StatusAvailable} {
		c, server := operationsClient(t, emulator.Operations{BackupDuration: 300 * time.Millisecond, BackupsCompleteAs: completeAs})
		ctx := context.Background()
		created, err := c.CreateBackup(ctx, ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "before-migration",
			Description: "taken by a test"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		b, err := c.WaitBackup(ctx, created.ID, created.JobID, func(b Backup) { seen = append(seen, b.Status) })
		if err != nil {
			t.Fatal(err)
		}
		if b.Status != map[string]string{"": StatusCompleted, StatusAvailable: StatusAvailable}[completeAs] ||
			seen[0] != StatusBuilding || b.Type != BackupTypeManual || b.EndTime.IsZero() {
			t.Errorf("ended %+v after %v", b, seen)
		}
		if server.BackupsCreated() != 1 {
			t.Errorf("%d backups created", server.BackupsCreated())
		}
	}
}

func TestAFailedBackupIsAnErrorWithTheAPIsWords(t *testing.T) {
	c, _ := operationsClient(t, emulator.Operations{BackupFailure: "The disk of the instance is full."})
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "doomed"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitBackup(context.Background(), created.ID, created.JobID, nil)
	var failed *BackupFailedError
	if !errors.As(err, &failed) || !strings.Contains(err.Error(), "The disk of the instance is full.") {
		t.Errorf("got %v", err)
	}
}

func TestABusyInstanceIsWaitedOut(t *testing.T) {
	c, server := operationsClient(t, emulator.Operations{BusyConflicts: 2})
	var refusals int
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "patient"},
		func(error) { refusals++ })
	if err != nil || created.ID == "" {
		t.Fatal(err)
	}
	if refusals != 2 || server.BackupsCreated() != 1 {
		t.Errorf("%d refusals, %d backups created; want 2, 1", refusals, server.BackupsCreated())
	}
}

func TestABusyInstanceIsWaitedOutOnlyUntilTheDeadline(t *testing.T) {
	c, _ := operationsClient(t, emulator.Operations{BusyConflicts: 1000})
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, err := c.CreateBackup(ctx, ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "impatient"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "busy with another operation") {
		t.Errorf("got %v", err)
	}
}

func TestDeleteBackupWaitsUntilItIsGone(t *testing.T) {
	c, server := operationsClient(t, emulator.Operations{DeleteDuration: 300 * time.Millisecond})
	ctx := context.Background()
	created, err := c.CreateBackup(ctx, ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "short-lived"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitBackup(ctx, created.ID, created.JobID, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteBackup(ctx, created.ID, nil); err != nil {
		t.Fatal(err)
	}
	if server.HasBackup(created.ID) {
		t.Error("DeleteBackup returned while the backup was still there")
	}
	// Gone already: not an error.
	if err := c.DeleteBackup(ctx, created.ID, nil); err != nil {
		t.Errorf("deleting it again: %v", err)
	}
	// An automated backup cannot be deleted: the API's words.
	if err := c.DeleteBackup(ctx, emulator.Seed(30)[1].ID, nil); err == nil || !strings.Contains(err.Error(), "Automated backups cannot be deleted") {
		t.Errorf("deleting an automated backup: %v", err)
	}
}

func TestRestoreFollowsItsJob(t *testing.T) {
	c, server := operationsClient(t, emulator.Operations{RestoreDuration: time.Second})
	ctx := context.Background()
	at := emulator.IncrementalHead.Add(-time.Hour)
	started, err := c.Restore(ctx, RestoreRequest{SourceInstanceID: emulator.SeedInstanceA, TargetInstanceID: emulator.SeedInstanceB,
		RestoreTime: at}, nil)
	if err != nil || started.Running != nil || started.Recovered != nil || started.Unchecked != nil {
		t.Fatalf("%+v, %v", started, err)
	}
	var statuses []string
	job, err := c.WaitJob(ctx, started.JobID, func(j Job) { statuses = append(statuses, j.Status) })
	// Not shown at first, as the jobs page warns: waited for.
	if err != nil || job.Status != JobCompleted || statuses[0] != "" || !slices.Contains(statuses, JobRunning) ||
		job.Instance.ID != emulator.SeedInstanceB || job.Ended.IsZero() {
		t.Errorf("job %+v after %v: %v", job, statuses, err)
	}
	restores := server.Restores()
	if len(restores) != 1 || restores[0].Type != "timestamp" || !restores[0].RestoreTime.Equal(at) {
		t.Errorf("restores %+v", restores)
	}
	// A point outside the window is the API's refusal, not a restore.
	_, err = c.Restore(ctx, RestoreRequest{SourceInstanceID: emulator.SeedInstanceA, TargetInstanceID: emulator.SeedInstanceB,
		RestoreTime: emulator.IncrementalHead.Add(time.Hour)}, nil)
	if err == nil || !strings.Contains(err.Error(), "DBS.280111") || len(server.Restores()) != 1 {
		t.Errorf("got %v, %d restores", err, len(server.Restores()))
	}
}

func TestAFailedRestoreJobIsAnErrorWithTheAPIsWords(t *testing.T) {
	c, _ := operationsClient(t, emulator.Operations{RestoreFailure: "The target instance ran out of space."})
	started, err := c.Restore(context.Background(), RestoreRequest{SourceInstanceID: emulator.SeedInstanceA,
		TargetInstanceID: emulator.SeedInstanceA, BackupID: emulator.Seed(30)[3].ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaitJob(context.Background(), started.JobID, nil)
	var failed *JobFailedError
	if !errors.As(err, &failed) || !strings.Contains(err.Error(), "The target instance ran out of space.") {
		t.Errorf("got %v", err)
	}
}

// dropAfterReading reads each POST and closes the connection without an
// answer, as a load balancer that restarts does; GETs go to next.
func dropAfterReading(posts *atomic.Int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		posts.Add(1)
		next.ServeHTTP(httptest.NewRecorder(), r)
		panic(http.ErrAbortHandler)
	})
}

func TestARestoreWhoseAnswerIsLostIsNotSentAgainButFoundAndFollowed(t *testing.T) {
	server := operationsServer(emulator.Operations{RestoreDuration: time.Second})
	var posts atomic.Int64
	c := jobsClient(t, dropAfterReading(&posts, server))
	started, err := c.Restore(context.Background(), RestoreRequest{SourceInstanceID: emulator.SeedInstanceA,
		TargetInstanceID: emulator.SeedInstanceB, BackupID: emulator.Seed(30)[3].ID}, nil)
	restores := server.Restores()
	if err != nil || posts.Load() != 1 || len(restores) != 1 || started.Recovered == nil || started.JobID != restores[0].JobID {
		t.Fatalf("got %+v, %v after %d posts, %d restores; want the one restore's job found", started, err, posts.Load(), len(restores))
	}
	if job, err := c.WaitJob(context.Background(), started.JobID, nil); err != nil || job.Status != JobCompleted {
		t.Errorf("following it: %+v, %v", job, err)
	}
}

func TestABackupWhoseAnswerIsLostIsFoundByItsName(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	var posts atomic.Int64
	c := jobsClient(t, dropAfterReading(&posts, server))
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "lost-answer"}, nil)
	if err != nil || posts.Load() != 1 || server.BackupsCreated() != 1 || !server.HasBackup(created.ID) ||
		!strings.Contains(created.Found, "absent from the read of that name just before the request") {
		t.Errorf("got %+v, %v after %d posts, %d backups created", created, err, posts.Load(), server.BackupsCreated())
	}
}

func TestADeleteWhoseAnswerIsLostIsSentAgain(t *testing.T) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30)})
	created, err := newTestClient(t, server).CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA,
		Name: "to-delete"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var deletes atomic.Int64
	dropFirstDelete := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete && deletes.Add(1) == 1 {
			server.ServeHTTP(httptest.NewRecorder(), r)
			panic(http.ErrAbortHandler)
		}
		server.ServeHTTP(w, r)
	})
	if err := newTestClient(t, dropFirstDelete).DeleteBackup(context.Background(), created.ID, nil); err != nil {
		t.Fatal(err)
	}
	if deletes.Load() != 2 || server.HasBackup(created.ID) {
		t.Errorf("%d deletes, backup still there: %v", deletes.Load(), server.HasBackup(created.ID))
	}
}

func TestABackupNotListedAtOnceIsWaitedFor(t *testing.T) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30)})
	var listings atomic.Int64
	// The first two listings after the creation do not hold it yet.
	lagging := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Query().Get("backup_id") != "" && listings.Add(1) <= 2 {
			_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
			return
		}
		server.ServeHTTP(w, r)
	})
	c := newTestClient(t, lagging)
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "eventually"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := c.WaitBackup(context.Background(), created.ID, created.JobID, nil); err != nil || b.Status != StatusCompleted {
		t.Errorf("got %+v, %v", b, err)
	}
}

func TestADeleteRefusedWithAny4xxIsGoneWhenTheListingNoLongerHoldsIt(t *testing.T) {
	for _, refusal := range []struct {
		status int
		body   string
	}{
		{http.StatusNotFound, `{"error_code": "DBS.200061", "error_msg": "The backup does not exist."}`},
		{http.StatusBadRequest, `{"error_code": "DBS.280124", "error_msg": "Invalid backup ID."}`},
		{http.StatusForbidden, `{"error_code": "DBS.200010", "error_msg": "Forbidden."}`},
	} {
		server := operationsServer(emulator.Operations{})
		created, err := jobsClient(t, server).CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA,
			Name: "gone-already"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Gone already: someone deleted it a moment ago, and the listing
		// lags a little for the 404 and 400.
		var reads atomic.Int64
		gone := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodDelete {
				server.DeleteBackup(created.ID)
				w.WriteHeader(refusal.status)
				_, _ = w.Write([]byte(refusal.body))
				return
			}
			if refusal.status != http.StatusForbidden && reads.Add(1) == 1 {
				_, _ = w.Write([]byte(`{"backups": [{"id": "` + created.ID + `", "begin_time": "2026-11-30T10:00:00+0000", "status": "COMPLETED", "type": "manual"}], "total_count": 1}`))
				return
			}
			server.ServeHTTP(w, r)
		})
		if err := jobsClient(t, gone).DeleteBackup(context.Background(), created.ID, nil); err != nil {
			t.Errorf("HTTP %d: %v", refusal.status, err)
		}
	}
	// A refusal of a backup that is still there is the API's words.
	c, _ := operationsClient(t, emulator.Operations{})
	if err := c.DeleteBackup(context.Background(), emulator.Seed(30)[1].ID, nil); err == nil ||
		!strings.Contains(err.Error(), "Automated backups cannot be deleted") {
		t.Errorf("an automated backup: %v", err)
	}
}
