package gaussdb

import (
	"context"
	"errors"
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

// listWithFaults lists seeded backups from an emulator with faults on.
func listWithFaults(t *testing.T, n int, faults emulator.Faults, opts transport.Options) (Listing, *emulator.Server, error) {
	t.Helper()
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(n), Faults: faults})
	httpServer := httptest.NewServer(server)
	t.Cleanup(httpServer.Close)
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: opts})
	if err != nil {
		t.Fatal(err)
	}
	listing, err := c.ListBackups(context.Background(), BackupQuery{})
	return listing, server, err
}

// expectEveryBackupOnce checks that listing holds the n seeded backups plus
// extra, each once.
func expectEveryBackupOnce(t *testing.T, listing Listing, n, extra int) {
	t.Helper()
	seen := map[string]bool{}
	for _, b := range listing.Backups {
		if seen[b.ID] {
			t.Errorf("backup %s listed twice", b.ID)
		}
		seen[b.ID] = true
	}
	for _, b := range emulator.Seed(n) {
		if !seen[b.ID] {
			t.Errorf("backup %s missing", b.ID)
		}
	}
	if len(listing.Backups) != n+extra {
		t.Errorf("listed %d backups, want %d", len(listing.Backups), n+extra)
	}
}

func TestListingSurvivesFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults emulator.Faults
		extra  int
	}{
		{"one 503 on every page", emulator.Faults{FailEachPageOnce: 503}, 0},
		{"one 502 on every page", emulator.Faults{FailEachPageOnce: 502}, 0},
		{"429 with Retry-After on every third request", emulator.Faults{ThrottleEvery: 3, RetryAfter: "1"}, 0},
		{"500 on every third request", emulator.Faults{ServerErrorEvery: 3}, 0},
		{"an HTML 502 page on every other request", emulator.Faults{HTMLErrorEvery: 2}, 0},
		{"a backup created after the first page", emulator.Faults{GrowDuringListings: 1}, -1},
		{"all at once", emulator.Faults{FailEachPageOnce: 503, ThrottleEvery: 4, RetryAfter: "1", GrowDuringListings: 1}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Concurrent pages share a fault's count: a page can be unlucky
			// several times in a row, but not ten.
			opts := acctest.FastRetries()
			opts.MaxRetries = 10
			listing, _, err := listWithFaults(t, 250, tt.faults, opts)
			if err != nil {
				t.Fatal(err)
			}
			if tt.extra < 0 {
				// A backup created mid-listing may or may not be listed.
				expectLastingOnce(t, listing, emulator.Seed(250), "grown")
				return
			}
			expectEveryBackupOnce(t, listing, 250, tt.extra)
		})
	}
}

func TestOne503OnEveryPageCostsOneRetryPerPage(t *testing.T) {
	_, server, err := listWithFaults(t, 250, emulator.Faults{FailEachPageOnce: 503}, acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	if server.BackupRequests() != 6 {
		t.Errorf("%d requests for 3 pages with one 503 each, want 6", server.BackupRequests())
	}
}

func TestAListingThatNeverSettlesLosesNothing(t *testing.T) {
	listing, _, err := listWithFaults(t, 250, emulator.Faults{GrowDuringListings: 100}, acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	expectEveryBackupOnce(t, listing, 250, len(listing.Backups)-250)
	if len(listing.Warnings) != 0 {
		t.Errorf("warnings = %v, want none: growth at the front is not an error", listing.Warnings)
	}
}

func TestAServerThatIgnoresOffsetIsReadByTime(t *testing.T) {
	listing, server, err := listWithFaults(t, 250, emulator.Faults{IgnoreOffset: true}, acctest.FastRetries())
	if err != nil {
		t.Fatal(err)
	}
	expectEveryBackupOnce(t, listing, 250, 0)
	// Page 0, the two by count that repeat it, three by time, and the last
	// again: the page "at offset 200" held backups past the count, so no
	// count ends the list on its own.
	if server.BackupRequests() > 7 {
		t.Errorf("%d requests, want at most 7", server.BackupRequests())
	}
}

func TestRetriesRunOutWithTheLastAnswer(t *testing.T) {
	_, _, err := listWithFaults(t, 10, emulator.Faults{ThrottleEvery: 1, RetryAfter: "1"}, acctest.FastRetries())
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.Code != "APIGW.0308" || !strings.Contains(apiErr.Message, "throttling threshold") {
		t.Errorf("error = %v, want the last 429 APIGW.0308 with its message", err)
	}
}

func TestAStalledServerFailsWithinTheRequestTimeout(t *testing.T) {
	opts := acctest.FastRetries()
	opts.MaxRetries = 1
	opts.RequestTimeout = 200 * time.Millisecond
	start := time.Now()
	_, _, err := listWithFaults(t, 10, emulator.Faults{Stall: true}, opts)
	var timeout interface{ Timeout() bool }
	if !errors.As(err, &timeout) || !timeout.Timeout() {
		t.Errorf("error = %v, want a timeout", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("gave up after %v", elapsed)
	}
}

func TestCancellationStopsPagingPromptly(t *testing.T) {
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(5000), Latency: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var arrived atomic.Int32
	const cancelAt = 5
	httpServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if arrived.Add(1) == cancelAt {
			cancel() // as Ctrl-C would, while pages are being read
		}
		server.ServeHTTP(w, r)
	}))
	t.Cleanup(httpServer.Close)
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token}, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(ctx, BackupQuery{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want the context's", err)
	}
	// Requests already sent when the cancellation came may arrive; no new ones.
	if got := arrived.Load(); int(got) > cancelAt+acctest.MaxConcurrentRequests() {
		t.Errorf("%d of 50 pages were asked for, %d after the cancellation", got, got-cancelAt)
	}
}

