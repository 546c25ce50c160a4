package emulator

import (
	"fmt"
	"net/http"
	"time"
)

// Operations shapes the emulator's asynchronous operations: how long
// manual backups, deletions and restores take, how they fail, and how
// often the instance is busy with another operation.
type Operations struct {
	// BackupDuration, DeleteDuration and RestoreDuration are how long each
	// takes; zero is done at the next request.
	BackupDuration  time.Duration
	DeleteDuration  time.Duration
	RestoreDuration time.Duration
	// BackupsCompleteAs is the status a manual backup ends in:
	// "COMPLETED" (the default) or "AVAILABLE".
	BackupsCompleteAs string
	// BackupFailure, when set, fails every manual backup with these words.
	BackupFailure string
	// RestoreFailure, when set, fails every restore with these words.
	RestoreFailure string
	// BusyConflicts answers the first N requests to create a backup or to
	// restore with 409 "another operation is in progress".
	BusyConflicts int
}

// job is an asynchronous operation, as GET /v3/{project_id}/jobs shows it.
type job struct {
	id, name, instanceID string
	created, ends        time.Time
	failure              string
	// done applies the operation's effect when it ends, once.
	done  func(failed bool)
	ended bool
}

// Job names, as the API writes them.
const (
	jobCreateBackup = "CreateGaussDBforMySQLBackup"
	jobDeleteBackup = "DeleteGaussDBforMySQLBackup"
	jobRestore      = "RestoreGaussDBforMySQLInstance"
)

// status is the job's status at now.
func (j *job) status(now time.Time) string {
	switch {
	case now.Before(j.ends):
		return "Running"
	case j.failure != "":
		return "Failed"
	}
	return "Completed"
}

// startJob records an operation of an instance that ends after duration
// and then applies done; it returns the job id.
func (s *Server) startJob(name, instanceID string, duration time.Duration, failure string, done func(failed bool)) string {
	now := s.now()
	s.jobCount++
	j := &job{id: fmt.Sprintf("job-%06d-%s", s.jobCount, instanceID[:min(8, len(instanceID))]), name: name,
		instanceID: instanceID, created: now, ends: now.Add(duration), failure: failure, done: done}
	s.jobs = append(s.jobs, j)
	return j.id
}

// settleJobs ends the jobs whose time has come, applying their effects.
// The caller holds s.mu.
func (s *Server) settleJobs() {
	now := s.now()
	for _, j := range s.jobs {
		if !j.ended && !now.Before(j.ends) {
			j.ended = true
			if j.done != nil {
				j.done(j.failure != "")
			}
		}
	}
}

// busy says whether an operation of the instance is still running. The
// caller holds s.mu.
func (s *Server) busy(instanceID string) bool {
	for _, j := range s.jobs {
		if j.instanceID == instanceID && !j.ended {
			return true
		}
	}
	return false
}

// codeBusy is what the service answers, with 409, while an instance is
// being operated.
const codeBusy = "DBS.200019"

func msgBusy() message {
	return message{
		en: "Another operation is being performed on the DB instance or the DB instance is faulty.",
		zh: "实例正在进行其他操作或实例故障。",
	}
}

// refuseWhenBusy answers 409 when the instance is busy, or a BusyConflicts
// fault is due, and says whether it did. The caller holds s.mu.
func (s *Server) refuseWhenBusy(w http.ResponseWriter, r *http.Request, instanceID string) bool {
	if s.conflictsServed < s.opts.Operations.BusyConflicts || s.busy(instanceID) {
		s.conflictsServed++
		s.writeError(w, r, http.StatusConflict, codeBusy, msgBusy())
		return true
	}
	return false
}

// getJob answers GET /v3/{project_id}/jobs?id=.
func (s *Server) getJob(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	id := r.URL.Query().Get("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	for _, j := range s.jobs {
		if j.id != id {
			continue
		}
		now := s.now()
		status := j.status(now)
		body := map[string]any{"id": j.id, "name": j.name, "status": status,
			"created": j.created.UTC().Format(apiTimeLayout), "instance": map[string]string{"id": j.instanceID}}
		if total := j.ends.Sub(j.created); status == "Running" && total > 0 {
			body["process"] = fmt.Sprintf("%d%%", int(100*now.Sub(j.created)/total))
		}
		if status != "Running" {
			body["ended"] = j.ends.UTC().Format(apiTimeLayout)
		}
		if status == "Failed" {
			body["fail_reason"] = j.failure
		}
		writeJSON(w, http.StatusOK, map[string]any{"job": body})
		return
	}
	s.writeError(w, r, http.StatusBadRequest, "DBS.200022", untranslated("The job does not exist."))
}
