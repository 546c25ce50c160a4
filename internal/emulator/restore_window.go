package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// timeSpan is a span of restorable points, both ends included.
type timeSpan struct{ begin, end time.Time }

// restoreWindow derives an instance's restore window: from the end of each
// restorable full backup, as far as its same-region logs run on without a
// gap; cut to the log retention, and joined where spans overlap.
func (s *Server) restoreWindow(instanceID string) []timeSpan {
	from := s.retainedFrom(instanceID)
	s.mu.Lock()
	var logs []IncrementalBackup
	for _, b := range s.incrementals {
		if b.InstanceID == instanceID && b.Type == typeLog {
			logs = append(logs, b)
		}
	}
	var bases []time.Time
	for _, b := range s.backups {
		if b.InstanceID == instanceID && (b.Status == "COMPLETED" || b.Status == "AVAILABLE") && !b.EndTime.IsZero() {
			bases = append(bases, b.EndTime)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(logs, func(a, b IncrementalBackup) int { return a.BeginTime.Compare(b.BeginTime) })

	var spans []timeSpan
	for _, base := range bases {
		reach := base
		for _, l := range logs {
			if l.BeginTime.After(reach) {
				// A gap: the logs after it need a later base.
				break
			}
			if l.EndTime.After(reach) {
				reach = l.EndTime
			}
		}
		if reach.After(base) && reach.After(from) {
			spans = append(spans, timeSpan{begin: laterOf(base, from), end: reach})
		}
	}
	return joinSpans(spans)
}

// joinSpans sorts spans and joins those that overlap or touch.
func joinSpans(spans []timeSpan) []timeSpan {
	slices.SortFunc(spans, func(a, b timeSpan) int { return a.begin.Compare(b.begin) })
	var joined []timeSpan
	for _, sp := range spans {
		if n := len(joined); n > 0 && !sp.begin.After(joined[n-1].end) {
			joined[n-1].end = laterOf(joined[n-1].end, sp.end)
			continue
		}
		joined = append(joined, sp)
	}
	return joined
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// restoreTimeQuery is a parsed restore-time query: a day, or a window of
// milliseconds, or neither (the whole retention).
type restoreTimeQuery struct {
	from, to time.Time
}

// parseRestoreTimeQuery validates the query as the API does: date as
// yyyy-mm-dd (a day of zone: UTC when nil), which wins over start_time and
// end_time; those are milliseconds, each required with the other, the end
// after the start.
func parseRestoreTimeQuery(values url.Values, zone *time.Location) (restoreTimeQuery, *message) {
	invalid := func(name string) (restoreTimeQuery, *message) {
		m := msgInvalidParameter(name)
		return restoreTimeQuery{}, &m
	}
	if values.Has("date") {
		if zone == nil {
			zone = time.UTC
		}
		day, err := time.ParseInLocation("2006-01-02", values.Get("date"), zone)
		if err != nil {
			return invalid("date")
		}
		day = day.UTC()
		return restoreTimeQuery{from: day, to: day.AddDate(0, 0, 1).Add(-time.Millisecond)}, nil
	}
	if values.Has("start_time") != values.Has("end_time") {
		m := message{
			en: "Invalid parameter: start_time and end_time must be set together",
			zh: "参数错误：start_time和end_time必须同时设置",
		}
		return restoreTimeQuery{}, &m
	}
	if !values.Has("start_time") {
		return restoreTimeQuery{}, nil
	}
	var q restoreTimeQuery
	for _, bound := range []struct {
		name string
		into *time.Time
	}{{"start_time", &q.from}, {"end_time", &q.to}} {
		n, err := strconv.ParseInt(values.Get(bound.name), 10, 64)
		if err != nil || n < 0 {
			return invalid(bound.name)
		}
		*bound.into = time.UnixMilli(n).UTC()
	}
	if !q.to.After(q.from) {
		m := message{
			en: "Invalid parameter: end_time must be later than start_time",
			zh: "参数错误：end_time必须晚于start_time",
		}
		return restoreTimeQuery{}, &m
	}
	return q, nil
}

// restoreTime answers GET /v3/{project_id}/instances/{instance_id}/restore-time:
// the spans of the restore window within the day or window asked for.
func (s *Server) restoreTime(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	n := s.restoreTimeCalls.Add(1)
	if s.injectFault(w, r, n) {
		return
	}
	values := r.URL.Query()
	if s.opts.Quirks.IgnoreRestoreWindow {
		values.Del("start_time")
		values.Del("end_time")
	}
	q, problem := parseRestoreTimeQuery(values, s.opts.Readings.DateZone)
	if problem != nil {
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, *problem)
		return
	}
	instanceID := r.PathValue("instance_id")
	if !s.instanceExists(instanceID) {
		s.writeError(w, r, http.StatusBadRequest, codeNoSuchInstance, msgNoSuchInstance())
		return
	}
	readings := s.opts.Readings
	switch readings.RestoreTimesMissing {
	case "absent":
		writeJSON(w, http.StatusOK, map[string]any{})
		return
	case "null":
		writeJSON(w, http.StatusOK, map[string]any{"restore_times": nil})
		return
	}
	if q.from.IsZero() && readings.NoWindowIsToday {
		q.from = s.now().UTC().Truncate(24 * time.Hour)
		q.to = q.from.AddDate(0, 0, 1).Add(-time.Millisecond)
	}
	answer := []map[string]int64{}
	for _, sp := range s.restoreWindow(instanceID) {
		if readings.RestoreTimesMissing == "empty" {
			break
		}
		if !q.from.IsZero() {
			if !q.holds(sp, readings.SpansFilter) {
				continue
			}
			if !readings.SpansUncut {
				sp.begin, sp.end = laterOf(sp.begin, q.from), earlierOf(sp.end, q.to)
			}
		}
		answer = append(answer, map[string]int64{"start_time": sp.begin.UnixMilli(), "end_time": sp.end.UnixMilli()})
	}
	if s.opts.Quirks.SpansNewestFirst {
		slices.Reverse(answer)
	}
	writeJSON(w, http.StatusOK, map[string]any{"restore_times": answer})
}

// holds says whether the answer to q holds a span: one that overlaps the
// day or window asked ("overlap" or ""), that starts inside it ("start"), or
// that lies inside it ("inside").
func (q restoreTimeQuery) holds(sp timeSpan, filter string) bool {
	switch filter {
	case "start":
		return !sp.begin.Before(q.from) && !sp.begin.After(q.to)
	case "inside":
		return !sp.begin.Before(q.from) && !sp.end.After(q.to)
	}
	return !sp.end.Before(q.from) && !sp.begin.After(q.to)
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// RestoreTimeRequests returns how many authenticated restore-time requests
// the server has answered, faults included.
func (s *Server) RestoreTimeRequests() int64 {
	return s.restoreTimeCalls.Load()
}
