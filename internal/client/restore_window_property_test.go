package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// drawSpans draws up to 8 spans of whole minutes (as milliseconds), in any
// order, often overlapping or touching, within a day.
func drawSpans(t *rapid.T) []TimeRange {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	var spans []TimeRange
	for i := range rapid.IntRange(0, 8).Draw(t, "spans") {
		begin := rapid.IntRange(0, 1440).Draw(t, fmt.Sprint("begin ", i))
		length := rapid.IntRange(0, 300).Draw(t, fmt.Sprint("length ", i))
		spans = append(spans, TimeRange{Begin: day.Add(time.Duration(begin) * time.Minute),
			End: day.Add(time.Duration(begin+length) * time.Minute)})
	}
	return spans
}

// covered says whether a minute of the day is in one of the spans.
func covered(spans []TimeRange, at time.Time) bool {
	return slices.ContainsFunc(spans, func(r TimeRange) bool { return !at.Before(r.Begin) && !at.After(r.End) })
}

// TestRestoreWindowIsTheAnswersUnionCutToTheWindow is RestoreTimeRanges'
// promise as a property: whatever spans the API answers, in whatever
// order, the ranges are sorted, apart (neither overlapping nor touching),
// within the window, and cover exactly the points the answer covers
// within it.
func TestRestoreWindowIsTheAnswersUnionCutToTheWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answered := drawSpans(t)
		day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		from := day.Add(time.Duration(rapid.IntRange(0, 1440).Draw(t, "from")) * time.Minute)
		to := from.Add(time.Duration(rapid.IntRange(1, 1440).Draw(t, "window")) * time.Minute)
		var items []string
		for _, r := range answered {
			items = append(items, fmt.Sprintf(`{"start_time": %d, "end_time": %d}`, r.Begin.UnixMilli(), r.End.UnixMilli()))
		}
		body := `{"restore_times": [` + strings.Join(items, ",") + `]}`
		c := newRapidClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }))
		ranges, err := c.RestoreTimeRanges(context.Background(), RestoreTimeQuery{InstanceID: "i1", BeginTime: from, EndTime: to})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range ranges {
			if r.End.Before(r.Begin) || r.Begin.Before(from) || r.End.After(to) {
				t.Fatalf("range %d %v is not within [%v, %v]", i, r, from, to)
			}
			if i > 0 && !r.Begin.After(ranges[i-1].End) {
				t.Fatalf("ranges %d and %d overlap or touch: %v", i-1, i, ranges)
			}
		}
		// Every minute of the day, and the window's ends, as either says.
		points := []time.Time{from, to}
		for m := range 1441 + 300 {
			points = append(points, day.Add(time.Duration(m)*time.Minute))
		}
		for _, at := range points {
			want := !at.Before(from) && !at.After(to) && covered(answered, at)
			if got := covered(ranges, at); got != want {
				t.Fatalf("at %v: in the ranges %v, in the answer within the window %v\nanswer %v\nranges %v",
					at, got, want, answered, ranges)
			}
		}
	})
}

