package gaussdb

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// restoreWorld is a model of one instance's backups, binlogs and restore
// window, serving GET /backups, .../incremental-backups and
// .../restore-time as a deployment would under a reading of what
// restore-time's pages leave open. Written for the tests, apart from the
// emulator and from the client's own derivation of the window.
type restoreWorld struct {
	now     time.Time
	bases   []worldBackup
	logs    []worldLog
	reading restoreReading

	mu            sync.Mutex
	windowQueries []url.Values
}

type worldBackup struct {
	id, status string
	begin, end time.Time // end zero while BUILDING
}

type worldLog struct {
	id         string
	begin, end time.Time
	offsite    bool
}

// restoreReading is how the model answers restore-time.
type restoreReading struct {
	// missing answers {} ("absent"), a null list ("null") or an empty one
	// ("empty") whatever the window.
	missing string
	// uncut leaves the spans whole, reaching past the window asked.
	uncut bool
	// filter keeps the spans that overlap the window ("" or "overlap"),
	// that start inside it ("start"), or that lie inside it ("inside").
	filter string
	// msIgnored answers as a deployment from before start_time and
	// end_time: with the whole window ("whole") or today's ("today").
	msIgnored string
	// dateZone reads date as a day of this offset from UTC.
	dateZone time.Duration
}

func (r restoreReading) String() string {
	parts := []string{}
	for _, p := range []struct {
		name  string
		value string
	}{{"missing", r.missing}, {"filter", r.filter}, {"ms ignored", r.msIgnored}} {
		if p.value != "" {
			parts = append(parts, p.name+"="+p.value)
		}
	}
	if r.uncut {
		parts = append(parts, "uncut")
	}
	if r.dateZone != 0 {
		parts = append(parts, "date zone "+r.dateZone.String())
	}
	if len(parts) == 0 {
		return "as documented"
	}
	return strings.Join(parts, ", ")
}

// benign says whether the reading leaves the whole truth in some answer the
// client can ask for: then the client must answer, and exactly.
func (r restoreReading) benign() bool {
	return r.missing == "" && r.msIgnored != "today"
}

// truth is the restore window: from the end of each restorable full backup,
// for as long as the binlogs in the instance's region follow one another
// without a gap; overlapping spans joined.
func (w *restoreWorld) truth() []TimeRange {
	logs := slices.Clone(w.logs)
	slices.SortFunc(logs, func(a, b worldLog) int { return a.begin.Compare(b.begin) })
	var spans []TimeRange
	for _, b := range w.bases {
		if b.status != StatusCompleted && b.status != StatusAvailable || b.end.IsZero() || b.end.After(w.now) {
			continue
		}
		at := b.end
		for _, l := range logs {
			if l.offsite || !l.end.After(at) {
				continue
			}
			if l.begin.After(at) {
				break
			}
			at = l.end
		}
		if at.After(b.end) {
			spans = append(spans, TimeRange{Begin: b.end, End: at})
		}
	}
	slices.SortFunc(spans, func(a, b TimeRange) int { return a.Begin.Compare(b.Begin) })
	var joined []TimeRange
	for _, s := range spans {
		if n := len(joined); n > 0 && !s.Begin.After(joined[n-1].End) {
			if s.End.After(joined[n-1].End) {
				joined[n-1].End = s.End
			}
			continue
		}
		joined = append(joined, s)
	}
	return joined
}

// truthWithin is the window cut to [from, to].
func (w *restoreWorld) truthWithin(from, to time.Time) []TimeRange {
	var cut []TimeRange
	for _, s := range w.truth() {
		if s.End.Before(from) || s.Begin.After(to) {
			continue
		}
		cut = append(cut, TimeRange{Begin: laterTime(s.Begin, from), End: earlierTime(s.End, to)})
	}
	return cut
}

func (w *restoreWorld) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, "/restore-time"):
		w.serveRestoreTime(rw, r)
	case strings.HasSuffix(r.URL.Path, "/incremental-backups"):
		w.serveLogs(rw, r)
	case strings.HasSuffix(r.URL.Path, "/backups"):
		w.serveBackups(rw, r)
	default:
		http.NotFound(rw, r)
	}
}

// paging reads offset and limit.
func paging(q url.Values) (offset, limit int) {
	offset, _ = strconv.Atoi(q.Get("offset"))
	limit, _ = strconv.Atoi(q.Get("limit"))
	return offset, limit
}

// page writes the items from offset, at most limit, as a listing answer.
func writePage(rw http.ResponseWriter, items []string, offset, limit int) {
	page := items[min(offset, len(items)):min(offset+limit, len(items))]
	_, _ = fmt.Fprintf(rw, `{"backups": [%s], "total_count": %d}`, strings.Join(page, ","), len(items))
}

// window reads begin_time and end_time, each compared with begin_time.
func window(q url.Values) func(time.Time) bool {
	begin, _ := time.Parse(apiTimeLayout, q.Get("begin_time"))
	end, _ := time.Parse(apiTimeLayout, q.Get("end_time"))
	return func(t time.Time) bool {
		return (begin.IsZero() || !t.Before(begin)) && (end.IsZero() || !t.After(end))
	}
}

