package provider

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// pointInTimeGuideConfig is the guide's pattern
// (examples/guides/restore-point-in-time) with terraform_data standing in
// for huaweicloud_taurusdb_restore, whose arguments all force a new
// resource, and without the precondition on the point's age (the seeded
// logs end in 2026-11).
func pointInTimeGuideConfig(url string, generation int) string {
	return providerBlock(url) + fmt.Sprintf(`
data "gaussdb_mysql_restore_point" "newest" {
  instance_id = %q
}

resource "terraform_data" "restore_point" {
  input = {
    type            = data.gaussdb_mysql_restore_point.newest.type
    restore_time    = data.gaussdb_mysql_restore_point.newest.restore_time
    restore_time_ms = data.gaussdb_mysql_restore_point.newest.restore_time_ms
    backup_id       = data.gaussdb_mysql_restore_point.newest.backup_id
  }
  triggers_replace = [%d]

  lifecycle {
    ignore_changes = [input]
  }
}

resource "terraform_data" "restore" {
  triggers_replace = [terraform_data.restore_point.output]
  input            = "${terraform_data.restore_point.output.type}@${terraform_data.restore_point.output.restore_time_ms}"
}
`, emulator.SeedInstanceA, generation)
}

func TestAccGuide_restoreToAPointInTimeOnceThenOnPurpose(t *testing.T) {
	opts := seededRestoreWindow()
	opts.Token, opts.ProjectID = testToken, acctest.ProjectID
	server := emulator.New(opts)
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	head := emulator.IncrementalHead
	restoredTo := func(at time.Time) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("terraform_data.restore", tfjsonpath.New("output"),
			knownvalue.StringExact(fmt.Sprintf("timestamp@%d", at.UnixMilli())))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{
			{
				Config:            pointInTimeGuideConfig(httpServer.URL, 1),
				ConfigStateChecks: []statecheck.StateCheck{restoredTo(head)},
			},
			{
				// A binlog arrives between two plans: the point moves, the
				// restore does not.
				PreConfig: func() {
					server.AddIncrementalBackup(emulator.IncrementalBackup{ID: "binlog-after", InstanceID: emulator.SeedInstanceA,
						BeginTime: head, EndTime: head.Add(30 * time.Minute), SizeKB: 100, Type: "Log"})
				},
				Config:           pointInTimeGuideConfig(httpServer.URL, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					restoredTo(head),
					statecheck.ExpectKnownValue("data.gaussdb_mysql_restore_point.newest", tfjsonpath.New("restore_time"),
						knownvalue.StringExact(head.Add(30*time.Minute).Format(time.RFC3339))),
				},
			},
			{
				// Raising restore_generation restores to the newest point.
				Config: pointInTimeGuideConfig(httpServer.URL, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("terraform_data.restore", plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{restoredTo(head.Add(30 * time.Minute))},
			},
		},
	})
}
