package emulator

import (
	"fmt"
	"testing"
	"time"
)

func restoreTimePath(instanceID, query string) string {
	return "/v3/p/instances/" + instanceID + "/restore-time?" + query
}

// spans reads an answer's restore_times as "start/end" in RFC 3339.
func spans(t *testing.T, a answer) []string {
	t.Helper()
	list, ok := a.body["restore_times"].([]any)
	if a.status != 200 || !ok {
		t.Fatalf("got %d %v", a.status, a.body)
	}
	var out []string
	for _, item := range list {
		span, _ := item.(map[string]any)
		start, _ := span["start_time"].(float64)
		end, _ := span["end_time"].(float64)
		out = append(out, time.UnixMilli(int64(start)).UTC().Format(time.RFC3339Nano)+"/"+
			time.UnixMilli(int64(end)).UTC().Format(time.RFC3339Nano))
	}
	return out
}

func seededServer(opts Options) *Server {
	opts.Token, opts.ProjectID = token, project
	opts.Backups, opts.IncrementalBackups = Seed(60), SeedIncremental(7)
	return New(opts)
}

func TestRestoreWindowRunsFromEachBaseAsFarAsTheLogsRunWithoutAGap(t *testing.T) {
	s := seededServer(Options{})
	// Instance A's logs stop at the gap (02:00Z on 11-18) and the window
	// resumes at the end of its next restorable full backup (06:02Z). Its
	// logs begin at 18:30Z on 11-12: the first base after that ended at
	// 23:56Z.
	got := spans(t, get(t, s, restoreTimePath(SeedInstanceA, ""), nil))
	want := []string{"2026-11-12T23:56:00Z/2026-11-18T02:00:00Z", "2026-11-18T06:02:00Z/2026-11-19T18:30:00Z"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A day: the spans within it, cut to it.
	got = spans(t, get(t, s, restoreTimePath(SeedInstanceA, "date=2026-11-18"), nil))
	want = []string{"2026-11-18T00:00:00Z/2026-11-18T02:00:00Z", "2026-11-18T06:02:00Z/2026-11-18T23:59:59.999Z"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("date: got %v, want %v", got, want)
	}
	// A window of milliseconds; date wins when both are sent.
	window := "start_time=1794967200500&end_time=1794992400000" // 2026-11-18T02:00:00.5Z to 09:00Z
	got = spans(t, get(t, s, restoreTimePath(SeedInstanceA, window), nil))
	want = []string{"2026-11-18T06:02:00Z/2026-11-18T09:00:00Z"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("window: got %v, want %v", got, want)
	}
	got = spans(t, get(t, s, restoreTimePath(SeedInstanceA, window+"&date=2026-11-17"), nil))
	if len(got) != 1 || got[0] != "2026-11-17T00:00:00Z/2026-11-17T23:59:59.999Z" {
		t.Errorf("date and window: got %v, want the day", got)
	}
}

func TestRestoreWindowQuirks(t *testing.T) {
	window := "start_time=1794967200500&end_time=1794992400000"
	got := spans(t, get(t, seededServer(Options{Quirks: Quirks{IgnoreRestoreWindow: true}}), restoreTimePath(SeedInstanceA, window), nil))
	if len(got) != 2 {
		t.Errorf("ignoring the window: got %v, want the whole retention", got)
	}
	got = spans(t, get(t, seededServer(Options{Quirks: Quirks{SpansNewestFirst: true}}), restoreTimePath(SeedInstanceA, ""), nil))
	if len(got) != 2 || got[0] != "2026-11-18T06:02:00Z/2026-11-19T18:30:00Z" {
		t.Errorf("newest first: got %v", got)
	}
}

func TestRestoreWindowValidatesAsTheAPIDoes(t *testing.T) {
	s := seededServer(Options{})
	tests := []struct{ name, query, code, msg string }{
		{"a date in another form", "date=2026-11-18T00:00:00Z", "DBS.200001", "Invalid parameter: date"},
		{"no such day", "date=2026-02-30", "DBS.200001", "Invalid parameter: date"},
		{"start alone", "start_time=1794967200000", "DBS.200001", "Invalid parameter: start_time and end_time must be set together"},
		{"seconds with a fraction", "start_time=1794967200.5&end_time=1794992400000", "DBS.200001", "Invalid parameter: start_time"},
		{"end before start", "start_time=1794992400000&end_time=1794967200000", "DBS.200001", "Invalid parameter: end_time must be later than start_time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := get(t, s, restoreTimePath(SeedInstanceA, tt.query), nil)
			if a.status != 400 || a.body["error_code"] != tt.code || a.body["error_msg"] != tt.msg {
				t.Errorf("got %d %v %v", a.status, a.body["error_code"], a.body["error_msg"])
			}
		})
	}
	if a := get(t, s, restoreTimePath("nosuchinstancein07", ""), nil); a.status != 400 || a.body["error_code"] != "DBS.200823" {
		t.Errorf("unknown instance: got %d %v", a.status, a.body)
	}
}
