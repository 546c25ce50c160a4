package gaussdb

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// recordingModel is the property test's model API, recording each query.
type recordingModel struct {
	*modelAPI
	mu      sync.Mutex
	paths   []string
	queries []url.Values
}

func (r *recordingModel) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.paths = append(r.paths, req.URL.EscapedPath())
	r.queries = append(r.queries, req.URL.Query())
	r.mu.Unlock()
	return r.modelAPI.RoundTrip(req)
}

// modelClient returns a client of the model API holding n backups, one a
// minute apart and each lasting 90 s, newest first from
// 2025-12-31T23:00:00Z.
func modelClient(t *testing.T, n int, now time.Time) (*Client, *recordingModel) {
	t.Helper()
	backups := make([]modelBackup, n)
	newest := time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)
	for i := range backups {
		begin := newest.Add(-time.Duration(i) * time.Minute)
		backups[i] = modelBackup{id: fmt.Sprintf("log%04d", i), begin: begin, end: begin.Add(90 * time.Second)}
	}
	api := &recordingModel{modelAPI: newModelAPI(backups, modelMode{}, nil, 1)}
	opts := acctest.FastRetries()
	opts.Transport = api
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: "https://gaussdb.example", ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		HTTP: opts, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return c, api
}

func TestIncrementalListingTakesCeilNOver50Requests(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{0, 1, 49, 50, 51, 250, 1001} {
		t.Run(fmt.Sprint(n, " backups"), func(t *testing.T) {
			c, api := modelClient(t, n, now)
			listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1"})
			if err != nil {
				t.Fatal(err)
			}
			if len(listing.Backups) != n {
				t.Errorf("got %d backups, want %d", len(listing.Backups), n)
			}
			for i, b := range listing.Backups {
				if want := fmt.Sprintf("log%04d", i); b.ID != want {
					t.Fatalf("backup %d is %s, want %s: not newest first", i, b.ID, want)
				}
			}
			if want := max(1, (n+49)/50); len(api.queries) != want {
				t.Errorf("took %d requests, want %d", len(api.queries), want)
			}
			for i, q := range api.queries {
				if q.Get("limit") != "50" {
					t.Errorf("request %d asked for limit %q, want 50, the largest the API serves", i, q.Get("limit"))
				}
				if q.Has("display_offsite_backup") {
					t.Errorf("request %d sent display_offsite_backup unasked", i)
				}
				if want := "/v3/" + acctest.ProjectID + "/instances/i1/incremental-backups"; api.paths[i] != want {
					t.Errorf("request %d went to %s, want %s", i, api.paths[i], want)
				}
			}
		})
	}
}

func TestIncrementalListingSendsEndTimeWithAFloorAndOffsiteWhenAsked(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, api := modelClient(t, 300, now)
	begin := time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC)
	end := time.Date(2025, 12, 31, 22, 0, 30, 0, time.UTC)
	listing, err := c.ListIncrementalBackups(context.Background(),
		IncrementalBackupQuery{InstanceID: "i1", BeginTime: begin, EndTime: end, IncludeOffsite: true})
	if err != nil {
		t.Fatal(err)
	}
	// 22:00 down to 20:00, one a minute.
	if len(listing.Backups) != 121 || listing.Backups[0].ID != "log0060" || listing.Backups[120].ID != "log0180" {
		t.Fatalf("got %d backups, from %s: want 121, log0060 to log0180", len(listing.Backups), listing.Backups[0].ID)
	}
	if len(api.queries) != 3 {
		t.Errorf("took %d requests, want 3 (121 backups in pages of 50)", len(api.queries))
	}
	// begin_time is never the query's own: the API may compare it with
	// each backup's end_time. end_time goes one second past the window.
	if got := api.queries[0].Get("end_time"); got != "2025-12-31T22:00:31+0000" {
		t.Errorf("the first request sent end_time %s, want 2025-12-31T22:00:31+0000", got)
	}
	for i, q := range api.queries {
		if q.Get("begin_time") != "2000-01-01T00:00:00+0000" || q.Get("end_time") == "" ||
			q.Get("display_offsite_backup") != "true" {
			t.Errorf("request %d sent %v", i, q)
		}
	}
}

