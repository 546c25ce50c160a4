package gaussdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/transport"
)

// ManualBackup is what a manual backup is created with.
type ManualBackup struct {
	InstanceID  string `json:"instance_id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// CreatedBackup is the API's answer to a backup's creation.
type CreatedBackup struct {
	ID    string
	JobID string
	// Found says how the backup was told apart, when the answer was lost
	// and the backup found by its name.
	Found string
}

// CreateBackup asks for a manual backup, waiting out "another operation is
// in progress" until ctx is done (each refusal reported to busy). When the
// answer is lost, the backup is looked for by its name, and taken only
// with proof that this request made it (see findLostBackup); otherwise a
// *BackupOutcomeError names what was found. It does not wait for the
// backup: see WaitBackup.
func (c *Client) CreateBackup(ctx context.Context, b ManualBackup, busy func(error)) (CreatedBackup, error) {
	// What already bears the name is never taken for what the request
	// made, should its answer be lost.
	before, beforeErr := c.ListBackups(ctx, namedManualBackups(b, c.now().Add(-lostBackupLookBack)))
	var body []byte
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/backups/create"
	var sent time.Time
	err := whileBusy(ctx, func() error {
		sent = c.now()
		return c.send(ctx, http.MethodPost, path, b, &body)
	}, busy)
	if unknown := (*transport.OutcomeUnknownError)(nil); errors.As(err, &unknown) {
		lost := lostBackupRequest{backup: b, sent: sent, lostAt: c.now(), before: before.Backups, beforeErr: beforeErr,
			err: unknown}
		return c.findLostBackup(ctx, lost)
	}
	if err != nil {
		return CreatedBackup{}, fmt.Errorf("creating backup %q of instance %s: %w", b.Name, b.InstanceID, err)
	}
	var answer struct {
		Backup struct {
			ID string `json:"id"`
		} `json:"backup"`
		JobID string `json:"job_id"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.Backup.ID == "" {
		return CreatedBackup{}, fmt.Errorf("creating backup %q of instance %s: the answer holds no backup id", b.Name, b.InstanceID)
	}
	return CreatedBackup{ID: answer.Backup.ID, JobID: answer.JobID}, nil
}

// ListedWithin is how long a backup just created may be missing from the
// listing before WaitBackup gives up on it, or a backup whose creation's
// answer was lost is looked for.
const ListedWithin = time.Minute

// BackupNotFoundError is a backup that the listing does not hold.
type BackupNotFoundError struct {
	ID string
}

func (e *BackupNotFoundError) Error() string {
	return fmt.Sprintf("backup %s does not exist (the API lists no backup with that id)", e.ID)
}

// GetBackup reads one backup through the listing.
func (c *Client) GetBackup(ctx context.Context, id string) (Backup, error) {
	listing, err := c.ListBackups(ctx, BackupQuery{BackupID: id})
	if err != nil {
		return Backup{}, err
	}
	for _, b := range listing.Backups {
		if b.ID == id {
			return b, nil
		}
	}
	return Backup{}, &BackupNotFoundError{ID: id}
}

// BackupFailedError is a backup that ended FAILED.
type BackupFailedError struct {
	ID string
	// Reason is the API's words, from the backup's job, when it gave any.
	Reason string
}

func (e *BackupFailedError) Error() string {
	reason := e.Reason
	if reason == "" {
		reason = "the API gave no reason"
	}
	return fmt.Sprintf("backup %s ended FAILED: %s", e.ID, reason)
}

// WaitBackup polls a backup until it can be restored from (COMPLETED or
// AVAILABLE), fails (*BackupFailedError, with its job's words when jobID
// is known) or ctx is done, reporting each status seen to progress.
func (c *Client) WaitBackup(ctx context.Context, id, jobID string, progress func(Backup)) (Backup, error) {
	start := time.Now()
	for {
		b, err := c.GetBackup(ctx, id)
		if errors.As(err, new(*BackupNotFoundError)) && time.Since(start) < c.listingLag {
			// Just created: the listing may not hold it yet.
			if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
				return b, fmt.Errorf("waiting for backup %s to be listed: %w", id, err)
			}
			continue
		}
		if err != nil {
			return b, err
		}
		if progress != nil {
			progress(b)
		}
		switch b.Status {
		case StatusCompleted, StatusAvailable:
			return b, nil
		case StatusFailed:
			return b, &BackupFailedError{ID: id, Reason: c.failReason(ctx, jobID)}
		}
		if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
			return b, fmt.Errorf("waiting for backup %s, %s after %s: %w", id, b.Status, time.Since(start).Round(time.Second), err)
		}
	}
}

// failReason is what the API says of a failed job, "" when it says nothing
// or its job is not known: the job is waited for while the API does not
// show it yet, within the client's grace.
func (c *Client) failReason(ctx context.Context, jobID string) string {
	if jobID == "" {
		return ""
	}
	start := time.Now()
	for {
		j, err := c.GetJob(ctx, jobID)
		if err == nil || !notShownYet(err) || time.Since(start) >= c.jobGrace {
			return j.FailReason
		}
		if sleep(ctx, pollWait(time.Since(start))) != nil {
			return ""
		}
	}
}

// DeleteBackup deletes a manual backup and waits until the listing no
// longer holds it, waiting out "another operation is in progress". A
// backup already gone is not an error: a DELETE refused with any 4xx is
// followed by a read, and a backup the listing does not hold is gone (for
// a 404 or 400, which may mean "no such backup", the listing is given the
// time it may lag).
func (c *Client) DeleteBackup(ctx context.Context, id string, busy func(error)) error {
	path := "/v3/" + transport.PercentEncode(c.projectID) + "/backups/" + transport.PercentEncode(id)
	err := whileBusy(ctx, func() error { return c.send(ctx, http.MethodDelete, path, nil, nil) }, busy)
	var apiErr *transport.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 {
		lag := time.Duration(0)
		if apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusBadRequest {
			lag = c.listingLag
		}
		gone, readErr := c.goneWithin(ctx, id, lag)
		switch {
		case gone:
			return nil
		case readErr != nil:
			return fmt.Errorf("deleting backup %s: %w; reading it afterwards: %v", id, err, readErr)
		}
	}
	if err != nil {
		return fmt.Errorf("deleting backup %s: %w", id, err)
	}
	start := time.Now()
	for {
		_, err := c.GetBackup(ctx, id)
		if errors.As(err, new(*BackupNotFoundError)) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for backup %s to be deleted: %w", id, err)
		}
		if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
			return fmt.Errorf("waiting %s for backup %s to be deleted: %w", time.Since(start).Round(time.Second), id, err)
		}
	}
}

// goneWithin says whether the listing stops holding a backup within lag
// (zero: one read).
func (c *Client) goneWithin(ctx context.Context, id string, lag time.Duration) (bool, error) {
	start := time.Now()
	for {
		_, err := c.GetBackup(ctx, id)
		switch {
		case errors.As(err, new(*BackupNotFoundError)):
			return true, nil
		case err != nil:
			return false, err
		case time.Since(start) >= lag:
			return false, nil
		}
		if err := sleep(ctx, pollWait(time.Since(start))); err != nil {
			return false, err
		}
	}
}
