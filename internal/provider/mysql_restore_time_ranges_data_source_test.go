package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

const rangesAddress = "data.gaussdb_mysql_restore_time_ranges.test"

// rangesConfig is the provider block and a gaussdb_mysql_restore_time_ranges
// of instance A with args.
func rangesConfig(url, args string) string {
	return providerBlock(url) + `
data "gaussdb_mysql_restore_time_ranges" "test" {
  instance_id = "` + emulator.SeedInstanceA + `"
` + args + `
}
`
}

// seededRestoreWindow is what the emulator serves with a week of logs: 60
// full backups over 15 days, and instance A's logs with a gap on 11-18.
func seededRestoreWindow() emulator.Options {
	return emulator.Options{Backups: emulator.Seed(60), IncrementalBackups: emulator.SeedIncremental(7)}
}

// expectRanges checks the ranges, given as begin/end pairs, and the
// earliest and latest restorable times.
func expectRanges(pairs ...[2]string) []statecheck.StateCheck {
	items := make([]knownvalue.Check, len(pairs))
	for i, p := range pairs {
		items[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"begin_time": knownvalue.StringExact(p[0]), "end_time": knownvalue.StringExact(p[1]),
		})
	}
	var earliest, latest knownvalue.Check = knownvalue.Null(), knownvalue.Null()
	if n := len(pairs); n > 0 {
		earliest, latest = knownvalue.StringExact(pairs[0][0]), knownvalue.StringExact(pairs[n-1][1])
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(rangesAddress, tfjsonpath.New("ranges"), knownvalue.ListExact(items)),
		statecheck.ExpectKnownValue(rangesAddress, tfjsonpath.New("earliest_restorable_time"), earliest),
		statecheck.ExpectKnownValue(rangesAddress, tfjsonpath.New("latest_restorable_time"), latest),
	}
}

// The seeded window of instance A: its logs stop at the gap, and resume
// restorable from the end of its next full backup.
var (
	wholeWindowA = [][2]string{
		{"2026-11-12T23:56:00Z", "2026-11-18T02:00:00Z"},
		{"2026-11-18T06:02:00Z", "2026-11-19T18:30:00Z"},
	}
	dayWindowA = [][2]string{
		{"2026-11-18T00:00:00Z", "2026-11-18T02:00:00Z"},
		{"2026-11-18T06:02:00Z", "2026-11-18T23:59:59.999Z"},
	}
)

// window is a begin_time and end_time: 02:00:00.5Z to 09:00Z on 11-18.
const window = `
  begin_time = "2026-11-18T10:00:00.5+08:00"
  end_time   = "2026-11-18T09:00:00Z"`

func TestAccMySQLRestoreTimeRanges_wholeDayAndWindow(t *testing.T) {
	url := startEmulator(t, seededRestoreWindow())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: rangesConfig(url, ""), ConfigStateChecks: expectRanges(wholeWindowA...)},
			{Config: rangesConfig(url, `date = "2026-11-18"`), ConfigStateChecks: expectRanges(dayWindowA...)},
			{Config: rangesConfig(url, window), ConfigStateChecks: expectRanges([2]string{"2026-11-18T06:02:00Z", "2026-11-18T09:00:00Z"})},
			{Config: rangesConfig(url, `date = "2026-11-25"`), ConfigStateChecks: expectRanges()},
		},
	})
}

func TestAccMySQLRestoreTimeRanges_theSameWhateverTheDeploymentDoes(t *testing.T) {
	for name, quirks := range map[string]emulator.Quirks{
		"a deployment that ignores the window": {IgnoreRestoreWindow: true},
		"spans newest first":                   {SpansNewestFirst: true},
	} {
		t.Run(name, func(t *testing.T) {
			opts := seededRestoreWindow()
			opts.Quirks = quirks
			opts.Faults = emulator.Faults{ThrottleEvery: 2, RetryAfter: "0"}
			url := startEmulator(t, opts)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps: []resource.TestStep{
					{Config: rangesConfig(url, window), ConfigStateChecks: expectRanges([2]string{"2026-11-18T06:02:00Z", "2026-11-18T09:00:00Z"})},
					{Config: rangesConfig(url, ""), ConfigStateChecks: expectRanges(wholeWindowA...)},
				},
			})
		})
	}
}

func TestAccMySQLRestoreTimeRanges_idIsStable(t *testing.T) {
	url := startEmulator(t, seededRestoreWindow())
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: rangesConfig(url, window), ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(rangesAddress, tfjsonpath.New("id")),
			}},
			{
				Config:            rangesConfig(url, window),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(rangesAddress, tfjsonpath.New("id"))},
			},
		},
	})
}

func TestAccMySQLRestoreTimeRanges_invalidArgumentsAtPlanTime(t *testing.T) {
	const nowhere = "http://127.0.0.1:9"
	tests := []struct{ name, args, want string }{
		{"date and a window", `date = "2026-11-18"` + window, `(?s)Invalid Attribute Combination.*date`},
		{"begin_time alone", `begin_time = "2026-11-18T09:00:00Z"`, `(?s)Invalid Attribute Combination.*end_time`},
		{"a day that does not exist", `date = "2026-02-30"`, `(?s)Invalid date.*2026-02-30`},
		{"a day in another form", `date = "20261118"`, `(?s)Invalid date.*yyyy-mm-dd`},
		{"a date with a time", `date = "2026-11-18T00:00:00Z"`, `(?s)Invalid date`},
		{"a window that ends where it begins", "begin_time = \"2026-11-18T09:00:00.5Z\"\nend_time = \"2026-11-18T17:00:00.5+08:00\"",
			`(?s)Invalid time range.*milliseconds`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps:                    []resource.TestStep{{Config: rangesConfig(nowhere, tt.args), PlanOnly: true, ExpectError: regexp.MustCompile(tt.want)}},
			})
		})
	}
}

func TestAccMySQLRestoreTimeRanges_theAPIsErrorsNameTheCause(t *testing.T) {
	url := startEmulator(t, seededRestoreWindow())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + `
data "gaussdb_mysql_restore_time_ranges" "test" {
  instance_id = "0000000000000000000000000000000fin07"
}`,
			ExpectError: regexp.MustCompile(`(?s)Unable to read the restore window.*instance_id.*knows\s+no\s+instance.*DBS\.200823`),
		}},
	})
}
