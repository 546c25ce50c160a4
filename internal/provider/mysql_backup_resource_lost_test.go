package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// othersBackup is someone else's manual backup of instance A named name,
// begun a little before the test's apply.
func othersBackup(name string) emulator.Backup {
	return emulator.Backup{ID: "00000000000000000000000000000othrbr01", Name: name, InstanceID: emulator.SeedInstanceA,
		BeginTime: time.Now().Add(-20 * time.Second).Truncate(time.Second), Status: "COMPLETED", Type: "manual",
		BackupLevel: "2", EndTime: time.Now().Truncate(time.Second)}
}

// serve serves handler for the test's length and returns its URL.
func serve(t *testing.T, handler http.Handler) string {
	t.Helper()
	httpServer := httptest.NewServer(handler)
	t.Cleanup(httpServer.Close)
	return httpServer.URL
}

// A create whose request is lost before the API acts on it, while another
// backup of the same name began a moment ago, takes nothing, says which
// backup it did not take, and leaves that backup alone.
func TestAccMySQLBackupResource_aLostCreateNeverAdoptsAnothersBackup(t *testing.T) {
	server, _ := operationsEmulator(t, emulator.Operations{})
	other := othersBackup("before-migration")
	server.AddBackup(other)
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			panic(http.ErrAbortHandler) // lost before the API read it
		}
		server.ServeHTTP(w, r)
	}))
	resource.ParallelTest(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if !server.HasBackup(other.ID) {
				return fmt.Errorf("the other backup %s was deleted", other.ID)
			}
			return nil
		},
		// The listing is given 15 s to show the backup, not a minute.
		ProtoV6ProviderFactories: testProvidersWaiting(nil, apiWaits{listedWithin: 15 * time.Second}),
		Steps: []resource.TestStep{{
			Config: backupResourceConfig(url, `name = "before-migration"`),
			ExpectError: regexp.MustCompile(`(?s)No\s+backup\s+named\s+"before-migration"\s+that\s+was\s+not\s+there\s+before.*` +
				`Not\s+taken.*` + other.ID),
		}},
	})
	if server.BackupsCreated() != 0 || !server.HasBackup(other.ID) {
		t.Errorf("%d backups created; the other still there: %v", server.BackupsCreated(), server.HasBackup(other.ID))
	}
}

// A create whose answer is lost after the API made the backup, with a
// listing that lags 10 s, takes that backup (not the other of the same
// name), and the next plan makes no second one.
func TestAccMySQLBackupResource_aLostCreateAnswerWithALaggingListingTakesItsOwnBackup(t *testing.T) {
	server, _ := operationsEmulator(t, emulator.Operations{})
	other := othersBackup("before-migration")
	server.AddBackup(other)
	var posted atomic.Int64
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posted.Store(time.Now().UnixNano())
			server.ServeHTTP(httptest.NewRecorder(), r)
			panic(http.ErrAbortHandler) // the answer is lost
		}
		lagging := posted.Load() != 0 && time.Since(time.Unix(0, posted.Load())) < 10*time.Second
		if lagging && r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/backups") {
			_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
			return
		}
		server.ServeHTTP(w, r)
	}))
	var id string
	config := backupResourceConfig(url, `name = "before-migration"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWaiting(nil, apiWaits{listedWithin: 15 * time.Second}),
		Steps: []resource.TestStep{
			{Config: config, Check: captureID(&id)},
			{Config: config, PlanOnly: true},
		},
	})
	if server.BackupsCreated() != 1 || id == other.ID || !server.HasBackup(other.ID) {
		t.Errorf("%d backups created, the state holds %s; the other (%s) still there: %v", server.BackupsCreated(), id,
			other.ID, server.HasBackup(other.ID))
	}
}
