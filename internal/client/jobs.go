package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// Job statuses, as GET /v3/{project_id}/jobs writes them.
const (
	JobPending   = "Pending"
	JobRunning   = "Running"
	JobCompleted = "Completed"
	JobFailed    = "Failed"
)

// Job is an asynchronous operation of the API.
type Job struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Process    string `json:"process"`
	FailReason string `json:"fail_reason"`
}

// GetJob reads a job.
func (c *Client) GetJob(ctx context.Context, id string) (Job, error) {
	var body []byte
	if err := c.getJSON(ctx, "/v3/"+PercentEncode(c.projectID)+"/jobs", url.Values{"id": {id}}, &body); err != nil {
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

// JobFailedError is a job that ended Failed, or in a status the API does
// not document.
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

// WaitJob polls a job until it completes (nil), fails (*JobFailedError) or
// ctx is done, reporting each status seen to progress.
func (c *Client) WaitJob(ctx context.Context, id string, progress func(Job)) (Job, error) {
	start := time.Now()
	for {
		j, err := c.GetJob(ctx, id)
		if err != nil {
			return j, err
		}
		if progress != nil {
			progress(j)
		}
		switch j.Status {
		case JobCompleted:
			return j, nil
		case JobPending, JobRunning:
		default:
			return j, &JobFailedError{Job: j}
		}
		if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
			return j, fmt.Errorf("waiting for job %s, %s after %s: %w", id, j.Status, time.Since(start).Round(time.Second), err)
		}
	}
}