func (w *restoreWorld) serveBackups(rw http.ResponseWriter, r *http.Request) {
	bases := slices.Clone(w.bases)
	slices.SortFunc(bases, func(a, b worldBackup) int { return b.begin.Compare(a.begin) })
	in := window(r.URL.Query())
	var items []string
	for _, b := range bases {
		if !in(b.begin) || b.begin.After(w.now) {
			continue
		}
		end := ""
		if !b.end.IsZero() {
			end = FormatAPITime(b.end)
		}
		items = append(items, fmt.Sprintf(`{"id": %q, "instance_id": "i1", "status": %q, "begin_time": %q, "end_time": %q}`,
			b.id, b.status, FormatAPITime(b.begin), end))
	}
	offset, limit := paging(r.URL.Query())
	writePage(rw, items, offset, limit)
}

func (w *restoreWorld) serveLogs(rw http.ResponseWriter, r *http.Request) {
	logs := slices.Clone(w.logs)
	slices.SortFunc(logs, func(a, b worldLog) int { return b.begin.Compare(a.begin) })
	in := window(r.URL.Query())
	offsite := r.URL.Query().Get("display_offsite_backup") == "true"
	var items []string
	for _, l := range logs {
		if !in(l.begin) || l.offsite && !offsite || l.end.After(w.now) {
			continue
		}
		kind := IncrementalTypeLog
		if l.offsite {
			kind = IncrementalTypeOffSiteLog
		}
		items = append(items, fmt.Sprintf(`{"id": %q, "instance_id": "i1", "begin_time": %q, "end_time": %q, "backup_type": %q}`,
			l.id, FormatAPITime(l.begin), FormatAPITime(l.end), kind))
	}
	offset, limit := paging(r.URL.Query())
	writePage(rw, items, offset, limit)
}

func (w *restoreWorld) serveRestoreTime(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	w.mu.Lock()
	w.windowQueries = append(w.windowQueries, q)
	w.mu.Unlock()
	switch w.reading.missing {
	case "absent":
		_, _ = rw.Write([]byte(`{}`))
		return
	case "null":
		_, _ = rw.Write([]byte(`{"restore_times": null}`))
		return
	case "empty":
		_, _ = rw.Write([]byte(`{"restore_times": []}`))
		return
	}
	var from, to time.Time
	switch {
	case q.Has("date"):
		day, err := time.Parse(DateLayout, q.Get("date"))
		if err != nil {
			rw.WriteHeader(http.StatusBadRequest)
			_, _ = rw.Write([]byte(`{"error_code": "DBS.200001", "error_msg": "Invalid parameter: date"}`))
			return
		}
		from = day.Add(-w.reading.dateZone)
		to = from.AddDate(0, 0, 1).Add(-time.Millisecond)
	case q.Has("start_time") && w.reading.msIgnored == "":
		start, _ := strconv.ParseInt(q.Get("start_time"), 10, 64)
		end, _ := strconv.ParseInt(q.Get("end_time"), 10, 64)
		from, to = time.UnixMilli(start).UTC(), time.UnixMilli(end).UTC()
	case w.reading.msIgnored == "today":
		from = w.now.UTC().Truncate(24 * time.Hour)
		to = from.AddDate(0, 0, 1).Add(-time.Millisecond)
	}
	var items []string
	for _, s := range w.truth() {
		if !from.IsZero() {
			keep := !s.End.Before(from) && !s.Begin.After(to)
			switch w.reading.filter {
			case "start":
				keep = !s.Begin.Before(from) && !s.Begin.After(to)
			case "inside":
				keep = !s.Begin.Before(from) && !s.End.After(to)
			}
			if !keep {
				continue
			}
			if !w.reading.uncut {
				s = TimeRange{Begin: laterTime(s.Begin, from), End: earlierTime(s.End, to)}
			}
		}
		items = append(items, fmt.Sprintf(`{"start_time": %d, "end_time": %d}`, s.Begin.UnixMilli(), s.End.UnixMilli()))
	}
	slices.Reverse(items)
	_, _ = rw.Write([]byte(`{"restore_times": [` + strings.Join(items, ",") + `]}`))
}

// sameRanges says whether two lists of ranges are the same, to the
// millisecond.
func sameRanges(a, b []TimeRange) bool {
	return slices.EqualFunc(a, b, func(x, y TimeRange) bool {
		return x.Begin.UnixMilli() == y.Begin.UnixMilli() && x.End.UnixMilli() == y.End.UnixMilli()
	})
}

// plainWorld is a week of an instance: a full backup every day at 02:00
// UTC (the newest 28 hours before now, and one FAILED), binlogs of five
// minutes each from six days ago to now, with a gap of an hour two days
// ago, and their copies in another region.
func plainWorld(now time.Time) *restoreWorld {
	w := &restoreWorld{now: now}
	day := now.Add(-28 * time.Hour).Truncate(24 * time.Hour).Add(2 * time.Hour)
	for i := range 6 {
		begin := day.AddDate(0, 0, -i)
		status := StatusCompleted
		if i == 2 {
			status = StatusFailed
		}
		w.bases = append(w.bases, worldBackup{id: fmt.Sprintf("full%d", i), status: status, begin: begin,
			end: begin.Add(20 * time.Minute)})
	}
	gap := now.Add(-48 * time.Hour)
	for at, i := now.Add(-6*24*time.Hour).Truncate(time.Minute), 0; at.Add(5 * time.Minute).Before(now); i++ {
		if !at.Before(gap) && at.Before(gap.Add(time.Hour)) {
			at = at.Add(5 * time.Minute)
			continue
		}
		w.logs = append(w.logs, worldLog{id: fmt.Sprintf("log%04d", i), begin: at, end: at.Add(5 * time.Minute)},
			worldLog{id: fmt.Sprintf("off%04d", i), begin: at, end: at.Add(5 * time.Minute), offsite: true})
		at = at.Add(5 * time.Minute)
	}
	return w
}
