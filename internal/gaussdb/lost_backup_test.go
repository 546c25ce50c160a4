package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// dropPostUnread closes the connection of each POST before the API reads
// it: the API creates nothing.
func dropPostUnread(posts *atomic.Int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
			panic(http.ErrAbortHandler)
		}
		next.ServeHTTP(w, r)
	})
}

// sameNameBackup is someone else's manual backup of instance A, named
// name, begun ago.
func sameNameBackup(name string, ago time.Duration) emulator.Backup {
	return emulator.Backup{ID: "0000000000000000000000000000othrbr01", Name: name, InstanceID: emulator.SeedInstanceA,
		BeginTime: time.Now().Add(-ago).Truncate(time.Second), Status: "BUILDING", Type: "manual", BackupLevel: "0"}
}

func TestALostCreateNeverTakesABackupOfTheSameNameThatWasThereBefore(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	server.AddBackup(sameNameBackup("nightly-extra", 20*time.Second))
	var posts atomic.Int64
	c := jobsClient(t, dropPostUnread(&posts, server))
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "nightly-extra"}, nil)
	var outcome *BackupOutcomeError
	if !errors.As(err, &outcome) || created.ID != "" || posts.Load() != 1 || server.BackupsCreated() != 0 ||
		len(outcome.Others) != 1 || !strings.Contains(err.Error(), "Not taken, since they were there before the request") ||
		!strings.Contains(err.Error(), "0000000000000000000000000000othrbr01") || outcome.Waited < testListingLag {
		t.Errorf("got %+v, %v after %d posts", created, err, posts.Load())
	}
}

func TestALostCreateWaitsOutAListingThatLags(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	server.AddBackup(sameNameBackup("before-upgrade", 40*time.Second))
	var posted atomic.Int64 // UnixNano of the POST
	lagging := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posted.Store(time.Now().UnixNano())
			dropAfterReading(new(atomic.Int64), server).ServeHTTP(w, r)
			return
		}
		if since := time.Duration(time.Now().UnixNano() - posted.Load()); posted.Load() != 0 && since < 1500*time.Millisecond &&
			strings.HasSuffix(r.URL.Path, "/backups") {
			_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
			return
		}
		server.ServeHTTP(w, r)
	})
	c := jobsClient(t, lagging)
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "before-upgrade"}, nil)
	if err != nil || created.ID == "" || created.ID == "0000000000000000000000000000othrbr01" || !server.HasBackup(created.ID) ||
		server.BackupsCreated() != 1 {
		t.Errorf("got %+v, %v", created, err)
	}
}

func TestALostCreateWithTwoNewBackupsOfTheNameTakesNeither(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	var posts atomic.Int64
	// Someone else's backup of the same name begins while the request is
	// in flight.
	both := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			server.AddBackup(sameNameBackup("pre-migrate", 0))
		}
		dropAfterReading(&posts, server).ServeHTTP(w, r)
	})
	c := jobsClient(t, both)
	_, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "pre-migrate"}, nil)
	var outcome *BackupOutcomeError
	if !errors.As(err, &outcome) || len(outcome.Candidates) != 2 || !strings.Contains(err.Error(), "which one it made is not known") {
		t.Errorf("got %v", err)
	}
}

func TestALostCreateNeverTakesAConcurrentBackupOfTheNameWithAnotherDescription(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	var posts atomic.Int64
	// Someone else's backup of the same name, with their description,
	// begins in the same second as the request, which is lost before the
	// API acts on it.
	concurrent := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			other := sameNameBackup("pre-migrate", 0)
			description := "taken by the nightly job"
			other.Description = description
			server.AddBackup(other)
		}
		dropPostUnread(&posts, server).ServeHTTP(w, r)
	})
	c := jobsClient(t, concurrent)
	created, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "pre-migrate",
		Description: "before the migration"}, nil)
	var outcome *BackupOutcomeError
	if !errors.As(err, &outcome) || created.ID != "" || len(outcome.Others) != 1 || !strings.Contains(err.Error(), "another description") {
		t.Errorf("got %+v, %v", created, err)
	}
}

func TestALostCreateTakesItsBackupOnlyWhenStillAloneAtASecondRead(t *testing.T) {
	server := operationsServer(emulator.Operations{})
	var posts, reads atomic.Int64
	// The API made ours; someone else's of the same name and description
	// shows a moment later.
	late := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && posts.Load() == 1 && reads.Add(1) == 2 {
			server.AddBackup(sameNameBackup("pre-migrate", 0))
		}
		dropAfterReading(&posts, server).ServeHTTP(w, r)
	})
	c := jobsClient(t, late)
	_, err := c.CreateBackup(context.Background(), ManualBackup{InstanceID: emulator.SeedInstanceA, Name: "pre-migrate"}, nil)
	var outcome *BackupOutcomeError
	if !errors.As(err, &outcome) || len(outcome.Candidates) != 2 {
		t.Errorf("got %v, want both backups named and neither taken", err)
	}
}
