package client

import (
	"context"
	"fmt"
	"time"
)

// Restore types, as POST /v3/{project_id}/instances/restore spells them.
const (
	RestoreTypeBackup    = "backup"
	RestoreTypeTimestamp = "timestamp"
)

// RestorePoint is the newest state an instance can be restored to, and how.
type RestorePoint struct {
	// Type is RestoreTypeTimestamp when a point in time is newer than the
	// newest restorable full backup, RestoreTypeBackup otherwise.
	Type string
	// Time is the point restored to: the point in time, or the backup's
	// end_time.
	Time time.Time
	// Backup is the newest restorable full backup that ended at or before
	// Time: the one restored with RestoreTypeBackup, the base of the point
	// in time otherwise.
	Backup Backup
	// Ranges are the spans read, from the backup's begin_time on.
	Ranges []TimeRange
	// Warnings say what was odd about the answers.
	Warnings []string
}

// NoRestorePointError is an instance with nothing restorable at or before
// a time.
type NoRestorePointError struct {
	InstanceID string
	NotAfter   time.Time
	// Backups is how many full backups of the instance were listed.
	Backups int
}

func (e *NoRestorePointError) Error() string {
	return fmt.Sprintf("instance %s has no restorable full backup (COMPLETED or AVAILABLE, with an end_time) "+
		"that ended at or before %s, among its %d backups, so no point can be restored", e.InstanceID,
		e.NotAfter.UTC().Format(time.RFC3339), e.Backups)
}

// LatestRestorePoint finds the newest point at or before notAfter that an
// instance can be restored to: the newest restorable full backup that ended
// by then, or a later point in time of the restore window when there is
// one. Every restore needs a full backup, so an instance with none fails.
func (c *Client) LatestRestorePoint(ctx context.Context, instanceID string, notAfter time.Time) (RestorePoint, error) {
	notAfter = notAfter.Truncate(time.Millisecond)
	backupQuery := BackupQuery{InstanceID: instanceID}
	listing, err := c.ListBackups(ctx, backupQuery)
	if err != nil {
		return RestorePoint{}, &RestorePointStepError{Backups: &backupQuery, Err: err}
	}
	var base Backup
	for _, b := range listing.Backups {
		restorable := b.InstanceID == instanceID && (b.Status == StatusCompleted || b.Status == StatusAvailable) &&
			!b.BeginTime.IsZero() && !b.EndTime.IsZero() && !b.EndTime.After(notAfter)
		// The newest data is the latest end; the listing is ordered by begin.
		if restorable && (base.ID == "" || b.EndTime.After(base.EndTime.Time)) {
			base = b
		}
	}
	if base.ID == "" {
		return RestorePoint{}, &NoRestorePointError{InstanceID: instanceID, NotAfter: notAfter, Backups: len(listing.Backups)}
	}
	// Every span that holds a point newer than the backup overlaps this
	// window; the cut to it is done by RestoreTimeRanges.
	windowQuery := RestoreTimeQuery{InstanceID: instanceID, BeginTime: base.BeginTime.Time, EndTime: notAfter}
	ranges, err := c.RestoreTimeRanges(ctx, windowQuery)
	if err != nil {
		return RestorePoint{}, &RestorePointStepError{Window: &windowQuery, Err: err}
	}
	point := RestorePoint{Type: RestoreTypeBackup, Time: base.EndTime.Time, Backup: base, Ranges: ranges,
		Warnings: listing.Warnings}
	if n := len(ranges); n > 0 && ranges[n-1].End.After(base.EndTime.Time) {
		point.Type, point.Time = RestoreTypeTimestamp, ranges[n-1].End
	}
	return point, nil
}

// RestorePointStepError is a failed request of LatestRestorePoint: the
// listing of the instance's backups (Backups set) or the reading of its
// restore window (Window set).
type RestorePointStepError struct {
	Backups *BackupQuery
	Window  *RestoreTimeQuery
	Err     error
}

func (e *RestorePointStepError) Error() string { return e.Err.Error() }

func (e *RestorePointStepError) Unwrap() error { return e.Err }