func TestIncrementalListingWithAWindowEndingLaterThanNowCostsNoMoreThanOneEndingNow(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	requests := map[string]int{}
	for name, end := range map[string]time.Time{"now": now, "an hour from now": now.Add(time.Hour)} {
		c, api := modelClient(t, 120, now)
		listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1",
			BeginTime: time.Date(2025, 12, 31, 22, 0, 0, 0, time.UTC), EndTime: end})
		if err != nil {
			t.Fatal(err)
		}
		if len(listing.Backups) != 61 {
			t.Errorf("ending %s: got %d backups, want the 61 that began from 22:00 on", name, len(listing.Backups))
		}
		for i, q := range api.queries {
			if sent, err := time.Parse(apiTimeLayout, q.Get("end_time")); q.Has("end_time") && (err != nil || !sent.Before(now)) {
				t.Errorf("ending %s: request %d sent an end_time that is not in the past: %v", name, i, q)
			}
		}
		requests[name] = len(api.queries)
	}
	if requests["an hour from now"] > requests["now"] || requests["now"] > 2 {
		t.Errorf("requests: %v, want at most 2 each (61 backups in pages of 50)", requests)
	}
}

func TestIncrementalListingReadByTimeSendsBeginTimeWithEveryEndTime(t *testing.T) {
	// No total_count: the list is read by time, each step with an end_time,
	// which the API takes only with a begin_time.
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, api := modelClient(t, 130, now)
	api.mode.counts = countAbsent
	listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(listing.Backups) != 130 {
		t.Errorf("got %d backups, want 130", len(listing.Backups))
	}
	sawEnd := false
	for i, q := range api.queries {
		if q.Has("end_time") {
			sawEnd = true
			if q.Get("begin_time") != "2000-01-01T00:00:00+0000" {
				t.Errorf("request %d sent end_time %s with begin_time %q", i, q.Get("end_time"), q.Get("begin_time"))
			}
		}
	}
	if !sawEnd {
		t.Error("the listing never read by time: the test tests nothing")
	}
}

func TestIncrementalListingNeedsAnInstanceAndAWholeWindow(t *testing.T) {
	c, api := modelClient(t, 1, time.Now())
	for _, q := range []IncrementalBackupQuery{{}, {InstanceID: "i1", BeginTime: time.Now().Add(-time.Hour)}} {
		if _, err := c.ListIncrementalBackups(context.Background(), q); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
	if len(api.queries) != 0 {
		t.Errorf("sent %d requests", len(api.queries))
	}
}

func TestIncrementalBackupsDecodeEveryField(t *testing.T) {
	body := `{"backups": [{"id": "a", "name": "binlog-1", "instance_id": "i1", "begin_time": "2026-11-20T02:00:00+0800",
		"end_time": "2026-11-20T02:30:00+0800", "size": "1024.5", "backup_type": "OffSiteLog"}], "total_count": 1}`
	c := newTestClient(t, pageServer(func(int) string { return body }))
	listing, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1", IncludeOffsite: true})
	if err != nil {
		t.Fatal(err)
	}
	b := listing.Backups[0]
	if b.Name == nil || *b.Name != "binlog-1" || b.InstanceID != "i1" || b.Size == nil || *b.Size != 1024.5 ||
		b.BackupType != IncrementalTypeOffSiteLog || !b.EndTime.Equal(b.BeginTime.Add(30*time.Minute)) {
		t.Errorf("decoded %+v", b)
	}
}

func TestIncrementalListingRefusesAPageOfAnotherSize(t *testing.T) {
	// 60 backups in one answer to a request for 50.
	body := `{"backups": ` + backupsJSON("x", 60) + `, "total_count": 60}`
	c := newTestClient(t, pageServer(func(int) string { return body }))
	_, err := c.ListIncrementalBackups(context.Background(), IncrementalBackupQuery{InstanceID: "i1"})
	if err == nil || !strings.Contains(err.Error(), "more than the 50 asked for") {
		t.Errorf("got %v", err)
	}
}