// newRapidClient is newTestClient for a rapid test.
func newRapidClient(t *rapid.T, handler http.Handler) *Client {
	c, err := New(Options{Endpoint: "https://gaussdb.example", ProjectID: testProject, Auth: tokenAuth{testToken},
		HTTPOptions: HTTPOptions{MaxRetries: 0, Transport: handlerTransport{handler}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// handlerTransport answers requests by calling a handler, without a
// network.
type handlerTransport struct{ handler http.Handler }

func (h handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	recorder := httptest.NewRecorder()
	h.handler.ServeHTTP(recorder, req)
	resp := recorder.Result()
	resp.Request = req
	return resp, nil
}

// TestLatestRestorePointIsTheNewestRestorableState is LatestRestorePoint's
// promise as a property: whatever backups and spans the APIs answer, the
// point is at or before not_after; its backup is the restorable full
// backup that ended last by then; and no answered span holds a point newer
// than the point (and than that backup's end) by not_after. A point in
// time is one the answer holds; a backup is chosen only when no span
// reaches past its end.
func TestLatestRestorePointIsTheNewestRestorableState(t *testing.T) {
	statuses := []string{StatusCompleted, StatusAvailable, StatusBuilding, StatusFailed}
	rapid.Check(t, func(t *rapid.T) {
		day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		type drawn struct {
			id, status string
			begin, end time.Time
		}
		var backups []drawn
		var items []string
		for i := range rapid.IntRange(0, 6).Draw(t, "backups") {
			begin := day.Add(time.Duration(rapid.IntRange(0, 1440).Draw(t, fmt.Sprint("backup begin ", i))) * time.Minute)
			b := drawn{id: fmt.Sprintf("b%d", i), status: rapid.SampledFrom(statuses).Draw(t, fmt.Sprint("status ", i)),
				begin: begin, end: begin.Add(time.Duration(rapid.IntRange(1, 120).Draw(t, fmt.Sprint("takes ", i))) * time.Minute)}
			backups = append(backups, b)
		}
		slices.SortFunc(backups, func(a, b drawn) int { return b.begin.Compare(a.begin) })
		for _, b := range backups {
			items = append(items, fmt.Sprintf(`{"id": %q, "instance_id": "i1", "status": %q, "begin_time": %q, "end_time": %q}`,
				b.id, b.status, FormatAPITime(b.begin), FormatAPITime(b.end)))
		}
		spans := drawSpans(t)
		var spanItems []string
		for _, r := range spans {
			spanItems = append(spanItems, fmt.Sprintf(`{"start_time": %d, "end_time": %d}`, r.Begin.UnixMilli(), r.End.UnixMilli()))
		}
		notAfter := day.Add(time.Duration(rapid.IntRange(0, 1800).Draw(t, "not after")) * time.Minute)

		mux := http.NewServeMux()
		mux.HandleFunc("GET /v3/{project}/backups", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = fmt.Fprintf(w, `{"backups": [%s], "total_count": %d}`, strings.Join(items, ","), len(items))
		})
		// The API's spans, whatever the window asked (as a deployment that
		// ignores it answers).
		mux.HandleFunc("GET /v3/{project}/instances/{instance}/restore-time", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"restore_times": [` + strings.Join(spanItems, ",") + `]}`))
		})
		point, err := newRapidClient(t, mux).LatestRestorePoint(context.Background(), "i1", notAfter)

		restorable := func(b drawn) bool {
			return (b.status == StatusCompleted || b.status == StatusAvailable) && !b.end.After(notAfter)
		}
		var base *drawn
		for i, b := range backups {
			if restorable(b) && (base == nil || b.end.After(base.end)) {
				base = &backups[i]
			}
		}
		if base == nil {
			var none *NoRestorePointError
			if !errors.As(err, &none) {
				t.Fatalf("no restorable backup by %v, got %+v, %v", notAfter, point, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if point.Backup.ID != base.id && !point.Backup.EndTime.Equal(base.end) {
			t.Fatalf("base %s (ended %v), want %s (ended %v)", point.Backup.ID, point.Backup.EndTime, base.id, base.end)
		}
		if point.Time.After(notAfter) {
			t.Fatalf("point %v is after not_after %v", point.Time, notAfter)
		}
		// Nothing newer, at a minute's resolution and at not_after itself.
		newest := base.end
		for m := 0; m <= 1800+300; m++ {
			at := day.Add(time.Duration(m) * time.Minute)
			if !at.After(notAfter) && !at.Before(base.begin) && covered(spans, at) && at.After(newest) {
				newest = at
			}
		}
		if !notAfter.Before(base.begin) && covered(spans, notAfter) && notAfter.After(newest) {
			newest = notAfter
		}
		switch point.Type {
		case RestoreTypeTimestamp:
			if !covered(spans, point.Time) || !point.Time.After(base.end) {
				t.Fatalf("a point in time %v that no span holds, or not after the backup's end %v", point.Time, base.end)
			}
		case RestoreTypeBackup:
			if !point.Time.Equal(base.end) {
				t.Fatalf("a backup restore to %v, not the backup's end %v", point.Time, base.end)
			}
		default:
			t.Fatalf("type %q", point.Type)
		}
		if !point.Time.Equal(newest) {
			t.Fatalf("point %s at %v, but %v is newer and restorable\nbackups %+v\nspans %v", point.Type, point.Time,
				newest, backups, spans)
		}
	})
}
