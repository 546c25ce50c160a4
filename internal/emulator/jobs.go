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
	// RestoreCancellation, when set, ends every restore Canceled with
	// these words, once it has run.
	RestoreCancellation string
	// RestoreUnauthorizedFor is how long each restore job waits for
	// authorization (status Unauthorized) before it runs.
	RestoreUnauthorizedFor time.Duration
	// BusyConflicts answers the first N requests to create a backup or to
	// restore with 409 "another operation is in progress".
	BusyConflicts int
	// JobsHiddenFor is how long a new job is unknown to GET /jobs and to
	// the task center, as the jobs page warns ("after a job is created, it
	// usually takes several seconds before the job ID can be queried");
	// zero means DefaultJobsHiddenFor, a negative value shows jobs at once.
	JobsHiddenFor time.Duration
}

// DefaultJobsHiddenFor is how long a new job stays hidden unless
// Operations says otherwise: every client of the emulator meets it.
const DefaultJobsHiddenFor = 5 * time.Second

// jobsHiddenFor is the effective JobsHiddenFor.
func (o Operations) jobsHiddenFor() time.Duration {
	switch {
	case o.JobsHiddenFor < 0:
		return 0
	case o.JobsHiddenFor == 0:
		return DefaultJobsHiddenFor
	}
	return o.JobsHiddenFor
}

// job is an asynchronous operation, as GET /v3/{project_id}/jobs shows it.
type job struct {
	id, name, instanceID string
	// created is when it was asked for; it is shown from visible on, runs
	// from runs (Unauthorized before) and ends at ends.
	created, visible, runs, ends time.Time
	// failure ends it Failed, cancellation Canceled, with these words.
	failure, cancellation string
	// done applies the operation's effect when it ends, once.
	done  func(failed bool)
	ended bool
}

// Job names, as the API writes them. The jobs page documents the names of
// the task center's jobs, and neither a manual backup's, a deletion's nor
// a restore into an existing instance's: these three are invented, in the
// documented style ("RestoreGaussDBforMySQLNewInstance").
const (
	jobCreateBackup = "CreateGaussDBforMySQLBackup"
	jobDeleteBackup = "DeleteGaussDBforMySQLBackup"
	jobRestore      = "RestoreGaussDBforMySQLInstance"
)

// Job statuses, as the jobs page of 2026-02-10 lists them.
const (
	jobUnauthorized = "Unauthorized"
	jobRunning      = "Running"
	jobCompleted    = "Completed"
	jobFailed       = "Failed"
	jobCanceled     = "Canceled"
)

// status is the job's status at now.
func (j *job) status(now time.Time) string {
	switch {
	case now.Before(j.runs):
		return jobUnauthorized
	case now.Before(j.ends):
		return jobRunning
	case j.cancellation != "":
		return jobCanceled
	case j.failure != "":
		return jobFailed
	}
	return jobCompleted
}

// reason is what the API says of a job that did not complete.
func (j *job) reason() string {
	if j.cancellation != "" {
		return j.cancellation
	}
	return j.failure
}

// process is the job's progress while it runs ("60%"), "" otherwise, as
// the jobs page says.
func (j *job) process(now time.Time) string {
	if j.status(now) != jobRunning {
		return ""
	}
	return fmt.Sprintf("%d%%", int(100*now.Sub(j.runs)/j.ends.Sub(j.runs)))
}

// jobSpec is what an operation's job does.
type jobSpec struct {
	name, instanceID string
	// waits is how long it is Unauthorized; takes how long it then runs.
	waits, takes          time.Duration
	failure, cancellation string
	done                  func(failed bool)
}

// startJob records an operation of an instance that ends after duration
// and then applies done; it returns the job id. The caller holds s.mu.
func (s *Server) startJob(spec jobSpec) string {
	now := s.now()
	s.jobCount++
	instanceID := spec.instanceID
	j := &job{id: fmt.Sprintf("job-%06d-%s", s.jobCount, instanceID[:min(8, len(instanceID))]), name: spec.name,
		instanceID: instanceID, created: now, visible: now.Add(s.opts.Operations.jobsHiddenFor()),
		runs: now.Add(spec.waits), ends: now.Add(spec.waits + spec.takes), failure: spec.failure,
		cancellation: spec.cancellation, done: spec.done}
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
				j.done(j.reason() != "")
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
// being operated: one of the codes the official provider retries (see
// ../shared/api/restore-apis.md).
const codeBusy = "DBS.200019"

// codeNoSuchJob is invented: the jobs page does not say what the API
// answers for a job it does not show (yet).
const codeNoSuchJob = "DBS.200022"

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

// getJob answers GET /v3/{project_id}/jobs?id=, in the shape of the SDK's
// GetJobInfoDetail: a job not visible yet is not found.
func (s *Server) getJob(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	id := r.URL.Query().Get("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleJobs()
	now := s.now()
	for _, j := range s.jobs {
		if j.id != id || now.Before(j.visible) {
			continue
		}
		status := j.status(now)
		body := map[string]any{"id": j.id, "name": j.name, "status": status,
			"created": j.created.UTC().Format(apiTimeLayout), "ended": "", "process": j.process(now),
			"instance": map[string]string{"id": j.instanceID, "name": s.instanceName(j.instanceID)}}
		if j.ended {
			body["ended"] = j.ends.UTC().Format(apiTimeLayout)
		}
		if status == jobFailed || status == jobCanceled {
			body["fail_reason"] = j.reason()
		}
		writeJSON(w, http.StatusOK, map[string]any{"job": body})
		return
	}
	s.writeError(w, r, http.StatusBadRequest, codeNoSuchJob, untranslated("The job does not exist."))
}
