package provider

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// actionEmulator serves the seeded backups and logs with operations shaped
// by ops, for the actions run through the CLI.
func actionEmulator(t *testing.T, ops emulator.Operations) (*emulator.Server, string) {
	t.Helper()
	return operationsEmulator(t, ops)
}

// restoreActionConfig restores into instance B what args say.
func restoreActionConfig(url, args string) string {
	return cliProviderConfig(url) + `
action "gaussdb_mysql_restore" "to_b" {
  config {
    source_instance_id = "` + emulator.SeedInstanceA + `"
    target_instance_id = "` + emulator.SeedInstanceB + `"
` + args + `
  }
}
`
}

func TestAccTF114_RestoreActionRestoresOncePerInvocationAndNeverOnAPlan(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{RestoreDuration: 3 * time.Second, BusyConflicts: 1})
	at := emulator.IncrementalHead.Add(-90 * time.Minute)
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url,
		`    restore_time = "`+at.Format(time.RFC3339)+`"`)})

	// Neither a plan nor an apply without -invoke restores.
	c.Must(dir, "plan", "-no-color", "-input=false")
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if n := len(server.Restores()); n != 0 {
		t.Fatalf("%d restores before any invocation", n)
	}
	out := c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b")
	restores := server.Restores()
	if len(restores) != 1 || restores[0].Type != "timestamp" || !restores[0].RestoreTime.Equal(at) ||
		restores[0].TargetInstanceID != emulator.SeedInstanceB {
		t.Fatalf("after one invocation: %+v\n%s", restores, out)
	}
	for _, want := range []string{"busy with another operation; waiting", "The restore is job " + restores[0].JobID,
		"Running", "Restored the point " + at.UTC().Format(time.RFC3339)} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not say %q:\n%s", want, out)
		}
	}
	c.Must(dir, "plan", "-no-color", "-input=false")
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if n := len(server.Restores()); n != 1 {
		t.Fatalf("%d restores after a plan and an apply that did not invoke it", n)
	}
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b")
	if n := len(server.Restores()); n != 2 {
		t.Fatalf("%d restores after a second invocation, want 2", n)
	}
}

func TestAccTF114_RestoreActionRefusesAtPlanTimeWhatTheAPIWouldRefuse(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{})
	seeded := emulator.Seed(30)
	tests := []struct{ name, args, want string }{
		{"a point in the gap", `    restore_time = "` + emulator.IncrementalGap.Begin.Add(30*time.Minute).Format(time.RFC3339) + `"`,
			"Point outside the restore window"},
		{"a point in the future", `    restore_time = "` + emulator.IncrementalHead.Add(time.Hour).Format(time.RFC3339) + `"`,
			"Point outside the restore window"},
		{"a backup still building", `    backup_id = "` + seeded[0].ID + `"`, "is BUILDING: only COMPLETED and AVAILABLE"},
		{"a backup of another instance", `    backup_id = "` + seeded[1].ID + `"`, "Backup of another instance"},
		{"a backup that does not exist", `    backup_id = "00000000000000000000000000000000br01"`, "Backup not found"},
		{"both a backup and a point", "    backup_id = \"" + seeded[3].ID + "\"\n    restore_time = \"2026-11-19T10:00:00Z\"",
			"Invalid Attribute Combination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, tt.args)})
			out, err := c.Run(dir, "plan", "-no-color", "-input=false", "-invoke=action.gaussdb_mysql_restore.to_b")
			if err == nil || !strings.Contains(strings.Join(strings.Fields(out), " "), tt.want) {
				t.Errorf("got %v, want an error saying %q:\n%s", err, tt.want, out)
			}
		})
	}
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": cliProviderConfig(url) + `
action "gaussdb_mysql_restore" "over_itself" {
  config {
    source_instance_id = "` + emulator.SeedInstanceA + `"
    target_instance_id = "` + emulator.SeedInstanceA + `"
    backup_id          = "` + seeded[3].ID + `"
  }
}
`})
	out, err := c.Run(dir, "plan", "-no-color", "-input=false", "-invoke=action.gaussdb_mysql_restore.over_itself")
	if err == nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "Set allow_overwrite_source = true") {
		t.Errorf("restoring over the source without allow_overwrite_source: %v\n%s", err, out)
	}
	if n := len(server.Restores()); n != 0 {
		t.Errorf("%d restores from refused plans", n)
	}
}

func TestAccTF114_RestoreActionFailureIsTheAPIsWords(t *testing.T) {
	c := acctest.NewCLI(t)
	_, url := actionEmulator(t, emulator.Operations{RestoreFailure: "The target instance ran out of space."})
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": restoreActionConfig(url, `    backup_id = "`+emulator.Seed(30)[3].ID+`"`)})
	out, err := c.Run(dir, "apply", "-no-color", "-input=false", "-auto-approve", "-invoke=action.gaussdb_mysql_restore.to_b")
	if err == nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "ended Failed: The target instance ran out of space.") {
		t.Errorf("got %v:\n%s", err, out)
	}
}

func TestAccTF114_TriggeredBackupIsTakenBeforeTheUpdateItGuards(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{BackupDuration: time.Second})
	config := func(schema string) string {
		return cliProviderConfig(url) + `
