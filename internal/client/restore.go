package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
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

// Restore asks for a restore, waiting out "another operation is in
// progress" on the target until ctx is done (each refusal reported to
// busy), and returns the restore's job id. It does not wait for the job:
// see WaitJob.
func (c *Client) Restore(ctx context.Context, r RestoreRequest, busy func(error)) (string, error) {
	body := map[string]any{"source_instance_id": r.SourceInstanceID, "target_instance_id": r.TargetInstanceID}
	switch {
	case r.BackupID != "" && r.RestoreTime.IsZero():
		body["type"], body["backup_id"] = RestoreTypeBackup, r.BackupID
	case r.BackupID == "" && !r.RestoreTime.IsZero():
		body["type"], body["restore_time"] = RestoreTypeTimestamp, r.RestoreTime.UnixMilli()
	default:
		return "", fmt.Errorf("restoring: give a backup id or a restore time, one of the two")
	}
	var answer []byte
	path := "/v3/" + PercentEncode(c.projectID) + "/instances/restore"
	if err := whileBusy(ctx, func() error { return c.send(ctx, http.MethodPost, path, body, &answer) }, busy); err != nil {
		return "", fmt.Errorf("restoring into instance %s: %w", r.TargetInstanceID, err)
	}
	var decoded struct {
		JobID string `json:"job_id"`
	}
	if err := json.Unmarshal(answer, &decoded); err != nil || decoded.JobID == "" {
		return "", fmt.Errorf("restoring into instance %s: the answer holds no job id, so the restore cannot be "+
			"followed; it may be running", r.TargetInstanceID)
	}
	return decoded.JobID, nil
}
