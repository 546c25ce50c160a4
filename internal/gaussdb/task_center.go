package gaussdb

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// TaskCenterJob is a job as the task center lists it
// (GET /v3/{project_id}/immediate-jobs, the SDK's TaskDetailInfo).
type TaskCenterJob struct {
	ID           string `json:"job_id"`
	Name         string `json:"job_name"`
	Status       string `json:"status"`
	Process      string `json:"process"`
	Created      Time   `json:"created_time"`
	Ended        Time   `json:"ended_time"`
	FailReason   string `json:"fail_reason"`
	InstanceID   string `json:"instance_id"`
	InstanceName string `json:"instance_name"`
}

// Job is the task center's job as GET /jobs writes one.
func (j TaskCenterJob) Job() Job {
	job := Job{ID: j.ID, Name: j.Name, Status: j.Status, Process: j.Process, FailReason: j.FailReason,
		Created: j.Created, Ended: j.Ended}
	job.Instance.ID, job.Instance.Name = j.InstanceID, j.InstanceName
	return job
}

// IsRestore says whether the job restores into an instance. The pages list
// the task center's job names but not that of a restore into an existing
// instance (a restore into a new one is RestoreGaussDBforMySQLNewInstance),
// so any name holding "restore" is taken as one.
func (j TaskCenterJob) IsRestore() bool {
	return strings.Contains(strings.ToLower(j.Name), "restore")
}

// TaskCenterQuery selects jobs of the task center; every field is optional.
type TaskCenterQuery struct {
	// Status is one of the job statuses.
	Status string
	// Since bounds the jobs' created_time from below (start_time).
	Since time.Time
}

// taskCenterPage is the largest page the task center serves (10, 20 or 50).
const taskCenterPage = 50

// maxTaskCenterPages bounds one listing: the jobs of a project in one
// status are few.
const maxTaskCenterPages = 20

// TaskCenterJobs lists the task center's jobs that q selects, every page.
// The pages do not say how the task center pages (its offset's default is
// documented as 1), so a listing that does not add up to its total_count is
// an error rather than a partial answer.
func (c *Client) TaskCenterJobs(ctx context.Context, q TaskCenterQuery) ([]TaskCenterJob, error) {
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/immediate-jobs"
	var jobs []TaskCenterJob
	seen := map[string]bool{}
	for page := 0; page < maxTaskCenterPages; page++ {
		query := url.Values{"limit": {strconv.Itoa(taskCenterPage)}, "offset": {strconv.Itoa(len(jobs))}}
		if q.Status != "" {
			query.Set("status", q.Status)
		}
		if !q.Since.IsZero() {
			query.Set("start_time", FormatAPITime(q.Since))
		}
		var body []byte
		if err := c.getJSON(ctx, path, query, &body); err != nil {
			return nil, fmt.Errorf("listing the task center's jobs: %w", err)
		}
		var answer struct {
			Jobs       []TaskCenterJob `json:"jobs"`
			TotalCount *Number         `json:"total_count"`
		}
		if err := json.Unmarshal(body, &answer); err != nil {
			return nil, fmt.Errorf("listing the task center's jobs: decoding the answer: %w", err)
		}
		for _, j := range answer.Jobs {
			if !seen[j.ID] {
				seen[j.ID] = true
				jobs = append(jobs, j)
			}
		}
		total := len(jobs)
		if answer.TotalCount != nil {
			total = int(*answer.TotalCount)
		}
		switch {
		case len(jobs) >= total:
			return jobs, nil
		case len(answer.Jobs) == 0 || len(jobs) < (page+1)*taskCenterPage && len(answer.Jobs) == taskCenterPage:
			return nil, fmt.Errorf("listing the task center's jobs: the pages held %d distinct jobs of the %d its "+
				"total_count announced", len(jobs), total)
		}
	}
	return nil, fmt.Errorf("listing the task center's jobs: more than %d pages", maxTaskCenterPages)
}
