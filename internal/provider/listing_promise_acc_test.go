package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
)

// originalsOnceNewestFirst checks the listing's promise on the state of
// gaussdb_mysql_backups.test: every backup of original (which existed
// throughout) is listed once, the list is newest first, and anything else
// listed is a backup that a growth fault created during the listing.
type originalsOnceNewestFirst struct {
	original []emulator.Backup
}

var _ statecheck.StateCheck = originalsOnceNewestFirst{}

func (c originalsOnceNewestFirst) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	backups, err := listedBackups(req)
	if err != nil {
		resp.Error = err
		return
	}
	seen := map[string]bool{}
	var previous time.Time
	for i, b := range backups {
		id, _ := b["id"].(string)
		begin, err := time.Parse(time.RFC3339, fmt.Sprint(b["begin_time"]))
		switch {
		case err != nil:
			resp.Error = fmt.Errorf("backup %s: begin_time: %w", id, err)
			return
		case seen[id]:
			resp.Error = fmt.Errorf("backup %s is listed twice", id)
			return
		case i > 0 && begin.After(previous):
			resp.Error = fmt.Errorf("backup %d (%s) is newer than the one before it", i, id)
			return
		}
		seen[id], previous = true, begin
	}
	missing := 0
	originalIDs := map[string]bool{}
	for _, b := range c.original {
		originalIDs[b.ID] = true
		if !seen[b.ID] {
			missing++
		}
	}
	if missing > 0 {
		resp.Error = fmt.Errorf("%d of the %d backups that existed throughout are missing", missing, len(c.original))
		return
	}
	for id := range seen {
		if !originalIDs[id] && !strings.HasPrefix(id, "grown") {
			resp.Error = fmt.Errorf("backup %s was never served", id)
			return
		}
	}
}

// listedBackups returns the backups attribute of gaussdb_mysql_backups.test.
func listedBackups(req statecheck.CheckStateRequest) ([]map[string]any, error) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != backupsAddress {
			continue
		}
		list, _ := r.AttributeValues["backups"].([]any)
		backups := make([]map[string]any, len(list))
		for i, item := range list {
			backups[i], _ = item.(map[string]any)
		}
		return backups, nil
	}
	return nil, fmt.Errorf("%s is not in the state", backupsAddress)
}

// TestAccMySQLBackups_exactListDespiteFaults runs, through Terraform at the
// default concurrency, what lost backups before: a failed page, throttled
// pages retried after later ones, a total_count too low and a steady
// stream of new backups. The client's tests cover each fault at three
// concurrencies; this is the end-to-end case.
func TestAccMySQLBackups_exactListDespiteFaults(t *testing.T) {
	original := emulator.Seed(450)
	url := startEmulator(t, emulator.Options{Backups: original, Faults: emulator.Faults{
		FailEachPageOnce: 503, ThrottleEvery: 5, RetryAfter: "0", TotalCountExtra: -7, GrowEvery: 3,
	}})
	// Concurrent pages share the throttle's count, so a page can be
	// throttled several times in a row: ten retries make that harmless.
	config := strings.Replace(backupsConfig(url, ""), "max_retries = 1", "max_retries = 10", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{originalsOnceNewestFirst{original}}},
		},
	})
}

// TestAccMySQLBackups_aCountAboveWhatThePagesHoldIsAnError: a total_count
// that says more backups match than any page holds is never met with the
// shorter list and a warning, which scrolls by in CI: it is an error that
// names the count.
func TestAccMySQLBackups_aCountAboveWhatThePagesHoldIsAnError(t *testing.T) {
	url := startEmulator(t, emulator.Options{Backups: emulator.Seed(250), Faults: emulator.Faults{TotalCountExtra: 7}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(),
		Steps: []resource.TestStep{{
			Config:      backupsConfig(url, ""),
			ExpectError: regexp.MustCompile(`total_count\s+said\s+257\s+when\s+the\s+listing\s+began,\s+but\s+its\s+pages\s+end\s+after\s+250`),
		}},
	})
}

// deepRestorePoint returns backups whose newest restorable one is on the
// third page: the 160 newest have FAILED. It also returns that backup.
func deepRestorePoint(backups []emulator.Backup) ([]emulator.Backup, emulator.Backup) {
	backups = slices.Clone(backups)
	for i := range backups[:160] {
		backups[i].Status = "FAILED"
	}
	var restorable []emulator.Backup
	for _, b := range backups {
		if b.Status == "COMPLETED" || b.Status == "AVAILABLE" {
			restorable = append(restorable, b)
		}
	}
	return backups, newestFirst(restorable)[0]
}

// TestAccMySQLBackup_mostRecentIsTheTrueNewestWhatever the pages: the
// restore point is on the third page, and the API caps its pages, answers
// an empty page now and then, orders backups that began in the same second
// anew for each answer, or cuts answers off halfway. Each once picked an
// older backup, with exit code 0.
func TestAccMySQLBackup_mostRecentIsTheTrueNewestWhateverThePages(t *testing.T) {
	tests := []struct {
		name    string
		backups []emulator.Backup
		faults  emulator.Faults
	}{
		{"pages capped at 50", emulator.Seed(300), emulator.Faults{PageCap: 50}},
		{"an empty page every third request", emulator.Seed(300), emulator.Faults{EmptyPageEvery: 3}},
		{"groups of 30 tied, in a new order each answer", emulator.SeedTied(300, 30), emulator.Faults{ShuffleTies: true}},
		{"every third answer cut off halfway", emulator.Seed(300), emulator.Faults{DropMidBodyEvery: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backups, want := deepRestorePoint(tt.backups)
			url := startEmulator(t, emulator.Options{Backups: backups, Faults: tt.faults})
			config := strings.Replace(backupConfig(url, "most_recent = true"), "max_retries = 1", "max_retries = 3", 1)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(),
				Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{expectBackupID(want.ID)}}},
			})
		})
	}
}
