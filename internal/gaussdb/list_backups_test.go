package gaussdb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/emulator"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// listFromEmulator lists every backup of an emulator holding backups and
// returns the listing and how many requests it took.
func listFromEmulator(t *testing.T, opts emulator.Options, q BackupQuery) (Listing, int64) {
	t.Helper()
	opts.Token, opts.ProjectID = acctest.Token, acctest.ProjectID
	server := emulator.New(opts)
	listing, err := newTestClient(t, server).ListBackups(context.Background(), q)
	if err != nil {
		t.Fatalf("ListBackups: %v", err)
	}
	return listing, server.Requests()
}

func TestListingTakesCeilNOver100Requests(t *testing.T) {
	for _, n := range []int{0, 1, 99, 100, 101, 200, 250, 1000, 10_000} {
		t.Run(fmt.Sprint(n, " backups"), func(t *testing.T) {
			listing, requests := listFromEmulator(t, emulator.Options{Backups: emulator.Seed(n)}, BackupQuery{})
			if len(listing.Backups) != n {
				t.Errorf("got %d backups, want %d", len(listing.Backups), n)
			}
			if want := max(int64(1), int64((n+99)/100)); requests != want {
				t.Errorf("took %d requests, want %d", requests, want)
			}
			if len(listing.Warnings) != 0 {
				t.Errorf("unexpected warnings %v", listing.Warnings)
			}
		})
	}
}

func TestListingHoldsEveryBackupOnceNewestFirst(t *testing.T) {
	seeded := emulator.Seed(250)
	listing, _ := listFromEmulator(t, emulator.Options{Backups: seeded}, BackupQuery{})
	seen := map[string]bool{}
	for i, b := range listing.Backups {
		if seen[b.ID] {
			t.Fatalf("backup %s listed twice", b.ID)
		}
		seen[b.ID] = true
		if i > 0 && listing.Backups[i-1].BeginTime.Before(b.BeginTime.Time) {
			t.Fatalf("backup %d (%v) is newer than backup %d (%v)", i, b.BeginTime, i-1, listing.Backups[i-1].BeginTime)
		}
	}
	for _, b := range seeded {
		if !seen[b.ID] {
			t.Errorf("backup %s missing", b.ID)
		}
	}
}

func TestSortNewestFirstComparesInstantsAcrossZonesAndBreaksTiesByID(t *testing.T) {
	at := func(s string) Time { v, _ := ParseTime(s); return Time{Time: v} }
	backups := []Backup{
		{ID: "no-time"},
		{ID: "b", BeginTime: at("2026-11-20T02:00:00+0800")},
		{ID: "utc-later", BeginTime: at("2026-11-19T18:30:00+0000")},
		{ID: "a", BeginTime: at("2026-11-19T18:00:00Z")},
	}
	sortNewestFirst(backups)
	var got []string
	for _, b := range backups {
		got = append(got, b.ID)
	}
	if strings.Join(got, ",") != "utc-later,a,b,no-time" {
		t.Errorf("order = %v, want utc-later,a,b,no-time", got)
	}
}

func TestNameIsAppliedEvenWhenAnOlderAPIIgnoresIt(t *testing.T) {
	seeded := emulator.Seed(30)
	target := seeded[7]
	listing, _ := listFromEmulator(t, emulator.Options{Backups: seeded, Quirks: emulator.Quirks{Pre2023: true}},
		BackupQuery{Name: target.Name})
	if len(listing.Backups) != 1 || listing.Backups[0].ID != target.ID {
		t.Errorf("name filter gave %d backups, want only %s", len(listing.Backups), target.ID)
	}
}

func TestInstanceNameOnAnAPIThatDoesNotReturnItIsAnError(t *testing.T) {
	opts := emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(30), Quirks: emulator.Quirks{Pre2023: true}}
	_, err := newTestClient(t, emulator.New(opts)).ListBackups(context.Background(), BackupQuery{InstanceName: "billing-db"})
	var notApplied *FilterNotAppliedError
	if !errors.As(err, &notApplied) || notApplied.Filter != "instance_name" || !strings.Contains(err.Error(), "instance_id") {
		t.Errorf("error = %v, want one saying instance_name cannot be checked and to filter by instance_id", err)
	}
}

