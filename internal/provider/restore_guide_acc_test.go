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

// restoreGuideConfig is the guide's pattern (examples/guides/restore) with
// terraform_data standing in for huaweicloud_taurusdb_restore: its
// triggers_replace forces a new resource when backup_id changes, as every
// argument of the official resource does.
func restoreGuideConfig(url string, generation int) string {
	return providerBlock(url) + fmt.Sprintf(`
data "gaussdb_mysql_backup" "latest" {
  instance_id = "inst-restore"
  most_recent = true
}

resource "terraform_data" "restore_point" {
  input = {
    id         = data.gaussdb_mysql_backup.latest.id
    begin_time = data.gaussdb_mysql_backup.latest.backup_begin_time
  }
  triggers_replace = %d

  lifecycle {
    ignore_changes = [input]
  }
}

resource "terraform_data" "restore" {
  triggers_replace = [terraform_data.restore_point.output.id]
  input            = terraform_data.restore_point.output.id
}
`, generation)
}

func TestAccGuide_restoreOnceThenOnPurpose(t *testing.T) {
	server := emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: restoreCandidates()})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	newer := restoreCandidates()[2]
	newer.ID, newer.BeginTime, newer.EndTime = "b-newer", newer.BeginTime.Add(24*time.Hour), newer.EndTime.Add(24*time.Hour)
	restoredFrom := func(id string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("terraform_data.restore", tfjsonpath.New("output"), knownvalue.StringExact(id))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		// terraform_data came with Terraform 1.4.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{
			{
				Config:            restoreGuideConfig(httpServer.URL, 1),
				ConfigStateChecks: []statecheck.StateCheck{restoredFrom("b-completed")},
			},
			{
				// The next automated backup completes between two plans.
				PreConfig: func() { server.AddBackup(newer) },
				Config:    restoreGuideConfig(httpServer.URL, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					restoredFrom("b-completed"),
					statecheck.ExpectKnownValue("data.gaussdb_mysql_backup.latest", tfjsonpath.New("id"), knownvalue.StringExact("b-newer")),
				},
			},
			{
				// Raising restore_generation promotes the newest backup.
				Config: restoreGuideConfig(httpServer.URL, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("terraform_data.restore", plancheck.ResourceActionReplace),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{restoredFrom("b-newer")},
			},
		},
	})
}
