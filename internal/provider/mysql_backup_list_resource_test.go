package provider

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// manualBackupsOfA are the seeded manual backups of instance A, newest
// first.
func manualBackupsOfA(seeded []emulator.Backup) []emulator.Backup {
	return newestFirst(selectBackups(seeded, func(b emulator.Backup) bool {
		return b.InstanceID == emulator.SeedInstanceA && b.Type == "manual"
	}))
}

func TestAccTF114_MySQLBackupListResource_identitiesAndDisplayNames(t *testing.T) {
	seeded := emulator.Seed(60)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	manual := manualBackupsOfA(seeded)
	identity := func(b emulator.Backup) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"backup_id": knownvalue.StringExact(b.ID),
			"region": knownvalue.StringExact("cn-north-4"), "project_id": knownvalue.StringExact(acctest.ProjectID)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: providerBlock(url)},
			{
				// The provider block is the first step's: the query files hold
				// the list blocks only.
				Query: true,
				Config: `
list "gaussdb_mysql_backup" "manual" {
  provider = gaussdb
  config {
    instance_id = "` + emulator.SeedInstanceA + `"
  }
}

list "gaussdb_mysql_backup" "newest_two" {
  provider = gaussdb
  limit    = 2
  config {
    instance_id = "` + emulator.SeedInstanceA + `"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("gaussdb_mysql_backup.manual", len(manual)),
					querycheck.ExpectIdentity("gaussdb_mysql_backup.manual", identity(manual[0])),
					querycheck.ExpectIdentity("gaussdb_mysql_backup.manual", identity(manual[len(manual)-1])),
					querycheck.ExpectLength("gaussdb_mysql_backup.newest_two", 2),
					querycheck.ExpectIdentity("gaussdb_mysql_backup.newest_two", identity(manual[1])),
				},
			},
		},
	})
}

func TestAccTF114_MySQLBackupListResource_generatedConfigurationPlansClean(t *testing.T) {
	c := acctest.NewCLI(t)
	seeded := emulator.Seed(60)
	server := emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: seeded})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	manual := manualBackupsOfA(seeded)
	dir := acctest.WriteFiles(t, map[string]string{
		"main.tf": cliProviderConfig(httpServer.URL),
		"backups.tfquery.hcl": `list "gaussdb_mysql_backup" "manual" {
  provider         = gaussdb
  include_resource = true
  limit            = 3
  config {
    instance_id = "` + emulator.SeedInstanceA + `"
  }
}
`,
	})
	out := c.Must(dir, "query", "-no-color", "-generate-config-out=generated.tf")
	for _, b := range manual[:3] {
		if !strings.Contains(out, b.ID) || !strings.Contains(out, b.Name) {
			t.Errorf("the query's output does not show %s (%s):\n%s", b.ID, b.Name, out)
		}
	}
	if strings.Contains(out, manual[3].ID) {
		t.Errorf("limit 3 listed a fourth backup, %s:\n%s", manual[3].ID, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(generated), `resource "gaussdb_mysql_backup"`); n != 3 || !strings.Contains(string(generated), "identity") {
		t.Fatalf("generated %d resources:\n%s", n, generated)
	}
	plan := c.Must(dir, "plan", "-no-color", "-input=false")
	if !regexp.MustCompile(`Plan: 3 to import, 0 to add, 0 to change, 0 to destroy`).MatchString(plan) {
		t.Errorf("the generated configuration does not plan clean:\n%s\n%s", generated, plan)
	}
}
