package gaussdb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// listEmulator lists every backup of server through a client reading at
// most concurrency pages at once.
func listEmulator(t *testing.T, server http.Handler, concurrency int, q BackupQuery) (Listing, error) {
	t.Helper()
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	// Concurrent pages share the throttle's count: a page can be unlucky
	// several times in a row, but not ten.
	opts := acctest.FastRetries()
	opts.MaxRetries = 10
	c, err := New(Options{Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		MaxConcurrentRequests: concurrency, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	return c.ListBackups(context.Background(), q)
}

// expectLastingOnce checks the promise: every backup of lasting (which
// existed throughout) is listed once, and anything else listed has an id
// starting with createdPrefix (a backup created mid-listing).
func expectLastingOnce(t *testing.T, listing Listing, lasting []emulator.Backup, createdPrefix string) {
	t.Helper()
	seen := map[string]bool{}
	for _, b := range listing.Backups {
		if seen[b.ID] {
			t.Errorf("backup %s listed twice", b.ID)
		}
		seen[b.ID] = true
		if !slicesContainsID(lasting, b.ID) && !strings.HasPrefix(b.ID, createdPrefix) {
			t.Errorf("backup %s was never served", b.ID)
		}
	}
	for _, b := range lasting {
		if !seen[b.ID] {
			t.Errorf("backup %s, which lasted through the listing, is missing", b.ID)
		}
	}
}

func slicesContainsID(backups []emulator.Backup, id string) bool {
	for _, b := range backups {
		if b.ID == id {
			return true
		}
	}
	return false
}

// TestThrottlingPlusSteadyGrowthLosesNothing is the case that lost 27 to 47
// backups in 7 of 8 plans: pages throttled and retried after later pages,
// while new backups keep arriving at the front.
func TestThrottlingPlusSteadyGrowthLosesNothing(t *testing.T) {
	for _, concurrency := range []int{1, 4, 16} {
		for run := range 3 {
			t.Run(fmt.Sprintf("concurrency %d run %d", concurrency, run), func(t *testing.T) {
				original := emulator.Seed(1050)
				server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original,
					Faults: emulator.Faults{ThrottleEvery: 3 + run, RetryAfter: "0", GrowEvery: 2}})
				listing, err := listEmulator(t, server, concurrency, BackupQuery{})
				if err != nil {
					t.Fatal(err)
				}
				acctest.ExpectEveryOriginalOnce(t, listing.Backups, original)
			})
		}
	}
}

func TestATotalCountThatIsTooLowStillGivesEveryBackupAndAWarning(t *testing.T) {
	for _, extra := range []int{-150, -1000, -1} {
		t.Run(fmt.Sprint("total_count off by ", extra), func(t *testing.T) {
			original := emulator.Seed(1000)
			server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original,
				Faults: emulator.Faults{TotalCountExtra: extra}})
			listing, err := listEmulator(t, server, 4, BackupQuery{})
			if err != nil {
				t.Fatal(err)
			}
			acctest.ExpectEveryOriginalOnce(t, listing.Backups, original)
			if len(listing.Backups) != 1000 {
				t.Errorf("listed %d backups, want 1000", len(listing.Backups))
			}
			if !slices.ContainsFunc(listing.Warnings, func(w string) bool {
				return strings.Contains(w, fmt.Sprint("complete, though the API's total_count said ", 1000+extra))
			}) {
				t.Errorf("warnings = %v, want one saying the list is complete though total_count said %d", listing.Warnings, 1000+extra)
			}
		})
	}
}

func TestAnswersWithoutTotalCountAreReadInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 100, 250} {
		t.Run(fmt.Sprint(n, " backups"), func(t *testing.T) {
			original := emulator.Seed(n)
			server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original,
				Quirks: emulator.Quirks{Sparse: true}})
			listing, err := listEmulator(t, server, 4, BackupQuery{})
			if err != nil {
				t.Fatal(err)
			}
			acctest.ExpectEveryOriginalOnce(t, listing.Backups, original)
			if len(listing.Backups) != n {
				t.Errorf("listed %d backups, want %d", len(listing.Backups), n)
			}
			if len(listing.Warnings) != 1 || !strings.Contains(listing.Warnings[0], "no total_count") {
				t.Errorf("warnings = %v, want one saying total_count was missing", listing.Warnings)
			}
		})
	}
}

