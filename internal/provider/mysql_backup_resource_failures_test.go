package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// driftedAway checks that the refresh before a plan removed the resource,
// whose state before held the name and an id.
type driftedAway struct{ address, name string }

func (d driftedAway) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, drift := range req.Plan.ResourceDrift {
		if drift.Address != d.address {
			continue
		}
		before, _ := drift.Change.Before.(map[string]any)
		if drift.Change.Actions.Delete() && before["name"] == d.name && before["id"] != nil && before["id"] != "" {
			return
		}
		resp.Error = fmt.Errorf("drift of %s: %v, before %v", d.address, drift.Change.Actions, before)
		return
	}
	resp.Error = fmt.Errorf("no drift of %s in the plan", d.address)
}

// A backup the API accepts but its listing never shows: the error says so
// once (not that it both does not exist and exists), the tainted state
// keeps its id and name, and a refresh that does not find it removes it.
func TestAccMySQLBackupResource_aBackupNeverListedIsTaintedWithItsIDAndName(t *testing.T) {
	server, _ := operationsEmulator(t, emulator.Operations{})
	// The first backup is never listed; the next one is.
	var posts atomic.Int64
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
		}
		if posts.Load() == 1 && r.Method == http.MethodGet && r.URL.Query().Get("backup_id") != "" {
			_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
			return
		}
		server.ServeHTTP(w, r)
	}))
	config := backupResourceConfig(url, `name = "never-listed"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProvidersWaiting(nil, apiWaits{listedWithin: 2 * time.Second}),
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)The\s+API\s+accepted\s+the\s+backup\s+as\s+\w+,\s+but\s+its\s+listing\s+did\s+not\s+show\s+it.*` +
					`tainted,\s+with\s+its\s+id\s+and\s+name`),
			},
			{
				// The refresh does not find it: it leaves the state, and a
				// new backup is taken.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					driftedAway{address: backupResourceAddress, name: "never-listed"},
					plancheck.ExpectResourceAction(backupResourceAddress, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
	if server.BackupsCreated() != 2 {
		t.Errorf("%d backups created, want 2", server.BackupsCreated())
	}
}

// A create that runs out of time names timeouts.create, which the resource
// has, not timeouts.read.
func TestAccMySQLBackupResource_aCreateOutOfTimeNamesTimeoutsCreate(t *testing.T) {
	_, url := operationsEmulator(t, emulator.Operations{BackupDuration: 6 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupResourceConfig(url, "name = \"slow-backup\"\ntimeouts {\n  create = \"2s\"\n}"),
			ExpectError: regexp.MustCompile(`(?s)timeouts\.create\s+\(2s\)\s+ran\s+out.*goes\s+on\s+in\s+the\s+cloud.*` +
				`Raise\s+timeouts\.create`),
		}},
	})
}

// A backup deleted outside Terraform leaves the state with a warning that
// names it.
func TestAccTF114_ABackupDeletedOutsideTerraformLeavesTheStateWithAWarning(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := operationsEmulator(t, emulator.Operations{})
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": cliProviderConfig(url) + `
resource "gaussdb_mysql_backup" "test" {
  instance_id = "` + emulator.SeedInstanceA + `"
  name        = "deleted-elsewhere"
}
`})
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	id := strings.TrimSpace(c.Must(dir, "state", "show", "-no-color", "gaussdb_mysql_backup.test"))
	created := regexp.MustCompile(`id\s+=\s+"([^"]+)"`).FindStringSubmatch(id)
	if len(created) != 2 || !server.DeleteBackup(created[1]) {
		t.Fatalf("the backup was not there to delete:\n%s", id)
	}
	out := c.Must(dir, "plan", "-no-color", "-input=false")
	if !strings.Contains(oneLine(out), "Warning: Backup no longer exists") || !strings.Contains(oneLine(out), created[1]) {
		t.Errorf("no warning naming %s:\n%s", created[1], out)
	}
}

// A backup deleted by someone else between the refresh and the DELETE,
// which the API answers 404 DBS.200061, is gone: destroy succeeds.
func TestAccMySQLBackupResource_aBackupGoneAtDeleteIsNotAnError(t *testing.T) {
	server, _ := operationsEmulator(t, emulator.Operations{})
	var deletes atomic.Int64
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			deletes.Add(1)
			server.DeleteBackup(r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:])
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error_code": "DBS.200061", "error_msg": "The backup does not exist."}`))
			return
		}
		server.ServeHTTP(w, r)
	}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps:                    []resource.TestStep{{Config: backupResourceConfig(url, `name = "gone-at-delete"`)}},
	})
	if deletes.Load() != 1 {
		t.Errorf("%d DELETEs, want 1", deletes.Load())
	}
}
