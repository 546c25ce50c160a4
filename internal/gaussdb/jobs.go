package gaussdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// Job statuses, as GET /v3/{project_id}/jobs writes them: the SDK's four,
// and Unauthorized and Canceled, which the jobs page of 2026-02-10 adds.
const (
	JobPending      = "Pending"
	JobRunning      = "Running"
	JobCompleted    = "Completed"
	JobFailed       = "Failed"
	JobUnauthorized = "Unauthorized"
	JobCanceled     = "Canceled"
)

// JobVisibleWithin is how long a job id that the API returned may be
// unknown to GET /jobs before WaitJob gives up on it: the jobs page says
// that "after a job is created, it usually takes several seconds before the
// job ID can be queried".
const JobVisibleWithin = 2 * time.Minute

// Job is an asynchronous operation of the API.
type Job struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Process is the progress of a running job ("60%"), "" otherwise.
	Process    string `json:"process"`
	FailReason string `json:"fail_reason"`
	Created    Time   `json:"created"`
	Ended      Time   `json:"ended"`
	Instance   struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"instance"`
}

// Visible says whether the API showed the job; WaitJob reports a job it
// does not show yet with only its ID.
func (j Job) Visible() bool {
	return j.Status != ""
}

// Over says whether the job has ended, one way or another.
func (j Job) Over() bool {
	switch j.Status {
	case "", JobPending, JobRunning, JobUnauthorized:
		return false
	}
	return true
}

// GetJob reads a job.
func (c *Client) GetJob(ctx context.Context, id string) (Job, error) {
	var body []byte
	if err := c.getJSON(ctx, "/v3/"+transport.PercentEncode(c.projectID)+"/jobs", url.Values{"id": {id}}, &body); err != nil {
		return Job{}, fmt.Errorf("reading job %s: %w", id, err)
	}
	var answer struct {
		Job *Job `json:"job"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.Job == nil || answer.Job.Status == "" {
		return Job{}, fmt.Errorf("reading job %s: the answer holds no job with a status", id)
	}
	return *answer.Job, nil
}

// JobFailedError is a job that ended Failed or Canceled.
type JobFailedError struct {
	Job Job
}

func (e *JobFailedError) Error() string {
	reason := e.Job.FailReason
	if reason == "" {
		reason = "the API gave no reason"
	}
	return fmt.Sprintf("job %s (%s) ended %s: %s", e.Job.ID, e.Job.Name, e.Job.Status, reason)
}

// JobStatusError is a job in a status the jobs page does not document:
// whether it is still running is not known.
type JobStatusError struct {
	Job Job
}

func (e *JobStatusError) Error() string {
	return fmt.Sprintf("job %s (%s) is in status %q, which the API's jobs page does not document (Pending, Running, "+
		"Unauthorized, Completed, Failed, Canceled), so it is not known whether it still runs", e.Job.ID, e.Job.Name,
		e.Job.Status)
}

// JobNotVisibleError is a job id the API returned that GET /jobs did not
// show within JobVisibleWithin.
type JobNotVisibleError struct {
	ID string
	// Waited is how long it was looked for, Grace how long it could be.
	Waited, Grace time.Duration
	// Last is the API's last answer for the job.
	Last error
}

func (e *JobNotVisibleError) Error() string {
	return fmt.Sprintf("job %s was still unknown to GET /jobs %s after it was returned (the API shows a new job "+
		"after several seconds; the provider waits up to %s): %v", e.ID, e.Waited.Round(time.Second), e.Grace, e.Last)
}

func (e *JobNotVisibleError) Unwrap() error { return e.Last }

// JobWaitError is a wait for a job that stopped before the job ended: the
// context ended (a timeout or an interrupt), or the job could not be read.
// The job may still be running.
type JobWaitError struct {
	// Job is the last seen of it (only its ID when it was never shown).
	Job    Job
	Waited time.Duration
	Err    error
}

func (e *JobWaitError) Error() string {
	seen := "before the API showed it"
	if e.Job.Visible() {
		seen = "while it was " + e.Job.Status
	}
	return fmt.Sprintf("stopped waiting for job %s after %s, %s: %v", e.Job.ID, e.Waited.Round(time.Second), seen, e.Err)
}

func (e *JobWaitError) Unwrap() error { return e.Err }

// notShownYet says whether err is the API's answer for a job it does not
// show: a 404, or a 400 (the pages do not say which, nor with what code).
func notShownYet(err error) bool {
	var apiErr *transport.APIError
	return errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusBadRequest)
}

// WaitJob polls a job until it completes (nil), ends Failed or Canceled
// (*JobFailedError), is in an undocumented status (*JobStatusError), is not
// shown within JobVisibleWithin (*JobNotVisibleError), or the wait stops
// (*JobWaitError: ctx done, or the job unreadable). Pending, Running and
// Unauthorized are waited for. Each look is reported to progress: a job
// not shown yet as a Job with only its ID.
func (c *Client) WaitJob(ctx context.Context, id string, progress func(Job)) (Job, error) {
	start := time.Now()
	last := Job{ID: id}
	report := func(j Job) {
		if progress != nil {
			progress(j)
		}
	}
	for {
		j, err := c.GetJob(ctx, id)
		switch {
		case err != nil && ctx.Err() == nil && notShownYet(err) && !last.Visible():
			if time.Since(start) >= c.jobGrace {
				return last, &JobNotVisibleError{ID: id, Waited: time.Since(start), Grace: c.jobGrace, Last: err}
			}
			report(last)
		case err != nil:
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return last, &JobWaitError{Job: last, Waited: time.Since(start), Err: err}
		default:
			last = j
			report(j)
			switch j.Status {
			case JobCompleted:
				return j, nil
			case JobFailed, JobCanceled:
				return j, &JobFailedError{Job: j}
			case JobPending, JobRunning, JobUnauthorized:
			default:
				return j, &JobStatusError{Job: j}
			}
		}
		if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
			return last, &JobWaitError{Job: last, Waited: time.Since(start), Err: err}
		}
	}
}