action "gaussdb_mysql_create_backup" "before_migration" {
  config {
    instance_id = "` + emulator.SeedInstanceA + `"
    name        = "before-schema-` + schema + `"
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
	if n := server.BackupsCreated(); n != 0 {
		t.Fatalf("%d backups taken on create, which the trigger does not guard", n)
	}
	writeFiles2(t, dir, "main.tf", config("v2"))
	out := c.Must(dir, "apply", "-json", "-input=false", "-auto-approve")
	if n := server.BackupsCreated(); n != 1 {
		t.Fatalf("%d backups taken by the update, want 1\n%s", n, out)
	}
	// Terraform's own log of the apply: it logs "Modifying..." when the
	// resource's turn begins, runs the before_update actions, and only then
	// updates it; the backup is done (COMPLETED) before the update ends.
	completed, actionDone, updateDone := -1, -1, -1
	for i, line := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(line, `"type":"action_progress"`) && strings.Contains(line, "is COMPLETED") && completed < 0:
			completed = i
		case strings.Contains(line, `"type":"action_complete"`) && actionDone < 0:
			actionDone = i
		case strings.Contains(line, `"type":"apply_complete"`) && strings.Contains(line, "terraform_data.schema") && updateDone < 0:
			updateDone = i
		}
	}
	if completed < 0 || actionDone < completed || updateDone < actionDone {
		t.Errorf("backup COMPLETED at line %d, action complete at line %d, update complete at line %d:\n%s",
			completed, actionDone, updateDone, out)
	}
	// Nothing more on a plan that changes nothing.
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if n := server.BackupsCreated(); n != 1 {
		t.Errorf("%d backups after an apply without changes, want 1", n)
	}
}

func TestAccTF114_AFailedTriggeredBackupStopsTheUpdate(t *testing.T) {
	c := acctest.NewCLI(t)
	_, url := actionEmulator(t, emulator.Operations{BackupFailure: "The instance's disk is full."})
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

output "schema" {
  value = terraform_data.schema.output
}
`
	}
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": config("v1")})
	c.Must(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	writeFiles2(t, dir, "main.tf", config("v2"))
	out, err := c.Run(dir, "apply", "-no-color", "-input=false", "-auto-approve")
	if err == nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "ended FAILED: The instance's disk is full.") {
		t.Fatalf("got %v:\n%s", err, out)
	}
	if schema := strings.TrimSpace(c.Must(dir, "output", "-raw", "schema")); schema != "v1" {
		t.Errorf("the update ran though its backup failed: the schema is %q", schema)
	}
}

func TestAccTF114_RestoreActionGuideRestoresTheNewestPointOnlyWhenInvoked(t *testing.T) {
	c := acctest.NewCLI(t)
	server, url := actionEmulator(t, emulator.Operations{})
	guide, err := os.ReadFile("../../examples/guides/restore-action/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	dir := acctest.WriteFiles(t, map[string]string{"main.tf": string(guide), "provider.tf": providerBlock(url)})
	vars := []string{"-var", "source_instance_id=" + emulator.SeedInstanceA, "-var", "target_instance_id=" + emulator.SeedInstanceB}
	c.Must(dir, append([]string{"apply", "-no-color", "-input=false", "-auto-approve",
		"-invoke=action.gaussdb_mysql_restore.staging"}, vars...)...)
	restores := server.Restores()
	if len(restores) != 1 || restores[0].Type != "timestamp" || !restores[0].RestoreTime.Equal(emulator.IncrementalHead) {
		t.Fatalf("restores %+v, want one to the newest point, %v", restores, emulator.IncrementalHead)
	}
	// A binlog arrives; plans and applies restore nothing.
	server.AddIncrementalBackup(emulator.IncrementalBackup{ID: "binlog-later", InstanceID: emulator.SeedInstanceA,
		BeginTime: emulator.IncrementalHead, EndTime: emulator.IncrementalHead.Add(30 * time.Minute), SizeKB: 1, Type: "Log"})
	c.Must(dir, append([]string{"apply", "-no-color", "-input=false", "-auto-approve"}, vars...)...)
	if n := len(server.Restores()); n != 1 {
		t.Errorf("%d restores after an apply without -invoke, want 1", n)
	}
}
