package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const incrementalAddress = "data.gaussdb_mysql_incremental_backups.test"

// incrementalConfig is the provider block and a
// gaussdb_mysql_incremental_backups of instance A with args.
func incrementalConfig(url, args string) string {
	return providerBlock(url) + `
data "gaussdb_mysql_incremental_backups" "test" {
  instance_id = "` + emulator.SeedInstanceA + `"
` + args + `
}
`
}

// logsOfA returns the seeded logs of instance A that keep selects, newest
// first as the data source documents: by begin_time, ties by id.
func logsOfA(logs []emulator.IncrementalBackup, keep func(emulator.IncrementalBackup) bool) []emulator.IncrementalBackup {
	var kept []emulator.IncrementalBackup
	for _, b := range logs {
		if b.InstanceID == emulator.SeedInstanceA && keep(b) {
			kept = append(kept, b)
		}
	}
	slices.SortFunc(kept, func(a, b emulator.IncrementalBackup) int {
		if c := b.BeginTime.Compare(a.BeginTime); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return kept
}

// expectLogs checks that backups holds exactly these logs, in this order.
func expectLogs(logs []emulator.IncrementalBackup) []statecheck.StateCheck {
	items := make([]knownvalue.Check, len(logs))
	for i, b := range logs {
		items[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(b.ID)})
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(incrementalAddress, tfjsonpath.New("backups"), knownvalue.ListExact(items)),
		statecheck.ExpectKnownValue(incrementalAddress, tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(logs)))),
	}
}

func onlyLogs(b emulator.IncrementalBackup) bool { return b.Type == "Log" }

func TestAccMySQLIncrementalBackups_everyPageAtFiftyNewestFirst(t *testing.T) {
	seeded := emulator.SeedIncremental(7)
	server := emulator.New(emulator.Options{Token: testToken, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30),
		IncrementalBackups: seeded})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	want := logsOfA(seeded, onlyLogs)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: incrementalConfig(httpServer.URL, ""),
			ConfigStateChecks: append(expectLogs(want),
				statecheck.ExpectKnownValue(incrementalAddress, tfjsonpath.New("backups").AtSliceIndex(0), knownvalue.ObjectExact(
					map[string]knownvalue.Check{
						"id":          knownvalue.StringExact(want[0].ID),
						"name":        knownvalue.StringExact(want[0].Name),
						"instance_id": knownvalue.StringExact(emulator.SeedInstanceA),
						"begin_time":  knownvalue.StringExact("2026-11-19T18:00:00Z"),
						"end_time":    knownvalue.StringExact("2026-11-19T18:30:00Z"),
						"backup_type": knownvalue.StringExact("Log"),
						"size_kb":     knownvalue.Float64Exact(want[0].SizeKB),
					}))),
			Check: func(*terraform.State) error {
				// One read so far: 334 logs (a week of half hours, less the
				// gap's two) in ceil(334/50) = 7 requests.
				if got := server.IncrementalRequests(); got != 7 {
					return fmt.Errorf("%d requests, want 7 (ceil(334/50))", got)
				}
				return nil
			},
		}},
	})
	// The plans that follow read again, 7 requests each.
	if got := server.IncrementalRequests(); got%7 != 0 {
		t.Errorf("%d requests in all, not a multiple of 7", got)
	}
}

func TestAccMySQLIncrementalBackups_windowAndOffsiteCopies(t *testing.T) {
	seeded := emulator.SeedIncremental(2)
	url := startEmulator(t, emulator.Options{IncrementalBackups: seeded})
	begin, end := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	inWindow := func(b emulator.IncrementalBackup) bool {
		return !b.BeginTime.Before(begin) && !b.BeginTime.After(end)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config: incrementalConfig(url, `
  begin_time = "2026-11-18T08:00:00+0800"
  end_time   = "2026-11-18T12:00:00Z"`),
				// 00:00Z to 12:00Z, less the gap's two.
				ConfigStateChecks: expectLogs(logsOfA(seeded, func(b emulator.IncrementalBackup) bool {
					return onlyLogs(b) && inWindow(b)
				})),
			},
			{
				Config: incrementalConfig(url, `display_offsite_backup = true`),
				ConfigStateChecks: expectLogs(logsOfA(seeded, func(emulator.IncrementalBackup) bool {
					return true
				})),
			},
		},
	})
}

func TestAccMySQLIncrementalBackups_idIsStableAndNamesTheArguments(t *testing.T) {
	url := startEmulator(t, emulator.Options{IncrementalBackups: emulator.SeedIncremental(1)})
	sameID := statecheck.CompareValue(compare.ValuesSame())
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: incrementalConfig(url, ""), ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(incrementalAddress, tfjsonpath.New("id")),
				differentID.AddStateValue(incrementalAddress, tfjsonpath.New("id")),
			}},
			{Config: incrementalConfig(url, ""), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}, ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(incrementalAddress, tfjsonpath.New("id")),
			}},
			{Config: incrementalConfig(url, "display_offsite_backup = true"), ConfigStateChecks: []statecheck.StateCheck{
				differentID.AddStateValue(incrementalAddress, tfjsonpath.New("id")),
			}},
		},
	})
}

