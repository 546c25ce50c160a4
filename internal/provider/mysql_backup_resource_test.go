package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const backupResourceAddress = "gaussdb_mysql_backup.test"

// backupResourceConfig is the provider block and a gaussdb_mysql_backup of
// instance A with args.
func backupResourceConfig(url, args string) string {
	return providerBlock(url) + `
resource "gaussdb_mysql_backup" "test" {
  instance_id = "` + emulator.SeedInstanceA + `"
` + args + `
}
`
}

// testJobsHiddenFor is how long the emulator hides a new job in these
// tests (unless ops says otherwise): every test meets the delay the jobs
// page documents, briefly.
const testJobsHiddenFor = time.Second

// operationsEmulator serves seeded backups with operations shaped by ops.
func operationsEmulator(t *testing.T, ops emulator.Operations) (*emulator.Server, string) {
	t.Helper()
	if ops.JobsHiddenFor == 0 {
		ops.JobsHiddenFor = testJobsHiddenFor
	}
	server := emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30),
		IncrementalBackups: emulator.SeedIncremental(2), Operations: ops})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	return server, httpServer.URL
}

// captureID stores the resource's id when the step's checks run.
func captureID(into *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(backupResourceAddress, "id", func(v string) error {
		*into = v
		return nil
	})
}

func TestAccMySQLBackupResource_createReadImportDelete(t *testing.T) {
	server, url := operationsEmulator(t, emulator.Operations{BackupDuration: 500 * time.Millisecond,
		DeleteDuration: 500 * time.Millisecond, BusyConflicts: 1})
	var id string
	config := backupResourceConfig(url, `
  name        = "before-migration"
  description = "taken before the schema change"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		CheckDestroy: func(*terraform.State) error {
			if server.HasBackup(id) {
				return fmt.Errorf("backup %s is still there after destroy", id)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				// The instance is busy once: waited out. The apply returns
				// only once the backup can be restored from.
				Config: config,
				Check:  captureID(&id),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("status"), knownvalue.StringExact("COMPLETED")),
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("restorable"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("type"), knownvalue.StringExact("manual")),
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("region"), knownvalue.StringExact("cn-north-4")),
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("instance_name"), knownvalue.StringExact("orders-db")),
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("end_time"), knownvalue.NotNull()),
				},
			},
			{
				// Nothing changes on a second plan.
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            backupResourceAddress,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
	if server.BackupsCreated() != 1 {
		t.Errorf("%d backups created, want 1", server.BackupsCreated())
	}
}

func TestAccMySQLBackupResource_deletedOutsideTerraformIsCreatedAgain(t *testing.T) {
	server, url := operationsEmulator(t, emulator.Operations{})
	var id string
	config := backupResourceConfig(url, `name = "nightly-extra"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: config, Check: captureID(&id)},
			{
				PreConfig: func() {
					if !server.DeleteBackup(id) {
						t.Fatalf("backup %s was not there to delete", id)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(backupResourceAddress, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
	if server.BackupsCreated() != 2 {
		t.Errorf("%d backups created, want 2", server.BackupsCreated())
	}
}

func TestAccMySQLBackupResource_availableIsDoneAndFailedIsAnErrorWithTheAPIsWords(t *testing.T) {
	_, available := operationsEmulator(t, emulator.Operations{BackupsCompleteAs: "AVAILABLE"})
	failingServer, failing := operationsEmulator(t, emulator.Operations{BackupFailure: "The instance's disk is full."})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config: backupResourceConfig(available, `name = "weekly-extra"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("status"), knownvalue.StringExact("AVAILABLE")),
				},
			},
			{
				Config:      backupResourceConfig(failing, `name = "doomed-backup"`),
				ExpectError: regexp.MustCompile(`(?s)Unable to create a GaussDB\(for MySQL\) backup.*ended\s+FAILED:\s+The\s+instance's\s+disk\s+is\s+full\.`),
			},
		},
	})
	if failingServer.BackupsCreated() != 1 {
		t.Errorf("%d backups requested of the failing server, want 1", failingServer.BackupsCreated())
	}
}

func TestAccMySQLBackupResource_invalidArgumentsAtPlanTime(t *testing.T) {
	tests := []struct{ name, args, want string }{
		{"a name of three", `name = "abc"`, `(?s)name.*4\s+to\s+64\s+characters`},
		{"a name starting with a digit", `name = "2024-backup"`, `(?s)name.*start\s+with\s+a\s+letter`},
		{"a name with a space", `name = "my backup"`, `(?s)name.*only\s+letters`},
		{"a name of 22 Chinese characters", `name = "` + strings.Repeat("备", 22) + `"`, `(?s)name.*is\s+66\s+bytes`},
		{"a name with a kana", `name = "backupの1"`, `(?s)name.*holds\s+'の'`},
		{"a description with <", "name = \"good-name\"\ndescription = \"a <b> tag\"", `(?s)description.*must\s+not\s+hold`},
		{"a description of 257", "name = \"good-name\"\ndescription = \"" + strings.Repeat("d", 257) + "\"", `(?s)description.*between\s+1\s+and\s+256`},
		{"no name", ``, `(?s)Missing required argument.*name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{Config: backupResourceConfig("http://127.0.0.1:9", tt.args), PlanOnly: true,
					ExpectError: regexp.MustCompile(tt.want)}},
			})
		})
	}
}

func TestAccMySQLBackupResource_importRefusesAnAutomatedBackup(t *testing.T) {
	_, url := operationsEmulator(t, emulator.Operations{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:        backupResourceConfig(url, `name = "imported"`),
			ResourceName:  backupResourceAddress,
			ImportState:   true,
			ImportStateId: emulator.Seed(30)[3].ID,
			ExpectError:   regexp.MustCompile(`(?s)is\s+an\s+auto\s+backup:\s+only\s+manual\s+backups\s+can\s+be\s+managed`),
		}},
	})
}

func TestAccTF112_MySQLBackupResource_identityAndImportByIdentity(t *testing.T) {
	server, url := operationsEmulator(t, emulator.Operations{})
	config := backupResourceConfig(url, `name = "identified"`)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		// Resource identity came with Terraform 1.12.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  captureID(&id),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(backupResourceAddress, map[string]knownvalue.Check{
						"backup_id":  knownvalue.StringRegexp(regexp.MustCompile(`br01$`)),
						"region":     knownvalue.StringExact("cn-north-4"),
						"project_id": knownvalue.StringExact(acctest.ProjectID),
					}),
					statecheck.ExpectIdentityValueMatchesStateAtPath(backupResourceAddress, tfjsonpath.New("backup_id"), tfjsonpath.New("id")),
				},
			},
			{
				ResourceName:    backupResourceAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:    backupResourceAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
	if server.BackupsCreated() != 1 {
		t.Errorf("%d backups created, want 1", server.BackupsCreated())
	}
}

func TestAccMySQLBackupResource_namesAndDescriptionsInChinese(t *testing.T) {
	server, url := operationsEmulator(t, emulator.Operations{})
	name, description := "迁移前备份-v2", strings.Repeat("迁移前的备份", 40) // 240 characters, 720 bytes
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupResourceConfig(url, fmt.Sprintf("name = %q\ndescription = %q", name, description)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(backupResourceAddress, tfjsonpath.New("description"), knownvalue.StringExact(description)),
			},
		}},
	})
	if server.BackupsCreated() != 1 {
		t.Errorf("%d backups created, want 1", server.BackupsCreated())
	}
}
