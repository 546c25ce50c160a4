package provider

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// TODAY'S BEHAVIOUR, documented in the actions' docs and the restore
// guide: terraform-plugin-go v0.31.0 (tf6server.InvokeAction) returns on
// a stopped context without sending the invocation's outcome, so
// Terraform mostly reads an interrupted action as a success, and runs the
// change that before_update guards while the backup is still BUILDING (a
// race: now and then the outcome gets through first). The test interrupts
// up to twelve applies and passes when the change ran in one. When it fails,
// the library sends the outcome: remove the interrupt notes from the docs,
// and this test.
func TestAccTF114_TodayAnInterruptedTriggeredBackupLetsTheGuardedChangeRun(t *testing.T) {
	c := acctest.NewCLI(t)
	const attempts = 12
	var outs []string
	for attempt := 1; attempt <= attempts; attempt++ {
		ran, out := interruptTriggeredBackup(t, c)
		if ran {
			t.Logf("the guarded change ran after the interrupt at attempt %d", attempt)
			return
		}
		outs = append(outs, out)
	}
	t.Errorf("in %d interrupted applies the guarded change never ran: terraform-plugin-go now sends the outcome of an "+
		"interrupted action. Remove the interrupt notes from the actions' docs and the restore guide, and this "+
		"test.\n%s", attempts, strings.Join(outs, "\n----\n"))
}

// interruptTriggeredBackup applies a change guarded by a triggered backup,
// interrupts it while the backup is BUILDING, and says whether the change
// ran.
func interruptTriggeredBackup(t *testing.T, c *acctest.CLI) (bool, string) {
	t.Helper()
	server, url := actionEmulator(t, emulator.Operations{BackupDuration: 2 * time.Minute})
	config := func(schema string) string {
		return cliProviderConfig(url) + `
action "gaussdb_mysql_create_backup" "before_migration" {
  config {
    instance_id = "` + emulator.SeedInstanceA + `"
    name        = "before-schema-change"
  }
}

resource "terraform_data" "schema" {
  input = "` + schema + `"

  lifecycle {
    action_trigger {
      events  = [before_update]
      actions = [action.gaussdb_mysql_create_backup.before_migration]
    }
  }
}
`
	}
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": config("v1")})
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	writeFiles2(t, dir, "main.tf", config("v2"))
	out := c.InterruptWhen(dir, []string{`"type":"action_progress"`, "BUILDING"}, "apply", "-json", "-input=false", "-auto-approve")
	if !strings.Contains(out, "BUILDING") || server.BackupsCreated() != 1 {
		t.Fatalf("the backup was never seen BUILDING:\n%s", out)
	}
	// The resource's state, not an output, which an interrupted apply
	// does not write.
	state := c.Must(dir, "state", "show", "-no-color", "terraform_data.schema")
	schema := regexp.MustCompile(`output\s+=\s+"(v\d)"`).FindStringSubmatch(state)
	if len(schema) != 2 {
		t.Fatalf("no output in the state:\n%s", state)
	}
	return schema[1] == "v2" && !strings.Contains(out, "is COMPLETED"), out
}

// The pattern the docs recommend where an interrupt must stop the change:
// the backup resource, with depends_on. An interrupt while the backup is
// created fails the apply, and the change that depends on it never runs.
func TestAccTF114_AnInterruptedBackupResourceStopsTheChangeThatDependsOnIt(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{BackupDuration: 2 * time.Minute})
	guide, err := os.ReadFile("../../examples/guides/backup-before-change/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": strings.ReplaceAll(string(guide), "3b8f4e1e6b2c4c7a9f1d2e3c4b5a6978in07",
		emulator.SeedInstanceA), "provider.tf": cliProviderConfig(url)})
	out := c.InterruptWhen(dir, []string{`"type":"apply_progress"`, "gaussdb_mysql_backup.before_migration"},
		"apply", "-json", "-input=false", "-auto-approve")
	if server.BackupsCreated() != 1 {
		t.Fatalf("%d backups created, want 1:\n%s", server.BackupsCreated(), out)
	}
	state, _ := c.Run(dir, "state", "list")
	if strings.Contains(state, "terraform_data.schema_migration") || !strings.Contains(out, "Interrupted") {
		t.Errorf("the change ran though its backup was interrupted, or the error does not say so; state:\n%s\n%s", state, out)
	}
}
