package gaussdb

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
//
// The point is found twice: from the API's restore window, and from the
// chain of that backup and the binlogs after it without a gap. The two must
// agree (within restoreChainSlack); when they do not, the error names both,
// rather than give either in silence (an API that answers no window, or
// only part of it, would otherwise give a point a day or more older).
func (c *Client) LatestRestorePoint(ctx context.Context, instanceID string, notAfter time.Time) (RestorePoint, error) {
	notAfter = notAfter.Truncate(time.Millisecond)
	if now := c.now().Truncate(time.Millisecond); notAfter.After(now) {
		// Nothing can be restored to a time that has not come.
		notAfter = now
	}
	backupQuery := BackupQuery{InstanceID: instanceID}
	listing, err := c.ListBackups(ctx, backupQuery)
	if err != nil {
		return RestorePoint{}, &RestorePointStepError{Backups: &backupQuery, Err: err}
	}
	var base Backup
	var bases []Backup
	for _, b := range listing.Backups {
		if !restorable(b, instanceID) || b.EndTime.After(notAfter) {
			continue
		}
		bases = append(bases, b)
		// The newest data is the latest end; the listing is ordered by begin.
		if base.ID == "" || b.EndTime.After(base.EndTime.Time) {
			base = b
		}
	}
	if base.ID == "" {
		return RestorePoint{}, &NoRestorePointError{InstanceID: instanceID, NotAfter: notAfter, Backups: len(listing.Backups)}
	}
	windowQuery := RestoreTimeQuery{InstanceID: instanceID, BeginTime: base.BeginTime.Time, EndTime: notAfter}
	answered, err := c.restoreWindow(ctx, instanceID)
	if err != nil {
		return RestorePoint{}, &RestorePointStepError{Window: &windowQuery, Err: err}
	}
	ranges := joinRanges(answered, base.BeginTime.UTC(), notAfter)
	chain, err := c.chainFrom(ctx, instanceID, bases, base.EndTime.Time, notAfter)
	if err != nil {
		return RestorePoint{}, err
	}
	point := RestorePoint{Type: RestoreTypeBackup, Time: base.EndTime.Time, Backup: base, Ranges: ranges,
		Warnings: listing.Warnings}
	var fromAPI time.Time
	if n := len(ranges); n > 0 && ranges[n-1].End.After(base.EndTime.Time) {
		fromAPI = ranges[n-1].End
	}
	fromChain, span, _ := chain.newest(base.EndTime.Time, notAfter)
	if diff := fromAPI.Sub(fromChain); fromAPI.IsZero() != fromChain.IsZero() || diff > restoreChainSlack || diff < -restoreChainSlack {
		return RestorePoint{}, &RestorePointDisagreesError{InstanceID: instanceID, Base: base, FromAPI: fromAPI,
			FromChain: fromChain, Span: span, Ranges: ranges}
	}
	if !fromAPI.IsZero() {
		point.Type, point.Time = RestoreTypeTimestamp, fromAPI
	}
	return point, nil
}

// RestorePointDisagreesError is a restore window whose newest point is not
// the one the instance's full backups and binlogs make restorable.
type RestorePointDisagreesError struct {
	InstanceID string
	Base       Backup
	// FromAPI and FromChain are the newest points after Base's end by the
	// API's window and by the chain; zero when there is none.
	FromAPI, FromChain time.Time
	Span               chainSpan
	Ranges             []TimeRange
}

func (e *RestorePointDisagreesError) Error() string {
	chain := fmt.Sprintf("backup %s ended at %s, and no binlog after it reaches past that", e.Base.ID,
		FormatAPITime(e.Base.EndTime.Time))
	if !e.FromChain.IsZero() {
		chain = fmt.Sprintf("backup %s (ended %s) and the binlogs after it (%d), without a gap, reach %s", e.Span.base.ID,
			FormatAPITime(e.Span.base.EndTime.Time), e.Span.logs, formatMillis(e.FromChain))
	}
	api := "no span past that backup's end"
	if !e.FromAPI.IsZero() {
		api = "a newest point of " + formatMillis(e.FromAPI)
	}
	return fmt.Sprintf("the newest restore point of instance %s is not certain: its restore window (restore-time) "+
		"gives %s (spans: %s), but %s. No point is returned rather than one that may be older than the newest, or "+
		"not restorable; gaussdb_mysql_restore_time_ranges and gaussdb_mysql_incremental_backups show each side",
		e.InstanceID, api, describeRanges(e.Ranges), chain)
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
