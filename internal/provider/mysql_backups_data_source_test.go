package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const backupsAddress = "data.gaussdb_mysql_backups.test"

// backupsConfig is the provider block and a gaussdb_mysql_backups with args.
func backupsConfig(url, args string) string {
	return providerBlock(url) + `
data "gaussdb_mysql_backups" "test" {
` + args + `
}
`
}

// expectIDs checks that backups holds exactly these ids, in this order.
func expectIDs(backups []emulator.Backup) statecheck.StateCheck {
	items := make([]knownvalue.Check, len(backups))
	for i, b := range backups {
		items[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(b.ID)})
	}
	return statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups"), knownvalue.ListExact(items))
}

// expectCount checks total_count and the length of backups.
func expectCount(n int) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(n))),
		statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups"), knownvalue.ListSizeExact(n)),
	}
}

// newestFirst returns backups sorted as the data source documents: newest
// first by begin_time, ties by id.
func newestFirst(backups []emulator.Backup) []emulator.Backup {
	sorted := slices.Clone(backups)
	slices.SortFunc(sorted, func(a, b emulator.Backup) int {
		if c := b.BeginTime.Compare(a.BeginTime); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return sorted
}

// selectBackups returns the seeded backups for which keep is true.
func selectBackups(backups []emulator.Backup, keep func(emulator.Backup) bool) []emulator.Backup {
	var kept []emulator.Backup
	for _, b := range backups {
		if keep(b) {
			kept = append(kept, b)
		}
	}
	return kept
}

func TestAccMySQLBackups_allPagesEveryBackupOnceNewestFirst(t *testing.T) {
	seeded := emulator.Seed(257)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, ""),
			ConfigStateChecks: append(expectCount(257),
				expectIDs(newestFirst(seeded))),
		}},
	})
}

func TestAccMySQLBackups_everyFieldOfABackup(t *testing.T) {
	seeded := emulator.Seed(12)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	building, manual, noLevel := seeded[0], seeded[4], seeded[2]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":            knownvalue.StringExact(building.ID),
					"name":          knownvalue.StringExact(building.Name),
					"instance_id":   knownvalue.StringExact(emulator.SeedInstanceA),
					"instance_name": knownvalue.StringExact("orders-db"),
					"begin_time":    knownvalue.StringExact("2026-11-20T02:00:00+08:00"),
					"end_time":      knownvalue.Null(),
					"status":        knownvalue.StringExact("BUILDING"),
					"restorable":    knownvalue.Bool(false),
					"take_up_time":  knownvalue.Int64Exact(0),
					"type":          knownvalue.StringExact("auto"),
					"size":          knownvalue.Float64Exact(building.SizeMB),
					"datastore": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type":    knownvalue.StringExact("gaussdb-mysql"),
						"version": knownvalue.StringExact("8.0"),
					}),
					"backup_level": knownvalue.StringExact("0"),
					"description":  knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups").AtSliceIndex(4), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":          knownvalue.StringExact(manual.ID),
					"restorable":  knownvalue.Bool(true),
					"type":        knownvalue.StringExact("manual"),
					"description": knownvalue.StringExact(manual.Description),
					"size":        knownvalue.Float64Exact(manual.SizeMB),
					"end_time":    knownvalue.StringExact(manual.EndTime.Format("2006-01-02T15:04:05Z07:00")),
				})),
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":            knownvalue.StringExact(noLevel.ID),
					"instance_name": knownvalue.Null(),
					"backup_level":  knownvalue.Null(),
				})),
			},
		}},
	})
}

func TestAccMySQLBackups_decimalSizesAreKept(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: []emulator.Backup{{
		ID: "b1", Name: "decimal", InstanceID: "i1", BeginTime: emulator.Seed(1)[0].BeginTime,
		Status: "COMPLETED", Type: "auto", SizeMB: 2803.12,
	}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups").AtSliceIndex(0).AtMapKey("size"), knownvalue.Float64Exact(2803.12)),
			},
		}},
	})
}