func TestAnAnswerWithoutBackupsIsAnEmptyListOnlyWhenItsCountIsZero(t *testing.T) {
	for _, body := range []string{`{"total_count": 0}`, `{"backups": null, "total_count": 0}`, `{"backups": null}`} {
		listing, err := newTestClient(t, pageServer(func(int) string { return body })).ListBackups(context.Background(), BackupQuery{})
		if err != nil || len(listing.Backups) != 0 {
			t.Errorf("%s gave %d backups and error %v, want an empty list", body, len(listing.Backups), err)
		}
	}
	// No backups member and no count: not an answer of a listing.
	for _, body := range []string{`{}`, `{"total_count": 3}`, `{"request_id": "r1"}`} {
		_, err := newTestClient(t, pageServer(func(int) string { return body })).ListBackups(context.Background(), BackupQuery{})
		if err == nil || !strings.Contains(err.Error(), "holds no backups member") {
			t.Errorf("%s gave error %v, want one saying the answer holds no backups member", body, err)
		}
	}
}

func TestAnAnswerWithoutBackupsOnceIsReadAgain(t *testing.T) {
	var requests atomic.Int32
	server := pageServer(func(int) string {
		if requests.Add(1) == 1 {
			return `{}`
		}
		return `{"backups": [{"id": "b1", "begin_time": "2026-11-20T02:00:00+0800"}], "total_count": 1}`
	})
	listing, err := newTestClient(t, server).ListBackups(context.Background(), BackupQuery{})
	if err != nil || len(listing.Backups) != 1 {
		t.Fatalf("got %d backups and error %v, want b1", len(listing.Backups), err)
	}
}

// fixedListServer serves n backups b0, b1, ..., a minute apart, newest
// first, by offset, limit and end_time, each answer with the same
// total_count text.
func fixedListServer(n int, totalCount string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var offset, limit int
		_, _ = fmt.Sscan(r.URL.Query().Get("offset"), &offset)
		_, _ = fmt.Sscan(r.URL.Query().Get("limit"), &limit)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var items []string
		for i := range n {
			begin := start.Add(-time.Duration(i) * time.Minute)
			if end, err := ParseTime(r.URL.Query().Get("end_time")); err == nil && begin.After(end) {
				continue
			}
			items = append(items, fmt.Sprintf(`{"id": "b%d", "begin_time": "%s"}`, i, begin.Format(apiTimeLayout)))
		}
		items = items[min(offset, len(items)):min(offset+limit, len(items))]
		_, _ = w.Write([]byte(`{"backups": [` + strings.Join(items, ",") + `], "total_count": ` + totalCount + `}`))
	})
}

func TestAnImplausibleTotalCountIsTreatedAsMissing(t *testing.T) {
	for _, total := range []string{"-1", "99999999999", "1e15", `"many"`, "12.5"} {
		listing, err := newTestClient(t, fixedListServer(130, total)).ListBackups(context.Background(), BackupQuery{})
		if err != nil || len(listing.Backups) != 130 || len(listing.Warnings) != 1 ||
			!strings.Contains(listing.Warnings[0], "total_count was "+total) {
			t.Errorf("total_count %s: %d backups, warnings %v, error %v; want 130 and a warning quoting it",
				total, len(listing.Backups), listing.Warnings, err)
		}
	}
}

// deletingServer deletes the backup at position 10 (well before the pages
// being read) before the requests numbered in deleteBefore.
type deletingServer struct {
	*emulator.Server
	requests     atomic.Int64
	deleteBefore map[int64]bool
	order        []emulator.Backup
	next         atomic.Int64
}

func (d *deletingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.deleteBefore[d.requests.Add(1)] {
		d.DeleteBackup(d.order[10+d.next.Add(1)].ID)
	}
	d.Server.ServeHTTP(w, r)
}

func TestBackupsDeletedAheadOfTheReadingHideNoOther(t *testing.T) {
	original := emulator.Seed(350)
	// Request 2 is a page read by count; request 6 one read by time.
	server := &deletingServer{Server: emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original}),
		deleteBefore: map[int64]bool{2: true, 6: true}, order: original}
	listing, err := listEmulator(t, server, 1, BackupQuery{})
	if err != nil {
		t.Fatal(err)
	}
	deleted := map[string]bool{original[11].ID: true, original[12].ID: true}
	lasting := slices.DeleteFunc(slices.Clone(original), func(b emulator.Backup) bool { return deleted[b.ID] })
	// The two deleted ones existed when page 0 was read: they may be listed.
	expectLastingOnce(t, Listing{Backups: slices.DeleteFunc(listing.Backups, func(b Backup) bool { return deleted[b.ID] })},
		lasting, "none")
}

