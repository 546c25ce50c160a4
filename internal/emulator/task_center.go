package emulator

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// taskCenterLimits are the page sizes ListImmediateJobs takes (the SDK's
// request model: 10, 20 or 50; 10 when left out).
var taskCenterLimits = []int{10, 20, 50}

// listImmediateJobs answers GET /v3/{project_id}/immediate-jobs, the task
// center (the SDK's ListImmediateJobs): the visible jobs, newest first,
// filtered by status, job_name, job_id and a created_time window.
func (s *Server) listImmediateJobs(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	q := r.URL.Query()
	limit, offset := 10, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(taskCenterLimits, n) {
			s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("limit"))
			return
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter("offset"))
			return
		}
		offset = n
	}
	var from, to time.Time
	for _, bound := range []struct {
		name string
		into *time.Time
	}{{"start_time", &from}, {"end_time", &to}} {
		if v := q.Get(bound.name); v != "" {
			t, err := time.Parse(apiTimeLayout, v)
			if err != nil {
				s.writeError(w, r, http.StatusBadRequest, codeInvalidParameter, msgInvalidParameter(bound.name))
				return
			}
			*bound.into = t
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	now := s.now()
	var matched []map[string]any
	for i := len(s.jobs) - 1; i >= 0; i-- {
		j := s.jobs[i]
		created := j.created.Truncate(time.Second)
		switch {
		case now.Before(j.visible),
			q.Get("status") != "" && q.Get("status") != j.status(now),
			q.Get("job_name") != "" && q.Get("job_name") != j.name,
			q.Get("job_id") != "" && q.Get("job_id") != j.id,
			!from.IsZero() && created.Before(from),
			!to.IsZero() && created.After(to):
			continue
		}
		matched = append(matched, s.taskCenterJob(j, now))
	}
	page := []map[string]any{}
	if offset < len(matched) {
		page = matched[offset:min(offset+limit, len(matched))]
	}
	writeJSON(w, http.StatusOK, map[string]any{"jobs": page, "total_count": len(matched)})
}

// taskCenterJob is a job as the task center shows it (the SDK's
// TaskDetailInfo). The caller holds s.mu.
func (s *Server) taskCenterJob(j *job, now time.Time) map[string]any {
	status := j.status(now)
	item := map[string]any{"job_id": j.id, "job_name": j.name, "status": status, "process": j.process(now),
		"created_time": j.created.UTC().Format(apiTimeLayout), "ended_time": "",
		"instance_id": j.instanceID, "instance_name": s.instanceName(j.instanceID), "instance_status": "normal"}
	if j.ended {
		item["ended_time"] = j.ends.UTC().Format(apiTimeLayout)
	}
	if status == jobFailed || status == jobCanceled {
		item["fail_reason"] = j.reason()
	}
	return item
}
