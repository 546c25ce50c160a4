package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
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

func ms(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestRestoreTimeRangesAreSortedJoinedAndCutToTheDay(t *testing.T) {
	// Out of order, two that overlap, one that touches, one of the day
	// before that reaches into the day, and one of the next day.
	server := &restoreTimeServer{body: `{"restore_times": [
		{"start_time": 1763604000000, "end_time": 1763611200000},
		{"start_time": 1763560800000, "end_time": 1763575200000},
		{"start_time": 1763571600000, "end_time": 1763578800000},
		{"start_time": "1763578800000", "end_time": 1763582400000},
		{"start_time": 1763510400000, "end_time": 1763553600500},
		{"start_time": 1763683200000, "end_time": 1763690400000}]}`}
	c := newTestClient(t, server)
	ranges, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i/1", Date: "2025-11-19"})
	if err != nil {
		t.Fatal(err)
	}
	want := []TimeRange{
		{ms("2025-11-19T00:00:00Z"), ms("2025-11-19T12:00:00.5Z")},
		{ms("2025-11-19T14:00:00Z"), ms("2025-11-19T20:00:00Z")},
		{ms("2025-11-20T02:00:00Z"), ms("2025-11-20T04:00:00Z")},
	}
	// 2025-11-19 in UTC ends before 2025-11-20T00:00:00Z: the last two
	// spans are of the next day.
	want = want[:2]
	if len(ranges) != len(want) {
		t.Fatalf("got %v, want %v", ranges, want)
	}
	for i := range want {
		if !ranges[i].Begin.Equal(want[i].Begin) || !ranges[i].End.Equal(want[i].End) {
			t.Errorf("range %d is %v, want %v", i, ranges[i], want[i])
		}
	}
	if q := server.queries[0]; q.Get("date") != "2025-11-19" || q.Has("start_time") || q.Has("end_time") {
		t.Errorf("sent %v", q)
	}
	if want := "/v3/" + testProject + "/instances/i%2F1/restore-time"; server.paths[0] != want {
		t.Errorf("asked %s, want %s", server.paths[0], want)
	}
}

func TestRestoreTimeRangesSendsAWindowInMilliseconds(t *testing.T) {
	server := &restoreTimeServer{body: `{"restore_times": [{"start_time": 1763560800000, "end_time": 1763575200000}]}`}
	c := newTestClient(t, server)
	begin, end := ms("2025-11-19T15:00:00.250Z"), ms("2025-11-19T16:00:00Z")
	ranges, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1", BeginTime: begin, EndTime: end})
	if err != nil {
		t.Fatal(err)
	}
	if q := server.queries[0]; q.Get("start_time") != "1763564400250" || q.Get("end_time") != "1763568000000" || q.Has("date") {
		t.Errorf("sent %v", q)
	}
	if len(ranges) != 1 || !ranges[0].Begin.Equal(begin) || !ranges[0].End.Equal(end) {
		t.Errorf("got %v, want the span cut to the window", ranges)
	}
}

func TestRestoreTimeRangesWithNoWindowAsksForTheWholeRetention(t *testing.T) {
	server := &restoreTimeServer{body: `{"restore_times": null}`}
	c := newTestClient(t, server)
	ranges, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1"})
	if err != nil || len(ranges) != 0 || ranges == nil {
		t.Fatalf("got %#v, %v; want an empty list", ranges, err)
	}
	if len(server.queries[0]) != 0 {
		t.Errorf("sent %v", server.queries[0])
	}
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