func TestAListThatKeepsLosingBackupsUnderTheReadingLosesNoOther(t *testing.T) {
	original := emulator.Seed(350)
	deleteBefore := map[int64]bool{}
	for n := range int64(40) {
		deleteBefore[n] = n%2 == 0
	}
	server := &deletingServer{Server: emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original}),
		deleteBefore: deleteBefore, order: original}
	listing, err := listEmulator(t, server, 1, BackupQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// Backups 11 to 30 were deleted at some point; every other lasted.
	deleted := map[string]bool{}
	for _, b := range original[11:31] {
		deleted[b.ID] = true
	}
	lasting := slices.DeleteFunc(slices.Clone(original), func(b emulator.Backup) bool { return deleted[b.ID] })
	expectLastingOnce(t, Listing{Backups: slices.DeleteFunc(listing.Backups, func(b Backup) bool { return deleted[b.ID] })},
		lasting, "none")
}

func TestABeginTimeInTheFutureSendsNoRequest(t *testing.T) {
	var requests atomic.Int64
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	}))
	listing, err := c.ListBackups(context.Background(), BackupQuery{BeginTime: time.Now().Add(time.Hour)})
	if err != nil || len(listing.Backups) != 0 || requests.Load() != 0 {
		t.Errorf("got %d backups, error %v, %d requests; want an empty list and no request", len(listing.Backups), err, requests.Load())
	}
}

func TestAnEndTimeInTheFutureIsNotSentAndStillApplied(t *testing.T) {
	original := emulator.Seed(20)
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original,
		Quirks: emulator.Quirks{RejectFutureTimes: true}})
	begin := original[10].BeginTime
	listing, err := listEmulator(t, server, 4, BackupQuery{BeginTime: begin, EndTime: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(listing.Backups) != 11 {
		t.Errorf("listed %d backups, want the 11 that started at or after %v", len(listing.Backups), begin)
	}
}

func TestTimeBoundsAreAppliedToStartTimesWhateverTheServerCompares(t *testing.T) {
	// This server ignores begin_time and end_time entirely.
	c := newTestClient(t, pageServer(func(int) string {
		return `{"backups": [
			{"id": "late", "begin_time": "2026-01-03T00:00:00+0000"},
			{"id": "inside", "begin_time": "2026-01-02T00:00:00+0000"},
			{"id": "at-begin", "begin_time": "2026-01-01T08:00:00+0800"},
			{"id": "early", "begin_time": "2025-12-31T23:59:59+0000"}], "total_count": 4}`
	}))
	begin, _ := ParseTime("2026-01-01T00:00:00Z")
	end, _ := ParseTime("2026-01-02T12:00:00.999Z")
	listing, err := c.ListBackups(context.Background(), BackupQuery{BeginTime: begin, EndTime: end})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range listing.Backups {
		ids = append(ids, b.ID)
	}
	if strings.Join(ids, ",") != "inside,at-begin" {
		t.Errorf("listed %v, want inside,at-begin", ids)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		_, _ = w.Write([]byte(`{"backups": [], "total_count": 0}`))
	}))
	t.Cleanup(other.Close)
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
	}))
	_, err := c.ListBackups(context.Background(), BackupQuery{})
	var redirect *transport.RedirectError
	if !errors.As(err, &redirect) || !strings.Contains(err.Error(), other.URL) || !strings.Contains(err.Error(), "302") {
		t.Errorf("error = %v, want a redirect error naming %s", err, other.URL)
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the other host got %d requests, want none", elsewhere.Load())
	}
}

func TestBackupLevelAndSizeMayBeNumbersOrStrings(t *testing.T) {
	original := emulator.Seed(12)
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: original,
		Quirks: emulator.Quirks{NumericFields: true}})
	listing, err := listEmulator(t, server, 4, BackupQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range listing.Backups {
		if b.ID == original[1].ID {
			if b.BackupLevel == nil || *b.BackupLevel != "2" || b.Size == nil || float64(*b.Size) != float64(int64(original[1].SizeMB+0.5)) {
				t.Errorf("backup %s: level %v size %v, want 2 and %v rounded", b.ID, b.BackupLevel, b.Size, original[1].SizeMB)
			}
		}
	}
}
