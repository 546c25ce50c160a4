package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const pointAddress = "data.gaussdb_mysql_restore_point.test"

// pointConfig is the provider block and a gaussdb_mysql_restore_point of
// instance A with args.
func pointConfig(url, args string) string {
	return providerBlock(url) + `
data "gaussdb_mysql_restore_point" "test" {
  instance_id = "` + emulator.SeedInstanceA + `"
` + args + `
}
`
}

// expectPoint checks the point found: its type, time and base backup.
func expectPoint(kind string, at time.Time, backup emulator.Backup) []statecheck.StateCheck {
	check := func(name string, value knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(pointAddress, tfjsonpath.New(name), value)
	}
	return []statecheck.StateCheck{
		check("type", knownvalue.StringExact(kind)),
		check("restore_time", knownvalue.StringExact(at.UTC().Format(time.RFC3339Nano))),
		check("restore_time_ms", knownvalue.Int64Exact(at.UnixMilli())),
		check("backup_id", knownvalue.StringExact(backup.ID)),
		check("backup_begin_time", knownvalue.StringExact(backup.BeginTime.Format(time.RFC3339))),
		check("backup_end_time", knownvalue.StringExact(backup.EndTime.Format(time.RFC3339))),
	}
}

func TestAccMySQLRestorePoint_newestPointInTimeOrBackup(t *testing.T) {
	seeded := emulator.Seed(60)
	// Instance A's newest backup (0) is BUILDING; 3 is AVAILABLE, ended
	// 2026-11-19T00:02Z; 6 ended 2026-11-18T06:02Z; 9 ended 2026-11-17T12:00Z.
	newest, beforeGap := seeded[3], seeded[9]
	url := startEmulator(t, seededRestoreWindow())
	noLogs := startEmulator(t, emulator.Options{Backups: seeded})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				// The logs run on from the newest restorable backup to their end.
				Config:            pointConfig(url, ""),
				ConfigStateChecks: expectPoint("timestamp", time.Date(2026, 11, 19, 18, 30, 0, 0, time.UTC), newest),
			},
			{
				// In the gap: the newest point is where the logs stopped, from
				// the last backup that ended before.
				Config:            pointConfig(url, `not_after = "2026-11-18T12:00:00+08:00"`),
				ConfigStateChecks: expectPoint("timestamp", time.Date(2026, 11, 18, 2, 0, 0, 0, time.UTC), beforeGap),
			},
			{
				// Within a span, to the millisecond.
				Config:            pointConfig(url, `not_after = "2026-11-19T10:00:00.123Z"`),
				ConfigStateChecks: expectPoint("timestamp", time.Date(2026, 11, 19, 10, 0, 0, 123e6, time.UTC), newest),
			},
			{
				// No logs at all: the newest restorable backup.
				Config:            pointConfig(noLogs, ""),
				ConfigStateChecks: expectPoint("backup", newest.EndTime, newest),
			},
		},
	})
}

func TestAccMySQLRestorePoint_nothingToRestoreNamesTheAttribute(t *testing.T) {
	url := startEmulator(t, seededRestoreWindow())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config:      pointConfig(url, `not_after = "2020-01-01T00:00:00Z"`),
				ExpectError: regexp.MustCompile(`(?s)not_after.*no\s+restorable\s+full\s+backup.*2020-01-01T00:00:00Z.*Choose\s+a\s+later\s+not_after`),
			},
			{
				Config: providerBlock(url) + `
data "gaussdb_mysql_restore_point" "test" {
  instance_id = "0000000000000000000000000000000fin07"
}`,
				ExpectError: regexp.MustCompile(`(?s)instance_id.*instance\s+0000000000000000000000000000000fin07\s+has\s+no\s+restorable.*among\s+its\s+0\s+backups.*Check\s+instance_id`),
			},
			{
				Config:      pointConfig(url, `not_after = "soon"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid time.*not_after`),
			},
		},
	})
}
