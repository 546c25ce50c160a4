package emulator

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// codeNoSuchInstance is the service's answer, with 400, to an instance id
// it does not know.
const codeNoSuchInstance = "DBS.200823"

func msgNoSuchInstance() message {
	return message{en: "The DB instance does not exist.", zh: "实例不存在。"}
}

// incrementalQuery is a parsed, validated incremental-backups query.
type incrementalQuery struct {
	instanceID    string
	begin, end    time.Time
	offset, limit int
	offsite       bool
	readings      Readings
}

// parseIncrementalQuery validates the query as the API does at now: a
// limit of 10, 20 or 50, and begin_time and end_time together.
func parseIncrementalQuery(instanceID string, values url.Values, quirks Quirks, now time.Time) (incrementalQuery, *message) {
	q := incrementalQuery{instanceID: instanceID, limit: 10}
	invalid := func(name string) (incrementalQuery, *message) {
		m := msgInvalidParameter(name)
		return q, &m
	}
	if v := values.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return invalid("offset")
		}
		q.offset = n
	}
	if v := values.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n != 10 && n != 20 && n != 50 {
			return invalid("limit")
		}
		q.limit = n
	}
	switch v := values.Get("display_offsite_backup"); v {
	case "", "false":
	case "true":
		q.offsite = true
	default:
		return invalid("display_offsite_backup")
	}
	if values.Has("begin_time") != values.Has("end_time") {
		m := msgTimesTogether()
		return q, &m
	}
	for _, bound := range []struct {
		name string
		into *time.Time
	}{{"begin_time", &q.begin}, {"end_time", &q.end}} {
		v := values.Get(bound.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(apiTimeLayout, v)
		if err != nil {
			return invalid(bound.name)
		}
		if quirks.RejectFutureTimes && !t.Before(now) {
			m := msgTimeNotBeforeNow(bound.name)
			return q, &m
		}
		*bound.into = t
	}
	if !q.begin.IsZero() && !q.end.After(q.begin) {
		m := msgEndNotAfterBegin()
		return q, &m
	}
	return q, nil
}

func msgTimesTogether() message {
	return message{
		en: "Invalid parameter: begin_time and end_time must be set together",
		zh: "参数错误：begin_time和end_time必须同时设置",
	}
}

// matches says whether a log is selected: the instance's, same-region
// unless offsite, within the window as the readings apply it, and within
// retention (from).
func (q incrementalQuery) matches(b IncrementalBackup, from time.Time) bool {
	return b.InstanceID == q.instanceID && (q.offsite || q.readings.OffsiteSwitchIgnored || b.Type == typeLog) &&
		!b.EndTime.Before(from) && q.readings.keeps(q.begin, q.end, b.BeginTime, b.EndTime)
}

// listIncrementalBackups answers GET
// /v3/{project_id}/instances/{instance_id}/incremental-backups.
func (s *Server) listIncrementalBackups(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	n := s.incrementalCalls.Add(1)
	if every(s.opts.Faults.GrowEvery, n) {
		s.growLog()
	}
	deleteNearFront(s, &s.incrementals, n)
	if s.injectFault(w, r, n) {
		return
	}
	q, problem := parseIncrementalQuery(r.PathValue("instance_id"), r.URL.Query(), s.opts.Quirks, s.now())
	q.readings = s.opts.Readings
	if problem != nil {
		s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, *problem)
		return
	}
	if !s.instanceExists(q.instanceID) {
		s.writeError(w, r, http.StatusBadRequest, codeNoSuchInstance, msgNoSuchInstance())
		return
	}
	from := s.retainedFrom(q.instanceID)
	serveList(s, w, r, n, &s.incrementals, func(b IncrementalBackup) bool { return q.matches(b, from) }, q.offset, q.limit,
		s.opts.Readings.IncrementalOldestFirst)
	if q.offset == 0 {
		s.mu.Lock()
		grow := s.grownLogs < s.opts.Faults.GrowDuringListings
		s.mu.Unlock()
		if grow {
			s.growLog()
		}
	}
}

// AddIncrementalBackup adds a log, as the cloud does when one is uploaded.
func (s *Server) AddIncrementalBackup(b IncrementalBackup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, _ := slices.BinarySearchFunc(s.incrementals, b, func(a, b IncrementalBackup) int {
		if c := b.BeginTime.Compare(a.BeginTime); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	s.incrementals = slices.Insert(s.incrementals, i, b)
}

// IncrementalRequests returns how many authenticated incremental-backups
// requests the server has answered, faults included.
func (s *Server) IncrementalRequests() int64 {
	return s.incrementalCalls.Load()
}

// growLog uploads a new log of SeedInstanceA, continuing its newest.
func (s *Server) growLog() {
	s.mu.Lock()
	s.grownLogs++
	n := s.grownLogs
	begin := s.now().UTC().Truncate(time.Second)
	for _, b := range s.incrementals {
		if b.InstanceID == SeedInstanceA {
			begin = b.EndTime
			break
		}
	}
	s.mu.Unlock()
	s.AddIncrementalBackup(IncrementalBackup{
		ID: "grownlog" + strconv.Itoa(n) + "00000000000000000000000br08", Name: "binlog-grown-" + strconv.Itoa(n),
		InstanceID: SeedInstanceA, BeginTime: begin, EndTime: begin.Add(5 * time.Minute), SizeKB: 512, Type: typeLog,
	})
}

// instanceExists says whether any backup or log is of the instance.
func (s *Server) instanceExists(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.backups, func(b Backup) bool { return b.InstanceID == id }) ||
		slices.ContainsFunc(s.incrementals, func(b IncrementalBackup) bool { return b.InstanceID == id })
}

// retainedFrom is when the instance's log retention begins: LogRetention
// before the end of its newest log.
func (s *Server) retainedFrom(instanceID string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.incrementals {
		if b.InstanceID == instanceID {
			return b.EndTime.Add(-s.logRetention())
		}
	}
	return time.Time{}
}

// logRetention is how long logs are kept; a week unless Options say.
func (s *Server) logRetention() time.Duration {
	if s.opts.LogRetention > 0 {
		return s.opts.LogRetention
	}
	return 7 * 24 * time.Hour
}