func TestAccMySQLBackups_filters(t *testing.T) {
	seeded := emulator.Seed(150)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	oneBackup := seeded[40]
	beginUTC, endUTC := seeded[30].BeginTime, seeded[10].BeginTime
	tests := []struct {
		name string
		args string
		keep func(emulator.Backup) bool
	}{
		{"instance_id", fmt.Sprintf("instance_id = %q", emulator.SeedInstanceB),
			func(b emulator.Backup) bool { return b.InstanceID == emulator.SeedInstanceB }},
		{"backup_id", fmt.Sprintf("backup_id = %q", oneBackup.ID),
			func(b emulator.Backup) bool { return b.ID == oneBackup.ID }},
		{"backup_type", `backup_type = "manual"`,
			func(b emulator.Backup) bool { return b.Type == "manual" }},
		{"name", fmt.Sprintf("name = %q", oneBackup.Name),
			func(b emulator.Backup) bool { return b.Name == oneBackup.Name }},
		{"instance_name", `instance_name = "orders-db"`,
			func(b emulator.Backup) bool { return b.InstanceName == "orders-db" }},
		{"status", `status = "FAILED"`,
			func(b emulator.Backup) bool { return b.Status == "FAILED" }},
		{"begin_time and end_time in the API's form", fmt.Sprintf("begin_time = %q\nend_time = %q",
			beginUTC.Format("2006-01-02T15:04:05-0700"), endUTC.Format("2006-01-02T15:04:05-0700")),
			func(b emulator.Backup) bool { return !b.BeginTime.Before(beginUTC) && !b.BeginTime.After(endUTC) }},
		{"begin_time and end_time in RFC 3339", fmt.Sprintf("begin_time = %q\nend_time = %q",
			beginUTC.UTC().Format("2006-01-02T15:04:05Z07:00"), endUTC.Format("2006-01-02T15:04:05Z07:00")),
			func(b emulator.Backup) bool { return !b.BeginTime.Before(beginUTC) && !b.BeginTime.After(endUTC) }},
		{"filters combined", fmt.Sprintf("instance_id = %q\nbackup_type = \"auto\"\nstatus = \"COMPLETED\"", emulator.SeedInstanceA),
			func(b emulator.Backup) bool {
				return b.InstanceID == emulator.SeedInstanceA && b.Type == "auto" && b.Status == "COMPLETED"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := newestFirst(selectBackups(seeded, tt.keep))
			if len(want) == 0 || len(want) == len(seeded) {
				t.Fatalf("the filter selects %d of %d seeded backups; the test needs a real selection", len(want), len(seeded))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:            backupsConfig(url, tt.args),
					ConfigStateChecks: append(expectCount(len(want)), expectIDs(want)),
				}},
			})
		})
	}
}

func TestAccMySQLBackups_idIsTheSameOnEveryPlan(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(30)})
	sameID := statecheck.CompareValue(compare.ValuesSame())
	config := backupsConfig(url, `backup_type = "auto"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(backupsAddress, tfjsonpath.New("id"))}},
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(backupsAddress, tfjsonpath.New("id"))}},
		},
	})
}

func TestAccMySQLBackups_idDiffersWithTheFilters(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(30)})
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: backupsConfig(url, `backup_type = "auto"`), ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(backupsAddress, tfjsonpath.New("id"))}},
			{Config: backupsConfig(url, `backup_type = "manual"`), ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(backupsAddress, tfjsonpath.New("id"))}},
		},
	})
}

func TestAccMySQLBackups_noMatchIsAnEmptyList(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(30)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, `instance_id = "no-such-instance"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(backupsAddress, tfjsonpath.New("backups"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccMySQLBackups_latestCompletedBackupExpression(t *testing.T) {
	seeded := emulator.Seed(40)
	url := startEmulator(t, emulator.Options{Backups: seeded})
	latest := newestFirst(selectBackups(seeded, func(b emulator.Backup) bool { return b.Status == "COMPLETED" }))[0]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: backupsConfig(url, "") + `
output "latest" {
  value = [for b in data.gaussdb_mysql_backups.test.backups : b.id if b.status == "COMPLETED"][0]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("latest", knownvalue.StringExact(latest.ID)),
			},
		}},
	})
}

func TestAccMySQLBackups_apiErrorSurfacesItsCode(t *testing.T) {
	url := startEmulator(t, emulator.Options{Token: "another-token", Backups: emulator.Seed(3)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig(url, ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 401.*APIGW\.0301.*Incorrect IAM authentication\s+information.*Check\s+that\s+the\s+token\s+\(from\s+the\s+provider\s+block's\s+token\)`),
		}},
	})
}

