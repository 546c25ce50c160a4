package gaussdb

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb/listing"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// overlappingModel returns a client of the model API holding n backups 30 s
// apart and each 4 minutes long (so that they overlap, as in an account
// whose instances share a backup window), newest first from
// 2025-12-31T23:00:00Z, at a clock an hour later.
func overlappingModel(t *testing.T, n int, mode modelMode, script map[int][]modelEvent) (*Client, *recordingModel) {
	t.Helper()
	backups := make([]modelBackup, n)
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	for i := range backups {
		begin := newest.Add(-time.Duration(i) * 30 * time.Second)
		backups[i] = modelBackup{id: fmt.Sprintf("b%04d", i), begin: begin, end: begin.Add(4 * time.Minute)}
	}
	api := &recordingModel{modelAPI: newModelAPI(backups, mode, script, 1)}
	opts := acctest.FastRetries()
	opts.Transport = api
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: "https://gaussdb.example", ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		HTTP: opts, Now: func() time.Time { return newest.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	return c, api
}

// Every listing that leaves its first pass (a transient empty page, a count
// that cannot be true) once read the rest by end_time, trusting that an
// answer holds every backup that began by it: where the API compares
// end_time with each backup's end_time, 236 of 250 overlapping backups came
// back, with no error. Under every reading the list is now exact.
func TestEveryReadingOfEndTimeGivesTheWholeList(t *testing.T) {
	faults := map[string]struct {
		counts modelCounts
		script map[int][]modelEvent
	}{
		"an empty page":      {script: map[int][]modelEvent{1: {eventEmptyPage}}},
		"a count of 1e12":    {counts: countHuge},
		"no count":           {counts: countAbsent},
		"an answer with {}":  {script: map[int][]modelEvent{2: {eventNoList}}},
		"a count 7 too high": {counts: countHigh},
	}
	for window := range numModelWindows {
		for _, exclusive := range []bool{false, true} {
			for name, fault := range faults {
				mode := modelMode{window: window, lowerExclusive: exclusive, upperExclusive: exclusive,
					counts: fault.counts, countShift: 7}
				t.Run(fmt.Sprintf("%s exclusive=%v %s", window, exclusive, name), func(t *testing.T) {
					c, _ := overlappingModel(t, 250, mode, fault.script)
					listing, err := c.ListBackups(context.Background(), BackupQuery{})
					if fault.counts == countHigh {
						// A count that says more than the pages hold is an
						// error, whatever the reading.
						if err == nil {
							t.Fatalf("listed %d backups with a count 7 too high, want an error", len(listing.Backups))
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					expectIDs(t, listing.Backups, 0, 250)
				})
			}
		}
	}
}

// A window asked for with begin_time and end_time: under every reading,
// exactly the backups that began within it, the bounds' own seconds
// included.
func TestEveryReadingOfAWindowGivesTheBackupsThatBeganWithinIt(t *testing.T) {
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	// b0100 began at 22:10:00 and b0200 at 21:20:00.
	q := BackupQuery{BeginTime: newest.Add(-100 * time.Minute), EndTime: newest.Add(-50 * time.Minute)}
	for window := range numModelWindows {
		for _, exclusive := range []bool{false, true} {
			for _, runningOut := range []bool{false, true} {
				mode := modelMode{window: window, lowerExclusive: exclusive, upperExclusive: exclusive,
					runningOut: runningOut}
				t.Run(fmt.Sprintf("%s exclusive=%v running out=%v", window, exclusive, runningOut), func(t *testing.T) {
					c, _ := overlappingModel(t, 300, mode, nil)
					listing, err := c.ListBackups(context.Background(), q)
					if err != nil {
						t.Fatal(err)
					}
					expectIDs(t, listing.Backups, 100, 201)
				})
			}
		}
	}
}

// expectIDs checks that backups are b<from> to b<to - 1>, in that order.
func expectIDs[T interface{ RecordID() string }](t *testing.T, backups []T, from, to int) {
	t.Helper()
	if len(backups) != to-from {
		t.Fatalf("got %d backups, want %d (b%04d to b%04d)", len(backups), to-from, from, to-1)
	}
	for i, b := range backups {
		if want := fmt.Sprintf("b%04d", from+i); b.RecordID() != want {
			t.Fatalf("backup %d is %s, want %s", i, b.RecordID(), want)
		}
	}
}

// Answered oldest first, a window that ends in the future once gave 0 of
// 48 binlogs, with no error.
func TestIncrementalBackupsAnsweredOldestFirst(t *testing.T) {
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	for window := range numModelWindows {
		t.Run(window.String(), func(t *testing.T) {
			c, _ := overlappingModel(t, 200, modelMode{oldestFirst: true, window: window}, nil)
			// The newest 48: b0000 to b0047, from 22:36:30 on.
			listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1",
				BeginTime: newest.Add(-47 * 30 * time.Second), EndTime: newest.Add(2 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			expectIDs(t, listing.Backups, 0, 48)
		})
	}
}

// When the API ignores display_offsite_backup, the copies in other regions
// once came back too (212 binlogs instead of 181).
func TestOffsiteCopiesAreLeftOutWhateverTheAPIDoes(t *testing.T) {
	for _, ignored := range []bool{false, true} {
		c, api := overlappingModel(t, 120, modelMode{offsiteIgnored: ignored}, nil)
		for i := range api.backups {
			api.backups[i].offsite = i%4 == 3
		}
		listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(listing.Backups) != 90 {
			t.Errorf("switch ignored=%v: listed %d, want the 90 in the instance's region", ignored, len(listing.Backups))
		}
		for _, b := range listing.Backups {
			if b.BackupType == IncrementalTypeOffSiteLog {
				t.Errorf("switch ignored=%v: listed %s, a copy in another region", ignored, b.ID)
			}
		}
	}
}

// Twelve binlogs in one second with pages capped at 10: the error names the
// backups of that second, not total_count, which was right.
func TestMoreTiedThanACappedPageHoldsIsNamedSo(t *testing.T) {
	c, api := overlappingModel(t, 40, modelMode{pageCap: 10}, nil)
	for i := 10; i < 22; i++ {
		api.backups[i].begin = api.backups[10].begin
	}
	_, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1"})
	var tied *listing.TiedBackupsError
	if !errors.As(err, &tied) {
		t.Fatalf("got %v, want an error saying more backups began in one second than a page holds", err)
	}
}

// The reading a listing learnt serves the client's next listings: the
// probe is not asked again, and a deployment shown to compare end_time with
// end_time is read without it from the start.
func TestTheReadingIsLearntOnce(t *testing.T) {
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	q := BackupQuery{EndTime: newest.Add(-50 * time.Minute)}
	c, api := overlappingModel(t, 300, modelMode{window: windowOnEnd}, nil)
	if _, err := c.ListBackups(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	first := len(api.queries)
	if _, err := c.ListBackups(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	second := len(api.queries) - first
	if second >= first {
		t.Errorf("the second listing took %d requests, the first %d: want fewer, the reading known", second, first)
	}
	for _, sent := range api.queries[first:] {
		if sent.Has("end_time") {
			t.Errorf("the second listing sent end_time (%v), which this API compares with each backup's end_time", sent)
		}
	}
}

// A server whose clock is behind ours refuses an end_time it finds in the
// future: the window is then applied by the provider alone.
func TestAnEndTimeRefusedIsReadWithout(t *testing.T) {
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	c, api := overlappingModel(t, 300, modelMode{}, nil)
	api.refuseEndAfter = newest.Add(-2 * time.Hour)
	listing, err := c.ListBackups(context.Background(), BackupQuery{EndTime: newest.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	expectIDs(t, listing.Backups, 120, 300)
}

// Answered oldest first, by a deployment that leaves running backups out of
// any window: the three running ones were once missing from a window that
// held them, with no error.
func TestRunningBackupsOfAWindowAnsweredOldestFirst(t *testing.T) {
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	c, api := overlappingModel(t, 300, modelMode{oldestFirst: true, runningOut: true}, nil)
	for i := range 3 {
		api.backups[i].end = time.Time{}
	}
	listing, err := c.ListBackups(context.Background(), BackupQuery{BeginTime: newest.Add(-99 * 30 * time.Second),
		EndTime: newest})
	if err != nil {
		t.Fatal(err)
	}
	expectIDs(t, listing.Backups, 0, 100)
}
