package gaussdb

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// restoreTimeServer answers every restore-time request with body,
// recording the queries.
type restoreTimeServer struct {
	body    string
	mu      sync.Mutex
	paths   []string
	queries []url.Values
}

func (s *restoreTimeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.paths = append(s.paths, r.URL.EscapedPath())
	s.queries = append(s.queries, r.URL.Query())
	s.mu.Unlock()
	_, _ = w.Write([]byte(s.body))
}

// readings are the ways a deployment may answer restore-time that its
// pages allow.
var readings = []restoreReading{
	{}, {uncut: true}, {filter: "start"}, {filter: "inside"}, {filter: "start", uncut: true},
	{msIgnored: "whole"}, {msIgnored: "whole", filter: "start"}, {dateZone: 8 * time.Hour},
	{msIgnored: "today"}, {missing: "absent"}, {missing: "null"}, {missing: "empty"},
}

// Answers of restore-time without spans, spans only from inside the window
// asked, or a day read in +08:00, each once gave a shorter window with no
// error (and a restore point 28 hours old). Under every reading the ranges
// are now the truth cut to what was asked, or an error.
func TestRestoreTimeRangesUnderEveryReading(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	yesterday := now.AddDate(0, 0, -1).Format(DateLayout)
	queries := map[string]RestoreTimeQuery{
		"yesterday":        {Date: yesterday},
		"three days":       {BeginTime: now.Add(-72 * time.Hour), EndTime: now.Add(-24 * time.Hour)},
		"ending in a day":  {BeginTime: now.Add(-time.Hour), EndTime: now.Add(24 * time.Hour)},
		"the whole window": {},
		"today":            {Date: now.Format(DateLayout)},
	}
	for _, reading := range readings {
		for name, q := range queries {
			t.Run(reading.String()+" "+name, func(t *testing.T) {
				world := plainWorld(now)
				world.reading = reading
				c := worldClient(t, world)
				q.InstanceID = "i1"
				ranges, err := c.RestoreTimeRanges(context.Background(), q)
				from, to, _ := q.bounds()
				if from.IsZero() {
					from = incrementalFloor
				}
				if to.IsZero() || to.After(now) {
					to = now
				}
				want := world.truthWithin(from, to)
				switch {
				case err != nil && reading.benign():
					t.Fatalf("%v, want %v", err, want)
				case err != nil:
					return
				case !sameRanges(ranges, want):
					t.Fatalf("got %v, want %v", ranges, want)
				}
			})
		}
	}
}

func TestRestoreTimeRangesAskForTheWholeWindowInMilliseconds(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 500_000_000, time.UTC)
	world := plainWorld(now)
	c := worldClient(t, world)
	if _, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1", Date: "2026-11-19"}); err != nil {
		t.Fatal(err)
	}
	if len(world.windowQueries) != 1 {
		t.Fatalf("asked restore-time %d times", len(world.windowQueries))
	}
	q := world.windowQueries[0]
	if q.Get("start_time") != "946684800000" || q.Get("end_time") != strconv.FormatInt(now.UnixMilli(), 10) || q.Has("date") {
		t.Errorf("sent %v, want start_time 2000-01-01 and end_time now, in milliseconds, and no date", q)
	}
}

func TestAnEmptyRestoreWindowThatTheBinlogsContradictNamesBoth(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	world := plainWorld(now)
	world.reading.missing = "empty"
	_, err := worldClient(t, world).RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1"})
	var window *RestoreWindowError
	if !errors.As(err, &window) || !strings.Contains(err.Error(), "full backup "+world.bases[0].id) ||
		!strings.Contains(err.Error(), "no span within it") {
		t.Fatalf("got %v, want an error naming the backup and binlogs and the empty answer", err)
	}
}

// worldClient returns a client of world, at its clock.
func worldClient(t *testing.T, world http.Handler) *Client {
	t.Helper()
	w, _ := world.(*restoreWorld)
	opts := acctest.FastRetries()
	opts.Transport = handlerTransport{world}
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: "https://gaussdb.example", ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		HTTP: opts, Now: func() time.Time { return w.now }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRestoreTimeRangesRefuseAnswersThatAreNotSpans(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"not an object", `[]`, "not a JSON object"},
		{"ends before it starts", `{"restore_times": [{"start_time": 1763575200000, "end_time": 1763560800000}]}`, "span 1 of restore_times ends"},
		{"no end", `{"restore_times": [{"start_time": 1763575200000}]}`, "lacks its start_time or end_time"},
		{"seconds", `{"restore_times": [{"start_time": 1763560800, "end_time": 1763575200}]}`, "seconds, perhaps"},
		{"a fraction", `{"restore_times": [{"start_time": 1763560800000.5, "end_time": 1763575200000}]}`, "not a time in milliseconds"},
		{"negative", `{"restore_times": [{"start_time": -1, "end_time": 1763575200000}]}`, "not a time in milliseconds"},
		{"a word", `{"restore_times": [{"start_time": "soon", "end_time": 1763575200000}]}`, "not a number of milliseconds"},
		{"not a list", `{"restore_times": {"start_time": 1}}`, "cannot unmarshal"},
		{"no list", `{}`, "holds no restore_times member"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestClient(t, &restoreTimeServer{body: tt.body})
			_, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestRestoreTimeQueriesThatCannotBeAskedSendNothing(t *testing.T) {
	server := &restoreTimeServer{body: `{}`}
	c := newTestClient(t, server)
	now := time.Now()
	for _, q := range []RestoreTimeQuery{
		{},
		{InstanceID: "i1", Date: "2025-13-01"},
		{InstanceID: "i1", BeginTime: now},
		{InstanceID: "i1", BeginTime: now, EndTime: now.Add(-time.Second)},
	} {
		if _, err := c.RestoreTimeRanges(context.Background(), q); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
	if len(server.queries) != 0 {
		t.Errorf("sent %d requests", len(server.queries))
	}
}

// Spans that end at 23:59:59.999 and begin again at 00:00:00 are one: the
// API counts milliseconds, and none lies between them.
func TestSpansAMillisecondApartAreOne(t *testing.T) {
	midnight := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	got := joinRanges([]TimeRange{
		{Begin: midnight, End: midnight.Add(time.Hour)},
		{Begin: midnight.Add(-time.Hour), End: midnight.Add(-time.Millisecond)},
		{Begin: midnight.Add(time.Hour + 2*time.Millisecond), End: midnight.Add(2 * time.Hour)},
	}, time.Time{}, time.Time{})
	want := []TimeRange{{Begin: midnight.Add(-time.Hour), End: midnight.Add(time.Hour)},
		{Begin: midnight.Add(time.Hour + 2*time.Millisecond), End: midnight.Add(2 * time.Hour)}}
	if !sameRanges(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