// TestEachWayAServerMisleadsGivesTheExactList runs, against the emulator,
// each behaviour that once gave a short list with no error: pages capped
// below the limit, an empty page now and then, backups tied in the same
// second in an order that changes with every answer, bodies cut off
// halfway, backups deleted near the front while total_count is cached, an
// error inside a 200, an id twice on a page, and offset read as a page
// number.
func TestEachWayAServerMisleadsGivesTheExactList(t *testing.T) {
	tests := []struct {
		name    string
		backups []emulator.Backup
		faults  emulator.Faults
		// requests bounds the requests the listing may take; 0 is no bound.
		requests int64
	}{
		{"pages capped at 50", emulator.Seed(250), emulator.Faults{PageCap: 50}, 7},
		{"an empty page every third request", emulator.Seed(250), emulator.Faults{EmptyPageEvery: 3}, 0},
		{"30 backups tied around each page boundary", emulator.SeedTied(300, 30), emulator.Faults{ShuffleTies: true}, 0},
		{"groups of 7 tied in 1,000", emulator.SeedTied(1000, 7), emulator.Faults{ShuffleTies: true}, 0},
		{"one answer in five cut off halfway", emulator.Seed(2000), emulator.Faults{DropMidBodyEvery: 5}, 0},
		{"deletions near the front with a cached count", emulator.Seed(250),
			emulator.Faults{DeleteNearFrontEvery: 2, CachedCount: true}, 0},
		{"an error inside a 200 every fourth request", emulator.Seed(250), emulator.Faults{ErrorIn200Every: 4}, 0},
		{"an id twice on every fourth page", emulator.Seed(250), emulator.Faults{RepeatIDEvery: 4}, 0},
		{"offset read as a page number", emulator.Seed(250), emulator.Faults{OffsetAsPage: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: tt.backups, Faults: tt.faults})
			listing, err := listEmulator(t, server, 4, BackupQuery{})
			if err != nil {
				t.Fatal(err)
			}
			// Backups deleted meanwhile existed once: they may be listed.
			lasting := stillServed(server, tt.backups)
			listed := slices.DeleteFunc(listing.Backups, func(b Backup) bool {
				return !server.HasBackup(b.ID) && slicesContainsID(tt.backups, b.ID)
			})
			expectLastingOnce(t, Listing{Backups: listed}, lasting, "none")
			if tt.requests > 0 && server.BackupRequests() > tt.requests {
				t.Errorf("%d requests, want at most %d", server.BackupRequests(), tt.requests)
			}
		})
	}
}

// stillServed returns the backups of original that server still holds.
func stillServed(server *emulator.Server, original []emulator.Backup) []emulator.Backup {
	var left []emulator.Backup
	for _, b := range original {
		if server.HasBackup(b.ID) {
			left = append(left, b)
		}
	}
	return left
}
