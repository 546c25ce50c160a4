package gaussdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// RestoreRequest restores a backup or a point in time of a source instance
// into a target instance (which may be the source itself).
type RestoreRequest struct {
	SourceInstanceID string
	TargetInstanceID string
	// BackupID, or RestoreTime (to the millisecond): one of the two.
	BackupID    string
	RestoreTime time.Time
}

// body is the request's JSON body.
func (r RestoreRequest) body() (map[string]any, error) {
	body := map[string]any{"source_instance_id": r.SourceInstanceID, "target_instance_id": r.TargetInstanceID}
	switch {
	case r.BackupID != "" && r.RestoreTime.IsZero():
		body["type"], body["backup_id"] = RestoreTypeBackup, r.BackupID
	case r.BackupID == "" && !r.RestoreTime.IsZero():
		body["type"], body["restore_time"] = RestoreTypeTimestamp, r.RestoreTime.UnixMilli()
	default:
		return nil, fmt.Errorf("restoring: give a backup id or a restore time, one of the two")
	}
	return body, nil
}

// RestoreStart is the job a restore is followed by.
type RestoreStart struct {
	JobID string
	// Running is set when a restore into the target was already under way
	// (not ended, in the task center): Restore followed it and started none.
	Running *TaskCenterJob
	// Recovered is set when the answer to the restore was lost and the task
	// center showed the job it started.
	Recovered *TaskCenterJob
	// Unchecked is why the task center could not be read before the
	// restore was started, when it could not.
	Unchecked error
}

// restoreLookBack is how far back the task center is read for a restore
// still under way; restores of the largest instances take hours.
const restoreLookBack = 3 * 24 * time.Hour

// jobClockSlack allows for a job's created_time written in whole seconds by
// a clock a little off ours.
const jobClockSlack = 5 * time.Second

// Restore asks for a restore into the target, once: a restore into the
// target that the task center shows under way is followed instead of
// starting another (before the request, and at each "another operation is
// in progress", each reported to busy), and the job of a request whose
// answer is lost is looked for in the task center for JobVisibleWithin
// (a *RestoreOutcomeError when it is not found). It does not wait for the
// job: see WaitJob.
func (c *Client) Restore(ctx context.Context, r RestoreRequest, busy func(error)) (RestoreStart, error) {
	body, err := r.body()
	if err != nil {
		return RestoreStart{}, err
	}
	target := r.TargetInstanceID
	var start RestoreStart
	// known are the target's restore jobs from before the request.
	known, err := c.targetRestores(ctx, target, c.now().Add(-restoreLookBack))
	if err != nil {
		start.Unchecked = err
	} else if running := underWay(known); running != nil {
		start.JobID, start.Running = running.ID, running
		return start, nil
	}
	var answer []byte
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/instances/restore"
	errRunning := errors.New("a restore into the target is under way")
	sent, attempts := c.now(), 0
	err = whileBusy(ctx, func() error {
		if attempts++; attempts > 1 && start.Unchecked == nil {
			// Refused as busy: with what, the task center may show now.
			if jobs, err := c.targetRestores(ctx, target, c.now().Add(-restoreLookBack)); err == nil {
				if running := underWay(jobs); running != nil {
					start.JobID, start.Running = running.ID, running
					return errRunning
				}
			}
		}
		sent = c.now()
		return c.send(ctx, http.MethodPost, path, body, &answer)
	}, busy)
	var unknown *transport.OutcomeUnknownError
	switch {
	case errors.Is(err, errRunning):
		return start, nil
	case errors.As(err, &unknown):
		return c.findLostRestore(ctx, target, sent, known, start, unknown)
	case err != nil:
		return start, fmt.Errorf("restoring into instance %s: %w", target, err)
	}
	var decoded struct {
		JobID string `json:"job_id"`
	}
	if err := json.Unmarshal(answer, &decoded); err != nil || decoded.JobID == "" {
		return start, fmt.Errorf("restoring into instance %s: the answer holds no job id, so the restore cannot be "+
			"followed; it may be running: look for it in the task center", target)
	}
	start.JobID = decoded.JobID
	return start, nil
}