func TestAccMySQLBackups_errorsComeInTheConfiguredLanguage(t *testing.T) {
	url := startEmulator(t, emulator.Options{Token: "another-token", Backups: emulator.Seed(3)})
	config := strings.Replace(backupsConfig(url, ""), `max_retries = 1`, "max_retries = 1\n  language = \"zh-cn\"", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`APIGW\.0301.*IAM认证信息错误`),
		}},
	})
}

func TestAccMySQLBackups_invalidArguments(t *testing.T) {
	tests := []struct {
		name string
		args string
		want string
	}{
		{"backup_type", `backup_type = "full"`, `(?s)backup_type.*value must be one of`},
		{"status", `status = "DONE"`, `(?s)status.*value must be one of`},
		{"begin_time", `begin_time = "2020-07-06 10:41:14"`, `(?s)Invalid time.*begin_time`},
		{"end_time", `end_time = "yesterday"`, `(?s)Invalid time.*end_time`},
		{"end_time before begin_time", "begin_time = \"2020-07-16T10:41:14+0800\"\nend_time = \"2020-07-06T10:41:14+08:00\"",
			`(?s)Invalid time range.*end_time.*must\s+be\s+later\s+than\s+begin_time`},
		{"end_time equal to begin_time in another zone", "begin_time = \"2020-07-06T10:41:14+0800\"\nend_time = \"2020-07-06T02:41:14Z\"",
			`(?s)Invalid time range`},
		{"empty instance_id", `instance_id = ""`, `(?s)instance_id.*string length must be between 1 and 256`},
		{"instance_id of megabytes", `instance_id = "` + strings.Repeat("a", 5<<20) + `"`, `(?s)instance_id.*string length must be between 1 and 256`},
		{"times differing only in fractions of a second", "begin_time = \"2020-07-06T10:41:14.2Z\"\nend_time = \"2020-07-06T10:41:14.7Z\"",
			`(?s)Invalid time range.*end_time.*whole\s+seconds`},
		{"an offset beyond +14:00", `begin_time = "2020-07-06T10:41:14+2400"`, `(?s)Invalid time.*begin_time.*UTC\s+offset`},
		{"an offset beyond -12:00", `end_time = "2020-07-06T10:41:14-13:00"`, `(?s)Invalid time.*end_time.*UTC\s+offset`},
		{"spaces around a time", `begin_time = " 2020-07-06T10:41:14+0800"`, `(?s)Invalid time.*begin_time.*spaces`},
		{"a region that is not a name", `region = "cn-north-4.evil.com/x?"`, `(?s)region.*lower-case letters, digits\s+and\s+dashes`},
		{"a read timeout of zero", "timeouts {\n  read = \"0s\"\n}", `(?s)Invalid read timeout.*longer than zero`},
		{"a negative read timeout", "timeouts {\n  read = \"-5m\"\n}", `(?s)Invalid read timeout.*longer than zero`},
	}
	// Validation happens before any request: no emulator is needed.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{{
					Config:      backupsConfig("http://127.0.0.1:9", tt.args),
					ExpectError: regexp.MustCompile(tt.want),
				}},
			})
		})
	}
}
