package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const backupAddress = "data.gaussdb_mysql_backup.test"

// restoreCandidates are one instance's backups, newest first: a BUILDING
// one, a FAILED one, then a COMPLETED and an AVAILABLE one.
func restoreCandidates() []emulator.Backup {
	at := time.Date(2026, 11, 20, 2, 0, 0, 0, time.FixedZone("", 8*3600))
	backup := func(id, status string, hoursAgo int) emulator.Backup {
		begin := at.Add(-time.Duration(hoursAgo) * time.Hour)
		b := emulator.Backup{
			ID: id, Name: "backup-" + id, InstanceID: "inst-restore", InstanceName: "restore-db",
			BeginTime: begin, EndTime: begin.Add(4 * time.Minute), Status: status, TakeUpTime: 4, Type: "auto",
			SizeMB: 2803.12, Datastore: emulator.Datastore{Type: "gaussdb-mysql", Version: "8.0"}, BackupLevel: "2",
		}
		if status == "BUILDING" {
			b.EndTime, b.TakeUpTime, b.BackupLevel = time.Time{}, 0, "0"
		}
		return b
	}
	return []emulator.Backup{
		backup("b-building", "BUILDING", 0),
		backup("b-failed", "FAILED", 6),
		backup("b-completed", "COMPLETED", 12),
		backup("b-available", "AVAILABLE", 18),
	}
}

func backupConfig(url, args string) string {
	return providerBlock(url) + "\ndata \"gaussdb_mysql_backup\" \"test\" {\n" + args + "\n}\n"
}

func expectBackupID(id string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("id"), knownvalue.StringExact(id))
}

func TestAccMySQLBackup_mostRecentSkipsNewerBuildingAndFailedBackups(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: append(restoreCandidates(), emulator.Seed(30)...)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupConfig(url, "instance_id = \"inst-restore\"\nmost_recent = true"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectBackupID("b-completed"),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("status"), knownvalue.StringExact("COMPLETED")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("name"), knownvalue.StringExact("backup-b-completed")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("instance_name"), knownvalue.StringExact("restore-db")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("backup_begin_time"), knownvalue.StringExact("2026-11-19T14:00:00+08:00")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("backup_end_time"), knownvalue.StringExact("2026-11-19T14:04:00+08:00")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("size"), knownvalue.Float64Exact(2803.12)),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("take_up_time"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("type"), knownvalue.StringExact("auto")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("backup_level"), knownvalue.StringExact("2")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("datastore").AtMapKey("version"), knownvalue.StringExact("8.0")),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("begin_time"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccMySQLBackup_exactlyOneMatch(t *testing.T) {
	seeded := emulator.Seed(30)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	want := seeded[7]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupConfig(url, fmt.Sprintf("backup_id = %q", want.ID)),
			ConfigStateChecks: []statecheck.StateCheck{
				expectBackupID(want.ID),
				statecheck.ExpectKnownValue(backupAddress, tfjsonpath.New("instance_id"), knownvalue.StringExact(want.InstanceID)),
			},
		}},
	})
}

func TestAccMySQLBackup_statusAndStatusesChooseWhatCounts(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: restoreCandidates()})
	tests := []struct {
		args string
		want string
	}{
		{"status = \"BUILDING\"", "b-building"},
		{"statuses = [\"FAILED\"]\nmost_recent = true", "b-failed"},
		{"statuses = [\"AVAILABLE\", \"FAILED\"]\nmost_recent = true", "b-failed"},
		{"statuses = [\"AVAILABLE\"]", "b-available"},
	}
	for _, tt := range tests {
		t.Run(tt.want+" from "+tt.args, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:            backupConfig(url, "instance_id = \"inst-restore\"\n"+tt.args),
					ConfigStateChecks: []statecheck.StateCheck{expectBackupID(tt.want)},
				}},
			})
		})
	}
}

func TestAccMySQLBackup_errors(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: append(restoreCandidates(), emulator.Seed(40)...)})
	tests := []struct {
		name string
		args string
		want string
	}{
		{"nothing matches", `instance_id = "no-such-instance"`,
			`(?s)No single GaussDB\(for MySQL\) backup.*No backup matched the filters\s+instance_id\s+=\s+no-such-instance;\s+statuses\s+=\s+COMPLETED,\s+AVAILABLE`},
		{"several match", `instance_id = "inst-restore"`,
			`(?s)2 backups matched.*b-completed,\s+b-available.*most_recent\s+=\s+true`},
		{"many match, a few are listed", `backup_type = "auto"`,
			`(?s)\d+ backups matched.*, \.\.\.\).*most_recent\s+=\s+true`},
		{"the backup exists but is still building", `backup_id = "b-building"`,
			`(?s)Backup b-building matched the other filters, but its status is BUILDING,\s+not\s+one\s+of\s+statuses\s+\(COMPLETED,\s+AVAILABLE\)`},
		{"only failed and building backups match", "instance_id = \"inst-restore\"\nend_time = \"2026-11-19T21:00:00+0800\"\nbegin_time = \"2026-11-19T19:00:00+0800\"",
			`(?s)Backup b-failed matched the other filters, but its status is FAILED`},
		{"status conflicts with statuses", "status = \"COMPLETED\"\nstatuses = [\"AVAILABLE\"]", `(?s)status.*statuses`},
		{"unknown status in statuses", `statuses = ["DONE"]`, `(?s)statuses.*value must be one of`},
		{"the list's validation applies", "begin_time = \"2020-07-16T10:41:14+0800\"\nend_time = \"2020-07-06T10:41:14+0800\"",
			`(?s)Invalid time range`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps:                    []resource.TestStep{{Config: backupConfig(url, tt.args), ExpectError: regexp.MustCompile(tt.want)}},
			})
		})
	}
}