// targetRestores lists the task center's restore jobs into target created
// since, newest first.
func (c *Client) targetRestores(ctx context.Context, target string, since time.Time) ([]TaskCenterJob, error) {
	jobs, err := c.TaskCenterJobs(ctx, TaskCenterQuery{Since: since})
	if err != nil {
		return nil, err
	}
	jobs = slices.DeleteFunc(jobs, func(j TaskCenterJob) bool { return j.InstanceID != target || !j.IsRestore() })
	slices.SortStableFunc(jobs, func(a, b TaskCenterJob) int { return b.Created.Compare(a.Created.Time) })
	return jobs, nil
}

// underWay returns the newest of jobs that has not ended, or nil.
func underWay(jobs []TaskCenterJob) *TaskCenterJob {
	for _, j := range jobs {
		if !j.Job().Over() {
			return &j
		}
	}
	return nil
}

// RestoreOutcomeError is a restore whose answer was lost, and whose job
// the task center did not show (or showed several of).
type RestoreOutcomeError struct {
	Lost   *transport.OutcomeUnknownError
	Target string
	// Since is when the request was sent; Looks and Waited are how often
	// and how long the task center was read for a job created since.
	Since  time.Time
	Looks  int
	Waited time.Duration
	// Candidates are the restore jobs into the target that appeared since,
	// when there were several; ListErr is why the task center could not be
	// read, when it could not.
	Candidates []TaskCenterJob
	ListErr    error
}

func (e *RestoreOutcomeError) Error() string {
	lost := fmt.Sprintf("restoring into instance %s: %v", e.Target, e.Lost)
	switch {
	case e.ListErr != nil:
		return fmt.Sprintf("%s. The task center could not be read to find its job (%v): the restore may be running; "+
			"look for a restore job of instance %s created since %s in the console's task center before invoking again",
			lost, e.ListErr, e.Target, e.Since.UTC().Format(time.RFC3339))
	case len(e.Candidates) > 1:
		ids := make([]string, len(e.Candidates))
		for i, j := range e.Candidates {
			ids[i] = fmt.Sprintf("%s (%s, %s)", j.ID, j.Status, j.Created.UTC().Format(time.RFC3339))
		}
		return fmt.Sprintf("%s. The task center shows %d restore jobs of instance %s created since %s, so which one this "+
			"request started is not known: %s. Follow them in the task center", lost, len(e.Candidates), e.Target,
			e.Since.UTC().Format(time.RFC3339), strings.Join(ids, ", "))
	}
	return fmt.Sprintf("%s. The task center showed no restore job of instance %s created since %s in %d looks over %s "+
		"(a new job shows after several seconds): the restore most likely did not start, but check the task center "+
		"before invoking again", lost, e.Target, e.Since.UTC().Format(time.RFC3339), e.Looks, e.Waited.Round(time.Second))
}

func (e *RestoreOutcomeError) Unwrap() error { return e.Lost }

// findLostRestore looks in the task center, for up to JobVisibleWithin,
// for the job a restore request sent at sent started, whose answer was
// lost: a restore job into target created since, that was not known
// before.
func (c *Client) findLostRestore(ctx context.Context, target string, sent time.Time, known []TaskCenterJob,
	start RestoreStart, lost *transport.OutcomeUnknownError,
) (RestoreStart, error) {
	outcome := &RestoreOutcomeError{Lost: lost, Target: target, Since: sent}
	if start.Unchecked != nil {
		outcome.ListErr = start.Unchecked
		return start, outcome
	}
	since := sent.Add(-jobClockSlack)
	began := time.Now()
	for {
		jobs, err := c.targetRestores(ctx, target, since.Truncate(time.Second))
		outcome.Looks++
		if err != nil {
			outcome.ListErr = err
			return start, outcome
		}
		jobs = slices.DeleteFunc(jobs, func(j TaskCenterJob) bool {
			return j.Created.Before(since) || slices.ContainsFunc(known, func(k TaskCenterJob) bool { return k.ID == j.ID })
		})
		switch {
		case len(jobs) == 1:
			start.JobID, start.Recovered = jobs[0].ID, &jobs[0]
			return start, nil
		case len(jobs) > 1:
			outcome.Candidates = jobs
			return start, outcome
		}
		outcome.Waited = time.Since(began)
		if outcome.Waited >= c.jobGrace {
			return start, outcome
		}
		if err := sleep(ctx, pollWait(outcome.Waited)); err != nil {
			outcome.ListErr = fmt.Errorf("stopped looking: %w", err)
			return start, outcome
		}
	}
}