func TestInstanceNameIsExactOnTheCurrentAPI(t *testing.T) {
	listing, _ := listFromEmulator(t, emulator.Options{Backups: emulator.Seed(30)}, BackupQuery{InstanceName: "billing-db"})
	if len(listing.Backups) != 10 {
		t.Errorf("instance_name filter gave %d backups, want 10", len(listing.Backups))
	}
	for _, b := range listing.Backups {
		if b.InstanceName == nil || *b.InstanceName != "billing-db" {
			t.Errorf("backup %s of instance %v passed the filter", b.ID, b.InstanceName)
		}
	}
}

// pageServer answers every page with the same function of the offset.
func pageServer(page func(offset int) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var offset int
		_, _ = fmt.Sscan(r.URL.Query().Get("offset"), &offset)
		_, _ = w.Write([]byte(page(offset)))
	})
}

// backupsJSON writes n backups with ids prefix0, prefix1, ..., a minute
// apart, newest first.
func backupsJSON(prefix string, n int) string {
	items := make([]string, n)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		begin := start.Add(-time.Duration(i) * time.Minute).Format(apiTimeLayout)
		items[i] = fmt.Sprintf(`{"id": "%s%d", "begin_time": "%s"}`, prefix, i, begin)
	}
	return "[" + strings.Join(items, ",") + "]"
}

func TestHostilePagesFailClearly(t *testing.T) {
	tests := []struct {
		name string
		page func(offset int) string
		want string
	}{
		{"same page for every offset and end_time", func(int) string {
			return `{"backups": ` + backupsJSON("b", 100) + `, "total_count": 5000}`
		}, "does not apply end_time to begin_time"},
		{"a backup without an id", func(int) string {
			return `{"backups": [{"name": "nameless"}], "total_count": 1}`
		}, "has no id"},
		{"a body that is an array", func(int) string { return `[]` }, "not a JSON object"},
		{"a body that is null", func(int) string { return `null` }, "not a JSON object"},
		{"a backup id that is not valid UTF-8", func(int) string {
			return "{\"backups\": [{\"id\": \"b\xff1\"}], \"total_count\": 1}"
		}, "not valid UTF-8"},
		{"a backup id that only a lone surrogate tells apart", func(int) string {
			return `{"backups": [{"id": "b\ud8001"}], "total_count": 1}`
		}, "not valid UTF-8"},
		{"one id twice on a page", func(int) string {
			return `{"backups": [{"id": "b1", "begin_time": "2026-01-01T00:00:00Z"}, {"id": "b1", "begin_time": "2025-01-01T00:00:00Z"}], "total_count": 2}`
		}, `id "b1" twice, as records 1 and 2, with different values of begin_time`},
		{"a size that is not a number", func(int) string {
			return `{"backups": [{"id": "b1"}, {"id": "b2", "size": "big"}], "total_count": 2}`
		}, `backup 2 of the answer (id "b2"): size: "big" is not a number`},
		{"an error inside a 200", func(int) string {
			return `{"error_code": "DBS.280343", "error_msg": "Internal error.", "request_id": "r-9"}`
		}, "HTTP 200 OK, error_code DBS.280343: Internal error. (request id r-9) (4 attempts"},
		{"page longer than limit", func(int) string {
			return `{"backups": ` + backupsJSON("b", 101) + `, "total_count": 101}`
		}, "more than the 100 asked for"},
		{"truncated JSON", func(int) string { return `{"backups": [{"id": "b1"` }, "decoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newTestClient(t, pageServer(tt.page)).ListBackups(context.Background(), BackupQuery{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestATotalCountLargerThanThePagesIsAnErrorNamingTheCount(t *testing.T) {
	for _, extra := range []int{7, 999_999 - 250} {
		t.Run(fmt.Sprint("total_count ", 250+extra), func(t *testing.T) {
			server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(250),
				Faults: emulator.Faults{TotalCountExtra: extra}})
			_, err := newTestClient(t, server).ListBackups(context.Background(), BackupQuery{})
			want := fmt.Sprintf("total_count said %d when the listing began, but its pages end after 250 backups", 250+extra)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v, want one saying %q", err, want)
			}
			// Page 0, a few pages by count, three by time, and the last one
			// again: a handful, however large the count.
			if server.BackupRequests() > 12 {
				t.Errorf("%d requests, want a handful", server.BackupRequests())
			}
		})
	}
}