func TestAccMySQLIncrementalBackups_invalidArgumentsAtPlanTime(t *testing.T) {
	tests := []struct{ name, config, want string }{
		{"begin_time alone", incrementalConfig("http://127.0.0.1:9", `begin_time = "2026-11-18T08:00:00+0800"`),
			`(?s)Invalid Attribute Combination.*end_time`},
		{"end_time alone", incrementalConfig("http://127.0.0.1:9", `end_time = "2026-11-18T08:00:00+0800"`),
			`(?s)Invalid Attribute Combination.*begin_time`},
		{"end_time before begin_time", incrementalConfig("http://127.0.0.1:9", "begin_time = \"2026-11-18T08:00:00+0800\"\nend_time = \"2026-11-17T08:00:00Z\""),
			`(?s)Invalid time range.*end_time`},
		{"a time that is not one", incrementalConfig("http://127.0.0.1:9", "begin_time = \"yesterday\"\nend_time = \"2026-11-17T08:00:00Z\""),
			`(?s)Invalid time.*begin_time`},
		{"an instance_id that is not an id", providerBlock("http://127.0.0.1:9") + `
data "gaussdb_mysql_incremental_backups" "test" {
  instance_id = "../backups"
}`, `(?s)instance_id.*must\s+be\s+an\s+instance\s+ID`},
		{"no instance_id", providerBlock("http://127.0.0.1:9") + `
data "gaussdb_mysql_incremental_backups" "test" {}`, `(?s)Missing required argument.*instance_id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps:                    []resource.TestStep{{Config: tt.config, PlanOnly: true, ExpectError: regexp.MustCompile(tt.want)}},
			})
		})
	}
}

func TestAccMySQLIncrementalBackups_theAPIsErrorsNameTheCause(t *testing.T) {
	url := startEmulator(t, emulator.Options{IncrementalBackups: emulator.SeedIncremental(1), Quirks: emulator.Quirks{RejectFutureTimes: true}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + `
data "gaussdb_mysql_incremental_backups" "test" {
  instance_id = "0000000000000000000000000000000fin07"
}`,
				ExpectError: regexp.MustCompile(`(?s)Unable to list GaussDB\(for MySQL\) incremental backups.*instance_id.*knows\s+no\s+instance.*DBS\.200823`),
			},
		},
	})
}

func TestAccMySQLIncrementalBackups_faultsGiveTheExactListOrAClearError(t *testing.T) {
	seeded := emulator.SeedIncremental(2)
	want := logsOfA(seeded, onlyLogs)
	// Every seeded log, and any uploaded meanwhile (ids grownlog...).
	var items []knownvalue.Check
	for _, b := range want {
		items = append(items, knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(b.ID)}))
	}
	recovered := startEmulator(t, emulator.Options{IncrementalBackups: seeded, Faults: emulator.Faults{
		ThrottleEvery: 3, RetryAfter: "0", DropMidBodyEvery: 4, GrowEvery: 2, ShuffleTies: true, EmptyPageEvery: 5,
	}})
	lying := startEmulator(t, emulator.Options{IncrementalBackups: seeded, Faults: emulator.Faults{TotalCountExtra: 7}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				// Two faults in a row on one page are retried.
				Config: strings.Replace(incrementalConfig(recovered, ""), "max_retries = 1", "max_retries = 5", 1),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(incrementalAddress,
					tfjsonpath.New("backups"), seededThenGrown(items))},
			},
			{
				Config:      incrementalConfig(lying, ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to list GaussDB\(for MySQL\) incremental backups.*total_count`),
			},
		},
	})
}

// seededThenGrown checks a list that holds the seeded logs in order, after
// any number of logs uploaded during the read (which are newer).
func seededThenGrown(seeded []knownvalue.Check) knownvalue.Check {
	return listEndingWith{seeded}
}

// listEndingWith is a list whose last elements match tail, and whose
// others are logs uploaded during the read.
type listEndingWith struct{ tail []knownvalue.Check }

func (l listEndingWith) CheckValue(value any) error {
	list, ok := value.([]any)
	if !ok || len(list) < len(l.tail) {
		return fmt.Errorf("got %T of %d elements, want a list of at least %d", value, len(list), len(l.tail))
	}
	grown := len(list) - len(l.tail)
	for i, element := range list[:grown] {
		object, _ := element.(map[string]any)
		if id, _ := object["id"].(string); !strings.HasPrefix(id, "grownlog") {
			return fmt.Errorf("element %d is %q, neither seeded in order nor uploaded during the read", i, id)
		}
	}
	for i, check := range l.tail {
		if err := check.CheckValue(list[grown+i]); err != nil {
			return fmt.Errorf("element %d: %w", grown+i, err)
		}
	}
	return nil
}

func (l listEndingWith) String() string {
	return fmt.Sprintf("logs uploaded during the read, then %d seeded", len(l.tail))
}
