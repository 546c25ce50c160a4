package gaussdb

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/acctest"
	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
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

// TestRestoreWindowIsTheAnswersUnionCutToTheWindow is joinRanges' promise
// as a property: whatever spans the API answers, in whatever order, the
// ranges are sorted, apart (neither overlapping nor touching), within the
// window, and cover exactly the points the answer covers within it.
func TestRestoreWindowIsTheAnswersUnionCutToTheWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answered := drawSpans(t)
		day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
		from := day.Add(time.Duration(rapid.IntRange(0, 1440).Draw(t, "from")) * time.Minute)
		to := from.Add(time.Duration(rapid.IntRange(1, 1440).Draw(t, "window")) * time.Minute)
		ranges := joinRanges(slices.Clone(answered), from, to)
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

// drawWorld draws an instance over three days to now: up to six full
// backups of any status, binlogs of a drawn length with drawn gaps (and
// copies in another region), and a reading of restore-time.
func drawWorld(t *rapid.T) *restoreWorld {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	start := now.Add(-72 * time.Hour)
	w := &restoreWorld{now: now}
	statuses := []string{StatusCompleted, StatusAvailable, StatusBuilding, StatusFailed}
	for i := range rapid.IntRange(0, 6).Draw(t, "backups") {
		begin := start.Add(time.Duration(rapid.IntRange(0, 72*60).Draw(t, fmt.Sprint("backup begin ", i))) * time.Minute)
		b := worldBackup{id: fmt.Sprintf("full%d", i), status: rapid.SampledFrom(statuses).Draw(t, fmt.Sprint("status ", i)),
			begin: begin, end: begin.Add(time.Duration(rapid.IntRange(1, 120).Draw(t, fmt.Sprint("takes ", i))) * time.Minute)}
		if b.status == StatusBuilding || b.end.After(now) {
			b.end = time.Time{}
		}
		w.bases = append(w.bases, b)
	}
	length := time.Duration(rapid.IntRange(5, 90).Draw(t, "binlog minutes")) * time.Minute
	gaps := rapid.IntRange(0, 3).Draw(t, "gaps")
	at := start.Add(time.Duration(rapid.IntRange(0, 24*60).Draw(t, "binlogs from")) * time.Minute)
	for i := 0; at.Add(length).Before(now); i++ {
		w.logs = append(w.logs, worldLog{id: fmt.Sprintf("log%d", i), begin: at, end: at.Add(length)})
		if i%3 == 0 {
			w.logs = append(w.logs, worldLog{id: fmt.Sprintf("off%d", i), begin: at, end: at.Add(length), offsite: true})
		}
		at = at.Add(length)
		if gaps > 0 && rapid.IntRange(0, 40).Draw(t, fmt.Sprint("gap after ", i)) == 0 {
			gaps--
			at = at.Add(time.Duration(rapid.IntRange(1, 600).Draw(t, fmt.Sprint("gap ", i))) * time.Minute)
		}
	}
	w.reading = rapid.SampledFrom(readings).Draw(t, "reading")
	return w
}

// TestLatestRestorePointIsTheNewestRestorableState is LatestRestorePoint's
// promise as a property: under every reading of restore-time, the point is
// the newest the instance's backups and binlogs make restorable by
// not_after, from the restorable full backup that ended last by then, or an
// error; and where the reading leaves the window in the API's answer, it is
// no error.
func TestLatestRestorePointIsTheNewestRestorableState(t *testing.T) {
	defer atLeast(listingCases)()
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		notAfter := w.now.Add(-time.Duration(rapid.IntRange(-60, 80*60).Draw(t, "not after, minutes before now")) * time.Minute)
		point, err := newWorldRapidClient(t, w).LatestRestorePoint(context.Background(), "i1", notAfter)
		kind, at, backup := w.truthPoint(earlierTime(notAfter, w.now))
		var none *NoRestorePointError
		switch {
		case backup == "":
			if !errors.As(err, &none) {
				t.Fatalf("no restorable backup by %v, got %+v, %v", notAfter, point, err)
			}
		case err != nil && w.reading.benign():
			t.Fatalf("reading %s: %v; want %s at %v from %s", w.reading, err, kind, at, backup)
		case err != nil:
		case point.Type != kind || !point.Time.Equal(at) || !point.Backup.EndTime.Equal(w.backup(backup).end):
			t.Fatalf("reading %s: got %s at %v from %s, want %s at %v from %s", w.reading, point.Type, point.Time,
				point.Backup.ID, kind, at, backup)
		}
	})
}

// TestRestoreTimeRangesAreTheTruthOrAnError is RestoreTimeRanges' promise
// as a property: under every reading of restore-time, the ranges are what
// the instance's backups and binlogs make restorable within the day or
// window asked, or an error; and no error where the reading leaves the
// window in the API's answer.
func TestRestoreTimeRangesAreTheTruthOrAnError(t *testing.T) {
	defer atLeast(listingCases)()
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		q := RestoreTimeQuery{InstanceID: "i1"}
		switch rapid.IntRange(0, 2).Draw(t, "query") {
		case 0:
			q.Date = w.now.AddDate(0, 0, -rapid.IntRange(0, 3).Draw(t, "days ago")).Format(DateLayout)
		case 1:
			q.BeginTime = w.now.Add(-time.Duration(rapid.IntRange(0, 80*60).Draw(t, "from, minutes ago")) * time.Minute)
			q.EndTime = q.BeginTime.Add(time.Duration(rapid.IntRange(1, 48*60).Draw(t, "window minutes")) * time.Minute)
		}
		ranges, err := newWorldRapidClient(t, w).RestoreTimeRanges(context.Background(), q)
		from, to, _ := q.bounds()
		if from.IsZero() {
			from = incrementalFloor
		}
		if to.IsZero() || to.After(w.now) {
			to = w.now
		}
		want := w.truthWithin(from, to)
		switch {
		case err != nil && w.reading.benign():
			t.Fatalf("reading %s: %v; want %v", w.reading, err, want)
		case err != nil:
		case !sameRanges(ranges, want):
			t.Fatalf("reading %s: got %v, want %v", w.reading, ranges, want)
		}
	})
}

// backup returns the world's backup of that id.
func (w *restoreWorld) backup(id string) worldBackup {
	for _, b := range w.bases {
		if b.id == id {
			return b
		}
	}
	return worldBackup{}
}

// atLeast makes rapid check n cases unless -rapid.checks says otherwise,
// and returns what puts the default back.
func atLeast(n int) func() {
	f := flag.Lookup("rapid.checks")
	if f == nil || flagWasSet("rapid.checks") {
		return func() {}
	}
	_ = f.Value.Set(fmt.Sprint(n))
	return func() { _ = f.Value.Set(f.DefValue) }
}

// newWorldRapidClient is worldClient for a rapid test.
func newWorldRapidClient(t *rapid.T, w *restoreWorld) *Client {
	opts := transport.Options{MaxRetries: 0, Transport: handlerTransport{w}}
	c, err := New(Options{MaxConcurrentRequests: acctest.MaxConcurrentRequests(), Endpoint: "https://gaussdb.example", ProjectID: acctest.ProjectID, Auth: transport.TokenAuth{Token: acctest.Token},
		HTTP: opts, Now: func() time.Time { return w.now }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