// growingServer adds a new, newest backup to the emulator after the first
// page of the first listing has been served.
type growingServer struct {
	*emulator.Server
	once sync.Once
}

func (g *growingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.Server.ServeHTTP(w, r)
	g.once.Do(func() {
		g.AddBackup(emulator.Backup{ID: "brand-new", BeginTime: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Status: StatusBuilding, Type: BackupTypeAuto})
	})
}

func TestABackupCreatedDuringTheListingIsListedOnceAndNothingIsMissed(t *testing.T) {
	seeded := emulator.Seed(250)
	server := &growingServer{Server: emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: seeded})}
	listing, err := newTestClient(t, server).ListBackups(context.Background(), BackupQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// The promise covers the backups that lasted; brand-new may be listed.
	expectLastingOnce(t, listing, seeded, "brand-new")
	if len(listing.Warnings) != 0 {
		t.Errorf("a listing that settled on the second read warned: %v", listing.Warnings)
	}
}

func TestConcurrentPagingKeepsOrderAndChecks(t *testing.T) {
	for _, concurrency := range []int{1, 4, 16} {
		t.Run(fmt.Sprint("concurrency ", concurrency), func(t *testing.T) {
			seeded := emulator.Seed(2050)
			server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: seeded,
				Faults: emulator.Faults{GrowDuringListings: 1, ThrottleEvery: 7, RetryAfter: "1"}})
			httpServer := httptest.NewServer(server)
			t.Cleanup(httpServer.Close)
			c, err := New(Options{Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
				MaxConcurrentRequests: concurrency, HTTP: acctest.FastRetries()})
			if err != nil {
				t.Fatal(err)
			}
			listing, err := c.ListBackups(context.Background(), BackupQuery{})
			if err != nil {
				t.Fatal(err)
			}
			expectLastingOnce(t, listing, seeded, "grown")
			// Newest first: the seeded backups in their order, after any
			// created mid-listing.
			lasting := listing.Backups[len(listing.Backups)-len(seeded):]
			for i, b := range lasting {
				if b.ID != seeded[i].ID {
					t.Fatalf("backup %d is %s, want %s", i, b.ID, seeded[i].ID)
				}
			}
		})
	}
}

// TestConcurrencyIsBounded counts requests in flight at once.
func TestConcurrencyIsBounded(t *testing.T) {
	var inFlight, peak atomic.Int32
	server := emulator.New(emulator.Options{Token: acctest.Token, ProjectID: acctest.ProjectID, Backups: emulator.Seed(1500), Latency: 5 * time.Millisecond})
	counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := inFlight.Add(1)
		for old := peak.Load(); now > old && !peak.CompareAndSwap(old, now); old = peak.Load() {
		}
		defer inFlight.Add(-1)
		server.ServeHTTP(w, r)
	})
	httpServer := httptest.NewServer(counting)
	t.Cleanup(httpServer.Close)
	c, err := New(Options{Endpoint: httpServer.URL, ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		MaxConcurrentRequests: 3, HTTP: acctest.FastRetries()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListBackups(context.Background(), BackupQuery{}); err != nil {
		t.Fatal(err)
	}
	if peak.Load() < 1 || peak.Load() > 3 {
		t.Errorf("peak of %d requests in flight, want at most 3", peak.Load())
	}
}
