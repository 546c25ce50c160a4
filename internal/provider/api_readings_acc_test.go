package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// Each reading of what the API's pages leave open gives, through Terraform,
// the exact answer or an error that names what it saw: never a short list,
// a shorter window or an older restore point in silence.

// overlappingBackups are 250 seeded backups 30 s apart, each running four
// minutes, as in an account whose instances share a backup window.
func overlappingBackups() []emulator.Backup {
	return emulator.Respaced(emulator.Seed(250), 30*time.Second, 4*time.Minute)
}

func TestAccAPIReadings_everyReadingOfAListingWindow(t *testing.T) {
	for _, windowOn := range []string{"begin", "end", "overlap", "ignore"} {
		for _, exclusive := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s exclusive=%v", windowOn, exclusive), func(t *testing.T) {
				seeded := overlappingBackups()
				// An empty page now and then leaves the pass by count: the rest
				// is read by time, or by offset when end_time is not kept.
				url := startEmulator(t, emulator.Options{Backups: seeded, Faults: emulator.Faults{EmptyPageEvery: 3},
					Readings: emulator.Readings{WindowOn: windowOn, BeginExclusive: exclusive, EndExclusive: exclusive,
						RunningOutOfWindows: true}})
				from, to := seeded[200].BeginTime, seeded[100].BeginTime
				within := selectBackups(seeded, func(b emulator.Backup) bool {
					return !b.BeginTime.Before(from) && !b.BeginTime.After(to)
				})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(),
					Steps: []resource.TestStep{
						{
							Config:            backupsConfig(url, ""),
							ConfigStateChecks: append(expectCount(250), expectIDs(newestFirst(seeded))),
						},
						{
							Config: backupsConfig(url, fmt.Sprintf("begin_time = %q\nend_time = %q",
								from.Format(time.RFC3339), to.Format(time.RFC3339))),
							ConfigStateChecks: append(expectCount(len(within)), expectIDs(newestFirst(within))),
						},
					},
				})
			})
		}
	}
}

func TestAccAPIReadings_incrementalBackupsOldestFirstOffsiteIgnored(t *testing.T) {
	opts := seededRestoreWindow()
	opts.Readings = emulator.Readings{IncrementalOldestFirst: true, OffsiteSwitchIgnored: true, WindowOn: "end"}
	url := startEmulator(t, opts)
	from := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	recent := logsOfA(opts.IncrementalBackups, func(b emulator.IncrementalBackup) bool {
		return onlyLogs(b) && !b.BeginTime.Before(from)
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{
				Config:            incrementalConfig(url, ""),
				ConfigStateChecks: expectLogs(logsOfA(opts.IncrementalBackups, onlyLogs)),
			},
			{
				// A window that ends in the future.
				Config:            incrementalConfig(url, `begin_time = "2026-11-19T10:00:00Z"`+"\n"+`end_time = "2099-01-01T00:00:00Z"`),
				ConfigStateChecks: expectLogs(recent),
			},
		},
	})
}

func TestAccAPIReadings_everyReadingOfRestoreTime(t *testing.T) {
	// Instance A's newest restorable backup is 3; its logs run on to 18:30Z.
	newest := emulator.Seed(60)[3]
	beijing := time.FixedZone("+08:00", 8*3600)
	for name, readings := range map[string]emulator.Readings{
		"spans uncut":                {SpansUncut: true},
		"spans that start inside":    {SpansFilter: "start"},
		"spans that lie inside":      {SpansFilter: "inside", SpansUncut: true},
		"date read as a +08:00 day":  {DateZone: beijing},
		"no window is today's":       {NoWindowIsToday: true, SpansFilter: "start"},
		"restore_times absent":       {RestoreTimesMissing: "absent"},
		"restore_times an empty one": {RestoreTimesMissing: "empty"},
	} {
		t.Run(name, func(t *testing.T) {
			opts := seededRestoreWindow()
			opts.Readings = readings
			url := startEmulator(t, opts)
			steps := []resource.TestStep{
				{
					Config:            pointConfig(url, ""),
					ConfigStateChecks: expectPoint("timestamp", time.Date(2026, 11, 19, 18, 30, 0, 0, time.UTC), newest),
				},
				{Config: rangesConfig(url, `date = "2026-11-18"`), ConfigStateChecks: expectRanges(dayWindowA...)},
			}
			switch readings.RestoreTimesMissing {
			case "absent":
				steps[0].ConfigStateChecks, steps[1].ConfigStateChecks = nil, nil
				steps[0].ExpectError = regexp.MustCompile(`(?s)holds\s+no\s+restore_times\s+member`)
				steps[1].ExpectError = steps[0].ExpectError
			case "empty":
				steps[0].ConfigStateChecks, steps[1].ConfigStateChecks = nil, nil
				steps[0].ExpectError = regexp.MustCompile(`(?s)restore\s+window.*gives\s+no\s+span.*binlogs\s+after\s+it`)
				steps[1].ExpectError = regexp.MustCompile(`(?s)leaves\s+out.*full\s+backup.*binlogs\s+after\s+it`)
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviders(), Steps: steps})
		})
	}
}
